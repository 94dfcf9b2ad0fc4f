//! End-to-end, the conventions of the tools docbao's users live in: `q` closes the full-screen
//! reader (as in less and newsboat) and quits only from the list, `J`/`K` step through the
//! articles without leaving the reader, and the mouse reports clicks and the wheel, never
//! motion, or nothing at all when the configuration says `mouse: false`.

mod common;

use common::tui::{status_line, Tui};

/// The reader's title row (its first line).
fn reader_title(screen: &str) -> String {
    screen
        .lines()
        .nth(1)
        .unwrap_or("")
        .trim_matches('│')
        .trim()
        .to_string()
}

#[test]
fn q_closes_the_reader_j_and_k_step_through_the_articles() {
    let mut t = Tui::start(&[], 80, 24, &[]);
    t.wait_text("Articles 50/50");
    t.send("\r");
    let first = t.wait_text("┌ Reader");
    let title1 = reader_title(&first);
    assert!(!first.contains("Articles 50/50"), "full screen:\n{first}");
    t.send("J");
    let second = t.wait_for("the next article", |s| {
        s.contains("┌ Reader") && reader_title(s) != title1
    });
    assert!(!second.contains("Articles 50/50"), "still the reader:\n{second}");
    t.send("]");
    let third = t.wait_for("the one after", |s| {
        reader_title(s) != reader_title(&second) && reader_title(s) != title1
    });
    t.send("K");
    t.wait_for("back one", |s| reader_title(s) == reader_title(&second));
    t.send("[");
    t.wait_for("back to the first", |s| reader_title(s) == title1);
    let _ = third;
    // q closes the reader, not docbao
    t.send("q");
    let s = t.wait_text("Articles 50/50");
    assert!(s.contains("Timeline"), "{s}");
    assert_eq!(t.child.try_wait().ok().flatten().map(|s| s.exit_code()), None);
    // from the list, q quits
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

/// A `$XDG_CONFIG_HOME` holding `docbao/config.yaml`.
fn config_home(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("docbao")).expect("mkdir");
    std::fs::write(dir.path().join("docbao/config.yaml"), yaml).expect("write config");
    dir
}

