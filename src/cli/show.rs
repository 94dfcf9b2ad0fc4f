//! `docbao show`: articles cleaned for reading, as text for a pager or as JSON lines.
//!
//! A path is found as `list` prints it: a file (with `%XX` for the bytes of its name that
//! cannot be shown, see `docbao_core::ingest::names`), else a path inside `--dir`, the
//! configuration's archive, or the sample corpus (as `list --json` gives `path`).

use super::{ArticleJson, CliError, UsageError};
use crate::config::Config;
use docbao_core::ingest::{self, names, FileRef, Source};
use docbao_core::plain::write_article;
use docbao_core::state::StateFile;
use docbao_core::store::Article;
use docbao_extract::text::sanitize::sanitize_line;
use docbao_extract::Block;
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn show(
    paths: &[PathBuf],
    dir: Option<&Path>,
    json: bool,
    config: &Config,
) -> Result<ExitCode, CliError> {
    if let Some(d) = dir.filter(|d| !d.is_dir()) {
        return Err(UsageError(format!(
            "no such folder: {}",
            sanitize_line(&d.display().to_string())
        ))
        .into());
    }
    // Every path is found before anything is printed: a mistyped one prints nothing.
    let files = paths
        .iter()
        .map(|p| find(p, dir, config))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for (i, file) in files.iter().enumerate() {
        let outcome = ingest::load_file(file);
        for p in outcome.problems.iter().filter(|p| p.severity.is_problem()) {
            eprintln!("docbao: {p}");
        }
        let Some(article) = outcome.article else {
            failed = true;
            continue;
        };
        if json {
            let tags = tags_of(file, dir, &article);
            write_json(&mut out, &article, &tags)?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            write_article(&mut out, &article, terminal_width(), &config.dates)?;
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The file a path names, tried in order: the file its `%XX` name stands for, the path itself,
/// the same inside `dir` (or the configuration's archive), else a path inside the sample
/// corpus. The article is named by the path as given, written as `list` writes names.
fn find(path: &Path, dir: Option<&Path>, config: &Config) -> Result<FileRef, UsageError> {
    // As `list` wrote it; a name given raw (`$'esc\e[2J.txt'`) is written as `list` would.
    let given = match path.to_str() {
        Some(s) if !s.chars().any(names::is_unsafe) => s.to_string(),
        _ => names::written_path(path),
    };
    let on_disk = |base: Option<&Path>| {
        let join = |p: PathBuf| base.map_or(p.clone(), |b| b.join(p));
        // `list` never prints `%XX` that is not an escape: the file it stands for first; a
        // path typed (or completed) as it is on disk second.
        [
            join(names::real_path(Path::new(""), &given)),
            join(path.to_path_buf()),
        ]
        .into_iter()
        .find(|p| p.is_file())
    };
    let within = dir.or(config.archive.as_deref().filter(|a| a.is_dir()));
    let found = on_disk(None).or_else(|| within.and_then(|d| on_disk(Some(d))));
    if let Some(p) = found {
        return Ok(FileRef::disk(given, p));
    }
    if dir.is_none() {
        let want = given.replace('\\', "/");
        if let Some(f) = ingest::discover(&Source::Sample)
            .files
            .into_iter()
            .find(|f| f.rel == want)
        {
            return Ok(f);
        }
    }
    let shown = sanitize_line(&given);
    Err(UsageError(if path.is_dir() {
        format!("{shown} is a folder: `show` prints article files (`docbao list {shown}` lists the folder's)")
    } else {
        let inside = match dir {
            Some(d) => format!(" in {}", sanitize_line(&d.display().to_string())),
            None => String::new(),
        };
        format!(
            "no such article: {shown}{inside} (give a file or a path as `docbao list` prints it; \
             `--dir DIR` for a path inside DIR)"
        )
    }))
}

/// The tags the reader gave an article: from the reading state of the archive it is in (the
/// `--dir` folder, else the nearest folder above the file that has a state; the sample's for
/// the sample), read without changing anything.
fn tags_of(file: &FileRef, dir: Option<&Path>, article: &Article) -> Vec<String> {
    let read = |source: Source| {
        let f = StateFile::for_source(&source)?;
        f.path.is_file().then(|| f.read_only().0)
    };
    let state = match file.disk_path() {
        None => read(Source::Sample),
        Some(p) => match dir {
            Some(d) => read(Source::Dir(d.to_path_buf())),
            None => std::fs::canonicalize(p).ok().and_then(|p| {
                p.ancestors()
                    .skip(1)
                    .find_map(|a| read(Source::Dir(a.to_path_buf())))
            }),
        },
    };
    state
        .map(|s| s.tags_key(article.key).to_vec())
        .unwrap_or_default()
}

/// One article as a line of JSON: the `list --json` fields, its metadata and its blocks.
fn write_json(out: &mut impl Write, article: &Article, tags: &[String]) -> Result<(), CliError> {
    #[derive(Serialize)]
    struct Full<'a> {
        #[serde(flatten)]
        head: ArticleJson<'a>,
        meta: &'a [(String, String)],
        blocks: &'a [Block],
    }
    let blocks = article.blocks();
    let full = Full {
        head: ArticleJson::new(article, tags),
        meta: &article.meta,
        blocks: &blocks,
    };
    serde_json::to_writer(&mut *out, &full)?;
    writeln!(out)?;
    Ok(())
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .or_else(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| w as usize))
        .unwrap_or(80)
        .clamp(20, 100)
}
