//! End-to-end: the configuration as a user meets it, the real binary in a pseudo-terminal.

mod common;

use common::tui::{status_line, Tui};
use std::time::Duration;

/// A `$XDG_CONFIG_HOME` holding `docbao/config.yaml`.
fn config_home(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("docbao")).expect("mkdir");
    std::fs::write(dir.path().join("docbao/config.yaml"), yaml).expect("write config");
    dir
}

#[test]
fn a_broken_config_is_a_clear_error_and_exit_2() {
    let home = config_home("keys:\n  browse:\n    filter: f\n    quit: [q, Ctrl+q]\n");
    let xdg = home.path().to_str().expect("utf-8 temp path");
    let mut t = Tui::start(&[], 100, 24, &[("XDG_CONFIG_HOME", xdg)]);
    assert_eq!(t.wait_exit(), 2);
    let s = t.screen();
    assert!(s.contains("config.yaml line 4"), "{s}");
    assert!(s.contains("key `keys.browse.quit[1]`"), "{s}");
    assert!(s.contains("`Ctrl+q` is not a key"), "{s}");
    assert!(s.contains("did you mean `C-q`?"), "{s}");
    assert!(s.contains("nothing was started"), "{s}");
    // It stopped before touching the terminal: no reader was drawn, nothing left to restore.
    assert!(!s.contains("Articles"), "{s}");
    t.assert_restored();
}

#[test]
fn rebound_keys_colours_and_dates_in_the_running_reader() {
    let home = config_home(
        "date_format: \"%d/%m/%Y\"\n\
         keys:\n  browse:\n    filter: f\n    quit: [x]\n    help: [F2]\n\
         theme:\n  date: bold red\n",
    );
    let xdg = home.path().to_str().expect("utf-8 temp path");
    // tall and wide enough for the whole help in two columns
    let mut t = Tui::start(&[], 130, 40, &[("XDG_CONFIG_HOME", xdg)]);
    let s = t.wait_text("Articles 50/50");
    // the date format, in the colour the theme gives dates (on a row that is not selected)
    assert!(s.contains("10/02/2026 "), "{s}");
    {
        let p = t.parser.lock().expect("parser");
        let row = s
            .lines()
            .position(|l| l.contains("06/02/2026"))
            .expect("dated row") as u16;
        let col = s
            .lines()
            .nth(row as usize)
            .and_then(|l| l.find("06/02"))
            .expect("date") as u16;
        let cell = p.screen().cell(row, col + 1).expect("cell");
        assert_eq!(cell.fgcolor(), vt100::Color::Idx(1), "date not red");
        assert!(cell.bold(), "date not bold");
    }
    // the footer names the user's keys (once the "loaded" message has gone)
    let s = t.wait_for("the footer's hints", |s| status_line(s).contains(" filter"));
    let status = status_line(&s);
    assert!(
        status.contains("f filter") && status.contains("F2 help"),
        "{status}"
    );
    assert!(!status.contains("/ filter"), "{status}");
    // `/` no longer filters; `f` does
    t.send("/");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!status_line(&t.screen()).starts_with("/ "), "{}", t.screen());
    t.send("f");
    t.send("buyt dien");
    let s = t.wait_for("a narrowed list", |s| {
        s.contains("Articles ") && !s.contains("Articles 50/50")
    });
    assert!(status_line(&s).starts_with("/ buyt dien"), "{s}");
    t.send("\x1b");
    t.wait_text("Articles 50/50");
    // the help lists the user's keys
    t.send("\x1bOQ"); // F2
    t.wait_text("Help");
    // The help's rows wrap rather than being cut: its end is a scroll away.
    t.send("G");
    let s = t.wait_text("this help");
    assert!(
        s.contains("F2") && s.contains("this help") && s.contains("f  "),
        "{s}"
    );
    assert!(!s.contains("? F1"), "{s}");
    t.send("\x1b");
    t.wait_for("help closed", |s| !s.contains("Help ·"));
    // `q` is no longer quit; `x` is
    t.send("q");
    std::thread::sleep(Duration::from_millis(300));
    assert!(t.child.try_wait().ok().flatten().is_none(), "q still quits");
    t.send("x");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}
