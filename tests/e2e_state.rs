//! End-to-end, reading state: the real binary in a pseudo-terminal (as in `e2e.rs`), with
//! `XDG_STATE_HOME` pointed at a temporary folder. Bookmarks, read marks, the filter and the
//! article survive quitting, SIGTERM and files being moved; a damaged state file is set aside
//! with a message, once.

// Scenario tests read top to bottom, a step per line: their length is their story.
#![allow(clippy::too_many_lines)]

mod common;

use common::tui::{status_line, WAIT};
use docbao_core::state::ReadingState;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The shared pty harness, with this test's archive and state folder.
struct Tui;

impl Tui {
    fn start(archive: &Path, state: &Path) -> common::tui::Tui {
        let archive = archive.to_str().expect("utf-8 temp path");
        let state = state.to_str().expect("utf-8 temp path");
        common::tui::Tui::start(&[archive], 80, 24, &[("XDG_STATE_HOME", state)])
    }
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
        // The cache of a temporary archive stays with it, not in the user's cache folder.
        .env("XDG_CACHE_HOME", state.join("cache"))
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
    // the filter (only it lists 2 of 3) and the article come back, the filter in sight
    let s = t.wait_text("Articles 2/3");
    assert!(s.contains("Articles 2/3 · /since:2025-02"), "{s}");
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
    // The list fills in as soon as the filter (on its own thread) has run.
    let s = t.wait_for("the message and the list", |s| {
        s.contains("set aside") && s.contains("Articles 3/3")
    });
    assert!(status_line(&s).contains("reading state damaged"), "{s}");
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
    assert!(t.parser.lock().unwrap().callbacks().titles.is_empty());
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

#[test]
fn a_failed_save_is_said_in_the_status_line_when_it_happens() {
    let dir = archive();
    let state = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    // The state folder cannot be made: a file stands where it goes.
    std::fs::write(state.path().join("docbao"), "not a folder").unwrap();
    t.send("b");
    t.wait_text("★");
    // About a second later the save is tried, fails, and the status line says so while
    // docbao still runs (not only on the shell after quitting).
    let s = t.wait_status("cannot save reading state");
    assert!(s.contains("Articles 3/3"), "{s}");
    t.quit();
}

#[test]
fn queries_typed_come_back_with_up_in_the_next_session() {
    let dir = archive();
    let state = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    t.send("/bravo\r");
    t.wait_text("Articles 1/3");
    t.send("/charlie\r");
    t.wait_text("Articles 1/3 · /charlie");
    t.send("\x1b");
    t.wait_text("Articles 3/3");
    t.quit();

    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    t.send("/");
    t.send("\x1b[A");
    t.wait_status("/ charlie");
    t.send("\x1b[A");
    let s = t.wait_status("/ bravo");
    assert!(s.contains("Articles 1/3"), "{s}");
    t.send("\x1b[B");
    t.wait_status("/ charlie");
    t.send("\r");
    t.quit();
}

#[test]
fn tags_given_with_t_come_back_and_answer_tag_queries() {
    let dir = archive();
    let state = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    // Tag the first article; the bar is where the status line was.
    t.send("t");
    t.wait_status("tags:");
    t.send("Korea, an ninh\r");
    t.wait_status("tags: an-ninh, korea");
    // The second: `k` and Tab complete what the archive has (most used first).
    t.send("j");
    t.send("t");
    t.send("k");
    let s = t.wait_text("Tags 1/2");
    assert!(s.contains("korea"), "{s}");
    t.send("\t");
    t.wait_status("tags: korea");
    t.send(", thời tiết\r");
    t.wait_status("tags: korea, thời-tiết");
    t.quit();

    // The command line reads them (and writes nothing).
    let files = state_files(state.path());
    let korea = list(dir.path(), state.path(), "tag:korea");
    assert!(
        korea.contains("Alpha") && korea.contains("Bravo") && korea.lines().count() == 2,
        "{korea}"
    );
    let saved = ReadingState::from_json(&std::fs::read(&files[0]).unwrap()).expect("a state file");
    assert_eq!(saved.tag_counts().len(), 3);

    // Back in the reader: tag:NAME filters, the reader shows them; a tag taken off the line
    // is removed, and that is saved too.
    let mut t = Tui::start(dir.path(), state.path());
    t.wait_text("Articles 3/3");
    t.send("/tag:an-ninh\r");
    t.wait_text("Articles 1/3");
    t.send("\r");
    let s = t.wait_text("tags: an-ninh, korea");
    assert!(s.contains("Alpha: tin thứ nhất"), "{s}");
    t.send("\x1b");
    t.send("t");
    t.wait_status("tags: an-ninh, korea,");
    t.send("\x17\r");
    t.wait_status("tags: an-ninh (removed: korea)");
    t.quit();
    let korea = list(dir.path(), state.path(), "tag:korea");
    assert!(korea.contains("Bravo") && korea.lines().count() == 1, "{korea}");
}
