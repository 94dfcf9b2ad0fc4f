//! Persons and dates of real articles scored against hand labels (`data/labels/dantri`), by the
//! rules of `persons-conventions.md` ("Scoring"). Shared by `examples/persons_score.rs` and
//! `tests/persons_real.rs`, each of which uses a part of it.

#![allow(dead_code)]

use docbao_core::ingest::{LoadOptions, Source};
use docbao_core::session::load_store;
use docbao_core::store::Store;
use docbao_extract::{Date, Event};
use serde::Deserialize;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The labelled articles: one YAML file each, and `split.yaml` naming the test part
/// (`DOCBAO_LABELS_DIR` names another folder of the same form, as a copy being labelled).
pub fn labels_dir() -> PathBuf {
    match std::env::var_os("DOCBAO_LABELS_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("data/labels/dantri"),
    }
}

/// The corpus the labels were made on, when it is there.
pub fn default_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dantri")
}

/// One labelled article (fields the score does not read are ignored).
#[derive(Debug, Deserialize)]
pub struct Label {
    pub file: String,
    #[serde(default)]
    pub persons: Vec<LabelPerson>,
    #[serde(default)]
    pub byline_or_photo_credit_persons: Vec<String>,
    #[serde(default)]
    pub dates: Vec<LabelDate>,
}

#[derive(Debug, Deserialize)]
pub struct LabelPerson {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub other_names: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct LabelDate {
    pub day: Option<u32>,
    pub month: Option<u32>,
}

#[derive(Deserialize)]
struct SplitFile {
    test: Vec<String>,
}

/// Which labelled articles are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Dev,
    Test,
    All,
}

impl Split {
    pub fn parse(s: &str) -> Option<Split> {
        match s {
            "dev" => Some(Split::Dev),
            "test" => Some(Split::Test),
            "all" => Some(Split::All),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
            Split::All => "all",
        }
    }
}

/// The labels of `split`, sorted by file name.
pub fn load_labels(split: Split) -> Vec<Label> {
    let dir = labels_dir();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let test: SplitFile = serde_yaml::from_str(&read(&dir.join("split.yaml"))).expect("split.yaml");
    let test: HashSet<String> = test.test.into_iter().collect();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| p.file_name().is_some_and(|n| n != "split.yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let label: Label =
                serde_yaml::from_str(&read(p)).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            label
        })
        .filter(|l| match split {
            Split::Dev => !test.contains(&l.file),
            Split::Test => test.contains(&l.file),
            Split::All => true,
        })
        .collect()
}

/// A name compared by the conventions: folded (no diacritics, no case), hyphens as spaces,
/// word order free (the sorted words).
pub fn name_key(name: &str) -> String {
    let folded = docbao_extract::text::fold(name);
    let mut words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// A listed name scored wrong, and whether it is a second name of a credited person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FalseName {
    pub name: String,
    pub unmerged: bool,
}

/// One article's persons against its label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonOutcome {
    /// Listed names, bylines left out.
    pub listed: usize,
    /// Listed names that credited a labelled person (each person once).
    pub right: usize,
    /// Labelled persons.
    pub labelled: usize,
    pub false_names: Vec<FalseName>,
    /// Names of the labelled persons no listed name credited.
    pub missed: Vec<String>,
}

/// Scores the listed names of one article. Names are matched to labelled persons one to one,
/// as many as can be (a name shared by two persons credits the one that leaves the most
/// credited); a listed name matching only persons credited by other names is an unmerged
/// spelling, and one matching a byline or photo credit (and no person it could credit) is
/// left out.
pub fn score_persons(label: &Label, listed: &[String]) -> PersonOutcome {
    let people: Vec<HashSet<String>> = label
        .persons
        .iter()
        .map(|p| {
            let names = std::iter::once(&p.name).chain(&p.aliases).chain(&p.other_names);
            names.map(|n| name_key(n)).collect()
        })
        .collect();
    let bylines: HashSet<String> = label
        .byline_or_photo_credit_persons
        .iter()
        .map(|n| name_key(n))
        .collect();
    let keys: Vec<String> = listed.iter().map(|n| name_key(n)).collect();
    let adj: Vec<Vec<usize>> = keys
        .iter()
        .map(|k| (0..people.len()).filter(|&p| people[p].contains(k)).collect())
        .collect();
    let owner = max_matching(&adj, people.len());
    let matched: HashSet<usize> = owner.iter().flatten().copied().collect();
    let mut out = PersonOutcome {
        labelled: people.len(),
        ..Default::default()
    };
    for (i, name) in listed.iter().enumerate() {
        if matched.contains(&i) {
            out.right += 1;
            out.listed += 1;
        } else if bylines.contains(&keys[i]) {
            continue;
        } else {
            out.listed += 1;
            let unmerged = !adj[i].is_empty();
            out.false_names.push(FalseName {
                name: name.clone(),
                unmerged,
            });
        }
    }
    let missed = owner.iter().enumerate().filter(|(_, o)| o.is_none());
    out.missed = missed.map(|(p, _)| label.persons[p].name.clone()).collect();
    out
}

