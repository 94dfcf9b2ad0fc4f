//! Text helpers shared by every layer: Vietnamese folding, cleaning of untrusted text, and
//! display-width-aware truncation. Nothing here knows about files or terminals.

pub mod chars;
pub mod clean;
pub mod fold;
pub mod width;

pub use clean::{normalize, normalize_owned, Normalized};
pub use fold::{fold, fold_char, has_marks};
pub use width::{truncate, wrap};
