//! The cost of person and event extraction against the rest of loading, on 10,000 generated
//! articles (the load bench's generator) and, when present, a real archive (`DOCBAO_PERF_DIR`).
//! Timing tests are noisy on shared machines, so these are ignored by default:
//!
//! `cargo test --release --test persons_perf -- --ignored --nocapture`

#[path = "../benches/support/gen.rs"]
#[allow(dead_code)]
mod gen;

use docbao::extract::{persons, persons_and_events, KnownPeople};
use docbao::ingest::{self, Source};
use docbao::store::Store;
use std::time::{Duration, Instant};

/// Loads `source` (everything, extraction included), then times extraction alone over the
/// loaded articles on one thread and the loader on one thread; returns (extraction, loading).
fn measure(source: &Source) -> (Duration, Duration, usize) {
    let files = ingest::discover(source).files;
    // One thread, so the two figures compare like with like.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let (total, articles) = pool.install(|| {
        let mut best = Duration::MAX;
        let mut articles = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            articles = files
                .iter()
                .filter_map(|f| ingest::load_file(f).article)
                .collect::<Vec<_>>();
            best = best.min(t.elapsed());
        }
        (best, articles)
    });
    let mut extract = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        for a in &articles {
            let (m, e) = persons_and_events(&a.title, &a.blocks, &a.date);
            std::hint::black_box(persons::display_names(&m));
            std::hint::black_box(e);
        }
        extract = extract.min(t.elapsed());
    }
    let n = articles.len();
    let mut store = Store::from_parts(articles, Vec::new());
    let t = Instant::now();
    store.resolve_persons(KnownPeople::builtin());
    let resolve = t.elapsed();
    eprintln!(
        "{n} articles: load with extraction {:.0} ms, extraction {:.0} ms, rest of loading {:.0} ms, \
         archive-wide resolution {:.1} ms ({} persons)",
        total.as_secs_f64() * 1e3,
        extract.as_secs_f64() * 1e3,
        total.saturating_sub(extract).as_secs_f64() * 1e3,
        resolve.as_secs_f64() * 1e3,
        store.people().len()
    );
    (extract, total.saturating_sub(extract), n)
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
    let t = Instant::now();
    for _ in 0..10 {
        for a in &articles {
            std::hint::black_box(persons_and_events(&a.title, &a.blocks, &a.date));
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
