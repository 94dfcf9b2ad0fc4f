//! Running a query through the store's indexes. Each term becomes a dense score column (one
//! byte per article: 0 no match, else 1 + the term's score), built from posting lists where the
//! word index settles the term, and from a parallel check of candidate articles against the
//! reference semantics ([`Matcher::term`]) where it cannot (phrases, smart case, words with
//! punctuation). Columns are cached by term, so a query typed one key at a time recomputes only
//! the term being typed; the columns are then combined and ranked in one pass over the
//! newest-first order, with no sort.

use super::matcher::{fuzzy_applies, Hit, Marks, Matcher, Text, BODY, FUZZY, PERSON, TITLE};
use super::parse::{Query, Term, Word};
use crate::store::index::words;
use crate::store::postings::Postings;
use crate::store::{Article, Store};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// One byte per article id.
type Column = Vec<u8>;

/// Score columns of recent terms, valid for one generation of the store.
#[derive(Default)]
pub struct Cache {
    generation: u64,
    len: usize,
    /// Every article's publication date as a span of days, by id, made the first time a
    /// query has a date term: a date term is then a pass over this table, not over the
    /// articles (85 ms a key at a million articles became a few).
    spans: Option<Arc<Spans>>,
    columns: HashMap<String, Arc<Column>>,
    /// Columns [`warm`] made: kept when the others are cleared for room.
    pinned: HashMap<String, Arc<Column>>,
    /// What the last plain phrase's check saw, for the next key's longer phrase.
    phrase: Option<super::phrase::Memo>,
}

impl Cache {
    const MAX: usize = 96;

    fn check(&mut self, store: &Store) {
        if self.generation != store.generation() || self.len != store.id_bound() {
            self.columns.clear();
            self.pinned.clear();
            self.spans = None;
            self.phrase = None;
            self.generation = store.generation();
            self.len = store.id_bound();
        }
    }

    fn get(&self, key: &str) -> Option<Arc<Column>> {
        self.pinned.get(key).or_else(|| self.columns.get(key)).cloned()
    }

    /// A cache with this one's warmed columns and none of the rest (as after a restart of
    /// typing: what benches start each query from).
    pub fn warmed_only(&self) -> Cache {
        Cache {
            generation: self.generation,
            len: self.len,
            spans: self.spans.clone(),
            columns: HashMap::new(),
            pinned: self.pinned.clone(),
            phrase: None,
        }
    }

    fn spans(&mut self, store: &Store) -> Arc<Spans> {
        self.spans
            .get_or_insert_with(|| {
                Arc::new(
                    store
                        .articles()
                        .par_iter()
                        .with_min_len(4096)
                        .map(|a| a.date.span())
                        .collect(),
                )
            })
            .clone()
    }

    fn put(&mut self, key: String, col: Arc<Column>) {
        if self.columns.len() >= Self::MAX {
            self.columns.clear();
        }
        self.columns.insert(key, col);
    }
}

/// Articles checked one by one per parallel task.
pub(super) const CHUNK: usize = 2048;

