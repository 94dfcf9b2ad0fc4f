//! CPU per article of person and event extraction alone (one thread, articles already loaded
//! and their blocks unpacked), best and median of several rounds:
//! `cargo run --release --example persons_cpu -- DIR [ROUNDS]`. Loading is timed by
//! `extract_cpu`; this isolates `persons_and_events`, whose share of it is what work on the
//! finders changes, so that noise from the rest of loading does not hide it.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao::extract::{self, Block, Date};
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
        eprintln!("usage: persons_cpu DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    extract::set_person_and_event_extraction(false);
    let files = ingest::discover(&Source::Dir(dir.into())).files;
    let articles: Vec<(String, Vec<Block>, Date)> = files
        .iter()
        .filter_map(|f| {
            let bytes = f.read(u64::MAX).ok()?.0;
            let a = ingest::load_bytes(&f.rel, &bytes).article?;
            Some((a.title.clone(), a.body.blocks(), a.date))
        })
        .collect();
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..rounds {
        let t = thread_cpu();
        for (title, blocks, date) in &articles {
            let (m, e) = extract::persons_and_events(title, blocks, date);
            found += m.len() + e.len();
        }
        times.push(thread_cpu() - t);
    }
    times.sort_by(f64::total_cmp);
    let per = |s: f64| s * 1e6 / articles.len() as f64;
    println!(
        "{} articles: best {:.1} µs/article, median {:.1} µs/article [{found}]",
        articles.len(),
        per(times[0]),
        per(times[times.len() / 2]),
    );
}
