//! Filtering speed per keystroke: queries typed one character at a time against generated
//! archives, each keystroke a full filter-and-rank as the TUI runs it (term columns cached
//! between keystrokes of one query, as the UI's worker keeps them).
//!
//! `cargo bench --bench query` runs 10k and 100k; `DOCBAO_BENCH_SIZES=10000,100000,1000000 cargo
//! bench --bench query` adds a million (about 3 GB written once under `target/bench-corpus/`, and
//! an hour of loading the first time; later runs restore it from `target/bench-cache/`). Besides
//! criterion's figures it prints the median, p95 and worst keystroke.

// The allocator the docbao binary uses, so these figures are the program's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/gen.rs"]
mod gen;
#[path = "support/corpus.rs"]
mod support;

use support::{corpus, use_bench_cache};

use criterion::{criterion_group, criterion_main, Criterion};
use docbao_core::ingest::Source;
use docbao_core::query::{self, eval, matcher::NoMarks};
use docbao_core::store::Store;
use std::time::{Duration, Instant};

const QUERIES: [&str; 5] = [
    "hegseth",
    "bo truong quoc phong",
    "@ahn gyu 2025-11",
    "quốc phòng",
    "scm 2025",
];

/// The queries issue 15 asks to follow key by key besides the plain words: a phrase, an exact
/// substring, a word typed with diacritics, a capitalised word (smart case). Reported apart,
/// each with the order by relevance of its final result (what the reader adds after the
/// answer when there are many matches).
const HARD: [&str; 4] = ["\"bo truong\"", "'quoc phong", "bộ trưởng", "Hegseth"];

/// Loads as the reader does, through the cache kept under `target/bench-cache/`.
pub fn load(n: usize) -> Store {
    use_bench_cache();
    let t = Instant::now();
    let (store, _) = docbao_core::session::load_store_cached(&Source::Dir(corpus(n)), &Default::default());
    eprintln!(
        "{n}: loaded {} articles in {:.1} s",
        store.len(),
        t.elapsed().as_secs_f64()
    );
    store
}

/// Types `q` one character at a time, starting from the warmed cache the reader's filter thread
/// keeps (every one-letter word); returns each keystroke's time.
fn type_query(store: &Store, warmed: &eval::Cache, q: &str) -> Vec<Duration> {
    let mut cache = warmed.warmed_only();
    let mut times = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    for k in 1..=chars.len() {
        let typed: String = chars[..k].iter().collect();
        let t = Instant::now();
        let hits = eval::run_text(store, &typed, &NoMarks, &mut cache, &|| false);
        std::hint::black_box(hits.map_or(0, |(_, h)| h.len()));
        times.push(t.elapsed());
    }
    times
}

fn report(n: usize, store: &Store, warmed: &eval::Cache) {
    let mut all = Vec::new();
    for _ in 0..3 {
        for q in QUERIES {
            all.extend(type_query(store, warmed, q));
        }
    }
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let p = |f: f64| all[((all.len() as f64 * f) as usize).min(all.len() - 1)];
    eprintln!(
        "{n}: {} keystrokes  median {:.2} ms  p95 {:.2} ms  worst {:.2} ms",
        all.len(),
        ms(p(0.5)),
        ms(p(0.95)),
        ms(*all.last().unwrap_or(&Duration::ZERO))
    );
    for q in QUERIES {
        let t = type_query(store, warmed, q);
        let hits = {
            let people = store.people();
            let parsed = query::parse(q, &|name| people.extends(name));
            let m = query::Matcher::new(&parsed, &|w| people.resolve(&w.raw));
            query::filter(store, &parsed, &m, &NoMarks).len()
        };
        let worst = t.iter().max().copied().unwrap_or_default();
        eprintln!("{n}:   {q:<24} {hits:>7} hits  worst key {:.2} ms", ms(worst));
    }
}

/// Each hard query typed key by key: its worst key, its last key, and the relevance order of
/// its final result.
fn report_hard(n: usize, store: &Store, warmed: &eval::Cache) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for q in HARD {
        let t = type_query(store, warmed, q);
        let worst = t.iter().max().copied().unwrap_or_default();
        let last = t.last().copied().unwrap_or_default();
        let mut cache = warmed.warmed_only();
        let Some((parsed, hits)) = eval::run_text(store, q, &NoMarks, &mut cache, &|| false) else {
            continue;
        };
        let count = hits.len();
        let start = Instant::now();
        let ordered =
            query::relevance::order(store, &parsed, hits, query::relevance::Sort::Relevance, &|| false);
        std::hint::black_box(ordered.map(|o| o.len()));
        eprintln!(
            "{n}:   {q:<24} {count:>7} hits  worst key {:.1} ms  last key {:.1} ms  relevance order {:.1} ms",
            ms(worst),
            ms(last),
            ms(start.elapsed())
        );
    }
}

fn sizes() -> Vec<usize> {
    let mut v = vec![10_000, 100_000];
    if let Ok(s) = std::env::var("DOCBAO_BENCH_SIZES") {
        v = s.split(',').filter_map(|x| x.trim().parse().ok()).collect();
    }
    v
}

fn keystrokes(c: &mut Criterion) {
    let mut g = c.benchmark_group("keystroke");
    g.sample_size(10);
    for n in sizes() {
        let store = load(n);
        // What the filter thread does once loading is over.
        let mut warmed = eval::Cache::default();
        let t = Instant::now();
        eval::warm(&store, &mut warmed, &|| false);
        eprintln!(
            "{n}: warmed one-letter words in {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        report(n, &store, &warmed);
        report_hard(n, &store, &warmed);
        let keys: usize = QUERIES.iter().map(|q| q.chars().count()).sum();
        g.bench_function(format!("{n}_articles_{keys}_keys"), |b| {
            b.iter(|| {
                for q in QUERIES {
                    std::hint::black_box(type_query(&store, &warmed, q));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);
