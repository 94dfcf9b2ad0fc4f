//! Mending scraped text: glued sentences, end-of-article marks, credits and page furniture.

use crate::text::chars::{find_byte, is_alphabetic as is_letter, is_alphanumeric, is_upper};
use std::borrow::Cow;

/// Abbreviations after which a full stop does not end a sentence (compared lowercase).
const ABBREVIATIONS: &[&str] = &[
    "tp", "ths", "th", "ts", "gs", "pgs", "bs", "ks", "ls", "nxb", "mr", "mrs", "ms", "dr", "st", "jr", "sr",
    "co", "inc", "ltd", "vs", "no", "q", "p", "tx", "tt", "h", "x", "gen", "lt", "col", "sgt", "capt", "gov",
    "sen", "rep", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "e.g", "i.e", "etc",
];

fn is_upper_start(c: char) -> bool {
    is_upper(c) || c == '“' || c == '"'
}

/// True when `token` (a word just before a full stop) is an abbreviation, a URL or an
/// address, so the stop must not be taken as a sentence end.
pub fn is_abbreviation(token: &str) -> bool {
    let t = token.trim_start_matches(['(', '“', '"', '[', '\'']);
    if t.contains("://") || t.starts_with("www") || t.contains('@') || t.contains('/') {
        return true;
    }
    // Most words are ASCII: compared without a lowercased copy.
    let listed = if t.is_ascii() {
        ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(t))
    } else {
        ABBREVIATIONS.contains(&t.to_lowercase().as_str())
    };
    if listed {
        return true;
    }
    // Initials and dotted abbreviations: "J", "U.S", "TP.HCM"-style chains of short parts.
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // An initial (J. Smith), but not a Roman numeral ending a sentence (quý I.).
        return c.is_uppercase() && !matches!(c, 'I' | 'V' | 'X');
    }
    t.contains('.') && t.split('.').all(|p| p.chars().count() <= 3)
}

/// Puts a space after a sentence end glued to the next sentence (`Nội.Tại` → `Nội. Tại`),
/// leaving numbers (`28.500`), abbreviations (`TP.HCM`) and URLs alone.
pub fn mend_glued(s: &str) -> String {
    mend_glued_cow(s).into_owned()
}

/// [`mend_glued`], borrowing the text when nothing is glued.
pub fn mend_glued_cow(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out = String::new();
    // Bytes of `s` already copied to `out`.
    let mut copied = 0;
    // Start of the current whitespace-delimited token (or of what follows an added space), and
    // how far whitespace has been looked for.
    let mut word_start = 0;
    let mut scanned = 0;
    let mut i = 0;
    // Candidates: `.`, `!`, `?`, `;`, `"` or `”` (E2 80 9D), then a capital or a quote.
    let maybe = |c: u8| (c == b'.') | (c == b'!') | (c == b'?') | (c == b';') | (c == b'"') | (c == 0xE2);
    while let Some(at) = find_byte(b, i, maybe) {
        i = at;
        let len = match b[i] {
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x9D) => 3,
            0xE2 => {
                i += 1;
                continue;
            }
            _ => 1,
        };
        let at = i;
        i += len;
        let rest = &s[i..];
        let Some(next) = rest.chars().next() else { break };
        if !is_upper_start(next) {
            continue;
        }
        let c = if len == 1 { b[at] as char } else { '”' };
        let prev = s[..at].chars().next_back();
        let ends = match c {
            '.' | '!' | '?' | ';' => {
                let prev = prev.unwrap_or(' ');
                prev.is_alphanumeric() || matches!(prev, ')' | '"' | '”')
            }
            _ => matches!(prev, Some('.' | '!' | '?')),
        };
        if !ends {
            continue;
        }
        // The token runs from after the last whitespace before the stop: looked for from the
        // stop back, which reads the token instead of all the text since the last candidate.
        let from = scanned.max(word_start);
        if let Some((j, w)) = s[from..at].char_indices().rev().find(|(_, w)| w.is_whitespace()) {
            word_start = from + j + w.len_utf8();
        }
        scanned = at;
        let token = &s[word_start..at];
        // After a dotted chain (`TP.HCM.Cuộc`), a capitalised lowercase word starts a sentence.
        let chain_then_word = token.contains('.') && !token.contains('/') && next_is_plain_word(rest);
        if c == '.' && is_abbreviation(token) && !chain_then_word {
            continue;
        }
        if c == '.' && upper_word(token) && next_is_upper_word(rest) {
            // TP.HCM, UBND.TP: an acronym chain, not two sentences.
            continue;
        }
        if out.is_empty() {
            out.reserve(s.len() + 8);
        }
        out.push_str(&s[copied..i]);
        out.push(' ');
        copied = i;
        word_start = i;
    }
    if copied == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// A cheap test: is there any `.`, `!`, `?`, `;` or closing quote directly followed by a
