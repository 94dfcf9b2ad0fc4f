//! Something wrong with one file (or folder) of an archive: where, what, how bad.

use docbao_extract::text::sanitize;
use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Not an article file; skipped on purpose.
    Skipped,
    /// Read fine after normalising (NFD, CRLF, another encoding).
    Note,
    /// Loaded, but something was lost, guessed or repaired.
    Warning,
    /// Not loaded.
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Skipped => "skipped",
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Problems that make `check` fail.
    pub fn is_problem(self) -> bool {
        self >= Severity::Warning
    }
}

/// Something wrong with one file (or folder): where, what, how bad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn new(path: &str, severity: Severity, message: impl Into<String>) -> Self {
        Problem {
            path: sanitize::sanitize_line(path),
            line: None,
            severity,
            message: message.into(),
        }
    }

    pub fn at(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(
                f,
                "{}:{}: {}: {}",
                self.path,
                l,
                self.severity.label(),
                self.message
            ),
            None => write!(f, "{}: {}: {}", self.path, self.severity.label(), self.message),
        }
    }
}
