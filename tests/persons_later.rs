//! A large first load makes its articles searchable before it finds their persons and events
//! (`LoadOptions::persons_later_from`): the articles arrive first, then `Read`, then the
//! persons and events of each, then `Done`. What a user sees meanwhile (the status line and the
//! person picker say how far it has come), and the store at the end, the same as one pass.

use docbao_core::ingest::{self, LoadEvent, LoadOptions, Source};
use docbao_core::session::{self, Archive};
use docbao_core::store::{Derived, Store};
use docbao_tui::action::Action;
use docbao_tui::app::{App, Msg};
use docbao_tui::theme::Theme;
use std::path::PathBuf;
use std::sync::Arc;

fn labelled() -> Source {
    Source::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labelled"))
}

/// Every event of a load of `source` that finds persons after the articles, no cache.
fn events_searchable_first(source: &Source) -> Vec<LoadEvent> {
    // No cache: a first load every time, and nothing written under the user's folders.
    std::env::set_var("DOCBAO_NO_CACHE", "1");
    let options = LoadOptions {
        persons_later_from: 0,
        ..LoadOptions::default()
    };
    let (tx, rx) = std::sync::mpsc::channel();
    ingest::load_streaming(source, &options, &tx);
    drop(tx);
    rx.into_iter().collect()
}

