//! End-to-end: the real binary in a pseudo-terminal (portable-pty), its output parsed by a
//! terminal emulator (vt100), keys typed as a user would, the screen read back.

mod common;

use common::tui::{status_line, Tui, WAIT};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::Read;
use std::time::{Duration, Instant};

#[test]
fn browse_filter_read_pick_timeline_quit() {
    let mut t = Tui::start(&[], 80, 24, &[]);
    let s = t.wait_text("Articles 50/50");
    assert!(s.contains("Timeline"));
    // filter as you type, without diacritics
    t.send("/");
    t.send("buyt dien");
    let s = t.wait_for("a narrowed list", |s| {
        s.contains("Articles ") && !s.contains("Articles 50/50")
    });
    assert!(s.to_lowercase().contains("buýt điện"), "{s}");
    assert!(status_line(&s).starts_with("/ buyt dien"), "{s}");
    // Enter keeps the filter; Enter again opens the article full screen
    t.send("\r");
    t.send("\r");
    let s = t.wait_text("Reader");
    assert!(
        !s.contains("Articles "),
        "the reader takes the screen at 80x24:\n{s}"
    );
    let before = t.screen();
    t.send("\x1b[6~"); // PgDn
    let after = t.wait_for("a scrolled reader", |s| s != before);
    assert!(after.contains("Reader"));
    // Esc gives the list back, filter kept
    t.send("\x1b");
    let s = t.wait_text("Articles ");
    assert!(!s.contains("Articles 50/50"));
    // Esc again clears the filter
    t.send("\x1b");
    t.wait_text("Articles 50/50");
    // person picker: type part of a name, Enter filters by that person
    t.send("p");
    t.wait_text("Persons ");
    t.send("hegseth");
    t.wait_text("Hegseth");
    t.send("\r");
    let s = t.wait_for("a person filter", |s| {
        status_line(s).contains("@\"") && !s.contains("Persons ")
    });
    assert!(status_line(&s).to_lowercase().contains("hegseth"), "{s}");
    assert!(!s.contains("Articles 50/50"));
    t.send("\x1b"); // clear the filter
    t.wait_text("Articles 50/50");
    // timeline: Tab twice, move the cursor, zoom, Enter filters to the period
    t.send("\t\t");
    let s0 = t.wait_text("Timeline");
    let label = |s: &str| s.lines().rev().nth(2).unwrap_or("").to_string();
    t.send("h");
    let s1 = t.wait_for("the cursor to move", |s| label(s) != label(&s0));
    t.send("+");
    let s2 = t.wait_text("by month");
    assert_ne!(label(&s1), label(&s2));
    t.send("\r");
    let s = t.wait_for("a period filter", |s| status_line(s).contains("period "));
    assert!(!s.contains("Articles 50/50"), "{s}");
    // help lists the keys
    t.send("?");
    t.wait_text("Help");
    t.send("x");
    t.wait_for("help closed", |s| !s.contains("Help ·"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for sig in ["-TERM", "-HUP"] {
        let mut t = Tui::start(&[], 100, 30, &[]);
        t.wait_text("Articles 50/50");
        let pid = t.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let code = t.wait_exit();
        assert_ne!(code, 0, "{sig}: killed by a signal is not success");
        t.assert_restored();
    }
}

#[test]
fn escape_sequences_in_articles_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.txt"),
        "date 2025-01-01 Evil article \x1b]0;pwned\x07 with a title change.\n\nAnd a clear \x1b[2J here and \x1b[31mred\x1b[0m text and a bell \x07.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("plain.txt"),
        "date 2024-01-01 A plain article for company.\n\nNothing odd.",
    )
    .unwrap();
    let mut t = Tui::start(&[dir.path().to_str().unwrap()], 80, 24, &[]);
    t.wait_text("Articles 2/2");
    t.send("\r");
    let s = t.wait_text("Reader");
    assert!(s.contains("And a clear"), "{s}");
    assert!(s.contains("here and red text"), "{s}");
    // the screen was not cleared under the reader: its frame is intact
    assert!(s.contains("┌ Reader"));
    t.send("\x1b");
    t.wait_text("Articles 2/2");
    t.send("q");
    t.wait_exit();
    let p = t.parser.lock().unwrap();
    assert!(
        p.callbacks().titles.is_empty(),
        "the title was changed: {:?}",
        p.callbacks().titles
    );
}

