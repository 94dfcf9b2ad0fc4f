//! Filtering off the input path: a "latest query wins" worker thread. The UI hands it the
//! query text with a shared, read-only store; a newer query replaces a waiting one and cancels a
//! running one, so typing never queues behind a slow filter. Results carry the sequence number
//! of their query, and the UI takes only the newest.

use super::relevance::{self, Sort};
use super::timeline::{Timeline, Zoom};
use crate::query::{eval, matcher::Marks, Hit, Query};
use crate::store::Store;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A query to run.
pub struct Job {
    pub seq: u64,
    pub store: Arc<Store>,
    pub text: String,
    pub marks: Arc<dyn Marks + Send + Sync>,
    /// After answering, fill the cache with every one-character word while nothing newer
    /// comes: the first key of a query is the one that costs most on a big archive.
    pub warm: bool,
    /// The timeline to draw of the result: its zoom, and the period its cursor should stay on.
    pub zoom: Zoom,
    pub keep_period: Option<chrono::NaiveDate>,
    /// The order asked for.
    pub sort: Sort,
}

/// A finished query.
#[derive(Debug, Clone)]
pub struct Done {
    pub seq: u64,
    pub query: Query,
    pub hits: Vec<Hit>,
    /// The result's timeline at the job's zoom (computing it sorts every hit's date: on a big
    /// archive that is work for this thread, not the one reading keys).
    pub timeline: Timeline,
    pub elapsed: Duration,
    /// The hits are in the filter's order and their order by relevance follows (too many to
    /// read each one's text before answering).
    pub more: bool,
    /// The hits are in their order by relevance (asked for, and made).
    pub ranked: bool,
}

/// Up to this many hits are put in order by relevance before the answer; past it, the answer
/// comes in the filter's order first and the relevance order after it. Reading a hit's text
/// costs about 25 µs on one core (Dân Trí, `list --query "bo truong" --stats`): 1,000 are
/// about 12 ms on two cores.
pub const RANK_INLINE: usize = 1000;

