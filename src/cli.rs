//! The command line: argument parsing and the scriptable subcommands (`list`, `show`, `people`,
//! `check`). Every output is one record per line, with `--json` for pipes.

use crate::config::{self, Config, DateFormat};
use crate::extract::people::{self, KnownPeople};
use crate::extract::{Block, Date};
use crate::ingest::LoadEvent;
use crate::ingest::{self, FileRef, Severity, Source};
use crate::query;
use crate::state::{ReadingState, StateFile};
use crate::store::{Article, Store};
use crate::text::{self, clean::sanitize_line};
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "docbao",
    version,
    about = "đọc báo: a terminal reader for archives of news articles",
    long_about = "Browse a folder of news articles (plain text, Markdown with front matter, scraped \
                  text) from the keyboard. With no folder, opens the sample corpus built into the binary."
)]
pub struct Cli {
    /// Archive folder to open in the reader (default: `archive` in the configuration, else the
    /// built-in sample corpus)
    pub dir: Option<PathBuf>,
    /// Read the configuration from this file (default: $DOCBAO_CONFIG, else
    /// $XDG_CONFIG_HOME/docbao/config.yaml)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line, or an exit with clap's usage message. A folder before a subcommand
    /// (`docbao DIR list`) is refused: it would be dropped. (clap's own rule for that,
    /// `args_conflicts_with_subcommands`, also counted `--config` before a subcommand as
    /// the reader's, and took the subcommand's name for a folder.)
    pub fn parse_checked() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().get_matches();
        let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        if let (Some(dir), Some(name)) = (&cli.dir, matches.subcommand_name()) {
            let dir = sanitize_line(&dir.display().to_string());
            let takes_folder = Cli::command()
                .find_subcommand(name)
                .is_some_and(|s| s.get_arguments().any(|a| a.get_id() == "dir"));
            let msg = if takes_folder {
                format!("the folder `{dir}` goes after the subcommand: `docbao {name} {dir}`")
            } else {
                format!("`docbao {name}` takes no folder (`{dir}` was given before it)")
            };
            Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, msg)
                .exit();
        }
        cli
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List articles, newest first: date, title, path (tab-separated), or JSON lines
    List {
        /// Archive folder (default: `archive` in the configuration, else the built-in sample corpus)
        dir: Option<PathBuf>,
        /// Only articles matching this query (same language as the reader's `/` filter)
        #[arg(short, long)]
        query: Option<String>,
        /// One JSON object per line
        #[arg(long)]
        json: bool,
        /// Print load and query statistics to stderr
        #[arg(long)]
        stats: bool,
    },
    /// Print one article cleaned for reading (title, date, body), fit for a pager
    Show {
        /// The article file, or its path inside the sample corpus as `list` prints it
        path: PathBuf,
        /// Print the article as one JSON object
        #[arg(long)]
        json: bool,
    },
    /// List the persons named in the archive, most named first: article count, canonical name
    /// and the other spellings seen (tab-separated), or JSON lines
    People {
        /// Archive folder (default: `archive` in the configuration, else the built-in sample corpus)
        dir: Option<PathBuf>,
        /// One JSON object per line
        #[arg(long)]
        json: bool,
    },
    /// Report every problem found in the archive's files; exit 1 when there are any
    Check {
        /// Archive folder (default: `archive` in the configuration, else the built-in sample corpus)
        dir: Option<PathBuf>,
        /// One JSON object per problem
        #[arg(long)]
        json: bool,
    },
    /// Check the configuration file (exit 2 when it has a mistake), or print a default one
    Config {
        /// Print a configuration file with every setting at its default, each explained
        #[arg(long)]
        default: bool,
        /// Print where the configuration is read from
        #[arg(long, conflicts_with = "default")]
        path: bool,
    },
    /// For the crash test: saves reading state at FILE over and over until killed
    #[command(hide = true, name = "crash-test-writer")]
    CrashTestWriter {
        file: PathBuf,
        #[arg(long, default_value_t = 1000)]
        entries: usize,
    },
}

