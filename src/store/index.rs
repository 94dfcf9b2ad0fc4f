//! The word index: every distinct word of the archive's titles and bodies, with the articles
//! that use it. A query word is looked up by prefix in the sorted dictionary instead of scanning
//! every article's text, so a keystroke costs what the matching words' posting lists cost, not
//! what the archive weighs.
//!
//! Words are the maximal runs of alphanumeric characters, lowercased. Each dictionary entry
//! keeps its folded form (no marks: what a query typed without diacritics matches) and its
//! tone key (marks kept, old and new tone placement equal: what a query typed with diacritics
//! matches). Postings are article ids in ascending order, shifted left one bit, the low bit set
//! when the word is in the article's title.

use crate::extract::lexicon::{FastMap, FastSet};
use crate::store::postings::Postings;
use crate::store::ArticleId;
use crate::text::chars;
use crate::text::fold::{fold, tone_key};
use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

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
        // Words are lowered one by one (a word already in lower case is borrowed as it is),
        // which gives the words of the lowered text: lowering keeps every character's class.
        let mut lowered = String::new();
        let mut list: Vec<Word<'a>> = Vec::with_capacity(64);
        split_lowered(title, &mut lowered, &mut list);
        let in_title_words = list.len();
        let mut count = 0;
        for t in body {
            count += split_lowered(t, &mut lowered, &mut list);
        }
        let mut seen: HashSet<&str, BuildHasherDefault<WordHasher>> =
            HashSet::with_capacity_and_hasher(list.len(), Default::default());
        let mut text = String::with_capacity(list.len() * 4);
        let word = |w: &Word<'a>| match *w {
            Word::Text(s) => s,
            Word::Lowered(a, b) => &lowered[a as usize..b as usize],
        };
        for w in &list[..in_title_words] {
            let w = word(w);
            if seen.insert(w) {
                push_word(&mut text, w);
            }
        }
        let in_title = seen.len();
        for w in &list[in_title_words..] {
            let w = word(w);
            if seen.insert(w) {
                push_word(&mut text, w);
            }
        }
        // Held until the store takes it in: no room to spare (it was sized for every word).
        text.shrink_to_fit();
        (ArticleWords { text, in_title }, count)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Bytes held on the heap.
    pub fn heap_len(&self) -> usize {
        self.text.capacity()
    }

    fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        self.text
            .split('\n')
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(move |(i, w)| (w, i < self.in_title))
    }
}

fn push_word(text: &mut String, w: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(w);
}

/// A hasher for the words of one article (a set that lives for one call, so no defence against
/// crafted keys is needed): eight bytes a step, where FNV takes one.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // Fold the high half of a full product into the low bits, which pick the bucket.
        let m = (self.0 as u128).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (m as u64) ^ ((m >> 64) as u64)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xF135_7AEA_2E62_A9C5;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut w = [0u8; 8];
            w[..tail.len()].copy_from_slice(tail);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w) ^ (tail.len() as u64) << 59).wrapping_mul(K);
        }
        self.0 = h;
    }
}

/// A lowercase word: borrowed from the text, or a range of the lowered copies.
enum Word<'a> {
    Text(&'a str),
    Lowered(u32, u32),
}

/// Appends the words of `s` (see [`words`]), lowercased, to `out`; the words that had to be
/// lowered are copied to `lowered`. Returns how many whitespace-separated pieces of `s` hold a
/// letter or digit.
fn split_lowered<'a>(s: &'a str, lowered: &mut String, out: &mut Vec<Word<'a>>) -> usize {
    let b = s.as_bytes();
    // Whitespace-separated pieces with a letter or digit, and whether the current one has one.
    let mut pieces = 0;
    let mut piece_alnum = false;
    let mut word: Option<Reading> = None;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (c, len, class) = if x < 0x80 {
            (x as char, 1, ASCII_CLASS[x as usize])
        } else {
            let (c, len) = chars::decode_at(b, i);
            let class = if chars::is_alphanumeric(c) {
                WORD | if chars::lower(c) != c { UPPER } else { 0 }
            } else if chars::is_whitespace(c) {
                SPACE
            } else {
                0
            };
            (c, len, class)
        };
        if class & WORD != 0 {
            let upper = class & UPPER != 0;
            match &mut word {
                None => {
                    word = Some(Reading {
                        start: i,
                        first: c,
                        first_upper: upper,
                        rest_upper: false,
                        ascii: len == 1,
                    })
                }
                Some(r) => {
                    r.rest_upper |= upper;
                    r.ascii &= len == 1;
                }
            }
            piece_alnum = true;
        } else {
            if let Some(r) = word.take() {
                r.end(s, i, lowered, out);
            }
            if class & SPACE != 0 {
                pieces += piece_alnum as usize;
                piece_alnum = false;
            }
        }
        i += len;
    }
    if let Some(r) = word {
        r.end(s, b.len(), lowered, out);
    }
    pieces + piece_alnum as usize
}

