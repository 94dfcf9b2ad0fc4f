//! Reading state in the UI, on the app alone (no terminal): marks from keys and from time spent
//! in the reader, the list's marks and unread count, `is:unread`/`is:bookmarked`, the last
//! session's position coming back, and when a save is asked for.

use docbao_core::ingest::{self, LoadEvent, Source};
use docbao_core::state::{Last, ReadingState, SavedPane};
use docbao_tui::action::Action;
use docbao_tui::app::{App, Effect, Msg, Pane};
use docbao_tui::theme::Theme;
use docbao_tui::{app_for, render_to_string};
use std::time::Duration;

#[path = "support/ui.rs"]
mod ui;
use ui::{act, app};

fn filter(app: &mut App, q: &str) {
    act(app, &[Action::Filter]);
    for c in q.chars() {
        app.update(Msg::Insert(c.to_string()));
    }
    act(app, &[Action::Open]);
}

fn first_row(screen: &str) -> &str {
    screen.lines().nth(1).unwrap_or("")
}

#[test]
fn keys_mark_and_the_list_shows_it() {
    let mut a = app();
    let total = a.store().len();
    assert_eq!(a.reading.unread_shown, total);
    let s = render_to_string(&mut a, 80, 24);
    assert!(first_row(&s).starts_with("│•  2026"), "{s}");
    assert!(s.lines().last().unwrap().contains(&format!("{total} unread")));
    act(&mut a, &[Action::ToggleRead]);
    assert_eq!(a.reading.unread_shown, total - 1);
    let s = render_to_string(&mut a, 80, 24);
    assert!(first_row(&s).starts_with("│   2026"), "{s}");
    act(&mut a, &[Action::ToggleBookmark]);
    let s = render_to_string(&mut a, 80, 24);
    assert!(first_row(&s).starts_with("│ ★ 2026"), "{s}");
    // Unread and bookmarked: both marks, the bookmark does not hide that it is unread.
    act(&mut a, &[Action::ToggleRead]);
    let s = render_to_string(&mut a, 80, 24);
    assert!(first_row(&s).starts_with("│•★ 2026"), "{s}");
    // toggles go back
    act(&mut a, &[Action::ToggleBookmark]);
    assert_eq!(a.reading.unread_shown, total);
    assert!(a.reading.marks.is_empty());
}

#[test]
fn a_copied_file_shares_its_mark_and_the_count_knows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "2025-11-04\n\nHội nghị ADMM+ khai mạc tại Kuala Lumpur với các bộ trưởng quốc phòng.\n";
    std::fs::write(dir.path().join("a.txt"), text).expect("write");
    std::fs::write(dir.path().join("b.txt"), text).expect("write");
    std::fs::write(dir.path().join("c.txt"), "2025-11-05\n\nMột bài khác hẳn.\n").expect("write");
    let mut a = app_for(&Source::Dir(dir.path().to_path_buf()), Theme::color());
    a.update(Msg::Resize(80, 24));
    assert_eq!(a.reading.unread_shown, 3);
    // The newest (c) first; a and b hold the same bytes: one key, one mark.
    act(&mut a, &[Action::Down, Action::ToggleRead]);
    assert_eq!(a.reading.unread_shown, 1);
    filter(&mut a, "is:unread");
    assert_eq!(a.shown.len(), 1);
    act(&mut a, &[Action::Up, Action::ToggleRead]);
    assert_eq!(a.reading.unread_shown, 0);
}

#[test]
fn unread_and_bookmarked_filters() {
    let mut a = app();
    let total = a.store().len();
    act(
        &mut a,
        &[Action::ToggleBookmark, Action::Down, Action::ToggleRead],
    );
    filter(&mut a, "is:bookmarked");
    assert_eq!(a.shown.len(), 1);
    act(&mut a, &[Action::Back]);
    filter(&mut a, "is:unread");
    assert_eq!(a.shown.len(), total - 1);
    assert_eq!(a.reading.unread_shown, total - 1);
    // marking read inside an is:unread filter does not pull the article from under the cursor
    let id = a.selected_id();
    act(&mut a, &[Action::ToggleRead]);
    assert_eq!(a.shown.len(), total - 1);
    assert_eq!(a.selected_id(), id);
    assert_eq!(a.reading.unread_shown, total - 2);
    // A space added to the filter (End keeps the selected filter to edit it).
    act(&mut a, &[Action::Filter, Action::End]);
    a.update(Msg::Insert(" ".into()));
    act(&mut a, &[Action::Open]);
    assert_eq!(a.filter_input.text(), "is:unread ");
    assert_eq!(a.shown.len(), total - 2, "the next filter change applies it");
}

