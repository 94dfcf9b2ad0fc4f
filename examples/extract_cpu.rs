//! CPU per article of decoding, splitting and deriving (no reading, one thread), best and median
//! of several rounds: `cargo run --release --example extract_cpu -- DIR [ROUNDS]`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao_core::ingest::{self, Source};

#[path = "support/cpu.rs"]
mod cpu;

fn main() {
    let (dir, rounds) = cpu::args("extract_cpu");
    let files = ingest::discover(&Source::Dir(dir.into())).files;
    let data: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| Some((f.rel.clone(), f.read(u64::MAX).ok()?.0)))
        .collect();
    let bytes: usize = data.iter().map(|d| d.1.len()).sum();
    let mut words = 0;
    let times = cpu::time_rounds(rounds, || {
        for (rel, b) in &data {
            words += ingest::load_bytes(rel, b).article.map_or(0, |a| a.words);
        }
    });
    let per = |s: f64| s * 1e6 / data.len() as f64;
    println!(
        "{} articles, {:.1} MB: best {:.3} s ({:.1} µs/article, {:.1} MB/s), median {:.3} s ({:.1} µs/article) [{words}]",
        data.len(),
        bytes as f64 / 1e6,
        times[0],
        per(times[0]),
        bytes as f64 / 1e6 / times[0],
        times[times.len() / 2],
        per(times[times.len() / 2]),
    );
}
