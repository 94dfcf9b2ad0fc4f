//! What opens over the panes: the help and the person picker (the filter bar is the status
//! line's).

pub mod help;
pub mod person_picker;
