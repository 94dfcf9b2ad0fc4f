//! CPU of adding articles to a store (ids, date order, the word and person indexes) on one
//! thread, as the reader's thread does with each batch a first load sends it, best and median
//! of several rounds: `cargo run --release --example index_cpu -- DIR [ROUNDS]`. The articles
//! are read and derived once beforehand, and copied for each round outside the timing.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao_core::ingest::{self, Source};
use docbao_core::store::{Article, Store};

#[path = "support/cpu.rs"]
mod cpu;

/// Articles a batch, as the loader sends them.
const BATCH: usize = 128;

fn main() {
    let (dir, rounds) = cpu::args("index_cpu");
    let files = ingest::discover(&Source::Dir(dir.into())).files;
    let (articles, _) = ingest::read_files_parallel(&files, Default::default());
    let mut copies: Vec<Vec<Vec<Article>>> = (0..rounds.max(1))
        .map(|_| articles.chunks(BATCH).map(<[Article]>::to_vec).collect())
        .collect();
    let mut postings = 0;
    let times = cpu::time_rounds(rounds, || {
        let mut store = Store::new();
        for batch in copies.pop().unwrap_or_default() {
            store.add(batch);
        }
        postings += store.words().postings();
        // Freeing the store is not the reader's cost while it loads.
        std::mem::forget(store);
    });
    let per = |s: f64| s * 1e6 / articles.len().max(1) as f64;
    println!(
        "{} articles: best {:.3} s ({:.2} µs/article), median {:.3} s ({:.2} µs/article) [{postings}]",
        articles.len(),
        times[0],
        per(times[0]),
        times[times.len() / 2],
        per(times[times.len() / 2]),
    );
}
