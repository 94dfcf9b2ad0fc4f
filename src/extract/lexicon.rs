//! Word lists the person finder reads: titles and cues, bodies and their fields, words that make
//! the next name a place or a thing (streets, ships, schools), Vietnamese surnames, and the place
//! gazetteer (`assets/places.txt`). Built once, shared by every loader thread.

use super::sentence::Sentence;
use crate::text::fold;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the maps here are hit once or twice per word of every article, with short keys
/// (measured faster than SipHash and than an FxHash-style multiply-rotate on this workload);
/// their keys are built into the binary, so no defence against crafted keys is needed.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A hasher for the lexicon's words (hit for most words of every sentence near a capital) and
/// for names:
/// eight bytes per multiply (a word of up to eight bytes costs two), where FNV takes a
/// dependent multiply per byte.
#[derive(Default)]
pub struct WordHasher(u64);

/// A map looked up by words or names on every article: hashed by [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The high and low halves of a full product, folded: every input bit reaches the result.
#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let r = a as u128 * b as u128;
    r as u64 ^ (r >> 64) as u64
}

const WORD_MUL: u64 = 0xa076_1d64_78bd_642f;

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        fold_mul(self.0 ^ 0xe703_7ed1_a0b4_28db, WORD_MUL)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut rest = bytes;
        while let [a, b, c, d, e, f, g, k, tail @ ..] = rest {
            if tail.is_empty() {
                break;
            }
            h = fold_mul(h ^ u64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *k]), WORD_MUL);
            rest = tail;
        }
        // The last one to eight bytes (the length, mixed in above, tells the forms apart).
        let n = rest.len();
        let last = match rest {
            [] => 0,
            [a, ..] if n < 4 => (*a as u64) << 16 | (rest[n / 2] as u64) << 8 | rest[n - 1] as u64,
            [a, b, c, d, ..] => {
                let lo = u32::from_le_bytes([*a, *b, *c, *d]) as u64;
                let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
                lo | hi << 32
            }
            _ => 0,
        };
        self.0 = fold_mul(h ^ last, WORD_MUL);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        // `str` hashes end with a 0xFF marker byte: no need for another multiply.
        self.0 ^= i as u64;
    }
}
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

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
    let mut h = WordHasher::default();
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

pub const PLACES_TXT: &str = include_str!("../../assets/places.txt");

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
    lex.add_phrases(VN_TITLES, Kind::Title);
    lex.add_phrases(BODIES, Kind::Body);
    lex.add_phrases(NAMED_BODIES, Kind::NamedBody);
    lex.add_phrases(THINGS, Kind::Thing);
    lex.add_phrases(PLACE_KINDS, Kind::PlaceKind);
    lex.add_phrases(FIELDS, Kind::Field);
    use flag::*;
    lex.add_flag(
        &["ông", "bà", "anh", "chị", "cô", "chú", "em", "cụ", "bé", "cháu"],
        PRONOUN,
    );
    lex.add_flag(
        &[
            "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "prof.", "sir", "dame", "madam",
        ],
        HONORIFIC,
    );
    lex.add_flag(EN_TITLES, EN_TITLE);
    lex.add_flag(EN_FIELDS, EN_FIELD);
    lex.add_flag(NATIONALITIES, NATIONALITY);
    lex.add_flag(EN_THINGS, EN_THING);
    lex.add_flag(EN_THING_PREFIXES, EN_THING_PREFIX);
    lex.add_flag(FUNCTION_WORDS, FUNCTION);
    lex.add_flag(CALENDAR_WORDS, flag::CALENDAR);
    lex.add_flag(SURNAMES, SURNAME);
    let folded: Vec<String> = SURNAMES.iter().map(|s| fold(s)).collect();
    let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
    lex.add_flag(&folded, SURNAME_ASCII);
    lex.add_flag(
        &[
            "von", "van", "der", "den", "de", "da", "di", "du", "bin", "binti", "al", "el", "dos", "del",
        ],
        PARTICLE,
    );
    lex.add_flag(
        &[
            "tân", "cựu", "cố", "nguyên", "quyền", "former", "new", "acting", "late", "then", "incoming",
            "outgoing", "interim",
        ],
        MODIFIER,
    );
    lex.index();
    lex
}

