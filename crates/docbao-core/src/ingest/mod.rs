//! Loading: walk a folder (or the embedded sample), read and decode every article file in
//! parallel, split it by shape and hand it to `extract`. A bad file becomes a [`Problem`],
//! never an abort.

pub mod decode;
mod derive;
pub mod frontmatter;
pub mod names;
pub mod shape;
mod stamps;
mod walk;
pub mod watch;

pub use derive::{build, derive_later, Extraction, Finding, Pending};
pub use shape::{Parsed, Shape};
pub use walk::{discover, Discovery, FileRef, Source};

use crate::store::cache::{self, Stamps};
use crate::store::{Article, ContentKey, Derived};
use crate::store::{Problem, Severity};
use docbao_extract::text;
use docbao_extract::KnownPeople;
use rayon::prelude::*;
use stamps::stamps_of;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What loading an archive needs besides its files; passed in, never read from globals.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// What is derived from each article.
    pub extraction: Extraction,
    /// The known people persons are settled with across the archive: the bundled list, the
    /// user's `people.yaml` and the configuration's `people:` (see `crate::people`).
    pub known: Arc<KnownPeople>,
    /// From this many files to read on, articles are sent searchable first, and their
    /// persons and events found in a second pass over their text (`LoadEvent::Read`, then
    /// `LoadEvent::Derived`): a user can search half a load sooner. The store at the end is
    /// the same.
    pub persons_later_from: usize,
}

/// [`LoadOptions::persons_later_from`] by default: below it a whole load takes a fraction of a
/// second and one pass costs least.
pub const PERSONS_LATER_FROM: usize = 2_000;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            extraction: Extraction::default(),
            known: Arc::new(KnownPeople::builtin().clone()),
            persons_later_from: PERSONS_LATER_FROM,
        }
    }
}

/// The made-up people of the built-in sample corpus: known only when the sample is read.
const SAMPLE_PEOPLE: &str = include_str!("../../../../assets/sample-people.yaml");

impl LoadOptions {
    /// These options for reading `source`: the sample corpus brings its own made-up people.
    pub fn for_source(&self, source: &Source) -> LoadOptions {
        match (
            source,
            KnownPeople::parse(SAMPLE_PEOPLE, "assets/sample-people.yaml"),
        ) {
            (Source::Sample, Ok(sample)) => LoadOptions {
                known: Arc::new(self.known.merged(&sample)),
                ..self.clone()
            },
            _ => self.clone(),
        }
    }

    /// What a saved store depends on besides the files: this docbao's version, what was
    /// derived, the known people persons were settled with, and the persons model.
    pub fn fingerprint(&self) -> u64 {
        let text = format!(
            "{} {} {} {}",
            env!("CARGO_PKG_VERSION"),
            self.extraction.persons_and_events,
            self.known.fingerprint(),
            docbao_extract::persons::Model::builtin().fingerprint()
        );
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    }
}

/// The most of one file that is read; an article is never this long, the rest is reported.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// Messages from a running load to whoever shows it.
#[derive(Debug)]
pub enum LoadEvent {
    /// The walk is done: this many article files will be read.
    Found { files: usize, problems: Vec<Problem> },
    /// Some files were read.
    Batch {
        files: usize,
        articles: Vec<Article>,
        problems: Vec<Problem>,
    },
    /// Every file was read and its article sent, searchable; the persons and events of this
    /// many of them follow in `Derived` events (see [`LoadOptions::persons_later_from`]).
    Read { persons_to_find: usize },
    /// Persons and events found for articles sent without them.
    Derived(Vec<Derived>),
    /// Everything was read.
    Done { elapsed: Duration },
    /// The archive as saved in the cache, with files changed since then already taken out;
    /// batches of the files that need reading follow (their count comes in `Found`).
    /// `files`: the article files the walk found, read again or not (as without a cache).
    Restored {
        store: Box<crate::store::Store>,
        files: usize,
    },
    /// When everything is loaded (and persons resolved), save the store here with these stamps.
    SaveCache {
        path: PathBuf,
        stamps: Stamps,
        /// What the store was derived with (see [`LoadOptions::fingerprint`]).
        fingerprint: u64,
    },
    /// Live update: files added or changed (read again) and paths gone (a folder's path stands
    /// for everything under it).
    Changed {
        articles: Vec<Article>,
        removed: Vec<String>,
        problems: Vec<Problem>,
        /// The folder was read again whole (the watcher lost track): `articles` is all there is.
        complete: bool,
    },
}

