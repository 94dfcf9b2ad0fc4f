//! The cost of person and event extraction against the rest of loading, on 10,000 generated
//! articles (the load bench's generator) and, when present, a real archive (`DOCBAO_PERF_DIR`):
//! the same files loaded with and without extraction. Timing tests are noisy on shared
//! machines, so these are ignored by default:
//!
//! `cargo test --release --test persons_perf -- --ignored --nocapture --test-threads=1`

#[path = "../benches/support/gen.rs"]
#[allow(dead_code)]
mod gen;

use docbao_core::ingest::Extraction;
use docbao_core::ingest::{self, Source};
use docbao_core::store::Store;
use docbao_extract::{persons_and_events, KnownPeople};
use std::time::{Duration, Instant};

/// Loads `source` with and without person and event extraction, on one thread, best of
/// five alternating runs each; returns (extraction, rest of loading, articles).
fn measure(source: &Source) -> (Duration, Duration, usize) {
    let files = ingest::discover(source).files;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let load = |extract: bool| {
        let extraction = Extraction {
            persons_and_events: extract,
        };
        let t = Instant::now();
        let articles: Vec<_> = pool.install(|| {
            files
                .iter()
                .filter_map(|f| ingest::load_file_with(f, extraction).article)
                .collect()
        });
        let d = t.elapsed();
        (d, articles)
    };
    let (mut with, mut without) = (Duration::MAX, Duration::MAX);
    let mut articles = Vec::new();
    for _ in 0..5 {
        without = without.min(load(false).0);
        let (d, a) = load(true);
        with = with.min(d);
        articles = a;
    }
    let n = articles.len();
    let extract = with.saturating_sub(without);
    let mut store = Store::from_parts(articles, Vec::new());
    let t = Instant::now();
    store.resolve_persons(KnownPeople::builtin());
    let resolve = t.elapsed();
    eprintln!(
        "{n} articles, one thread: load {:.0} ms without extraction, {:.0} ms with; extraction \
         {:.0} ms = {:.2} x the rest of loading; archive-wide resolution {:.1} ms ({} persons)",
        without.as_secs_f64() * 1e3,
        with.as_secs_f64() * 1e3,
        extract.as_secs_f64() * 1e3,
        extract.as_secs_f64() / without.as_secs_f64(),
        resolve.as_secs_f64() * 1e3,
        store.people().len()
    );
    (extract, without, n)
}

#[test]
#[ignore]
fn extraction_costs_no_more_than_the_rest_of_loading() {
    let tmp = tempfile::tempdir().expect("temp dir");
    gen::write_corpus(tmp.path(), 10_000, 7).expect("generate");
    let (extract, rest, n) = measure(&Source::Dir(tmp.path().to_path_buf()));
    assert_eq!(n, 10_000);
    assert!(
        extract <= rest,
        "extraction {extract:?} costs more than the rest of loading {rest:?}"
    );
}

#[test]
#[ignore]
fn real_archive_timing() {
    let Some(dir) = std::env::var_os("DOCBAO_PERF_DIR") else {
        eprintln!("set DOCBAO_PERF_DIR to a folder of articles");
        return;
    };
    measure(&Source::Dir(dir.into()));
}

/// For profiling: extraction alone, many times over the generated archive.
#[test]
#[ignore]
fn extraction_loop() {
    let tmp = tempfile::tempdir().expect("temp dir");
    gen::write_corpus(tmp.path(), 3_000, 7).expect("generate");
    let files = ingest::discover(&Source::Dir(tmp.path().to_path_buf())).files;
    let articles: Vec<_> = files
        .iter()
        .filter_map(|f| ingest::load_file(f).article)
        .collect();
    let blocks: Vec<_> = articles.iter().map(|a| a.blocks()).collect();
    let t = Instant::now();
    for _ in 0..10 {
        for (a, b) in articles.iter().zip(&blocks) {
            std::hint::black_box(persons_and_events(&a.title, b, &a.date));
        }
    }
    eprintln!("extraction x10: {:?}", t.elapsed());
    let mut store = Store::from_parts(articles, Vec::new());
    let t = Instant::now();
    for _ in 0..20 {
        store.resolve_persons(KnownPeople::builtin());
    }
    eprintln!("resolution x20: {:?}", t.elapsed());
}

/// Writes the 10,000-article generated archive to `DOCBAO_GEN_DIR`, to time the command line
/// on it (`docbao list $DOCBAO_GEN_DIR --stats`).
#[test]
#[ignore]
fn write_generated_archive() {
    let Some(dir) = std::env::var_os("DOCBAO_GEN_DIR") else {
        eprintln!("set DOCBAO_GEN_DIR to an empty folder");
        return;
    };
    std::fs::create_dir_all(&dir).expect("mkdir");
    let bytes = gen::write_corpus(std::path::Path::new(&dir), 10_000, 7).expect("generate");
    eprintln!("wrote 10,000 articles, {bytes} bytes");
}
