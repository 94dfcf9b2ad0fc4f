//! End-to-end, reading state: the real binary in a pseudo-terminal (as in `e2e.rs`), with
//! `XDG_STATE_HOME` pointed at a temporary folder. Bookmarks, read marks, the filter and the
//! article survive quitting, SIGTERM and files being moved; a damaged state file is set aside
//! with a message, once.

use docbao::state::ReadingState;
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Counts window-title changes: text from a state file must never make one.
#[derive(Default)]
struct Seen {
    titles: usize,
}

impl vt100::Callbacks for Seen {
    fn set_window_title(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.titles += 1;
    }
}

struct Tui {
    parser: Arc<Mutex<vt100::Parser<Seen>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

const WAIT: Duration = Duration::from_secs(20);

impl Tui {
    fn start(archive: &Path, state: &Path) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_docbao"));
        cmd.arg(archive);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_STATE_HOME", state);
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn docbao");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            24,
            80,
            0,
            Seen::default(),
        )));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut parser) = p.lock() {
                            parser.process(&buf[..n]);
                        }
                    }
                }
            }
        });
        Tui {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    fn wait_status(&self, text: &str) -> String {
        self.wait_for(text, |s| status_line(s).contains(text))
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(200));
                return status.exit_code();
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("docbao did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn quit(&mut self) {
        self.send("q");
        assert_eq!(self.wait_exit(), 0);
    }

    fn signal(&mut self, sig: &str) {
        let pid = self.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        self.wait_exit();
    }
}

fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").to_string()
}

/// The list row of the article whose title holds `title`.
fn row<'a>(screen: &'a str, title: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("no row for {title}:\n{screen}"))
}

fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "a.txt",
        "date 2025-03-01 Alpha: tin thứ nhất.\n\nNội dung thứ nhất.",
    );
    w(
        "b.txt",
        "date 2025-02-01 Bravo: tin thứ hai.\n\nNội dung thứ hai.",
    );
    w(
        "sub/c.txt",
        "date 2025-01-01 Charlie: tin thứ ba.\n\nNội dung thứ ba.",
    );
    dir
}