const VN_TITLES: &[&str] = &[
    "bộ trưởng",
    "thứ trưởng",
    "tổng thống",
    "phó tổng thống",
    "thủ tướng",
    "phó thủ tướng",
    "chủ tịch",
    "phó chủ tịch",
    "chủ tịch nước",
    "phó chủ tịch nước",
    "tổng bí thư",
    "bí thư",
    "phó bí thư",
    "bí thư thứ nhất",
    "đại sứ",
    "tổng lãnh sự",
    "lãnh sự",
    "đặc phái viên",
    "đặc sứ",
    "tướng",
    "đại tướng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đô đốc",
    "phó đô đốc",
    "chuẩn đô đốc",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "đại úy",
    "đại uý",
    "thượng úy",
    "trung úy",
    "thiếu úy",
    "ngoại trưởng",
    "phó ngoại trưởng",
    "người phát ngôn",
    "phát ngôn viên",
    "người đồng cấp",
    "người tiền nhiệm",
    "người kế nhiệm",
    "giám đốc",
    "phó giám đốc",
    "tổng giám đốc",
    "phó tổng giám đốc",
    "giám đốc điều hành",
    "giám đốc công nghệ",
    "cục trưởng",
    "phó cục trưởng",
    "vụ trưởng",
    "phó vụ trưởng",
    "viện trưởng",
    "phó viện trưởng",
    "trưởng ban",
    "phó trưởng ban",
    "trưởng ban tổ chức",
    "trưởng phòng",
    "phó trưởng phòng",
    "trưởng khoa",
    "phó trưởng khoa",
    "trưởng đoàn",
    "trưởng đại diện",
    "hiệu trưởng",
    "phó hiệu trưởng",
    "thị trưởng",
    "phó thị trưởng",
    "thống đốc",
    "phó thống đốc",
    "tổng thư ký",
    "tổng thư kí",
    "phó tổng thư ký",
    "thư ký",
    "chánh văn phòng",
    "chánh án",
    "thẩm phán",
    "kiểm sát viên",
    "viện trưởng viện kiểm sát",
    "huấn luyện viên",
    "hlv",
    "trợ lý huấn luyện viên",
    "đội trưởng",
    "thủ quân",
    "tiền đạo",
    "tiền vệ",
    "trung vệ",
    "hậu vệ",
    "thủ môn",
    "cầu thủ",
    "vận động viên",
    "võ sĩ",
    "kỳ thủ",
    "nhà văn",
    "nhà thơ",
    "nhà báo",
    "nhà sử học",
    "nhà nghiên cứu",
    "nhà khoa học",
    "nhà sáng lập",
    "đồng sáng lập",
    "nhà lãnh đạo",
    "nhà ngoại giao",
    "nhà kinh tế",
    "nhà hoạt động",
    "nhà đầu tư",
    "doanh nhân",
    "nhạc sĩ",
    "ca sĩ",
    "nghệ sĩ",
    "nghệ sĩ nhân dân",
    "nghệ sĩ ưu tú",
    "diễn viên",
    "đạo diễn",
    "họa sĩ",
    "hoạ sĩ",
    "bác sĩ",
    "giáo sư",
    "phó giáo sư",
    "tiến sĩ",
    "thạc sĩ",
    "kỹ sư",
    "kiến trúc sư",
    "luật sư",
    "dược sĩ",
    "điều dưỡng",
    "pgs",
    "pgs.ts",
    "gs",
    "gs.ts",
    "ts",
    "ths",
    "ths.bs",
    "bs",
    "nghị sĩ",
    "thượng nghị sĩ",
    "hạ nghị sĩ",
    "đại biểu",
    "tư lệnh",
    "phó tư lệnh",
    "tổng tư lệnh",
    "tham mưu trưởng",
    "tổng tham mưu trưởng",
    "chỉ huy trưởng",
    "chính ủy",
    "chính uỷ",
    "quốc vương",
    "nhà vua",
    "hoàng tử",
    "công chúa",
    "nữ hoàng",
    "thái tử",
    "giáo hoàng",
    "tổng giám mục",
    "hòa thượng",
    "hoà thượng",
    "thượng tọa",
    "chủ nhiệm",
    "phó chủ nhiệm",
    "tổng biên tập",
    "phó tổng biên tập",
    "phóng viên",
    "nữ sinh",
    "nam sinh",
    "trợ lý",
    "cố vấn",
    "thủ lĩnh",
    "thủ hiến",
    "tỉnh trưởng",
    "đô trưởng",
    "chiến sĩ",
    "thượng sĩ",
    "trung sĩ",
    "hạ sĩ",
    "binh nhất",
    "phi công",
    "trung đoàn trưởng",
    "sư đoàn trưởng",
    "đại diện",
    "phát thanh viên",
    "tân",
];