#[test]
fn an_article_open_in_the_reader_becomes_read() {
    let mut a = app();
    a.reading.read_after = Duration::ZERO;
    // selected in the list is not open
    a.update(Msg::Tick);
    assert!(a.reading.marks.is_empty());
    act(&mut a, &[Action::Open]);
    assert_eq!(a.focus, Pane::Reader);
    a.update(Msg::Tick);
    let key = a.selected_article().unwrap().key;
    assert!(a.reading.marks.is_read_key(key));
    // `u` while it is open wins over the timer
    act(&mut a, &[Action::ToggleRead]);
    a.update(Msg::Tick);
    assert!(!a.reading.marks.is_read_key(key));
    // covered by the help, nothing is counted
    act(&mut a, &[Action::Back, Action::Down, Action::Open, Action::Help]);
    a.update(Msg::Tick);
    assert!(!a.reading.marks.is_read_key(a.selected_article().unwrap().key));
}

#[test]
fn the_timer_waits_its_time() {
    let mut a = app();
    a.reading.read_after = Duration::from_millis(150);
    act(&mut a, &[Action::Open]);
    a.update(Msg::Tick);
    let key = a.selected_article().unwrap().key;
    assert!(!a.reading.marks.is_read_key(key));
    std::thread::sleep(Duration::from_millis(200));
    a.update(Msg::Tick);
    assert!(a.reading.marks.is_read_key(key));
}

#[test]
fn the_last_position_comes_back() {
    let base = app();
    let target = base.store().get(base.shown[7]).key;
    let mut state = ReadingState::new();
    state.last = Last {
        query: "".into(),
        article: Some(target),
        pane: SavedPane::Reader,
        reader_scroll: 3,
    };
    let mut a = app();
    a.restore(state.clone());
    assert_eq!(a.selected_article().unwrap().key, target);
    assert_eq!(a.focus, Pane::Reader);
    assert!(a.reader_zoomed);
    assert_eq!(a.reader.scroll, 3);

    // A restored filter; the article arrives with a later batch of a streamed load.
    state.last.query = "2025".into();
    state.last.pane = SavedPane::List;
    let files = ingest::discover(&Source::Sample).files;
    let mut a = empty_app();
    a.update(Msg::Resize(80, 24));
    a.loading = Some(docbao_tui::app::Progress {
        done: 0,
        total: None,
        ..Default::default()
    });
    a.restore(state);
    assert_eq!(a.filter_input.text(), "2025");
    for chunk in files.chunks(10) {
        let articles = chunk
            .iter()
            .filter_map(|f| ingest::load_file(f).article)
            .collect();
        a.update(Msg::Load(LoadEvent::Batch {
            files: chunk.len(),
            articles,
            problems: vec![],
        }));
    }
    a.update(Msg::Load(LoadEvent::Done {
        elapsed: Duration::ZERO,
    }));
    assert_eq!(a.selected_article().map(|x| x.key), Some(target));
    assert_eq!(a.focus, Pane::List);
}

#[test]
fn moving_before_the_article_loads_cancels_the_restore() {
    let base = app();
    let target = base.store().get(base.shown[7]).key;
    let mut state = ReadingState::new();
    state.last.article = Some(target);
    let files = ingest::discover(&Source::Sample).files;
    let mut a = empty_app();
    a.update(Msg::Resize(80, 24));
    a.restore(state);
    let articles = files[..3]
        .iter()
        .filter_map(|f| ingest::load_file(f).article)
        .collect();
    a.update(Msg::Load(LoadEvent::Batch {
        files: 3,
        articles,
        problems: vec![],
    }));
    act(&mut a, &[Action::Down]);
    let chosen = a.selected_id();
    let articles = files[3..]
        .iter()
        .filter_map(|f| ingest::load_file(f).article)
        .collect();
    a.update(Msg::Load(LoadEvent::Batch {
        files: files.len() - 3,
        articles,
        problems: vec![],
    }));
    assert_eq!(a.selected_id(), chosen);
}

