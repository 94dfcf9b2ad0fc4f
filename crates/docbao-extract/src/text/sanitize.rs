//! Turning untrusted text into text that is safe to show and search: one line-end convention,
//! NFC, no control characters, terminal escape sequences or invisible format characters.

use super::chars::find_byte;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Text after [`normalize`], with counts of what was changed (for problem reports).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// Escape sequences and control characters that were removed.
    pub controls_removed: usize,
    /// The lines (1-based; LF, CRLF and CR each end one) they were removed from, the first
    /// [`MAX_LINES_TOLD`] of them, for reports that point at the line.
    pub control_lines: Vec<usize>,
    /// The text was not in NFC before.
    pub was_not_nfc: bool,
}

/// At most this many lines are kept in [`Normalized::control_lines`].
pub const MAX_LINES_TOLD: usize = 8;

/// Normalises decoded text: drops a BOM, turns CRLF and CR into LF, tabs into spaces, removes
/// terminal escape sequences (CSI, OSC, others), C0/C1 controls, bidi overrides and the
/// invisible format characters of [`is_format`], and composes to NFC.
pub fn normalize(input: &str) -> Normalized {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if let Some(simple) = unchanged(input) {
        // The common case: nothing to remove, only the NFC check.
        return finish(input.to_string(), Vec::new(), 0, simple);
    }
    normalize_unplain(input)
}

/// [`normalize`] of an owned string, which is kept (not copied) when there is nothing to do.
pub fn normalize_owned(input: String) -> Normalized {
    if !input.starts_with('\u{feff}') {
        if let Some(simple) = unchanged(&input) {
            return finish(input, Vec::new(), 0, simple);
        }
    }
    normalize(&input)
}

/// Whether [`normalize_unplain`] would leave `s` as it is (then `Some`, holding whether `s` is
/// only [`is_nfc_starter`] characters). The bytes tell for controls and the common format
/// characters ([`is_plain`]); the rare format characters are past U+0600, so only text that
/// is not all ASCII, Vietnamese letters and common punctuation is looked at a character at a
/// time for them.
fn unchanged(s: &str) -> Option<bool> {
    if !is_plain(s.as_bytes()) {
        return None;
    }
    let simple = only_nfc_starters(s.as_bytes());
    (simple || !s.chars().any(is_format)).then_some(simple)
}

fn normalize_unplain(input: &str) -> Normalized {
    let mut out = String::with_capacity(input.len());
    let mut removed = 0usize;
    let (mut line, mut lines) = (1usize, Vec::new());
    let mut note = |line: usize| {
        if lines.len() < MAX_LINES_TOLD && lines.last() != Some(&line) {
            lines.push(line);
        }
    };
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                line += 1;
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                line += 1;
            }
            '\t' => out.push(' '),
            '\u{1b}' => {
                removed += 1;
                note(line);
                line += skip_escape(&mut chars);
            }
            '\u{feff}' => {}
            c if is_unsafe(c) => {
                removed += 1;
                note(line);
            }
            // Invisible: removed without a report, as a browser shows the text.
            c if is_format(c) => {}
            c => out.push(c),
        }
    }
    let simple = only_nfc_starters(out.as_bytes());
    finish(out, lines, removed, simple)
}

/// `simple`: `out` is only [`is_nfc_starter`] characters (so NFC).
fn finish(out: String, control_lines: Vec<usize>, removed: usize, simple: bool) -> Normalized {
    // ASCII is always NFC; only look closer when there is more.
    let was_not_nfc = !simple && !matches!(is_nfc_quick(out.chars()), IsNormalized::Yes);
    let text = if was_not_nfc { out.nfc().collect() } else { out };
    Normalized {
        text,
        controls_removed: removed,
        control_lines,
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
/// control (`C2 80`-`C2 9F`), no soft hyphen (`C2 AD`), no zero-width space, joiner or mark
/// (`E2 80 8B`-`8F`), no bidi override (`E2 80 AA`-`AE`), no word joiner, invisible operator or
/// bidi isolate (`E2 81 A0`-`A4`, `A6`-`AF`), no BOM, no interlinear annotation mark
/// (`EF BF B9`-`BB`). The other format characters of [`is_format`] are not looked for here.
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
        b.get(i + 1).is_some_and(|n| matches!(n, 0x80..=0x9F | 0xAD))
    } else if c == 0xE2 {
        matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0x8B..=0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA0..=0xA4 | 0xA6..=0xAF))
        )
    } else {
        c == 0xEF
            && matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xB9..=0xBB))
            )
    }
}

