//! Loading speed: a generated archive of 10,000 articles read, decoded, split, derived and
//! stored, on every core. `cargo bench --bench load`.

#[path = "support/gen.rs"]
mod gen;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use docbao::ingest::{self, Source};
use docbao::store::Store;

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
}

criterion_group!(benches, load);
criterion_main!(benches);
