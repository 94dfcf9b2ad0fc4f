//! Rendering tests: the app on ratatui's TestBackend, snapshotted with insta at 80x24 and
//! 160x48. Timings are hidden so the screens are reproducible.

use docbao_core::ingest::Source;
use docbao_tui::action::Action;
use docbao_tui::app::{App, Msg};
use docbao_tui::theme::Theme;
use docbao_tui::{app_for, render_to_string};

#[path = "support/ui.rs"]
mod ui;
use ui::{act, typed};

fn app() -> App {
    let mut a = app_for(&Source::Sample, Theme::color());
    a.show_timings = false;
    a.source_label = "sample corpus (built in)".into();
    a
}

#[test]
fn start_screen() {
    let mut a = app();
    insta::assert_snapshot!("start_80x24", render_to_string(&mut a, 80, 24));
    insta::assert_snapshot!("start_160x48", render_to_string(&mut a, 160, 48));
}

#[test]
fn filtered_list() {
    let mut a = app();
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "buyt dien");
    insta::assert_snapshot!("filter_typing_80x24", render_to_string(&mut a, 80, 24));
    act(&mut a, &[Action::Open]);
    insta::assert_snapshot!("filtered_80x24", render_to_string(&mut a, 80, 24));
    insta::assert_snapshot!("filtered_160x48", render_to_string(&mut a, 160, 48));
    assert!(a.shown.len() >= 3 && a.shown.len() < a.store().len());
}

/// Selects the article at `path` in the list.
fn select(a: &mut App, path: &str) {
    let i = a
        .shown
        .iter()
        .position(|id| a.store().get(*id).path == path)
        .expect("article in list");
    act(a, &[Action::Top]);
    for _ in 0..i {
        act(a, &[Action::Down]);
    }
}

#[test]
fn reader_on_a_long_article_with_subheadings_and_captions() {
    let mut a = app();
    a.update(Msg::Resize(80, 24));
    select(&mut a, "2025/scm-seoul-hegseth-ahn.md");
    act(&mut a, &[Action::Open]);
    insta::assert_snapshot!("reader_80x24", render_to_string(&mut a, 80, 24));
    act(&mut a, &[Action::PageDown, Action::PageDown]);
    insta::assert_snapshot!("reader_scrolled_80x24", render_to_string(&mut a, 80, 24));
    let mut b = app();
    b.update(Msg::Resize(160, 48));
    select(&mut b, "2025/scm-seoul-hegseth-ahn.md");
    insta::assert_snapshot!("reader_160x48", render_to_string(&mut b, 160, 48));
}

#[test]
fn reader_marks_matches_and_jumps() {
    let mut a = app();
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "camp humphreys");
    act(&mut a, &[Action::Open, Action::Open]);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Humphreys"), "{screen}");
    let first = a.reader.scroll;
    act(&mut a, &[Action::NextMatch]);
    assert!(a.reader.scroll >= first);
    insta::assert_snapshot!("reader_match_80x24", screen);
}

#[test]
fn timeline_at_each_zoom() {
    let mut a = app();
    a.update(Msg::Resize(80, 24));
    act(&mut a, &[Action::NextPane, Action::NextPane]);
    assert_eq!(a.focus, docbao_tui::app::Pane::Timeline);
    insta::assert_snapshot!("timeline_year_80x24", render_to_string(&mut a, 80, 24));
    act(&mut a, &[Action::ZoomIn]);
    insta::assert_snapshot!("timeline_month_80x24", render_to_string(&mut a, 80, 24));
    act(&mut a, &[Action::ZoomIn]);
    insta::assert_snapshot!("timeline_day_80x24", render_to_string(&mut a, 80, 24));
    act(&mut a, &[Action::ZoomOut, Action::ZoomOut]);
    insta::assert_snapshot!("timeline_year_160x48", render_to_string(&mut a, 160, 48));
}

#[test]
fn timeline_enter_filters_to_the_period() {
    let mut a = app();
    a.update(Msg::Resize(80, 24));
    act(&mut a, &[Action::NextPane, Action::NextPane, Action::ZoomIn]);
    // move to the first month that has articles
    act(&mut a, &[Action::Top]);
    while a.timeline.cursor_period().flatten().is_some_and(|b| b.count == 0) {
        act(&mut a, &[Action::Right]);
    }
    let b = a.timeline.cursor_period().flatten().cloned().expect("a month");
    act(&mut a, &[Action::Open]);
    assert_eq!(a.shown.len(), b.count);
    for id in &a.shown {
        let (x, y) = a.store().get(*id).date.span().unwrap();
        assert!(x >= b.from && y <= b.to);
    }
    act(&mut a, &[Action::Back]);
    assert_eq!(a.shown.len(), a.store().len());
}

