//! `docbao show`: one article cleaned for reading, as text for a pager or as JSON.

use super::{ArticleJson, CliError, UsageError};
use crate::config::Config;
use docbao_core::ingest::{self, FileRef, Source};
use docbao_core::plain::write_article;
use docbao_extract::text::sanitize::sanitize_line;
use docbao_extract::Block;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn show(path: &Path, json: bool, config: &Config) -> Result<ExitCode, CliError> {
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
