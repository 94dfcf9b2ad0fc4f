//! Word lists the person finder reads: titles and cues, bodies and their fields, words that make
//! the next name a place or a thing (streets, ships, schools), Vietnamese surnames, and the place
//! gazetteer (`assets/places.txt`). Built once, shared by every loader thread.

use super::sentence::Sentence;
use crate::hash::WordMap;
use crate::text::fold;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Kinds of multi-word phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Vietnamese titles and role words before a name (`Bộ trưởng`, `người phát ngôn`); any case.
    Title,
    /// Administrative bodies after a title (`Bộ`, `Sở`, `UBND`): followed by fields and places.
    Body,
    /// Bodies that carry a name of their own (`Công ty`, `Trường`): their name is not a person.
    NamedBody,
    /// Words after which the next capitalised name is a place or a thing: streets, bridges,
    /// ships, schools, prizes (`phố Trần Hưng Đạo`, `tàu USS George Washington`).
    Thing,
    /// Kinds of place before a place name (`tỉnh`, `thành phố`, `TP`), and `tại`, `of`.
    PlaceKind,
    /// Fields of ministries and bodies (`Quốc phòng`, `Ngoại giao`, `Nội vụ`).
    Field,
    /// `assets/places.txt`: names that are never persons (case kept).
    Place,
}

/// Flags of single words (looked up lowercased).
pub mod flag {
    /// `ông`, `bà`, `anh`, `chị`...: cues only in lower case or at a sentence start.
    pub const PRONOUN: u32 = 1;
    /// English titles and roles: `minister`, `spokeswoman`, `president`.
    pub const EN_TITLE: u32 = 1 << 1;
    /// English field words in titles: `defense`, `foreign`.
    pub const EN_FIELD: u32 = 1 << 2;
    /// English nationality adjectives: `british`, `south`, `korean`.
    pub const NATIONALITY: u32 = 1 << 3;
    /// English words that end the name of a body, place or thing: `committee`.
    pub const EN_THING: u32 = 1 << 4;
    /// English words that start the name of a thing: `camp`, `uss`, `typhoon`.
    pub const EN_THING_PREFIX: u32 = 1 << 5;
    /// Capitalised function words that never start a name: `the`, `in`.
    pub const FUNCTION: u32 = 1 << 6;
    /// Months and weekdays: capitalised, but never names.
    pub const CALENDAR: u32 = 1 << 7;
    /// A Vietnamese surname (with marks).
    pub const SURNAME: u32 = 1 << 8;
    /// A Vietnamese surname folded to ASCII (`nguyen`), for English text.
    pub const SURNAME_ASCII: u32 = 1 << 9;
    /// Particles inside foreign names: `von`, `bin`.
    pub const PARTICLE: u32 = 1 << 10;
    /// `Mr.`, `Ms.`, `Dr.`: cues in their capitalised form.
    pub const HONORIFIC: u32 = 1 << 11;
    /// `cựu`, `former`: skipped before a title.
    pub const MODIFIER: u32 = 1 << 12;
}

struct Phrase {
    kind: Kind,
    /// Lowercase words, or for places the words as written.
    words: Vec<String>,
}

/// What the lexicon knows about one (lowercased) word.
#[derive(Default)]
pub struct WordInfo {
    pub flags: u32,
    /// Kinds of the phrases starting with the word (bit per [`Kind`]).
    starts: u8,
    /// Phrases starting with the word, by kind, longest first within a kind.
    phrases: Vec<Phrase>,
    /// Where each kind's phrases are in `phrases`.
    spans: [(u16, u16); KINDS],
}

const KINDS: usize = 7;