const EN_TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "premier",
    "minister",
    "ministers",
    "secretary",
    "secretary-general",
    "general",
    "mayor",
    "governor",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "chancellor",
    "ambassador",
    "envoy",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "lawmaker",
    "gov.",
    "gen.",
    "adm.",
    "admiral",
    "col.",
    "colonel",
    "lt.",
    "lieutenant",
    "capt.",
    "captain",
    "sgt.",
    "sergeant",
    "major",
    "commander",
    "marshal",
    "prof.",
    "professor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "emperor",
    "deputy",
    "chief",
    "director",
    "director-general",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commissioner",
    "judge",
    "coach",
    "manager",
    "striker",
    "speaker",
    "counterpart",
    "predecessor",
    "successor",
    "member",
    "officer",
    "founder",
    "co-founder",
    "ceo",
    "head",
    "councillor",
    "councilor",
    "sheikh",
    "president-elect",
    "dr.",
    "former",
    "new",
    "acting",
    "late",
];

const BODIES: &[&str] = &[
    "bộ",
    "đội",
    "phân viện",
    "khoa",
    "phòng",
    "sở",
    "ban",
    "cục",
    "tổng cục",
    "vụ",
    "viện",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "ub",
    "hội đồng",
    "đảng",
    "đảng ủy",
    "đảng uỷ",
    "tỉnh ủy",
    "tỉnh uỷ",
    "thành ủy",
    "thành uỷ",
    "quốc hội",
    "chính phủ",
    "văn phòng",
    "trung tâm",
    "học viện",
    "liên đoàn",
    "hiệp hội",
    "hội",
    "tòa án",
    "toà án",
    "viện kiểm sát",
    "công an",
    "quân khu",
    "quân đoàn",
    "sư đoàn",
    "lữ đoàn",
    "bộ tư lệnh",
    "bộ chỉ huy",
    "bộ tham mưu",
    "lực lượng",
    "mặt trận",
    "liên minh",
    "khối",
    "tổ chức",
    "quỹ",
    "nội các",
];

const NAMED_BODIES: &[&str] = &[
    "công ty",
    "cty",
    "đh",
    "trường đh",
    "tổng công ty",
    "tập đoàn",
    "ngân hàng",
    "hãng",
    "đài",
    "báo",
    "tạp chí",
    "câu lạc bộ",
    "clb",
    "trường",
    "đại học",
    "bệnh viện",
    "nhà xuất bản",
    "nxb",
    "liên danh",
    "doanh nghiệp",
];