#[test]
fn copy_uses_osc52() {
    let mut t = Tui::start(&[], 120, 30, &[]);
    t.wait_text("Articles 50/50");
    t.send("y");
    t.wait_text("copied:");
    t.send("q");
    t.wait_exit();
    let p = t.parser.lock().unwrap();
    assert_eq!(p.callbacks().clipboard.len(), 1);
}

#[test]
fn vietnamese_ime_burst_and_paste() {
    let mut t = Tui::start(&[], 100, 30, &[]);
    t.wait_text("Articles 50/50");
    t.send("/");
    // Telex: "buyt" then the IME erases "u" "y" "t" and sends "uýt", all in one burst
    t.send("buyt\x7f\x7f\x7fuýt đi");
    t.wait_for("composed text", |s| status_line(s).starts_with("/ buýt đi"));
    // bracketed paste of a multi-line string lands as one line
    t.send("\x1b[200~ện\nHà\x1b[201~");
    let s = t.wait_for("pasted text", |s| status_line(s).starts_with("/ buýt điện Hà"));
    assert!(!s.contains("Articles 50/50"));
    t.send("\x03"); // Ctrl-c quits from the filter bar too
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

/// A script standing in for an editor or a pager: records its arguments and stdin.
fn recorder(dir: &std::path::Path, name: &str, read_stdin: bool) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join(name);
    let log = dir.join(format!("{name}.log"));
    let cat = if read_stdin {
        format!("cat >> '{}'\n", log.display())
    } else {
        String::new()
    };
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"args: $*\" > '{0}'\n{cat}", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    log
}

