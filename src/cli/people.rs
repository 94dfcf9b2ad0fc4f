//! `docbao people`: the persons of an archive, most named first, with their other spellings.

use super::{load_options, load_store_cached, source_for, CliError};
use crate::config::Config;
use docbao_extract::text::sanitize::sanitize_line;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn people(dir: Option<&Path>, json: bool, config: &Config) -> Result<ExitCode, CliError> {
    let source = source_for(dir, config)?;
    let (store, _) = load_store_cached(&source, &load_options(config));
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
