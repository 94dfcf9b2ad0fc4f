//! Live updates in the app alone (no terminal): changes arriving from the watcher, including a
//! whole re-read after the watcher lost track of events.

use docbao_core::ingest::{self, LoadEvent, Source};
use docbao_tui::app::{App, Msg};
use docbao_tui::app_for;
use docbao_tui::theme::Theme;

#[path = "support/ui.rs"]
mod ui;
use ui::app;

/// Some of the sample's articles, read again.
fn some_articles(n: usize) -> Vec<docbao_core::store::Article> {
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
    let total = a.store().len();
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
    assert_eq!(a.store().len(), 20);
    assert_eq!(a.shown.len(), 20);
    for p in &paths {
        assert!(a.store().by_path(p).is_some(), "{p}");
    }
}

#[test]
fn a_partial_change_replaces_and_removes_by_path() {
    let mut a = app();
    let total = a.store().len();
    let changed = some_articles(3);
    let gone = ingest::discover(&Source::Sample).files[10].rel.clone();
    a.update(Msg::Load(LoadEvent::Changed {
        articles: changed,
        removed: vec![gone.clone()],
        problems: vec![],
        complete: false,
    }));
    assert_eq!(a.store().len(), total - 1);
    assert!(a.store().by_path(&gone).is_none());
    assert_eq!(a.shown.len(), total - 1);
    let m = a.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default();
    assert!(m.contains("3 articles new or changed, 1 article removed"), "{m}");
}

