//! Sentences and word tokens, for the person and event finders.
//!
//! Text arrives cleaned (NFC, glued sentences mended). A sentence ends at `.`, `!`, `?` or `…`
//! (with any closing quotes or brackets) followed by a space and a capital, a digit or an
//! opening quote, unless the word before the stop is an abbreviation (`Mr.`, `Nov.`, `U.S.`,
//! an initial). Tokens are whitespace-separated words with their surrounding punctuation split
//! off; every range is on char boundaries, so slicing never panics on multi-byte text.

use crate::mend::is_abbreviation;
use std::ops::Range;

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

/// What punctuation follows a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trail {
    None,
    /// `,` — ends a name, not a clause of dates.
    Comma,
    /// `.`, `;`, `:`, `!`, `?`, `…`, a closing quote or bracket: ends a run.
    Stop,
}

/// One word of a sentence (24 bytes: sentences are split by the hundred thousand).
#[derive(Debug, Clone)]
pub struct Tok {
    /// The word without surrounding punctuation (a final `.` kept for abbreviations and
    /// initials: `Mr.`, `U.S.`, `J.`, `Jr.`), as byte offsets in the sentence.
    start: u32,
    end: u32,
    /// The lowercased word in [`Sentence::lower`], or `NO_LOWER` when the word has no capital
    /// and is its own lowercase form.
    lo_start: u32,
    lo_end: u32,
    /// Punctuation opened right before the word: `(`, `“`, `"`, `[`.
    pub open: Option<char>,
    pub trail: Trail,
    /// The first character is an uppercase letter.
    pub cap: bool,
    /// The first word of the sentence (after any opening quote).
    pub first: bool,
    /// The word is all ASCII (no Vietnamese marks), known from tokenising.
    pub ascii: bool,
}

const NO_LOWER: u32 = u32::MAX;

impl Tok {
    /// Byte range of the word in the sentence.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A tokenised sentence: the original text, a lowercased copy and the tokens.
#[derive(Debug, Default)]
pub struct Sentence<'a> {
    pub text: &'a str,
    pub lower: String,
    pub toks: Vec<Tok>,
}

impl<'a> Sentence<'a> {
    /// Tokenises one sentence.
    pub fn new(text: &'a str) -> Self {
        let mut s = Sentence {
            text,
            lower: String::new(),
            toks: Vec::with_capacity(text.len() / 5 + 1),
        };
        s.tokenize();
        s
    }

    /// An empty sentence with room for `words` words, to [`Sentence::refill`].
    pub fn with_capacity(words: usize) -> Self {
        Sentence {
            text: "",
            lower: String::with_capacity(words * 4),
            toks: Vec::with_capacity(words),
        }
    }

    /// Tokenises another sentence, reusing this one's buffers.
    pub fn refill(&mut self, text: &'a str) {
        self.text = text;
        self.lower.clear();
        self.toks.clear();
        self.tokenize();
    }

    fn tokenize(&mut self) {
        let text = self.text;
        // Offsets are 32-bit; no article comes near (files are read up to 8 MB).
        if text.len() >= NO_LOWER as usize {
            return;
        }
        // Cleaned text separates words with single ASCII spaces; any other whitespace still
        // splits words, through the slower path.
        if other_whitespace(text.as_bytes()) {
            for raw in text.split_whitespace() {
                self.word_token(raw);
            }
            return;
        }
        let b = text.as_bytes();
        let mut from = 0;
        while from < b.len() {
            let to = next_space(b, from);
            if to > from {
                // Both ends are at ASCII spaces or the text's ends: char boundaries.
                self.word_token(&text[from..to]);
            }
            from = to + 1;
        }
    }

    /// Adds one whitespace-free piece of the text (with its punctuation) as a token. Most pieces
    /// are a bare lowercase word, which this inlined path handles without a call; the rest (
    /// punctuation to split off, a capital to lower) go out of line, so that the common path
    /// saves few registers (it was one large function, whose entry and exit cost a quarter of
    /// its instructions).
    #[inline(always)]
    fn word_token(&mut self, raw: &'a str) {
        if plain_ends(raw.as_bytes()) {
            // The words are subslices of `text`: their offset is pointer arithmetic.
            let off = raw.as_ptr() as usize - self.text.as_ptr() as usize;
            self.push_token(off, raw, None, Trail::None);
        } else {
            self.punctuated_token(raw);
        }
    }

