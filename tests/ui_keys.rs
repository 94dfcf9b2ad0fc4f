//! The conventions of less, newsboat, vim and fzf, and the features their users ask for, on the
//! app alone (no terminal): `q` closes the reader before it quits, `J`/`K` step through the
//! list in the reader, `n`/`N` count matches and say when they wrap, Ctrl-l redraws, Up/Down in
//! the filter bar walk the queries typed, saved searches with counts, and marking every article
//! shown read or unread.

use docbao_core::state::ReadingState;
use docbao_tui::action::Action;
use docbao_tui::app::{App, Effect, Msg, Overlay, Pane};
use docbao_tui::{render_to_string, Settings};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "support/ui.rs"]
mod ui;
use ui::{act, app, typed};

fn key(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn filter(app: &mut App, q: &str) {
    act(app, &[Action::Filter]);
    typed(app, q);
    act(app, &[Action::Open]);
}

fn message(app: &App) -> String {
    app.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default()
}

#[test]
fn q_closes_the_reader_and_the_timeline_and_quits_only_from_the_list() {
    let mut a = app();
    act(&mut a, &[Action::Open]);
    assert!(a.reader_zoomed);
    key(&mut a, 'q');
    assert!(
        !a.quit,
        "q in the full-screen reader closes it, as in less and newsboat"
    );
    assert_eq!(a.focus, Pane::List);
    assert!(!a.reader_zoomed);
    // Wide: the reader beside the list, and the timeline.
    a.update(Msg::Resize(160, 48));
    act(&mut a, &[Action::NextPane]);
    assert_eq!(a.focus, Pane::Reader);
    key(&mut a, 'q');
    assert!(!a.quit);
    assert_eq!(a.focus, Pane::List);
    act(&mut a, &[Action::PrevPane]);
    assert_eq!(a.focus, Pane::Timeline);
    key(&mut a, 'q');
    assert!(!a.quit);
    // A filter is not what q clears: from the list it quits.
    filter(&mut a, "hegseth");
    key(&mut a, 'q');
    assert!(a.quit);
    // Ctrl-C quits from the reader at once.
    let mut b = app();
    act(&mut b, &[Action::Open]);
    b.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(b.quit);
}

#[test]
fn j_and_k_open_the_next_and_previous_article_in_the_reader() {
    let mut a = app();
    act(&mut a, &[Action::Open]);
    let first = a.reader.id;
    key(&mut a, 'J');
    assert_eq!(a.focus, Pane::Reader);
    assert!(a.reader_zoomed, "the reader stays open");
    assert_eq!(a.selected, 1);
    assert_eq!(a.reader.id, a.selected_id());
    assert_ne!(a.reader.id, first);
    key(&mut a, ']');
    assert_eq!(a.selected, 2);
    key(&mut a, 'K');
    key(&mut a, '[');
    assert_eq!(a.selected, 0);
    assert_eq!(a.reader.id, first);
    key(&mut a, 'K');
    assert_eq!(a.selected, 0);
    assert!(message(&a).contains("first article"), "{}", message(&a));
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Reader"), "{screen}");
}

#[test]
fn n_counts_matches_and_says_when_it_wraps() {
    let mut a = app();
    filter(&mut a, "camp humphreys");
    act(&mut a, &[Action::Open]);
    let total = a.reader.match_total;
    assert!(total >= 3, "{total}");
    act(&mut a, &[Action::NextMatch]);
    assert_eq!(message(&a), format!("match 1/{total}"));
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains(&format!("match 1/{total}")), "{screen}");
    for k in 2..=total {
        act(&mut a, &[Action::NextMatch]);
        assert_eq!(message(&a), format!("match {k}/{total}"));
    }
    act(&mut a, &[Action::NextMatch]);
    assert_eq!(
        message(&a),
        format!("search hit bottom, continuing at top · match 1/{total}")
    );
    act(&mut a, &[Action::PrevMatch]);
    assert_eq!(
        message(&a),
        format!("search hit top, continuing at bottom · match {total}/{total}")
    );
    // The match gone to is in sight.
    let line = a.reader.match_line(total - 1).expect("a line");
    let h = 24 - 3;
    assert!(line >= a.reader.scroll && line < a.reader.scroll + h);
    // Scrolled back to the top, the search starts from what is in sight, as in less: `n`
    // finds the first match, `N` wraps to the last.
    act(&mut a, &[Action::Top, Action::NextMatch]);
    assert_eq!(message(&a), format!("match 1/{total}"));
    act(&mut a, &[Action::Bottom, Action::Top, Action::PrevMatch]);
    let first_line = a.reader.match_line(0).expect("a line");
    assert!(first_line < h, "the first match is in sight from the top");
    assert_eq!(
        message(&a),
        format!("search hit top, continuing at bottom · match {total}/{total}")
    );
}

