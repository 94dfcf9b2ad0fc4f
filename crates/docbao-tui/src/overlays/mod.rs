//! What opens over the panes: the help, the person picker and the saved searches, and the
//! bars over the status line for tags and export (the filter bar and questions are the status
//! line's own).

pub mod export_bar;
pub mod help;
pub mod person_picker;
pub mod searches;
pub mod tag_bar;
