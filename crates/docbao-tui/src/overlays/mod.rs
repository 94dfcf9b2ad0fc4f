//! What opens over the panes: the help, the person picker and the saved searches (the filter
//! bar and questions are the status line's).

pub mod help;
pub mod person_picker;
pub mod searches;