/// Runs `query` and ranks the hits. Returns `None` when `cancelled` said so along the way (a
/// newer query has arrived).
pub fn run(
    store: &Store,
    query: &Query,
    matcher: &Matcher<'_>,
    marks: &dyn Marks,
    cache: &mut Cache,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let order = store.order();
    if query.is_empty() {
        return Some(order.iter().map(|&id| Hit { id, score: 0 }).collect());
    }
    cache.check(store);
    let spans = query.terms.iter().any(has_date).then(|| cache.spans(store));
    let memo = cache.phrase.take();
    let ev = Eval {
        store,
        matcher,
        marks,
        cancelled,
        spans: spans.as_deref().map(Vec::as_slice),
        memo: memo.as_ref(),
        new_memo: std::sync::Mutex::new(None),
    };
    let mut acc: Option<Column> = None;
    // Cheap, index-settled terms first, so the checked ones only look at survivors.
    let mut terms: Vec<(usize, &Term)> = query.terms.iter().enumerate().collect();
    terms.sort_by_key(|(_, t)| !ev.settled_by_index(t));
    for (i, t) in terms {
        if cancelled() {
            return None;
        }
        let persons = matcher.persons(i);
        let key = format!(
            "{t:?}|{:?}",
            persons.map(|p| {
                let mut v: Vec<&String> = p.iter().collect();
                v.sort();
                v
            })
        );
        let col = match cache.get(&key) {
            // Marks change without the store changing: never cached.
            _ if asks_marks(t) => Arc::new(ev.column(t, acc.as_deref())?),
            Some(c) => c,
            None if ev.settled_by_index(t) || acc.is_none() => {
                let c = Arc::new(ev.column(t, None)?);
                cache.put(key, c.clone());
                c
            }
            // A checked term with survivors to narrow to: not cached (it depends on them).
            None => Arc::new(ev.column(t, acc.as_deref())?),
        };
        acc = Some(match acc {
            None => col.to_vec(),
            Some(mut a) => {
                a.iter_mut().zip(col.iter()).for_each(|(x, &y)| {
                    *x = if *x == 0 || y == 0 {
                        0
                    } else {
                        x.saturating_add(y - 1)
                    };
                });
                a
            }
        });
    }
    let fresh = ev.new_memo.lock().ok().and_then(|mut m| m.take());
    cache.phrase = fresh.or(memo);
    let acc = acc?;
    Some(rank(order.iter().filter_map(|&id| {
        let s = acc[id.0 as usize];
        (s > 0).then(|| Hit {
            id,
            score: s as u32 - 1,
        })
    })))
}

/// Parses `text` as typed (person spans against the store's persons) and runs it: what one
/// keystroke in the filter bar costs. `None` when cancelled.
pub fn run_text(
    store: &Store,
    text: &str,
    marks: &dyn Marks,
    cache: &mut Cache,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<(Query, Vec<Hit>)> {
    let people = store.people();
    let q = super::parse(text, &|name: &str| people.extends(name));
    let matcher = Matcher::new(&q, &|w| people.resolve(&w.raw));
    let hits = run(store, &q, &matcher, marks, cache, cancelled)?;
    Some((q, hits))
}

/// Computes and caches the column of every one-character word (`a`..`z`, `0`..`9`), stopping
/// as soon as `cancelled` says so. On a big archive these are the slowest keystrokes (a letter
/// starts a large share of all words) and the first of every query.
pub fn warm(store: &Store, cache: &mut Cache, cancelled: &(dyn Fn() -> bool + Sync)) {
    for c in ('a'..='z').chain('0'..='9') {
        if cancelled() {
            return;
        }
        let q = super::parse(&c.to_string(), &|_| false);
        let m = Matcher::new(&q, &|_| None);
        let _ = run(store, &q, &m, &super::matcher::NoMarks, cache, cancelled);
        let key = cache
            .columns
            .keys()
            .find(|k| k.starts_with(&format!("Word(Word {{ raw: \"{c}\"")));
        if let Some(k) = key.cloned() {
            if let Some(col) = cache.columns.remove(&k) {
                cache.pinned.insert(k, col);
            }
        }
    }
}

/// Highest score first; within a score, the order given (newest first). A counting sort:
/// scores are small.
fn rank(hits: impl Iterator<Item = Hit>) -> Vec<Hit> {
    let hits: Vec<Hit> = hits.collect();
    let mut counts = [0usize; 256];
    for h in &hits {
        counts[h.score.min(255) as usize] += 1;
    }
    let mut start = [0usize; 256];
    let mut n = 0;
    for s in (0..256).rev() {
        start[s] = n;
        n += counts[s];
    }
    let mut out = vec![
        Hit {
            id: Default::default(),
            score: 0
        };
        hits.len()
    ];
    for h in hits {
        let s = h.score.min(255) as usize;
        out[start[s]] = h;
        start[s] += 1;
    }
    out
}

struct Eval<'a> {
    store: &'a Store,
    matcher: &'a Matcher<'a>,
    marks: &'a dyn Marks,
    cancelled: &'a (dyn Fn() -> bool + Sync),
    /// See [`Cache::spans`]; there when the query has a date term.
    spans: Option<&'a [Option<(chrono::NaiveDate, chrono::NaiveDate)>]>,
    /// The last plain phrase's memo, and the one this query's leaves (see `phrase`).
    memo: Option<&'a super::phrase::Memo>,
    new_memo: std::sync::Mutex<Option<super::phrase::Memo>>,
}

