//! `docbao list`: articles newest first (or as a query ranks them), a line each, or exported as
//! JSON lines, CSV or Markdown.

use super::{load_options, load_store_cached, source_for, CliError, UsageError};
use crate::config::Config;
use docbao_core::export::{self, Format};
use docbao_core::ingest::{names, Source};
use docbao_core::query::{self, relevance, relevance::Sort};
use docbao_core::state::{ReadingState, StateFile};
use docbao_core::store::Store;
use docbao_extract::text::sanitize::sanitize_line;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// What `list` prints: its own lines, or an export format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    /// `date<TAB>title<TAB>path`, a line an article (the default)
    Tsv,
    /// One JSON object a line (as `--json`)
    #[value(alias = "json")]
    Jsonl,
    /// A header row, then a row an article; lists joined with `; `
    Csv,
    /// A section an article
    #[value(alias = "markdown")]
    Md,
}

/// `--sort`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortArg {
    /// Best match first under a query of words (BM25 with proximity), else newest first
    Relevance,
    Newest,
    Oldest,
}

impl From<SortArg> for Sort {
    fn from(s: SortArg) -> Sort {
        match s {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        }
    }
}

pub fn list(
    dir: Option<&Path>,
    q: Option<&str>,
    (format, sort): (ListFormat, Sort),
    stats: bool,
    config: &Config,
) -> Result<ExitCode, CliError> {
    let source = source_for(dir, config)?;
    let (store, loaded) = load_store_cached(&source, &load_options(config));
    let t = std::time::Instant::now();
    let index = store.people();
    let parsed = query::parse(q.unwrap_or(""), &|name| index.extends(name));
    // The reader filters with the terms it can read; a script must not get the whole archive
    // for a query it mistyped.
    if !parsed.errors.is_empty() {
        let errors: Vec<String> = parsed.errors.iter().map(|e| sanitize_line(e)).collect();
        return Err(UsageError(format!(
            "query: {}\ndocbao: nothing listed; fix the query (`docbao list --help`; the filter language is in the README)",
            errors.join("\ndocbao: query: ")
        ))
        .into());
    }
    let matcher = query::Matcher::new(&parsed, &|w| index.resolve(&w.raw));
    // Exports carry the tags: the state is read (never written) for them too.
    let marks = if parsed.uses_marks() || format != ListFormat::Tsv {
        read_marks(&source, &store)
    } else {
        ReadingState::new()
    };
    let hits = query::filter(&store, &parsed, &matcher, &marks);
    let hits = relevance::order(&store, &parsed, hits, sort, &|| false).unwrap_or_default();
    let query_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let base = path_base(&source);
    let export = match format {
        ListFormat::Tsv => None,
        ListFormat::Jsonl => Some(Format::JsonLines),
        ListFormat::Csv => Some(Format::Csv),
        ListFormat::Md => Some(Format::Markdown),
    };
    if let Some(f) = export {
        let articles = hits.iter().map(|h| {
            let a = store.get(h.id);
            (a, marks.tags_key(a.key), export::Story::of(&store, a))
        });
        export::write(&mut out, f, articles)?;
    }
    for h in hits.iter().filter(|_| export.is_none()) {
        let a = store.get(h.id);
        let date = config.dates.show(&a.date);
        let path = match (&source, &base) {
            (Source::File(_), Some(b)) => b.clone(),
            (_, Some(b)) => format!("{b}{}", a.path),
            (_, None) => a.path.clone(),
        };
        writeln!(out, "{date}\t{}\t{path}", sanitize_line(&a.title))?;
    }
    out.flush()?;
    if stats {
        let bytes: u64 = store.articles().iter().map(|a| a.bytes).sum();
        let words = store.words();
        eprintln!(
            "articles: {}  article files: {}  bytes: {}  load ms: {:.1}  searchable ms: {:.1}  index ms: {:.1}  \
             query ms: {:.2}  \
             matches: {}  index words: {}  postings: {}  peak memory: {}",
            store.len(),
            loaded.files,
            bytes,
            loaded.elapsed.as_secs_f64() * 1e3,
            loaded.searchable.as_secs_f64() * 1e3,
            store.index_time().as_secs_f64() * 1e3,
            query_ms,
            hits.len(),
            words.words(),
            words.postings(),
            // In MB of 10^6 bytes, as `bytes` counts, so the two compare directly.
            peak_memory().map_or("unknown".into(), |kb| {
                let mb = kb as f64 * 1024.0 / 1e6;
                format!("{mb:.1} MB ({:.2}x the bytes)", mb * 1e6 / bytes.max(1) as f64)
            }),
        );
    }
    // The process ends here: freeing a big archive piece by piece takes a third of a second
    // (100,000 articles) and gives nothing back that exit does not.
    std::mem::forget(store);
    Ok(ExitCode::SUCCESS)
}

/// What goes before an article's path (relative to the archive) so that `show` opens it: the
/// folder as given and a `/` (`docbao list news` prints `news/2025/a.md`, as `find news` would),
/// the file itself for a single file; nothing for the sample corpus, whose paths `show` knows.
/// Written as article paths are (see `docbao_core::ingest::names`).
fn path_base(source: &Source) -> Option<String> {
    match source {
        Source::Sample => None,
        Source::File(p) => Some(names::written_path(p)),
        Source::Dir(p) => {
            let mut b = names::written_path(p);
            if !b.ends_with('/') {
                b.push('/');
            }
            Some(b)
        }
    }
}

/// The process's peak resident memory in KiB (Linux: `VmHWM` in /proc/self/status).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The reader's marks for `is:unread`, `is:bookmarked` and tags, read from its state file
/// without changing it; a problem with the file is told on stderr and every article counts as
/// unread.
fn read_marks(source: &Source, store: &Store) -> ReadingState {
    let Some(file) = StateFile::for_source(source) else {
        eprintln!("docbao: no $HOME or $XDG_STATE_HOME: no reading state to ask about");
        return ReadingState::new();
    };
    let (mut marks, problem) = file.read_only();
    if let Some(m) = problem {
        eprintln!("docbao: {}", sanitize_line(&m));
    }
    marks.reconcile(store.newest_first());
    marks
}
