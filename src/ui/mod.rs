//! The terminal reader.

use std::path::Path;
use std::process::ExitCode;

/// Starts the TUI on a folder, or on the sample corpus.
pub fn run(dir: Option<&Path>) -> ExitCode {
    let _ = dir;
    eprintln!("docbao: the reader is not built yet; try `docbao list`");
    ExitCode::from(2)
}