impl LoadEvent {
    /// Runs of batches made one: the store merges each batch into its order and indexes, so
    /// fewer, larger batches cost less when the reader falls behind the loader.
    pub fn coalesce(events: impl IntoIterator<Item = LoadEvent>) -> Vec<LoadEvent> {
        let mut out: Vec<LoadEvent> = Vec::new();
        for ev in events {
            match (out.last_mut(), ev) {
                (
                    Some(LoadEvent::Batch {
                        files,
                        articles,
                        problems,
                    }),
                    LoadEvent::Batch {
                        files: f,
                        articles: a,
                        problems: p,
                    },
                ) => {
                    *files += f;
                    articles.extend(a);
                    problems.extend(p);
                }
                (Some(LoadEvent::Derived(found)), LoadEvent::Derived(more)) => found.extend(more),
                (_, ev) => out.push(ev),
            }
        }
        out
    }
}

/// The outcome of reading one file.
pub struct FileOutcome {
    pub article: Option<Article>,
    pub problems: Vec<Problem>,
}

/// Reads, decodes, splits and derives one file, with everything derived.
pub fn load_file(file: &FileRef) -> FileOutcome {
    load_file_with(file, Extraction::default())
}

/// [`load_file`], deriving what `extraction` says.
pub fn load_file_with(file: &FileRef, extraction: Extraction) -> FileOutcome {
    match file.read(MAX_ARTICLE_BYTES) {
        Ok((bytes, full_size)) => load_read(&file.rel, &bytes, full_size, extraction),
        Err(e) => FileOutcome {
            article: None,
            problems: vec![Problem::new(
                &file.rel,
                Severity::Error,
                format!("cannot read: {e}"),
            )],
        },
    }
}

/// Decodes, splits and derives one whole file already in memory, named `rel` in the article and
/// its problems: the path [`load_file`] takes after reading (the fuzz target and property tests
/// use it). Bytes beyond [`MAX_ARTICLE_BYTES`] are ignored and reported as for a file.
pub fn load_bytes(rel: &str, bytes: &[u8]) -> FileOutcome {
    load_bytes_with(rel, bytes, Extraction::default())
}

/// [`load_bytes`], deriving what `extraction` says.
pub fn load_bytes_with(rel: &str, bytes: &[u8], extraction: Extraction) -> FileOutcome {
    let head = &bytes[..bytes.len().min(MAX_ARTICLE_BYTES as usize)];
    load_read(rel, head, bytes.len() as u64, extraction)
}

/// The part of [`load_file`] after reading: `bytes` are the first bytes of a file of
/// `full_size` bytes.
fn load_read(rel: &str, bytes: &[u8], full_size: u64, extraction: Extraction) -> FileOutcome {
    let mut problems = Vec::new();
    if full_size > MAX_ARTICLE_BYTES {
        problems.push(Problem::new(
            rel,
            Severity::Warning,
            format!(
                "file is {:.1} MB, far too long for one article; only the first {} MB were read",
                full_size as f64 / 1e6,
                MAX_ARTICLE_BYTES / 1024 / 1024
            ),
        ));
    }
    let bytes = if full_size > MAX_ARTICLE_BYTES {
        trim_partial_utf8(bytes)
    } else {
        bytes
    };
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(msg) => {
            problems.push(Problem::new(rel, Severity::Error, msg));
            return FileOutcome {
                article: None,
                problems,
            };
        }
    };
    let encoding = decoded.encoding;
    let norm = normalized(rel, decoded, &mut problems);
    if norm.text.trim().is_empty() {
        problems.push(Problem::new(rel, Severity::Error, "empty file: no article text"));
        return FileOutcome {
            article: None,
            problems,
        };
    }
    let parsed = shape::split(&norm.text);
    let (mut article, findings) = derive::build(rel, parsed, encoding, full_size, extraction);
    article.key = ContentKey::of(bytes);
    for (line, msg, sev) in findings {
        problems.push(Problem::new(rel, sev, msg).at(line));
    }
    FileOutcome {
        article: Some(article),
        problems,
    }
}

/// The decoded text normalised (NFC, LF line ends, no controls), with a problem for each thing
/// that was done to it.
fn normalized(rel: &str, decoded: decode::Decoded, problems: &mut Vec<Problem>) -> text::Normalized {
    let lossy = decoded.warnings.iter().any(|w| w.contains("replaced"));
    for w in &decoded.warnings {
        let sev = if lossy { Severity::Warning } else { Severity::Note };
        problems.push(Problem::new(rel, sev, w.clone()));
    }
    if decoded.encoding.starts_with("UTF-16") && decoded.warnings.is_empty() {
        problems.push(Problem::new(
            rel,
            Severity::Note,
            format!("encoded in {}; decoded", decoded.encoding),
        ));
    }
    let crlf = decoded.text.contains('\r');
    let norm = text::normalize_owned(decoded.text);
    if crlf {
        problems.push(Problem::new(
            rel,
            Severity::Note,
            "CRLF or CR line ends; normalised to LF",
        ));
    }
    if norm.was_not_nfc {
        problems.push(Problem::new(
            rel,
            Severity::Note,
            "text not in NFC (decomposed diacritics); normalised",
        ));
    }
    if norm.controls_removed > 0 {
        problems.push(
            Problem::new(
                rel,
                Severity::Warning,
                format!(
                    "{} removed{}",
                    controls(norm.controls_removed),
                    lines_told(&norm.control_lines)
                ),
            )
            .at(norm.control_lines.first().copied()),
        );
    }
    norm
}