const THINGS: &[&str] = &[
    "phố",
    "miếu",
    "đình",
    "phủ",
    "đồn",
    "cty",
    "đh",
    "đường",
    "đại lộ",
    "ngõ",
    "hẻm",
    "ngách",
    "kiệt",
    "cầu",
    "hầm",
    "sân",
    "sân vận động",
    "sân bay",
    "chợ",
    "trường",
    "quảng trường",
    "công viên",
    "vườn quốc gia",
    "nhà xuất bản",
    "nxb",
    "cung",
    "nhà hát",
    "nhà văn hóa",
    "bệnh viện",
    "đại học",
    "học viện",
    "ga",
    "bến",
    "cảng",
    "cửa khẩu",
    "căn cứ",
    "tàu",
    "tàu ngầm",
    "tàu sân bay",
    "tàu khu trục",
    "khu trục hạm",
    "lớp",
    "tên lửa",
    "dòng",
    "chương trình",
    "giải",
    "giải thưởng",
    "huân chương",
    "kênh",
    "đài",
    "hãng",
    "công ty",
    "tập đoàn",
    "hồ",
    "sông",
    "núi",
    "đảo",
    "đèo",
    "vịnh",
    "biển",
    "làng",
    "thôn",
    "ấp",
    "bản",
    "xã",
    "phường",
    "quận",
    "huyện",
    "tỉnh",
    "thành phố",
    "tp",
    "tp.",
    "thị xã",
    "thị trấn",
    "khu",
    "khu vực",
    "khu đô thị",
    "khu công nghiệp",
    "trạm",
    "nhà máy",
    "khách sạn",
    "bảo tàng",
    "đền",
    "chùa",
    "nhà thờ",
    "lăng",
    "tượng đài",
    "mỏ",
    "tuyến",
    "trục",
    "phố đi bộ",
    "bão",
    "siêu bão",
    "chiến dịch",
    "tập trận",
    "cuộc tập trận",
    "tiếng",
    "vương quốc",
    "triều đại",
    "lễ hội",
    "hội chợ",
    "dự án",
    "tòa nhà",
    "toà nhà",
    "chung cư",
    "vùng",
    "miền",
    "bang",
    "giống",
    "thương hiệu",
    "nhãn hiệu",
    "sản phẩm",
    "ứng dụng",
    "phim",
    "bộ phim",
    "cuốn",
    "tác phẩm",
    "bài hát",
    "ca khúc",
    "máy bay",
    "tiêm kích",
    "xe",
];

const PLACE_KINDS: &[&str] = &[
    "tỉnh",
    "thành phố",
    "tp",
    "tp.",
    "quận",
    "huyện",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
    "bang",
    "vùng",
    "tại",
    "ở",
    "of",
    "the",
];

const FIELDS: &[&str] = &[
    "quốc phòng",
    "điều tra",
    "tai mũi họng",
    "răng hàm mặt",
    "hồi sức",
    "cấp cứu",
    "truyền nhiễm",
    "nhi",
    "sản",
    "nội",
    "ngoại",
    "tiểu học",
    "trung học",
    "mầm non",
    "ngoại giao",
    "công an",
    "tài chính",
    "nội vụ",
    "tư pháp",
    "y tế",
    "giáo dục",
    "đào tạo",
    "giáo dục và đào tạo",
    "xây dựng",
    "giao thông",
    "giao thông vận tải",
    "vận tải",
    "công thương",
    "công nghiệp",
    "thương mại",
    "nông nghiệp",
    "môi trường",
    "phát triển nông thôn",
    "nông nghiệp và môi trường",
    "nông nghiệp và phát triển nông thôn",
    "tài nguyên",
    "tài nguyên và môi trường",
    "khoa học",
    "công nghệ",
    "khoa học và công nghệ",
    "thông tin",
    "truyền thông",
    "thông tin và truyền thông",
    "văn hóa",
    "văn hoá",
    "thể thao",
    "du lịch",
    "lao động",
    "thương binh",
    "xã hội",
    "kế hoạch",
    "đầu tư",
    "thống nhất",
    "an ninh",
    "an toàn",
    "hội đồng",
    "chấp hành",
    "trung ương",
    "thường trực",
    "thường vụ",
    "dân tộc",
    "tôn giáo",
    "kinh tế",
    "quản lý",
    "tuyên giáo",
    "tổ chức",
    "kiểm tra",
    "nội chính",
    "đối ngoại",
    "dân vận",
    "nhân dân",
    "liên quân",
    "hải quân",
    "không quân",
    "lục quân",
    "phòng vệ",
    "tình báo",
    "hành chính",
    "ngân sách",
    "năng lượng",
    "hàng không",
    "đường sắt",
    "điện lực",
    "viễn thông",
    "quốc tế",
    "đô thị",
    "thị trường",
    "thủy sản",
    "lâm nghiệp",
    "dân số",
    "gia đình",
    "trẻ em",
    "phụ nữ",
    "thanh niên",
    "xuất bản",
    "in",
    "phát hành",
    "cảnh sát",
    "biên phòng",
    "cảnh sát biển",
    "quốc gia",
    "pháp luật",
    "tài chính - ngân sách",
    "ngân hàng",
    "tiền tệ",
    "bầu cử",
    "nhân quyền",
    "kế hoạch và đầu tư",
    "phát triển",
    "di sản",
    "nhà nước",
    "nội các",
    "tổng hợp",
    "hợp tác",
    "chiến lược",
    "quốc hội",
    "lao động",
    "tham mưu",
    "chính trị",
    "hậu cần",
    "kỹ thuật",
    "huấn luyện",
];