    /// [`Sentence::word_token`] for a piece that may have punctuation to split off.
    #[inline(never)]
    fn punctuated_token(&mut self, raw: &'a str) {
        let off = raw.as_ptr() as usize - self.text.as_ptr() as usize;
        if let Some((open, core_start, core, trail)) = punctuated(raw) {
            self.push_token(off + core_start, core, open, trail);
        } else if let Some(last) = self.toks.last_mut() {
            // Only punctuation: a separator such as `–` or `-`; it breaks runs.
            last.trail = Trail::Stop;
        }
    }

    /// Adds the word `core`, at byte `start` of the text, as a token.
    #[inline(always)]
    fn push_token(&mut self, start: usize, core: &str, open: Option<char>, trail: Trail) {
        // Words are lowercased when they start with a capital (or, in ASCII, hold one):
        // `iPhone` is rare enough in news to be looked up as written. One pass over the
        // bytes answers both whether the word is ASCII and whether it holds a capital.
        let (ascii, caps) = ascii_and_caps(core.as_bytes());
        let first_upper = match core.as_bytes().first() {
            Some(&c) if c < 0x80 => c.is_ascii_uppercase(),
            _ => core.chars().next().is_some_and(is_upper),
        };
        let has_upper = first_upper || (ascii && caps);
        // Most words are lower case already: point into the text instead of copying.
        let (lo_start, lo_end) = if has_upper {
            lower_into(&mut self.lower, core, ascii)
        } else {
            (NO_LOWER, NO_LOWER)
        };
        let first = self.toks.is_empty();
        self.toks.push(Tok {
            start: start as u32,
            end: (start + core.len()) as u32,
            lo_start,
            lo_end,
            open,
            trail,
            cap: first_upper,
            first,
            ascii,
        });
    }

    /// The original word.
    #[inline(always)]
    pub fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.range()])
    }

    /// The lowercased word. Always inlined, as is [`Sentence::word`]: the finders call it about
    /// twice a word, and as a call (three copies were compiled) it cost more than its slicing.
    #[inline(always)]
    pub fn low(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.lo_start == NO_LOWER => &self.text[t.range()],
            Some(t) => &self.lower[t.lo_start as usize..t.lo_end as usize],
            None => "",
        }
    }

    /// [`Sentence::low`] of one of this sentence's tokens.
    #[inline(always)]
    pub fn low_of(&self, t: &Tok) -> &str {
        if t.lo_start == NO_LOWER {
            &self.text[t.range()]
        } else {
            &self.lower[t.lo_start as usize..t.lo_end as usize]
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// No punctuation between token `i` and the next one.
    #[inline]
    pub fn joined(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.trail == Trail::None && b.open.is_none(),
            _ => false,
        }
    }
}

/// Appends `core` lowercased to `lower` (`ascii`: `core` is all ASCII); returns where it is.
#[inline(never)]
fn lower_into(lower: &mut String, core: &str, ascii: bool) -> (u32, u32) {
    let lo_start = lower.len();
    if ascii {
        lower.push_str(core);
        lower[lo_start..].make_ascii_lowercase();
    } else {
        // Copy the unchanged stretches whole (usually all but the capital) instead of pushing
        // every character. Most characters are small letters that their bytes alone show to be
        // their own lowercase ([`unchanged_by_lower`]): only the others are decoded and mapped.
        let b = core.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while i < b.len() {
            let n = unchanged_by_lower(&b[i..]);
            if n > 0 {
                i += n;
                continue;
            }
            // `i` is on a char boundary: every step is a whole character.
            let Some(c) = core.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            let l = lower_char(c);
            if l != c {
                lower.push_str(&core[copied..i]);
                lower.push(l);
                copied = i + c.len_utf8();
            }
            i += c.len_utf8();
        }
        lower.push_str(&core[copied..]);
    }
    (lo_start as u32, lower.len() as u32)
}

