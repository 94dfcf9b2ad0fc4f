//! `docbao check`: every problem found in an archive's files; exit 1 when there are any.

use super::{source_for, CliError};
use crate::config::Config;
use docbao_core::ingest;
use docbao_core::store::Severity;
use docbao_extract::text::count as n;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn check(dir: Option<&Path>, json: bool, config: &Config) -> Result<ExitCode, CliError> {
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
            "checked {}: {}, {} loaded; {}, {} in {}; {}; {} skipped",
            source.label(),
            n(loaded.files, "article file", "article files"),
            loaded.articles.len(),
            n(count(Severity::Error), "error", "errors"),
            n(count(Severity::Warning), "warning", "warnings"),
            n(files_with.len(), "file", "files"),
            n(count(Severity::Note), "note", "notes"),
            n(count(Severity::Skipped), "other file", "other files"),
        )?;
    }
    out.flush()?;
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