/// Every list, built once: one map from lowercased words to what they are. (The longest word
/// is checked in the tests to stay under `look_up`'s limit.)
pub struct Lexicon {
    words: WordMap<String, u32>,
    infos: Vec<WordInfo>,
    /// The words again, for [`Lexicon::info`]: an open-addressed table (linear probing, at most
    /// half full) of `tag << 32 | index + 1`, 0 for an empty slot, the tag being the high half
    /// of the word's [`word_hash`]; the words themselves are in `keys`, by index. Where the
    /// map's probe compared every hit with a call to `memcmp`, a slot whose tag differs is
    /// passed over without reading the word, and a word is compared inline ([`same_word`]).
    table: Box<[u64]>,
    keys: Vec<Box<str>>,
    /// A quick filter over the words' lengths and first, second and last bytes: most words of
    /// a text are in no list, and this says so without hashing them.
    filter: Box<[u64; FILTER_WORDS]>,
}

const FILTER_WORDS: usize = 1024;

/// The filter's bit for a word.
#[inline]
fn filter_bit(w: &[u8]) -> usize {
    let (a, b, z) = match w {
        [] => (0, 0, 0),
        [a] => (*a, 0, *a),
        [a, b, .., z] => (*a, *b, *z),
        [a, b] => (*a, *b, *b),
    };
    let h = (w.len() as u32)
        .wrapping_mul(0x9E37_79B9)
        .wrapping_add((a as u32) << 16 | (b as u32) << 8 | z as u32)
        .wrapping_mul(0x85EB_CA6B);
    (h >> 16) as usize % (FILTER_WORDS * 64)
}

impl Lexicon {
    fn entry(&mut self, low: &str) -> &mut WordInfo {
        let i = match self.words.get(low) {
            Some(&i) => i as usize,
            None => {
                let bit = filter_bit(low.as_bytes());
                self.filter[bit / 64] |= 1 << (bit % 64);
                self.words.insert(low.to_string(), self.infos.len() as u32);
                self.infos.push(WordInfo::default());
                self.infos.len() - 1
            }
        };
        &mut self.infos[i]
    }

    fn add_flag(&mut self, items: &[&str], f: u32) {
        for it in items {
            self.entry(&it.to_lowercase()).flags |= f;
        }
    }

    fn add_phrases(&mut self, items: &[&str], kind: Kind) {
        for it in items {
            self.add_phrase(it, kind);
        }
    }

    fn add_phrase(&mut self, phrase: &str, kind: Kind) {
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| {
                if kind == Kind::Place {
                    w.to_string()
                } else {
                    w.to_lowercase()
                }
            })
            .collect();
        let Some(first) = words.first() else { return };
        let e = self.entry(&first.to_lowercase());
        e.starts |= 1 << kind as u8;
        e.phrases.push(Phrase { kind, words });
        e.phrases
            .sort_by_key(|p| (p.kind as u8, std::cmp::Reverse(p.words.len())));
        let mut spans = [(0u16, 0u16); KINDS];
        for (i, p) in e.phrases.iter().enumerate() {
            let k = p.kind as usize;
            if spans[k].1 == 0 {
                spans[k].0 = i as u16;
            }
            spans[k].1 = i as u16 + 1;
        }
        e.spans = spans;
    }

    /// What the lexicon knows about a lowercased word.
    pub fn info(&self, low: &str) -> Option<&WordInfo> {
        self.find(low)
    }

    /// [`Lexicon::info`], inlined into [`look_up`], which calls it for most words near a
    /// capital (as a call, its entry and exit cost a fifth of it).
    #[inline(always)]
    fn find(&self, low: &str) -> Option<&WordInfo> {
        let bit = filter_bit(low.as_bytes());
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let h = word_hash(low.as_bytes());
        let mask = self.table.len().wrapping_sub(1);
        let mut pos = h as usize & mask;
        // The table is at most half full: the probe ends at an empty slot.
        loop {
            let slot = *self.table.get(pos)?;
            if slot == 0 {
                return None;
            }
            if slot >> 32 == h >> 32 {
                let i = (slot as u32).wrapping_sub(1) as usize;
                if self
                    .keys
                    .get(i)
                    .is_some_and(|k| same_word(k.as_bytes(), low.as_bytes()))
                {
                    return self.infos.get(i);
                }
            }
            pos = (pos + 1) & mask;
        }
    }

    /// The plain lookup [`Lexicon::info`] answers as.
    #[cfg(test)]
    fn info_by_map(&self, low: &str) -> Option<&WordInfo> {
        self.words.get(low).map(|&i| &self.infos[i as usize])
    }

    /// Fills `table` and `keys` from `words`, once every word is in.
    fn index(&mut self) {
        let mut keys: Vec<Box<str>> = vec![Box::from(""); self.infos.len()];
        for (w, &i) in &self.words {
            keys[i as usize] = w.as_str().into();
        }
        let size = (self.words.len() * 2).next_power_of_two().max(16);
        let mut table = vec![0u64; size].into_boxed_slice();
        for (i, k) in keys.iter().enumerate() {
            let h = word_hash(k.as_bytes());
            let mut pos = h as usize & (size - 1);
            while table[pos] != 0 {
                pos = (pos + 1) & (size - 1);
            }
            table[pos] = h & !0xFFFF_FFFF | (i as u64 + 1);
        }
        self.table = table;
        self.keys = keys;
    }

    /// Whether a lowercased word has a flag.
    pub fn word_has(&self, low: &str, f: u32) -> bool {
        self.info(low).is_some_and(|w| w.flags & f != 0)
    }

    /// Whether a whole name (words separated by spaces) is a place of the gazetteer.
    pub fn is_place(&self, text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        let Some(first) = words.first() else { return false };
        self.info(&first.to_lowercase()).is_some_and(|w| {
            w.phrases.iter().any(|p| {
                p.kind == Kind::Place
                    && p.words.len() == words.len()
                    && p.words.iter().zip(&words).enumerate().all(|(k, (a, b))| {
                        if k == 0 && a.starts_with(char::is_lowercase) {
                            a.to_lowercase() == b.to_lowercase()
                        } else {
                            a == b
                        }
                    })
            })
        })
    }
}

