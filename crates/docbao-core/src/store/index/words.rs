//! The distinct words of one article, cut and lowercased by the loader's threads so that adding
//! them to the index costs one lookup per word; and the hashing and keys those lookups use.

use docbao_extract::text::chars;
use std::cell::RefCell;

/// The distinct lowercase words of one article, title words first. Computed by the loader's
/// threads so that adding to the index costs one lookup per word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleWords {
    /// Words separated by `\n`.
    text: String,
    /// How many of them (from the start) are in the title.
    in_title: usize,
}

impl ArticleWords {
    pub fn new<'a>(title: &'a str, body: impl Iterator<Item = &'a str>) -> Self {
        Self::counting(title, body).0
    }

    /// [`ArticleWords::new`], and how many whitespace-separated words with a letter or digit
    /// the body has (the article's word count), found in the same pass.
    pub fn counting<'a>(title: &'a str, body: impl Iterator<Item = &'a str>) -> (Self, usize) {
        // Each word is lowered straight into the list of distinct words and taken back out if
        // it is already there: no list of every word, no second pass, and the table is reused
        // from one article to the next instead of built for each.
        SCRATCH.with(|scratch| {
            let mut set = scratch.borrow_mut();
            set.begin();
            split_lowered(title, &mut set);
            let in_title = set.count;
            let mut count = 0;
            for t in body {
                count += split_lowered(t, &mut set);
            }
            // An exact-size copy: held until the store takes it in, so no room to spare.
            let text = set.words().to_owned();
            set.end();
            (ArticleWords { text, in_title }, count)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Bytes held on the heap.
    pub fn heap_len(&self) -> usize {
        self.text.capacity()
    }

    /// The words and whether each is in the title, by their plain definition: what
    /// [`ArticleWords::for_each`] gives.
    #[cfg(test)]
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        self.text
            .split('\n')
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(move |(i, w)| (w, i < self.in_title))
    }

    /// Calls `f` with every word and whether it is in the title. The words are cut at each
    /// `\n` by a byte loop: most are a syllable of a few bytes, for which a `split` spent more
    /// on its search's set-up than on the search.
    pub(super) fn for_each(&self, mut f: impl FnMut(&str, bool)) {
        let (text, b) = (self.text.as_str(), self.text.as_bytes());
        let (mut start, mut i) = (0, 0);
        for (at, _) in b.iter().enumerate().filter(|(_, &c)| c == b'\n') {
            // Both ends are at a `\n` or the text's ends: char boundaries.
            if at > start {
                f(&text[start..at], i < self.in_title);
                i += 1;
            }
            start = at + 1;
        }
        if b.len() > start {
            f(&text[start..], i < self.in_title);
        }
    }
}

thread_local! {
    /// The distinct words of the article being read, kept between articles for their room.
    static SCRATCH: RefCell<WordSet> = RefCell::new(WordSet::default());
}

/// The distinct lowercase words of one article, in the order first met: `text` holds them
/// each followed by `\n`, and an open-addressing table finds a repeated one.
#[derive(Default)]
struct WordSet {
    text: String,
    /// Room to lower a word with capitals in before it is looked up.
    lowered: String,
    /// One number a word (see [`slot_of`]), 0 for none: eight bytes, so that the table of an
    /// article stays small in the cache, and most words are found by one comparison with the
    /// one number, without reading the text.
    slots: Vec<u64>,
    /// The slots in use are `slots[..=mask]`.
    mask: usize,
    /// Distinct words so far.
    count: usize,
}

/// The high byte of the slot of a word longer than eight bytes (no UTF-8 text holds 0xFF).
const LONG: u64 = 0xFF << 56;

/// The slot of a word of [`key`] `key` and hash `hash`, kept at `start` in [`WordSet::text`]:
/// a word of up to eight bytes (nearly every Vietnamese syllable) is its key, never 0 nor led
/// by 0xFF; a longer one is [`LONG`], 24 bits of its hash and `start`.
#[inline]
fn slot_of(n: usize, key: u64, hash: u32, start: usize) -> u64 {
    if n <= 8 {
        key
    } else {
        LONG | u64::from(hash & 0xFF_FFFF) << 32 | start as u64
    }
}

impl WordSet {
    /// Slots an article starts with: room for most articles' distinct words.
    const FIRST_SLOTS: usize = 1024;
    /// Room kept for the next article after a very long one (memory held per thread).
    const KEPT_SLOTS: usize = 1 << 16;
    const KEPT_TEXT: usize = 1 << 20;