/// A failure of the command itself (not of an article): printed, exit code 2.
pub struct UsageError(pub String);

/// Turns an optional folder argument into a source: the folder given, else the configuration's
/// `archive`, else the built-in sample.
pub fn source_for(dir: Option<&Path>, config: &Config) -> Result<Source, UsageError> {
    let (p, from_config) = match (dir, &config.archive) {
        (Some(p), _) => (p, false),
        (None, Some(a)) => (a.as_path(), true),
        (None, None) => return Ok(Source::Sample),
    };
    if p.is_dir() {
        Ok(Source::Dir(p.to_path_buf()))
    } else if p.is_file() {
        Ok(Source::File(p.to_path_buf()))
    } else {
        let mut m = format!("no such folder: {}", sanitize_line(&p.display().to_string()));
        if let (true, Some(f)) = (from_config, &config.file) {
            m.push_str(&format!(
                " (the `archive` of {}; give a folder, or change it there)",
                sanitize_line(&f.display().to_string())
            ));
        }
        Err(UsageError(m))
    }
}

/// Runs a subcommand; returns the process exit code.
pub fn run(cmd: Command, config: &Config) -> ExitCode {
    let result = match cmd {
        Command::List {
            dir,
            query,
            json,
            stats,
        } => list(dir.as_deref(), query.as_deref(), json, stats, config),
        Command::Show { path, json } => show(&path, json, config),
        Command::People { dir, json } => people(dir.as_deref(), json, config),
        Command::Check { dir, json } => check(dir.as_deref(), json, config),
        Command::Config { default, path } => return config_command(None, default, path),
        Command::CrashTestWriter { file, entries } => {
            let e = crate::state::crash_test_writer(&file, entries);
            eprintln!("docbao: {}", sanitize_line(&e.to_string()));
            return ExitCode::from(1);
        }
    };
    match result {
        Ok(code) => code,
        Err(CliError::Usage(UsageError(msg))) => {
            eprintln!("docbao: {msg}");
            ExitCode::from(2)
        }
        // A closed pipe (`docbao list | head`) is a normal end.
        Err(CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(CliError::Io(e)) => {
            eprintln!("docbao: {e}");
            ExitCode::from(2)
        }
    }
}

pub enum CliError {
    Usage(UsageError),
    Io(io::Error),
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Io(e)
    }
}

impl From<UsageError> for CliError {
    fn from(e: UsageError) -> Self {
        CliError::Usage(e)
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Io(e.into())
    }
}

/// Loads a whole archive into a store.
pub fn load_store(source: &Source) -> (Store, ingest::Loaded) {
    let mut loaded = ingest::load(source);
    let articles = std::mem::take(&mut loaded.articles);
    let problems = loaded.problems.clone();
    let mut store = Store::from_parts(articles, problems);
    store.resolve_persons(known_people());
    (store, loaded)
}

/// Loads an archive as the terminal reader does: from its cache when the files are unchanged
/// (reading only the files changed since), saving the cache afterwards when anything changed.
pub fn load_store_cached(source: &Source) -> (Store, ingest::Loaded) {
    let (tx, rx) = std::sync::mpsc::channel();
    let src = source.clone();
    let loader = std::thread::spawn(move || ingest::load_streaming(&src, &tx));
    let mut store = Store::new();
    let (mut files, mut elapsed, mut save) = (0, std::time::Duration::ZERO, None);
    // Whatever waits is taken at once: one larger batch costs the store less than many.
    let waiting = std::iter::from_fn(|| {
        let first = rx.recv().ok()?;
        Some(LoadEvent::coalesce(
            std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())),
        ))
    });
    for ev in waiting.flatten() {
        match ev {
            LoadEvent::Restored { store: saved } => {
                files += saved.len();
                store = *saved;
            }
            LoadEvent::Found { files: n, problems } => {
                files += n;
                store.add_problems(problems);
                store.reserve(n);
            }
            LoadEvent::Batch {
                articles, problems, ..
            } => {
                store.add(articles);
                store.add_problems(problems);
            }
            LoadEvent::SaveCache { path, stamps } => save = Some((path, stamps)),
            LoadEvent::Changed { .. } => {}
            LoadEvent::Done { elapsed: e } => elapsed = e,
        }
    }
    let _ = loader.join();
    store.resolve_persons_if_needed(known_people());
    if let Some((path, stamps)) = save {
        if let Err(e) = crate::store::cache::save(&store, &stamps, &path) {
            eprintln!(
                "docbao: cannot save the cache {}: {e}",
                sanitize_line(&path.display().to_string())
            );
        }
    }
    let loaded = ingest::Loaded {
        files,
        elapsed,
        ..Default::default()
    };
    (store, loaded)
}