#[test]
fn editing_a_file_that_is_no_longer_there_says_so_and_opens_nothing() {
    use docbao_tui::action::Action;
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

/// The persons of a store, as `docbao people` lists them.
fn people_of(s: &docbao_core::store::Store) -> Vec<(String, usize)> {
    s.people()
        .persons()
        .iter()
        .map(|p| (p.name.clone(), p.articles))
        .collect()
}

#[test]
fn quitting_before_persons_settle_still_leaves_a_settled_cache() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labelled");
    let source = Source::Dir(root.clone());
    let (articles, problems) =
        ingest::read_files_parallel(&ingest::discover(&source).files, Default::default());
    let files = articles.len();
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let cache = cache_dir.path().join("archive.cache");
    let mut a = App::new(
        docbao_core::store::Store::new(),
        docbao_core::ingest::LoadOptions::default().known,
        "labelled".into(),
        Some(root.clone()),
        Theme::color(),
    );
    a.use_worker().expect("a filter thread");
    // Settled on a thread, as a big archive's persons are.
    a.archive.resolve_inline_below = 0;
    a.update(Msg::Resize(80, 24));
    a.update(Msg::Load(LoadEvent::Found { files, problems }));
    a.update(Msg::Load(LoadEvent::Batch {
        files,
        articles,
        problems: vec![],
    }));
    let fingerprint = docbao_core::ingest::LoadOptions::default().fingerprint();
    a.update(Msg::Load(LoadEvent::SaveCache {
        path: cache.clone(),
        stamps: Default::default(),
        fingerprint,
    }));
    a.update(Msg::Load(LoadEvent::Done {
        elapsed: std::time::Duration::ZERO,
    }));
    // The events wait while the filter thread reads the store; then persons settle on a
    // thread of their own, and the save waits for them.
    let since = std::time::Instant::now();
    while a.loading.is_some() && since.elapsed() < std::time::Duration::from_secs(20) {
        a.poll_worker();
        a.update(Msg::Tick);
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(a.loading.is_none(), "the load ends");
    // Quit at once.
    assert!(a.finish_cache(&|| false), "the cache was written");
    let saved = docbao_core::store::cache::load(&cache, fingerprint).expect("a cache that loads");
    let (fresh, _) = docbao_core::session::load_store(&source, &Default::default());
    assert_eq!(saved.store.len(), fresh.len());
    assert!(!people_of(&fresh).is_empty());
    assert_eq!(
        people_of(&saved.store),
        people_of(&fresh),
        "persons settled before saving"
    );
}

/// A long article in shape A: the date line, then `paras` paragraphs.
fn long_article(day: u32, title: &str, paras: usize) -> String {
    let mut s = format!("date 2025-05-{day:02} {title}\n\n");
    for i in 0..paras {
        s.push_str(&format!(
            "Đoạn {i} của bài {title} kể lại mọi chuyện đã xảy ra trong ngày, dài đủ để xuống dòng nhiều lần trong khung đọc.\n\n"
        ));
    }
    s
}

/// Ticks until the persons settled after a live change are taken in (they rebuild the reader).
fn settle(a: &mut App) {
    let since = std::time::Instant::now();
    while (!a.store().is_resolved() || a.filtering) && since.elapsed() < std::time::Duration::from_secs(10) {
        a.poll_worker();
        a.update(Msg::Tick);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    a.poll_worker();
    a.update(Msg::Tick);
    assert!(a.store().is_resolved() && !a.filtering, "persons settle");
}

/// Reads one file of `dir` as the watcher does.
fn read_one(dir: &std::path::Path, name: &str) -> docbao_core::store::Article {
    ingest::discover(&Source::Dir(dir.to_path_buf()))
        .files
        .iter()
        .find(|f| f.rel == name)
        .and_then(|f| ingest::load_file(f).article)
        .expect("the article reads")
}

/// A change from the watcher: `articles` new or rewritten, `removed` gone.
fn change(a: &mut App, articles: Vec<docbao_core::store::Article>, removed: Vec<String>) {
    a.update(Msg::Load(LoadEvent::Changed {
        articles,
        removed,
        problems: vec![],
        complete: false,
    }));
}

#[test]
fn live_changes_keep_the_reader_scroll() {
    live_changes_keep_the_reader_scroll_with(false);
}

#[test]
fn live_changes_keep_the_reader_scroll_with_the_filter_thread() {
    live_changes_keep_the_reader_scroll_with(true);
}

/// The reader scrolled inside an article stays where it is when another article arrives,
/// and when the article itself is rewritten (inside the new text when it got shorter), also
/// once persons are settled again after the change.
fn live_changes_keep_the_reader_scroll_with(worker: bool) {
    use docbao_tui::action::Action;
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 1..=5 {
        std::fs::write(
            dir.path().join(format!("a{i}.txt")),
            long_article(i, &format!("Bài {i}"), 30),
        )
        .expect("write");
    }
    let mut a = app_for(&Source::Dir(dir.path().to_path_buf()), Theme::color());
    a.show_timings = false;
    if worker {
        a.use_worker().expect("a filter thread");
        a.archive.resolve_inline_below = 0;
    }
    a.update(Msg::Resize(120, 24));
    for act in [
        Action::Down,
        Action::Down,
        Action::NextPane,
        Action::HalfPageDown,
        Action::HalfPageDown,
    ] {
        a.update(Msg::Action(act));
    }
    let path = a.selected_article().map(|x| x.path.clone()).expect("an article");
    let scroll = a.reader.scroll;
    assert!(scroll > 0, "the reader scrolled");

    // Another article arrives.
    std::fs::write(
        dir.path().join("a9.txt"),
        "date 2025-09-10 Bài chín\n\nNội dung.\n",
    )
    .expect("write");
    change(&mut a, vec![read_one(dir.path(), "a9.txt")], vec![]);
    settle(&mut a);
    assert_eq!(a.selected_article().map(|x| x.path.clone()), Some(path.clone()));
    assert_eq!(a.reader.id, a.selected_id());
    assert_eq!(
        a.reader.scroll, scroll,
        "another article's change keeps the scroll"
    );

    // The selected article itself grows.
    let mut text = std::fs::read_to_string(dir.path().join(&path)).expect("read");
    text.push_str("Thêm một đoạn cuối.\n");
    std::fs::write(dir.path().join(&path), text).expect("write");
    change(&mut a, vec![read_one(dir.path(), &path)], vec![]);
    settle(&mut a);
    assert_eq!(a.selected_article().map(|x| x.path.clone()), Some(path.clone()));
    assert_eq!(a.reader.id, a.selected_id());
    assert_eq!(
        a.reader.scroll, scroll,
        "the selected article's change keeps the scroll"
    );

    // It is cut short: the scroll stays inside the new text.
    std::fs::write(dir.path().join(&path), long_article(3, "Bài 3", 2)).expect("write");
    change(&mut a, vec![read_one(dir.path(), &path)], vec![]);
    settle(&mut a);
    assert_eq!(a.reader.id, a.selected_id());
    assert!(a.reader.scroll < scroll, "{} < {scroll}", a.reader.scroll);
    assert!(a.reader.scroll < a.reader.lines.len().max(1));
}

#[test]
fn removing_the_selected_article_selects_the_one_that_takes_its_row() {
    use docbao_tui::action::Action;
    let mut a = app();
    for _ in 0..5 {
        a.update(Msg::Action(Action::Down));
    }
    assert_eq!(a.selected, 5);
    let next = a.shown[6];
    let gone = a.selected_article().map(|x| x.path.clone()).unwrap_or_default();
    change(&mut a, vec![], vec![gone.clone()]);
    assert!(a.store().by_path(&gone).is_none());
    let m = a.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default();
    assert_eq!(m, "1 article removed");
    assert_eq!(a.selected, 5);
    assert_eq!(a.selected_id(), Some(next));
}

#[test]
fn a_folder_not_watched_is_named_in_the_status_line() {
    use docbao_core::store::{Problem, Severity};
    let mut a = app();
    a.update(Msg::Load(LoadEvent::Changed {
        articles: vec![],
        removed: vec![],
        problems: vec![Problem::new(
            "2025/bi-mat",
            Severity::Note,
            "no live updates here (permission denied); the rest stays live",
        )],
        complete: false,
    }));
    let total = a.store().len();
    let screen = docbao_tui::render_to_string(&mut a, 80, 24);
    let status = screen.lines().last().unwrap_or("");
    assert!(status.contains("2025/bi-mat"), "{status}");
    assert!(status.contains("no live updates here"), "{status}");
    assert_eq!(a.store().len(), total, "nothing else changed");
}