#[test]
fn ctrl_l_asks_for_a_whole_redraw_anywhere() {
    let mut a = app();
    a.handle_key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    assert_eq!(a.effects, vec![Effect::Redraw]);
    a.effects.clear();
    act(&mut a, &[Action::Filter]);
    a.handle_key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    assert_eq!(a.effects, vec![Effect::Redraw]);
    assert_eq!(a.filter_input.text(), "", "not typed as text");
}

#[test]
fn up_and_down_in_the_filter_bar_walk_the_queries_typed() {
    let mut a = app();
    filter(&mut a, "hegseth");
    filter(&mut a, "scm 2025");
    act(&mut a, &[Action::Back]);
    assert_eq!(a.reading.marks.history(), ["hegseth", "scm 2025"]);
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "lũ");
    act(&mut a, &[Action::Up]);
    assert_eq!(a.filter_input.text(), "scm 2025");
    let shown = a.shown.len();
    assert!(shown < a.store().len(), "the list follows");
    act(&mut a, &[Action::Up]);
    assert_eq!(a.filter_input.text(), "hegseth");
    act(&mut a, &[Action::Up]);
    assert_eq!(a.filter_input.text(), "hegseth");
    assert!(message(&a).contains("oldest"), "{}", message(&a));
    act(&mut a, &[Action::Down]);
    assert_eq!(a.filter_input.text(), "scm 2025");
    act(&mut a, &[Action::Down]);
    assert_eq!(a.filter_input.text(), "lũ", "what was being typed comes back");
    // Kept across sessions: it travels in the reading state.
    let saved = ReadingState::from_json(&a.reading.marks.to_json("test")).expect("a state file");
    let mut b = app();
    b.restore(saved);
    act(&mut b, &[Action::Back, Action::Filter, Action::Up]);
    assert_eq!(b.filter_input.text(), "scm 2025");
}

fn with_searches(searches: &[(&str, &str)]) -> App {
    let mut a = app();
    let settings = Settings {
        searches: searches
            .iter()
            .map(|(n, q)| (n.to_string(), q.to_string()))
            .collect(),
        ..Settings::default()
    };
    a.configure(&settings);
    a
}

#[test]
fn saved_searches_are_listed_with_their_counts_and_enter_applies_one() {
    let mut a = with_searches(&[("Korea defence", "@ahn gyu-back | scm"), ("Hà Nội", "metro")]);
    // Ground truth: the counts the filter gives.
    filter(&mut a, "@ahn gyu-back | scm");
    let korea = a.shown.len();
    filter(&mut a, "metro");
    let metro = a.shown.len();
    act(&mut a, &[Action::Back]);
    act(&mut a, &[Action::Searches]);
    assert_eq!(a.overlay, Overlay::Searches);
    let counts: Vec<_> = a.searches.rows.iter().map(|r| r.count).collect();
    assert_eq!(counts, vec![Some(korea), Some(metro)]);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Saved searches"), "{screen}");
    assert!(screen.contains("Korea defence"), "{screen}");
    assert!(screen.contains(&format!("{korea:>6}")), "{screen}");
    act(&mut a, &[Action::Down, Action::Open]);
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.filter_input.text(), "metro");
    assert_eq!(a.shown.len(), metro);
    // A search of the configuration is not deleted from the reader.
    act(&mut a, &[Action::Searches, Action::DeleteSearch]);
    assert_eq!(a.searches.rows.len(), 2);
    assert!(message(&a).contains("configuration"), "{}", message(&a));
    key(&mut a, 'q');
    assert_eq!(a.overlay, Overlay::None);
    assert!(!a.quit, "q closes the list");
}

