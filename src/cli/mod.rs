//! The command line: argument parsing and the scriptable subcommands (`list`, `show`, `people`,
//! `check`). Every output is one record per line, with `--json` for pipes.

mod check;
mod list;
mod people;
mod show;

use crate::config::{self, Config};
use clap::{Parser, Subcommand};
use docbao_core::ingest::{LoadOptions, Loaded, Source};
use docbao_core::people::known_people;
use docbao_core::session;
use docbao_core::store::Store;
use docbao_extract::text::sanitize::sanitize_line;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

pub use docbao_core::export::{ArticleJson, EventJson};
pub use list::{peak_memory, ListFormat};

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
    /// List articles, newest first (under a query of words, best match first): date, title,
    /// path (tab-separated), or JSON lines, CSV or Markdown
    List {
        /// Archive folder (default: `archive` in the configuration, else the built-in sample corpus)
        dir: Option<PathBuf>,
        /// Only articles matching this query (same language as the reader's `/` filter)
        #[arg(short, long)]
        query: Option<String>,
        /// One JSON object per line (`--format jsonl`)
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// What to print: tsv (the default), jsonl, csv or md; every format but tsv carries the
        /// fields of `--json`, tags included
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<ListFormat>,
        /// The order: relevance (the default: best match first under a query of words, else
        /// newest first), newest or oldest
        #[arg(long, value_enum, value_name = "ORDER", default_value = "relevance")]
        sort: list::SortArg,
        /// Print load and query statistics to stderr
        #[arg(long)]
        stats: bool,
    },
    /// Print articles cleaned for reading (title, date, body), fit for a pager
    Show {
        /// Article files as `list` prints them (`docbao list DIR | cut -f3 | xargs docbao show`);
        /// a path inside the sample corpus, or inside `--dir`, as `list --json` gives it
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Read the paths inside this archive folder (`list --json` paths are relative to it)
        #[arg(short = 'C', long = "dir", value_name = "DIR", id = "within")]
        dir: Option<PathBuf>,
        /// One JSON object per article, a line each
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
            format,
            sort,
            stats,
        } => {
            let format = match (json, format) {
                (true, _) => ListFormat::Jsonl,
                (false, f) => f.unwrap_or(ListFormat::Tsv),
            };
            list::list(
                dir.as_deref(),
                query.as_deref(),
                (format, sort.into()),
                stats,
                config,
            )
        }
        Command::Show { paths, dir, json } => show::show(&paths, dir.as_deref(), json, config),
        Command::People { dir, json } => people::people(dir.as_deref(), json, config),
        Command::Check { dir, json } => check::check(dir.as_deref(), json, config),
        Command::Config { default, path } => return config_command(None, default, path),
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

/// What loading needs for this run: the known people (the bundled list, the user's
/// `people.yaml` and the configuration's `people:`). A broken `people.yaml` is reported once on
/// stderr (file, line, what was expected) and left out.
pub fn load_options(config: &Config) -> LoadOptions {
    let (known, problem) = known_people(&config.people);
    if let Some(e) = problem {
        eprintln!("docbao: {}", sanitize_line(&e.to_string()));
        eprintln!("docbao: your people file is ignored; using the built-in list of known people");
    }
    LoadOptions {
        known: Arc::new(known),
        ..LoadOptions::default()
    }
}

/// Loads an archive as the reader does (see [`session::load_store_cached`]); a cache that
/// cannot be written is told on stderr.
fn load_store_cached(source: &Source, options: &LoadOptions) -> (Store, Loaded) {
    let (store, mut loaded) = session::load_store_cached(source, options);
    if let Some(e) = loaded.cache_error.take() {
        eprintln!("docbao: {e}");
    }
    (store, loaded)
}

/// Starts the terminal reader on a folder, the configuration's archive, or the sample corpus.
pub fn reader(dir: Option<&Path>, config: &Config) -> ExitCode {
    let source = match source_for(dir, config) {
        Ok(s) => s,
        Err(UsageError(m)) => {
            eprintln!("docbao: {m}");
            return ExitCode::from(2);
        }
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "docbao: the reader needs a terminal; for pipes use `docbao list`, `show`, `people` or `check`"
        );
        return ExitCode::from(2);
    }
    // Read the user's people file now: a message about it must not land on the reader's screen.
    let options = load_options(config);
    docbao_tui::run(source, &config.reader(), options)
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
