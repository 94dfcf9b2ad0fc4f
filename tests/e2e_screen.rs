//! End-to-end, what the terminal shows stays true: flags and other emoji the terminal and the
//! drawing library count differently leave no glyph behind when they scroll away, and Ctrl-l
//! draws the whole screen again over whatever another program left on it.

mod common;

use common::tui::{status_line, Tui};
use unicode_width::UnicodeWidthStr;

/// Characters of the emoji below; none may stay on screen once their articles are gone.
const EMOJI: &[char] = &['🇻', '🇳', '🇰', '🇷', '❤', '👍', '🏽'];

fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    // The newest stays under the filter below and keeps the selection, so the emoji rows are
    // redrawn in the plain style, where the library writes only cells that changed.
    w(
        "e.txt",
        "date 2025-03-09 Tin ngắn về giao thông sáng nay\n\nĐường phố đông.\n",
    );
    w(
        "a.txt",
        "date 2025-03-04 Việt Nam và Hàn Quốc ký thỏa thuận 🇻🇳🇰🇷\n\nHai nước ký thỏa thuận mới.\n",
    );
    w(
        "b.txt",
        "date 2025-03-03 Người hâm mộ gửi lời chúc ❤\u{fe0f}\n\nLời chúc gửi đội tuyển.\n",
    );
    w(
        "c.txt",
        "date 2025-03-02 Đội tuyển thắng trận 👍🏽\n\nTrận đấu kết thúc.\n",
    );
    w(
        "d.txt",
        "date 2025-03-01 Tin ngắn về giao thông\n\nĐường phố thông thoáng.\n",
    );
    dir
}

/// The screen once a frame holding `title` is drawn through to its status line (the last row
/// a frame writes), saying `status`.
fn whole_frame(t: &Tui, title: &str, status: &str) -> String {
    t.wait_for(title, |s| s.contains(title) && status_line(s).contains(status))
}

/// Every row of the list pane (rows 1 to `n`) has its frame at both edges.
fn frames_intact(t: &Tui, n: u16) {
    let p = t.parser.lock().unwrap();
    let s = p.screen();
    for row in 1..=n {
        let edge = |col| {
            s.cell(row, col)
                .map(|c| c.contents().to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            (edge(0), edge(79)),
            ("│".into(), "│".into()),
            "row {row}:\n{}",
            s.contents()
        );
    }
}

#[test]
fn emoji_leave_no_glyph_behind() {
    let dir = archive();
    let mut t = Tui::start(&[dir.path().to_str().unwrap()], 80, 24, &[]);
    let s = whole_frame(&t, "Articles 5/5", "5 unread");
    assert!(s.contains('🇻') && s.contains('❤') && s.contains('👍'), "{s}");
    frames_intact(&t, 5);
    // Every line of the screen is as wide as the terminal counts it.
    for line in s.lines() {
        assert!(UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    // The emoji rows go: nothing of them stays.
    t.send("/giao thong\r");
    let s = whole_frame(&t, "Articles 2/5", "2 unread");
    frames_intact(&t, 5);
    assert!(!s.contains(EMOJI), "a glyph stayed:\n{s}");
    // And they come back whole.
    t.send("\x1b");
    whole_frame(&t, "Articles 5/5", "5 unread");
    frames_intact(&t, 5);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn ctrl_l_draws_the_whole_screen_again() {
    let dir = archive();
    let mut t = Tui::start(&[dir.path().to_str().unwrap()], 80, 24, &[]);
    t.wait_text("Articles 5/5");
    // Another program (a write, a wall message) scribbles over the empty part of the list.
    t.parser
        .lock()
        .unwrap()
        .process(b"\x1b[11;10HSCRIBBLE\x1b[13;40HSCRIBBLE");
    assert!(t.screen().contains("SCRIBBLE"));
    // A key that changes nothing there leaves it (the frame is drawn, the scribble stays)...
    t.send("u");
    let s = t.wait_status("4 unread");
    assert!(s.contains("SCRIBBLE"), "{s}");
    // ...Ctrl-l clears it away.
    t.send("\x0c");
    let s = t.wait_for("a clean screen drawn whole", |s| {
        !s.contains("SCRIBBLE") && s.contains("Timeline") && status_line(s).contains("4 unread")
    });
    assert!(s.contains("Articles 5/5"), "{s}");
    frames_intact(&t, 5);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