const EN_FIELDS: &[&str] = &[
    "defense",
    "defence",
    "foreign",
    "interior",
    "finance",
    "trade",
    "health",
    "education",
    "home",
    "justice",
    "energy",
    "treasury",
    "commerce",
    "labor",
    "labour",
    "agriculture",
    "transport",
    "transportation",
    "security",
    "national",
    "homeland",
    "economy",
    "economic",
    "state",
    "unification",
    "environment",
    "culture",
    "industry",
    "science",
    "technology",
    "information",
    "communications",
    "veterans",
    "affairs",
    "public",
    "safety",
    "digital",
    "development",
    "planning",
    "investment",
    "construction",
    "navy",
    "army",
    "air",
    "naval",
    "military",
    "cabinet",
    "party",
    "opposition",
    "executive",
    "operating",
    "financial",
    "police",
    "intelligence",
    "olympic",
    "city",
    "council",
    "committee",
];

const NATIONALITIES: &[&str] = &[
    "u.s.",
    "us",
    "american",
    "british",
    "chinese",
    "japanese",
    "korean",
    "south",
    "north",
    "russian",
    "french",
    "german",
    "vietnamese",
    "indian",
    "australian",
    "canadian",
    "philippine",
    "filipino",
    "thai",
    "malaysian",
    "indonesian",
    "singaporean",
    "ukrainian",
    "israeli",
    "palestinian",
    "iranian",
    "italian",
    "spanish",
    "dutch",
    "polish",
    "turkish",
    "taiwanese",
    "cambodian",
    "laotian",
    "european",
    "asian",
    "western",
    "nato",
    "un",
    "eu",
    "asean",
];

