//! The embedded sample corpus loads cleanly and every article gets the title and date a careful
//! reader would give it (labels in tests/fixtures/corpus_manifest.yaml, written with the corpus).

use docbao_core::ingest::Source;
use docbao_core::store::Severity;
use serde::Deserialize;

#[derive(Deserialize)]
struct Entry {
    path: String,
    title: String,
    date: Option<String>,
    #[serde(default)]
    damage: Vec<String>,
}

fn manifest() -> Vec<Entry> {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpus_manifest.yaml"
    ))
    .unwrap();
    serde_yaml::from_str(&src).unwrap()
}

#[test]
fn sample_loads_without_problems() {
    let (store, loaded) = docbao_core::session::load_store(&Source::Sample, &Default::default());
    assert!(store.len() >= 40);
    assert_eq!(store.len(), loaded.files);
    let bad: Vec<_> = store
        .problems()
        .iter()
        .filter(|p| p.severity.is_problem())
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
    assert!(store
        .problems()
        .iter()
        .any(|p| p.severity == Severity::Skipped && p.path.ends_with(".png")));
    let years: std::collections::BTreeSet<i32> =
        store.articles().iter().filter_map(|a| a.date.year()).collect();
    assert!(years.len() >= 3);
}

#[test]
fn titles_and_dates_match_the_manifest() {
    let (store, _) = docbao_core::session::load_store(&Source::Sample, &Default::default());
    let mut wrong = Vec::new();
    let entries = manifest();
    assert_eq!(entries.len(), store.len());
    for e in &entries {
        let Some(a) = store.by_path(&e.path) else {
            wrong.push(format!("{}: not loaded", e.path));
            continue;
        };
        let date = a.date.is_dated().then(|| a.date.to_string());
        if date != e.date {
            wrong.push(format!("{}: date {:?}, expected {:?}", e.path, date, e.date));
        }
        let title_ok = if e.damage.iter().any(|d| d == "title_cut") || e.title.ends_with('…') {
            let want = e.title.trim_end_matches('…');
            let got = a.title.trim_end_matches('…');
            // the cut may fall a word or two away
            let common = want.chars().zip(got.chars()).take_while(|(x, y)| x == y).count();
            common + 20 >= want.chars().count().min(got.chars().count())
        } else {
            a.title == e.title
        };
        if !title_ok {
            wrong.push(format!(
                "{}:\n   title {:?}\n   expect {:?}",
                e.path, a.title, e.title
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        entries.len(),
        wrong.join("\n")
    );
}