/// The hash of a word for [`Lexicon::info`]'s table.
#[inline]
fn word_hash(w: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::hash::WordHasher::default();
    h.write(w);
    h.finish()
}

/// `a == b`, compared inline for words of up to 16 bytes (most words of the lists and of
/// text), in two loads of each that may overlap, where `==` calls `memcmp`.
#[inline(always)]
fn same_word(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u32_at = |x: &[u8], k: usize| u32::from_le_bytes([x[k], x[k + 1], x[k + 2], x[k + 3]]);
    let u64_at = |x: &[u8], k: usize| u64::from(u32_at(x, k)) | u64::from(u32_at(x, k + 4)) << 32;
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=8 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        9..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        _ => a == b,
    }
}

/// What the lexicon says about each word of a sentence.
pub type Infos = Vec<Looked>;

/// What the lexicon says about one word of a sentence, with the phrases found from it so far.
#[derive(Clone)]
pub struct Looked {
    info: Option<&'static WordInfo>,
    /// Per kind, a byte each (kind `k` in bits `8k..8k+8`): the length of the phrase starting
    /// here, 0 for none, `UNKNOWN` until asked. One word, so that a sentence's blank entries
    /// are written with two stores each, where an array of cells was cloned cell by cell.
    memo: Cell<u64>,
}

const UNKNOWN: u8 = u8::MAX;
// A memo byte per kind fits in `Looked::memo`.
const _: () = assert!(KINDS <= 8);

/// Looks up the words of a sentence once, into a reusable buffer. Only words near a capital
/// are looked up: a title or cue stands at most a few words before the name it announces,
/// evidence right after it; a lower-case word far from any capital plays no part.
pub fn look_up(lex: &'static Lexicon, s: &Sentence, out: &mut Infos) {
    const BEFORE: usize = 6;
    const AFTER: usize = 2;
    // No listed word is longer than this, or starts with a digit.
    const LONGEST: usize = 32;
    out.clear();
    let n = s.len();
    out.resize(
        n,
        Looked {
            info: None,
            memo: Cell::new(u64::MAX),
        },
    );
    // The words near a capital are the windows `c - BEFORE ..= c + AFTER` around each capital
    // `c`: each window is looked up from where the previous one ended, and the words between
    // windows are not visited at all.
    let mut done = 0;
    for (c, t) in s.toks.iter().enumerate() {
        if !t.cap {
            continue;
        }
        let from = done.max(c.saturating_sub(BEFORE));
        let to = n.min(c + AFTER + 1);
        for (slot, t) in out[from..to].iter_mut().zip(&s.toks[from..to]) {
            let w = s.low_of(t);
            if w.len() <= LONGEST && !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                slot.info = lex.find(w);
            }
        }
        done = to;
    }
}

