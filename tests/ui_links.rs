//! Links in the reader: numbered where they stand and listed after the article; a digit opens
//! one, at once when no longer number is meant, else after its other digits or Enter.

use docbao_core::ingest::Source;
use docbao_tui::app::{App, Effect, Msg, Overlay};
use docbao_tui::theme::Theme;
use docbao_tui::{app_for, render_to_string};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

fn app_on(dir: &Path) -> App {
    let mut a = app_for(&Source::Dir(dir.to_path_buf()), Theme::color());
    a.show_timings = false;
    a.update(Msg::Resize(80, 24));
    a
}

fn key(a: &mut App, code: KeyCode) {
    a.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn message(a: &App) -> String {
    a.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default()
}

fn opened(a: &App) -> Vec<(usize, String)> {
    a.effects
        .iter()
        .filter_map(|e| match e {
            Effect::OpenLink { number, url } => Some((*number, url.clone())),
            _ => None,
        })
        .collect()
}

/// One article (its address, two links in its text, one of them twice, and a `javascript:`
/// address that is no link), opened in the reader.
fn three_links() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "# url = https://tin.example.vn/bai-a.htm\n# date = 20250501\nBài có liên kết\n\
         Đăng ký tại https://dangky.example.vn/form. Xem thêm www.example.org/huong-dan hoặc \
         lại https://dangky.example.vn/form; đừng bấm javascript:alert(1).\n",
    )
    .expect("write");
    let mut a = app_on(dir.path());
    key(&mut a, KeyCode::Enter);
    (dir, a)
}

/// One article with twelve links in its text, opened in the reader.
fn twelve_links() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let body: Vec<String> = (1..=12)
        .map(|i| format!("Trang {i}: https://example.vn/{i}"))
        .collect();
    std::fs::write(
        dir.path().join("nhieu.txt"),
        format!("date 2025-05-02 Nhiều liên kết\n\n{}\n", body.join("\n\n")),
    )
    .expect("write");
    let mut a = app_on(dir.path());
    key(&mut a, KeyCode::Enter);
    (dir, a)
}

#[test]
fn links_are_numbered_in_the_text_and_listed_after_it() {
    let (_dir, mut a) = three_links();
    assert_eq!(
        a.reader.links,
        [
            "https://tin.example.vn/bai-a.htm",
            "https://dangky.example.vn/form",
            "https://www.example.org/huong-dan"
        ]
    );
    let text: Vec<&str> = a.reader.lines.iter().map(|l| l.text.as_str()).collect();
    let all = text.join("\n");
    assert!(all.contains("[1] https://tin.example.vn/bai-a.htm"), "{all}");
    assert!(all.contains("https://dangky.example.vn/form [2]."), "{all}");
    assert!(all.contains("https://dangky.example.vn/form [2];"), "{all}");
    assert!(all.contains("www.example.org/huong-dan [3]"), "{all}");
    assert!(!all.contains("alert(1) ["), "{all}");
    let list: Vec<&str> = text.iter().copied().skip_while(|l| *l != "Links").collect();
    assert_eq!(
        list,
        [
            "Links",
            "[1] https://tin.example.vn/bai-a.htm",
            "[2] https://dangky.example.vn/form",
            "[3] https://www.example.org/huong-dan"
        ]
    );
    let screen = render_to_string(&mut a, 80, 24);
    assert!(
        screen.contains("[1] https://tin.example.vn/bai-a.htm"),
        "{screen}"
    );
}

#[test]
fn a_digit_opens_its_link_at_once_when_there_are_fewer_than_ten() {
    let (_dir, mut a) = three_links();
    keys(&mut a, "2");
    assert_eq!(opened(&a), [(2, "https://dangky.example.vn/form".to_string())]);
    assert_eq!(a.overlay, Overlay::None);
    a.effects.clear();
    keys(&mut a, "7");
    assert!(opened(&a).is_empty());
    assert_eq!(message(&a), "no link 7: the links are 1 to 3");
    assert_eq!(a.overlay, Overlay::None);
}