#[test]
fn editor_and_pager_suspend_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2025-05-05 Một bài để mở bằng trình soạn thảo.\n\nNội dung.",
    )
    .unwrap();
    let tools = tempfile::tempdir().unwrap();
    let editor_log = recorder(tools.path(), "editor", false);
    let pager_log = recorder(tools.path(), "pager", true);
    let editor = tools.path().join("editor");
    let pager = tools.path().join("pager");
    let mut t = Tui::start(
        &[dir.path().to_str().unwrap()],
        80,
        24,
        &[
            ("EDITOR", editor.to_str().unwrap()),
            ("VISUAL", editor.to_str().unwrap()),
            ("PAGER", pager.to_str().unwrap()),
        ],
    );
    t.wait_text("Articles 1/1");
    t.send("e");
    let start = Instant::now();
    while !editor_log.exists() && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(30));
    }
    let log = std::fs::read_to_string(&editor_log).unwrap();
    assert!(log.contains("a.txt"), "{log}");
    // back in the reader, drawn whole again
    t.wait_for("the list back", |s| {
        s.contains("Articles 1/1") && s.contains("Timeline")
    });
    t.send("o");
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if std::fs::read_to_string(&pager_log).is_ok_and(|l| l.contains("Nội dung.")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    let log = std::fs::read_to_string(&pager_log).unwrap();
    assert!(log.contains("Một bài để mở bằng trình soạn thảo"), "{log}");
    t.wait_for("the list back", |s| {
        s.contains("Articles 1/1") && s.contains("Timeline")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn an_empty_visual_or_editor_counts_as_unset() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2025-05-05 Một bài để mở bằng trình soạn thảo.\n\nNội dung.",
    )
    .unwrap();
    let tools = tempfile::tempdir().unwrap();
    let editor_log = recorder(tools.path(), "editor", false);
    let editor = tools.path().join("editor");
    // `VISUAL=` as a shell leaves it after `VISUAL= cmd` or an emptied profile line: the
    // editor is $EDITOR, not "cannot run : empty command".
    let mut t = Tui::start(
        &[dir.path().to_str().unwrap()],
        80,
        24,
        &[("VISUAL", ""), ("EDITOR", editor.to_str().unwrap())],
    );
    t.wait_text("Articles 1/1");
    t.send("e");
    let start = Instant::now();
    while !editor_log.exists() && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(30));
    }
    let log = std::fs::read_to_string(&editor_log).unwrap_or_default();
    assert!(log.contains("a.txt"), "the editor did not run: {}", t.screen());
    let s = t.wait_for("the list back", |s| {
        s.contains("Articles 1/1") && s.contains("Timeline")
    });
    assert!(!s.contains("cannot run"), "{s}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn plain_linux_console_without_colour() {
    let mut t = Tui::start(&[], 80, 24, &[("TERM", "linux"), ("NO_COLOR", "1")]);
    let s = t.wait_text("Articles 50/50");
    assert!(s.contains("Timeline"));
    {
        let p = t.parser.lock().unwrap();
        let screen = p.screen();
        for row in 0..24 {
            for col in 0..80 {
                if let Some(c) = screen.cell(row, col) {
                    assert_eq!(c.fgcolor(), vt100::Color::Default, "colour at {row},{col}");
                    assert_eq!(c.bgcolor(), vt100::Color::Default, "colour at {row},{col}");
                }
            }
        }
    }
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back() {
    // A real interactive shell with job control, as a user has.
    let mut t = Tui::start_program("bash", &["--norc", "--noprofile", "-i"], 80, 24, &[("PS1", "$ ")]);
    t.wait_text("$");
    t.send(&format!("{}\r", env!("CARGO_BIN_EXE_docbao")));
    t.wait_text("Articles 50/50");
    t.send("\x1a");
    let s = t.wait_for("the shell", |s| s.contains("Stopped"));
    assert!(!s.contains("Articles 50/50"), "{s}");
    t.assert_restored_at_a_shell();
    t.send("fg\r");
    t.wait_text("Articles 50/50");
    t.send("q");
    t.wait_for("the prompt back", |s| !s.contains("Articles 50/50"));
    t.assert_restored_at_a_shell();
    t.send("exit\r");
    t.wait_exit();
}

#[test]
fn a_dropped_connection_ends_the_process() {
    // No reader thread here: every handle on the pty is closed at once, as when ssh drops.
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let config_home = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_docbao"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", config_home.path());
    cmd.env("XDG_STATE_HOME", config_home.path().join("state"));
    cmd.env("XDG_CACHE_HOME", config_home.path().join("cache"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("Articles") {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "docbao ended before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    drop(reader);
    drop(writer);
    drop(pair.master);
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("docbao kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_ne!(status.exit_code(), 101, "no panic on a dead terminal");
    assert_ne!(status.exit_code(), 0);
}

#[test]
fn w_writes_the_articles_shown_to_a_file_while_the_reader_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("a.txt", "date 2025-05-05 Tin một về giao thông.\n\nNội dung một."),
        ("b.txt", "date 2025-05-06 Tin hai về thời tiết.\n\nNội dung hai."),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("tin.md");
    let mut t = Tui::start(&[dir.path().to_str().unwrap()], 80, 24, &[]);
    t.wait_text("Articles 2/2");
    t.send("/thoi tiet\r");
    t.wait_text("Articles 1/2");
    t.send("w");
    t.wait_status("write 1 article to:");
    t.send(&format!("{}\r", file.display()));
    t.wait_status("wrote 1 article to");
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(md.starts_with("## Tin hai về thời tiết\n"), "{md}");
    // Again: the name is offered, the file exists, a second Enter overwrites it.
    t.send("w\r");
    t.wait_status("exists");
    t.send("\r");
    t.wait_status("wrote 1 article to");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
