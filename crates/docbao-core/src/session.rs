//! A load applied to a store, one event at a time, for every front end: the command line waits
//! for the whole archive, the reader shows it as it arrives and keeps it live. [`Archive`] holds
//! the store with what a running load leaves to do: events that arrived while the store was
//! shared, persons to settle across the archive, the cache to write.

use crate::ingest::{self, LoadEvent, LoadOptions, Source};
use crate::store::cache::{self, Stamps};
use crate::store::{Article, Problem, Resolution, Store};
use docbao_extract::text::sanitize::sanitize_line;
use docbao_extract::KnownPeople;
use std::collections::HashSet;
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Below this many articles persons are settled at once when a load ends (well under 0.1 s),
/// and the cache saved right after, as a reader quitting at once expects; above it on a thread.
pub const RESOLVE_INLINE_BELOW: usize = 20_000;

/// A cache a load asked for: where, with the stamps of the files it stands for.
#[derive(Debug)]
pub struct PendingSave {
    pub path: PathBuf,
    pub stamps: Stamps,
    pub fingerprint: u64,
}

impl PendingSave {
    /// Writes the store (see [`cache::save`]).
    pub fn write(&self, store: &Store) -> io::Result<()> {
        cache::save(store, &self.stamps, &self.path, self.fingerprint)
    }

    /// The stamps no longer vouch for files a live change touched, nor for anything under a
    /// path removed: the next start must read those again.
    fn forget(&mut self, touched: impl Iterator<Item = impl AsRef<str>>, removed: &[String]) {
        for path in touched {
            self.stamps.remove(path.as_ref());
        }
        for r in removed {
            let folder = format!("{r}/");
            self.stamps.retain(|k, _| k != r && !k.starts_with(&folder));
        }
    }
}

/// What taking in load events changed, for whoever shows the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The walk is done: this many files will be read.
    Found { files: usize },
    /// This many files were read and their articles added.
    Batch { files: usize },
    /// The archive as saved in its cache took the store's place, with this many articles;
    /// the walk found `files` article files.
    Restored { articles: usize, files: usize },
    /// A live change: articles new or changed and articles removed; when neither, the first
    /// problem met (already cleaned for display).
    Changed {
        changed: usize,
        removed: usize,
        problem: Option<String>,
    },
    /// Every file was read and is searchable; the persons and events of this many articles
    /// are still to be found (`Derived` counts them in).
    Read { persons_to_find: usize },
    /// Persons and events of this many more articles were found.
    Derived { articles: usize },
    /// Every file was read.
    Done { elapsed: Duration },
    /// Persons were settled across the archive: names may have changed.
    Settled,
    /// Settling persons failed (its thread died): names stay as each article gives them.
    SettleFailed,
}

/// A store being loaded and kept live. The store is shared read-only with whoever filters it
/// (`Arc`); events that arrive while it is shared wait until it is free.
pub struct Archive {
    store: Arc<Store>,
    known: Arc<KnownPeople>,
    /// Events that arrived while the store was shared.
    deferred: Vec<LoadEvent>,
    /// Where to save the store once loaded and settled.
    save: Option<PendingSave>,
    /// The cache being written, and where.
    saving: Option<(PathBuf, JoinHandle<io::Result<()>>)>,
    /// Persons being settled on a thread of their own, and a finished result waiting for the
    /// store to be free.
    resolving: Option<Receiver<Resolution>>,
    resolution: Option<Resolution>,
    /// Persons need settling again (after live changes), when input pauses.
    resolve_due: bool,
    /// Settle as soon as possible (a load just finished), not once input pauses.
    resolve_now: bool,
    /// Settle persons of large archives on a thread of their own (the running reader); tests
    /// and the command line settle them in place.
    pub threaded: bool,
    /// Below this many articles persons are settled in place when a load ends
    /// ([`RESOLVE_INLINE_BELOW`]; tests lower it).
    pub resolve_inline_below: usize,
}

impl Archive {
    pub fn new(store: Store, known: Arc<KnownPeople>) -> Self {
        Archive {
            store: Arc::new(store),
            known,
            deferred: Vec::new(),
            save: None,
            saving: None,
            resolving: None,
            resolution: None,
            resolve_due: false,
            resolve_now: false,
            threaded: false,
            resolve_inline_below: RESOLVE_INLINE_BELOW,
        }
    }