/// A word being read by [`split_lowered`].
struct Reading {
    start: usize,
    first: char,
    /// The first char, or a later one, needs lowering.
    first_upper: bool,
    rest_upper: bool,
    ascii: bool,
}

impl Reading {
    /// The word ends before `end`: adds it, lowered, to `out`.
    #[inline]
    fn end<'a>(self, s: &'a str, end: usize, lowered: &mut String, out: &mut Vec<Word<'a>>) {
        let w = &s[self.start..end];
        if !self.first_upper && !self.rest_upper {
            out.push(Word::Text(w));
            return;
        }
        let from = lowered.len();
        if self.ascii {
            lowered.push_str(w);
            lowered[from..].make_ascii_lowercase();
        } else if !self.rest_upper {
            // `Đại`, `Ông`: only the first letter to lower.
            lowered.push(chars::lower(self.first));
            lowered.push_str(&w[self.first.len_utf8()..]);
        } else {
            lowered.reserve(w.len() + 4);
            lowered.extend(w.chars().map(chars::lower));
        }
        out.push(Word::Lowered(from as u32, lowered.len() as u32));
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

/// One dictionary word.
#[derive(Debug)]
pub struct Entry {
    /// The word as written, lowercase.
    pub word: Box<str>,
    pub folded: Box<str>,
    pub marked: Box<str>,
    /// Some article has it in its title.
    pub in_title: bool,
    /// `id << 1 | in_title`, ascending.
    pub postings: Postings,
}

/// The dictionary and its posting lists.
#[derive(Debug, Default)]
pub struct WordIndex {
    ids: FastMap<Box<str>, u32>,
    entries: Vec<Entry>,
    /// (folded, entry) in order, for prefix ranges.
    sorted: BTreeSet<(Box<str>, u32)>,
    postings: usize,
}

impl WordIndex {
    /// Adds one article's words. Ids must arrive in ascending order (the store hands them out
    /// so), which keeps every posting list sorted without sorting.
    pub fn add(&mut self, id: ArticleId, words: &ArticleWords) {
        for (w, title) in words.iter() {
            let e = match self.ids.get(w) {
                Some(&e) => e,
                None => {
                    let e = self.entries.len() as u32;
                    let folded: Box<str> = fold(w).into();
                    self.sorted.insert((folded.clone(), e));
                    self.entries.push(Entry {
                        word: w.into(),
                        folded,
                        marked: tone_key(w).into(),
                        in_title: false,
                        postings: Postings::default(),
                    });
                    self.ids.insert(w.into(), e);
                    e
                }
            };
            let entry = &mut self.entries[e as usize];
            entry.in_title |= title;
            entry.postings.push_growing(id.0 << 1 | title as u32);
            self.postings += 1;
        }
    }

    /// Rebuilds the lookups around stored entries (see `store::cache`).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let mut ix = WordIndex {
            ids: FastMap::with_capacity_and_hasher(entries.len(), Default::default()),
            sorted: entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.folded.clone(), i as u32))
                .collect(),
            postings: entries.iter().map(|e| e.postings.len()).sum(),
            entries: Vec::new(),
        };
        for (i, e) in entries.iter().enumerate() {
            ix.ids.insert(e.word.clone(), i as u32);
        }
        ix.entries = entries;
        ix
    }

    /// The highest article id in any posting list.
    pub fn max_id(&self) -> Option<u32> {
        self.entries
            .iter()
            .filter_map(|e| e.postings.last())
            .map(|p| p >> 1)
            .max()
    }

    /// Gives back spare capacity once loading is over, and turns common words' lists into
    /// bitmaps (see [`Postings`]) for an archive whose ids are below `id_bound`.
    pub fn shrink(&mut self, id_bound: usize) {
        for e in &mut self.entries {
            e.postings.compact(id_bound);
        }
        self.entries.shrink_to_fit();
    }

    /// Entries whose folded form starts with `prefix`.
    pub fn prefixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        let start: (Box<str>, u32) = (prefix.into(), 0);
        self.sorted
            .range(start..)
            .take_while(move |(f, _)| f.starts_with(prefix))
            .map(|(_, e)| &self.entries[*e as usize])
    }

    /// Every entry, for scans of the vocabulary (substrings, typos).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Entries whose folded form starts with `first` (one character), for typo matching.
    pub fn starting_with(&self, first: char) -> impl Iterator<Item = &Entry> + '_ {
        let lo: Box<str> = first.to_string().into();
        self.sorted
            .range((lo, 0)..)
            .take_while(move |(f, _)| f.starts_with(first))
            .map(|(_, e)| &self.entries[*e as usize])
    }

    pub fn words(&self) -> usize {
        self.entries.len()
    }

    pub fn postings(&self) -> usize {
        self.postings
    }
}