/// The known people for this run: the bundled list with the user's `people.yaml` merged over
/// it, then the configuration's `people:`. A broken `people.yaml` is reported once on stderr
/// (file, line, what was expected) and left out.
pub fn known_people() -> &'static KnownPeople {
    static KNOWN: std::sync::OnceLock<KnownPeople> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let base = match people::load_user_people() {
            Ok(k) => k,
            Err(e) => {
                eprintln!("docbao: {}", sanitize_line(&e.to_string()));
                eprintln!("docbao: your people file is ignored; using the built-in list of known people");
                KnownPeople::builtin().clone()
            }
        };
        config::merge_people(&base, config::current())
    })
}

/// Reads the configuration for a run; a file with a mistake is the error to print (exit 2).
pub fn load_config(flag: Option<&Path>) -> Result<Config, UsageError> {
    config::load(flag).map_err(|e| {
        UsageError(format!(
            "{}\ndocbao: nothing was started; fix the file (`docbao config --default` prints a valid one)",
            sanitize_line(&e.to_string())
        ))
    })
}

/// `docbao config`: check the file, print a default one, or say where it is read from.
pub fn config_command(flag: Option<&Path>, default: bool, path: bool) -> ExitCode {
    let fail = |m: String| {
        eprintln!("docbao: {m}");
        ExitCode::from(2)
    };
    if default {
        print!("{}", config::default_yaml());
        return ExitCode::SUCCESS;
    }
    let loc = config::Location::find(flag);
    let Some(file) = loc.path() else {
        return fail("no configuration folder: neither $XDG_CONFIG_HOME nor $HOME is set".into());
    };
    let shown = sanitize_line(&file.display().to_string());
    if path {
        println!("{shown}");
        return ExitCode::SUCCESS;
    }
    match config::load(flag) {
        Ok(c) if c.file.is_none() => {
            println!(
                "{shown}: no such file; using the defaults (`docbao config --default > {shown}` writes them)"
            );
            ExitCode::SUCCESS
        }
        Ok(c) => {
            println!("{shown}: ok; {}", sanitize_line(&config::summary(&c)));
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!(
            "{}\ndocbao: `docbao config --default` prints a valid file to start from",
            sanitize_line(&e.to_string())
        )),
    }
}

/// A date an article speaks of, with its sentence, in JSON.
#[derive(Serialize)]
pub struct EventJson {
    pub date: Date,
    pub precision: &'static str,
    pub text: String,
}

/// The JSON form of an article in `list --json`.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub date: &'a Date,
    pub date_precision: &'static str,
    pub words: usize,
    pub persons: &'a [crate::extract::Name],
    pub events: Vec<EventJson>,
    pub shape: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl<'a> ArticleJson<'a> {
    pub fn new(a: &'a Article) -> Self {
        let blocks = if a.events.is_empty() {
            Vec::new()
        } else {
            a.blocks()
        };
        ArticleJson {
            path: &a.path,
            title: &a.title,
            date: &a.date,
            date_precision: a.date.precision(),
            words: a.words,
            persons: &a.persons,
            events: a
                .events
                .iter()
                .map(|e| EventJson {
                    date: e.date,
                    precision: e.precision(),
                    text: e.text(&a.title, &blocks).to_string(),
                })
                .collect(),
            shape: match a.shape {
                ingest::Shape::DateLine => "date_line",
                ingest::Shape::FrontMatter => "front_matter",
                ingest::Shape::Bare => "bare",
                ingest::Shape::Headers => "headers",
            },
            url: a.url(),
        }
    }
}

