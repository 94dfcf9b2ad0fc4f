//! Trains the person finder's learned judge (`docbao_extract::persons::Model`) on the
//! development part of the hand labels, and says how it does on articles it was not trained on.
//!
//! `cargo run --release --example train_persons -- [CORPUS] [--folds K] [--epochs E] [--write]`
//!
//! Every weak run the rules leave (a capitalised run nothing says is a person) is an example:
//! a person when it spells a labelled person's name, alias or other name (compared as the
//! scoring does), else not. The model is an averaged perceptron over the run's hashed features.
//! With `--folds K` (default 5) the development articles are cut in K parts; each part is judged
//! by a model trained on the others, and persons are scored on it at several thresholds. With
//! `--write` a model trained on every development article is written to
//! `assets/persons/model.bin` with the threshold given by `--threshold T` (default 1). `--show`
//! prints, for each development article, what the fold's model at that threshold gets wrong.
//! The test part is never read here.

#[path = "../tests/support/persons_score.rs"]
mod score;

use docbao_core::ingest::{self, Extraction};
use docbao_extract::persons::find::model::count_feature;
use docbao_extract::persons::{display_names, Finder, KnownPeople, Model, Traced};
use docbao_extract::Block;
use score::{load_labels, name_key, score_persons, Label, Split, Tally};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One development article: its title and blocks, its label, its weakly found names (the
/// features of each run writing one, and whether it is a labelled person's).
struct Doc {
    title: String,
    blocks: Vec<Block>,
    label: Label,
    runs: Vec<(Vec<Vec<u32>>, bool)>,
}

fn texts<'a>(title: &'a str, blocks: &'a [Block]) -> impl Iterator<Item = &'a str> {
    let title = (!title.ends_with('…')).then_some(title);
    title
        .into_iter()
        .chain(blocks.iter().filter_map(Block::searchable))
}

/// Runs the finder on one article with `model`: its persons and its weak runs.
fn find(title: &str, blocks: &[Block], model: &Model) -> (Vec<String>, Vec<Traced>) {
    let known = KnownPeople::builtin();
    let mut f = Finder::with_model(known, model);
    f.trace();
    for t in texts(title, blocks) {
        f.text(t);
    }
    let (mentions, traced) = f.finish_traced();
    let names = display_names(&mentions).iter().map(|n| n.to_string()).collect();
    (names, traced)
}

fn load(corpus: &Path, label: Label) -> Option<Doc> {
    let bytes = std::fs::read(corpus.join(&label.file)).ok()?;
    let off = Extraction {
        persons_and_events: false,
    };
    let a = ingest::load_bytes_with(&label.file, &bytes, off).article?;
    let blocks = a.blocks();
    let (_, traced) = find(&a.title, &blocks, &Model::zero());
    let names: HashSet<String> = label
        .persons
        .iter()
        .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases).chain(&p.other_names))
        .map(|n| name_key(n))
        .collect();
    let runs = traced
        .into_iter()
        .map(|t| {
            let yes = names.contains(&name_key(&t.name));
            (t.runs, yes)
        })
        .collect();
    Some(Doc {
        title: a.title,
        blocks,
        label,
        runs,
    })
}

/// An averaged perceptron over the runs of `docs`.
fn train(docs: &[&Doc], epochs: usize) -> Model {
    let mut w = Model::zero();
    let slots = w.weights_mut().len();
    // Averaging: the sum of each weight over every step, kept as the weight times the steps
    // since it last changed (the usual lazy form).
    let mut total = vec![0f64; slots];
    let mut stamp = vec![0u64; slots];
    let mut step = 0u64;
    let mut order: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| (0..doc.runs.len()).map(move |r| (d, r)))
        .collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..epochs {
        // A fixed shuffle per epoch (xorshift), so a run is repeatable.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &(d, r) in &order {
            step += 1;
            let (runs, yes) = &docs[d].runs[r];
            let y: f32 = if *yes { 1.0 } else { -1.0 };
            let scores: Vec<f32> = runs.iter().map(|f| w.score(f)).collect();
            if y * w.name_score(&scores) <= 0.0 {
                // The name's score is the mean of its runs' and a count's: each run's features
                // move by a share, the count's by one.
                let share = y / runs.len() as f32;
                let count = count_feature(runs.len());
                let weights = w.weights_mut();
                let updates = runs.iter().flatten().map(|&f| (f, share)).chain([(count, y)]);
                for (f, by) in updates {
                    let f = f as usize;
                    total[f] += f64::from(weights[f]) * (step - stamp[f]) as f64;
                    stamp[f] = step;
                    weights[f] += by;
                }
            }
        }
    }
    let weights = w.weights_mut();
    for f in 0..slots {
        total[f] += f64::from(weights[f]) * (step - stamp[f]) as f64;
        weights[f] = (total[f] / step.max(1) as f64) as f32;
    }
    w
}