#[test]
fn month_precision_is_never_counted_on_day_one() {
    let mut a = app();
    act(&mut a, &[Action::ZoomIn, Action::ZoomIn]);
    let month_only = a
        .store()
        .articles()
        .iter()
        .filter(|x| matches!(x.date, docbao_extract::Date::Month(..)))
        .count();
    assert!(month_only > 0);
    assert_eq!(a.timeline.coarser, month_only);
}

#[test]
fn person_picker() {
    let mut a = app();
    act(&mut a, &[Action::People]);
    insta::assert_snapshot!("people_80x24", render_to_string(&mut a, 80, 24));
    insta::assert_snapshot!("people_160x48", render_to_string(&mut a, 160, 48));
}

#[test]
fn help_overlay() {
    let mut a = app();
    act(&mut a, &[Action::Help]);
    insta::assert_snapshot!("help_80x24", render_to_string(&mut a, 80, 24));
    insta::assert_snapshot!("help_160x48", render_to_string(&mut a, 160, 48));
    // every key of the table is listed
    for b in docbao_tui::keys::DEFAULT {
        let _ = b;
    }
    act(&mut a, &[Action::Down]);
    assert_eq!(a.overlay, docbao_tui::app::Overlay::Help);
    act(&mut a, &[Action::Open]);
    assert_eq!(a.overlay, docbao_tui::app::Overlay::None);
}

#[test]
fn q_closes_the_help_and_ctrl_c_quits_from_it() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut a = app();
    a.handle_key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
    assert_eq!(a.overlay, docbao_tui::app::Overlay::Help);
    a.handle_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
    assert_eq!(a.overlay, docbao_tui::app::Overlay::None);
    assert!(!a.quit, "q closed the help, not docbao");
    a.handle_key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
    a.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(a.quit);
}

#[test]
fn no_color_uses_no_colour_and_stays_readable() {
    use ratatui::style::{Color, Modifier};
    let mut a = app_for(&Source::Sample, Theme::no_color());
    a.show_timings = false;
    a.update(Msg::Resize(160, 48));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    t.draw(|f| docbao_tui::draw(f, &a)).unwrap();
    let buf = t.backend().buffer();
    let mut reversed = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(reversed > 60, "the selection and status bar are shown in reverse");
    insta::assert_snapshot!("no_color_160x48", render_to_string(&mut a, 160, 48));
    insta::assert_snapshot!("no_color_80x24", render_to_string(&mut a, 80, 24));
}

#[test]
fn small_and_odd_sizes_never_overflow_or_panic() {
    let mut a = app();
    for (w, h) in [
        (1, 1),
        (10, 3),
        (24, 6),
        (40, 10),
        (80, 24),
        (81, 25),
        (109, 30),
        (110, 16),
        (300, 100),
    ] {
        let screen = render_to_string(&mut a, w, h);
        for line in screen.lines() {
            assert!(
                docbao_extract::text::width::width(line) <= w as usize,
                "{w}x{h}: {line}"
            );
        }
    }
}

#[test]
fn list_fills_while_loading_behind_a_gauge() {
    use docbao_core::ingest::{self, LoadEvent};
    let files = ingest::discover(&Source::Sample).files;
    let mut a = App::new(
        docbao_core::store::Store::new(),
        docbao_core::ingest::LoadOptions::default().known,
        "test".into(),
        None,
        Theme::color(),
    );
    a.show_timings = false;
    a.loading = Some(docbao_tui::app::Progress {
        done: 0,
        total: None,
        ..Default::default()
    });
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Loading…"), "{screen}");
    a.update(Msg::Load(LoadEvent::Found {
        files: files.len(),
        problems: vec![],
    }));
    let half: Vec<_> = files[..20]
        .iter()
        .filter_map(|f| ingest::load_file(f).article)
        .collect();
    a.update(Msg::Load(LoadEvent::Batch {
        files: 20,
        articles: half,
        problems: vec![],
    }));
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Articles 20/20"), "{screen}");
    assert!(screen.lines().last().unwrap().contains("loading"), "{screen}");
    assert!(screen.lines().last().unwrap().contains("20/50"), "{screen}");
    // the selection stays on the same article as more arrive
    a.update(Msg::Action(Action::Down));
    let chosen = a.selected_id();
    let rest: Vec<_> = files[20..]
        .iter()
        .filter_map(|f| ingest::load_file(f).article)
        .collect();
    a.update(Msg::Load(LoadEvent::Batch {
        files: 30,
        articles: rest,
        problems: vec![],
    }));
    a.update(Msg::Load(LoadEvent::Done {
        elapsed: std::time::Duration::from_millis(5),
    }));
    assert_eq!(a.selected_id(), chosen);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Articles 50/50"), "{screen}");
    assert!(!screen.lines().last().unwrap().contains("loading"));
}

