//! docbao's core: what a reader of news archives needs besides a screen.
//!
//! - `store`: articles as kept in memory, newest first, with the word and person indexes, and
//!   the cache that saves them to disk so an unchanged archive opens at once;
//! - `ingest`: walking a folder, reading, decoding and splitting files, deriving articles (with
//!   `docbao-extract`), streaming them to whoever shows them, watching for changes;
//! - `query`: the query language, its evaluation over the store, the timeline of a result and
//!   the worker that filters off the input thread;
//! - `plain`: an article as plain text, for `show` and `$PAGER`;
//! - `state`: read marks, bookmarks, tags and the last position, saved per archive; `tag`:
//!   what a tag is;
//! - `export`: the shown articles as JSON lines, CSV or Markdown (`list --format`, the
//!   reader's export);
//! - `session`: a whole load applied to a store, for the command line and the reader alike;
//! - `paths`: the one place docbao's own folders are looked up.
//!
//! Nothing here draws or reads a terminal: the command line and the terminal reader are two
//! front ends on it.

pub mod dates;
pub mod export;
pub mod ingest;
pub mod paths;
pub mod people;
pub mod plain;
pub mod query;
pub mod session;
pub mod settings;
pub mod state;
pub mod store;
pub mod tag;