/// `1 + score`, the column encoding of a match.
fn enc(score: u32) -> u8 {
    (score + 1).min(255) as u8
}

impl Eval<'_> {
    /// Can the indexes answer this term exactly, with no article checked?
    fn settled_by_index(&self, t: &Term) -> bool {
        match t {
            Term::Word(w) => plain(w),
            Term::Person(_) => true,
            Term::Date(_) => self.spans.is_some(),
            Term::Exact(w) | Term::Phrase(w) => plain(w) && w.marked.is_none(),
            Term::Not(inner) => self.settled_by_index(inner),
            Term::Or(alts) => alts.iter().all(|t| self.settled_by_index(t)),
            _ => false,
        }
    }

    #[allow(clippy::too_many_lines)] // the evaluation of one term kind each, each short; together they are the evaluator
    fn column(&self, t: &Term, within: Option<&[u8]>) -> Option<Column> {
        let n = self.store.id_bound();
        match t {
            Term::Word(w) if plain(w) => Some(self.word(w)),
            Term::Word(w) => {
                // Candidates: articles with every alphanumeric piece as a word prefix (or a
                // person's name holding it); then the reference check.
                let mut cand = self.all_pieces(&w.folded, |ix, p, col| {
                    for e in ix.prefixed(p) {
                        mark_postings(col, &e.postings);
                    }
                })?;
                // Names hold punctuation the name index splits on ("jae-myung"): look at them whole.
                for (name, ids) in self.store.person_postings().names() {
                    if super::matcher::starts_word(name, &w.folded) {
                        ids.iter().for_each(|&id| cand[id as usize] = 1);
                    }
                }
                self.check(t, Some(&cand), within)
            }
            Term::Exact(w) | Term::Phrase(w) => {
                let pieces: Vec<&str> = words(&w.folded).collect();
                let cand = self.all_pieces(&w.folded, |ix, p, col| {
                    for e in ix.entries().iter().filter(|e| e.folded.contains(p)) {
                        mark_postings(col, &e.postings);
                    }
                })?;
                if self.settled_by_index(t) && pieces.len() == 1 {
                    // One piece, no marks or case: the index's title bit gives the score.
                    let mut col = vec![0u8; n];
                    for e in self
                        .store
                        .words()
                        .entries()
                        .iter()
                        .filter(|e| e.folded.contains(pieces[0]))
                    {
                        for p in e.postings.iter() {
                            let s = if p & 1 == 1 { enc(TITLE) } else { enc(BODY) };
                            let c = &mut col[(p >> 1) as usize];
                            *c = (*c).max(s);
                        }
                    }
                    return Some(col);
                }
                if super::phrase::applies(&w.folded, w.marked.is_some(), w.case_sensitive) {
                    let (col, memo) = super::phrase::column(
                        self.store,
                        &w.folded,
                        self.memo,
                        (Some(&cand), within),
                        self.cancelled,
                    )?;
                    if let Ok(mut slot) = self.new_memo.lock() {
                        *slot = Some(memo);
                    }
                    return Some(col);
                }
                self.check(t, Some(&cand), within)
            }
            Term::Person(w) if self.matcher.person_names(w).is_some() => {
                let mut col = vec![0u8; n];
                for name in self.matcher.person_names(w).into_iter().flatten() {
                    for &id in self.store.person_postings().named(name) {
                        col[id as usize] = enc(PERSON);
                    }
                }
                Some(col)
            }
            Term::Date(r) if self.spans.is_some() => {
                let spans = self.spans.unwrap_or_default();
                let mut col = vec![0u8; n];
                col.par_chunks_mut(CHUNK).enumerate().for_each(|(k, out)| {
                    let base = k * CHUNK;
                    for (slot, s) in out.iter_mut().zip(&spans[base.min(spans.len())..]) {
                        if s.is_some_and(|(a, b)| r.overlaps_span(a, b)) {
                            *slot = enc(0);
                        }
                    }
                });
                Some(col)
            }
            Term::Person(w) => {
                // A name the person index does not know: any person whose name holds it.
                let mut col = vec![0u8; n];
                for (name, ids) in self.store.person_postings().names() {
                    if name.contains(&*w.folded) {
                        ids.iter().for_each(|&id| col[id as usize] = enc(PERSON));
                    }
                }
                Some(col)
            }
            Term::Not(inner) if self.settled_by_index(inner) => {
                let mut col = self.column(inner, None)?;
                col.iter_mut().for_each(|x| *x = if *x == 0 { 1 } else { 0 });
                Some(col)
            }
            Term::Or(alts) if self.settled_by_index(t) => {
                let mut col = vec![0u8; n];
                for a in alts {
                    let c = self.column(a, None)?;
                    col.iter_mut().zip(c).for_each(|(x, y)| *x = (*x).max(y));
                }
                Some(col)
            }
            _ => self.check(t, None, within),
        }
    }

    /// A plain word (alphanumeric, smart case off): prefix ranges in the word index and the
    /// person names, typo matches among title words.
    fn word(&self, w: &Word) -> Column {
        let mut col = vec![0u8; self.store.id_bound()];
        let ix = self.store.words();
        let lists: Vec<&Postings> = ix
            .prefixed(&w.folded)
            .filter(|e| w.marked.as_deref().is_none_or(|m| e.marked.starts_with(m)))
            .map(|e| &e.postings)
            .collect();
        scatter(
            &mut col,
            &lists,
            |p| if p & 1 == 1 { enc(TITLE) } else { enc(BODY) },
        );
        for list in self.store.person_postings().prefixed(&w.folded) {
            list.iter().for_each(|&id| col[id as usize] = enc(PERSON));
        }
        if fuzzy_applies(w) {
            let first = w.folded.chars().next().unwrap_or(' ');
            for e in ix.starting_with(first) {
                if e.in_title
                    && !e.folded.starts_with(&*w.folded)
                    && self.matcher.fuzzy_word(&e.folded, &w.folded)
                {
                    for p in e.postings.iter().filter(|&p| p & 1 == 1) {
                        let c = &mut col[(p >> 1) as usize];
                        *c = (*c).max(enc(FUZZY));
                    }
                }
            }
        }
        col
    }

    /// Articles holding every alphanumeric piece of `text` as marked by `each`; all articles
    /// when it has none.
    fn all_pieces(
        &self,
        text: &str,
        each: impl Fn(&crate::store::WordIndex, &str, &mut Column),
    ) -> Option<Column> {
        let n = self.store.id_bound();
        let mut acc: Option<Column> = None;
        for p in words(text) {
            if (self.cancelled)() {
                return None;
            }
            let mut col = vec![0u8; n];
            each(self.store.words(), p, &mut col);
            acc = Some(match acc {
                None => col,
                Some(mut a) => {
                    a.iter_mut().zip(col).for_each(|(x, y)| *x &= y);
                    a
                }
            });
        }
        Some(acc.unwrap_or_else(|| vec![1u8; n]))
    }

    /// The reference check on every article (or on the candidates and survivors given), on
    /// both cores, stopping early when cancelled.
    fn check(&self, t: &Term, cand: Option<&[u8]>, within: Option<&[u8]>) -> Option<Column> {
        let arts: &[Article] = self.store.articles();
        let mut col = vec![0u8; arts.len()];
        let stop = std::sync::atomic::AtomicBool::new(false);
        col.par_chunks_mut(CHUNK).enumerate().for_each(|(k, out)| {
            if stop.load(std::sync::atomic::Ordering::Relaxed) || (self.cancelled)() {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
                return;
            }
            let base = k * CHUNK;
            for (j, slot) in out.iter_mut().enumerate() {
                let i = base + j;
                if cand.is_some_and(|c| c[i] == 0) || within.is_some_and(|w| w[i] == 0) {
                    continue;
                }
                let text = Text::new(&arts[i]);
                if let Some(s) = self.matcher.term(t, &text, self.marks) {
                    *slot = enc(s);
                }
            }
        });
        (!stop.into_inner()).then_some(col)
    }
}