    fn begin(&mut self) {
        self.text.clear();
        self.count = 0;
        self.mask = Self::FIRST_SLOTS - 1;
        if self.slots.len() < Self::FIRST_SLOTS {
            self.slots.resize(Self::FIRST_SLOTS, 0);
        }
        // Emptied for each article: 8 KB, a fraction of what the article's words cost.
        self.slots[..Self::FIRST_SLOTS].fill(0);
    }

    fn end(&mut self) {
        if self.slots.len() > Self::KEPT_SLOTS {
            self.slots = Vec::new();
        }
        if self.text.capacity() > Self::KEPT_TEXT {
            self.text = String::new();
        }
    }

    /// The words kept so far, separated by `\n`.
    fn words(&self) -> &str {
        self.text.strip_suffix('\n').unwrap_or("")
    }

    /// Adds `word` (lowered, not empty, its [`key`] `key`) unless it is there already. A word
    /// is looked up before it is copied: most words of an article are repeats. Always inlined:
    /// called for every word, its call cost more than most lookups.
    #[inline(always)]
    fn add(&mut self, word: &str, key: u64) {
        let n = word.len();
        let hash = word_hash(word.as_bytes(), key);
        let want = slot_of(n, key, hash, 0);
        let mut i = hash as usize & self.mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                break;
            }
            let same = if n <= 8 {
                slot == want
            } else {
                slot >> 32 == want >> 32 && self.holds_at(slot as u32, word.as_bytes())
            };
            if same {
                return;
            }
            i = (i + 1) & self.mask;
        }
        self.slots[i] = slot_of(n, key, hash, self.text.len());
        self.text.push_str(word);
        self.text.push('\n');
        self.count += 1;
        // At most half full, so that probes stay short.
        if self.count * 2 > self.mask {
            self.grow();
        }
    }

    /// Whether the kept word at `start` is `word`: equal bytes up to a `\n` (which no word
    /// holds).
    #[cold]
    fn holds_at(&self, start: u32, word: &[u8]) -> bool {
        let start = start as usize;
        let n = word.len();
        self.text
            .as_bytes()
            .get(start..start + n + 1)
            .is_some_and(|kept| kept[n] == b'\n' && &kept[..n] == word)
    }

    /// Doubles the table and puts every word back in.
    #[cold]
    fn grow(&mut self) {
        self.mask = self.mask * 2 + 1;
        if self.slots.len() <= self.mask {
            self.slots.resize(self.mask + 1, 0);
        }
        self.slots[..=self.mask].fill(0);
        let mut start = 0;
        for w in self.text.split_terminator('\n') {
            let key = key(w.as_bytes());
            let hash = word_hash(w.as_bytes(), key);
            let mut i = hash as usize & self.mask;
            while self.slots[i] != 0 {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = slot_of(w.len(), key, hash, start);
            start += w.len() + 1;
        }
    }
}

/// A hash of one word for [`WordSet`] (a table that lives for one article, so no defence
/// against crafted keys is needed), given its [`key`]: a word of up to eight bytes is its key,
/// hashed by one folded multiplication; a longer one eight bytes a step, where FNV takes one.
#[inline]
fn word_hash(bytes: &[u8], key: u64) -> u32 {
    const K: u64 = 0xF135_7AEA_2E62_A9C5;
    if bytes.len() <= 8 {
        // Both halves of the product, so that every bit of the key reaches every bit used.
        let m = u128::from(key) * u128::from(K);
        return ((m as u64 ^ (m >> 64) as u64) >> 32) as u32;
    }
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        h = (h.rotate_left(5) ^ tail_bits(tail)).wrapping_mul(K);
    }
    // The high half of the product is the best mixed.
    (h >> 32) as u32
}

/// The first eight bytes of a word, zero-filled: for a word of up to eight bytes, the word
/// itself (no word holds a zero byte, so no two such words share a key).
#[inline]
pub(super) fn key(w: &[u8]) -> u64 {
    let n = w.len();
    let u32_at = |k: usize| u64::from(u32::from_le_bytes([w[k], w[k + 1], w[k + 2], w[k + 3]]));
    match n {
        0 => 0,
        // Overlapping reads put equal bytes in the same places.
        1..=3 => {
            u64::from(w[0]) | u64::from(w[n / 2]) << (8 * (n / 2)) | u64::from(w[n - 1]) << (8 * (n - 1))
        }
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        _ => u32_at(0) | u32_at(4) << 32,
    }
}