/// The persons of the archive by folded name, with their articles, and the words of the names
/// sorted for prefix lookups: a query word matches a person when it starts a word of the name.
#[derive(Debug, Default)]
pub struct PersonPostings {
    ids: FastMap<Box<str>, u32>,
    names: Vec<(Box<str>, Vec<u32>)>,
    words: BTreeSet<(Box<str>, u32)>,
}

impl PersonPostings {
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Adds an article's folded person names (ids ascending).
    pub fn add<'a>(&mut self, id: ArticleId, folded_names: impl Iterator<Item = &'a str>) {
        for name in folded_names {
            let n = match self.ids.get(name) {
                Some(&n) => n,
                None => {
                    let n = self.names.len() as u32;
                    for w in words(name) {
                        self.words.insert((w.into(), n));
                    }
                    self.names.push((name.into(), Vec::new()));
                    self.ids.insert(name.into(), n);
                    n
                }
            };
            let list = &mut self.names[n as usize].1;
            if list.last() != Some(&id.0) {
                list.push(id.0);
            }
        }
    }

    /// Articles naming a person with a name word starting with `prefix`.
    pub fn prefixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a [u32]> + 'a {
        let start: (Box<str>, u32) = (prefix.into(), 0);
        let mut seen = FastSet::default();
        self.words
            .range(start..)
            .take_while(move |(w, _)| w.starts_with(prefix))
            .filter(move |(_, n)| seen.insert(*n))
            .map(|(_, n)| self.names[*n as usize].1.as_slice())
    }

    /// Articles naming exactly this person (folded name).
    pub fn named(&self, folded: &str) -> &[u32] {
        self.ids
            .get(folded)
            .map_or(&[], |&n| self.names[n as usize].1.as_slice())
    }

    /// Every folded name with its articles.
    pub fn names(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.names.iter().map(|(n, l)| (&**n, l.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_lookup_finds_marked_and_unmarked_words() {
        let mut ix = WordIndex::default();
        let a = ArticleWords::new(
            "Bộ trưởng Quốc phòng",
            ["Ông Hegseth nói, Bộ Quốc phòng: hoà bình."].into_iter(),
        );
        ix.add(ArticleId(0), &a);
        let b = ArticleWords::new("Hòa bình", ["trường học"].into_iter());
        ix.add(ArticleId(1), &b);
        let truong: Vec<&str> = ix.prefixed("truong").map(|e| &*e.marked).collect();
        assert_eq!(truong, vec!["trưởng", "trường"]);
        let hoa: Vec<&Entry> = ix.prefixed("hoa").collect();
        // "hoà" and "hòa" are two spellings of one word; both keep the same tone key.
        assert!(hoa.iter().all(|e| &*e.marked == "hòa"));
        let postings: Vec<u32> = hoa.iter().flat_map(|e| e.postings.iter()).collect();
        assert!(postings.contains(&0) && postings.contains(&(1 << 1 | 1)));
        assert_eq!(ix.prefixed("zz").count(), 0);
        assert!(ix.starting_with('h').all(|e| e.folded.starts_with('h')));
        assert_eq!(ix.starting_with('h').count(), 4); // hegseth, hoà, hòa, học
    }

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
    fn title_words_come_first_and_are_not_repeated() {
        let a = ArticleWords::new("Tin tức", ["tin nóng, tức thì"].into_iter());
        let v: Vec<(&str, bool)> = a.iter().collect();
        assert_eq!(
            v,
            vec![("tin", true), ("tức", true), ("nóng", false), ("thì", false)]
        );
    }
}
