//! Types a query one character at a time against a folder, as the reader's filter does, and
//! prints what each keystroke cost: `cargo run --release --example keystrokes -- DIR 'QUERY'`.
//! Loads through the saved store (see the README), so the second run starts at once.

use docbao_core::ingest::Source;
use docbao_core::query::{eval, matcher::NoMarks};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(q)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: keystrokes DIR QUERY");
        std::process::exit(2);
    };
    let t = Instant::now();
    let (store, _) = docbao_core::session::load_store_cached(&Source::Dir(dir.into()), &Default::default());
    eprintln!(
        "{} articles loaded in {:.2} s",
        store.len(),
        t.elapsed().as_secs_f64()
    );
    // As the reader's filter thread has it once loading is over.
    let mut cache = eval::Cache::default();
    eval::warm(&store, &mut cache, &|| false);
    let chars: Vec<char> = q.chars().collect();
    for k in 1..=chars.len() {
        let typed: String = chars[..k].iter().collect();
        let t = Instant::now();
        let hits = eval::run_text(&store, &typed, &NoMarks, &mut cache, &|| false)
            .map(|(_, h)| h)
            .unwrap_or_default();
        println!(
            "{typed:<28} {:>9.2} ms {:>9} hits",
            t.elapsed().as_secs_f64() * 1e3,
            hits.len()
        );
    }
    std::mem::forget(store);
}
