//! The query language and the matcher: parse what the user typed into terms, then filter and
//! rank the store's articles with them. Used by the TUI filter bar and by `list --query`.

pub mod eval;
pub mod matcher;
pub mod parse;

pub use matcher::{filter, Hit, Matcher};
pub use parse::{parse, DateRange, Query, Term};
