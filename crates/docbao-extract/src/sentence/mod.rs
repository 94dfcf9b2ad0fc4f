//! Sentences and word tokens, for the person and event finders.
//!
//! Text arrives cleaned (NFC, glued sentences mended). A sentence ends at `.`, `!`, `?` or `…`
//! (with any closing quotes or brackets) followed by a space and a capital, a digit or an
//! opening quote, unless the word before the stop is an abbreviation (`Mr.`, `Nov.`, `U.S.`,
//! an initial). Tokens are whitespace-separated words with their surrounding punctuation split
//! off; every range is on char boundaries, so slicing never panics on multi-byte text.

use crate::mend::is_abbreviation;
use std::ops::Range;

mod tokens;

pub use tokens::{Sentence, Tok, Trail};

/// Byte ranges of the sentences of `text`, trimmed, never empty.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    sentences_into(text, &mut out);
    out
}

/// [`sentences`] into a reusable buffer (cleared first).
pub fn sentences_into(text: &str, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut start = 0;
    let b = text.as_bytes();
    let ellipsis = crate::contains!(b, "…");
    let mut i = 0;
    while i < b.len() {
        // `.`, `!`, `?`, or `…` (E2 80 A6); everything else is skipped in bulk.
        if !ellipsis {
            match memchr::memchr3(b'.', b'!', b'?', &b[i..]) {
                Some(p) => i += p,
                None => break,
            }
        }
        let len = match b[i] {
            b'.' | b'!' | b'?' => 1,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let stop = i;
        let is_dot = b[i] == b'.';
        let mut end = i + len;
        // Take closing punctuation that belongs to this end.
        loop {
            let rest = &text[end..];
            match rest.chars().next() {
                Some(d @ ('”' | '"' | '’' | '\'' | ')' | ']' | '.' | '!' | '?' | '…')) => {
                    end += d.len_utf8()
                }
                _ => break,
            }
        }
        i = end;
        let rest = &text[end..];
        let Some(after_space) = rest.strip_prefix(char::is_whitespace) else {
            continue;
        };
        let next = after_space.trim_start().chars().next();
        let starts_anew = next.is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '“' | '"' | '(' | '[' | '‘' | '\'')
        });
        if !starts_anew {
            continue;
        }
        if is_dot && ends_no_sentence(word_before(text, stop)) {
            continue;
        }
        push_trimmed(out, text, start..end);
        start = end;
    }
    push_trimmed(out, text, start..text.len());
}

/// The word before a full stop makes it no sentence end: an abbreviation, an initial, a URL;
/// but a date or number (`4/11.`) does end one.
fn ends_no_sentence(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '“', '"', '[', '\'']);
    if !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.' | ','))
    {
        return false;
    }
    // A word of lower-case letters only (most words before a full stop) is no abbreviation in
    // the cleaning rules' list, which is checked for everything else.
    if w.bytes().all(|b| b.is_ascii_lowercase()) && w.len() > 4 {
        return false;
    }
    if !w.is_ascii() && !w.contains(['.', '/', '@']) && w.chars().count() > 1 {
        return false;
    }
    is_abbreviation(word)
}

