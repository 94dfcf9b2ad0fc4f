//! The query language and the matcher: parse what the user typed into terms, then filter and
//! rank the store's articles with them. Used by the TUI filter bar and by `list --query`. The
//! timeline of a result, and the worker that filters off the input thread (latest query wins),
//! live here too: both are about results, not about drawing them.

pub mod eval;
pub mod matcher;
pub mod parse;
pub mod phrase;
pub mod relevance;
pub mod timeline;
pub mod worker;

pub use matcher::{filter, Hit, Matcher};
pub use parse::{parse, DateRange, Query, Term};
