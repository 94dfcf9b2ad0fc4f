//! docbao, the program: its command line (`cli`: the reader, `list`, `show`, `people`, `check`,
//! `config`) and its configuration file (`config`), on top of `docbao-core` (articles, loading,
//! queries) and `docbao-tui` (the terminal reader).

pub mod alloc;
pub mod cli;
pub mod config;