/// Publication dates as spans of days, by article id (`None`: undated).
type Spans = Vec<Option<(chrono::NaiveDate, chrono::NaiveDate)>>;

/// Does the term hold a publication-date term?
fn has_date(t: &Term) -> bool {
    match t {
        Term::Date(_) => true,
        Term::Not(inner) => has_date(inner),
        Term::Or(alts) => alts.iter().any(has_date),
        _ => false,
    }
}

/// Does the term depend on read and bookmark marks?
fn asks_marks(t: &Term) -> bool {
    match t {
        Term::Unread | Term::Bookmarked | Term::Tag(_) | Term::Tagged => true,
        Term::Not(inner) => asks_marks(inner),
        Term::Or(alts) => alts.iter().any(asks_marks),
        _ => false,
    }
}

/// Writes every posting of `lists` into `col`, keeping the higher score, on every core: each
/// task owns a stretch of article ids and finds its part of each (sorted) list by binary search.
fn scatter(col: &mut [u8], lists: &[&Postings], score: impl Fn(u32) -> u8 + Sync) {
    let total: usize = lists.iter().map(|l| l.len()).sum();
    let put = |out: &mut [u8], lo: u32, list: &Postings| {
        let hi = lo + out.len() as u32;
        list.for_each_in(lo, hi, |p| {
            let c = &mut out[((p >> 1) - lo) as usize];
            *c = (*c).max(score(p));
        });
    };
    if total < 100_000 || col.is_empty() {
        for l in lists {
            put(col, 0, l);
        }
        return;
    }
    let span = col.len().div_ceil(8);
    col.par_chunks_mut(span).enumerate().for_each(|(k, out)| {
        for l in lists {
            put(out, (k * span) as u32, l);
        }
    });
}

