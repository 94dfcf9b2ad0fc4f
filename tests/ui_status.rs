//! The status line and the filter in force, on the app alone: a filter brought back from the
//! last session is shown and selected, a typed query stays whole while a folder loads, and at
//! 80 columns the key hints and messages keep their room while a long path gives way.

use docbao_core::state::ReadingState;
use docbao_extract::text::width::width;
use docbao_tui::action::Action;
use docbao_tui::app::{App, Progress};
use docbao_tui::render_to_string;
use docbao_tui::theme::Theme;

#[path = "support/ui.rs"]
mod ui;
use ui::{act, app, typed};

fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// An app as a new session starts it: the last session's filter restored.
fn restored(query: &str) -> App {
    let mut a = app();
    let mut state = ReadingState::new();
    state.last.query = query.to_string();
    a.restore(state);
    a
}

#[test]
fn a_restored_filter_is_in_sight_and_typing_replaces_it() {
    let mut a = restored("hegseth");
    assert!(a.shown.len() < a.store().len());
    let s = render_to_string(&mut a, 80, 24);
    assert!(s.lines().next().unwrap().contains("· /hegseth"), "{s}");
    // Even while a message covers the status line.
    a.set_message("50 articles loaded in 0.05 s");
    let s = render_to_string(&mut a, 80, 24);
    assert!(s.lines().next().unwrap().contains("/hegseth"), "{s}");
    // `/` opens the bar with it selected: typing replaces it instead of adding to it.
    act(&mut a, &[Action::Filter]);
    assert!(a.filter_input.is_selected());
    typed(&mut a, "scm");
    assert_eq!(a.filter_input.text(), "scm");
    act(&mut a, &[Action::Open]);
    // Right (or End) keeps it to edit.
    act(&mut a, &[Action::Filter, Action::Right]);
    typed(&mut a, " 2025");
    assert_eq!(a.filter_input.text(), "scm 2025");
}

#[test]
fn a_restored_filter_that_matches_nothing_says_which() {
    let mut a = restored("zzzkhongcogi");
    assert!(a.shown.is_empty());
    let s = render_to_string(&mut a, 80, 24);
    assert!(
        s.contains("No article matches /zzzkhongcogi. Esc clears the filter."),
        "{s}"
    );
    assert!(
        s.lines()
            .next()
            .unwrap()
            .contains("Articles 0/50 · /zzzkhongcogi"),
        "{s}"
    );
}

#[test]
fn the_typed_query_stays_whole_while_a_folder_loads() {
    let mut a = App::new(
        docbao_core::store::Store::new(),
        docbao_core::ingest::LoadOptions::default().known,
        "~/tin-tuc".into(),
        None,
        Theme::color(),
    );
    a.show_timings = false;
    a.loading = Some(Progress {
        done: 12_000,
        total: Some(35_000),
        ..Default::default()
    });
    act(&mut a, &[Action::Filter]);
    let query = "@\"Ahn Gyu-back\" uống quốc phòng since:2025-06";
    typed(&mut a, query);
    for w in [80u16, 70, 60] {
        let s = render_to_string(&mut a, w, 24);
        let line = status(&s);
        assert!(line.starts_with(&format!("/ {query}")), "{w}: {line}");
        assert!(width(line) <= w as usize);
    }
    // With room, the gauge is there too.
    let s = render_to_string(&mut a, 160, 48);
    assert!(status(&s).contains("loading █"), "{s}");
    assert!(status(&s).contains(query), "{s}");
}

#[test]
fn at_80_columns_hints_stay_and_a_long_path_gives_way() {
    let mut a = app();
    a.source_label = "~/tin-tuc/vnexpress/2025/thoi-su/quoc-phong/ban-luu-tru-day-du".into();
    let s = render_to_string(&mut a, 80, 24);
    let line = status(&s);
    for hint in ["/ filter", "p persons", "? help", "50 unread", "50/50"] {
        assert!(line.contains(hint), "{hint}: {line}");
    }
    assert!(line.contains("~/…/"), "{line}");
    // A filter in force comes first, the hints still fit.
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "hegseth");
    act(&mut a, &[Action::Open]);
    let line = status(&render_to_string(&mut a, 80, 24)).to_string();
    assert!(line.starts_with(" /hegseth"), "{line}");
    assert!(line.contains("? help"), "{line}");
}

#[test]
fn a_load_summary_is_shown_whole_at_80_columns() {
    let mut a = app();
    let m = "35012 articles loaded in 3.21 s · 23 file problems (docbao check)";
    a.set_message(m);
    let line = status(&render_to_string(&mut a, 80, 24)).to_string();
    assert!(line.contains(m), "{line}");
    assert!(line.contains("50/50"), "{line}");
}

#[test]
fn the_timing_gives_way_to_the_archives_path_at_80_columns() {
    let mut a = app();
    a.source_label = "/work/shared/corpus/dantri".into();
    a.show_timings = true;
    a.filter_time = Some(std::time::Duration::from_micros(100));
    let s = render_to_string(&mut a, 80, 24);
    let line = status(&s);
    assert!(line.contains("corpus/dantri"), "{line}");
    assert!(line.contains("? help") && line.contains("50/50"), "{line}");
    // With room for both, both.
    let s = render_to_string(&mut a, 120, 24);
    let line = status(&s);
    assert!(
        line.contains("/work/shared/corpus/dantri") && line.contains("ms"),
        "{line}"
    );
}

#[test]
fn a_message_about_what_is_typed_shows_while_its_bar_is_open() {
    let mut a = app();
    // Up with no query kept before: said in the bar, not after it closes.
    act(&mut a, &[Action::Filter, Action::Up]);
    let s = render_to_string(&mut a, 80, 24);
    assert!(status(&s).contains("no query typed before"), "{}", status(&s));
    act(&mut a, &[Action::Back]);
    // A file name the export cannot use: the reason beside the name.
    act(&mut a, &[Action::Export]);
    typed(&mut a, "m.txt");
    act(&mut a, &[Action::Open]);
    let s = render_to_string(&mut a, 80, 24);
    let line = status(&s);
    assert!(line.contains("m.txt") && line.contains("must end"), "{line}");
    act(&mut a, &[Action::Back]);
    // A name the configuration already uses for a search.
    a.searches.configured = vec![("Korea defence".into(), "scm".into())];
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "scm");
    act(&mut a, &[Action::SaveSearch]);
    a.searches.name_input = docbao_tui::input::Input::new("Korea defence");
    act(&mut a, &[Action::Open]);
    let s = render_to_string(&mut a, 80, 24);
    let line = status(&s);
    assert!(
        line.contains("save /scm as: Korea defence") && line.contains("is a search of"),
        "{line}"
    );
}

#[test]
fn news_from_elsewhere_waits_for_the_bar_to_close_and_leaves_the_counts() {
    let mut a = app();
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "ha noi");
    // Said by the loader or a live change, not by a key of the bar.
    a.notify("3 new articles".into());
    let s = render_to_string(&mut a, 80, 24);
    let line = status(&s);
    assert!(!line.contains("3 new articles") && line.contains("/50"), "{line}");
    act(&mut a, &[Action::Open]);
    let s = render_to_string(&mut a, 80, 24);
    assert!(status(&s).contains("3 new articles"), "{}", status(&s));
}
