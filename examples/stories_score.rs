//! How well copies of one story are grouped (issue 18), on real articles: every article of the
//! Dân Trí corpus, and beside a share of them a copy edited as outlets edit a republished
//! dispatch (`Edit`: a paragraph cut, the end cut, furniture added, words retouched, the
//! paragraphs regrouped, several at once). A copy must land in its original's story (recall);
//! every pair in a story must be a copy (precision). Pairs of originals grouped with each other
//! are printed for a person to judge (`--pairs`), and pairs that share much but were kept apart
//! (`--near`), since the corpus has no labels for them.
//!
//! `cargo run --release --example stories_score -- [CORPUS_DIR] [--split dev|test] [--pairs]
//! [--near]`. The split is by path: the test part (a third) is never tuned on.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao_core::ingest::{Extraction, LoadOptions, Source};
use docbao_core::store::stories::Stories;
use docbao_extract::near::{resemblance, shingles, sketch, Resemblance, Runs, Sketch};
use std::collections::BTreeMap;
use std::time::Instant;

#[derive(Clone, Copy, Debug)]
enum Edit {
    /// One paragraph of the middle left out.
    CutOne,
    /// The last third left out (a shortened dispatch).
    CutEnd,
    /// A source line before and a "read more" line after.
    Furniture,
    /// One word in thirty replaced (a few words retouched).
    Retouch,
    /// One word in twelve replaced: more than light edits, reported apart.
    Rewrite,
    /// Paragraphs joined two by two.
    Regroup,
    /// A paragraph cut, furniture, and a few words retouched.
    All,
}

const EDITS: [Edit; 7] = [
    Edit::CutOne,
    Edit::CutEnd,
    Edit::Furniture,
    Edit::Retouch,
    Edit::Regroup,
    Edit::All,
    Edit::Rewrite,
];