#[test]
fn the_mouse_reports_clicks_and_the_wheel_but_never_motion() {
    let mut t = Tui::start(&[], 80, 24, &[]);
    // The first frame drawn whole, through its status line.
    t.wait_for("the list", |s| {
        s.contains("Articles 50/50") && status_line(s).contains("50 unread")
    });
    {
        let p = t.parser.lock().expect("parser");
        let s = p.screen();
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::PressRelease,
            "clicks and the wheel, no motion tracking (1002/1003)"
        );
        assert_eq!(s.mouse_protocol_encoding(), vt100::MouseProtocolEncoding::Sgr);
    }
    // A click on the fourth row of the list (screen row 5, 1-based) selects it.
    let fourth = t.screen().lines().nth(4).unwrap_or("").to_string();
    // Its title's first words: past the marks and the date.
    let words: Vec<&str> = fourth.split_whitespace().skip(2).take(3).collect();
    let words = words.join(" ");
    assert_eq!(words.split(' ').count(), 3, "{fourth:?}");
    t.send("\x1b[<0;20;5M\x1b[<0;20;5m");
    t.send("\r");
    let s = t.wait_text("┌ Reader");
    assert!(
        reader_title(&s).starts_with(&words),
        "{words:?} from {fourth:?}:\n{s}"
    );
    // The wheel over the reader scrolls it.
    let before = t.screen();
    t.send("\x1b[<65;20;10M");
    t.wait_for("a scrolled reader", |s| s != before);
    t.send("q");
    t.wait_text("Articles 50/50");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn mouse_false_leaves_the_mouse_to_the_terminal() {
    let home = config_home("mouse: false\n");
    let xdg = home.path().to_str().expect("utf-8 temp path");
    let mut t = Tui::start(&[], 80, 24, &[("XDG_CONFIG_HOME", xdg)]);
    // The first frame drawn whole, through its status line (a frame is written in pieces).
    t.wait_for("the list", |s| {
        s.contains("Articles 50/50") && status_line(s).contains("50 unread")
    });
    assert_eq!(
        t.parser.lock().expect("parser").screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn at_80_columns_a_long_path_gives_way_to_the_key_hints() {
    let base = tempfile::tempdir().expect("temp dir");
    let dir = base
        .path()
        .join("tin-tuc/vnexpress/2025/thoi-su/quoc-phong/ban-luu-tru-day-du");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("a.txt"),
        "date 2025-03-01 Một bài trong thư mục sâu\n\nNội dung.\n",
    )
    .expect("write");
    let mut t = Tui::start(&[dir.to_str().expect("utf-8")], 80, 24, &[]);
    t.wait_text("Articles 1/1");
    // Once loaded and the load summary gone, the hints stay whole and the path is shortened.
    let s = t.wait_for("the hints", |s| {
        let line = status_line(s);
        line.contains("? help") && !line.contains("loading")
    });
    let line = status_line(&s);
    assert!(line.contains("/ filter · p persons · ? help"), "{line}");
    assert!(line.contains("…/ban-luu-tru-day-du"), "{line}");
    assert!(line.contains("1 unread · 1/1"), "{line}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// docbao on a folder of one article whose text holds a link besides its address, with
/// `env`, the article open in the reader (the folder is kept while it runs).
fn reading_links(env: &[(&str, &str)]) -> (tempfile::TempDir, Tui) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "# url = https://tin.example.vn/bai-a.htm\n# date = 20250501\nBài có liên kết\n\
         Đăng ký tại https://dangky.example.vn/form trước ngày 5/5.\n",
    )
    .expect("write");
    let mut t = Tui::start(&[dir.path().to_str().expect("utf-8")], 80, 24, env);
    t.wait_text("Articles 1/1");
    t.send("\r");
    let s = t.wait_text("https://dangky.example.vn/form [2]");
    assert!(s.contains("[1] https://tin.example.vn/bai-a.htm"), "{s}");
    (dir, t)
}

/// An executable shell script `name` in `dir`.
fn script(dir: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write");
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn a_digit_in_the_reader_opens_its_link_in_the_users_browser() {
    // A "browser" that writes down what it was asked to open.
    let bin = tempfile::tempdir().expect("temp dir");
    let got = bin.path().join("opened");
    let browser = script(
        bin.path(),
        "browser",
        &format!("printf '%s\\n' \"$@\" > '{}'", got.display()),
    );
    let (_dir, mut t) = reading_links(&[("BROWSER", browser.to_str().expect("utf-8"))]);
    t.send("2");
    t.wait_status("opened link 2 with");
    let opened = std::fs::read_to_string(&got).expect("the browser ran");
    assert_eq!(opened, "https://dangky.example.vn/form\n");
    // The reader is drawn again, whole, after the browser had the terminal.
    let s = t.wait_text("┌ Reader");
    assert!(s.contains("Bài có liên kết"), "{s}");
    t.send("q");
    t.quit();
    t.assert_restored();
}

#[test]
fn over_ssh_with_no_display_a_link_goes_to_the_clipboard() {
    let (_dir, mut t) = reading_links(&[("SSH_TTY", "/dev/pts/9")]);
    t.send("1");
    t.wait_status("copied link 1 (no display");
    t.send("q");
    t.quit();
    let p = t.parser.lock().unwrap();
    let copied: Vec<String> = p
        .callbacks()
        .clipboard
        .iter()
        .map(|d| String::from_utf8_lossy(d).into_owned())
        .collect();
    drop(p);
    // OSC 52 carries the address in base64.
    assert_eq!(copied, ["aHR0cHM6Ly90aW4uZXhhbXBsZS52bi9iYWktYS5odG0="]);
}

#[test]
fn a_browser_that_fails_leaves_the_link_on_the_clipboard_and_says_why() {
    let (_dir, mut t) = reading_links(&[("BROWSER", "false")]);
    t.send("2");
    t.wait_status("copied link 2 instead: false exited with status 1");
    t.send("q");
    t.quit();
    let p = t.parser.lock().unwrap();
    assert_eq!(p.callbacks().clipboard.len(), 1);
}

#[test]
fn on_a_desktop_an_opener_that_fails_leaves_the_link_copied() {
    // An xdg-open with no handler for the address, as on a desktop missing a browser.
    let bin = tempfile::tempdir().expect("temp dir");
    script(bin.path(), "xdg-open", "exit 3");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (_dir, mut t) = reading_links(&[("DISPLAY", ":9"), ("PATH", &path)]);
    t.send("1");
    t.wait_status("copied link 1 instead: xdg-open exited with status 3");
    t.send("q");
    t.quit();
}