/// [`key`] of the word `b[start..start + n]` (`n` from 1), read in one load with the bytes
/// after it masked off when eight bytes are there to read, as they are but at a text's end.
#[inline]
fn key_at(b: &[u8], start: usize, n: usize) -> u64 {
    match b.get(start..start + 8) {
        Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) => {
            u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]) & u64::MAX >> (64 - 8 * n.clamp(1, 8))
        }
        _ => key(&b[start..start + n]),
    }
}

/// The bytes of a tail of 1 to 7 bytes in one number, read in at most two loads: copying
/// them into a zeroed buffer cost a call and a stalled load. The reads may overlap; the
/// length, hashed first, tells such tails apart.
#[inline]
fn tail_bits(t: &[u8]) -> u64 {
    let n = t.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
        let hi = u32::from_le_bytes([t[n - 4], t[n - 3], t[n - 2], t[n - 1]]);
        u64::from(lo) | u64::from(hi) << 32
    } else {
        u64::from(t[0]) | u64::from(t[n / 2]) << 8 | u64::from(t[n - 1]) << 16
    }
}

/// Adds the words of `s` (see [`words`]), lowercased, to `set`. Returns how many
/// whitespace-separated pieces of `s` hold a letter or digit.
fn split_lowered(s: &str, set: &mut WordSet) -> usize {
    let b = s.as_bytes();
    let table: &Classes = &CLASSES;
    // Whitespace-separated pieces with a letter or digit, and whether the current one has one.
    let mut pieces = 0;
    let mut piece_alnum = false;
    let mut i = 0;
    while i < b.len() {
        let (len, class) = class_at(table, b, i);
        if class & WORD == 0 {
            if class & SPACE != 0 {
                pieces += piece_alnum as usize;
                piece_alnum = false;
            }
            i += len;
            continue;
        }
        // A word starts: read it to its end in a loop of its own, which keeps no state
        // between words. The character that ends it is read again above.
        let start = i;
        let mut rest_upper = false;
        let mut ascii = len == 1;
        i += len;
        while i < b.len() {
            let (len, class) = class_at(table, b, i);
            if class & WORD == 0 {
                break;
            }
            rest_upper |= class & UPPER != 0;
            ascii &= len == 1;
            i += len;
        }
        piece_alnum = true;
        let word = Reading {
            first_upper: class & UPPER != 0,
            rest_upper,
            ascii,
        };
        word.end(s, start, i, set);
    }
    pieces + piece_alnum as usize
}

/// The length and class (for [`split_lowered`]) of the character at byte `i` of `b` (valid
/// UTF-8, `i` on a char boundary). ASCII, two-byte characters and the three-byte ones of
/// [`Classes`] cost a table read, where decoding and testing ranges cost a dozen branches.
#[inline(always)]
fn class_at(table: &Classes, b: &[u8], i: usize) -> (usize, u8) {
    let x = b[i];
    if x < 0x80 {
        return (1, ASCII_CLASS[x as usize]);
    }
    let cont = |k: usize| b.get(i + k).map_or(0, |y| *y as usize & 0x3F);
    if x < 0xE0 {
        // U+0080–U+07FF: the code point is the index.
        return (2, table.0[(x as usize & 0x1F) << 6 | cont(1)]);
    }
    if x < 0xF0 {
        let page = (x as usize & 0x0F) << 4 | cont(1) >> 2;
        let at = (cont(1) & 3) << 6 | cont(2);
        match page {
            0x1E => return (3, table.0[Classes::LATIN_ADDITIONAL + at]),
            0x20 => return (3, table.0[Classes::PUNCTUATION + at]),
            _ => {}
        }
    }
    class_slow(b, i)
}

/// [`class_at`] for the characters outside its tables: decoded and tested one by one.
#[cold]
#[inline(never)]
fn class_slow(b: &[u8], i: usize) -> (usize, u8) {
    let (c, len) = chars::decode_at(b, i);
    (len, class_of(c))
}

/// The class of one character for [`split_lowered`], by its definition.
fn class_of(c: char) -> u8 {
    if chars::is_alphanumeric(c) {
        WORD | if chars::lower(c) != c { UPPER } else { 0 }
    } else if chars::is_whitespace(c) {
        SPACE
    } else {
        0
    }
}

