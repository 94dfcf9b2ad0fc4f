//! Measured accuracy of person and event extraction on a labelled set of 66 articles written for
//! this test (`tests/fixtures/labelled/`, not the sample corpus). Prints precision and recall of
//! persons (per article, after archive-wide merging) and of event dates, and fails below
//! persons P 0.95 / R 0.90 and events P 0.95 / R 0.90.
//!
//! `cargo test --test accuracy -- --nocapture` shows the figures and every miss.

// Scenario tests read top to bottom, a step per line: their length is their story.
#![allow(clippy::too_many_lines)]

use docbao_core::ingest::{self, Source};
use docbao_core::store::Store;
use docbao_extract::KnownPeople;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

#[derive(Deserialize)]
struct Label {
    file: String,
    #[serde(default)]
    persons: Vec<String>,
    #[serde(default)]
    events: Vec<String>,
}

#[derive(Deserialize)]
struct SetPerson {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/labelled"))
}

fn read<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let text = std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Spellings compared loosely: case, hyphens and spacing do not matter.
fn key(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '‐'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn add(&mut self, predicted: &BTreeSet<String>, gold: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
        let fp: Vec<String> = predicted.difference(gold).cloned().collect();
        let fn_: Vec<String> = gold.difference(predicted).cloned().collect();
        self.tp += predicted.intersection(gold).count();
        self.fp += fp.len();
        self.fn_ += fn_.len();
        (fp, fn_)
    }

    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn persons_and_events_are_accurate() {
    let labels: Vec<Label> = read("labels.yaml");
    let set_people: Vec<SetPerson> = read("people.yaml");
    assert!(labels.len() >= 60, "the labelled set needs at least 60 articles");

    // The whole folder as one archive, resolved with the bundled known people only (never the
    // user's own file, so the figure does not depend on the machine).
    let loaded = ingest::load(&Source::Dir(dir()));
    let mut store = Store::from_parts(loaded.articles, loaded.problems);
    let known = KnownPeople::builtin();
    store.resolve_persons(known);

    // The set's spellings → its canonical names.
    let mut canon: HashMap<String, String> = HashMap::new();
    for p in &set_people {
        canon.insert(key(&p.name), p.name.clone());
        for a in &p.aliases {
            canon.insert(key(a), p.name.clone());
        }
    }
    // A predicted person is the set's person when any of its names (canonical, spellings seen
    // in the archive, aliases in the known list) is one of the set's spellings.
    let label_of = |name: &str| -> String {
        let mut names: Vec<String> = vec![name.to_string()];
        if let Some(p) = store.people().get(name) {
            names.extend(p.aliases.iter().cloned());
        }
        if let Some(k) = known.lookup(name) {
            let kp = &known.people()[k];
            names.push(kp.name.clone());
            names.extend(kp.aliases.iter().cloned());
        }
        names
            .iter()
            .find_map(|n| canon.get(&key(n)).cloned())
            .unwrap_or_else(|| name.to_string())
    };

    let mut persons = Score::default();
    let mut events = Score::default();
    let mut report = String::new();
    for l in &labels {
        let Some(a) = store.by_path(&l.file) else {
            panic!("{}: not loaded", l.file);
        };
        let predicted: BTreeSet<String> = a.persons.iter().map(|p| label_of(p)).collect();
        let gold: BTreeSet<String> = l.persons.iter().cloned().collect();
        let (pfp, pfn) = persons.add(&predicted, &gold);
        let predicted: BTreeSet<String> = a.events.iter().map(|e| e.date.to_string()).collect();
        let gold: BTreeSet<String> = l.events.iter().cloned().collect();
        let (efp, efn) = events.add(&predicted, &gold);
        if !(pfp.is_empty() && pfn.is_empty() && efp.is_empty() && efn.is_empty()) {
            report.push_str(&format!(
                "  {}: persons +{pfp:?} -{pfn:?}  events +{efp:?} -{efn:?}\n",
                l.file
            ));
        }
    }
    eprintln!(
        "accuracy on {} labelled articles (+ extra, - missed):",
        labels.len()
    );
    eprint!("{report}");
    eprintln!(
        "persons: precision {:.3} recall {:.3} ({} right, {} extra, {} missed)",
        persons.precision(),
        persons.recall(),
        persons.tp,
        persons.fp,
        persons.fn_
    );
    eprintln!(
        "events:  precision {:.3} recall {:.3} ({} right, {} extra, {} missed)",
        events.precision(),
        events.recall(),
        events.tp,
        events.fp,
        events.fn_
    );
    assert!(
        persons.precision() >= 0.95,
        "persons precision {:.3} < 0.95",
        persons.precision()
    );
    assert!(
        persons.recall() >= 0.90,
        "persons recall {:.3} < 0.90",
        persons.recall()
    );
    assert!(
        events.precision() >= 0.95,
        "events precision {:.3} < 0.95",
        events.precision()
    );
    assert!(
        events.recall() >= 0.90,
        "events recall {:.3} < 0.90",
        events.recall()
    );
}
