//! The name a person is shown under, of the spellings the archive writes.

use super::{is_full, Spelling};
use crate::persons::spelling;
use crate::text::has_marks;

/// The name a person is shown under: the full name written most often in more than one
/// article (a glued or misspelt form is seldom written twice), else the fullest.
pub(super) fn display_name(members: &[usize], spellings: &[Spelling]) -> String {
    let written = written_most(members, spellings);
    let fullest = || {
        members
            .iter()
            .map(|&i| &spellings[i])
            .filter(|s| s.articles > 0)
            .max_by(|a, b| fullness(a).cmp(&fullness(b)))
    };
    written
        .or_else(fullest)
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The spelling the archive writes most often, of any length.
pub(super) fn most_written<'s>(members: &[usize], spellings: &'s [Spelling]) -> Option<&'s Spelling> {
    members
        .iter()
        .map(|&i| &spellings[i])
        .filter(|s| s.articles > 0)
        .max_by(|a, b| (a.count, fullness(a)).cmp(&(b.count, fullness(b))))
}

/// The fullest full name the archive writes (in one article or more).
pub(super) fn fullest_written<'s>(members: &[usize], spellings: &'s [Spelling]) -> Option<&'s Spelling> {
    members
        .iter()
        .map(|&i| &spellings[i])
        .filter(|s| s.articles > 0 && is_full(&s.text))
        .max_by(|a, b| fullness(a).cmp(&fullness(b)))
}

/// The full name written most often, in more than one article (a glued or misspelt form is
/// seldom written twice).
pub(super) fn written_most<'s>(members: &[usize], spellings: &'s [Spelling]) -> Option<&'s Spelling> {
    members
        .iter()
        .map(|&i| &spellings[i])
        .filter(|s| s.articles > 1 && is_full(&s.text))
        .max_by(|a, b| (a.count, fullness(a)).cmp(&(b.count, fullness(b))))
}

/// Fullest first: most syllables, with marks, most written, hyphenated, then by text.
fn fullness(s: &Spelling) -> (usize, bool, u32, bool, std::cmp::Reverse<&str>) {
    (
        spelling::syllables(&s.text),
        has_marks(&s.text),
        s.count,
        s.text.contains('-'),
        std::cmp::Reverse(s.text.as_str()),
    )
}
