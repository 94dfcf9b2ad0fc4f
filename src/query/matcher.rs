//! What a query means for one article (the reference semantics), and the ranking: person and
//! title matches above typo matches in a title, above body matches, then newest first, ties
//! stable.

use super::parse::{Query, Term, Word};
use crate::store::index::words;
use crate::store::{Article, ArticleId, Store};
use crate::text::fold::{fold_bytes_into, fold_into, strip_marks, tone_key};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One article that matched, with its rank score (higher first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: ArticleId,
    pub score: u32,
}

/// Per-user marks the query can ask about (`is:unread`, `is:bookmarked`).
pub trait Marks: Sync {
    fn is_read(&self, a: &Article) -> bool;
    fn is_bookmarked(&self, a: &Article) -> bool;
}

/// No marks at all: everything unread, nothing bookmarked.
pub struct NoMarks;

impl Marks for NoMarks {
    fn is_read(&self, _: &Article) -> bool {
        false
    }
    fn is_bookmarked(&self, _: &Article) -> bool {
        false
    }
}

/// A query made ready to run.
pub struct Matcher<'q> {
    query: &'q Query,
    fuzzy: SkimMatcherV2,
    /// Canonical names (folded) that each person term stands for, when a person index is known.
    persons: Vec<Option<HashSet<String>>>,
}

/// How strongly an article matched one term.
pub const TITLE: u32 = 4;
pub const PERSON: u32 = 4;
pub const FUZZY: u32 = 2;
pub const BODY: u32 = 1;

impl<'q> Matcher<'q> {
    pub fn new(query: &'q Query, resolve_person: &dyn Fn(&Word) -> Option<HashSet<String>>) -> Self {
        let persons = query
            .terms
            .iter()
            .map(|t| match t {
                Term::Person(w) => resolve_person(w),
                _ => None,
            })
            .collect();
        Matcher {
            query,
            fuzzy: SkimMatcherV2::default(),
            persons,
        }
    }

    /// The article's score, or `None` when a term does not hold: the reference semantics,
    /// article by article. [`crate::query::eval`] computes the same through the indexes and
    /// uses this to check candidates the indexes cannot settle alone.
    pub fn score(&self, a: &Article, marks: &dyn Marks) -> Option<u32> {
        let text = Text::new(a);
        let mut total = 0;
        for (i, t) in self.query.terms.iter().enumerate() {
            total += self.term(t, self.persons(i), &text, marks)?;
        }
        Some(total)
    }

    /// The query's terms.
    pub fn terms(&self) -> &[Term] {
        &self.query.terms
    }

    /// The names a person term (by position) stands for, when the person index knew it.
    pub fn persons(&self, i: usize) -> Option<&HashSet<String>> {
        self.persons.get(i).and_then(|p| p.as_ref())
    }

