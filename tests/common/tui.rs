//! A real docbao in a pseudo-terminal (portable-pty), its output parsed by a terminal emulator
//! (vt100): start it, type keys, read the screen back. Shared by the end-to-end tests.
#![allow(dead_code)] // each test file uses its own part

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Records what the program asked the terminal to do besides drawing.
#[derive(Default)]
pub struct Seen {
    pub titles: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Seen {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

pub struct Tui {
    pub parser: Arc<Mutex<vt100::Parser<Seen>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// Empty `$XDG_CONFIG_HOME`, `$XDG_STATE_HOME` and `$XDG_CACHE_HOME`: the user's own
    /// configuration, reading state and caches never reach a test, nor one test's another's.
    _homes: tempfile::TempDir,
}

pub const WAIT: Duration = Duration::from_secs(20);

impl Tui {
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        Tui::start_program(env!("CARGO_BIN_EXE_docbao"), args, cols, rows, env)
    }

    pub fn start_program(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        let homes = tempfile::tempdir().expect("temp homes");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("DOCBAO_CONFIG");
        // Links open as the test says, never in the desktop of whoever runs the tests.
        for k in ["BROWSER", "DISPLAY", "WAYLAND_DISPLAY"] {
            cmd.env_remove(k);
        }
        cmd.env("XDG_CONFIG_HOME", homes.path().join("config"));
        cmd.env("XDG_STATE_HOME", homes.path().join("state"));
        cmd.env("XDG_CACHE_HOME", homes.path().join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn docbao");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows,
            cols,
            0,
            Seen::default(),
        )));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut frames = Frames::default();
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let whole = frames.take(&buf[..n]);
                        if let Ok(mut parser) = p.lock() {
                            parser.process(&whole);
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
            _homes: homes,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn wait_status(&self, text: &str) -> String {
        self.wait_for(text, |s| status_line(s).contains(text))
    }

    /// `q`, and a clean exit.
    pub fn quit(&mut self) {
        self.send("q");
        assert_eq!(self.wait_exit(), 0);
    }

    /// Sends a signal (`-TERM`, `-KILL` ...) and waits for the process to end.
    pub fn signal(&mut self, sig: &str) {
        let pid = self.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .expect("kill");
        assert!(ok.success());
        self.wait_exit();
    }

    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // let the reader thread take the last bytes
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

    /// The terminal is as the program found it: main screen, cursor shown, no mouse reporting,
    /// no bracketed paste.
    /// As `assert_restored`, where an interactive shell has turned bracketed paste on itself.
    pub fn assert_restored_at_a_shell(&self) {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
    }

    pub fn assert_restored(&self) {
        self.assert_restored_at_a_shell();
        let p = self.parser.lock().unwrap();
        assert!(!p.screen().bracketed_paste(), "bracketed paste left on");
    }
}

const BEGIN_FRAME: &[u8] = b"\x1b[?2026h";
const END_FRAME: &[u8] = b"\x1b[?2026l";

/// Holds back what is written inside a synchronized update (mode 2026) until its end, as a
/// terminal that knows the mode does: the screen read by a test is never a frame half drawn.
#[derive(Default)]
struct Frames {
    held: Vec<u8>,
    inside: bool,
}

impl Frames {
    /// The bytes that can be shown now, given the next bytes read.
    fn take(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.held.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            let marker = if self.inside { END_FRAME } else { BEGIN_FRAME };
            match find(&self.held, marker) {
                Some(i) => {
                    let end = i + marker.len();
                    out.extend(self.held.drain(..end));
                    self.inside = !self.inside;
                }
                None if self.inside => return out,
                None => {
                    // Keep a tail that may be the start of the next frame's marker.
                    let keep = (1..marker.len())
                        .rev()
                        .find(|&k| self.held.ends_with(&marker[..k]))
                        .unwrap_or(0);
                    let upto = self.held.len() - keep;
                    out.extend(self.held.drain(..upto));
                    return out;
                }
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").to_string()
}