/// The lexicon's view of one sentence.
pub struct View<'s, 'a> {
    pub s: &'s Sentence<'a>,
    info: &'s [Looked],
}

impl<'s, 'a> View<'s, 'a> {
    /// A view over a sentence and the words looked up by [`look_up`].
    pub fn new(s: &'s Sentence<'a>, info: &'s [Looked]) -> Self {
        View { s, info }
    }

    /// Word `i` is in some list.
    #[inline]
    pub fn known(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|l| l.info.is_some())
    }

    /// Word `i` has a flag.
    #[inline]
    pub fn has(&self, i: usize, f: u32) -> bool {
        self.info
            .get(i)
            .and_then(|l| l.info)
            .is_some_and(|w| w.flags & f != 0)
    }

    /// Length in words of the longest phrase of a kind starting at word `i`, its words not
    /// split by punctuation.
    #[inline]
    pub fn at(&self, kind: Kind, i: usize) -> Option<usize> {
        let l = self.info.get(i)?;
        let w = l.info?;
        if w.starts & (1 << kind as u8) == 0 {
            return None;
        }
        let shift = 8 * kind as u32;
        let memo = l.memo.get();
        let n = match (memo >> shift) as u8 {
            UNKNOWN => {
                let n = self.phrase_at(w, kind, i).map_or(0, |n| n.min(254) as u8);
                l.memo.set(memo & !(0xFF << shift) | u64::from(n) << shift);
                n
            }
            n => n,
        };
        (n > 0).then_some(n as usize)
    }

    fn phrase_at(&self, w: &WordInfo, kind: Kind, i: usize) -> Option<usize> {
        let s = self.s;
        let (from, to) = w.spans[kind as usize];
        'outer: for p in &w.phrases[from as usize..to as usize] {
            let n = p.words.len();
            if i + n > s.len() {
                continue;
            }
            if kind == Kind::Place {
                let first = &p.words[0];
                let ok = if first.starts_with(char::is_lowercase) {
                    same_word(s.low(i).as_bytes(), first.as_bytes())
                } else {
                    same_word(s.word(i).as_bytes(), first.as_bytes())
                };
                if !ok {
                    continue;
                }
            }
            for k in 1..n {
                if !s.joined(i + k - 1) {
                    continue 'outer;
                }
                let ok = if kind == Kind::Place {
                    same_word(s.word(i + k).as_bytes(), p.words[k].as_bytes())
                } else {
                    same_word(s.low(i + k).as_bytes(), p.words[k].as_bytes())
                };
                if !ok {
                    continue 'outer;
                }
            }
            return Some(n);
        }
        None
    }
}

pub const PLACES_TXT: &str = include_str!("../../../assets/places.txt");