    /// One term against one article.
    pub fn term(
        &self,
        t: &Term,
        persons: Option<&HashSet<String>>,
        text: &Text<'_>,
        marks: &dyn Marks,
    ) -> Option<u32> {
        let a = text.article;
        let title = a.folded_title();
        match t {
            Term::Word(w) => {
                if word_in(title, w, text, true) || a.folded_persons().any(|p| starts_word(p, &w.folded)) {
                    return Some(TITLE);
                }
                if fuzzy_applies(w) && words(title).any(|t| self.fuzzy_word(t, &w.folded)) {
                    return Some(FUZZY);
                }
                word_in(text.folded_body(), w, text, false).then_some(BODY)
            }
            Term::Exact(w) | Term::Phrase(w) => {
                let in_title = title.contains(w.folded.as_str());
                if !in_title && !text.folded_body_contains(&w.folded) {
                    return None;
                }
                let ok = match &w.marked {
                    Some(m) => tone_key(text.original()).contains(m.as_str()),
                    None if w.case_sensitive => {
                        strip_marks(text.original()).contains(strip_marks(&w.raw).as_str())
                    }
                    None => true,
                };
                ok.then_some(if in_title { TITLE } else { BODY })
            }
            Term::TitleStarts(w) => check_title(a, w, |t, n| t.starts_with(n)).then_some(TITLE),
            Term::TitleEnds(w) => {
                check_title(a, w, |t, n| t.trim_end_matches(['.', '…', '!', '?']).ends_with(n))
                    .then_some(TITLE)
            }
            Term::Person(w) => {
                let hit = a.folded_persons().any(|fp| match persons {
                    Some(set) => set.contains(fp),
                    None => fp.contains(&w.folded) || starts_word(fp, &w.folded),
                });
                hit.then_some(PERSON)
            }
            Term::Date(r) => r.overlaps(&a.date).then_some(0),
            Term::Event(r) => a.events.iter().any(|e| r.overlaps(&e.date)).then_some(0),
            Term::Undated => (!a.date.is_dated()).then_some(0),
            Term::Unread => (!marks.is_read(a)).then_some(0),
            Term::Bookmarked => marks.is_bookmarked(a).then_some(0),
            Term::Not(inner) => match self.term(inner, None, text, marks) {
                Some(_) => None,
                None => Some(0),
            },
            Term::Or(alts) => alts.iter().filter_map(|t| self.term(t, None, text, marks)).max(),
        }
    }

    /// A typo match of a title word: the typed letters in order, starting with the word's first
    /// letter, with at most one extra letter among them (fuzzy-matcher finds the letters).
    pub fn fuzzy_word(&self, word: &str, typed: &str) -> bool {
        let n = typed.len();
        if word.len() + 1 < n || word.as_bytes().first() != typed.as_bytes().first() {
            return false;
        }
        match self.fuzzy.fuzzy_indices(word, typed) {
            Some((_, idx)) => idx.first() == Some(&0) && idx.last().is_some_and(|&l| l < n + 1),
            None => false,
        }
    }
}

/// Typo matching is for plain words of four letters or more.
pub fn fuzzy_applies(w: &Word) -> bool {
    w.folded.len() >= 4 && w.marked.is_none() && !w.case_sensitive && w.folded.is_ascii()
}

/// An article's text as the matcher reads it; the folded body and the original text are made
/// only when a term needs them.
pub struct Text<'a> {
    pub article: &'a Article,
    body: OnceLock<String>,
    original: OnceLock<String>,
}

impl<'a> Text<'a> {
    pub fn new(article: &'a Article) -> Self {
        Text {
            article,
            body: OnceLock::new(),
            original: OnceLock::new(),
        }
    }

    /// The searchable body blocks, folded, one per line.
    pub fn folded_body(&self) -> &str {
        self.body.get_or_init(|| {
            let mut s = String::new();
            self.article.body.for_each_searchable(|t| {
                fold_into(t, &mut s);
                s.push('\n');
            });
            s
        })
    }

    /// Whether the folded body holds `needle` (folded). Unless the whole folded body is at hand
    /// already, blocks are folded one at a time into one buffer and the search stops at the
    /// first block that has it: a phrase found in most articles is usually found early, and
    /// folding whole texts was most of what such a phrase cost.
    pub fn folded_body_contains(&self, needle: &str) -> bool {
        if let Some(body) = self.body.get() {
            return body.contains(needle);
        }
        if needle.is_empty() || needle.contains('\n') {
            // Empty, it is in any text; with a line end, it could span two blocks, which the whole folded body joins with a line end.
            return self.folded_body().contains(needle);
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut buf = Vec::new();
        let mut found = false;
        self.article.body.for_each_searchable(|t| {
            if !found {
                buf.clear();
                fold_bytes_into(t, &mut buf);
                found = finder.find(&buf).is_some();
            }
        });
        found
    }

    /// Title and searchable body, not folded.
    pub fn original(&self) -> &str {
        self.original.get_or_init(|| original_text(self.article))
    }
}

/// Title tests compare folded text unless the user typed marks.
fn check_title(a: &Article, w: &Word, test: impl Fn(&str, &str) -> bool) -> bool {
    match &w.marked {
        Some(m) => test(a.folded_title(), &w.folded) && test(&tone_key(&a.title), m),
        None => test(a.folded_title(), &w.folded),
    }
}

/// Does `needle` start a word of `hay` (both folded)?
pub fn starts_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
        .any(|i| i == 0 || !is_word_byte(hay.as_bytes()[i - 1], hay, i))
}