/// The threads queries run their parallel steps on. A first load keeps every thread of
/// rayon's global pool busy reading files, and a parallel step started outside a pool waits
/// for one of that pool's threads to come free: a query that built a column in parallel
/// waited for most of the load (seconds at 100,000 articles on two cores, the list and its
/// progress frozen meanwhile). With threads of their own, queries share the cores with the
/// load as the system schedules them. `None` if no thread could be started: queries then use
/// the global pool.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("docbao-query-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `f` on the queries' threads (see [`pool`]).
fn on_query_threads<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match pool() {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// Parses and runs a job; `None` when cancelled. Shared by the worker and the synchronous mode
/// tests use.
pub fn run(job: &Job, cache: &mut eval::Cache, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Done> {
    on_query_threads(|| run_here(job, cache, cancelled, usize::MAX))
}

/// Filters and orders; orders by relevance only up to `inline` hits (else `Done::more`).
fn run_here(
    job: &Job,
    cache: &mut eval::Cache,
    cancelled: &(dyn Fn() -> bool + Sync),
    inline: usize,
) -> Option<Done> {
    let start = Instant::now();
    let store = &*job.store;
    let (q, hits) = eval::run_text(store, &job.text, &*job.marks, cache, cancelled)?;
    let many = job.sort == Sort::Relevance && hits.len() > inline && relevance::weighs(&q);
    // While loading (no warming then), the store must come back to the loader soon: a large
    // result keeps the filter's order until the load's last filter.
    let later = many && job.warm;
    let ranked = job.sort == Sort::Relevance && !many && relevance::weighs(&q);
    let hits = if many {
        hits
    } else {
        relevance::order(store, &q, hits, job.sort, cancelled)?
    };
    let timeline = Timeline::compute(store, hits.iter().map(|h| h.id), job.zoom, job.keep_period);
    Some(Done {
        seq: job.seq,
        query: q,
        hits,
        timeline,
        elapsed: start.elapsed(),
        more: later,
        ranked,
    })
}

/// The relevance order of an answer that said `more`.
fn finish(job: &Job, first: &Done, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Done> {
    let start = Instant::now();
    let hits = relevance::order(
        &job.store,
        &first.query,
        first.hits.clone(),
        Sort::Relevance,
        cancelled,
    )?;
    Some(Done {
        hits,
        elapsed: first.elapsed + start.elapsed(),
        more: false,
        ranked: true,
        ..first.clone()
    })
}

struct Shared {
    slot: Mutex<Option<Job>>,
    wake: Condvar,
    latest: AtomicU64,
    stop: AtomicBool,
}

/// The worker thread and the way to it.
pub struct Worker {
    shared: Arc<Shared>,
    results: mpsc::Receiver<Done>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    pub fn spawn() -> std::io::Result<Self> {
        let shared = Arc::new(Shared {
            slot: Mutex::new(None),
            wake: Condvar::new(),
            latest: AtomicU64::new(0),
            stop: AtomicBool::new(false),
        });
        let (tx, results) = mpsc::channel();
        let s = shared.clone();
        let thread = std::thread::Builder::new()
            .name("docbao-filter".into())
            .spawn(move || work(&s, &tx))?;
        Ok(Worker {
            shared,
            results,
            thread: Some(thread),
        })
    }

    /// Queues a job, replacing any job still waiting and cancelling the one running.
    pub fn submit(&self, job: Job) {
        self.shared.latest.store(job.seq, Ordering::SeqCst);
        if let Ok(mut slot) = self.shared.slot.lock() {
            *slot = Some(job);
        }
        self.shared.wake.notify_one();
    }

    /// Stops the job running, if any (its answer never comes), so that it lets go of the
    /// store: the relevance order of a large result holds it for a while, and a live change
    /// waiting for the store comes first.
    pub fn cancel(&self) {
        self.shared.latest.store(u64::MAX, Ordering::SeqCst);
    }

    /// A finished result, if one is ready.
    pub fn try_recv(&self) -> Option<Done> {
        self.results.try_recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Under the lock, so the worker cannot miss the wake-up between its check and its wait.
        if let Ok(_slot) = self.shared.slot.lock() {
            self.shared.stop.store(true, Ordering::SeqCst);
        }
        self.shared.wake.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn work(shared: &Shared, tx: &mpsc::Sender<Done>) {
    let mut cache = eval::Cache::default();
    loop {
        let job = {
            let Ok(mut slot) = shared.slot.lock() else { return };
            loop {
                if shared.stop.load(Ordering::SeqCst) {
                    return;
                }
                if let Some(job) = slot.take() {
                    break job;
                }
                slot = match shared.wake.wait(slot) {
                    Ok(s) => s,
                    Err(_) => return,
                };
            }
        };
        let seq = job.seq;
        let cancelled =
            || shared.stop.load(Ordering::Relaxed) || shared.latest.load(Ordering::Relaxed) != seq;
        let done = on_query_threads(|| run_here(&job, &mut cache, &cancelled, RANK_INLINE));
        let warm = job.warm && done.is_some();
        let store = job.store.clone();
        let mut answer = done;
        if let Some(first) = answer.take_if(|d| d.more) {
            // The filter's order now, the relevance order when it is made.
            if tx.send(first.clone()).is_err() {
                return;
            }
            answer = on_query_threads(|| finish(&job, &first, &cancelled));
        }
        // Let go of the store before answering, so the UI can add to it again.
        drop(job);
        if let Some(done) = answer {
            if tx.send(done).is_err() {
                return;
            }
        }
        if warm {
            on_query_threads(|| eval::warm(&store, &mut cache, &cancelled));
        }
        drop(store);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::matcher::NoMarks;

    /// A query for the worker, no marks asked, the timeline by year.
    fn job(seq: u64, store: &Arc<Store>, text: &str, warm: bool) -> Job {
        Job {
            seq,
            store: store.clone(),
            text: text.to_string(),
            marks: Arc::new(NoMarks),
            warm,
            zoom: Zoom::Year,
            keep_period: None,
            sort: Sort::Relevance,
        }
    }

    #[test]
    fn a_query_does_not_wait_for_the_threads_a_load_keeps_busy() {
        // Enough articles for the check of a term to be split into parallel steps.
        let articles = (0..3000).filter_map(|i| {
            let text = format!("2025-01-{:02}\n\nHà Nội mưa to, bài {i}.\n", i % 28 + 1);
            crate::ingest::load_bytes(&format!("a{i}.txt"), text.as_bytes()).article
        });
        let mut store = Store::new();
        store.add(articles.collect());
        let store = Arc::new(store);
        // Every thread of rayon's global pool busy, as while a first load reads its files,
        // until the query has answered (or a deadline, so that a failure does not hang).
        let release = Arc::new(AtomicBool::new(false));
        let (started, busy) = mpsc::channel();
        for _ in 0..rayon::current_num_threads() {
            let (release, started) = (release.clone(), started.clone());
            rayon::spawn(move || {
                let _ = started.send(());
                let deadline = Instant::now() + Duration::from_secs(30);
                while !release.load(Ordering::SeqCst) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(1));
                }
            });
        }
        for _ in 0..rayon::current_num_threads() {
            busy.recv().expect("a busy thread");
        }
        let w = Worker::spawn().expect("thread");
        // A capital asks for the case to match: every candidate is checked, in parallel steps.
        w.submit(job(1, &store, "Hà", false));
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut answer = None;
        while answer.is_none() && Instant::now() < deadline {
            answer = w.try_recv();
            std::thread::sleep(Duration::from_millis(2));
        }
        release.store(true, Ordering::SeqCst);
        let answer = answer.expect("the query answered while the global pool was busy");
        assert_eq!(answer.hits.len(), 3000);
    }

    #[test]
    fn many_hits_come_at_once_and_their_relevance_order_after() {
        // More hits than are ordered before answering, every one with the words apart in its
        // title; the oldest has them side by side in its text.
        let mut texts: Vec<(String, String)> = (0..RANK_INLINE + 200)
            .map(|i| {
                let day = i % 28 + 1;
                (
                    format!("a{i}.txt"),
                    format!("2025-02-{day:02} Bàn {i} và ghế, môn học, điểm thi\n\nTin ngắn.\n"),
                )
            })
            .collect();
        texts.push((
            "best.txt".into(),
            "2020-01-01 Di tích cổ\n\nDi tích Bàn Môn Điếm vừa được trùng tu.\n".into(),
        ));
        let articles = texts
            .iter()
            .filter_map(|(n, t)| crate::ingest::load_bytes(n, t.as_bytes()).article);
        let mut store = Store::new();
        store.add(articles.collect());
        let store = Arc::new(store);
        let w = Worker::spawn().expect("thread");
        w.submit(job(1, &store, "ban mon diem", true));
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut got = Vec::new();
        while got.len() < 2 && Instant::now() < deadline {
            got.extend(w.try_recv());
            std::thread::sleep(Duration::from_millis(2));
        }
        assert_eq!(got.len(), 2, "two answers");
        assert!(got[0].more && !got[1].more);
        assert_eq!(got[0].hits.len(), got[1].hits.len());
        // In the filter's order it comes last (a body match, the oldest).
        assert_eq!(store.get(got[0].hits[got[0].hits.len() - 1].id).path, "best.txt");
        assert_eq!(store.get(got[1].hits[0].id).path, "best.txt");
    }

    #[test]
    fn the_latest_query_wins() {
        let store =
            Arc::new(crate::session::load_store(&crate::ingest::Source::Sample, &Default::default()).0);
        let w = Worker::spawn().expect("thread");
        for (i, text) in ["h", "ha", "ha n", "ha noi"].iter().enumerate() {
            w.submit(job(i as u64 + 1, &store, text, true));
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = None;
        while Instant::now() < deadline {
            if let Some(d) = w.try_recv() {
                let done = d.seq == 4;
                last = Some(d);
                if done {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let last = last.expect("a result");
        assert_eq!(last.seq, 4);
        assert!(!last.hits.is_empty());
        // The worker has let go of the store.
        drop(w);
        assert_eq!(Arc::strong_count(&store), 1);
    }
}