const EN_THINGS: &[&str] = &[
    "committee",
    "council",
    "ministry",
    "department",
    "agency",
    "office",
    "party",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "commission",
    "bank",
    "fund",
    "center",
    "centre",
    "institute",
    "university",
    "college",
    "school",
    "academy",
    "group",
    "forces",
    "force",
    "army",
    "navy",
    "guard",
    "corps",
    "corporation",
    "corp",
    "corp.",
    "company",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "news",
    "post",
    "times",
    "journal",
    "shimbun",
    "herald",
    "daily",
    "service",
    "services",
    "association",
    "federation",
    "union",
    "organization",
    "organisation",
    "foundation",
    "consortium",
    "institution",
    "museum",
    "stadium",
    "hospital",
    "airport",
    "station",
    "avenue",
    "street",
    "road",
    "boulevard",
    "square",
    "palace",
    "hall",
    "park",
    "bridge",
    "city",
    "province",
    "prefecture",
    "county",
    "district",
    "island",
    "islands",
    "sea",
    "river",
    "lake",
    "mountain",
    "base",
    "cemetery",
    "summit",
    "dialogue",
    "forum",
    "conference",
    "war",
    "line",
    "railway",
    "expressway",
    "highway",
    "port",
    "harbor",
    "harbour",
    "strait",
    "ocean",
    "delta",
    "valley",
    "tower",
    "building",
    "house",
    "court",
    "tribunal",
    "network",
    "television",
    "radio",
    "channel",
    "administration",
    "bureau",
    "authority",
    "board",
    "cabinet",
    "embassy",
    "consulate",
    "mission",
    "alliance",
    "coalition",
    "front",
    "movement",
    "club",
    "fc",
    "team",
    "cup",
    "league",
    "games",
    "olympics",
    "festival",
    "award",
    "prize",
    "treaty",
    "accord",
    "agreement",
    "act",
    "law",
    "program",
    "programme",
    "project",
    "plan",
    "initiative",
    "exercise",
    "operation",
    "strategy",
    "doctrine",
    "index",
    "exchange",
    "market",
    "holdings",
    "group's",
    "media",
    "press",
    "broadcasting",
    "system",
    "systems",
    "technologies",
    "motors",
    "airlines",
    "airways",
    "hotel",
    "resort",
    "temple",
    "church",
    "cathedral",
    "mosque",
    "library",
    "gallery",
    "theatre",
    "theater",
    "zone",
    "region",
    "peninsula",
    "gulf",
    "bay",
    "coast",
    "state",
    "republic",
    "kingdom",
    "empire",
    "dynasty",
];

const EN_THING_PREFIXES: &[&str] = &[
    "camp",
    "fort",
    "mount",
    "mt.",
    "lake",
    "uss",
    "hms",
    "js",
    "typhoon",
    "storm",
    "hurricane",
    "cyclone",
    "operation",
    "exercise",
    "project",
    "team",
    "club",
    "lockheed",
    "boeing",
    "general",
    "royal",
    "national",
    "international",
    "united",
    "federal",
    "central",
    "state",
    "university",
    "saint",
    "st.",
    "world",
    "battle",
    "cape",
    "port",
    "gulf",
    "bay",
    "lake",
    "air",
    "northern",
    "southern",
    "eastern",
];

const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "and",
    "or",
    "but",
    "with",
    "as",
    "after",
    "before",
    "since",
    "during",
    "under",
    "while",
    "when",
    "if",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "who",
    "how",
    "why",
    "where",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "officials",
    "analysts",
    "asked",
    "speaking",
    "according",
    "meanwhile",
    "still",
    "also",
    "however",
    "about",
    "more",
    "one",
    "two",
    "three",
    "several",
    "other",
    "another",
    "such",
    "reporters",
    "passengers",
    "investors",
    "farmers",
    "commentators",
    "experts",
    "critics",
    "residents",
    "soldiers",
    "troops",
    "leaders",
    "ministers",
    "opposition",
    "last",
    "next",
    "first",
    "second",
    "third",
    "new",
    "old",
    "former",
    "mr",
    "ms",
];

const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const SURNAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô",
    "dương", "lý", "đinh", "đoàn", "trịnh", "lương", "đào", "cao", "lâm", "hà", "mai", "tạ", "tô", "trương",
    "vương", "kiều", "châu", "lưu", "hứa", "khổng", "quách", "tăng", "la", "lại", "mạc", "chu", "từ", "tôn",
    "thân", "lò", "triệu", "nông", "đàm", "giang", "ông", "diệp", "phùng", "vi", "âu", "lục", "đồng", "khúc",
    "mẫn", "nghiêm", "tiêu", "ninh", "cù", "hàn", "kha", "bạch", "phí", "thạch", "doãn", "lã", "lữ", "mã",
    "tống", "hầu", "khuất", "chử", "giáp", "lư", "nhan", "thiều", "uông", "vưu", "ôn", "đàng", "đậu", "đới",
    "lạc", "quan", "ứng", "trình",
];

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