// The word lists, embedded from `assets/lexicon/` (a word or phrase per line).
const VN_TITLES: &str = include_str!("../../../assets/lexicon/vn_titles.txt");
const EN_TITLES: &str = include_str!("../../../assets/lexicon/en_titles.txt");
const BODIES: &str = include_str!("../../../assets/lexicon/bodies.txt");
const NAMED_BODIES: &str = include_str!("../../../assets/lexicon/named_bodies.txt");
const THINGS: &str = include_str!("../../../assets/lexicon/things.txt");
const PLACE_KINDS: &str = include_str!("../../../assets/lexicon/place_kinds.txt");
const FIELDS: &str = include_str!("../../../assets/lexicon/fields.txt");
const EN_FIELDS: &str = include_str!("../../../assets/lexicon/en_fields.txt");
const NATIONALITIES: &str = include_str!("../../../assets/lexicon/nationalities.txt");
const EN_THINGS: &str = include_str!("../../../assets/lexicon/en_things.txt");
const EN_THING_PREFIXES: &str = include_str!("../../../assets/lexicon/en_thing_prefixes.txt");
const FUNCTION_WORDS: &str = include_str!("../../../assets/lexicon/function_words.txt");
const CALENDAR_WORDS: &str = include_str!("../../../assets/lexicon/calendar_words.txt");
const SURNAMES: &str = include_str!("../../../assets/lexicon/surnames.txt");
const PRONOUNS: &str = include_str!("../../../assets/lexicon/pronouns.txt");
const HONORIFICS: &str = include_str!("../../../assets/lexicon/honorifics.txt");
const PARTICLES: &str = include_str!("../../../assets/lexicon/particles.txt");
const MODIFIERS: &str = include_str!("../../../assets/lexicon/modifiers.txt");

/// The entries of a word list: one per line; blank lines and `#` comments skipped.
fn list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The shared lexicon.
pub fn get() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