/// `3 control characters or terminal escape sequences`, in the right number.
pub(crate) fn controls(n: usize) -> String {
    match n {
        1 => "1 control character or terminal escape sequence".to_string(),
        n => format!("{n} control characters or terminal escape sequences"),
    }
}

/// ` (lines 3, 7 and 12)` when more than one line held what was removed (the problem's own
/// line is the first); ` (lines 3, 7, …)` when there may be more than those kept.
fn lines_told(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().map(usize::to_string).collect();
    match shown.as_slice() {
        [] | [_] => String::new(),
        _ if lines.len() >= text::sanitize::MAX_LINES_TOLD => format!(" (lines {}, …)", shown.join(", ")),
        [init @ .., last] => format!(" (lines {} and {last})", init.join(", ")),
    }
}

/// Cuts an incomplete UTF-8 sequence off the end of a truncated read.
fn trim_partial_utf8(bytes: &[u8]) -> &[u8] {
    let n = bytes.len();
    for back in 1..=3.min(n) {
        let b = bytes[n - back];
        if b & 0xC0 == 0xC0 {
            let need = if b >= 0xF0 {
                4
            } else if b >= 0xE0 {
                3
            } else {
                2
            };
            return if need > back { &bytes[..n - back] } else { bytes };
        }
        if b & 0x80 == 0 {
            return bytes;
        }
    }
    bytes
}

/// Files are read in batches of this many: small enough for a smooth progress gauge.
const BATCH: usize = 128;

/// Loads a source, sending progress and batches of articles as they are read. Uses rayon's
/// pool (every core); returns when everything was sent.
///
/// A folder with a usable cache (see [`crate::store::cache`]) comes back as `Restored`, and only
/// the files changed since are read. The size and time of every file are taken before it is
/// read, so a file changed while being read looks changed next time.
pub fn load_streaming(source: &Source, options: &LoadOptions, tx: &Sender<LoadEvent>) {
    let start = Instant::now();
    let options = &options.for_source(source);
    let cache_path = match source {
        Source::Dir(root) => cache::path_for(root),
        _ => None,
    };
    // The cache is read while the folder is walked and every file's size and time taken.
    let (Discovery { files, mut problems }, stamps, cached) = std::thread::scope(|s| {
        let cached = s.spawn(|| {
            cache_path
                .as_ref()
                .filter(|p| p.exists())
                .map(|p| cache::load(p, options.fingerprint()))
        });
        let found = discover(source);
        let stamps: Option<Stamps> = cache_path.as_ref().map(|_| stamps_of(&found.files));
        let cached = cached
            .join()
            .unwrap_or_else(|_| Some(Err("could not be read".into())));
        (found, stamps, cached)
    });
    let mut to_read: Vec<&FileRef> = files.iter().collect();
    let mut changed = true;
    if let (Some(path), Some(stamps), Some(cached)) = (&cache_path, &stamps, cached) {
        match cached {
            Ok(snap) => {
                let same = |rel: &str| stamps.get(rel).is_some_and(|s| snap.stamps.get(rel) == Some(s));
                let mut store = snap.store;
                // Saved problems stand for unchanged files only; the walk's are fresh.
                store.retain_problems(|p| same(&p.path));
                store.add_problems(std::mem::take(&mut problems));
                // Every stored article not backed by an unchanged file goes; its file, if it
                // is still there, is read again below.
                let stale: Vec<String> = store.paths().filter(|rel| !same(rel)).map(String::from).collect();
                store.remove_paths(&stale);
                to_read.retain(|f| !same(&f.rel));
                changed = !stale.is_empty() || !to_read.is_empty();
                let _ = tx.send(LoadEvent::Restored {
                    store: Box::new(store),
                    files: files.len(),
                });
            }
            Err(e) => problems.push(Problem::new(
                &path.display().to_string(),
                Severity::Note,
                format!("cache not used ({e}); every file is read again"),
            )),
        }
    }
    let _ = tx.send(LoadEvent::Found {
        files: to_read.len(),
        problems,
    });
    read_and_send(&to_read, options, tx);
    if let (Some(path), Some(stamps), true) = (cache_path, stamps, changed) {
        let _ = tx.send(LoadEvent::SaveCache {
            path,
            stamps,
            fingerprint: options.fingerprint(),
        });
    }
    let _ = tx.send(LoadEvent::Done {
        elapsed: start.elapsed(),
    });
}

