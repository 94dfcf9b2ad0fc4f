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

use crate::store::postings::Postings;
use crate::store::ArticleId;
use docbao_extract::hash::{FastMap, FastSet, WordMap};

use docbao_extract::text::fold::{fold, tone_key};
use std::collections::BTreeSet;

mod words;

use words::key;
pub use words::{words, ArticleWords};

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
    /// Entries of words of up to eight bytes (most Vietnamese syllables), by [`key`]: found
    /// by comparing one number, where a string key cost a byte hash and a `memcmp` call.
    short: WordMap<u64, u32>,
    /// Entries of longer words.
    ids: WordMap<Box<str>, u32>,
    entries: Vec<Entry>,
    /// (folded, entry) in order, for prefix ranges.
    sorted: BTreeSet<(Box<str>, u32)>,
    postings: usize,
}

impl WordIndex {
    /// Adds one article's words. Ids must arrive in ascending order (the store hands them out
    /// so), which keeps every posting list sorted without sorting.
    pub fn add(&mut self, id: ArticleId, words: &ArticleWords) {
        words.for_each(|w, title| {
            let found = if w.len() <= 8 {
                self.short.get(&key(w.as_bytes()))
            } else {
                self.ids.get(w)
            };
            let e = match found {
                Some(&e) => e,
                None => self.new_entry(w),
            };
            let entry = &mut self.entries[e as usize];
            entry.in_title |= title;
            entry.postings.push_growing(id.0 << 1 | title as u32);
            self.postings += 1;
        });
    }

    /// Adds an entry, with no postings yet, for a word not in the index.
    #[cold]
    fn new_entry(&mut self, w: &str) -> u32 {
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
        self.look_up_as(w, e);
        e
    }

    /// Makes `w` find entry `e`.
    fn look_up_as(&mut self, w: &str, e: u32) {
        if w.len() <= 8 {
            self.short.insert(key(w.as_bytes()), e);
        } else {
            self.ids.insert(w.into(), e);
        }
    }

    /// Rebuilds the lookups around stored entries (see `store::cache`).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        let short = entries.iter().filter(|e| e.word.len() <= 8).count();
        let mut ix = WordIndex {
            short: WordMap::with_capacity_and_hasher(short, Default::default()),
            ids: WordMap::with_capacity_and_hasher(entries.len() - short, Default::default()),
            sorted: entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.folded.clone(), i as u32))
                .collect(),
            postings: entries.iter().map(|e| e.postings.len()).sum(),
            entries: Vec::new(),
        };
        for (i, e) in entries.iter().enumerate() {
            ix.look_up_as(&e.word, i as u32);
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
            let list = self.list(name);
            if list.last() != Some(&id.0) {
                list.push(id.0);
            }
        }
    }

    /// Adds an article's folded person names, its id in any order (persons found after their
    /// articles were added).
    pub fn insert<'a>(&mut self, id: ArticleId, folded_names: impl Iterator<Item = &'a str>) {
        for name in folded_names {
            let list = self.list(name);
            if let Err(at) = list.binary_search(&id.0) {
                list.insert(at, id.0);
            }
        }
    }

    /// The article list of a name, new and empty for a name not yet held.
    fn list(&mut self, name: &str) -> &mut Vec<u32> {
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
        &mut self.names[n as usize].1
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
    fn persons_found_late_are_inserted_in_id_order() {
        let mut p = PersonPostings::default();
        p.add(ArticleId(1), ["le minh quan"].into_iter());
        p.insert(ArticleId(7), ["le minh quan", "pete hegseth"].into_iter());
        p.insert(ArticleId(3), ["le minh quan"].into_iter());
        p.insert(ArticleId(3), ["le minh quan"].into_iter());
        assert_eq!(p.named("le minh quan"), &[1, 3, 7]);
        assert_eq!(p.named("pete hegseth"), &[7]);
        let by_word: Vec<&[u32]> = p.prefixed("heg").collect();
        assert_eq!(by_word, vec![&[7u32][..]]);
    }

    #[test]
    fn short_and_long_words_find_their_entries_after_a_restore() {
        let mut ix = WordIndex::default();
        let words = ArticleWords::new(
            "Hòa bình",
            ["hoà giải quốc tế, internationalisation 2025"].into_iter(),
        );
        ix.add(ArticleId(0), &words);
        ix.add(ArticleId(1), &words);
        let copy = ix.entries().iter().map(|e| Entry {
            word: e.word.clone(),
            folded: e.folded.clone(),
            marked: e.marked.clone(),
            in_title: e.in_title,
            postings: Postings::from_list(e.postings.iter().collect()),
        });
        let restored = WordIndex::from_entries(copy.collect());
        for w in ["hòa", "internationalisation", "2025", "quốc"] {
            let n = |ix: &WordIndex| ix.entries().iter().filter(|e| &*e.word == w).count();
            assert_eq!((n(&ix), n(&restored)), (1, 1), "{w}");
        }
        let mut grown = restored;
        grown.add(ArticleId(2), &words);
        assert_eq!(grown.words(), ix.words());
        for e in grown.entries() {
            assert_eq!(e.postings.len(), 3, "{}", e.word);
        }
    }
}