#[test]
fn saves_are_asked_for_after_a_pause_and_on_flush() {
    let mut a = app();
    // tests and tools without a state file never save
    act(&mut a, &[Action::ToggleBookmark]);
    a.update(Msg::Flush);
    assert!(a.effects.is_empty());

    let mut a = app();
    a.reading.persist = true;
    act(&mut a, &[Action::ToggleBookmark]);
    a.update(Msg::Tick);
    assert!(a.effects.is_empty(), "not at once: marks often come in bursts");
    std::thread::sleep(Duration::from_millis(1050));
    a.update(Msg::Tick);
    assert_eq!(a.effects, vec![Effect::SaveState]);
    let generation = a.reading.marks.generation();
    let last = a.reading.marks.last.clone();
    assert_eq!(last.article, a.selected_article().map(|x| x.key));
    a.effects.clear();
    a.update(Msg::Saved {
        generation,
        last,
        error: None,
    });
    a.update(Msg::Tick);
    a.update(Msg::Flush);
    assert!(a.effects.is_empty(), "nothing new to save");
    // moving is saved on quit
    act(&mut a, &[Action::Down]);
    a.update(Msg::Flush);
    assert_eq!(a.effects, vec![Effect::SaveState]);
    // a failed save is said, once
    a.effects.clear();
    a.update(Msg::Saved {
        generation,
        last: Last::default(),
        error: Some("disk full".into()),
    });
    assert!(a
        .message
        .as_ref()
        .unwrap()
        .0
        .contains("cannot save reading state: disk full"));
    // suspending saves first
    act(&mut a, &[Action::Suspend]);
    assert_eq!(a.effects, vec![Effect::SaveState, Effect::Suspend]);
}

#[test]
fn a_typed_query_shows_its_best_match_selected_and_clearing_keeps_the_article() {
    let mut a = app();
    act(&mut a, &[Action::Down, Action::Down, Action::Down, Action::Down]);
    assert_eq!(a.selected, 4);
    let fifth = a.selected_id();
    // A query every dated article matches, in the same order: the fifth article is still fifth
    // among the results, but typing puts the first result under the cursor.
    filter(&mut a, "..2100");
    assert_eq!(a.shown.iter().position(|id| Some(*id) == fifth), Some(4));
    assert_eq!(a.selected, 0);
    // Moving within the results, then clearing the filter (Esc), keeps that article selected.
    act(&mut a, &[Action::Down]);
    let chosen = a.selected_id();
    act(&mut a, &[Action::Back]);
    assert!(a.filter_input.is_empty());
    assert_eq!(a.shown.len(), a.store().len());
    assert_eq!(a.selected_id(), chosen);
}

#[test]
fn under_a_filter_the_person_picker_counts_the_articles_shown() {
    let mut a = app();
    act(&mut a, &[Action::People]);
    let everyone = a.picker.people.len();
    act(&mut a, &[Action::Back]);
    filter(&mut a, "@hegseth");
    let shown = a.shown.len();
    assert!(shown > 0 && shown < a.store().len());
    act(&mut a, &[Action::People]);
    let people = &a.picker.people;
    assert!(people.len() < everyone, "{} of {everyone}", people.len());
    assert!(
        people.iter().all(|(_, n, _)| *n >= 1 && *n <= shown),
        "{people:?}"
    );
    // The person filtered by is in every article shown, so first, counted in all of them.
    assert_eq!(
        people.first().map(|(name, n, _)| (name.as_str(), *n)),
        Some(("Pete Hegseth", shown))
    );
}

/// A reader on an empty store, as it starts before a load sends anything.
fn empty_app() -> App {
    App::new(
        docbao_core::store::Store::new(),
        docbao_core::ingest::LoadOptions::default().known,
        "t".into(),
        None,
        Theme::color(),
    )
}
