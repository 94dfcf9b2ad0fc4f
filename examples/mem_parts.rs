//! Where a loaded archive's memory goes: bytes per article of each part, and resident memory
//! before and after the store takes the articles in and settles persons:
//! `cargo run --release --example mem_parts -- DIR`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao_core::ingest::{self, Source};
use docbao_core::store::{Article, Store};

/// Resident memory in MB (Linux), or 0.
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    docbao::alloc::release_freed_memory_promptly();
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: mem_parts DIR");
        std::process::exit(2);
    };
    let files = ingest::discover(&Source::Dir(dir.into())).files;
    let (articles, _) = ingest::read_files_parallel(&files, Default::default());
    let n = articles.len().max(1) as f64;
    let per = |f: &dyn Fn(&Article) -> usize| articles.iter().map(f).sum::<usize>() as f64 / n;
    let parts: [(&str, f64); 10] = [
        ("struct", std::mem::size_of::<Article>() as f64),
        ("title", per(&|a| a.title.capacity())),
        ("path", per(&|a| a.path.capacity())),
        (
            "meta",
            per(&|a| {
                a.meta.capacity() * std::mem::size_of::<(String, String)>()
                    + a.meta
                        .iter()
                        .map(|(k, v)| k.capacity() + v.capacity())
                        .sum::<usize>()
            }),
        ),
        ("persons", per(&|a| a.persons.capacity() * 16)),
        (
            "mentions",
            per(&|a| a.mentions.capacity() * std::mem::size_of::<docbao_extract::Mention>()),
        ),
        (
            "events",
            per(&|a| a.events.capacity() * std::mem::size_of::<docbao_extract::Event>()),
        ),
        ("folded", per(&|a| a.folded.len())),
        ("text", per(&|a| a.body.packed_len())),
        ("words (until indexed)", per(&|a| a.words_for_index.heap_len())),
    ];
    println!("{} articles; bytes per article:", articles.len());
    for (name, b) in parts {
        println!("  {name:<22} {b:>7.0}");
    }
    println!("resident with the articles read: {:.0} MB", rss_mb());
    let mut store = Store::from_parts(articles, vec![]);
    println!("in a store: {:.0} MB", rss_mb());
    store.resolve_persons(docbao_extract::KnownPeople::builtin());
    println!("persons settled: {:.0} MB", rss_mb());
}
