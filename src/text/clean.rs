//! Turning untrusted text into text that is safe to show and search: one line-end convention,
//! NFC, no control characters or terminal escape sequences.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Text after [`normalize`], with counts of what was changed (for problem reports).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// Escape sequences and control characters that were removed.
    pub controls_removed: usize,
    /// The text was not in NFC before.
    pub was_not_nfc: bool,
}

/// Normalises decoded text: drops a BOM, turns CRLF and CR into LF, tabs into spaces, removes
/// terminal escape sequences (CSI, OSC, others), C0/C1 controls and bidi overrides, and
/// composes to NFC.
pub fn normalize(input: &str) -> Normalized {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if is_plain(input.as_bytes()) {
        // The common case: nothing to remove, only the NFC check.
        return finish(input.to_string(), 0);
    }
    normalize_unplain(input)
}

/// [`normalize`] of an owned string, which is kept (not copied) when there is nothing to do.
pub fn normalize_owned(input: String) -> Normalized {
    if !input.starts_with('\u{feff}') && is_plain(input.as_bytes()) {
        return finish(input, 0);
    }
    normalize(&input)
}

fn normalize_unplain(input: &str) -> Normalized {
    let mut out = String::with_capacity(input.len());
    let mut removed = 0usize;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' => out.push(' '),
            '\u{1b}' => {
                removed += 1;
                skip_escape(&mut chars);
            }
            '\u{feff}' => {}
            c if is_unsafe(c) => removed += 1,
            c => out.push(c),
        }
    }
    finish(out, removed)
}

fn finish(out: String, removed: usize) -> Normalized {
    // ASCII is always NFC; only look closer when there is more.
    let was_not_nfc =
        !out.chars().all(is_nfc_starter) && !matches!(is_nfc_quick(out.chars()), IsNormalized::Yes);
    let text = if was_not_nfc { out.nfc().collect() } else { out };
    Normalized {
        text,
        controls_removed: removed,
        was_not_nfc,
    }
}

/// A character that is a starter (canonical combining class 0) and NFC by itself (quick check
/// Yes): text of only these is NFC, and `is_nfc_quick` says so. These ranges hold ASCII, every
/// Vietnamese letter and the common punctuation; the tests check each of their characters.
#[inline]
fn is_nfc_starter(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF | 0x2010..=0x2027)
}

/// No byte that `normalize` would change: no control byte but newline, no CR, tab or DEL, no C1
/// control (`C2 80`-`C2 9F`), no bidi override (`E2 80 AA`-`AE`, `E2 81 A6`-`A9`), no BOM.
fn is_plain(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x20 {
            if c != b'\n' {
                return false;
            }
        } else if c == 0x7f {
            return false;
        } else if c == 0xC2 {
            if b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)) {
                return false;
            }
        } else if c == 0xE2 {
            match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(x)) if (0xAA..=0xAE).contains(x) => return false,
                (Some(0x81), Some(x)) if (0xA6..=0xA9).contains(x) => return false,
                _ => {}
            }
        } else if c == 0xEF && b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF) {
            return false;
        }
        i += 1;
    }
    true
}

/// Characters never written to a terminal: C0 and C1 controls (but newline), DEL, and the
/// bidirectional overrides that can disguise text.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Removes anything unsafe from a short string (a file name, a metadata value) for display.
pub fn sanitize_line(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .filter(|c| !is_unsafe(*c))
        .collect()
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            // CSI: parameters and intermediates, then one final byte in @..~
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            // OSC / DCS / SOS / PM / APC: up to BEL or ST (ESC \)
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes_and_controls() {
        let n = normalize("a\u{1b}]0;title\u{7}b\u{1b}[2Jc\u{0}d\u{9b}e\r\nf");
        assert_eq!(n.text, "abcde\nf");
        assert_eq!(n.controls_removed, 4);
    }

    #[test]
    fn composes_nfd() {
        let nfd = "Vie\u{302}\u{323}t Nam";
        let n = normalize(nfd);
        assert_eq!(n.text, "Việt Nam");
        assert!(n.was_not_nfc);
    }

    #[test]
    fn quick_nfc_starters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        let mut n = 0;
        for c in (char::MIN..=char::MAX).filter(|c| is_nfc_starter(*c)) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(
                matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes),
                "{c:?}"
            );
            n += 1;
        }
        assert!(n > 1000);
    }

    #[test]
    fn owned_and_borrowed_agree() {
        for s in [
            "",
            "abc",
            "\u{feff}a\r\nb",
            "Vie\u{302}\u{323}t",
            "Việt\u{1b}[2J",
            "\u{feff}",
        ] {
            assert_eq!(normalize_owned(s.to_string()), normalize(s), "{s:?}");
        }
    }

    #[test]
    fn bom_and_cr() {
        assert_eq!(normalize("\u{feff}a\rb\tc").text, "a\nb c");
    }
}
