//! CPU per article of decoding, splitting and deriving (no reading, one thread), best and median
//! of several rounds: `cargo run --release --example extract_cpu -- DIR [ROUNDS]`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao::ingest::{self, Source};

fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: extract_cpu DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let files = ingest::discover(&Source::Dir(dir.into())).files;
    let data: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| Some((f.rel.clone(), f.read(u64::MAX).ok()?.0)))
        .collect();
    let bytes: usize = data.iter().map(|d| d.1.len()).sum();
    let mut times = Vec::new();
    let mut words = 0;
    for _ in 0..rounds {
        let t = thread_cpu();
        for (rel, b) in &data {
            words += ingest::load_bytes(rel, b).article.map_or(0, |a| a.words);
        }
        times.push(thread_cpu() - t);
    }
    times.sort_by(f64::total_cmp);
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
