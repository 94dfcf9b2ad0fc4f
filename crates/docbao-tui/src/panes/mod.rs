//! The three panes: the article list, the reader, the timeline. Each draws from the app state
//! it is given and changes nothing.

pub mod list;
pub mod reader;
pub mod timeline;
