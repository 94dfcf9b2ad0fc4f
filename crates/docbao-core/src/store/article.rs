//! One article as the store keeps it: its ids, its text (compressed), and everything derived.

use super::{ArticleWords, Body};
use docbao_extract::near::Sketch;
use docbao_extract::persons::Mentions;
use docbao_extract::text::fold::fold;
use docbao_extract::{Block, Date, Event, Mention, Name};
use serde::Serialize;

/// A stable handle to an article in a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ArticleId(pub u32);

/// What an article is, whatever its file is called: a 128-bit XXH3 hash of the file's bytes.
/// Reading state is keyed by it, so a file moved or renamed within the archive keeps its marks.
/// XXH3 is a fixed, published algorithm (unlike std's `DefaultHasher`), so the key is the same
/// on every run, machine and Rust version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ContentKey(pub u128);

impl ContentKey {
    pub fn of(bytes: &[u8]) -> Self {
        ContentKey(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    /// Parses the 32 hex digits that `Display` writes.
    pub fn from_hex(s: &str) -> Option<Self> {
        if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(s, 16).ok().map(ContentKey)
    }
}

impl std::fmt::Display for ContentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// Persons and events found after the article at `path`, whose text is `body`, was stored
/// without them (see [`super::Store::take_derived`]).
#[derive(Debug)]
pub struct Derived {
    pub path: String,
    /// The text they were found in, and the file's content key: given only to the article that
    /// still holds this very text from these bytes (two empty texts are one allocation, so the
    /// key tells a rewritten title-only file apart).
    pub body: Body,
    pub key: ContentKey,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub sketch: Option<Sketch>,
}

/// One article, cleaned and with everything derived from it.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: ArticleId,
    /// The content key of the file's bytes (as read, before decoding).
    pub key: ContentKey,
    /// Path relative to the archive root, `/`-separated.
    pub path: String,
    pub shape: Shape,
    pub encoding: &'static str,
    /// Size of the file in bytes.
    pub bytes: u64,
    pub title: String,
    pub date: Date,
    /// Front matter keys or `# key = value` headers, in file order.
    pub meta: Vec<(String, String)>,
    /// The text, compressed: see [`Article::blocks`].
    pub body: Body,
    pub words: usize,
    /// Canonical names of the persons named in the article, in order of first mention. Filled
    /// from the article alone at load; [`Store::resolve_persons`] settles them archive-wide.
    pub persons: Vec<Name>,
    /// Names as the article writes them, grouped by person, with lone surnames the article
    /// could not resolve (the raw material of [`Store::resolve_persons`]).
    pub mentions: Vec<Mention>,
    /// Dates the text speaks of.
    pub events: Vec<Event>,
    /// The article's distinct words, handed to the store's [`WordIndex`] when it is added
    /// (empty afterwards).
    pub words_for_index: ArticleWords,
    /// Folded title, then the folded names of its persons, one per line: the compact text the
    /// query scans for title and person matches.
    pub folded: Box<str>,
    /// The text's near-duplicate sketch (see [`super::stories`]): `None` for a text too short
    /// to tell, or until a large load's second pass has read it.
    pub sketch: Option<Sketch>,
}

impl Article {
    /// Folded title and persons, as kept in [`Article::folded`].
    pub fn fold_key(title: &str, persons: &[Name]) -> Box<str> {
        let mut s = fold(title);
        for p in persons {
            s.push('\n');
            s.push_str(&fold(p));
        }
        Box::from(s.as_str())
    }

    /// Gives back spare capacity: text built piece by piece keeps up to twice its length, and
    /// an archive holds millions of pieces. Copies, not `shrink_to_fit`: mimalloc keeps a
    /// block that shrinks by less than half where it is, spare room and all.
    pub fn shrink(&mut self) {
        exact_string(&mut self.title);
        exact_string(&mut self.path);
        for (k, v) in &mut self.meta {
            exact_string(k);
            exact_string(v);
        }
        exact_vec(&mut self.meta);
        exact_vec(&mut self.persons);
        exact_vec(&mut self.mentions);
        exact_vec(&mut self.events);
    }

    /// The body's blocks, decoded.
    pub fn blocks(&self) -> Vec<Block> {
        self.body.blocks()
    }

    /// The folded title.
    pub fn folded_title(&self) -> &str {
        self.folded.split('\n').next().unwrap_or("")
    }

    /// The folded person names.
    pub fn folded_persons(&self) -> impl Iterator<Item = &str> {
        self.folded.split('\n').skip(1)
    }

    /// A metadata value by key.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The source address, when the file gives one.
    pub fn url(&self) -> Option<&str> {
        self.meta("url")
            .or_else(|| self.meta("source"))
            .or_else(|| self.meta("link"))
    }
}

/// `s` in a block of its own length (see [`Article::shrink`]).
fn exact_string(s: &mut String) {
    if s.capacity() > s.len() {
        *s = s.as_str().to_owned();
    }
}

/// `v` in a block of its own length (see [`Article::shrink`]).
fn exact_vec<T>(v: &mut Vec<T>) {
    if v.capacity() > v.len() {
        let mut exact = Vec::with_capacity(v.len());
        exact.append(v);
        *v = exact;
    }
}

/// Newest first, finer precision first on the same start, undated last, then by path.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path))
}

/// The shapes an article file can take (see formats.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// A: plain text behind a `date` line.
    DateLine,
    /// B: Markdown with YAML front matter.
    FrontMatter,
    /// C: bare text, no date, no title.
    Bare,
    /// D: `# key = value` header lines, headline, one sentence per line.
    Headers,
}

impl Shape {
    pub fn label(self) -> &'static str {
        match self {
            Shape::DateLine => "date line",
            Shape::FrontMatter => "front matter",
            Shape::Bare => "bare text",
            Shape::Headers => "header lines",
        }
    }
}

impl Mentions for Article {
    fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    fn persons(&self) -> &[Name] {
        &self.persons
    }
}
