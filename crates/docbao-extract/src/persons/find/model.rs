//! A learned judge for the capitalised runs no rule explains: a linear model over hashed
//! features of the run and its context (its words, their shapes and lexicon classes, the words
//! before and after, punctuation), trained as an averaged perceptron on hand-labelled real
//! articles (`examples/train_persons`) and embedded from `assets/persons/model.bin`.
//!
//! The rules stay where they are exact (a title or cue before a name, places and things, the
//! shape of a Vietnamese full name with its evidence); the model only decides whether a run the
//! rules leave *weak* names a person.

use super::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Weights are kept in a table of 2^BITS slots, indexed by a feature's hash.
pub const BITS: u32 = 17;
const SLOTS: usize = 1 << BITS;
const MAGIC: &[u8; 8] = b"DBPMODL2";

/// The bundled model (empty until one is trained: then it judges nothing a person).
const BUNDLED: &[u8] = include_bytes!("../../../../../assets/persons/model.bin");

/// A linear model over hashed features.
#[derive(Clone)]
pub struct Model {
    weights: Box<[f32]>,
    /// A name scoring above this is a person's.
    pub threshold: f32,
    /// Every weight is zero.
    zero: bool,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let used = self.weights.iter().filter(|w| **w != 0.0).count();
        write!(
            f,
            "Model {{ weights used: {used}, threshold: {} }}",
            self.threshold
        )
    }
}

impl Model {
    /// A model with every weight zero: it scores every run 0.
    pub fn zero() -> Model {
        Model {
            weights: vec![0.0; SLOTS].into_boxed_slice(),
            threshold: 0.0,
            zero: true,
        }
    }

    /// The bundled model, read once.
    pub fn builtin() -> &'static Model {
        static BUILTIN: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| Model::from_bytes(BUNDLED).unwrap_or_else(Model::zero))
    }

    /// Reads a model written by [`Model::to_bytes`]; `None` when the bytes are not one.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let rest = b.strip_prefix(MAGIC)?;
        let (bits, rest) = rest.split_first_chunk::<4>()?;
        if u32::from_le_bytes(*bits) != BITS {
            return None;
        }
        let (threshold, rest) = rest.split_first_chunk::<4>()?;
        let (count, rest) = rest.split_first_chunk::<4>()?;
        if rest.len() != u32::from_le_bytes(*count) as usize * 8 {
            return None;
        }
        let mut m = Model::zero();
        m.threshold = f32::from_le_bytes(*threshold);
        for pair in rest.chunks_exact(8) {
            let slot = u32::from_le_bytes([pair[0], pair[1], pair[2], pair[3]]) as usize;
            let w = f32::from_le_bytes([pair[4], pair[5], pair[6], pair[7]]);
            *m.weights.get_mut(slot)? = w;
            m.zero &= w == 0.0;
        }
        Some(m)
    }

    /// The model as bytes, for `assets/persons/model.bin`: the weights that are not zero, each
    /// with its slot.
    pub fn to_bytes(&self) -> Vec<u8> {
        let used: Vec<(usize, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (i, *w))
            .collect();
        let mut out = Vec::with_capacity(20 + used.len() * 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&(used.len() as u32).to_le_bytes());
        for (i, w) in used {
            out.extend_from_slice(&(i as u32).to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// The score of a run's features (their weights summed).
    pub fn score(&self, features: &[u32]) -> f32 {
        features.iter().map(|&f| self.weights[f as usize]).sum()
    }

    /// The score of a name an article writes `runs` times with these run scores: their mean,
    /// and what being written that often says.
    pub fn name_score(&self, run_scores: &[f32]) -> f32 {
        let n = run_scores.len().max(1);
        let mean = run_scores.iter().sum::<f32>() / n as f32;
        mean + self.weights[count_feature(n) as usize]
    }

    /// A hash of the model, for telling whether persons found with another model are stale.
    pub fn fingerprint(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(&self.to_bytes())
    }

    /// Whether every weight is zero (no model bundled): nothing to judge.
    pub fn is_zero(&self) -> bool {
        self.zero
    }

    /// The weights, for training.
    pub fn weights_mut(&mut self) -> &mut [f32] {
        self.zero = false;
        &mut self.weights
    }
}

/// What a feature says, as a template number hashed with its value.
#[derive(Clone, Copy)]
#[repr(u64)]
enum T {
    Bias = 1,
    Words,
    First,
    Last,
    Word,
    Shape,
    FirstFlags,
    LastFlags,
    Prev,
    Prev2,
    PrevShape,
    Punct,
    Next,
    Next2,
    NextShape,
    TitleBefore,
    Start,
    Known,
    PlaceIn,
    Suffix,
    Prefix,
    Count,
    EnWords,
    EnWord,
    Proper,
    Whole,
}

type WordSet = crate::hash::FastSet<&'static str>;

/// The words of a list, one per line; `#` comments skipped.
fn word_set(text: &'static str) -> WordSet {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Common English words (`assets/lexicon/en_words.txt`), read once.
pub(crate) fn en_words() -> &'static WordSet {
    static WORDS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_set(include_str!("../../../../../assets/lexicon/en_words.txt")))
}

/// English proper nouns (`assets/lexicon/en_proper.txt`), read once.
pub(crate) fn en_proper() -> &'static WordSet {
    static WORDS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_set(include_str!("../../../../../assets/lexicon/en_proper.txt")))
}