/// A word the index answers alone: letters and digits only, smart case off.
fn plain(w: &Word) -> bool {
    !w.case_sensitive && !w.folded.is_empty() && w.folded.chars().all(char::is_alphanumeric)
}

fn mark_postings(col: &mut Column, postings: &Postings) {
    postings.for_each_in(0, u32::MAX, |p| col[(p >> 1) as usize] = 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warming_caches_every_one_letter_word() {
        let (store, _) = crate::session::load_store(&crate::ingest::Source::Sample, &Default::default());
        let mut cache = Cache::default();
        warm(&store, &mut cache, &|| false);
        assert_eq!(cache.pinned.len(), 36);
        // A keystroke then reads the column back: same result as from nothing.
        let q = super::super::parse("t", &|_| false);
        let m = Matcher::new(&q, &|_| None);
        let warm_hits = run(
            &store,
            &q,
            &m,
            &super::super::matcher::NoMarks,
            &mut cache,
            &|| false,
        );
        let cold_hits = run(
            &store,
            &q,
            &m,
            &super::super::matcher::NoMarks,
            &mut Cache::default(),
            &|| false,
        );
        assert_eq!(warm_hits, cold_hits);
        // Stopped at once when a newer query is waiting.
        let mut fresh = Cache::default();
        warm(&store, &mut fresh, &|| true);
        assert!(fresh.pinned.is_empty() && fresh.columns.is_empty());
    }

    #[test]
    fn scatter_on_every_core_gives_what_one_pass_gives() {
        let n = 300_001;
        let a: Vec<u32> = (0..n as u32).step_by(3).map(|id| id << 1 | (id % 2)).collect();
        let b: Vec<u32> = (0..n as u32).step_by(7).map(|id| id << 1).collect();
        let (pa, pb) = (Postings::from_list(a.clone()), Postings::from_list(b.clone()));
        let mut pc = Postings::from_list(a.clone());
        pc.compact(n);
        let lists = [&pa, &pb, &pc];
        let score = |p: u32| if p & 1 == 1 { 5 } else { 2 };
        let mut par = vec![0u8; n];
        scatter(&mut par, &lists, score);
        let mut one = vec![0u8; n];
        for l in [&a, &b] {
            for &p in l {
                let c = &mut one[(p >> 1) as usize];
                *c = (*c).max(score(p));
            }
        }
        assert_eq!(par, one);
    }
}
