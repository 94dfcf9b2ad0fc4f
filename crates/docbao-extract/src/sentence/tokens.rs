//! A sentence split into word tokens once, for both finders: each word with its punctuation
//! split off, its lowercase form and whether it is capitalised.

use super::{is_upper, lower_char};
use std::ops::Range;

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

pub(super) const NO_LOWER: u32 = u32::MAX;

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
pub(super) fn lower_into(lower: &mut String, core: &str, ascii: bool) -> (u32, u32) {
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
pub(super) fn unchanged_by_lower(b: &[u8]) -> usize {
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
pub(super) fn ascii_and_caps(b: &[u8]) -> (bool, bool) {
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
pub(super) fn next_space(b: &[u8], from: usize) -> usize {
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
pub(super) fn other_whitespace(b: &[u8]) -> bool {
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
pub(super) fn plain_ends(b: &[u8]) -> bool {
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
pub(super) fn punctuated(raw: &str) -> Option<(Option<char>, usize, &str, Trail)> {
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

pub(super) fn is_opening(c: char) -> bool {
    matches!(c, '(' | '“' | '"' | '[' | '‘' | '\'' | '«' | '{')
}

/// Splits trailing punctuation off a word, keeping a final `.` where it belongs to the word.
pub(super) fn split_trailing(core: &str) -> (&str, Trail) {
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
pub(super) fn keeps_dot(word: &str) -> bool {
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