/// A maximum one-to-one matching of listed names (`adj[i]`: the persons name `i` may credit)
/// to `persons` persons, earlier names served first: the name owning each person.
fn max_matching(adj: &[Vec<usize>], persons: usize) -> Vec<Option<usize>> {
    let mut owner = vec![None; persons];
    for i in 0..adj.len() {
        let mut seen = vec![false; persons];
        augment(i, adj, &mut owner, &mut seen);
    }
    owner
}

fn augment(i: usize, adj: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &p in &adj[i] {
        if seen[p] {
            continue;
        }
        seen[p] = true;
        if owner[p].is_none_or(|j| augment(j, adj, owner, seen)) {
            owner[p] = Some(i);
            return true;
        }
    }
    false
}

/// One article's day-month dates against its label; pairs are (month, day).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateOutcome {
    pub gold: usize,
    pub system: usize,
    pub matched: usize,
    pub missed: Vec<(u32, u32)>,
    pub false_dates: Vec<(u32, u32)>,
}

/// The distinct (month, day) of the events that have both.
pub fn event_days(events: &[Event]) -> BTreeSet<(u32, u32)> {
    use chrono::Datelike;
    let day = |e: &Event| match e.date {
        Date::Day(d) => Some((d.month(), d.day())),
        Date::MonthDay(m, d) => Some((m, d)),
        _ => None,
    };
    events.iter().filter_map(day).collect()
}

pub fn score_dates(label: &Label, events: &[Event]) -> DateOutcome {
    let gold: BTreeSet<(u32, u32)> = label
        .dates
        .iter()
        .filter_map(|d| Some((d.month?, d.day?)))
        .collect();
    let system = event_days(events);
    DateOutcome {
        gold: gold.len(),
        system: system.len(),
        matched: gold.intersection(&system).count(),
        missed: gold.difference(&system).copied().collect(),
        false_dates: system.difference(&gold).copied().collect(),
    }
}

/// What the system shows of one article: its persons' names and its events.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub persons: Vec<String>,
    pub events: Vec<Event>,
}

fn shown(store: &Store, path: &str) -> Option<Shown> {
    let a = store.by_path(path)?;
    Some(Shown {
        persons: a.persons.iter().map(|n| n.to_string()).collect(),
        events: a.events.clone(),
    })
}

/// Each labelled article loaded by itself, persons settled for that one article.
pub fn load_alone(corpus: &Path, labels: &[Label], options: &LoadOptions) -> Vec<Shown> {
    use rayon::prelude::*;
    labels
        .par_iter()
        .map(|l| {
            let path = corpus.join(&l.file);
            let (store, _) = load_store(&Source::File(path.clone()), options);
            let a = store.newest_first().next();
            let a = a.unwrap_or_else(|| panic!("{}: not loaded as an article", path.display()));
            shown(&store, &a.path).expect("the article just found")
        })
        .collect()
}

/// The labelled articles as the whole archive shows them (one load of `corpus`).
pub fn load_in_archive(corpus: &Path, labels: &[Label], options: &LoadOptions) -> Vec<Shown> {
    let (store, _) = load_store(&Source::Dir(corpus.to_path_buf()), options);
    let of = |l: &Label| shown(&store, &l.file);
    labels
        .iter()
        .map(|l| of(l).unwrap_or_else(|| panic!("{}: not in the archive", l.file)))
        .collect()
}