/// The length of the character starting `b` (valid UTF-8 from a char boundary) when its bytes
/// alone show it to be its own lowercase, else 0: ASCII but `A`–`Z`, Latin-1 `ß`–`ÿ`, the small
/// letters of Latin Extended-A (odd code points of the ranges [`lower_char`] maps by parity),
/// `ơ` `ư`, combining marks, and the small letters of Latin Extended Additional (odd).
#[inline(always)]
fn unchanged_by_lower(b: &[u8]) -> usize {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    match at(0) {
        c @ 0..=0x7F => usize::from(!c.is_ascii_uppercase()),
        0xC3 if at(1) >= 0x9F => 2,
        0xC4 if at(1) <= 0xAF && at(1) & 1 == 1 => 2,
        0xC5 if (0x8A..=0xB7).contains(&at(1)) && at(1) & 1 == 1 => 2,
        0xC6 if matches!(at(1), 0xA1 | 0xB0) => 2,
        0xCC => 2,
        0xCD if at(1) <= 0xAF => 2,
        0xE1 if (0xB8..=0xBB).contains(&at(1)) && at(2) & 1 == 1 => 3,
        _ => 0,
    }
}

/// Whether `b` is all ASCII, and if so whether it holds an ASCII capital (else the second
/// answer means nothing). Eight bytes at a time, in loads that may overlap (both answers are
/// "any byte"), where a loop took a step and two tests per byte.
#[inline(always)]
fn ascii_and_caps(b: &[u8]) -> (bool, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The high bit of each byte of ASCII from `A` to `Z` (bytes below 0x80 carry nothing over).
    let caps = |x: u64| x.wrapping_add(ONES * 0x3F) & !x.wrapping_add(ONES * 0x25) & (ONES << 7);
    let u32_at = |k: usize| u64::from(u32::from_le_bytes([b[k], b[k + 1], b[k + 2], b[k + 3]]));
    let u64_at = |k: usize| u32_at(k) | u32_at(k + 4) << 32;
    let n = b.len();
    let (high, up) = match n {
        0 => (0, 0),
        1..=3 => {
            let x = u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16;
            (x, caps(x))
        }
        4..=7 => {
            let x = u32_at(0) | u32_at(n - 4) << 32;
            (x, caps(x))
        }
        _ => {
            let (mut high, mut up) = (0, 0);
            let mut k = 0;
            while k + 8 < n {
                let x = u64_at(k);
                high |= x;
                // Past a byte from 0x80 the sums may carry into the next byte; the answer is
                // then meaningless, as documented.
                up |= caps(x & !(ONES << 7));
                k += 8;
            }
            let x = u64_at(n - 8);
            (high | x, up | caps(x & !(ONES << 7)))
        }
    };
    (high & ONES << 7 == 0, up != 0)
}