fn is_word_byte(b: u8, hay: &str, i: usize) -> bool {
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    hay[..i].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// A word term against folded text, verified against the original when marks or case matter.
fn word_in(folded: &str, w: &Word, text: &Text<'_>, is_title: bool) -> bool {
    if !starts_word(folded, &w.folded) {
        return false;
    }
    if w.marked.is_none() && !w.case_sensitive {
        return true;
    }
    let original = if is_title {
        text.article.title.as_str()
    } else {
        text.original()
    };
    match &w.marked {
        Some(m) => starts_word(&tone_key(original), m),
        None => starts_word(&strip_marks(original), &strip_marks(&w.raw)),
    }
}

/// Title and searchable body text, one block per line (not folded).
pub fn original_text(a: &Article) -> String {
    let mut s = a.title.clone();
    a.body.for_each_searchable(|t| {
        s.push('\n');
        s.push_str(t);
    });
    s
}

/// Filters the whole store: hits ranked by score, then newest first (see [`crate::query::eval`]).
pub fn filter(store: &Store, query: &Query, matcher: &Matcher<'_>, marks: &dyn Marks) -> Vec<Hit> {
    let mut cache = super::eval::Cache::default();
    super::eval::run(store, query, matcher, marks, &mut cache, &|| false).unwrap_or_default()
}

/// The same, article by article with [`Matcher::score`]: the reference the indexed filter is
/// tested against.
pub fn filter_by_scan(store: &Store, query: &Query, matcher: &Matcher<'_>, marks: &dyn Marks) -> Vec<Hit> {
    let order = store.order();
    if query.is_empty() {
        return order.iter().map(|&id| Hit { id, score: 0 }).collect();
    }
    let mut hits: Vec<Hit> = order
        .par_iter()
        .with_min_len(256)
        .filter_map(|&id| matcher.score(store.get(id), marks).map(|score| Hit { id, score }))
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts() {
        assert!(starts_word("bo truong quoc phong", "truong"));
        assert!(starts_word("bo truong", "bo tr"));
        assert!(!starts_word("doi tuong", "tuong x"));
        assert!(!starts_word("doituong", "tuong"));
    }

    #[test]
    fn searching_block_by_block_finds_what_the_whole_folded_body_has() {
        let (store, _) = crate::cli::load_store(&crate::ingest::Source::Sample);
        let mut checked = 0;
        for a in store.articles() {
            let whole = Text::new(a).folded_body().to_string();
            // Pieces of the body's own lines (the start, a middle, across a line end), and
            // words in and out of it.
            let mut needles = vec![
                String::new(),
                "bo truong".into(),
                "quoc phong".into(),
                "zzq".into(),
            ];
            for line in whole.lines().take(4) {
                let chars: Vec<char> = line.chars().collect();
                needles.push(chars.iter().take(12).collect());
                needles.push(chars.iter().skip(chars.len() / 2).take(9).collect());
                needles.push(chars.iter().rev().take(3).rev().copied().chain(['\n']).collect());
            }
            for n in needles {
                // A fresh text each time: nothing folded in advance.
                assert_eq!(
                    Text::new(a).folded_body_contains(&n),
                    whole.contains(n.as_str()),
                    "{:?} in {}",
                    n,
                    a.path
                );
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked}");
    }
}