#[test]
fn with_ten_links_or_more_a_number_waits_for_its_digits_or_enter() {
    let (_dir, mut a) = twelve_links();
    assert_eq!(a.reader.links.len(), 12);
    // The list after the article keeps its addresses in one column.
    let list: Vec<&str> = a
        .reader
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .skip_while(|l| *l != "Links")
        .skip(1)
        .collect();
    assert_eq!(list[8], "[9]  https://example.vn/9");
    assert_eq!(list[9], "[10] https://example.vn/10");
    // `1` could be 1, 10, 11 or 12: the prompt waits and says so.
    keys(&mut a, "1");
    assert_eq!(a.overlay, Overlay::Link);
    assert!(opened(&a).is_empty());
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("open link (1–12, Enter): 1"), "{screen}");
    keys(&mut a, "2");
    assert_eq!(opened(&a), [(12, "https://example.vn/12".to_string())]);
    a.effects.clear();
    // Enter takes the number as typed.
    keys(&mut a, "1");
    key(&mut a, KeyCode::Enter);
    assert_eq!(opened(&a), [(1, "https://example.vn/1".to_string())]);
    a.effects.clear();
    // No longer number starts with 3.
    keys(&mut a, "3");
    assert_eq!(opened(&a), [(3, "https://example.vn/3".to_string())]);
    a.effects.clear();
    // Esc leaves the prompt without opening anything.
    keys(&mut a, "1");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.overlay, Overlay::None);
    assert!(opened(&a).is_empty());
}

#[test]
fn an_article_without_links_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2025-05-01 Không liên kết\n\nChỉ có chữ.\n",
    )
    .expect("write");
    let mut a = app_on(dir.path());
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "1");
    assert_eq!(message(&a), "this article has no links");
    assert_eq!(a.overlay, Overlay::None);
    let all: Vec<&str> = a.reader.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(!all.contains(&"Links"), "{all:?}");
}

#[test]
fn a_key_that_is_no_digit_ends_the_number_and_does_its_own_work() {
    let (_dir, mut a) = twelve_links();
    let before = a.reader.scroll;
    keys(&mut a, "1j");
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.reader.scroll, before + 1, "j scrolled the reader");
    key(&mut a, KeyCode::Enter);
    assert!(opened(&a).is_empty(), "a later Enter opens nothing");
}

#[test]
fn a_digit_in_the_list_starts_no_browser() {
    let (_dir, mut a) = three_links();
    // Back to the list, the article still beside it at 160 columns.
    a.update(Msg::Resize(160, 48));
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "2");
    assert!(opened(&a).is_empty());
    assert_eq!(a.overlay, Overlay::None);
    assert!(message(&a).contains("from the reader"), "{}", message(&a));
}

#[test]
fn a_digit_typed_in_the_filter_is_not_found_in_a_link_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2025-05-01 Bài 2 liên kết\n\nXem https://a.example.vn/x và https://b.example.vn/y nữa.\n",
    )
    .expect("write");
    let mut a = app_on(dir.path());
    a.update(Msg::Action(docbao_tui::action::Action::Filter));
    a.update(Msg::Insert("2".into()));
    a.update(Msg::Action(docbao_tui::action::Action::Open));
    key(&mut a, KeyCode::Enter);
    let hinted: Vec<&docbao_tui::panes::reader::RLine> =
        a.reader.lines.iter().filter(|l| !l.hints.is_empty()).collect();
    assert!(!hinted.is_empty());
    for l in hinted {
        for m in &l.matches {
            assert!(
                !l.hints.iter().any(|h| m.start < h.end && h.start < m.end),
                "{l:?}"
            );
        }
    }
    // The `2` of the title is still found.
    assert!(a.reader.match_total >= 1);
}