/// Characters never written to a terminal: C0 and C1 controls (but newline), DEL, and the
/// bidirectional overrides that can disguise text.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Invisible format characters (Unicode category Cf): soft hyphen, zero-width space, ZWNJ, ZWJ,
/// LRM/RLM and the other bidi marks, word joiner, invisible operators, BOM, tags and the like.
/// Terminals and `unicode-width` disagree on their widths (the screen keeps stale glyphs), and
/// they split words for search, so text keeps none of them. ZWJ goes too, also inside emoji
/// sequences: a family then shows as its members, each with a width everyone agrees on. Not
/// included: the prepended number signs (U+0600–U+0605, U+06DD, U+070F, U+0890–U+0891,
/// U+08E2, U+110BD, U+110CD), which are Cf but visible.
pub fn is_format(c: char) -> bool {
    if c < '\u{ad}' {
        return false;
    }
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// Removes anything unsafe from a short string (a file name, a metadata value) for display.
/// File names keep their format characters: the name must still open the file.
pub fn sanitize_line(s: &str) -> String {
    one_line_keeping(s, |c| !is_unsafe(c))
}

/// [`sanitize_line`] that also removes the invisible format characters of [`is_format`], as
/// [`normalize`] does in article text: for metadata values and queries, which are shown and
/// matched against that text.
pub fn sanitize_text(s: &str) -> String {
    one_line_keeping(s, |c| !is_unsafe(c) && !is_format(c))
}

/// `s` on one line (newlines and tabs become spaces), with only the chars `keep` accepts.
fn one_line_keeping(s: &str, keep: impl Fn(char) -> bool) -> String {
    s.chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .filter(|&c| keep(c))
        .collect()
}

/// Skips the escape sequence after an ESC; returns how many line ends it swallowed (a
/// broken sequence can run over lines), so lines are still counted right after it.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> usize {
    let mut ends = 0;
    let mut line_end = |c: char, next: Option<&char>| {
        if c == '\n' || (c == '\r' && next != Some(&'\n')) {
            ends += 1;
        }
    };
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            // CSI: parameters and intermediates, then one final byte in @..~
            while let Some(c) = chars.next() {
                if ('@'..='~').contains(&c) {
                    break;
                }
                line_end(c, chars.peek());
            }
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            // OSC / DCS / SOS / PM / APC: up to BEL or ST (ESC \)
            while let Some(c) = chars.next() {
                line_end(c, chars.peek());
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
        Some(c) => {
            chars.next();
            line_end(c, chars.peek());
        }
        None => {}
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_controls_were_removed_from_are_told() {
        let n = normalize("một\nhai \u{1b}[31mđỏ\u{1b}[0m\r\nba\rbốn\u{7}\n\u{1b}]0;x\ny\u{7}năm \u{0}");
        assert_eq!(n.controls_removed, 5);
        // ESC sequences on line 2, BEL on line 4, an OSC running from line 5 over a line end,
        // NUL on line 6.
        assert_eq!(n.control_lines, vec![2, 4, 5, 6]);
        let many = "\u{7}\n".repeat(20);
        assert_eq!(
            normalize(&many).control_lines,
            (1..=MAX_LINES_TOLD).collect::<Vec<_>>()
        );
        assert!(normalize("sạch\n").control_lines.is_empty());
    }

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
            let t: String = crate::text::test_mix(&mut next, &pieces, n);
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
        let pieces: [&[u8]; 23] = [
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
            "\u{ad}".as_bytes(),
            "\u{200b}".as_bytes(),
            "\u{200f}".as_bytes(),
            "\u{2060}".as_bytes(),
            "\u{206f}".as_bytes(),
            "\u{fffb}".as_bytes(),
            "\u{2010}".as_bytes(),
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
                .flat_map(|_| pieces[(next() % 23) as usize].iter().copied())
                .collect();
            assert_eq!(is_plain(&t), is_plain_reference(&t), "{t:?}");
        }
    }

    #[test]
    fn removes_every_invisible_format_character() {
        for c in [
            '\u{ad}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{2060}',
            '\u{2062}',
            '\u{206f}',
            '\u{feff}',
            '\u{61c}',
            '\u{180e}',
            '\u{fffa}',
            '\u{1d173}',
            '\u{e0001}',
            '\u{e0067}',
        ] {
            let n = normalize(&format!("kiến {c}{c}thức\n{c}"));
            assert_eq!(n.text, "kiến thức\n", "{c:?}");
            // Invisible, not dangerous: not reported.
            assert_eq!(n.controls_removed, 0, "{c:?}");
            assert_eq!(
                normalize_owned(format!("Vie\u{302}\u{323}t{c}")).text,
                "Việt",
                "{c:?}"
            );
        }
        // An emoji family becomes its members.
        assert_eq!(normalize("👨\u{200d}👩\u{200d}👧\u{200d}👦").text, "👨👩👧👦");
        // Visible marks stay: variation selectors, combining marks, the Arabic number sign.
        for s in ["™\u{fe0f}", "a\u{301}", "\u{600}١٢"] {
            assert_eq!(normalize(s).text, s.nfc().collect::<String>(), "{s:?}");
        }
    }

    // Category Cf of Unicode 15, from its data files.
    const CF: &[(u32, u32)] = &[
        (0xAD, 0xAD),
        (0x600, 0x605),
        (0x61C, 0x61C),
        (0x6DD, 0x6DD),
        (0x70F, 0x70F),
        (0x890, 0x891),
        (0x8E2, 0x8E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];

    #[test]
    fn format_characters_are_cf_but_the_visible_number_signs() {
        let visible = [
            0x600..=0x605,
            0x6DD..=0x6DD,
            0x70F..=0x70F,
            0x890..=0x891,
            0x8E2..=0x8E2,
        ];
        let visible = |u: u32| visible.iter().any(|r| r.contains(&u)) || u == 0x110BD || u == 0x110CD;
        for c in char::MIN..=char::MAX {
            let u = c as u32;
            let cf = CF.iter().any(|&(a, b)| (a..=b).contains(&u));
            assert_eq!(is_format(c), cf && !visible(u), "{c:?}");
        }
    }

    // The plain definition: every character through the loop that removes and rewrites.
    fn normalize_reference(s: &str) -> Normalized {
        normalize_unplain(s.strip_prefix('\u{feff}').unwrap_or(s))
    }

    #[test]
    fn fast_path_agrees_with_the_character_loop() {
        for c in char::MIN..=char::MAX {
            for s in [format!("a{c}b"), format!("Việt{c}"), c.to_string()] {
                assert_eq!(normalize(&s), normalize_reference(&s), "{s:?}");
                assert_eq!(normalize_owned(s.clone()), normalize_reference(&s), "{s:?}");
            }
        }
        let pieces = [
            "a",
            "Việt",
            "\u{ad}",
            "\u{200b}",
            "\u{200d}",
            "\u{2060}",
            "\u{180e}",
            "\u{e0067}",
            "日本",
            "😀",
            "\u{feff}",
            "\u{1b}[1m",
            "\r\n",
            "“”",
            "\u{fffa}",
            "\u{600}",
        ];
        let mut next = crate::text::test_rng(0x5851_f42d_4c95_7f2du64);
        for _ in 0..100_000 {
            let n = (next() % 20) as usize;
            let t: String = crate::text::test_mix(&mut next, &pieces, n);
            assert_eq!(normalize(&t), normalize_reference(&t), "{t:?}");
        }
    }

    #[test]
    fn sanitized_text_has_no_format_characters_but_file_names_keep_them() {
        assert_eq!(
            sanitize_text("Zero\u{200b}width\u{200d}\u{2060}joiner\tvà"),
            "Zerowidthjoiner và"
        );
        assert_eq!(sanitize_line("a\u{200d}b.txt"), "a\u{200d}b.txt");
    }

    #[test]
    fn bom_and_cr() {
        assert_eq!(normalize("\u{feff}a\rb\tc").text, "a\nb c");
    }
}
