//! CPU per article of person and event extraction alone (one thread, articles already loaded
//! and their blocks unpacked), best and median of several rounds:
//! `cargo run --release --example persons_cpu -- DIR [ROUNDS]`. Loading is timed by
//! `extract_cpu`; this isolates `persons_and_events`, whose share of it is what work on the
//! finders changes, so that noise from the rest of loading does not hide it.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao_core::ingest::Extraction;
use docbao_core::ingest::{self, Source};
use docbao_extract::{Block, Date};

#[path = "support/cpu.rs"]
mod cpu;

fn main() {
    let (dir, rounds) = cpu::args("persons_cpu");
    let files = ingest::discover(&Source::Dir(dir.into())).files;
    let articles: Vec<(String, Vec<Block>, Date)> = files
        .iter()
        .filter_map(|f| {
            let bytes = f.read(u64::MAX).ok()?.0;
            let a = ingest::load_bytes_with(
                &f.rel,
                &bytes,
                Extraction {
                    persons_and_events: false,
                },
            )
            .article?;
            Some((a.title.clone(), a.body.blocks(), a.date))
        })
        .collect();
    let mut found = 0;
    let times = cpu::time_rounds(rounds, || {
        for (title, blocks, date) in &articles {
            let (m, e) = docbao_extract::persons_and_events(title, blocks, date);
            found += m.len() + e.len();
        }
    });
    let per = |s: f64| s * 1e6 / articles.len() as f64;
    println!(
        "{} articles: best {:.1} µs/article, median {:.1} µs/article [{found}]",
        articles.len(),
        per(times[0]),
        per(times[times.len() / 2]),
    );
}
