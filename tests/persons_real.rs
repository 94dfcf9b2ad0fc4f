//! Persons and dates of the labelled development articles of the Dân Trí corpus, each loaded
//! alone, scored against their hand labels (`data/labels/dantri`). Skips when the corpus is
//! not there. Asserts only that the scoring runs; the figures are printed
//! (`cargo test --test persons_real -- --nocapture`). The archive-wide score and the misses
//! are `examples/persons_score.rs`.

#[path = "support/persons_score.rs"]
mod score;

use docbao_core::ingest::LoadOptions;
use score::{Split, Tally, Totals};

#[test]
fn dev_articles_alone_are_scored() {
    let corpus = score::default_corpus();
    if !corpus.is_dir() {
        println!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let labels = score::load_labels(Split::Dev);
    assert!(!labels.is_empty(), "no development labels");
    let shown = score::load_alone(&corpus, &labels, &LoadOptions::default());
    let persons: Vec<_> = labels
        .iter()
        .zip(&shown)
        .map(|(l, s)| score::score_persons(l, &s.persons))
        .collect();
    let dates: Vec<_> = labels
        .iter()
        .zip(&shown)
        .map(|(l, s)| score::score_dates(l, &s.events))
        .collect();
    let totals = Totals {
        split: Split::Dev,
        articles: labels.len(),
        alone: Tally::persons(&persons),
        archive: None,
        dates: Tally::dates(&dates),
    };
    print!("{}", score::table(&totals));
}

fn label(yaml: &str) -> score::Label {
    serde_yaml::from_str(yaml).expect("label")
}

#[test]
fn scoring_follows_the_conventions() {
    let l = label(
        "file: a.txt\npersons:\n  - {name: Lý Quang Diệu, aliases: [Lý Quang Diệu, Lý], other_names: [Lee Kuan Yew]}\n  \
         - {name: Lý Hiển Long, aliases: [Lý], other_names: [Lee Hsien Loong]}\n  \
         - {name: Ahn Gyu-back, aliases: [Ahn Gyu-back]}\n\
         byline_or_photo_credit_persons: [Hùng Cường]\ndates:\n  - {day: 1, month: 10}\n  - {day: null, month: 9}\n",
    );
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // "Lý" credits Lý Hiển Long so that Lý Quang Diệu is credited too; word order, case,
    // diacritics and hyphens are free; a byline is neither right nor wrong; a second name of a
    // credited person is an unmerged spelling.
    let o = score::score_persons(
        &l,
        &names(&[
            "Lý",
            "ly quang dieu",
            "Gyu back Ahn",
            "Hùng Cường",
            "Lee Kuan Yew",
            "Trump",
        ]),
    );
    assert_eq!((o.right, o.listed, o.labelled), (3, 5, 3), "{o:?}");
    let unmerged: Vec<_> = o
        .false_names
        .iter()
        .map(|f| (f.name.as_str(), f.unmerged))
        .collect();
    assert_eq!(unmerged, [("Lee Kuan Yew", true), ("Trump", false)]);
    assert!(o.missed.is_empty());
    let o = score::score_persons(&l, &names(&["Lee Hsien Loong"]));
    assert_eq!(o.missed, ["Lý Quang Diệu", "Ahn Gyu-back"]);
    let d = score::score_dates(&l, &[]);
    assert_eq!((d.gold, d.system, d.missed.as_slice()), (1, 0, &[(10, 1)][..]));
}