fn retouch(p: &str, salt: usize, every: usize) -> String {
    let swaps = ["cho hay", "nói", "theo đó", "hiện nay", "vừa qua"];
    p.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if (i + salt) % every == every / 2 {
                swaps[(i + salt) % swaps.len()]
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn edit(paras: &[String], e: Edit, salt: usize) -> Vec<String> {
    let n = paras.len();
    match e {
        Edit::CutOne if n >= 3 => {
            let mut v = paras.to_vec();
            v.remove(1 + salt % (n - 2));
            v
        }
        Edit::CutEnd => paras[..(n * 2).div_ceil(3)].to_vec(),
        Edit::Furniture | Edit::CutOne => {
            let mut v = vec!["(Theo thông tấn xã)".to_string()];
            v.extend(paras.iter().cloned());
            v.push("Xem thêm: các tin cùng chủ đề trên trang chủ.".into());
            v
        }
        Edit::Retouch => paras.iter().map(|p| retouch(p, salt, 30)).collect(),
        Edit::Rewrite => paras.iter().map(|p| retouch(p, salt, 12)).collect(),
        Edit::Regroup => paras.chunks(2).map(|c| c.join(" ")).collect(),
        Edit::All => {
            let cut = edit(paras, Edit::CutOne, salt);
            let retouched: Vec<String> = cut.iter().map(|p| retouch(p, salt, 30)).collect();
            edit(&retouched, Edit::Furniture, salt)
        }
    }
}

fn in_test(path: &str) -> bool {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes()).is_multiple_of(3)
}

/// One text of the evaluation: an article, or a copy made of one.
struct Text {
    name: String,
    paras: Vec<String>,
    /// For a copy, its original's index.
    original: Option<usize>,
}

/// The articles of one part, then a copy of every other one, edited in turn by each `Edit`.
fn texts(corpus: &str, test: bool) -> Vec<Text> {
    let options = LoadOptions {
        extraction: Extraction {
            persons_and_events: false,
        },
        ..LoadOptions::default()
    };
    std::env::set_var("DOCBAO_NO_CACHE", "1");
    let (store, _) = docbao_core::session::load_store(&Source::Dir(corpus.into()), &options);
    if store.is_empty() {
        eprintln!("stories_score: no articles in {corpus}");
        std::process::exit(2);
    }
    let mut texts: Vec<Text> = Vec::new();
    for a in store.articles().iter().filter(|a| in_test(&a.path) == test) {
        let mut paras = Vec::new();
        a.body.for_each_searchable(|t| paras.push(t.to_string()));
        texts.push(Text {
            name: a.path.clone(),
            paras,
            original: None,
        });
    }
    let originals = texts.len();
    for i in (0..originals).step_by(2) {
        let e = EDITS[(i / 2) % EDITS.len()];
        let paras = edit(&texts[i].paras, e, i);
        texts.push(Text {
            name: format!("{} ({e:?})", texts[i].name),
            paras,
            original: Some(i),
        });
    }
    texts
}

/// Each kind of edit: how many of its copies were missed, and how alike the least alike
/// tenth of them are to their originals.
fn by_edit(texts: &[Text], runs: &[Runs], stories: &Stories, judged: &[(usize, usize)]) {
    let mut kinds: BTreeMap<String, Vec<(bool, Resemblance)>> = BTreeMap::new();
    for &(o, c) in judged {
        let e = texts[c]
            .name
            .rsplit('(')
            .next()
            .unwrap_or("")
            .trim_end_matches(')');
        let missed = stories.story_of(o as u32) != stories.story_of(c as u32);
        kinds
            .entry(e.to_string())
            .or_default()
            .push((missed, resemblance(&runs[o], &runs[c])));
    }
    for (e, v) in kinds {
        let tenth = |f: fn(&Resemblance) -> f32| {
            let mut x: Vec<f32> = v.iter().map(|(_, r)| f(r)).collect();
            x.sort_by(f32::total_cmp);
            x.get(x.len() / 10).copied().unwrap_or(0.0)
        };
        println!(
            "  {e}: {} of {} missed (a tenth of them below containment {:.2}, jaccard {:.2}, lead {:.2})",
            v.iter().filter(|(m, _)| *m).count(),
            v.len(),
            tenth(|r| r.containment),
            tenth(|r| r.jaccard),
            tenth(|r| r.lead),
        );
    }
}

/// Pairs of originals in one story: each for a person to judge.
fn print_pairs(texts: &[Text], runs: &[Runs], pairs: &[(usize, usize)]) {
    for &(a, b) in pairs {
        let r = resemblance(&runs[a], &runs[b]);
        println!(
            "\n== {} ~ {} (jaccard {:.2}, containment {:.2}, lead {:.2})",
            texts[a].name, texts[b].name, r.jaccard, r.containment, r.lead
        );
        for i in [a, b] {
            let head: String = texts[i].paras.join(" ").chars().take(160).collect();
            println!("   {head}");
        }
    }
}

/// Originals that agree on a few bins but were kept apart, most contained first.
fn print_near(texts: &[Text], runs: &[Runs], sketches: &[Option<Sketch>], stories: &Stories) {
    let originals = texts.iter().filter(|t| t.original.is_none()).count();
    let mut near: Vec<(Resemblance, usize, usize)> = Vec::new();
    for a in 0..originals {
        for b in a + 1..originals {
            if stories.story_of(a as u32) == stories.story_of(b as u32) {
                continue;
            }
            let (Some(x), Some(y)) = (&sketches[a], &sketches[b]) else {
                continue;
            };
            if x.0.iter().zip(y.0.iter()).filter(|(p, q)| p == q).count() >= 4 {
                near.push((resemblance(&runs[a], &runs[b]), a, b));
            }
        }
    }
    near.sort_by(|x, y| y.0.containment.total_cmp(&x.0.containment));
    for (r, a, b) in near.iter().take(30) {
        println!(
            "near, kept apart: {} ~ {} (containment {:.2}, lead {:.2}, jaccard {:.2})",
            texts[*a].name, texts[*b].name, r.containment, r.lead, r.jaccard
        );
    }
}

/// Every text's sketch, and the best time of five passes (the machine is shared).
fn sketches(texts: &[Text]) -> (Vec<Option<Sketch>>, std::time::Duration) {
    let mut best = std::time::Duration::MAX;
    let mut out = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        out = texts
            .iter()
            .map(|t| sketch(t.paras.iter().map(String::as_str)))
            .collect();
        best = best.min(started.elapsed());
    }
    (out, best)
}