fn word_before(text: &str, dot: usize) -> &str {
    let before = &text[..dot];
    let from = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &before[from..]
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    if let Some(t) = trimmed_quickly(text.as_bytes(), r.clone()) {
        out.push(t);
        return;
    }
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

/// The trimmed range of `r` when its bytes alone show it, else `None`: a sentence after the
/// first starts after one space (the one after the previous stop), then a character that is
/// no whitespace (ASCII but the space and `\t`–`\r`, a character led by a byte that leads no
/// Unicode space: not 0xC2, 0xE1, 0xE2, 0xE3, or `“` `‘`); it ends with an ASCII stop or mark, or `”` `’` `…`.
#[inline]
fn trimmed_quickly(b: &[u8], r: Range<usize>) -> Option<Range<usize>> {
    let s = b.get(r.clone())?;
    let lead = usize::from(s.first() == Some(&b' '));
    let first = *s.get(lead)?;
    let starts = first.is_ascii_graphic()
        || (first >= 0xC3 && !matches!(first, 0xE1..=0xE3))
        || (s
            .get(lead..lead + 3)
            .is_some_and(|q| q[0] == 0xE2 && q[1] == 0x80 && matches!(q[2], 0x9C | 0x98)));
    let n = s.len();
    let ends = s[n - 1].is_ascii_graphic()
        || (n >= 3 + lead && s[n - 3] == 0xE2 && s[n - 2] == 0x80 && matches!(s[n - 1], 0x9D | 0x99 | 0xA6));
    (starts && ends).then_some(r.start + lead..r.end)
}

pub use crate::text::chars::{is_alphabetic as is_letter, is_upper, lower as lower_char};

/// Whether a word after the first starts with a capital (after any opening quote or bracket):
/// a sentence without one names nobody the finder could take.
pub fn capital_after_first(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES << 7;
    // The high bit of each zero byte of `x`, exactly (no borrow crosses bytes).
    let zeros = |x: u64| !(((x & !HIGH) + !HIGH) | x | !HIGH);
    let eq = |x: u64, c: u8| zeros(x ^ (ONES * u64::from(c)));
    let b = text.as_bytes();
    // Eight bytes a step: the bytes right after a space, those of them that are ASCII capitals
    // (the answer), and those that need a closer look (non-ASCII, opening marks). Most
    // sentences answer within a few words, and those that do not cost no branch per space.
    let mut carry = 0;
    let mut i = 0;
    while let Some(&chunk) = b.get(i..i + 8).and_then(|c| <&[u8; 8]>::try_from(c).ok()) {
        let x = u64::from_le_bytes(chunk);
        let spaces = eq(x, b' ');
        let after = spaces << 8 | carry;
        carry = spaces >> 56;
        if after != 0 {
            let low = x & !HIGH;
            let capital =
                (low + ONES * (0x80 - u64::from(b'A'))) & !(low + ONES * (0x80 - u64::from(b'Z' + 1))) & !x;
            if after & capital & HIGH != 0 {
                return true;
            }
            let closer = x & HIGH | eq(x, b'(') | eq(x, b'"') | eq(x, b'[') | eq(x, b'\'');
            let mut m = after & closer;
            while m != 0 {
                // After a space, so on a char boundary.
                if capital_at(text, i + (m.trailing_zeros() / 8) as usize) {
                    return true;
                }
                m &= m - 1;
            }
        }
        i += 8;
    }
    // The rest, from the last byte read (a space there counts for the byte after it).
    let from = i.saturating_sub(1);
    b[from..]
        .iter()
        .enumerate()
        .any(|(k, &c)| c == b' ' && capital_at(text, from + k + 1))
}

/// Whether a sentence that holds a digit may name a date for the event finder
/// (`events::dates_in`): a necessary condition, cheap to test on the raw text, so that most
/// sentences with a number but no date (`3 người`, `100.000 đồng`) are not split into words
/// only to find nothing. Every form the finder takes needs one of:
/// - a day and month written with a separator (`4/11`, `15-17/3`, `1.3.2025`): a run of one or
///   two digits, then `/`, `-` or `.`, then another such run;
/// - a year (`năm 2024`, `in 2019`, `March 2020`): a run of exactly four digits;
/// - the word `tháng` (`ngày 5 tháng 3`), in any case: `á` or `Á`, then `n`/`N`, `g`/`G`;
/// - an English month name starting with a capital (`March 5`, `5 Mar.`): a run of ASCII
///   letters led by a capital that lowers to a month name or abbreviation (only ASCII letters,
///   and the Kelvin sign, lower to ASCII letters, and no month name holds a `k`).
pub fn may_hold_date(text: &str) -> bool {
    let b = text.as_bytes();
    // The end of the last run of one or two digits.
    let mut short_run_end = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let n = i - start;
            if n == 4 {
                return true;
            }
            if n <= 2 {
                let after_short_and_separator = start >= 1
                    && matches!(b[start - 1], b'/' | b'-' | b'.')
                    && short_run_end == Some(start - 1);
                if after_short_and_separator {
                    return true;
                }
                short_run_end = Some(i);
            }
            continue;
        }
        if c == 0xC3
            && matches!(b.get(i + 1), Some(0xA1 | 0x81))
            && matches!(b.get(i + 2), Some(b'n' | b'N'))
            && matches!(b.get(i + 3), Some(b'g' | b'G'))
        {
            return true;
        }
        if c.is_ascii_uppercase() && (i == 0 || !b[i - 1].is_ascii_alphabetic()) {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            if is_month_name(&b[start..i]) {
                return true;
            }
            continue;
        }
        i += 1;
    }
    false
}