/// non-ASCII byte or an ASCII capital or quote? Only then is the character-level pass needed.
#[cfg(test)]
fn might_be_glued(b: &[u8]) -> bool {
    b.windows(2).any(|w| {
        matches!(w[0], b'.' | b'!' | b'?' | b';' | b'"' | 0x9D)
            && (w[1] >= 0x80 || w[1].is_ascii_uppercase() || w[1] == b'"')
    })
}

fn upper_word(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| is_letter(*c)).peekable();
    letters.peek().is_some() && letters.all(is_upper)
}

/// `Cuộc`, `Army`: a capital followed by lowercase letters.
fn next_is_plain_word(rest: &str) -> bool {
    let mut word = rest.chars().take_while(|c| is_letter(*c));
    let Some(first) = word.next() else { return false };
    let mut n = 1;
    for c in word {
        if !c.is_lowercase() {
            return false;
        }
        n += 1;
    }
    n >= 2 && is_upper(first)
}

fn next_is_upper_word(rest: &str) -> bool {
    let word_end = rest
        .char_indices()
        .find(|(_, c)| !is_alphanumeric(*c))
        .map_or(rest.len(), |(j, _)| j);
    let word = &rest[..word_end];
    word.chars().nth(1).is_some() && upper_word(word)
}

/// Removes a trailing `./.` end-of-article mark.
pub fn strip_end_mark(s: &str) -> &str {
    let t = s.trim_end();
    match t.strip_suffix("./.") {
        // keep the full stop, drop the mark
        Some(x) => &t[..x.trim_end().len() + usize::from(!x.trim_end().ends_with(['.', '!', '?']))],
        None => t,
    }
}

/// Collapses runs of spaces and trims.
pub fn squeeze(s: &str) -> String {
    if is_squeezed(s.as_bytes()) {
        return s.to_string();
    }
    squeeze_words(s)
}

/// [`squeeze`] of an owned string: kept as it is when there is nothing to do.
pub fn squeeze_owned(s: String) -> String {
    if is_squeezed(s.as_bytes()) {
        return s;
    }
    squeeze_words(&s)
}

fn squeeze_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Nothing for [`squeeze`] to do: no ASCII whitespace at either end, no two in a row, no
/// control whitespace, none of the common Unicode spaces (U+00A0, U+2000, U+2002, U+2003,
/// U+202F, U+205F, U+3000). One pass over the bytes.
fn is_squeezed(b: &[u8]) -> bool {
    if b.first().is_some_and(u8::is_ascii_whitespace) || b.last().is_some_and(u8::is_ascii_whitespace) {
        return false;
    }
    // Two spaces in a row (any other ASCII whitespace is a control, caught below).
    if crate::contains!(b, "  ") {
        return false;
    }
    let maybe = |c: u8| (c.wrapping_sub(b'\t') < 5) | (c == 0xC2) | (c == 0xE2) | (c == 0xE3);
    let mut from = 0;
    while let Some(i) = find_byte(b, from, maybe) {
        match b[i] {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            0xC2 if b.get(i + 1) == Some(&0xA0) => return false,
            0xE2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0x80 | 0x82 | 0x83 | 0xAF)) | (Some(0x81), Some(0x9F)) => return false,
                _ => {}
            },
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => return false,
            _ => {}
        }
        from = i + 1;
    }
    true
}

/// A photo credit standing at the end of a line: `... (Ảnh: Reuters)`, `... [Ảnh: AFP = Yonhap]`,
/// `... [Reuters]`. Returns (text before, credit without brackets).
pub fn split_credit(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end();
    let (open, close) = if t.ends_with(')') {
        ('(', ')')
    } else if t.ends_with(']') {
        ('[', ']')
    } else {
        return None;
    };
    let start = t.rfind(open)?;
    let inner = t[start + 1..t.len() - close.len_utf8()].trim();
    let before = t[..start].trim_end();
    if inner.is_empty() || inner.chars().count() > 60 {
        return None;
    }
    let lower = inner.to_lowercase();
    let cue = [
        "ảnh",
        "photo",
        "hình",
        "nguồn ảnh",
        "video",
        "đồ họa",
        "đồ hoạ",
        "graphic",
    ]
    .iter()
    .any(|c| lower.starts_with(c));
    let agency = close == ']' && looks_like_agency(inner);
    if cue || agency {
        Some((before, inner))
    } else {
        None
    }
}