/// Micro-averaged counts over articles.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    /// Persons: listed; dates: the system's pairs.
    pub listed: usize,
    pub right: usize,
    /// Persons: labelled; dates: the label's pairs.
    pub labelled: usize,
}

impl Tally {
    pub fn persons<'a>(outcomes: impl IntoIterator<Item = &'a PersonOutcome>) -> Tally {
        outcomes.into_iter().fold(Tally::default(), |t, o| Tally {
            listed: t.listed + o.listed,
            right: t.right + o.right,
            labelled: t.labelled + o.labelled,
        })
    }

    pub fn dates<'a>(outcomes: impl IntoIterator<Item = &'a DateOutcome>) -> Tally {
        outcomes.into_iter().fold(Tally::default(), |t, o| Tally {
            listed: t.listed + o.system,
            right: t.right + o.matched,
            labelled: t.labelled + o.gold,
        })
    }

    pub fn precision(&self) -> f64 {
        ratio(self.right, self.listed)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.right, self.labelled)
    }

    /// `P 0.912 (523/573)  R 0.871 (523/600)`.
    pub fn cells(&self) -> [String; 2] {
        [
            format!("{:.3} ({}/{})", self.precision(), self.right, self.listed),
            format!("{:.3} ({}/{})", self.recall(), self.right, self.labelled),
        ]
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The totals of one split: persons alone, persons in the archive (when scored), dates.
pub struct Totals {
    pub split: Split,
    pub articles: usize,
    pub alone: Tally,
    pub archive: Option<Tally>,
    pub dates: Tally,
}

/// The totals as a small table.
pub fn table(t: &Totals) -> String {
    let [ap, ar] = t.alone.cells();
    let [xp, xr] = t.archive.map_or(["-".into(), "-".into()], |a| a.cells());
    let [dp, dr] = t.dates.cells();
    let rows = [
        ("split", t.split.name().to_string()),
        ("articles", t.articles.to_string()),
        ("persons alone P", ap),
        ("persons alone R", ar),
        ("persons in archive P", xp),
        ("persons in archive R", xr),
        ("dates day-month P", dp),
        ("dates day-month R", dr),
    ];
    rows.iter().map(|(k, v)| format!("{k:<22}{v}\n")).collect()
}

fn day_months(pairs: &[(u32, u32)]) -> String {
    let s: Vec<String> = pairs.iter().map(|(m, d)| format!("{d}/{m}")).collect();
    s.join(", ")
}

fn false_list(names: &[FalseName]) -> String {
    let s: Vec<String> = names
        .iter()
        .map(|f| {
            if f.unmerged {
                format!("{} (unmerged)", f.name)
            } else {
                f.name.clone()
            }
        })
        .collect();
    s.join(", ")
}

/// The lines telling one article's persons misses, each starting with `what`.
fn person_lines(what: &str, o: &PersonOutcome) -> Vec<String> {
    let mut lines = Vec::new();
    if !o.false_names.is_empty() {
        lines.push(format!("  {what}false persons: {}", false_list(&o.false_names)));
    }
    if !o.missed.is_empty() {
        lines.push(format!("  {what}missed persons: {}", o.missed.join(", ")));
    }
    lines
}

/// One article's misses (nothing when all is right): persons alone, persons in the archive
/// when they differ, dates.
pub fn misses(
    file: &str,
    alone: &PersonOutcome,
    archive: Option<&PersonOutcome>,
    dates: &DateOutcome,
) -> String {
    let mut lines = person_lines("", alone);
    if let Some(x) = archive.filter(|x| *x != alone) {
        lines.extend(person_lines("in archive: ", x));
        if x.false_names.is_empty() && x.missed.is_empty() {
            lines.push("  in archive: all persons right".into());
        }
    }
    if !dates.missed.is_empty() {
        lines.push(format!("  missed dates: {}", day_months(&dates.missed)));
    }
    if !dates.false_dates.is_empty() {
        lines.push(format!("  false dates: {}", day_months(&dates.false_dates)));
    }
    if lines.is_empty() {
        return String::new();
    }
    format!("{file}\n{}\n", lines.join("\n"))
}
