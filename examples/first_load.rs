//! A first load timed whole, as the reader makes it (every file read, derived and indexed, no
//! cache), and what it costs with person and event extraction switched off: how much of a
//! first load any work on the finders can win back, and what is left without them.
//! `cargo run --release --example first_load -- DIR [--no-persons]`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao_core::ingest::{Extraction, LoadOptions, Source};
use std::time::Instant;

#[path = "support/cpu.rs"]
mod cpu;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: first_load DIR [--no-persons]");
        std::process::exit(2);
    };
    let persons = !args.iter().any(|a| a == "--no-persons");
    docbao::alloc::release_freed_memory_promptly();
    let options = LoadOptions {
        extraction: Extraction {
            persons_and_events: persons,
        },
        ..LoadOptions::default()
    };
    // A first load: no cache read, none written.
    std::env::set_var("DOCBAO_NO_CACHE", "1");
    let (wall, cpu) = (Instant::now(), cpu::process_cpu());
    let (store, _) = docbao_core::session::load_store_cached(&Source::Dir(dir.into()), &options);
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu::process_cpu() - cpu);
    println!(
        "{} articles, persons and events {}: {wall:.2} s, {cpu:.2} s of CPU ({:.0} µs an article)",
        store.len(),
        if persons { "on" } else { "off" },
        cpu * 1e6 / store.len().max(1) as f64,
    );
    // Dropping a large store costs time the load did not; the process ends instead.
    std::mem::forget(store);
}