/// The files in the state folder, by name, without the temporary files of a save under way
/// (`.NAME.tmp-…`).
fn state_files(state: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(state.join("docbao"))
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn list(archive: &Path, state: &Path, query: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docbao"))
        .args(["list", archive.to_str().unwrap(), "--query", query])
        .env("XDG_STATE_HOME", state)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn marks_filter_and_article_survive_quit_signals_and_moved_files() {
    let dir = archive();
    let state = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    t.wait_status("3 unread");
    // bookmark the first (newest), mark the second read, read the third in the reader
    t.send("b");
    let s = t.wait_text("★");
    assert!(row(&s, "Alpha").contains('★'), "{s}");
    t.send("j");
    t.send("u");
    let s = t.wait_status("2 unread");
    assert!(!row(&s, "Bravo").contains('•'), "{s}");
    assert!(row(&s, "Charlie").contains('•'), "{s}");
    t.send("j");
    t.send("\r");
    t.wait_text("Reader");
    // three seconds open in the reader make it read
    t.wait_status("1 unread");
    t.send("\x1b");
    t.wait_text("Articles 3/3");
    // a filter, and an article selected in it
    t.send("/since:2025-02\r");
    t.wait_text("Articles 2/3");
    t.send("j");
    t.quit();
    let files = state_files(state.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let saved = ReadingState::from_json(&std::fs::read(&files[0]).unwrap()).expect("a state file");
    assert_eq!(saved.len(), 3);

    // The command line reads the same marks, and writes nothing.
    let unread = list(dir.path(), state.path(), "is:unread");
    assert!(
        unread.contains("Alpha") && unread.lines().count() == 1,
        "{unread}"
    );
    let bookmarked = list(dir.path(), state.path(), "is:bookmarked");
    assert!(
        bookmarked.contains("Alpha") && bookmarked.lines().count() == 1,
        "{bookmarked}"
    );
    assert_eq!(state_files(state.path()), files);

    // Files moved and renamed between sessions keep their marks.
    std::fs::create_dir_all(dir.path().join("old")).unwrap();
    std::fs::rename(dir.path().join("a.txt"), dir.path().join("old/alpha-moved.txt")).unwrap();
    std::fs::rename(dir.path().join("b.txt"), dir.path().join("sub/bravo.txt")).unwrap();
    let mut t = Tui::start(dir.path(), state.path());
    // the filter (only it lists 2 of 3) and the article come back
    let s = t.wait_text("Articles 2/3");
    assert!(row(&s, "Alpha").contains('★'), "{s}");
    assert!(!row(&s, "Bravo").contains('•'), "{s}");
    t.send("\r");
    let s = t.wait_text("Reader");
    assert!(
        s.contains("Bravo: tin thứ hai"),
        "the article selected last time:\n{s}"
    );
    t.send("\x1b");
    t.send("\x1b");
    let s = t.wait_text("Articles 3/3");
    assert!(status_line(&s).contains("1 unread"), "{s}");
    // is:bookmarked in the reader
    t.send("/is:bookmarked\r");
    let s = t.wait_text("Articles 1/3");
    assert!(s.contains("Alpha"), "{s}");
    t.send("\x1b");
    t.wait_text("Articles 3/3");
    // unread again by hand, a second bookmark, then SIGTERM before the save is due
    t.send("G");
    t.send("u");
    t.send("b");
    t.wait_status("2 unread");
    t.signal("-TERM");

    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    let s = t.wait_status("2 unread");
    assert!(row(&s, "Charlie").contains('★'), "{s}");
    t.send("/is:bookmarked\r");
    t.wait_text("Articles 2/3");
    t.send("\x1b");
    t.wait_text("Articles 3/3");
    t.send("/is:unread\r");
    let s = t.wait_text("Articles 2/3");
    assert!(
        s.contains("Charlie") && s.contains("Alpha") && !s.contains("Bravo"),
        "{s}"
    );
    t.quit();
    assert_eq!(state_files(state.path()).len(), 1);
}

#[test]
fn a_damaged_state_file_is_set_aside_and_said_once() {
    let dir = archive();
    let state = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    t.send("b");
    t.wait_text("★");
    t.quit();
    let files = state_files(state.path());
    assert_eq!(files.len(), 1);
    let path = files[0].clone();
    let junk = b"{\"format\": \"docbao reading state\", \"version\": 1, \"\x1b]0;pwned\x07articles\": [tru";
    std::fs::write(&path, junk).unwrap();

    let mut t = Tui::start(dir.path(), state.path());
    let s = t.wait_text("set aside");
    assert!(status_line(&s).contains("reading state damaged"), "{s}");
    assert!(s.contains("Articles 3/3"), "docbao goes on:\n{s}");
    assert!(!s.contains('★'), "starts afresh:\n{s}");
    let files = state_files(state.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let aside = &files[0];
    let name = aside.file_name().unwrap().to_string_lossy().into_owned();
    let stem = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("{stem}.corrupt-")), "{name}");
    assert_eq!(
        std::fs::read(aside).unwrap(),
        junk,
        "the damaged file is kept as it was"
    );
    t.send("u");
    t.wait_status("2 unread");
    t.quit();
    assert_eq!(t.parser.lock().unwrap().callbacks().titles, 0);
    // a new, whole state file beside the one set aside
    let saved = ReadingState::from_json(&std::fs::read(&path).unwrap()).expect("a new state file");
    assert_eq!(saved.len(), 1);
    assert_eq!(state_files(state.path()).len(), 2);

    // told once: the next start is quiet
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("articles loaded");
    let s = t.wait_status("2 unread");
    assert!(!s.contains("set aside") && !s.contains("damaged"), "{s}");
    t.quit();
}

#[test]
fn a_mark_reaches_the_disk_by_itself_and_survives_kill_9() {
    let dir = archive();
    let state = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    t.send("b");
    t.wait_text("★");
    // saved about a second after the change, with no quit
    let start = Instant::now();
    let saved = loop {
        let s = state_files(state.path())
            .first()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|b| ReadingState::from_json(&b).ok());
        if let Some(s) = s.filter(|s| s.len() == 1) {
            break s;
        }
        assert!(start.elapsed() < WAIT, "the mark was never saved");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(saved.len(), 1);
    t.signal("-KILL");
    let mut t = Tui::start(dir.path(), state.path());
    let s = t.wait_text("Articles 3/3");
    assert!(row(&s, "Alpha").contains('★'), "{s}");
    t.quit();
}