/// Persons of `docs` scored with `model` at `threshold`.
fn persons(docs: &[&Doc], model: &Model, threshold: f32) -> Tally {
    let mut m = model.clone();
    m.threshold = threshold;
    let outcomes: Vec<_> = docs
        .iter()
        .map(|d| score_persons(&d.label, &find(&d.title, &d.blocks, &m).0))
        .collect();
    Tally::persons(&outcomes)
}

/// A threshold no name scores under: how far the rules' candidates could take recall.
const CEILING: f32 = -1000.0;
const THRESHOLDS: [f32; 8] = [CEILING, -0.5, 0.0, 0.25, 0.5, 1.0, 1.5, 2.0];

fn cross_validate(docs: &[Doc], folds: usize, epochs: usize, show: bool, show_threshold: f32) {
    let rules = persons(&docs.iter().collect::<Vec<_>>(), &Model::zero(), f32::INFINITY);
    let [p, r] = rules.cells();
    println!("rules alone (no model):  P {p}  R {r}");
    let mut sums = vec![Tally::default(); THRESHOLDS.len()];
    for fold in 0..folds {
        let (test, train_docs): (Vec<_>, Vec<_>) =
            docs.iter().enumerate().partition(|(i, _)| i % folds == fold);
        let train_docs: Vec<&Doc> = train_docs.into_iter().map(|(_, d)| d).collect();
        let test: Vec<&Doc> = test.into_iter().map(|(_, d)| d).collect();
        let model = train(&train_docs, epochs);
        if show {
            let mut model = model.clone();
            model.threshold = show_threshold;
            for d in &test {
                let (names, traced) = find(&d.title, &d.blocks, &model);
                let o = score_persons(&d.label, &names);
                let judged: Vec<String> = traced
                    .iter()
                    .map(|t| format!("{}={:.1}x{}", t.name, t.score, t.runs.len()))
                    .collect();
                println!(
                    "{}\n  false: {:?}\n  missed: {:?}\n  runs: {}",
                    d.label.file,
                    o.false_names.iter().map(|f| &f.name).collect::<Vec<_>>(),
                    o.missed,
                    judged.join(", ")
                );
            }
        }
        for (t, sum) in THRESHOLDS.iter().zip(sums.iter_mut()) {
            let got = persons(&test, &model, *t);
            sum.listed += got.listed;
            sum.right += got.right;
            sum.labelled += got.labelled;
        }
    }
    for (t, sum) in THRESHOLDS.iter().zip(&sums) {
        let [p, r] = sum.cells();
        if *t == CEILING {
            println!("every weak run taken (the ceiling):  P {p}  R {r}");
        } else {
            println!("model, {folds}-fold, threshold {t:>5}:  P {p}  R {r}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<f64>().ok())
    };
    let folds = value("--folds").map_or(5, |v| v as usize).max(2);
    let epochs = value("--epochs").map_or(10, |v| v as usize).max(1);
    let corpus = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map_or_else(score::default_corpus, |(_, a)| PathBuf::from(a));
    if !corpus.is_dir() {
        eprintln!("train_persons: no corpus at {}", corpus.display());
        std::process::exit(2);
    }
    let docs: Vec<Doc> = load_labels(Split::Dev)
        .into_iter()
        .filter_map(|l| load(&corpus, l))
        .collect();
    let runs: usize = docs.iter().map(|d| d.runs.len()).sum();
    let yes: usize = docs.iter().flat_map(|d| &d.runs).filter(|r| r.1).count();
    println!(
        "{} development articles, {runs} weakly found names, {yes} of them persons",
        docs.len()
    );
    let threshold = value("--threshold").unwrap_or(1.0) as f32;
    cross_validate(
        &docs,
        folds,
        epochs,
        args.iter().any(|a| a == "--show"),
        threshold,
    );
    if args.iter().any(|a| a == "--write") {
        let mut model = train(&docs.iter().collect::<Vec<_>>(), epochs);
        model.threshold = threshold;
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/persons/model.bin");
        if let Err(e) = std::fs::write(&out, model.to_bytes()) {
            eprintln!("train_persons: {}: {e}", out.display());
            std::process::exit(1);
        }
        println!("wrote {} ({model:?})", out.display());
    }
}
