//! Live updates in the app alone (no terminal): changes arriving from the watcher, including a
//! whole re-read after the watcher lost track of events.

use docbao::ingest::{self, LoadEvent, Source};
use docbao::ui::app::{App, Msg};
use docbao::ui::app_for;
use docbao::ui::theme::Theme;

fn app() -> App {
    let mut a = app_for(&Source::Sample, Theme::color());
    a.show_timings = false;
    a.update(Msg::Resize(80, 24));
    a
}

/// Some of the sample's articles, read again.
fn some_articles(n: usize) -> Vec<docbao::store::Article> {
    ingest::discover(&Source::Sample)
        .files
        .iter()
        .take(n)
        .filter_map(|f| ingest::load_file(f).article)
        .collect()
}

#[test]
fn a_complete_reread_drops_what_is_gone_and_keeps_the_rest() {
    let mut a = app();
    let total = a.store.len();
    assert!(total > 20);
    let kept = some_articles(20);
    let paths: Vec<String> = kept.iter().map(|x| x.path.clone()).collect();
    a.update(Msg::Load(LoadEvent::Changed {
        articles: kept,
        removed: vec![],
        problems: vec![],
        complete: true,
    }));
    a.update(Msg::Tick);
    assert_eq!(a.store.len(), 20);
    assert_eq!(a.shown.len(), 20);
    for p in &paths {
        assert!(a.store.by_path(p).is_some(), "{p}");
    }
}

#[test]
fn a_partial_change_replaces_and_removes_by_path() {
    let mut a = app();
    let total = a.store.len();
    let changed = some_articles(3);
    let gone = ingest::discover(&Source::Sample).files[10].rel.clone();
    a.update(Msg::Load(LoadEvent::Changed {
        articles: changed,
        removed: vec![gone.clone()],
        problems: vec![],
        complete: false,
    }));
    assert_eq!(a.store.len(), total - 1);
    assert!(a.store.by_path(&gone).is_none());
    assert_eq!(a.shown.len(), total - 1);
    let m = a.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default();
    assert!(m.contains("3 articles new or changed, 1 removed"), "{m}");
}

#[test]
fn editing_a_file_that_is_no_longer_there_says_so_and_opens_nothing() {
    use docbao::ui::action::Action;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "date: 2025-01-02\n\nTin một\n\nThân bài.\n",
    )
    .expect("write");
    let mut a = app_for(&Source::Dir(dir.path().to_path_buf()), Theme::color());
    a.update(Msg::Resize(80, 24));
    std::fs::remove_file(dir.path().join("a.txt")).expect("remove");
    a.update(Msg::Action(Action::Edit));
    assert!(a.effects.is_empty(), "{:?}", a.effects);
    let m = a.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default();
    assert!(m.contains("cannot open a.txt"), "{m}");
}
