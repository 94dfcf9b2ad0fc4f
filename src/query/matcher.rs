//! Matching a parsed query against the store, in parallel, ranked: person and title matches
//! above body matches, then newest first, ties stable.

use super::parse::{Query, Term, Word};
use crate::store::{Article, ArticleId, Store};
use crate::text::fold::{fold, strip_marks, tone_key};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::collections::HashSet;

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
const TITLE: u32 = 4;
const PERSON: u32 = 4;
const BODY: u32 = 1;

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

    /// The article's score, or `None` when a term does not hold.
    pub fn score(&self, a: &Article, marks: &dyn Marks) -> Option<u32> {
        let mut total = 0;
        for (i, t) in self.query.terms.iter().enumerate() {
            total += self.term(t, self.persons.get(i).and_then(|p| p.as_ref()), a, marks)?;
        }
        Some(total)
    }

    fn term(
        &self,
        t: &Term,
        persons: Option<&HashSet<String>>,
        a: &Article,
        marks: &dyn Marks,
    ) -> Option<u32> {
        let (title, body) = a.search.split_once('\n').unwrap_or((&a.search, ""));
        match t {
            Term::Word(w) => {
                if word_in(title, w, a, true) {
                    return Some(TITLE);
                }
                if a.persons.iter().any(|p| starts_word(&fold(p), &w.folded)) {
                    return Some(PERSON);
                }
                if word_in(body, w, a, false) {
                    return Some(BODY);
                }
                // Fuzzy on the title, for typos: the letters in order within a tight span.
                let n = w.folded.chars().count();
                if n >= 4 && w.marked.is_none() && !w.case_sensitive {
                    let (_, idx) = self.fuzzy.fuzzy_indices(title, &w.folded)?;
                    let (first, last) = (*idx.first()?, *idx.last()?);
                    let at_word_start =
                        first == 0 || title.chars().nth(first - 1).is_some_and(|c| !c.is_alphanumeric());
                    if at_word_start && last - first < n + 2 {
                        return Some(TITLE / 2);
                    }
                }
                None
            }
            Term::Exact(w) | Term::Phrase(w) => {
                if !a.search.contains(w.folded.as_str()) {
                    return None;
                }
                let text = original_text(a);
                let ok = match &w.marked {
                    Some(m) => tone_key(&text).contains(m.as_str()),
                    None if w.case_sensitive => strip_marks(&text).contains(strip_marks(&w.raw).as_str()),
                    None => true,
                };
                ok.then_some(if title.contains(w.folded.as_str()) {
                    TITLE
                } else {
                    BODY
                })
            }
            Term::TitleStarts(w) => check_title(&a.title, w, |t, n| t.starts_with(n)).then_some(TITLE),
            Term::TitleEnds(w) => check_title(&a.title, w, |t, n| {
                t.trim_end_matches(['.', '…', '!', '?']).ends_with(n)
            })
            .then_some(TITLE),
            Term::Person(w) => {
                let hit = a.persons.iter().any(|p| {
                    let fp = fold(p);
                    match persons {
                        Some(set) => set.contains(&fp),
                        None => {
                            fp.split(' ').collect::<Vec<_>>().join(" ").contains(&w.folded)
                                || starts_word(&fp, &w.folded)
                        }
                    }
                });
                hit.then_some(PERSON)
            }
            Term::Date(r) => r.overlaps(&a.date).then_some(0),
            Term::Event(r) => a.events.iter().any(|e| r.overlaps(&e.date)).then_some(0),
            Term::Undated => (!a.date.is_dated()).then_some(0),
            Term::Unread => (!marks.is_read(a)).then_some(0),
            Term::Bookmarked => marks.is_bookmarked(a).then_some(0),
            Term::Not(inner) => match self.term(inner, None, a, marks) {
                Some(_) => None,
                None => Some(0),
            },
            Term::Or(alts) => alts.iter().filter_map(|t| self.term(t, None, a, marks)).max(),
        }
    }
}

/// Title tests compare folded text unless the user typed marks.
fn check_title(title: &str, w: &Word, test: impl Fn(&str, &str) -> bool) -> bool {
    match &w.marked {
        Some(m) => test(&tone_key(title), m),
        None => test(&fold(title), &w.folded),
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
fn word_in(folded: &str, w: &Word, a: &Article, is_title: bool) -> bool {
    if !starts_word(folded, &w.folded) {
        return false;
    }
    if w.marked.is_none() && !w.case_sensitive {
        return true;
    }
    let text = if is_title {
        a.title.clone()
    } else {
        original_text(a)
    };
    match &w.marked {
        Some(m) => starts_word(&tone_key(&text), m),
        None => starts_word(&strip_marks(&text), &strip_marks(&w.raw)),
    }
}

/// Title and searchable body text, one block per line (not folded).
pub fn original_text(a: &Article) -> String {
    let mut s = a.title.clone();
    for t in a.blocks.iter().filter_map(|b| b.searchable()) {
        s.push('\n');
        s.push_str(t);
    }
    s
}

/// Filters the whole store: hits ranked by score, then newest first.
pub fn filter(store: &Store, query: &Query, matcher: &Matcher<'_>, marks: &dyn Marks) -> Vec<Hit> {
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
}
