//! Word-level tests for the shape of a name: initials, capitalised words that read as names,
//! brands and acronyms, Vietnamese full names.

use super::*;

/// `J.`, `H.`: one capital and a dot.
#[inline]
pub(super) fn is_initial(w: &str) -> bool {
    // One char (one to four bytes) and a dot: most words are ruled out by their length or
    // last byte without decoding.
    let b = w.as_bytes();
    if !(2..=5).contains(&b.len()) || b[b.len() - 1] != b'.' {
        return false;
    }
    is_initial_plain(w)
}

/// [`is_initial`] by its definition.
pub(super) fn is_initial_plain(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// What follows a name by its shape alone must say it is a person: an apposition (`Nguyễn Văn
/// An, Giám đốc...`, `Tran Thi Bich Ngoc, the department's director`, `..., 35 tuổi`) or a
/// verb of saying. Streets and schools in lists (`Khuất Duy Tiến, Nguyễn Chí Thanh, Phạm Hùng`)
/// have neither.
pub(super) fn shape_evidence(v: &View, end: usize) -> bool {
    let s = v.s;
    const SAYS: &[&str] = &[
        "nói",
        "cho",
        "chia",
        "khẳng",
        "nhấn",
        "kể",
        "tiết",
        "phát",
        "thừa",
        "đề",
        "yêu",
        "cũng",
        "đã",
        "sẽ",
        "vẫn",
        "từng",
        "said",
        "says",
        "told",
        "added",
        "explained",
        "noted",
        "wrote",
        "has",
        "had",
        "was",
        "is",
    ];
    if end == 0 || end >= s.len() {
        return false;
    }
    let next = s.low(end);
    match s.toks[end - 1].trail {
        Trail::Comma => {
            v.at(Kind::Title, end).is_some()
                || v.has(end, flag::EN_TITLE)
                || matches!(
                    next,
                    "a" | "an" | "the" | "who" | "một" | "người" | "năm" | "sinh"
                )
                || (next.bytes().all(|b| b.is_ascii_digit()) && s.low(end + 1) == "tuổi")
                || s.toks[end].open == Some('(')
        }
        Trail::None => SAYS.contains(&next),
        Trail::Stop => s.toks.get(end).is_some_and(|t| t.open == Some('(')),
    }
}

/// The words `k..end` as one name: the text itself when one space separates them, else joined.
pub(super) fn name_of<'a>(s: &Sentence<'a>, k: usize, end: usize) -> Cow<'a, str> {
    let from = s.toks[k].range().start;
    let to = s.toks[end - 1].range().end;
    let text = &s.text[from..to];
    // Most names are words one space apart: then the test below holds, and is not run.
    let bytes = s.text.as_bytes();
    let one_space = |x: usize| {
        let (a, b) = (s.toks[x].range().end, s.toks[x + 1].range().start);
        b == a + 1 && bytes[a] == b' '
    };
    if (k..end - 1).all(one_space) {
        return Cow::Borrowed(text);
    }
    let spaces = text.bytes().filter(|&b| b == b' ').count();
    if spaces == end - k - 1 && !text.as_bytes().windows(2).any(|w| w == b"  ") {
        Cow::Borrowed(text)
    } else {
        Cow::Owned((k..end).map(|x| s.word(x)).collect::<Vec<_>>().join(" "))
    }
}

/// Skips gazetteer places at the start of `i..end`.
pub(super) fn skip_places(v: &View, mut i: usize, end: usize) -> usize {
    while let Some(len) = v.at(Kind::Place, i).filter(|l| i + l <= end) {
        i += len;
    }
    i
}

/// A word that can be part of a name: starts with a capital, letters, hyphens, apostrophes
/// and initials' dots only.
pub(super) fn namey(w: &str) -> bool {
    let b = w.as_bytes();
    // The first char by its definition; the rest by bytes where they show the answer (as they
    // do for every Vietnamese letter): an ASCII byte, a letter of Latin-1 (led by 0xC3, but
    // `×` `÷`), of U+0100–U+023F (led by 0xC4 to 0xC8), of Latin Extended Additional
    // (0xE1 0xB8–0xBB), or `’`. Anything else is judged by [`namey_plain`].
    let first = match b.first() {
        Some(&c) if c < 0x80 => {
            if !c.is_ascii_uppercase() {
                return false;
            }
            1
        }
        _ => match w.chars().next() {
            Some(c) if is_upper(c) => c.len_utf8(),
            _ => return false,
        },
    };
    let mut i = first;
    while i < b.len() {
        let c = b[i];
        let step = match c {
            0..=0x7F if c.is_ascii_alphabetic() || matches!(c, b'-' | b'\'' | b'.') => 1,
            0..=0x7F => return false,
            0xC3 if !matches!(b.get(i + 1), Some(0x97 | 0xB7)) => 2,
            0xC4..=0xC8 => 2,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => 3,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) => 3,
            _ => return namey_plain(w),
        };
        i += step;
    }
    true
}

/// [`namey`] by its definition.
pub(super) fn namey_plain(w: &str) -> bool {
    if w.is_ascii() {
        let b = w.as_bytes();
        return b.first().is_some_and(u8::is_ascii_uppercase)
            && b.iter()
                .all(|&c| c.is_ascii_alphabetic() || matches!(c, b'-' | b'\'' | b'.'));
    }
    let mut chars = w.chars();
    chars.next().is_some_and(is_upper) && chars.all(|c| is_letter(c) || matches!(c, '-' | '\'' | '’' | '.'))
}

/// `VPBank`, `LienVietPostBank`: capitals inside a word name a brand, not a person.
pub(super) fn is_brand(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && chars.clone().any(char::is_uppercase)
        && !w.contains(['-', '\'', '’'])
}

pub(super) fn is_acronym(w: &str) -> bool {
    let mut c = w.chars();
    if !(c.next().is_some_and(is_upper) && c.next().is_some_and(|x| !x.is_lowercase())) {
        return false;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && w.chars().all(|c| !c.is_lowercase())
}

/// Byte index of a final `'s` / `’s`.
pub(super) fn possessive(w: &str) -> Option<usize> {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .map(str::len)
        .filter(|&l| l > 0)
}

/// A Vietnamese full name by its shape: a surname, then two to four capitalised syllables,
/// none of it a place.
pub(super) fn vietnamese_shape(v: &View, k: usize, end: usize) -> bool {
    let s = v.s;
    let n = end - k;
    if !(3..=5).contains(&n) {
        return false;
    }
    let ascii = (k..end).all(|x| s.word(x).is_ascii());
    let surname = v.has(k, flag::SURNAME) || (ascii && v.has(k, flag::SURNAME_ASCII));
    if !surname {
        return false;
    }
    for x in k..end {
        let w = s.word(x);
        let mut chars = w.chars();
        let syllable = chars.next().is_some_and(is_upper)
            && chars.all(|c| is_letter(c) && !is_upper(c))
            && w.chars().count() <= 7;
        if !syllable {
            return false;
        }
        if x > k && v.at(Kind::Place, x).is_some_and(|l| l >= 2) {
            return false;
        }
    }
    true
}
