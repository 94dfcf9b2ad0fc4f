//! Copies of one story (issue 18): a dispatch republished with another title, a paragraph cut,
//! furniture added and another file shape is grouped with its original; another article on
//! the same event stays apart. `list --json` names each article's story and its copies, the
//! saved store keeps them, a live update finds its story, the reader says where else it is.

mod common;

use docbao_core::ingest::{self, Source};
use docbao_core::store::Store;
use docbao_tui::action::Action;
use docbao_tui::app::Msg;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories")
}

/// `list --json` as (path, story, copies) per article, with `cache` as the cache folder.
fn listed(dir: &Path, cache: Option<&Path>) -> Vec<(String, String, Vec<String>)> {
    let out = common::cli::run_cached(&["list", "--json"], dir, cache);
    let mut v: Vec<(String, String, Vec<String>)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let j: serde_json::Value = serde_json::from_str(l).expect("json");
            let s = |k: &str| j[k].as_str().unwrap_or("").to_string();
            let copies = j["copies"]
                .as_array()
                .map(|a| a.iter().filter_map(|c| c.as_str().map(String::from)).collect())
                .unwrap_or_default();
            (s("path"), s("story"), copies)
        })
        .collect();
    v.sort();
    v
}

fn expected() -> Vec<(String, String, Vec<String>)> {
    let t = |p: &str, s: &str, c: &[&str]| {
        (
            p.to_string(),
            s.to_string(),
            c.iter().map(|x| x.to_string()).collect(),
        )
    };
    vec![
        t("a-tin-goc.txt", "a-tin-goc.txt", &["b-dang-lai.md"]),
        t("b-dang-lai.md", "a-tin-goc.txt", &["a-tin-goc.txt"]),
        t("c-bai-khac.txt", "c-bai-khac.txt", &[]),
    ]
}

#[test]
fn a_republished_copy_joins_its_story_and_another_report_stays_apart() {
    assert_eq!(listed(&fixtures(), None), expected());
}

#[test]
fn the_saved_store_keeps_the_stories() {
    let cache = tempfile::tempdir().expect("temp dir");
    assert_eq!(listed(&fixtures(), Some(cache.path())), expected());
    // The second run restores the store from the cache.
    assert_eq!(listed(&fixtures(), Some(cache.path())), expected());
}

#[test]
fn a_copy_arriving_by_a_live_update_finds_its_story() {
    let files = ingest::discover(&Source::Dir(fixtures())).files;
    let read = |name: &str| {
        let f = files.iter().find(|f| f.rel == name).expect("fixture");
        ingest::load_file(f).article.expect("an article")
    };
    let mut store = Store::new();
    store.add(vec![read("a-tin-goc.txt"), read("c-bai-khac.txt")]);
    // The load ends: persons settled, stories grouped.
    store.resolve_persons(&docbao_extract::KnownPeople::builtin().clone());
    let a = store.by_path("a-tin-goc.txt").expect("a").id;
    assert!(store.copies(a).is_empty());
    store.upsert(vec![read("b-dang-lai.md")]);
    let b = store.by_path("b-dang-lai.md").expect("b").id;
    assert_eq!(store.copies(a), vec![b]);
    // Edited again (a new id): the old copy is gone from the story, the new one is in it.
    store.upsert(vec![read("b-dang-lai.md")]);
    let b2 = store.by_path("b-dang-lai.md").expect("b").id;
    assert_ne!(b, b2);
    assert_eq!(store.copies(a), vec![b2]);
}

#[test]
fn a_folder_read_again_whole_is_grouped_when_persons_are_next_settled() {
    let names = ["a-tin-goc.txt", "b-dang-lai.md", "c-bai-khac.txt"];
    let copy = |set: usize, name: &str| {
        let bytes = std::fs::read(fixtures().join(name)).expect("fixture");
        ingest::load_bytes(&format!("set{set}/{name}"), &bytes)
            .article
            .expect("an article")
    };
    let known = docbao_extract::KnownPeople::builtin().clone();
    let mut store = Store::new();
    store.add(names.iter().map(|n| copy(0, n)).collect());
    store.resolve_persons(&known);
    // More articles than are placed one by one, as when the watcher lost track of events and
    // read the folder whole: grouped with the archive when persons are settled.
    store.upsert(
        (1..7)
            .flat_map(|set| names.iter().map(move |n| copy(set, n)))
            .collect(),
    );
    store.resolve_persons(&known);
    let path_of = |id| store.get(id).path.clone();
    let a = store.by_path("set0/a-tin-goc.txt").expect("a").id;
    let mut of_a: Vec<String> = store.copies(a).into_iter().map(path_of).collect();
    of_a.sort();
    assert_eq!(of_a.len(), 13, "{of_a:?}");
    assert!(of_a.iter().all(|p| !p.contains("c-bai-khac")), "{of_a:?}");
    let c = store.by_path("set3/c-bai-khac.txt").expect("c").id;
    let of_c: Vec<String> = store.copies(c).into_iter().map(path_of).collect();
    assert_eq!(of_c.len(), 6, "{of_c:?}");
    assert!(of_c.iter().all(|p| p.ends_with("c-bai-khac.txt")), "{of_c:?}");
}

#[test]
fn the_reader_says_where_else_the_story_is() {
    let mut app = docbao_tui::app_for(&Source::Dir(fixtures()), docbao_tui::theme::Theme::color());
    app.show_timings = false;
    app.update(Msg::Resize(100, 30));
    // Newest first: the copy of 3 March.
    app.update(Msg::Action(Action::Open));
    let screen = docbao_tui::render_to_string(&mut app, 100, 30);
    assert!(screen.contains("also in: a-tin-goc.txt"), "{screen}");
}