/// The classes of the characters [`class_at`] reads from a table: U+0000–U+07FF (every
/// character of one or two bytes) at their code points, then the 256 of Latin Extended
/// Additional (U+1E00–U+1EFF, most Vietnamese letters with a tone mark) and the 256 from
/// U+2000 (spaces, dashes, quotes, `…`).
struct Classes([u8; Classes::LEN]);

impl Classes {
    const LATIN_ADDITIONAL: usize = 0x800;
    const PUNCTUATION: usize = 0x900;
    const LEN: usize = 0xA00;

    /// The characters of the table, each with its index.
    fn chars() -> impl Iterator<Item = (usize, char)> {
        let at = |base: usize, first: u32| {
            (0..256).filter_map(move |k| Some((base + k, char::from_u32(first + k as u32)?)))
        };
        (0..0x800)
            .filter_map(|u| Some((u as usize, char::from_u32(u)?)))
            .chain(at(Self::LATIN_ADDITIONAL, 0x1E00))
            .chain(at(Self::PUNCTUATION, 0x2000))
    }
}

/// Built once, from [`class_of`] (the standard library's tables are not usable in a constant).
static CLASSES: std::sync::LazyLock<Classes> = std::sync::LazyLock::new(|| {
    let mut t = Classes([0; Classes::LEN]);
    for (k, c) in Classes::chars() {
        t.0[k] = class_of(c);
    }
    t
});

/// A word being read by [`split_lowered`].
struct Reading {
    /// The first char, or a later one, needs lowering.
    first_upper: bool,
    rest_upper: bool,
    ascii: bool,
}

impl Reading {
    /// The word `s[start..end]` is read: adds it, lowered, to `set` unless it is there already.
    #[inline]
    fn end(self, s: &str, start: usize, end: usize, set: &mut WordSet) {
        let w = &s[start..end];
        if !self.first_upper && !self.rest_upper {
            // Most words: looked up as they stand, and copied only when new.
            set.add(w, key_at(s.as_bytes(), start, end - start));
            return;
        }
        self.lowered(w, set);
    }

    /// [`Reading::end`] for a word with a capital: lowered into [`WordSet::lowered`] first. Out
    /// of line, so that [`split_lowered`]'s loops keep their values in registers.
    #[inline(never)]
    fn lowered(self, w: &str, set: &mut WordSet) {
        let mut low = std::mem::take(&mut set.lowered);
        low.clear();
        if self.ascii {
            low.push_str(w);
            low.make_ascii_lowercase();
        } else if !self.rest_upper {
            // `Đại`, `Ông`: only the first letter to lower.
            let mut cs = w.chars();
            if let Some(first) = cs.next() {
                low.push(chars::lower(first));
            }
            low.push_str(cs.as_str());
        } else {
            low.extend(w.chars().map(chars::lower));
        }
        set.add(&low, key(low.as_bytes()));
        set.lowered = low;
    }
}
/// Classes of characters for [`split_lowered`]: a letter or digit, one with a lowercase form
/// of its own, whitespace.
const WORD: u8 = 1;
const UPPER: u8 = 2;
const SPACE: u8 = 4;