/// The index of the first space at or after `from`, or `b.len()`. Eight bytes a step, tested
/// all at once: words are a few bytes long, so most are passed in one step, where a byte loop
/// took a step and a branch per byte (and a vectorised search costs more to start than that).
#[inline]
fn next_space(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = from;
    while let Some(&chunk) = b.get(i..i + 8).and_then(|c| <&[u8; 8]>::try_from(c).ok()) {
        let x = u64::from_le_bytes(chunk) ^ (ONES * u64::from(b' '));
        // The lowest byte flagged here is the first zero byte of `x`, a space of `b` (a borrow
        // can flag bytes only above a zero byte).
        let zero = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    b[i..].iter().position(|&c| c == b' ').map_or(b.len(), |p| i + p)
}

/// Whitespace other than the ASCII space: control whitespace, or one of Unicode's spaces
/// (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
fn other_whitespace(b: &[u8]) -> bool {
    // One pass for the control whitespace and the lead bytes of the Unicode spaces (each hit
    // checked in place), where five searches went over the sentence. (0xE1 leads most
    // Vietnamese letters, so U+1680, E1 9A 80, is looked for by its second byte, rare in
    // Vietnamese text, where a search of its own went over the sentence again.)
    let maybe = |c: u8| (c.wrapping_sub(b'\t') < 5) | (c == 0xC2) | (c == 0xE2) | (c == 0xE3) | (c == 0x9A);
    let at = |i: usize, k: usize| b.get(i + k).copied();
    let mut from = 0;
    while let Some(i) = crate::text::chars::find_byte(b, from, maybe) {
        let space = match b[i] {
            0xC2 => matches!(at(i, 1), Some(0x85 | 0xA0)),
            0xE2 => match (at(i, 1), at(i, 2)) {
                (Some(0x80), Some(x)) => (0x80..=0x8A).contains(&x) || matches!(x, 0xA8 | 0xA9 | 0xAF),
                (Some(0x81), Some(0x9F)) => true,
                _ => false,
            },
            // U+3000
            0xE3 => at(i, 1) == Some(0x80) && at(i, 2) == Some(0x80),
            // U+1680
            0x9A => i > 0 && b[i - 1] == 0xE1 && at(i, 1) == Some(0x80),
            // `\t` to `\r`
            _ => true,
        };
        if space {
            return true;
        }
        from = i + 1;
    }
    false
}

/// Whether a piece is its own word, with no opening mark before it and no trailing
/// punctuation after it (what [`punctuated`] would find): it starts with a letter or digit, or
/// a character of two or three bytes led by neither 0xC2 (`«`) nor 0xE2 (`“`, `‘`), and it
/// ends with a letter or digit or a character led by neither (`»`, `”`, `’`, `…`, dashes).
/// Those two bytes lead few letters, which take the longer way.
#[inline]
fn plain_ends(b: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    let starts = first.is_ascii_alphanumeric() || (first >= 0xC3 && first != 0xE2);
    // A byte from 0x80 ends a character of two bytes or more, whose first byte (a lead byte,
    // never inside a character) is two or three from the end.
    let back = |k: usize| b.len().checked_sub(k).map(|i| b[i]);
    let ends =
        last.is_ascii_alphanumeric() || (last >= 0x80 && back(2) != Some(0xC2) && back(3) != Some(0xE2));
    starts && ends
}

/// The word of a piece with its punctuation: the opening mark before it, its offset in the
/// piece, the word and the punctuation after it; `None` for a piece of punctuation only.
fn punctuated(raw: &str) -> Option<(Option<char>, usize, &str, Trail)> {
    let mut open = None;
    let core_start = if raw.as_bytes().first().is_some_and(|b| b.is_ascii_alphanumeric()) {
        0
    } else {
        raw.char_indices()
            .find(|&(_, c)| {
                if is_opening(c) {
                    open = Some(c);
                    false
                } else {
                    true
                }
            })
            .map(|(i, _)| i)?
    };
    let (core, trail) = split_trailing(&raw[core_start..]);
    if core.is_empty() {
        return None;
    }
    Some((open, core_start, core, trail))
}

fn is_opening(c: char) -> bool {
    matches!(c, '(' | '“' | '"' | '[' | '‘' | '\'' | '«' | '{')
}

/// Splits trailing punctuation off a word, keeping a final `.` where it belongs to the word.
fn split_trailing(core: &str) -> (&str, Trail) {
    if core.as_bytes().last().is_some_and(|b| b.is_ascii_alphanumeric()) {
        return (core, Trail::None);
    }
    let mut end = core.len();
    let mut trail = Trail::None;
    for (i, c) in core.char_indices().rev() {
        let t = match c {
            ',' => Trail::Comma,
            '.' | ';' | ':' | '!' | '?' | '…' | ')' | ']' | '”' | '"' | '’' | '\'' | '»' | '}' | '-'
            | '–' | '—' => Trail::Stop,
            _ => break,
        };
        // A comma wins over a closing quote after it ("x”,"), a stop over a comma.
        trail = match (trail, t) {
            (Trail::None, t) => t,
            (Trail::Comma, Trail::Stop) | (Trail::Stop, _) => Trail::Stop,
            (Trail::Comma, _) => Trail::Comma,
        };
        end = i;
    }
    let word = &core[..end];
    // Keep the dot of `Mr.`, `U.S.`, `J.`, `Jr.` when the dot is the first trailing mark.
    if core[end..].starts_with('.') && !word.is_empty() && keeps_dot(word) {
        let rest = &core[end + 1..];
        let trail = if rest.is_empty() {
            Trail::None
        } else if rest.starts_with(',') {
            Trail::Comma
        } else {
            Trail::Stop
        };
        return (&core[..end + 1], trail);
    }
    (word, trail)
}

/// Words whose final dot is part of the word.
fn keeps_dot(word: &str) -> bool {
    const KEEP: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep",
        "Prof", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Adm",
        "No", "Co", "Inc", "Ltd", "Mt", "Ft",
    ];
    // Every listed word is two to four ASCII letters, the first a capital: most words are
    // ruled out without comparing.
    let listable = (2..=4).contains(&word.len()) && word.as_bytes()[0].is_ascii_uppercase();
    if listable && KEEP.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        return c.is_uppercase();
    }
    // Dotted abbreviations: U.S, D.C, J.D
    word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && !p.is_empty() && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
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