/// `Reuters`, `Getty = Kyodo`, `AFP/TTXVN`: a few capitalised words, no sentence.
fn looks_like_agency(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !matches!(*w, "=" | "/" | "-" | "&"))
        .collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && !s.ends_with('.')
}

/// A line that is only a credit: `Photo : YONHAP News`, `Ảnh: TTXVN`, `Nguồn ảnh: AFP`.
pub fn is_credit_line(line: &str) -> bool {
    let t = line.trim();
    // Every cue starts with p, ả, n or h, which only these lower to.
    if !t.starts_with(['p', 'P', 'ả', 'Ả', 'n', 'N', 'h', 'H']) || !chars_at_most(t, 60) {
        return false;
    }
    starts_with_credit_cue(&t.to_lowercase())
}

/// A lowercased, trimmed line that is a credit cue alone or followed by `:`.
fn starts_with_credit_cue(lower: &str) -> bool {
    [
        "photo",
        "ảnh",
        "nguồn ảnh",
        "hình ảnh",
        "ảnh minh họa",
        "ảnh minh hoạ",
    ]
    .iter()
    .any(|cue| {
        lower.strip_prefix(cue).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with(':') || rest.is_empty()
        })
    })
}

/// `s.chars().count() <= n`, without counting when the length in bytes settles it.
#[inline]
pub fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= 4 * n && s.chars().count() <= n)
}

/// Scraped page furniture: comment boxes, share prompts. Never article text.
pub fn is_furniture(line: &str) -> bool {
    // Furniture lines are short; paragraphs are not worth lowercasing.
    if line.len() > 200 {
        return false;
    }
    // Every pattern below starts with t, ý, c, s or b, or holds `lu` (of `bình luận`); only
    // those letters lower to them, so a line with neither is not furniture, without lowering.
    let t = line.trim();
    let lu = t
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [b'l' | b'L', b'u' | b'U']));
    if !lu && !t.starts_with(['t', 'T', 'ý', 'Ý', 'c', 'C', 's', 'S', 'b', 'B']) {
        return false;
    }
    // Without `lu`, only the patterns that start the line can match, and their first two
    // letters tell them apart from most lines that start with the same letter (`Theo`, `Các`).
    // Those two are the first two of the lowered line: it is lowered char by char.
    if !lu {
        let mut lowered = t.chars().take(2).flat_map(char::to_lowercase);
        let start = (lowered.next(), lowered.next());
        if !matches!(
            start,
            (Some('t'), Some('ố'))
                | (Some('ý'), Some(' '))
                | (Some('c' | 's'), Some('h'))
                | (Some('b'), Some('ạ'))
        ) {
            return false;
        }
    }
    furniture_pattern(&t.to_lowercase())
}

/// A lowercased, trimmed line that is comment-box or share-button furniture.
fn furniture_pattern(lower: &str) -> bool {
    !lower.is_empty()
        && ((lower.starts_with("tối đa") && lower.contains("ký tự"))
            || lower.contains("chưa có bình luận")
            || lower.contains("hãy là người đầu tiên bình luận")
            || lower == "gửi bình luận"
            || lower == "bình luận"
            || lower.starts_with("bình luận (")
            || lower == "ý kiến của bạn"
            || lower.starts_with("đăng nhập để bình luận")
            || lower == "chia sẻ bài viết"
            || lower == "share"
            || lower.starts_with("bạn đang đọc bài"))
}

