//! Text helpers shared by every layer: Vietnamese folding, sanitizing of untrusted text, and
//! display-width-aware truncation. Nothing here knows about files or terminals.

pub mod chars;
pub mod fold;
pub mod links;
pub mod sanitize;
pub mod width;

pub use fold::{fold, fold_char, has_marks};
pub use sanitize::{normalize, normalize_owned, Normalized};
pub use width::{truncate, wrap};

/// A count with its noun in the right number, for messages: `count(1, "article", "articles")`
/// is `1 article`, `count(0, …)` and `count(3, …)` take the plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A xorshift64 generator for tests that compare a fast path with its reference on many
/// generated strings (same seed, same strings, every run). For tests only (the `testing`
/// feature gives it to other crates' tests).
#[cfg(any(test, feature = "testing"))]
pub fn test_rng(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

/// `n` of `pieces`, drawn with `next` and joined: the strings those tests try.
#[cfg(any(test, feature = "testing"))]
pub fn test_mix(next: &mut impl FnMut() -> u64, pieces: &[&str], n: usize) -> String {
    (0..n)
        .map(|_| pieces[(next() % pieces.len() as u64) as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_number_of_their_noun() {
        assert_eq!(
            super::count(1, "matching line", "matching lines"),
            "1 matching line"
        );
        assert_eq!(super::count(0, "article", "articles"), "0 articles");
        assert_eq!(super::count(2, "person", "persons"), "2 persons");
    }
}