#[test]
fn mouse_wheel_and_click() {
    let mut a = app();
    a.update(Msg::Resize(160, 48));
    a.update(Msg::Click { x: 5, y: 4 });
    assert_eq!(a.selected, 3);
    // wheel over the reader scrolls the reader, not the list
    a.update(Msg::Scroll {
        x: 120,
        y: 10,
        lines: 3,
    });
    assert_eq!(a.selected, 3);
    a.update(Msg::Scroll {
        x: 5,
        y: 10,
        lines: 3,
    });
    assert_eq!(a.selected, 6);
}

#[test]
fn tab_cycles_panes_and_esc_comes_back() {
    use docbao_tui::app::Pane;
    let mut a = app();
    a.update(Msg::Resize(80, 24));
    act(&mut a, &[Action::NextPane]);
    assert_eq!(a.focus, Pane::Reader);
    assert!(a.reader_zoomed, "at 80 columns the reader takes the screen");
    act(&mut a, &[Action::NextPane]);
    assert_eq!(a.focus, Pane::Timeline);
    assert!(!a.reader_zoomed);
    act(&mut a, &[Action::PrevPane, Action::Back]);
    assert_eq!(a.focus, Pane::List);
    act(&mut a, &[Action::Quit]);
    assert!(a.quit);
}

#[test]
fn a_long_vietnamese_query_scrolls_in_the_filter_bar() {
    let mut a = app();
    act(&mut a, &[Action::Filter]);
    typed(&mut a, &"bộ trưởng quốc phòng hàn quốc ".repeat(8));
    for _ in 0..40 {
        act(&mut a, &[Action::Left]);
    }
    for (w, h) in [(80, 24), (33, 10), (160, 48)] {
        let screen = render_to_string(&mut a, w, h);
        let last = screen.lines().last().unwrap_or("");
        assert!(last.starts_with("/ "), "{last}");
        assert!(docbao_extract::text::width::width(last) <= w as usize);
    }
}

#[test]
fn a_problem_with_a_query_as_long_as_the_bar_still_shows() {
    let mut a = app();
    act(&mut a, &[Action::Filter]);
    typed(&mut a, &format!("{} 2025-13", "bộ trưởng quốc phòng ".repeat(10)));
    assert!(!a.query.errors.is_empty());
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = render_to_string(&mut a, w, h);
        let last = screen.lines().last().unwrap_or("");
        assert!(last.starts_with("/ ") && last.contains('⚠'), "{last}");
        assert!(docbao_extract::text::width::width(last) <= w as usize);
    }
}

#[test]
fn emoji_cells_are_counted_alike_by_the_terminal_and_the_diff() {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2025-03-04 Việt Nam 🇻🇳 và Hàn Quốc 🇰🇷 ký thỏa thuận ❤\u{fe0f} 👍🏽 🇯\n\n\
         Hai nước 🇻🇳🇰🇷 ký thỏa thuận ❤\u{fe0f} mới, người dân 👍🏽 ủng hộ.\n",
    )
    .unwrap();
    let mut a = app_for(&Source::Dir(dir.path().to_path_buf()), Theme::color());
    a.show_timings = false;
    a.update(Msg::Resize(160, 48));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    t.draw(|f| docbao_tui::draw(f, &a)).unwrap();
    let buf = t.backend().buffer();
    let mut flags = 0;
    for y in 0..48 {
        let mut x = 0;
        while x < 160 {
            let s = buf[(x, y)].symbol();
            let w = UnicodeWidthStr::width(s).max(1);
            // What a terminal adding up its characters advances is what the diff counts.
            let by_char: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(by_char.max(1), w, "{s:?} at {x},{y}");
            assert!(!s.contains('\u{fe0f}') && !s.contains('\u{1f3fd}'), "{s:?}");
            let indicators = s
                .chars()
                .filter(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c))
                .count();
            assert!(indicators <= 1, "a flag in one cell at {x},{y}");
            flags += indicators;
            x += w as u16;
        }
    }
    assert!(flags >= 8, "the flags are drawn, an indicator a cell ({flags})");
}