/// Precision: every pair inside a story, and those that are not a copy with its original.
fn pairs_in_stories(texts: &[Text], stories: &Stories) -> (usize, Vec<(usize, usize)>) {
    let root = |i: usize| texts[i].original.unwrap_or(i);
    let (mut pairs, mut others) = (0usize, Vec::new());
    for g in stories.groups() {
        for (x, &a) in g.iter().enumerate() {
            for &b in &g[x + 1..] {
                pairs += 1;
                if root(a as usize) != root(b as usize) {
                    others.push((a as usize, b as usize));
                }
            }
        }
    }
    (pairs, others)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = args
        .iter()
        .find(|a| !a.starts_with("--") && *a != "dev" && *a != "test")
        .cloned()
        .unwrap_or_else(|| "../shared/corpus/dantri".into());
    let test = args.iter().any(|a| a == "test");
    let texts = texts(&corpus, test);
    let (sketches, sketched) = sketches(&texts);
    let bytes: usize = texts
        .iter()
        .map(|t| t.paras.iter().map(String::len).sum::<usize>())
        .sum();
    let runs: Vec<Runs> = texts
        .iter()
        .map(|t| shingles(t.paras.iter().map(String::as_str)))
        .collect();
    let started = Instant::now();
    let stories = Stories::group(&sketches, &|id| runs[id as usize].clone());
    let placed = started.elapsed();
    let copies: Vec<(usize, usize)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.original.map(|o| (o, i)))
        .collect();
    let judged: Vec<(usize, usize)> = copies
        .iter()
        .copied()
        .filter(|(o, c)| sketches[*o].is_some() && sketches[*c].is_some())
        .collect();
    let same = |a: usize, b: usize| stories.story_of(a as u32) == stories.story_of(b as u32);
    let found = judged.iter().filter(|(o, c)| same(*o, *c)).count();
    // Missed copies the exact check would take: their sketches shared no band.
    let unseen = judged
        .iter()
        .filter(|(o, c)| !same(*o, *c) && resemblance(&runs[*o], &runs[*c]).is_copy())
        .count();
    let (pairs, others) = pairs_in_stories(&texts, &stories);
    println!(
        "{} part: {} articles, {} copies ({} long enough to judge), {} texts without a sketch",
        if test { "test" } else { "dev" },
        texts.len() - copies.len(),
        copies.len(),
        judged.len(),
        sketches.iter().filter(|s| s.is_none()).count()
    );
    println!(
        "copies found with their original: {found}/{} (recall {:.3})",
        judged.len(),
        found as f64 / judged.len().max(1) as f64
    );
    by_edit(&texts, &runs, &stories, &judged);
    println!("missed copies the exact check would take (no band shared): {unseen}");
    println!(
        "pairs in stories: {pairs}, of a copy and its original {}; other pairs {} (judge them: --pairs)",
        pairs - others.len(),
        others.len()
    );
    println!(
        "cost: a sketch {:.1} µs a text ({} bytes on average), grouping {:.1} µs a text, {} exact comparisons",
        sketched.as_secs_f64() * 1e6 / texts.len() as f64,
        bytes / texts.len(),
        placed.as_secs_f64() * 1e6 / texts.len() as f64,
        stories.compared
    );
    if args.iter().any(|a| a == "--pairs") {
        print_pairs(&texts, &runs, &others);
    }
    if args.iter().any(|a| a == "--near") {
        print_near(&texts, &runs, &sketches, &stories);
    }
}
