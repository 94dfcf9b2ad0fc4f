//! `docbao check`: every problem found in an archive's files; exit 1 when there are any.

use super::{source_for, CliError};
use crate::config::Config;
use docbao_core::ingest;
use docbao_core::store::Severity;
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