    /// The store, to read or to share with a worker.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// The store for changing, when nobody else holds it.
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        Arc::get_mut(&mut self.store)
    }

    /// The known people persons are settled with.
    pub fn known(&self) -> &KnownPeople {
        &self.known
    }

    /// Whether persons are being settled across the archive (or wait to be, once input pauses).
    pub fn settling(&self) -> bool {
        self.resolving.is_some() || self.resolution.is_some() || self.resolve_due
    }

    /// Whether events wait for the store to be free.
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Takes an event in: applied now if the store is free and nothing waits before it, else
    /// kept for [`Archive::take_deferred`].
    pub fn receive(&mut self, ev: LoadEvent) -> Vec<Applied> {
        let mut out: Vec<Applied> = self.take_resolution().into_iter().collect();
        if self.deferred.is_empty() && self.store_mut().is_some() {
            out.extend(self.apply(ev));
        } else {
            self.deferred.push(ev);
            out.extend(self.take_deferred());
        }
        out
    }

    /// Applies the events held back while the store was shared, if it is free now.
    pub fn take_deferred(&mut self) -> Vec<Applied> {
        let mut out: Vec<Applied> = self.take_resolution().into_iter().collect();
        if self.deferred.is_empty() || self.store_mut().is_none() {
            return out;
        }
        for ev in std::mem::take(&mut self.deferred) {
            out.extend(self.apply(ev));
        }
        out
    }

    /// Applies one event to the store; called only when the store is free.
    fn apply(&mut self, ev: LoadEvent) -> Option<Applied> {
        let Some(store) = Arc::get_mut(&mut self.store) else {
            self.deferred.push(ev);
            return None;
        };
        match ev {
            LoadEvent::Found { files, problems } => {
                store.add_problems(problems);
                store.reserve(files);
                Some(Applied::Found { files })
            }
            LoadEvent::Batch {
                files,
                articles,
                problems,
            } => {
                store.add(articles);
                store.add_problems(problems);
                Some(Applied::Batch { files })
            }
            LoadEvent::Restored { store: saved, files } => {
                *store = *saved;
                Some(Applied::Restored {
                    articles: store.len(),
                    files,
                })
            }
            LoadEvent::SaveCache {
                path,
                stamps,
                fingerprint,
            } => {
                self.save = Some(PendingSave {
                    path,
                    stamps,
                    fingerprint,
                });
                None
            }
            LoadEvent::Changed {
                articles,
                removed,
                problems,
                complete,
            } => {
                let save = self.save.as_mut();
                let (applied, changed) = apply_change(store, save, (articles, removed, problems, complete));
                // Persons are settled across the archive once typing and changes pause, on a
                // thread of their own (half a second at 100,000 articles).
                self.resolve_due |= changed;
                Some(applied)
            }
            LoadEvent::Read { persons_to_find } => Some(Applied::Read { persons_to_find }),
            LoadEvent::Derived(found) => {
                let articles = found.len();
                store.take_derived(found);
                Some(Applied::Derived { articles })
            }
            LoadEvent::Done { elapsed } => {
                // Spellings merge and lone surnames resolve across the whole archive, once; in
                // the running reader on a thread of their own, the store saved after.
                if self.threaded && !store.is_resolved() && store.len() >= self.resolve_inline_below {
                    self.resolve_due = true;
                    self.resolve_now = true;
                } else {
                    store.resolve_persons_if_needed(&self.known);
                    self.start_cache_save();
                }
                Some(Applied::Done { elapsed })
            }
        }
    }

    /// Settles persons after live changes once input has paused (`input_idle`; at once when a
    /// load has just finished), never while loading. Threaded, the work runs on its own thread
    /// and the result is taken in when it is ready: typing never waits for it.
    pub fn settle_when_idle(&mut self, input_idle: bool, loading: bool) -> Vec<Applied> {
        let mut out: Vec<Applied> = self.take_resolution().into_iter().collect();
        let idle = self.resolve_now || input_idle;
        if !self.resolve_due || loading || !idle || self.resolving.is_some() {
            return out;
        }
        if self.threaded {
            let (tx, rx) = std::sync::mpsc::channel();
            let store = self.store.clone();
            let known = self.known.clone();
            let spawned = std::thread::Builder::new()
                .name("docbao-persons".into())
                .spawn(move || {
                    let _ = tx.send(store.resolution(&known));
                });
            if spawned.is_ok() {
                self.resolving = Some(rx);
                self.resolve_due = false;
                self.resolve_now = false;
                return out;
            }
        }
        let Some(store) = Arc::get_mut(&mut self.store) else {
            return out;
        };
        store.resolve_persons(&self.known);
        self.resolve_due = false;
        self.resolve_now = false;
        out.push(self.after_resolution());
        out
    }

    /// Takes in the persons settled on their thread, once the store is free; a result made
    /// for a store that has changed since is dropped and the work done again.
    fn take_resolution(&mut self) -> Option<Applied> {
        if let Some(rx) = &self.resolving {
            match rx.try_recv() {
                Ok(r) => {
                    self.resolution = Some(r);
                    self.resolving = None;
                }
                Err(TryRecvError::Disconnected) => {
                    // The thread died (a bug): not started again and again.
                    self.resolving = None;
                    self.resolve_due = false;
                    return Some(Applied::SettleFailed);
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        self.resolution.as_ref()?;
        let store = Arc::get_mut(&mut self.store)?;
        let r = self.resolution.take()?;
        if store.apply_resolution(r) {
            Some(self.after_resolution())
        } else {
            self.resolve_due = true;
            None
        }
    }

    /// Persons are settled: save the store if a load asked for it.
    fn after_resolution(&mut self) -> Applied {
        self.start_cache_save();
        Applied::Settled
    }

    /// Saves the store on the side if a load asked for it: the store is shared, not copied,
    /// and live changes wait.
    fn start_cache_save(&mut self) {
        if let Some(save) = self.save.take() {
            let store = self.store.clone();
            let path = save.path.clone();
            self.saving = Some((path, std::thread::spawn(move || save.write(&store))));
        }
    }

    /// Whether quitting now would leave the cache a load asked for unwritten (persons still
    /// settling, or the save still running).
    pub fn cache_unfinished(&self, loading: bool) -> bool {
        self.saving.as_ref().is_some_and(|(_, h)| !h.is_finished())
            || (self.save.is_some() && !loading && self.deferred.is_empty())
    }

    /// At quit: finishes the cache a load asked for, so the next start reads the archive back
    /// in a moment instead of reading every file again (a million articles: two minutes).
    /// Settles persons first if that was still to do. Gives up, leaving no cache, as soon as
    /// `stop` says so (a signal); returns whether the cache was written. The store is handed
    /// to the save: call this last, once nothing else holds the store.
    pub fn finish_cache(&mut self, loading: bool, stop: &dyn Fn() -> bool) -> bool {
        let wait = |h: &JoinHandle<_>| {
            while !h.is_finished() {
                if stop() {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            true
        };
        if self.save.is_some() && !loading && self.deferred.is_empty() {
            let resolving = self.resolving.take();
            let Some(save) = self.save.take() else {
                return false;
            };
            let resolution = self.resolution.take();
            let known = self.known.clone();
            let mut shared = std::mem::take(&mut self.store);
            let h = std::thread::spawn(move || {
                let r = resolution.or_else(|| resolving.and_then(|rx| rx.recv().ok()));
                // The resolver lets go of its share of the store right after sending.
                while Arc::get_mut(&mut shared).is_none() {
                    std::thread::sleep(Duration::from_millis(2));
                }
                let Some(store) = Arc::get_mut(&mut shared) else {
                    return Err(io::Error::other("the store is still in use"));
                };
                if !r.is_some_and(|r| store.apply_resolution(r)) {
                    store.resolve_persons_if_needed(&known);
                }
                save.write(store)
            });
            return wait(&h) && h.join().is_ok_and(|r| r.is_ok());
        }
        match self.saving.take() {
            Some((_, h)) => wait(&h) && h.join().is_ok_and(|r| r.is_ok()),
            None => false,
        }
    }
}

/// Applies a live change (see [`LoadEvent::Changed`]) to the store; the stamps of a save still
/// waiting forget the files it touched.
/// Returns what changed, and whether the store did (the persons then need settling again).
fn apply_change(
    store: &mut Store,
    save: Option<&mut PendingSave>,
    (articles, mut removed, problems, complete): (Vec<Article>, Vec<String>, Vec<Problem>, bool),
) -> (Applied, bool) {
    if complete {
        let present: HashSet<&str> = articles.iter().map(|a| a.path.as_str()).collect();
        removed = store
            .paths()
            .filter(|p| !present.contains(p))
            .map(String::from)
            .collect();
    }
    let changed = articles.len();
    if changed == 0 && removed.is_empty() {
        let problem = problems.first().map(|p| sanitize_line(&p.to_string()));
        let applied = Applied::Changed {
            changed,
            removed: 0,
            problem,
        };
        return (applied, false);
    }
    // A save still waiting (for persons to settle) will write these changes: the
    // stamps taken before them must not vouch for the files they touched, or the
    // next start would trust a cache that does not hold what the files do.
    if let Some(save) = save {
        let touched = articles
            .iter()
            .map(|a| &a.path)
            .chain(problems.iter().map(|p| &p.path));
        save.forget(touched, &removed);
    }
    let gone = store.remove_paths(&removed);
    store.upsert(articles);
    store.add_problems(problems);
    let applied = Applied::Changed {
        changed,
        removed: gone,
        problem: None,
    };
    (applied, true)
}

/// Loads a whole archive into a store, persons settled (no cache read or written).
pub fn load_store(source: &Source, options: &LoadOptions) -> (Store, ingest::Loaded) {
    let options = &options.for_source(source);
    let mut loaded = ingest::load_with(source, options.extraction);
    let articles = std::mem::take(&mut loaded.articles);
    let problems = loaded.problems.clone();
    let mut store = Store::from_parts(articles, problems);
    store.resolve_persons(&options.known);
    (store, loaded)
}

/// Loads an archive as the terminal reader does: from its cache when the files are unchanged
/// (reading only the files changed since), saving the cache afterwards when anything changed.
/// A cache that cannot be written is told in [`ingest::Loaded::cache_error`].
pub fn load_store_cached(source: &Source, options: &LoadOptions) -> (Store, ingest::Loaded) {
    let options = &options.for_source(source);
    let (tx, rx) = std::sync::mpsc::channel();
    let (src, opts) = (source.clone(), options.clone());
    let loader = std::thread::spawn(move || ingest::load_streaming(&src, &opts, &tx));
    let mut archive = Archive::new(Store::new(), options.known.clone());
    let (mut files, mut elapsed, mut restored) = (0, Duration::ZERO, None);
    // Since the start, until every article is in the store (the loader's own clock starts a
    // moment later, but this is when a search could answer for the whole archive).
    let start = std::time::Instant::now();
    let mut searchable = None;
    // Whatever waits is taken at once: one larger batch costs the store less than many.
    let waiting = std::iter::from_fn(|| {
        let first = rx.recv().ok()?;
        Some(LoadEvent::coalesce(
            std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())),
        ))
    });
    for ev in waiting.flatten() {
        for applied in archive.receive(ev) {
            match applied {
                // What `files` counts is the same with the cache or without: the article
                // files the walk found (`Found` then counts only those read again).
                Applied::Restored { files: n, .. } => restored = Some(n),
                Applied::Found { files: n } => files += n,
                Applied::Read { .. } => searchable = Some(start.elapsed()),
                Applied::Done { elapsed: e } => elapsed = e,
                _ => {}
            }
        }
    }
    let _ = loader.join();
    let cache_error = archive.saving.take().and_then(|(path, h)| {
        let path = sanitize_line(&path.display().to_string());
        match h.join() {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(format!("cannot save the cache {path}: {e}")),
            Err(_) => Some(format!("cannot save the cache {path}: the save failed")),
        }
    });
    // The save has ended, and its share of the store with it: the archive holds the only one.
    let store = Arc::into_inner(std::mem::take(&mut archive.store)).unwrap_or_default();
    let loaded = ingest::Loaded {
        files: restored.unwrap_or(files),
        elapsed,
        searchable: searchable.unwrap_or(elapsed),
        cache_error,
        ..Default::default()
    };
    (store, loaded)
}