/// An English month name or abbreviation (without its dot), in any case.
fn is_month_name(w: &[u8]) -> bool {
    const MONTHS: &[&[u8]] = &[
        b"january",
        b"february",
        b"march",
        b"april",
        b"may",
        b"june",
        b"july",
        b"august",
        b"september",
        b"october",
        b"november",
        b"december",
        b"jan",
        b"feb",
        b"mar",
        b"apr",
        b"jun",
        b"jul",
        b"aug",
        b"sep",
        b"sept",
        b"oct",
        b"nov",
        b"dec",
    ];
    (3..=9).contains(&w.len()) && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w))
}

/// Whether a capital starts the text at `i` (a char boundary, or the text's end), after any
/// opening punctuation (ASCII, or `“` `‘`).
fn capital_at(text: &str, mut i: usize) -> bool {
    let b = text.as_bytes();
    loop {
        match b.get(i) {
            Some(b'(' | b'"' | b'[' | b'\'') => i += 1,
            Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x98)) => i += 3,
            _ => break,
        }
    }
    match b.get(i) {
        Some(c) if c.is_ascii_uppercase() => true,
        // `i` follows ASCII bytes or a whole `“`, so it starts a character.
        Some(c) if *c >= 0x80 => text.get(i..).and_then(|t| t.chars().next()).is_some_and(is_upper),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::tokens::*;
    use super::*;

    #[test]
    #[allow(clippy::too_many_lines)] // a table of sentences with the verdict each must get
    fn sentences_ruled_out_by_may_hold_date_name_no_date() {
        use crate::events::{Collector, Span};
        use crate::Date;
        let events = |t: &str, published: &Date| {
            let mut c = Collector::new(published);
            c.sentence(&Sentence::new(t), Span::new(0, 0..t.len()));
            c.finish().len()
        };
        let dated = Date::parse("2025-03-10").unwrap_or(Date::Undated);
        for t in [
            "ngày 5 tháng 3",
            "Ngày 5 THÁNG 3 năm 2024",
            "sáng 4/11",
            "(15-17/3)",
            "năm 2019",
            "in 2019",
            "March 5, 2024",
            "5 Mar. 2024",
            "sáng 1.3.2025",
        ] {
            assert!(events(t, &dated) > 0, "{t:?}");
            assert!(may_hold_date(t), "{t:?}");
        }
        for t in [
            "Có 3 người",
            "giá 100.000 đồng",
            "tỷ lệ 1,5%",
            "lúc 10h30",
            "Marco 123",
        ] {
            assert!(!may_hold_date(t), "{t:?}");
        }
        // Random sentences of date-like words: the test is a necessary condition.
        let vocab = [
            "ngày",
            "Ngày",
            "mùng",
            "tháng",
            "Tháng",
            "THÁNG",
            "tHÁng",
            "năm",
            "Năm",
            "đến",
            "tới",
            "và",
            "sáng",
            "(",
            "-",
            ",",
            "5",
            "12",
            "31",
            "2024",
            "1999",
            "123",
            "4/11",
            "15-17/3",
            "10/2017",
            "1.3.2025",
            "3/12/2024",
            "100.000",
            "1,5",
            "10.2",
            "March",
            "MAR.",
            "Sept.",
            "may",
            "May",
            "in",
            "since",
            "5th",
            "Dec",
            "người",
            "4",
            "ok",
            "/",
            ".",
            "K",
            "Kelvin",
        ];
        let mut next = crate::text::test_rng(99);
        let mut dates = 0;
        for round in 0..20_000 {
            let len = 1 + round % 7;
            let words: Vec<&str> = (0..len)
                .map(|_| vocab[(next() % vocab.len() as u64) as usize])
                .collect();
            // Joined by spaces, and some words glued to their neighbours.
            let glue = if next().is_multiple_of(16) { "" } else { " " };
            let t = words.join(glue);
            for published in [&dated, &Date::Undated] {
                let n = events(&t, published);
                dates += n;
                if n > 0 {
                    assert!(may_hold_date(&t), "{t:?}");
                }
            }
        }
        assert!(dates > 1000);
    }

    /// The former byte-by-byte version.
    fn capital_after_first_reference(text: &str) -> bool {
        let b = text.as_bytes();
        for (space, _) in b.iter().enumerate().filter(|&(_, &c)| c == b' ') {
            let mut i = space + 1;
            loop {
                match b.get(i) {
                    Some(b'(' | b'"' | b'[' | b'\'') => i += 1,
                    Some(0xE2)
                        if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x98)) =>
                    {
                        i += 3
                    }
                    _ => break,
                }
            }
            match b.get(i) {
                Some(c) if c.is_ascii_uppercase() => return true,
                Some(c)
                    if *c >= 0x80 && text.get(i..).and_then(|t| t.chars().next()).is_some_and(is_upper) =>
                {
                    return true
                }
                _ => {}
            }
        }
        false
    }

    #[test]
    fn capital_after_first_agrees_with_the_byte_loop() {
        let pieces = [
            " ",
            "  ",
            "a",
            "ab",
            "A",
            "Z",
            "@",
            "[",
            "`",
            "{",
            "(",
            "\"",
            "'",
            "“",
            "‘",
            "”",
            "Đ",
            "đ",
            "Ả",
            "ả",
            "\u{7f}",
            "x.",
            "trưởng",
            "Bộ",
        ];
        let mut next = crate::text::test_rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..100_000 {
            let n = (next() % 24) as usize;
            let t: String = crate::text::test_mix(&mut next, &pieces, n);
            assert_eq!(
                capital_after_first(&t),
                capital_after_first_reference(&t),
                "{t:?}"
            );
        }
        for c in char::MIN..=char::MAX {
            for pad in ["", "abcdef", "abcdefg", "abcdefgh"] {
                let t = format!("{pad} {c}x");
                assert_eq!(
                    capital_after_first(&t),
                    capital_after_first_reference(&t),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn other_whitespace_is_any_whitespace_but_the_space() {
        for c in char::MIN..=char::MAX {
            for t in [
                format!("{c}"),
                format!("ab {c} ạ"),
                format!("{c}{c}"),
                format!("Ớ{c}x"),
            ] {
                let want = t.chars().any(|c| c.is_whitespace() && c != ' ');
                assert_eq!(other_whitespace(t.as_bytes()), want, "{t:?}");
            }
        }
    }

    #[test]
    fn plain_ends_only_where_nothing_is_split_off() {
        // The answer depends on a piece's first and last characters: every char in either
        // place, and alone.
        let plain = |raw: &str| {
            if plain_ends(raw.as_bytes()) {
                assert_eq!(punctuated(raw), Some((None, 0, raw, Trail::None)), "{raw:?}");
            }
        };
        for c in char::MIN..=char::MAX {
            plain(&format!("{c}"));
            plain(&format!("{c}ab"));
            plain(&format!("ab{c}"));
            plain(&format!("{c}ạ{c}"));
        }
        // And the usual words take the quick way.
        for w in ["trưởng", "Bộ", "đã", "2025", "ở", "Ông", "tỷ", "Nguyễn"] {
            assert!(plain_ends(w.as_bytes()), "{w}");
        }
        for w in ["“Bộ", "nói,", "x”", "(a", "«a", "a»", "a…"] {
            assert!(!plain_ends(w.as_bytes()), "{w}");
        }
    }

    /// The former char-by-char version of [`lower_into`] for non-ASCII words.
    fn lower_into_reference(core: &str) -> String {
        core.chars().map(lower_char).collect()
    }

    #[test]
    fn unchanged_by_lower_only_where_lower_keeps_the_character() {
        for c in char::MIN..=char::MAX {
            let mut buf = [0; 4];
            let e = c.encode_utf8(&mut buf);
            let n = unchanged_by_lower(e.as_bytes());
            if n > 0 {
                assert_eq!(n, c.len_utf8(), "{c:?}");
                assert_eq!(lower_char(c), c, "{c:?}");
            }
        }
        // The usual small letters of Vietnamese take the quick way.
        for c in "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
            .chars()
        {
            assert!(unchanged_by_lower(c.to_string().as_bytes()) > 0, "{c:?}");
        }
    }

    #[test]
    fn lower_into_agrees_with_lowering_each_char() {
        let pieces = [
            "A", "a", "Đ", "đ", "Ư", "ư", "Ơ", "ơ", "Ạ", "ạ", "Ẫ", "ẫ", "ẞ", "ß", "Ĺ", "ĺ", "İ", "ı", "Ⱥ",
            "Σ", "\u{300}", "\u{1E96}", "×", "÷", "ÿ", "Ÿ", "1", "-", ".", "Ω", "Ǆ", "ǅ", "ǆ",
        ];
        let mut next = crate::text::test_rng(0x5eed_1e55);
        let mut out = String::new();
        for _ in 0..50_000 {
            let n = 1 + (next() % 8) as usize;
            let w: String = crate::text::test_mix(&mut next, &pieces, n);
            out.clear();
            out.push_str("xy");
            let (a, z) = lower_into(&mut out, &w, w.is_ascii());
            assert_eq!(&out[a as usize..z as usize], lower_into_reference(&w), "{w:?}");
            assert_eq!(&out[..2], "xy");
        }
        for c in char::MIN..=char::MAX {
            let w = format!("{c}ạ{c}");
            out.clear();
            let (a, z) = lower_into(&mut out, &w, w.is_ascii());
            assert_eq!(&out[a as usize..z as usize], lower_into_reference(&w), "{w:?}");
        }
    }

    #[test]
    fn trimmed_quickly_agrees_with_trim() {
        let pieces = [
            " ", "  ", "a", "Ạ", ".", "”", "’", "…", "“", "‘", "\u{2019}", "\u{201d}", "\t", "\n", "\u{a0}",
            "\u{3000}", "\u{2003}", "\u{1680}", "\u{85}", "đ", "Đ", "ê", "x.", "\u{7f}", "\u{202f}",
        ];
        let mut next = crate::text::test_rng(0x7e1a_44ed);
        for _ in 0..100_000 {
            let n = (next() % 6) as usize;
            let t: String = crate::text::test_mix(&mut next, &pieces, n);
            let s = t.trim();
            let want = if s.is_empty() {
                None
            } else {
                let lead = t.len() - t.trim_start().len();
                Some(lead..lead + s.len())
            };
            if let Some(q) = trimmed_quickly(t.as_bytes(), 0..t.len()) {
                assert_eq!(Some(q), want, "{t:?}");
            }
        }
        for c in char::MIN..=char::MAX {
            for t in [
                format!(" {c}x."),
                format!(" x{c}"),
                format!("{c}"),
                format!(" {c}"),
            ] {
                let s = t.trim();
                let lead = t.len() - t.trim_start().len();
                if let Some(q) = trimmed_quickly(t.as_bytes(), 0..t.len()) {
                    assert!(!s.is_empty(), "{t:?}");
                    assert_eq!(q, lead..lead + s.len(), "{t:?}");
                }
            }
        }
        // Usual sentences take the quick way.
        for t in [" Ông nói.", "Bà Lan “đi”.", " “Tôi đi”…", "x"] {
            assert!(trimmed_quickly(t.as_bytes(), 0..t.len()).is_some(), "{t:?}");
        }
    }

    #[test]
    fn ascii_and_caps_agree_with_their_definition() {
        let pieces = [
            "", "a", "A", "ab", "aZ", "Za", "abc", "abC", "@[`{", "Đà", "ạ", "xÀ", "Ä",
        ];
        let mut words: Vec<String> = pieces.iter().map(|s| s.to_string()).collect();
        for n in 1..30 {
            for at in 0..n {
                for c in ['A', 'Z', '@', '[', '`', '{', 'é', 'ạ', '\u{7f}'] {
                    let mut w: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123".chars().take(n).collect();
                    w[at] = c;
                    words.push(w.into_iter().collect());
                }
            }
        }
        for w in &words {
            let (ascii, caps) = ascii_and_caps(w.as_bytes());
            assert_eq!(ascii, w.is_ascii(), "{w:?}");
            if ascii {
                assert_eq!(caps, w.bytes().any(|b| b.is_ascii_uppercase()), "{w:?}");
            }
        }
    }

    #[test]
    fn next_space_finds_the_first_space() {
        for n in 0..40 {
            for at in 0..=n {
                let mut b = vec![b'x'; n];
                if at < n {
                    b[at] = b' ';
                }
                for from in 0..=n {
                    let want = b[from..].iter().position(|&c| c == b' ').map_or(n, |p| from + p);
                    assert_eq!(next_space(&b, from), want, "{n} {at} {from}");
                }
                // Bytes one off a space around it.
                if at < n {
                    b.iter_mut().for_each(|c| *c = 0x21);
                    b[at] = b' ';
                    if at > 0 {
                        b[at - 1] = 0x1F;
                    }
                    assert_eq!(next_space(&b, 0), at);
                }
            }
        }
    }

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_sentences_not_abbreviations() {
        assert_eq!(
            split("Mr. Hegseth met U.S. troops. He left on Nov. 4, 2025. “Good,” he said."),
            vec![
                "Mr. Hegseth met U.S. troops.",
                "He left on Nov. 4, 2025.",
                "“Good,” he said."
            ]
        );
        assert_eq!(
            split("Tổng thống Ferdinand Marcos Jr. trình bày. Giá 28.500 đồng."),
            vec!["Tổng thống Ferdinand Marcos Jr. trình bày.", "Giá 28.500 đồng."]
        );
        assert_eq!(
            split("Ngày 4/11. 12 người đến."),
            vec!["Ngày 4/11.", "12 người đến."]
        );
    }

    #[test]
    fn tokens_carry_punctuation_and_case() {
        let s = Sentence::new("Bộ trưởng Ahn Gyu-back (phải) bắt tay ông Hegseth, tại “Seoul”.");
        let words: Vec<&str> = (0..s.len()).map(|i| s.word(i)).collect();
        assert_eq!(
            words,
            vec![
                "Bộ",
                "trưởng",
                "Ahn",
                "Gyu-back",
                "phải",
                "bắt",
                "tay",
                "ông",
                "Hegseth",
                "tại",
                "Seoul"
            ]
        );
        assert_eq!(s.low(0), "bộ");
        assert!(s.toks[2].cap && !s.toks[1].cap);
        assert!(s.joined(2) && !s.joined(3));
        assert_eq!(s.toks[4].open, Some('('));
        assert_eq!(s.toks[8].trail, Trail::Comma);
        assert_eq!(s.toks[10].trail, Trail::Stop);
    }

    #[test]
    fn keeps_dots_of_abbreviations() {
        let s = Sentence::new("U.S. Defense Secretary Lloyd J. Austin and Mr. Lee.");
        let words: Vec<&str> = (0..s.len()).map(|i| s.word(i)).collect();
        assert_eq!(
            words,
            vec![
                "U.S.",
                "Defense",
                "Secretary",
                "Lloyd",
                "J.",
                "Austin",
                "and",
                "Mr.",
                "Lee"
            ]
        );
        assert!(s.joined(3) && s.joined(4));
    }

    #[test]
    fn quick_letter_tests_agree_with_unicode() {
        let mut checked = 0;
        for u in 0..0x2000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?} U+{u:04X}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{u:04X}");
            let mut l = c.to_lowercase();
            let want = match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => c,
            };
            assert_eq!(lower_char(c), want, "{c:?} U+{u:04X}");
            checked += 1;
        }
        assert!(checked > 7000);
    }

    #[test]
    fn capitals_after_the_first_word() {
        assert!(capital_after_first("Theo ông Hùng, việc đã xong."));
        assert!(capital_after_first("Hôm nay (Thứ hai) trời mưa."));
        assert!(capital_after_first("Bà nói “Đúng” rồi."));
        assert!(!capital_after_first("Ông nói thêm rằng việc đã xong."));
        assert!(!capital_after_first("Một"));
        assert!(!capital_after_first(""));
    }

    #[test]
    fn any_whitespace_splits_words() {
        let s = Sentence::new("Ông\u{a0}Ahn\tnói\u{3000}rằng  có");
        let words: Vec<&str> = (0..s.len()).map(|i| s.word(i)).collect();
        assert_eq!(words, vec!["Ông", "Ahn", "nói", "rằng", "có"]);
        assert!(!other_whitespace("Thủ tướng “Ạ” … – x".as_bytes()));
        // Every character, alone, between letters and at either end of a long text (which
        // the search passes over in runs).
        let long = "ạ".repeat(40);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want = c.is_whitespace() && c != ' ';
            for t in [format!("a{c}b"), format!("{c}{long}"), format!("{long}{c}")] {
                assert_eq!(other_whitespace(t.as_bytes()), want, "{c:?}");
            }
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in ["", "...", "( “ ) –", "ạ. Ạ", "a.\u{300}B", "x . . y"] {
            let _ = sentences(t);
            let s = Sentence::new(t);
            for i in 0..s.len() + 2 {
                let _ = (s.word(i), s.low(i), s.joined(i));
            }
        }
    }
}