fn build() -> Lexicon {
    let mut lex = Lexicon {
        words: HashMap::default(),
        infos: Vec::new(),
        table: Box::new([]),
        keys: Vec::new(),
        filter: Box::new([0; FILTER_WORDS]),
    };
    for line in PLACES_TXT.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        lex.add_phrase(l, Kind::Place);
    }
    lex.add_phrases(&list(VN_TITLES), Kind::Title);
    lex.add_phrases(&list(BODIES), Kind::Body);
    lex.add_phrases(&list(NAMED_BODIES), Kind::NamedBody);
    lex.add_phrases(&list(THINGS), Kind::Thing);
    lex.add_phrases(&list(PLACE_KINDS), Kind::PlaceKind);
    lex.add_phrases(&list(FIELDS), Kind::Field);
    use flag::*;
    lex.add_flag(&list(PRONOUNS), PRONOUN);
    lex.add_flag(&list(HONORIFICS), HONORIFIC);
    lex.add_flag(&list(EN_TITLES), EN_TITLE);
    lex.add_flag(&list(EN_FIELDS), EN_FIELD);
    lex.add_flag(&list(NATIONALITIES), NATIONALITY);
    lex.add_flag(&list(EN_THINGS), EN_THING);
    lex.add_flag(&list(EN_THING_PREFIXES), EN_THING_PREFIX);
    lex.add_flag(&list(FUNCTION_WORDS), FUNCTION);
    lex.add_flag(&list(CALENDAR_WORDS), flag::CALENDAR);
    lex.add_flag(&list(SURNAMES), SURNAME);
    let folded: Vec<String> = list(SURNAMES).iter().map(|s| fold(s)).collect();
    let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
    lex.add_flag(&folded, SURNAME_ASCII);
    lex.add_flag(&list(PARTICLES), PARTICLE);
    lex.add_flag(&list(MODIFIERS), MODIFIER);
    lex.index();
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_listed_word_is_too_long_or_numeric() {
        for w in get().words.keys() {
            assert!(w.len() <= 32, "{w}");
            assert!(!w.as_bytes()[0].is_ascii_digit(), "{w}");
        }
    }

    #[test]
    fn same_word_is_equality() {
        let pieces = ["", "a", "b", "ạ", "ả", "ông", "x", "yz", "đ", "Đ"];
        let mut words: Vec<String> = Vec::new();
        let mut next = crate::text::test_rng(0x5a3e_0f0d);
        for _ in 0..4000 {
            let n = (next() % 12) as usize;
            words.push(crate::text::test_mix(&mut next, &pieces, n));
        }
        // Words one byte apart at every place, of every length up to 40.
        for n in 0..40 {
            let w: Vec<u8> = (0..n as u8).map(|k| b'a' + k % 26).collect();
            for at in 0..n {
                let mut v = w.clone();
                v[at] ^= 1;
                assert!(!same_word(&w, &v), "{n} {at}");
                assert!(same_word(&w, &w.clone()));
            }
        }
        for a in &words {
            for b in words.iter().take(200) {
                assert_eq!(same_word(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn table_lookup_agrees_with_the_map() {
        let lex = get();
        for w in lex.words.keys() {
            assert!(
                std::ptr::eq(lex.info(w).unwrap(), lex.info_by_map(w).unwrap()),
                "{w}"
            );
            // Near misses: one byte off, cut, extended.
            for v in [
                format!("{w}a"),
                format!("a{w}"),
                w.chars().skip(1).collect::<String>(),
                w.chars().rev().collect::<String>(),
            ] {
                assert_eq!(
                    lex.info(&v).map(|i| i as *const WordInfo),
                    lex.info_by_map(&v).map(|i| i as *const WordInfo),
                    "{v}"
                );
            }
        }
        let text = "Phó Thủ tướng Nguyễn Hòa Bình thăm tỉnh Hòa Bình và TP Hồ Chí Minh, ông nói hôm nay.";
        for w in text.split(' ').chain(["", "x", "THỦ", "thủ tướng"]) {
            let w = w.to_lowercase();
            assert_eq!(
                lex.info(&w).map(|i| i as *const WordInfo),
                lex.info_by_map(&w).map(|i| i as *const WordInfo),
                "{w}"
            );
        }
    }

    #[test]
    fn memoised_lengths_agree_with_phrase_at() {
        let lex = get();
        let kinds = [
            Kind::Title,
            Kind::Body,
            Kind::NamedBody,
            Kind::Thing,
            Kind::PlaceKind,
            Kind::Field,
            Kind::Place,
        ];
        let mut info = Infos::new();
        for t in [
            "Phó Thủ tướng Nguyễn Hòa Bình thăm tỉnh Hòa Bình và TP Hồ Chí Minh.",
            "Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh kiểm tra phố Trần Hưng Đạo.",
            "Bộ trưởng Quốc phòng Nhật Bản Nakatani Gen tiếp Bộ trưởng Ngoại giao Mỹ.",
        ] {
            let s = Sentence::new(t);
            look_up(lex, &s, &mut info);
            let v = View::new(&s, &info);
            // Asked in two orders, twice: each answer is the plain one.
            for round in 0..2 {
                for (i, looked) in info.iter().enumerate() {
                    for k in 0..kinds.len() {
                        let kind = kinds[if round == 0 { k } else { kinds.len() - 1 - k }];
                        let want = looked
                            .info
                            .filter(|w| w.starts & (1 << kind as u8) != 0)
                            .and_then(|w| v.phrase_at(w, kind, i));
                        assert_eq!(v.at(kind, i), want, "{t:?} {i} {kind:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn finds_phrases_at_tokens() {
        let lex = get();
        let s = Sentence::new("Phó Thủ tướng Nguyễn Hòa Bình thăm tỉnh Hòa Bình và TP Hồ Chí Minh.");
        let mut info = Infos::new();
        look_up(lex, &s, &mut info);
        let v = View::new(&s, &info);
        assert_eq!(v.at(Kind::Title, 0), Some(3));
        assert_eq!(v.at(Kind::Place, 3), None);
        assert_eq!(v.at(Kind::Place, 4), Some(2));
        assert_eq!(v.at(Kind::Place, 11), Some(4));
        assert_eq!(v.at(Kind::Thing, 7), Some(1));
        assert!(v.has(3, flag::SURNAME));
        assert!(lex.is_place("Triều Tiên"));
        assert!(!lex.is_place("triều tiên"));
        assert!(lex.word_has("nguyen", flag::SURNAME_ASCII));
        // `anh` the pronoun is not `Anh` the country.
        let s = Sentence::new("Gặp anh Tuấn ở Anh.");
        look_up(lex, &s, &mut info);
        let v = View::new(&s, &info);
        assert_eq!(v.at(Kind::Place, 1), None);
        assert_eq!(v.at(Kind::Place, 4), Some(1));
        assert!(v.has(1, flag::PRONOUN));
    }
}
