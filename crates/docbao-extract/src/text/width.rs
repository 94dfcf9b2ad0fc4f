//! Display-width-aware truncation and wrapping on grapheme boundaries.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending in `…` when anything was cut. Never splits a grapheme.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        kept.push(g);
        used += w;
    }
    // Trailing blanks go whole: `trim_end` could cut a space off a grapheme it belongs to.
    while kept.last().is_some_and(|g| g.trim().is_empty()) {
        kept.pop();
    }
    let mut out = kept.concat();
    out.push('…');
    out
}

/// Wraps text into lines of at most `max` cells, breaking at spaces where possible and inside a
/// word (on a grapheme boundary) only when one word is wider than a line. Returns byte ranges
/// into `s` so callers can keep styling and match positions.
pub fn wrap(s: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut start = 0; // start of current line
    let mut line_w = 0;
    let mut last_space: Option<(usize, usize)> = None; // (byte index after space, width up to it)
    for (i, g) in s.grapheme_indices(true) {
        let w = width(g);
        if line_w + w > max && i > start {
            if g == " " {
                lines.push(start..i);
                start = i + 1;
                line_w = 0;
                last_space = None;
                continue;
            }
            match last_space {
                Some((after, w_before)) if after > start => {
                    lines.push(start..after - 1);
                    start = after;
                    line_w -= w_before;
                    // What followed the space may still not fit with this grapheme (the part
                    // before the space was narrow: zero-width characters).
                    if line_w + w > max && i > start {
                        lines.push(start..i);
                        start = i;
                        line_w = 0;
                    }
                }
                _ => {
                    lines.push(start..i);
                    start = i;
                    line_w = 0;
                }
            }
            last_space = None;
        }
        if g == " " {
            if line_w == 0 && i == start {
                start = i + 1;
                continue;
            }
            last_space = Some((i + 1, line_w + w));
        }
        line_w += w;
    }
    if start < s.len() || lines.is_empty() {
        lines.push(start..s.len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_width() {
        assert_eq!(truncate("Bộ trưởng Quốc phòng", 10), "Bộ trưởng…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(width(&truncate("日本語のテキスト", 7)), 7);
    }

    #[test]
    fn truncate_trims_blanks_but_never_inside_a_grapheme() {
        assert_eq!(truncate("ab   cdef", 5), "ab…");
        // U+0600 is a prepended mark: it and the space after it are one grapheme.
        assert_eq!(truncate("a\u{600} bcdef", 4), "a\u{600} …");
    }

    #[test]
    fn truncates_nfd_on_graphemes() {
        let s = "Vie\u{302}\u{323}t Nam xin chào";
        let t = truncate(s, 5);
        assert!(t.starts_with("Vie\u{302}\u{323}t"));
    }

    #[test]
    fn a_break_at_a_narrow_space_still_fits_what_follows() {
        // Found by proptest: a zero-width character and a space, then a run wider than the
        // line once the next character comes.
        let s = "\u{200b} aA\u{3fffe}thuỷ\0日本A!!\0!日本";
        for r in wrap(s, 9) {
            assert!(width(&s[r.clone()]) <= 9, "{:?}", &s[r]);
        }
    }

    #[test]
    fn wraps_at_spaces() {
        let s = "một hai ba bốn năm sáu";
        let lines: Vec<&str> = wrap(s, 8).into_iter().map(|r| &s[r]).collect();
        assert_eq!(lines, vec!["một hai", "ba bốn", "năm sáu"]);
        for l in &lines {
            assert!(width(l) <= 8);
        }
    }

    #[test]
    fn wraps_long_words() {
        let s = "abcdefghij";
        let lines: Vec<&str> = wrap(s, 4).into_iter().map(|r| &s[r]).collect();
        assert_eq!(lines, vec!["abcd", "efgh", "ij"]);
    }
}
