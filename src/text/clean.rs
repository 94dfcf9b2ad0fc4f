//! Turning untrusted text into text that is safe to show and search: one line-end convention,
//! NFC, no control characters or terminal escape sequences.

use super::chars::find_byte;
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
        !only_nfc_starters(out.as_bytes()) && !matches!(is_nfc_quick(out.chars()), IsNormalized::Yes);
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
#[cfg(test)]
fn is_nfc_starter(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF | 0x2010..=0x2027)
}

/// Every character of the UTF-8 text `b` is one that [`is_nfc_starter`] takes, tested on the
/// bytes: past ASCII and the two-byte sequences up to U+02FF (lead bytes below CC, and every
/// continuation byte, pass), only `E1 B8..BB` (U+1E00–U+1EFF) and `E2 80 90..A7`
/// (U+2010–U+2027) may start a character. 32 bytes a step, in vector compares.
fn only_nfc_starters(b: &[u8]) -> bool {
    #[inline]
    fn bad(x: u8, y: u8, z: u8) -> bool {
        let latin = (x == 0xE1) & (y.wrapping_sub(0xB8) < 4);
        let punct = (x == 0xE2) & (y == 0x80) & (z.wrapping_sub(0x90) < 0x18);
        (x >= 0xCC) & !(latin | punct)
    }
    let mut i = 0;
    while let Some(Ok(w)) = b.get(i..i + 34).map(<&[u8; 34]>::try_from) {
        let mut any = 0u8;
        for k in 0..32 {
            any |= bad(w[k], w[k + 1], w[k + 2]) as u8;
        }
        if any != 0 {
            return false;
        }
        i += 32;
    }
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    (i..b.len()).all(|k| !bad(b[k], at(k + 1), at(k + 2)))
}

/// No byte that `normalize` would change: no control byte but newline, no CR, tab or DEL, no C1
/// control (`C2 80`-`C2 9F`), no bidi override (`E2 80 AA`-`AE`, `E2 81 A6`-`A9`), no BOM.
fn is_plain(b: &[u8]) -> bool {
    // Only control bytes and the lead bytes C2, E2 and EF can start something to change.
    let maybe = |c: u8| (c < 0x20) & (c != b'\n') | (c == 0x7f) | (c == 0xC2) | (c == 0xE2) | (c == 0xEF);
    let mut from = 0;
    while let Some(i) = find_byte(b, from, maybe) {
        if changes_at(b, i) {
            return false;
        }
        from = i + 1;
    }
    true
}

/// Whether `normalize` changes what starts at byte `i` (see [`is_plain`]).
#[inline]
fn changes_at(b: &[u8], i: usize) -> bool {
    let c = b[i];
    if c < 0x20 {
        c != b'\n'
    } else if c == 0x7f {
        true
    } else if c == 0xC2 {
        b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n))
    } else if c == 0xE2 {
        matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        )
    } else {
        c == 0xEF && b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF)
    }
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
    fn byte_test_of_starters_agrees_with_the_char_test() {
        let pieces = [
            "a",
            "Việt",
            "ạ",
            "Ỹ",
            "ỹ",
            "ẞ",
            "\u{1e00}",
            "\u{1eff}",
            "\u{1f00}",
            "\u{1dff}",
            "\u{2010}",
            "\u{2027}",
            "\u{2028}",
            "\u{200f}",
            "“”…–",
            "\u{2ff}",
            "\u{300}",
            "\u{301}",
            "\u{37f}",
            "\u{e0}",
            "日本",
            "😀",
            "ǅ",
            "0123456789abcdefghijklmnopqrstuv",
        ];
        let mut next = crate::text::test_rng(0x9e37_79b9_7f4a_7c15u64);
        for _ in 0..100_000 {
            let n = (next() % 30) as usize;
            let t: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(
                only_nfc_starters(t.as_bytes()),
                t.chars().all(is_nfc_starter),
                "{t:?}"
            );
        }
        for c in char::MIN..=char::MAX {
            let s = c.to_string();
            assert_eq!(only_nfc_starters(s.as_bytes()), is_nfc_starter(c), "{c:?}");
        }
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

    // Every byte looked at, without the search for the bytes that can start a change.
    fn is_plain_reference(b: &[u8]) -> bool {
        (0..b.len()).all(|i| !changes_at(b, i))
    }

    #[test]
    fn plain_agrees_with_the_byte_by_byte_version() {
        let pieces: [&[u8]; 16] = [
            b"a",
            b"\n",
            b"\t",
            b"\x7f",
            "Việt".as_bytes(),
            "\u{85}".as_bytes(),
            "\u{a0}".as_bytes(),
            "\u{202a}".as_bytes(),
            "\u{202f}".as_bytes(),
            "\u{2066}".as_bytes(),
            "\u{2069}".as_bytes(),
            "“”…".as_bytes(),
            "\u{feff}".as_bytes(),
            "\u{fffd}".as_bytes(),
            b"0123456789abcdefghij",
            b"\xE2",
        ];
        let mut next = crate::text::test_rng(0x2545_f491_4f6c_dd1du64);
        for _ in 0..100_000 {
            let n = (next() % 40) as usize;
            let t: Vec<u8> = (0..n)
                .flat_map(|_| pieces[(next() % 16) as usize].iter().copied())
                .collect();
            assert_eq!(is_plain(&t), is_plain_reference(&t), "{t:?}");
        }
    }

    #[test]
    fn bom_and_cr() {
        assert_eq!(normalize("\u{feff}a\rb\tc").text, "a\nb c");
    }
}
