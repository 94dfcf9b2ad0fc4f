//! The timeline as a user reads it, on the app alone: a zoom lands on a period with articles,
//! the `◆` mark is explained, bars carry counts, and an archive with nothing dated gets one
//! line instead of seven rows for one bar.

use docbao_core::ingest::Source;
use docbao_tui::action::Action;
use docbao_tui::app::{Msg, Pane};
use docbao_tui::theme::Theme;
use docbao_tui::{app_for, render_to_string};

#[path = "support/ui.rs"]
mod ui;
use ui::{act, app};

/// The timeline pane's lines (the 7 above the status line at 80x24).
fn timeline(screen: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 8..lines.len() - 1]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn a_zoom_lands_on_a_period_with_articles() {
    let mut a = app();
    act(&mut a, &[Action::NextPane, Action::NextPane]);
    assert_eq!(a.focus, Pane::Timeline);
    // Every year, zoomed into: the month the cursor lands on has articles.
    for year in 0..a.timeline.buckets.len() {
        act(&mut a, &[Action::Top]);
        for _ in 0..year {
            act(&mut a, &[Action::Right]);
        }
        let y = a.timeline.cursor_period().flatten().cloned().expect("a year");
        act(&mut a, &[Action::ZoomIn]);
        let m = a.timeline.cursor_period().flatten().cloned().expect("a month");
        assert!(
            m.count > 0,
            "{} landed on empty {}",
            y.label(a.timeline.zoom),
            m.from
        );
        assert!(m.from >= y.from && m.to <= y.to, "{m:?} outside {y:?}");
        // and a day with articles inside that month
        act(&mut a, &[Action::ZoomIn]);
        let d = a.timeline.cursor_period().flatten().cloned().expect("a day");
        assert!(d.count > 0 && d.from >= m.from && d.to <= m.to, "{d:?} in {m:?}");
        act(&mut a, &[Action::ZoomOut, Action::ZoomOut]);
        assert_eq!(a.timeline.cursor_period().flatten(), Some(&y));
    }
}

#[test]
fn a_zoom_from_the_selected_articles_year_lands_on_its_month() {
    let mut a = app();
    // The fourth article (2026-01-15) selected; the timeline's cursor on its year.
    act(&mut a, &[Action::Down, Action::Down, Action::Down]);
    let date = a.selected_article().expect("an article").date;
    act(&mut a, &[Action::NextPane, Action::NextPane, Action::ZoomIn]);
    let m = a.timeline.cursor_period().flatten().cloned().expect("a month");
    let (from, _) = date.span().expect("dated");
    assert!(m.from <= from && from <= m.to, "{m:?} does not hold {date:?}");
}

#[test]
fn years_carry_their_counts_and_the_mark_is_explained() {
    let mut a = app();
    let screen = render_to_string(&mut a, 80, 24);
    let tl = timeline(&screen);
    // The counts row: each year's count over its bar.
    for b in &a.timeline.buckets {
        assert!(tl[1].contains(&b.count.to_string()), "{}: {:?}", b.count, tl);
    }
    assert!(tl[1].contains(&a.timeline.undated.to_string()), "{tl:?}");
    // The first article speaks of dates: marked, and the mark explained.
    assert!(tl[1].contains('◆'), "{tl:?}");
    assert!(tl[5].contains("◆ a date the article speaks of"), "{tl:?}");
    // In the help too.
    act(&mut a, &[Action::Help]);
    let help = render_to_string(&mut a, 160, 48);
    assert!(help.contains("a date the selected article speaks of"), "{help}");
}

#[test]
fn nothing_dated_is_one_line_not_seven_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..3 {
        std::fs::write(
            dir.path().join(format!("a{i}.txt")),
            format!("Bài không ngày {i}\n\nNội dung bài viết số {i}, không ngày tháng.\n"),
        )
        .expect("write");
    }
    let mut a = app_for(&Source::Dir(dir.path().to_path_buf()), Theme::color());
    a.show_timings = false;
    let screen = render_to_string(&mut a, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let n = lines.len();
    assert!(lines[n - 4].starts_with("┌ Timeline "), "{screen}");
    assert!(
        lines[n - 3].contains("no dated articles · 3 undated articles"),
        "{screen}"
    );
    // The list has the rows the bars would have taken.
    assert!(lines[n - 5].starts_with('└'), "{screen}");
    assert_eq!(lines.iter().filter(|l| l.contains("Bài không ngày")).count(), 3);
    // Enter on it lists the undated.
    act(&mut a, &[Action::NextPane, Action::NextPane, Action::Open]);
    assert_eq!(a.period, Some(docbao_extract::Date::Undated));
    assert_eq!(a.shown.len(), 3);
}

#[test]
fn a_click_on_a_bar_puts_the_cursor_on_its_period() {
    let mut a = app();
    // 80x24: the timeline's inside starts at row 17, column 1; the years are 5 columns apart.
    a.update(Msg::Click { x: 2, y: 19 });
    assert_eq!(a.focus, Pane::Timeline);
    assert_eq!(a.timeline.cursor, 0);
    a.update(Msg::Click { x: 12, y: 19 });
    assert_eq!(a.timeline.cursor, 2);
    act(&mut a, &[Action::Open]);
    let y = a.timeline.buckets[2].clone();
    assert_eq!(a.shown.len(), y.count);
}
