//! docbao: a terminal reader for archives of news articles.
//!
//! The core (`ingest`, `extract`, `store`, `query`) never touches the terminal; the command line
//! (`cli`) and the TUI (`ui`) are two front ends on it.

pub mod alloc;
pub mod cli;
pub mod config;
pub mod extract;
pub mod ingest;
pub mod query;
pub mod state;
pub mod store;
pub mod text;
pub mod ui;