/// Collects a run's features as slots of the model's table.
struct Sink<'o>(&'o mut Vec<u32>);

impl Sink<'_> {
    fn add(&mut self, t: T, value: &[u8]) {
        let h = xxh3_64_with_seed(value, t as u64);
        self.0.push((h & (SLOTS as u64 - 1)) as u32);
    }

    /// Two values together: the second hashed with the first's hash as its seed.
    fn add2(&mut self, t: T, a: &[u8], b: &[u8]) {
        let h = xxh3_64_with_seed(b, xxh3_64_with_seed(a, t as u64));
        self.0.push((h & (SLOTS as u64 - 1)) as u32);
    }
}

/// The shape of a word: `V` a word with Vietnamese marks, `U` all capitals, `H` hyphenated or
/// with an apostrophe, `D` with a digit, `A` any other (plain Latin letters).
fn shape_of(w: &str) -> u8 {
    if w.bytes().any(|b| b.is_ascii_digit()) {
        b'D'
    } else if w.bytes().any(|b| b == b'-' || b == b'\'') {
        b'H'
    } else if !w.is_ascii() {
        b'V'
    } else if w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()) {
        b'U'
    } else {
        b'A'
    }
}

/// The lexicon classes of word `i`, as one byte string.
fn flags_of(v: &View, i: usize) -> [u8; 4] {
    let mut f = 0u32;
    for (k, flag) in [
        flag::SURNAME,
        flag::SURNAME_ASCII,
        flag::FUNCTION,
        flag::CALENDAR,
        flag::NATIONALITY,
        flag::EN_THING,
        flag::EN_TITLE,
        flag::PARTICLE,
    ]
    .into_iter()
    .enumerate()
    {
        if v.has(i, flag) {
            f |= 1 << k;
        }
    }
    for (k, kind) in [Kind::Place, Kind::Thing, Kind::Body, Kind::Field, Kind::Title]
        .into_iter()
        .enumerate()
    {
        if v.at(kind, i).is_some() {
            f |= 1 << (8 + k);
        }
    }
    f.to_le_bytes()
}