/// What a user can see of each article's persons and events, by path.
fn persons_by_path(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = store
        .newest_first()
        .map(|a| {
            format!(
                "{} | {:?} | {:?} | {:?} | {}",
                a.path, a.persons, a.mentions, a.events, a.folded
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn articles_come_searchable_first_and_end_with_the_persons_of_one_pass() {
    let source = labelled();
    let events = events_searchable_first(&source);
    let read_at = events
        .iter()
        .position(|e| matches!(e, LoadEvent::Read { .. }))
        .expect("a Read event");
    let articles: usize = events[..read_at]
        .iter()
        .map(|e| match e {
            LoadEvent::Batch { articles, .. } => {
                assert!(
                    articles
                        .iter()
                        .all(|a| a.persons.is_empty() && a.events.is_empty()),
                    "the first pass finds no persons"
                );
                articles.len()
            }
            _ => 0,
        })
        .sum();
    assert!(articles > 50, "{articles}");
    match &events[read_at] {
        LoadEvent::Read { persons_to_find, .. } => assert_eq!(*persons_to_find, articles),
        _ => unreachable!(),
    }
    let derived: usize = events[read_at..]
        .iter()
        .map(|e| match e {
            LoadEvent::Derived(found) => found.len(),
            LoadEvent::Batch { .. } => panic!("no article after Read"),
            _ => 0,
        })
        .sum();
    assert_eq!(derived, articles);
    assert!(matches!(events.last(), Some(LoadEvent::Done { .. })));

    let options = LoadOptions::default();
    let mut archive = Archive::new(Store::new(), options.known.clone());
    for ev in LoadEvent::coalesce(events) {
        archive.receive(ev);
    }
    let (one_pass, _) = session::load_store(&source, &options);
    let two = archive.store();
    assert_eq!(two.len(), one_pass.len());
    assert!(two.is_resolved());
    assert_eq!(persons_by_path(two), persons_by_path(&one_pass));
    let people = |s: &Store| -> Vec<(String, usize)> {
        s.people()
            .persons()
            .iter()
            .map(|p| (p.name.clone(), p.articles))
            .collect()
    };
    assert_eq!(people(two), people(&one_pass));
}

#[test]
fn what_was_found_in_a_text_a_live_change_replaced_is_dropped() {
    let source = labelled();
    let events = events_searchable_first(&source);
    let mut store = Store::new();
    let mut found: Vec<Derived> = Vec::new();
    for ev in events {
        match ev {
            LoadEvent::Batch { articles, .. } => store.add(articles),
            LoadEvent::Derived(f) => found.extend(f),
            _ => {}
        }
    }
    let first = found.remove(0);
    // The file was rewritten meanwhile: the store holds its new text (read with persons).
    let file = ingest::discover(&source)
        .files
        .into_iter()
        .find(|f| f.rel == first.path)
        .expect("its file");
    let again = ingest::load_file(&file).article.expect("an article");
    let fresh = format!("{:?}", again.persons);
    store.upsert(vec![again]);
    let generation = store.generation();
    assert_eq!(store.take_derived(vec![first]), 0);
    assert_eq!(store.generation(), generation, "nothing changed");
    let a = store.by_path(&file.rel).expect("still there");
    assert_eq!(format!("{:?}", a.persons), fresh);
    // The others are taken.
    let n = found.len();
    assert_eq!(store.take_derived(found), n);
}

fn status(a: &mut App) -> String {
    let screen = docbao_tui::render_to_string(a, 80, 24);
    screen.lines().last().unwrap_or("").to_string()
}

#[test]
fn the_status_line_and_the_person_picker_say_how_far_finding_persons_has_come() {
    let source = labelled();
    let events = events_searchable_first(&source);
    let options = LoadOptions::default();
    let mut a = App::new(
        Store::new(),
        Arc::clone(&options.known),
        "labelled".into(),
        None,
        Theme::color(),
    );
    a.show_timings = false;
    a.update(Msg::Resize(80, 24));
    let mut events = events.into_iter();
    for ev in events.by_ref() {
        let read = matches!(ev, LoadEvent::Read { .. });
        a.update(Msg::Load(ev));
        if read {
            break;
        }
    }
    let total = a.store().len();
    // Every article is searchable: a word of the text finds them.
    a.update(Msg::Action(Action::Filter));
    for c in "ha noi".chars() {
        a.update(Msg::Insert(c.to_string()));
    }
    a.update(Msg::Action(Action::Open));
    a.poll_worker();
    assert!(!a.shown.is_empty(), "a word answers before persons are found");
    let line = status(&mut a);
    assert!(line.contains("persons 0%"), "{line}");
    assert!(line.contains(&format!("/{total}")), "{line}");
    // Half of the persons found.
    let mut derived: Vec<LoadEvent> = events.collect();
    let done = derived.pop().expect("Done");
    let half = derived.len() / 2;
    let rest = derived.split_off(half);
    for ev in derived {
        a.update(Msg::Load(ev));
    }
    a.update(Msg::Action(Action::People));
    let screen = docbao_tui::render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Finding persons:"), "{screen}");
    a.update(Msg::Action(Action::Back));
    for ev in rest {
        a.update(Msg::Load(ev));
    }
    a.update(Msg::Load(done));
    a.update(Msg::Tick);
    let line = status(&mut a);
    assert!(!line.contains("persons") && !line.contains("loading"), "{line}");
    a.update(Msg::Action(Action::People));
    let screen = docbao_tui::render_to_string(&mut a, 80, 24);
    assert!(
        !screen.contains("Finding persons") && !screen.contains("No persons"),
        "{screen}"
    );
}

#[test]
fn a_title_only_file_rewritten_between_the_passes_keeps_its_new_persons() {
    // Two files with no text but a title: their empty texts are alike, their bytes are not.
    let old = ingest::load_bytes(
        "a.md",
        "---\ntitle: Ông Nguyễn Văn An nhận giải thưởng\n---\n".as_bytes(),
    )
    .article
    .expect("an article");
    let new = ingest::load_bytes(
        "a.md",
        "---\ntitle: Bà Trần Thị Bình nhận giải thưởng\n---\n".as_bytes(),
    )
    .article
    .expect("an article");
    let fresh = format!("{:?}", new.persons);
    let pending = ingest::Pending::of(&old);
    let mut store = Store::new();
    store.add(vec![old]);
    store.upsert(vec![new]);
    assert_eq!(store.take_derived(vec![ingest::derive_later(&pending)]), 0);
    let a = store.by_path("a.md").expect("still there");
    assert_eq!(format!("{:?}", a.persons), fresh);
}