#[test]
fn ctrl_s_in_the_filter_bar_saves_the_query_under_a_name() {
    let mut a = with_searches(&[("Korea defence", "@ahn gyu-back | scm")]);
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "lũ miền trung");
    act(&mut a, &[Action::SaveSearch]);
    assert_eq!(a.overlay, Overlay::SaveSearch);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(
        screen.lines().last().unwrap().contains("save /lũ miền trung as:"),
        "{screen}"
    );
    // A name of the configuration is refused; an empty one too.
    typed(&mut a, "Korea defence");
    act(&mut a, &[Action::Open]);
    assert_eq!(a.overlay, Overlay::SaveSearch);
    assert!(message(&a).contains("choose another name"), "{}", message(&a));
    act(&mut a, &[Action::DeleteToStart]);
    typed(&mut a, "Lũ");
    act(&mut a, &[Action::Open]);
    assert_eq!(a.overlay, Overlay::None);
    assert!(message(&a).contains("saved search “Lũ”"), "{}", message(&a));
    assert_eq!(a.reading.marks.searches().len(), 1);
    assert_eq!(a.reading.marks.searches()[0].query, "lũ miền trung");
    act(&mut a, &[Action::Back, Action::Searches]);
    assert_eq!(a.searches.rows.len(), 2);
    assert_eq!(a.searches.rows[1].name, "Lũ");
    // Deleted with d.
    act(&mut a, &[Action::Bottom, Action::DeleteSearch]);
    assert_eq!(a.searches.rows.len(), 1);
    assert!(a.reading.marks.searches().is_empty());
}

#[test]
fn marking_every_article_shown_asks_first_when_many() {
    let mut a = app();
    filter(&mut a, "hegseth");
    let few = a.shown.len();
    assert!(few <= docbao_tui::app::CONFIRM_ABOVE, "{few}");
    key(&mut a, 'A');
    assert_eq!(a.reading.unread_shown, 0);
    assert_eq!(message(&a), format!("{few} articles marked read"));
    key(&mut a, 'A');
    assert!(message(&a).contains("already"), "{}", message(&a));
    // Every article: more than the limit, a question first.
    act(&mut a, &[Action::Back]);
    let total = a.store().len();
    key(&mut a, 'A');
    assert_eq!(a.overlay, Overlay::Confirm);
    let screen = render_to_string(&mut a, 80, 24);
    let q = format!("mark {} articles read? y/n", total - few);
    assert!(screen.lines().last().unwrap().contains(&q), "{screen}");
    key(&mut a, 'n');
    assert_eq!(a.overlay, Overlay::None);
    assert_eq!(a.reading.unread_shown, total - few, "no: nothing marked");
    key(&mut a, 'A');
    key(&mut a, 'y');
    assert_eq!(a.reading.unread_shown, 0);
    // And all unread again.
    key(&mut a, 'U');
    key(&mut a, 'y');
    assert_eq!(a.reading.unread_shown, total);
    assert!(a.reading.marks.is_empty());
    // Ctrl-c at the question quits, marking nothing.
    key(&mut a, 'A');
    a.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(a.quit);
    assert_eq!(a.reading.unread_shown, total);
}

#[test]
fn saved_searches_are_counted_off_the_input_thread_in_the_running_reader() {
    let mut a = with_searches(&[
        ("Korea defence", "@ahn gyu-back | scm"),
        ("chưa đọc", "is:unread"),
    ]);
    a.use_worker().expect("a filter thread");
    act(&mut a, &[Action::Searches]);
    // The list is there at once; the counts arrive from their own thread.
    assert_eq!(a.searches.rows.len(), 2);
    let since = std::time::Instant::now();
    while a.searches.rows.iter().any(|r| r.count.is_none())
        && since.elapsed() < std::time::Duration::from_secs(10)
    {
        a.poll_worker();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let total = a.store().len();
    assert_eq!(a.searches.rows[1].count, Some(total), "every article is unread");
    assert!(a.searches.rows[0].count.is_some_and(|n| n > 0 && n < total));
}

#[test]
fn the_help_cuts_nothing_at_80_columns() {
    let mut a = app();
    a.update(docbao_tui::app::Msg::Resize(80, 200));
    act(&mut a, &[Action::Help]);
    let screen = render_to_string(&mut a, 80, 200);
    assert!(screen.contains("2025-11  2024..2025-03"), "{screen}");
    assert!(
        screen.contains("(\"Dates") && screen.contains("mentioned\")"),
        "{screen}"
    );
    assert!(!screen.contains('…'), "{screen}");
}

#[test]
fn ctrl_z_suspends_from_a_bar_and_what_is_typed_stays() {
    let mut a = app();
    act(&mut a, &[Action::Filter]);
    typed(&mut a, "quoc");
    a.effects.clear();
    a.handle_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert!(a.effects.contains(&Effect::Suspend), "{:?}", a.effects);
    assert_eq!(a.overlay, Overlay::Filter);
    assert_eq!(a.filter_input.text(), "quoc");
}