/// The features of the run `k..end` of a sentence (see the module's description).
pub fn features(v: &View, k: usize, end: usize, known: &KnownPeople, out: &mut Vec<u32>) {
    out.clear();
    let s = v.s;
    let n = s.len();
    let mut f = Sink(out);
    f.add(T::Bias, b"");
    f.add(T::Words, &[(end - k).min(6) as u8]);
    // Runs are at most five words (longer ones are never names): fixed buffers.
    let mut shape = [0u8; 8];
    for (x, i) in (k..end).take(8).enumerate() {
        shape[x] = shape_of(s.word(i));
    }
    let shape = &shape[..(end - k).min(8)];
    f.add(T::Shape, shape);
    f.add(T::First, s.low(k).as_bytes());
    f.add(T::Last, s.low(end - 1).as_bytes());
    for i in k..end {
        f.add(T::Word, s.low(i).as_bytes());
    }
    f.add(T::FirstFlags, &flags_of(v, k));
    f.add(T::LastFlags, &flags_of(v, end - 1));
    let last = s.low(end - 1);
    f.add(T::Suffix, last_chars(last, 2).as_bytes());
    f.add(T::Prefix, first_chars(s.low(k), 2).as_bytes());
    // Before the run.
    let prev = if k == 0 || s.toks[k].first {
        "<s>"
    } else {
        s.low(k - 1)
    };
    f.add(T::Prev, prev.as_bytes());
    let prev2 = if k < 2 { "<s>" } else { s.low(k - 2) };
    f.add2(T::Prev2, prev2.as_bytes(), prev.as_bytes());
    f.add2(T::PrevShape, prev.as_bytes(), shape);
    let before = if k == 0 {
        b'^'
    } else {
        trail_byte(s.toks[k - 1].trail)
    };
    let open = s.toks[k].open.map_or(0, |c| c as u32 as u8);
    f.add(T::Punct, &[b'<', before, open]);
    let titled = (k.saturating_sub(4)..k).any(|j| v.at(Kind::Title, j).is_some_and(|l| j + l == k));
    f.add(T::TitleBefore, &[u8::from(titled)]);
    f.add(T::Start, &[u8::from(s.toks[k].first)]);
    // A run that is its whole sentence: a byline, a caption's credit, a heading.
    f.add(T::Whole, &[u8::from(k == 0), u8::from(end == n)]);
    // After it.
    let next = if end >= n { "</s>" } else { s.low(end) };
    f.add(T::Next, next.as_bytes());
    let next2 = if end + 1 >= n { "</s>" } else { s.low(end + 1) };
    f.add2(T::Next2, next.as_bytes(), next2.as_bytes());
    let after = trail_byte(s.toks[end - 1].trail);
    let next_cap = end < n && s.toks[end].cap;
    f.add(T::NextShape, &[b'>', after, u8::from(next_cap)]);
    // What the lists know.
    let known_end = known.may_spell(s.low(k), last);
    f.add(T::Known, &[u8::from(known_end)]);
    let place_in = (k..end).any(|i| v.at(Kind::Place, i).is_some());
    f.add(T::PlaceIn, &[u8::from(place_in)]);
    // Ordinary English words make a thing's name more often than a person's.
    let en = en_words();
    let mut common = 0u8;
    let mut proper = [0u8; 8];
    for (x, i) in (k..end).take(8).enumerate() {
        if !s.toks[i].ascii {
            continue;
        }
        let w = s.low(i);
        if en.contains(w) {
            common += 1;
            f.add(T::EnWord, &[shape[x]]);
        }
        // Which of its words English knows as a proper noun (a given name, a place, a brand).
        proper[x] = u8::from(en_proper().contains(w));
    }
    f.add(T::EnWords, &[common, (end - k).min(6) as u8]);
    f.add(T::Proper, &proper[..shape.len()]);
}

/// The first `n` chars of `w`.
fn first_chars(w: &str, n: usize) -> &str {
    let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// The last `n` chars of `w`.
fn last_chars(w: &str, n: usize) -> &str {
    let start = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &w[start..]
}

fn trail_byte(t: Trail) -> u8 {
    match t {
        Trail::None => b' ',
        Trail::Comma => b',',
        Trail::Stop => b'.',
    }
}

/// The slot of "an article writes the name `n` times".
pub fn count_feature(n: usize) -> u32 {
    let h = xxh3_64_with_seed(&[n.min(5) as u8], T::Count as u64);
    (h & (SLOTS as u64 - 1)) as u32
}

/// A name written only in weak runs, as the finder judged it: what training reads.
#[derive(Debug, Clone)]
pub struct Traced {
    pub name: String,
    /// The features of each run writing it.
    pub runs: Vec<Vec<u32>>,
    pub score: f32,
}