/// Text that ends a sentence: `.`, `!`, `?`, `…`, `:` or a closing quote after one of them.
pub fn has_final_punctuation(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(['”', '"', '’', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…', ':', ';', ','])
}

#[cfg(test)]
mod tests {
    use super::*;

    // The character-by-character version mend_glued replaced, to compare with.
    /// Puts a space after a sentence end glued to the next sentence (`Nội.Tại` → `Nội. Tại`),
    /// leaving numbers (`28.500`), abbreviations (`TP.HCM`) and URLs alone.
    fn mend_glued_reference(s: &str) -> String {
        if !might_be_glued(s.as_bytes()) {
            return s.to_string();
        }
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len() + 8);
        let mut word_start = 0; // index in chars of the current whitespace-delimited token
        for i in 0..chars.len() {
            let c = chars[i];
            out.push(c);
            if c.is_whitespace() {
                word_start = i + 1;
                continue;
            }
            let Some(&next) = chars.get(i + 1) else { continue };
            if !is_upper_start(next) {
                continue;
            }
            let ends = match c {
                '.' | '!' | '?' | ';' => {
                    let prev = if i > 0 { chars[i - 1] } else { ' ' };
                    prev.is_alphanumeric() || matches!(prev, ')' | '"' | '”')
                }
                '”' | '"' => i > 0 && matches!(chars[i - 1], '.' | '!' | '?'),
                _ => false,
            };
            if !ends {
                continue;
            }
            let token: String = chars[word_start..i].iter().collect();
            // After a dotted chain (`TP.HCM.Cuộc`), a capitalised lowercase word starts a sentence.
            let chain_then_word =
                token.contains('.') && !token.contains('/') && next_is_plain_word_reference(&chars[i + 1..]);
            if c == '.' && is_abbreviation(&token) && !chain_then_word {
                continue;
            }
            if c == '.'
                && upper_word_reference(&chars[word_start..i])
                && next_is_upper_word_reference(&chars[i + 1..])
            {
                // TP.HCM, UBND.TP: an acronym chain, not two sentences.
                continue;
            }
            out.push(' ');
            word_start = i + 1;
        }
        out
    }

    fn upper_word_reference(w: &[char]) -> bool {
        let letters: Vec<&char> = w.iter().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
    }

    /// `Cuộc`, `Army`: a capital followed by lowercase letters.
    fn next_is_plain_word_reference(rest: &[char]) -> bool {
        let word: Vec<char> = rest.iter().copied().take_while(|c| c.is_alphabetic()).collect();
        word.len() >= 2 && word[0].is_uppercase() && word[1..].iter().all(|c| c.is_lowercase())
    }

    fn next_is_upper_word_reference(rest: &[char]) -> bool {
        let word: Vec<char> = rest.iter().copied().take_while(|c| c.is_alphanumeric()).collect();
        word.len() >= 2 && upper_word_reference(&word)
    }

    // The version squeeze replaced.
    /// Collapses runs of spaces and trims.
    fn squeeze_reference(s: &str) -> String {
        let b = s.as_bytes();
        let clean = !b.first().is_some_and(u8::is_ascii_whitespace)
            && !b.last().is_some_and(u8::is_ascii_whitespace)
            && !b
                .windows(2)
                .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
            && !b.iter().any(|c| matches!(c, b'\n' | b'\t' | b'\r' | 0x0b | 0x0c))
            && !s.contains([
                '\u{a0}', '\u{2000}', '\u{2002}', '\u{2003}', '\u{3000}', '\u{205f}', '\u{202f}',
            ]);
        if clean {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    #[test]
    fn squeezing_agrees_with_the_former_version() {
        let pieces = [
            "a", "Bộ", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{2000}", "\u{2001}",
            "\u{2002}", "\u{2003}", "\u{200a}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{1680}",
            "\u{85}", ".", "x y",
        ];
        let mut next = crate::text::test_rng(0x9e37_79b9_7f4a_7c15u64);
        for _ in 0..200_000 {
            let n = (next() % 8) as usize;
            let t: String = crate::text::test_mix(&mut next, &pieces, n);
            assert_eq!(squeeze(&t), squeeze_reference(&t), "{t:?}");
            assert_eq!(squeeze_owned(t.clone()), squeeze_reference(&t), "{t:?}");
        }
    }

    #[test]
    fn mending_agrees_with_the_char_by_char_version() {
        let pieces = [
            "Nội", ".", "Tại", "TP", "HCM", "“", "”", "\"", "!", "?", ";", " ", "  ", "\u{a0}", "\n", "2025",
            "28.500", "UBND", "Cuộc", "J", "Smith", "www", "/", "@", "ông", "Ông", "(", ")", "U.S", "Mr",
            "A", "ẞ", "Ǆ", "ǅ", "ǈ", "İ", "ǲ", "Ⅰ", "ⓐ", "Ⓐ", "x", "Ω", "Ω", "K", "a", "B", "É", "é", "i",
            "I",
        ];
        // Every string of up to four pieces from a fixed pseudo-random sequence, and longer mixes.
        let mut next = crate::text::test_rng(0x2545_f491_4f6c_dd1du64);
        for _ in 0..200_000 {
            let n = 1 + (next() % 12) as usize;
            let t: String = crate::text::test_mix(&mut next, &pieces, n);
            assert_eq!(mend_glued(&t), mend_glued_reference(&t), "{t:?}");
        }
    }

    #[test]
    fn mends_glued_sentences() {
        assert_eq!(mend_glued("tại Hà Nội.Tại cuộc họp"), "tại Hà Nội. Tại cuộc họp");
        assert_eq!(mend_glued("cho biết.“Chúng tôi"), "cho biết. “Chúng tôi");
        assert_eq!(mend_glued("rồi sao?Ông nói"), "rồi sao? Ông nói");
        assert_eq!(mend_glued("theo UBND.Ông An"), "theo UBND. Ông An");
        assert_eq!(mend_glued("năm 2025.Tại đây"), "năm 2025. Tại đây");
        assert_eq!(mend_glued("tại TP.HCM.Cuộc họp"), "tại TP.HCM. Cuộc họp");
    }

    #[test]
    fn leaves_numbers_abbreviations_urls() {
        for s in [
            "28.500 tỷ đồng",
            "phiên bản 2.5",
            "tại TP.HCM hôm nay",
            "ở Tp.HCM",
            "xem https://example.vn/Bai.Viet",
            "www.Example.com",
            "ông J.Smith",
        ] {
            assert_eq!(mend_glued(s), s, "{s}");
        }
    }

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("Ông An bắt tay. (Ảnh: Reuters)"),
            Some(("Ông An bắt tay.", "Ảnh: Reuters"))
        );
        assert_eq!(
            split_credit("Hành khách lên xe. [Ảnh: AFP = Yonhap]"),
            Some(("Hành khách lên xe.", "Ảnh: AFP = Yonhap"))
        );
        assert_eq!(
            split_credit("Tàu cập cảng [Getty = Kyodo]").map(|x| x.1),
            Some("Getty = Kyodo")
        );
        assert_eq!(split_credit("Ông nói (theo luật mới)"), None);
        assert!(is_credit_line("Photo : YONHAP News"));
        assert!(!is_credit_line(
            "Photo exhibitions are popular in Hanoi this year."
        ));
    }

    // The versions without a letter pre-test.
    fn is_furniture_reference(line: &str) -> bool {
        if line.len() > 200 {
            return false;
        }
        furniture_pattern(&line.trim().to_lowercase())
    }

    // Without the letter and length pre-tests.
    fn is_credit_line_reference(line: &str) -> bool {
        let t = line.trim();
        t.chars().count() <= 60 && starts_with_credit_cue(&t.to_lowercase())
    }

    #[test]
    fn letter_pre_tests_change_nothing() {
        let pieces = [
            " ",
            "Tối đa",
            "TỐI ĐA",
            "ký tự",
            "KÝ TỰ",
            "Bình luận",
            "BÌNH LUẬN",
            "bình luận",
            "Chưa có",
            "(",
            "Gửi",
            "Ý kiến của bạn",
            "Ý KIẾN CỦA BẠN",
            "Đăng nhập để",
            "Chia sẻ bài viết",
            "SHARE",
            "Share",
            "Bạn đang đọc bài",
            "Photo",
            "PHOTO",
            "Ảnh",
            "ẢNH",
            "Nguồn ảnh",
            "NGUỒN ẢNH",
            "Hình ảnh",
            ":",
            "minh họa",
            "x",
            "İ",
            "\u{212a}",
            "Reuters",
            "hãy là người đầu tiên",
            "luật",
            "Lu",
        ];
        let mut next = crate::text::test_rng(0x2545_f491_4f6c_dd1du64);
        for _ in 0..200_000 {
            let n = (next() % 7) as usize;
            let t: String = (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(if next().is_multiple_of(3) { "" } else { " " });
            assert_eq!(is_furniture(&t), is_furniture_reference(&t), "{t:?}");
            assert_eq!(is_credit_line(&t), is_credit_line_reference(&t), "{t:?}");
        }
        for (s, n) in [
            ("", 0),
            ("abc", 2),
            ("abc", 3),
            ("ạạạ", 3),
            ("ạạạ", 2),
            ("ạạạạ", 3),
        ] {
            assert_eq!(chars_at_most(s, n), s.chars().count() <= n, "{s:?} {n}");
        }
    }

    #[test]
    fn furniture() {
        assert!(is_furniture("Tối đa: 1500 ký tự"));
        assert!(is_furniture(
            "Hiện chưa có bình luận nào, hãy là người đầu tiên bình luận"
        ));
        assert!(!is_furniture("Bình luận viên nói trận đấu rất hay."));
    }
}
