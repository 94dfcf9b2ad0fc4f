//! What a tag is: a name the reader gives articles (`t`), asked about with `tag:NAME`, kept in
//! the reading state (`state::tags`).
//!
//! A tag is one word as written: NFC, lowercase, no control or invisible characters, blanks
//! inside turned into `-` (`Quốc phòng` is `quốc-phòng`: a Vietnamese word is often two
//! syllables apart), at most [`MAX_TAG_CHARS`] characters. Commas separate tags.

use docbao_extract::text::sanitize::sanitize_text;
use unicode_normalization::UnicodeNormalization;

/// The longest tag kept, in characters.
pub const MAX_TAG_CHARS: usize = 64;

/// A tag as kept, or `None` when nothing is left of `s`. Commas and a leading `#` go (`#a`
/// typed by habit is the tag `a`); see [`split_tags`] for a line of several.
pub fn clean_tag(s: &str) -> Option<String> {
    let s: String = sanitize_text(&s.nfc().collect::<String>()).to_lowercase();
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_start_matches('#'))
        .filter(|w| !w.is_empty())
        .collect();
    let tag: String = words.join("-").chars().take(MAX_TAG_CHARS).collect();
    (!tag.is_empty()).then_some(tag)
}

/// Tags as kept: each cleaned, sorted, without repeats.
pub fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = tags.iter().filter_map(|t| clean_tag(t)).collect();
    out.sort();
    out.dedup();
    out
}

/// The tags of a line typed in the tag bar: separated by commas (`kinh tế, korea` is
/// `kinh-tế` and `korea`), each cleaned, sorted, without repeats.
pub fn split_tags(line: &str) -> Vec<String> {
    let mut tags: Vec<String> = line.split(',').filter_map(clean_tag).collect();
    tags.sort();
    tags.dedup();
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_one_lowercase_word() {
        assert_eq!(clean_tag("Quốc phòng").as_deref(), Some("quốc-phòng"));
        assert_eq!(clean_tag("  #Korea ").as_deref(), Some("korea"));
        assert_eq!(clean_tag("a\u{1b}[31mb\u{200b}c").as_deref(), Some("a[31mbc"));
        assert_eq!(clean_tag("hoa\u{300}").as_deref(), Some("hoà"), "NFC");
        assert_eq!(clean_tag(" , # "), None);
        assert_eq!(
            clean_tag(&"x".repeat(100)).map(|t| t.chars().count()),
            Some(MAX_TAG_CHARS)
        );
        assert_eq!(split_tags("b, a,#c ,a"), ["a", "b", "c"]);
        assert_eq!(split_tags("Kinh tế, korea, "), ["kinh-tế", "korea"]);
        assert!(split_tags(" , ").is_empty());
    }
}
