//! Loading speed. `cargo bench --bench load`:
//!
//! - `10k_articles_full`: a generated archive of 10,000 articles read, decoded, split, derived,
//!   indexed and stored, on every core, no cache;
//! - `10k_articles_parse_only`: the same files' decoding and deriving alone;
//! - `100k_restart`: 100,000 articles (about 314 MB) brought back from the saved store, each
//!   file's size and time checked, nothing changed since;
//! - `100k_first_load` (with `DOCBAO_BENCH_FULL=1`, about 40 s an iteration): the same archive
//!   read from its files with no cache, until fully searchable.

// The allocator the docbao binary uses, so these figures are the program's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/gen.rs"]
mod gen;
#[path = "support/corpus.rs"]
mod support;

use support::{corpus, use_bench_cache};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docbao_core::ingest::{self, Source};
use docbao_core::store::Store;

fn load(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let n = 10_000;
    let bytes = gen::write_corpus(tmp.path(), n, 7).expect("generate");
    let source = Source::Dir(tmp.path().to_path_buf());
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("10k_articles_full", |b| {
        b.iter(|| {
            let loaded = ingest::load(&source);
            assert_eq!(loaded.articles.len(), n);
            Store::from_parts(loaded.articles, loaded.problems)
        })
    });
    // The same files already in memory: the cost of decoding and deriving alone.
    let files = ingest::discover(&source).files;
    g.bench_function("10k_articles_parse_only", |b| {
        b.iter(|| {
            use rayon::prelude::*;
            let n: usize = files
                .par_iter()
                .map(|f| ingest::load_file(f).article.map_or(0, |a| a.words))
                .sum();
            n
        })
    });
    g.finish();
    eprintln!("corpus: {n} articles, {:.1} MB", bytes as f64 / 1e6);

    // 100,000 articles, written once under target/bench-corpus/ (shared with benches/query.rs).
    let n = 100_000;
    let dir = corpus(n);
    let source = Source::Dir(dir);
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    use_bench_cache();
    // Make sure the saved store exists and is current.
    let (store, _) = docbao_core::session::load_store_cached(&source, &Default::default());
    assert_eq!(store.len(), n);
    drop(store);
    g.bench_function("100k_restart", |b| {
        b.iter(|| {
            let (store, _) = docbao_core::session::load_store_cached(&source, &Default::default());
            assert_eq!(store.len(), n);
            std::mem::forget(store); // as the CLI does; freeing is not part of opening
        })
    });
    if std::env::var_os("DOCBAO_BENCH_FULL").is_some() {
        std::env::set_var("DOCBAO_NO_CACHE", "1");
        g.bench_function("100k_first_load", |b| {
            b.iter(|| {
                let (store, _) = docbao_core::session::load_store_cached(&source, &Default::default());
                assert_eq!(store.len(), n);
                std::mem::forget(store);
            })
        });
        std::env::remove_var("DOCBAO_NO_CACHE");
    }
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