/// Reads the files and sends their articles in batches. From
/// [`LoadOptions::persons_later_from`] files on, the articles go without persons and events,
/// then `Read`, then those found in a second pass over the texts (`Derived`).
fn read_and_send(to_read: &[&FileRef], options: &LoadOptions, tx: &Sender<LoadEvent>) {
    let later = options.extraction.persons_and_events && to_read.len() >= options.persons_later_from;
    let first_pass = Extraction {
        persons_and_events: options.extraction.persons_and_events && !later,
    };
    let sent = std::sync::atomic::AtomicUsize::new(0);
    let mut pending: Vec<(usize, Vec<Pending>)> = to_read
        .par_chunks(BATCH)
        .map_with(tx.clone(), |tx, chunk| {
            let (articles, problems) = read_files(chunk.iter().copied(), first_pass);
            let pending = if later {
                articles.iter().map(Pending::of).collect()
            } else {
                Vec::new()
            };
            let seq = sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let _ = tx.send(LoadEvent::Batch {
                files: chunk.len(),
                articles,
                problems,
            });
            (seq, pending)
        })
        .collect();
    if later {
        // In the order the batches were sent, which is the order the store numbers articles:
        // the persons found then join each name's list of ids at its end.
        pending.sort_unstable_by_key(|p| p.0);
        let pending: Vec<Pending> = pending.into_iter().flat_map(|p| p.1).collect();
        let _ = tx.send(LoadEvent::Read {
            persons_to_find: pending.len(),
        });
        // Chunks handed out in order as each thread is free (`par_chunks` would give each
        // thread a half).
        pending
            .chunks(BATCH)
            .par_bridge()
            .for_each_with(tx.clone(), |tx, chunk| {
                let found = chunk.iter().map(derive_later).collect();
                let _ = tx.send(LoadEvent::Derived(found));
            });
    }
}

/// Reads files one after another: their articles and problems, in order.
pub fn read_files<'a>(
    files: impl IntoIterator<Item = &'a FileRef>,
    extraction: Extraction,
) -> (Vec<Article>, Vec<Problem>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let out = load_file_with(f, extraction);
        articles.extend(out.article);
        problems.extend(out.problems);
    }
    (articles, problems)
}

/// [`read_files`] on every core, in batches, keeping the order.
pub fn read_files_parallel(files: &[FileRef], extraction: Extraction) -> (Vec<Article>, Vec<Problem>) {
    let parts: Vec<(Vec<Article>, Vec<Problem>)> = files
        .par_chunks(BATCH)
        .map(|chunk| read_files(chunk, extraction))
        .collect();
    let mut articles = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for (a, p) in parts {
        articles.extend(a);
        problems.extend(p);
    }
    (articles, problems)
}

/// [`load_streaming`], then live updates for a folder until the receiver is gone.
pub fn load_and_watch(source: &Source, options: &LoadOptions, tx: &Sender<LoadEvent>) {
    // Watching starts first, so a file changed while the archive loads is seen.
    let watching = match source {
        Source::Dir(root) => Some((root, watch::start(root))),
        _ => None,
    };
    load_streaming(source, options, tx);
    match watching {
        Some((root, Ok(w))) => watch::run(root, w, options.extraction, tx),
        Some((root, Err(message))) => watch::report(tx, root, &message),
        None => {}
    }
}

/// Everything a finished load produced.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    /// The article files found (`.txt`, `.md` …), whether or not each gave an article.
    pub files: usize,
    pub elapsed: Duration,
    /// Until every article was searchable (persons and events of a large load are found
    /// after; see [`LoadOptions::persons_later_from`]).
    pub searchable: Duration,
    /// The cache could not be written (see `session::load_store_cached`).
    pub cache_error: Option<String>,
}

/// Loads a whole source and waits for it (no cache, persons not settled across the archive).
pub fn load(source: &Source) -> Loaded {
    load_with(source, Extraction::default())
}

/// [`load`], deriving what `extraction` says.
pub fn load_with(source: &Source, extraction: Extraction) -> Loaded {
    let start = Instant::now();
    let Discovery { files, mut problems } = discover(source);
    let (articles, read) = read_files_parallel(&files, extraction);
    problems.extend(read);
    let elapsed = start.elapsed();
    Loaded {
        articles,
        problems,
        files: files.len(),
        elapsed,
        searchable: elapsed,
        cache_error: None,
    }
}