const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_uppercase() {
            WORD | UPPER
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if c == b' ' || (c >= b'\t' && c <= b'\r') {
            SPACE
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The words of a text: maximal runs of alphanumeric characters.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !chars::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_as_whitespace_separated_pieces_with_a_letter_or_digit() {
        let body = [
            "Ông An nói: “Được” — 2025 , ok.\u{b}x\u{a0}y\u{3000}z",
            "",
            " - ",
            "Bộ\ttrưởng\n12/9 ! ?",
        ];
        let want: usize = body
            .iter()
            .map(|t| {
                t.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count()
            })
            .sum();
        let (a, n) = ArticleWords::counting("Tiêu đề", body.into_iter());
        assert_eq!(n, want);
        assert_eq!(a, ArticleWords::new("Tiêu đề", body.into_iter()));
    }

    #[test]
    fn many_distinct_words_keep_their_first_order() {
        // More distinct words than the table starts with, each met twice, some capitalised.
        let body: Vec<String> = (0..3000).map(|i| format!("Từ{i} x{i} từ{i} X{i}")).collect();
        let a = ArticleWords::new("Đầu", body.iter().map(String::as_str));
        let mut want = vec![("đầu".to_string(), true)];
        for i in 0..3000 {
            want.push((format!("từ{i}"), false));
            want.push((format!("x{i}"), false));
        }
        let got: Vec<(String, bool)> = a.iter().map(|(w, t)| (w.to_string(), t)).collect();
        assert_eq!(got, want);
        // The next article starts afresh.
        let b = ArticleWords::new("x1", ["Từ1"].into_iter());
        assert_eq!(b.iter().collect::<Vec<_>>(), vec![("x1", true), ("từ1", false)]);
    }

    #[test]
    fn long_words_and_short_ones_are_told_apart() {
        // Long words sharing their first eight bytes, and a short word and a long one of the
        // same start; then the next article starts empty.
        let body = ["abcdefghij abcdefghik abcdefgh abcdefghij ABCDEFGHIK abcdefgh abcdefghijklmnopq"];
        let a = ArticleWords::new("", body.into_iter());
        let got: Vec<&str> = a.iter().map(|(w, _)| w).collect();
        assert_eq!(got, ["abcdefghij", "abcdefghik", "abcdefgh", "abcdefghijklmnopq"]);
        let b = ArticleWords::new("abcdefghij", ["abcdefgh"].into_iter());
        assert_eq!(b.iter().count(), 2);
    }

    #[test]
    fn classes_agree_with_their_definition_on_every_char() {
        for c in char::MIN..=char::MAX {
            let mut buf = [0u8; 8];
            let n = c.encode_utf8(&mut buf[2..6]).len();
            // At the end of the text and inside it.
            assert_eq!(class_at(&CLASSES, &buf[..2 + n], 2), (n, class_of(c)), "{c:?}");
            assert_eq!(class_at(&CLASSES, &buf, 2), (n, class_of(c)), "{c:?}");
        }
        for (k, c) in Classes::chars() {
            assert_eq!(CLASSES.0[k], class_of(c), "{c:?}");
        }
    }

    #[test]
    fn words_agree_with_their_plain_definition() {
        // Texts drawn from characters of every path: ASCII, Latin-1, Vietnamese, punctuation
        // and spaces of U+2000, marks, characters whose lowercase is longer or several.
        let alphabet: Vec<char> = "aZ9 .,\t\n-ĐđƯưỞởạẠÀàÝ×÷\u{a0}\u{2003}“”…–\u{301}ȺİẞΣσ中😀ǅ\u{1680}ⅫⓐK"
            .chars()
            .collect();
        let mut next = docbao_extract::text::test_rng(12345);
        for round in 0..3000 {
            let len = round % 60;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let mut want: Vec<String> = Vec::new();
            for w in words(&text) {
                let low: String = w.chars().map(chars::lower).collect();
                if !want.contains(&low) {
                    want.push(low);
                }
            }
            let count = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            let (a, n) = ArticleWords::counting("", [text.as_str()].into_iter());
            assert_eq!(n, count, "{text:?}");
            assert_eq!(a.iter().map(|(w, _)| w).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn words_are_cut_at_line_ends_as_a_split_would() {
        for (text, in_title) in [
            ("", 0),
            ("a", 1),
            ("a\nbb\nccc", 1),
            ("\n\nhòa\n\nthuận\n", 2),
            ("một\nhai\nba\nbốn\nnăm", 5),
            ("\n", 0),
        ] {
            let a = ArticleWords {
                text: text.to_string(),
                in_title,
            };
            let mut got = Vec::new();
            a.for_each(|w, t| got.push((w.to_string(), t)));
            let want: Vec<(String, bool)> = a.iter().map(|(w, t)| (w.to_string(), t)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn keys_are_the_first_eight_bytes() {
        let text = "trưởng bộ x ab abc abcd abcdefg abcdefgh abcdefghi Nguyễn người ạ 2025";
        let b = text.as_bytes();
        for start in 0..b.len() {
            for end in start + 1..=b.len().min(start + 12) {
                let w = &b[start..end];
                let mut want = [0u8; 8];
                let n = w.len().min(8);
                want[..n].copy_from_slice(&w[..n]);
                let want = u64::from_le_bytes(want);
                assert_eq!(key(w), want, "{w:?}");
                assert_eq!(key_at(b, start, end - start), want, "{w:?}");
            }
        }
    }

    #[test]
    fn title_words_come_first_and_are_not_repeated() {
        let a = ArticleWords::new("Tin tức", ["tin nóng, tức thì"].into_iter());
        let v: Vec<(&str, bool)> = a.iter().collect();
        assert_eq!(
            v,
            vec![("tin", true), ("tức", true), ("nóng", false), ("thì", false)]
        );
    }
}