fn list(
    dir: Option<&Path>,
    q: Option<&str>,
    json: bool,
    stats: bool,
    config: &Config,
) -> Result<ExitCode, CliError> {
    let source = source_for(dir, config)?;
    let (store, loaded) = load_store_cached(&source);
    let t = std::time::Instant::now();
    let index = store.people();
    let parsed = query::parse(q.unwrap_or(""), &|name| index.extends(name));
    for e in &parsed.errors {
        eprintln!("docbao: query: {e}");
    }
    let matcher = query::Matcher::new(&parsed, &|w| index.resolve(&w.raw));
    let marks = if parsed.uses_marks() {
        read_marks(&source, &store)
    } else {
        ReadingState::new()
    };
    let hits = query::filter(&store, &parsed, &matcher, &marks);
    let query_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for h in &hits {
        let a = store.get(h.id);
        if json {
            serde_json::to_writer(&mut out, &ArticleJson::new(a))?;
            writeln!(out)?;
        } else {
            let date = config.dates.show(&a.date);
            writeln!(out, "{date}\t{}\t{}", a.title, sanitize_line(&a.path))?;
        }
    }
    out.flush()?;
    if stats {
        let bytes: u64 = store.articles().iter().map(|a| a.bytes).sum();
        let words = store.words();
        eprintln!(
            "articles: {}  files: {}  bytes: {}  load ms: {:.1}  index ms: {:.1}  query ms: {:.2}  \
             matches: {}  index words: {}  postings: {}  peak memory: {}",
            store.len(),
            loaded.files,
            bytes,
            loaded.elapsed.as_secs_f64() * 1e3,
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

/// The process's peak resident memory in KiB (Linux: `VmHWM` in /proc/self/status).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The reader's marks for `is:unread` and `is:bookmarked`, read from its state file without
/// changing it; a problem with the file is told on stderr and every article counts as unread.
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

fn show(path: &Path, json: bool, config: &Config) -> Result<ExitCode, CliError> {
    let outcome = if path.is_file() {
        let rel = path.display().to_string();
        ingest::load_file(&FileRef::disk(rel, path.to_path_buf()))
    } else {
        let want = path.to_string_lossy().replace('\\', "/");
        let found = ingest::discover(&Source::Sample)
            .files
            .into_iter()
            .find(|f| f.rel == want);
        match found {
            Some(f) => ingest::load_file(&f),
            None if path.is_dir() => {
                return Err(UsageError(format!(
                    "{} is a folder: `show` prints one article file (`docbao list {}` lists the folder's)",
                    sanitize_line(&want),
                    sanitize_line(&want)
                ))
                .into())
            }
            None => {
                return Err(UsageError(format!(
                    "no such article: {} (give a file, or a path from `docbao list` on the sample corpus)",
                    sanitize_line(&want)
                ))
                .into())
            }
        }
    };
    for p in outcome.problems.iter().filter(|p| p.severity.is_problem()) {
        eprintln!("docbao: {p}");
    }
    let Some(article) = outcome.article else {
        return Ok(ExitCode::from(1));
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        #[derive(Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            head: ArticleJson<'a>,
            meta: &'a [(String, String)],
            blocks: &'a [Block],
        }
        let blocks = article.blocks();
        let full = Full {
            head: ArticleJson::new(&article),
            meta: &article.meta,
            blocks: &blocks,
        };
        serde_json::to_writer(&mut out, &full)?;
        writeln!(out)?;
    } else {
        let width = terminal_width();
        write_article(&mut out, &article, width, &config.dates)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .or_else(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| w as usize))
        .unwrap_or(80)
        .clamp(20, 100)
}

/// Writes an article as plain text wrapped to `width` columns, its date as `dates` shows it.
pub fn write_article(out: &mut dyn Write, a: &Article, width: usize, dates: &DateFormat) -> io::Result<()> {
    let wrap = |out: &mut dyn Write, s: &str, indent: &str| -> io::Result<()> {
        let w = width.saturating_sub(text::width::width(indent)).max(10);
        for r in text::wrap(s, w) {
            writeln!(out, "{indent}{}", &s[r])?;
        }
        Ok(())
    };
    wrap(out, &a.title, "")?;
    writeln!(out, "{}", "=".repeat(text::width::width(&a.title).min(width)))?;
    let date = dates.show(&a.date);
    writeln!(
        out,
        "{date} ({}) · {} words · {}",
        a.date.precision(),
        a.words,
        sanitize_line(&a.path)
    )?;
    if let Some(u) = a.url() {
        writeln!(out, "source: {}", sanitize_line(u))?;
    }
    if !a.persons.is_empty() {
        wrap(out, &format!("persons: {}", a.persons.join(", ")), "")?;
    }
    let blocks = a.blocks();
    for b in &blocks {
        writeln!(out)?;
        match b {
            Block::Heading { text } => {
                wrap(out, text, "")?;
                writeln!(out, "{}", "-".repeat(text::width::width(text).min(width)))?;
            }
            Block::Paragraph { text } => wrap(out, text, "")?,
            Block::Image { path } => writeln!(out, "[ảnh: {}]", sanitize_line(path))?,
            Block::Caption { text, credit } => {
                let c = match credit {
                    Some(c) => format!("{text} ({c})"),
                    None => text.clone(),
                };
                wrap(out, &c, "  │ ")?
            }
            Block::Credit { text } => writeln!(out, "  ({text})")?,
        }
    }
    if !a.events.is_empty() {
        writeln!(out)?;
        writeln!(out, "Dates mentioned:")?;
        for e in &a.events {
            wrap(out, &format!("{} — {}", e.date, e.text(&a.title, &blocks)), "  ")?;
        }
    }
    Ok(())
}

fn people(dir: Option<&Path>, json: bool, config: &Config) -> Result<ExitCode, CliError> {
    let source = source_for(dir, config)?;
    let (store, _) = load_store_cached(&source);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for p in store.people().persons() {
        if json {
            serde_json::to_writer(&mut out, p)?;
            writeln!(out)?;
        } else {
            let name = sanitize_line(&p.name);
            if p.aliases.is_empty() {
                writeln!(out, "{}\t{name}", p.articles)?;
            } else {
                let aliases: Vec<String> = p.aliases.iter().map(|a| sanitize_line(a)).collect();
                writeln!(out, "{}\t{name}\t{}", p.articles, aliases.join(", "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(dir: Option<&Path>, json: bool, config: &Config) -> Result<ExitCode, CliError> {
    let source = source_for(dir, config)?;
    let loaded = ingest::load(&source);
    let mut problems = loaded.problems.clone();
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    let mut out = io::BufWriter::new(io::stdout().lock());
    let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
    for p in &problems {
        if json {
            serde_json::to_writer(&mut out, p)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{p}")?;
        }
    }
    let bad = problems.iter().filter(|p| p.severity.is_problem()).count();
    let mut files_with: Vec<&str> = problems
        .iter()
        .filter(|p| p.severity.is_problem())
        .map(|p| p.path.as_str())
        .collect();
    files_with.dedup();
    if !json {
        writeln!(
            out,
            "checked {}: {} article files, {} loaded; {} errors, {} warnings in {} files; {} notes; {} other files skipped",
            source.label(),
            loaded.files,
            loaded.articles.len(),
            count(Severity::Error),
            count(Severity::Warning),
            files_with.len(),
            count(Severity::Note),
            count(Severity::Skipped),
        )?;
    }
    out.flush()?;
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
