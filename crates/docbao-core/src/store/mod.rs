//! The in-memory article store: every article with a stable id, kept newest first, with the
//! indexes the query layer and the UI read.

use docbao_extract::hash::{FastMap, FastSet};
use docbao_extract::persons::{self, KnownPeople, PersonIndex};
use docbao_extract::Name;
use std::collections::HashMap;

mod article;
pub mod body;
pub mod cache;
mod id_bits;
pub mod index;
pub mod postings;
mod problem;
pub mod stories;
pub use article::{newest_first, Article, ArticleId, ContentKey, Derived, Shape};
pub use body::Body;
pub use id_bits::IdBits;
pub use index::{ArticleWords, PersonPostings, WordIndex};
pub use problem::{Problem, Severity};

/// Articles by path (FNV: a restart builds it for every article).
type PathMap = FastMap<String, ArticleId>;

/// Every loaded article plus the problems met while loading.
#[derive(Debug, Default)]
pub struct Store {
    articles: Vec<Article>,
    /// Ids newest first; undated last; ties by path.
    order: Vec<ArticleId>,
    /// The date key of each id of `order`, in the same places, kept while articles arrive: the
    /// binary searches that merge a batch into the order compare these, side by side in
    /// memory, and touch an article only on a tie. Empty when not built (after a restore or
    /// a removal); [`Store::add`] builds it again.
    order_keys: Vec<(i32, u8)>,
    by_path: PathMap,
    problems: Vec<Problem>,
    people: PersonIndex,
    words: WordIndex,
    persons: PersonPostings,
    /// Bumped whenever articles or their persons change, so cached query results expire.
    generation: u64,
    /// Time spent building the word and person indexes and resolving persons.
    index_time: std::time::Duration,
    /// Persons were resolved after the last change.
    resolved: bool,
    /// One copy of every person name articles hold (see [`Store::add`]).
    names: FastSet<Name>,
    /// Copies of one text, grouped (see [`stories`]).
    stories: stories::Stories,
    /// Articles came in by the batch (a load) since the stories were grouped: they are grouped
    /// again whole with the persons (see [`Store::resolution`]).
    stories_due: bool,
    /// [`Store::total_words`] as last counted, with the generation and id bound it was for.
    total_words: std::sync::Mutex<Option<(u64, usize, usize)>>,
}

impl Store {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a store from a finished load.
    pub fn from_parts(articles: Vec<Article>, problems: Vec<Problem>) -> Self {
        let mut s = Self::new();
        s.add(articles);
        s.add_problems(problems);
        s
    }

    /// Adds a batch of articles, giving each an id and merging it into date order. Cost is
    /// linear in the store plus the batch's sort, so batches can arrive while the UI runs.
    pub fn add(&mut self, mut batch: Vec<Article>) {
        let started = std::time::Instant::now();
        let first = self.articles.len() as u32;
        for (i, a) in batch.iter_mut().enumerate() {
            a.id = ArticleId(first + i as u32);
            share_names(&mut self.names, a);
            self.by_path.insert(a.path.clone(), a.id);
            self.words.add(a.id, &std::mem::take(&mut a.words_for_index));
            self.persons.add(a.id, a.folded_persons());
        }
        self.index_time += started.elapsed();
        self.generation = next_generation();
        self.resolved = false;
        let mut new_ids: Vec<ArticleId> = batch.iter().map(|a| a.id).collect();
        self.articles.extend(batch);
        // Grouped with the whole archive when persons are settled (see `resolution`).
        self.stories_due = true;
        let arts = &self.articles;
        new_ids.sort_by(|a, b| newest_first(&arts[a.0 as usize], &arts[b.0 as usize]));
        let (order, keys) = (&mut self.order, &mut self.order_keys);
        if keys.len() != order.len() {
            keys.clear();
            keys.extend(order.iter().map(|id| arts[id.0 as usize].date.sort_key()));
        }
        // Merged in place from the back: each new id goes after the old ones that sort before
        // it, found by binary search. A small batch into a large store costs one move of the
        // ids after its first place, not a comparison per old id.
        let mut end = order.len();
        order.resize(end + new_ids.len(), ArticleId(0));
        keys.resize(order.len(), (0, 0));
        let mut w = order.len();
        for &id in new_ids.iter().rev() {
            let a = &arts[id.0 as usize];
            let key = a.date.sort_key();
            // The place where `newest_first(o, a).is_le()` stops holding: past the newer
            // dates (keys descend), then among the same date, past the smaller paths.
            let ties = keys[..end].partition_point(|&k| k > key);
            let same = keys[ties..end].partition_point(|&k| k == key);
            let n = ties + order[ties..ties + same].partition_point(|o| arts[o.0 as usize].path <= a.path);
            order.copy_within(n..end, w - (end - n));
            keys.copy_within(n..end, w - (end - n));
            w -= end - n;
            end = n;
            w -= 1;
            order[w] = id;
            keys[w] = key;
        }
    }

    /// Takes in persons and events found after their articles were added (see
    /// `LoadOptions::persons_later_from`): each goes to the article at its path only if that
    /// article still holds the text they were found in (a live change may have replaced it).
    /// Returns how many were taken.
    pub fn take_derived(&mut self, found: Vec<Derived>) -> usize {
        let started = std::time::Instant::now();
        let mut taken = 0;
        for d in found {
            let Some(&id) = self.by_path.get(&d.path) else {
                continue;
            };
            let a = &mut self.articles[id.0 as usize];
            if a.key != d.key || !a.body.same(&d.body) {
                continue;
            }
            a.persons = persons::display_names(&d.mentions);
            a.mentions = d.mentions;
            a.events = d.events;
            a.shrink();
            share_names(&mut self.names, a);
            a.folded = Article::fold_key(&a.title, &a.persons);
            a.sketch = d.sketch;
            self.persons.insert(id, a.folded_persons());
            taken += 1;
        }
        if taken > 0 {
            self.generation = next_generation();
            self.resolved = false;
            self.stories_due = true;
        }
        self.index_time += started.elapsed();
        taken
    }

    /// Places an article a live update added among the stories: its sketch against every
    /// other article's, then the texts of those alike (see [`stories::Stories::place`]).
    fn place_story(&mut self, id: ArticleId) {
        let arts = &self.articles;
        let Some(sketch) = arts.get(id.0 as usize).and_then(|a| a.sketch) else {
            return;
        };
        let others = self
            .order
            .iter()
            .filter_map(|o| arts[o.0 as usize].sketch.as_ref().map(|s| (o.0, s)));
        self.stories
            .place(id.0, &sketch, others, &mut |c| runs_of(&arts[c as usize]));
    }

    /// The other copies of an article's story still in the archive, newest first.
    pub fn copies(&self, id: ArticleId) -> Vec<ArticleId> {
        let mut v: Vec<ArticleId> = self
            .stories
            .members(id.0)
            .into_iter()
            .map(ArticleId)
            .filter(|&m| m != id && self.is_live(m))
            .collect();
        v.sort_by(|a, b| newest_first(self.get(*a), self.get(*b)));
        v
    }

    /// Whether an article is still in the archive (not removed or replaced by a live change).
    pub fn is_live(&self, id: ArticleId) -> bool {
        self.try_get(id)
            .is_some_and(|a| self.by_path.get(&a.path) == Some(&id))
    }

    /// The stories (copies grouped).
    pub fn stories(&self) -> &stories::Stories {
        &self.stories
    }

    /// Makes room for `more` articles about to be added: a load knows how many files it will
    /// read, and a table that doubles as it goes holds up to twice its size (and both sizes
    /// while it moves).
    pub fn reserve(&mut self, more: usize) {
        self.articles.reserve_exact(more);
        self.order.reserve_exact(more);
        self.by_path.reserve(more);
    }

    /// Keeps the problems `keep` says yes to.
    pub fn retain_problems(&mut self, keep: impl Fn(&Problem) -> bool) {
        self.problems.retain(|p| keep(p));
    }

    pub fn add_problems(&mut self, problems: Vec<Problem>) {
        self.problems.extend(problems);
    }

    /// Articles in the store (removed ones not counted).
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// One more than the highest id given out: the size of per-id tables.
    pub fn id_bound(&self) -> usize {
        self.articles.len()
    }

    /// Removes the article at `path`, or every article under it when it is a folder. Ids are
    /// never reused: a removed article stays behind, emptied, out of the order and the path
    /// table, which is all queries and views read. Returns how many went.
    pub fn remove(&mut self, path: &str) -> usize {
        self.remove_paths(&[path])
    }

    /// [`Store::remove`] for many paths at once: one pass over the order, and one over the path
    /// table only if some path is not an article (a folder, or a file never loaded).
    pub fn remove_paths<S: AsRef<str>>(&mut self, paths: &[S]) -> usize {
        let mut gone: Vec<ArticleId> = Vec::with_capacity(paths.len());
        let mut prefixes: Vec<String> = Vec::new();
        for p in paths {
            let p = p.as_ref();
            match self.by_path.get(p) {
                Some(&id) => gone.push(id),
                None => prefixes.push(format!("{}/", p.trim_end_matches('/'))),
            }
        }
        if !prefixes.is_empty() {
            gone.extend(
                self.by_path
                    .iter()
                    .filter(|(p, _)| prefixes.iter().any(|x| p.starts_with(x.as_str())))
                    .map(|(_, id)| *id),
            );
        }
        gone.sort_unstable();
        gone.dedup();
        self.remove_ids(&gone);
        gone.len()
    }

    /// Paths of the articles in the store.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_path.keys().map(String::as_str)
    }

    fn remove_ids(&mut self, gone: &[ArticleId]) {
        if gone.is_empty() {
            return;
        }
        let set: std::collections::HashSet<ArticleId> = gone.iter().copied().collect();
        self.order.retain(|id| !set.contains(id));
        self.order_keys = Vec::new();
        for id in gone {
            let a = &mut self.articles[id.0 as usize];
            self.by_path.remove(&a.path);
            a.body = Body::default();
            a.mentions = Vec::new();
            a.persons = Vec::new();
            a.events = Vec::new();
            a.sketch = None;
            a.folded = Article::fold_key(&a.title, &[]);
        }
        self.generation = next_generation();
        self.resolved = false;
    }

    /// Adds articles, replacing any already stored under the same path.
    pub fn upsert(&mut self, mut batch: Vec<Article>) {
        // One article per path: a file seen twice in one batch (its folder and itself) counts once.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, a) in batch.iter().enumerate() {
            last.insert(a.path.as_str(), i);
        }
        if last.len() < batch.len() {
            let keep: std::collections::HashSet<usize> = last.into_values().collect();
            let mut i = 0;
            batch.retain(|_| {
                i += 1;
                keep.contains(&(i - 1))
            });
        }
        let old: Vec<ArticleId> = batch
            .iter()
            .filter_map(|a| self.by_path.get(&a.path).copied())
            .collect();
        self.remove_ids(&old);
        let due = self.stories_due;
        let first = self.articles.len() as u32;
        self.add(batch);
        // A live change of a few articles: each finds its story against every sketch, nothing is
        // grouped again. More (a folder read again whole) are grouped with the archive when
        // persons are next settled, off the reader's thread: placing each against all would
        // cost the batch times the archive.
        if !due && self.articles.len() - first as usize <= PLACE_ALONE {
            self.stories_due = false;
            for id in first..self.articles.len() as u32 {
                self.place_story(ArticleId(id));
            }
        }
    }

    pub fn get(&self, id: ArticleId) -> &Article {
        &self.articles[id.0 as usize]
    }

    pub fn try_get(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.0 as usize)
    }

    pub fn by_path(&self, path: &str) -> Option<&Article> {
        self.by_path.get(path).map(|id| self.get(*id))
    }

    /// Ids, newest first.
    pub fn order(&self) -> &[ArticleId] {
        &self.order
    }

    /// Articles, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Article> {
        self.order.iter().map(|id| self.get(*id))
    }

    /// Articles in id order (load order).
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Settles every article's persons across the archive: spellings merged into one canonical
    /// name, lone surnames resolved against the other articles and the known people, and the
    /// person index rebuilt. Cheap enough to rerun after streamed batches finish loading: it
    /// reads only the stored mentions, never the text (about 12 ms for the 2,653-article
    /// dantri archive, 50 ms for 10,000 generated articles dense with names, on one core).
    pub fn resolve_persons(&mut self, known: &KnownPeople) {
        let r = self.resolution(known);
        self.apply_resolution(r);
    }

    /// What [`Store::resolve_persons`] would change, computed without changing the store, so
    /// that it can run on another thread while the store is shared (half a second at 100,000
    /// articles, seconds at a million).
    pub fn resolution(&self, known: &KnownPeople) -> Resolution {
        use rayon::prelude::*;
        let started = std::time::Instant::now();
        let (persons, people) = persons::archive::resolve(&self.articles, known);
        let changed: Vec<(u32, Vec<Name>, Box<str>)> = persons
            .into_par_iter()
            .map(|(i, p)| {
                let folded = Article::fold_key(&self.articles[i as usize].title, &p);
                (i, p, folded)
            })
            .collect();
        let mut postings = PersonPostings::default();
        let mut next = changed.iter().peekable();
        for (i, a) in self.articles.iter().enumerate() {
            let folded = match next.next_if(|c| c.0 as usize == i) {
                Some((_, _, f)) => f,
                None => &a.folded,
            };
            postings.add(a.id, folded.split('\n').skip(1));
        }
        // Copies grouped, when articles came in by the batch since.
        let stories = self.stories_due.then(|| {
            let sketches: Vec<_> = self.articles.iter().map(|a| a.sketch).collect();
            let arts = &self.articles;
            stories::Stories::group(&sketches, &|id| runs_of(&arts[id as usize]))
        });
        Resolution {
            generation: self.generation,
            changed,
            people,
            postings,
            stories,
            took: started.elapsed(),
        }
    }

    /// Takes a [`Store::resolution`] in; returns false, changing nothing, when the store has
    /// changed since it was computed.
    pub fn apply_resolution(&mut self, r: Resolution) -> bool {
        if r.generation != self.generation {
            return false;
        }
        for (i, p, f) in r.changed {
            let Some(a) = self.articles.get_mut(i as usize) else {
                continue;
            };
            a.persons = p;
            a.folded = f;
        }
        self.people = r.people;
        self.persons = r.postings;
        if let Some(st) = r.stories {
            self.stories = st;
            self.stories_due = false;
        }
        self.words.shrink(self.articles.len());
        self.generation = next_generation();
        self.resolved = true;
        self.index_time += r.took;
        true
    }

    /// Whether persons were resolved after the last change.
    pub fn is_resolved(&self) -> bool {
        self.resolved
    }

    /// Time spent indexing (words, persons) and resolving persons archive-wide so far.
    pub fn index_time(&self) -> std::time::Duration {
        self.index_time
    }

    /// [`Store::resolve_persons`], unless nothing changed since it last ran.
    pub fn resolve_persons_if_needed(&mut self, known: &KnownPeople) {
        if !self.resolved {
            self.resolve_persons(known);
        }
    }

    /// The word index of titles and bodies.
    pub fn words(&self) -> &WordIndex {
        &self.words
    }

    /// Articles by person name.
    pub fn person_postings(&self) -> &PersonPostings {
        &self.persons
    }

    /// Changes whenever the articles or their persons change.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The word count of every article held, summed: counted once per generation (a pass
    /// over every article, which a ranked keystroke must not pay each time).
    pub fn total_words(&self) -> usize {
        let key = (self.generation, self.articles.len());
        let mut memo = self
            .total_words
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match *memo {
            Some((g, n, total)) if (g, n) == key => total,
            _ => {
                let total = self.articles.iter().map(|a| a.words).sum();
                *memo = Some((key.0, key.1, total));
                total
            }
        }
    }

    /// The persons of the archive, most named first, with their aliases (empty until
    /// [`Store::resolve_persons`] has run).
    pub fn people(&self) -> &PersonIndex {
        &self.people
    }
}

/// A live change of at most this many articles places each among the stories at once; a larger
/// one waits for the next grouping (see [`Store::upsert`]).
const PLACE_ALONE: usize = 16;

/// An article's runs (see `near::shingles`), read from its text.
fn runs_of(a: &Article) -> docbao_extract::near::Runs {
    let mut texts = Vec::new();
    a.body.for_each_searchable(|t| texts.push(t.to_string()));
    docbao_extract::near::shingles(texts.iter().map(String::as_str))
}

/// Each article's loader made its own copies of the names it holds; one copy for the store (a
/// name is in thousands of articles).
fn share_names(names: &mut FastSet<Name>, a: &mut Article) {
    for n in a
        .persons
        .iter_mut()
        .chain(a.mentions.iter_mut().map(|m| &mut m.name))
    {
        match names.get(&**n) {
            Some(shared) => *n = shared.clone(),
            None => {
                names.insert(n.clone());
            }
        }
    }
}

/// Persons settled across a store, ready to be taken in (see [`Store::resolution`]).
pub struct Resolution {
    generation: u64,
    /// Articles whose persons change (by index, ascending): persons and folded key.
    changed: Vec<(u32, Vec<Name>, Box<str>)>,
    people: PersonIndex,
    postings: PersonPostings,
    /// The stories grouped again, when they were due.
    stories: Option<stories::Stories>,
    took: std::time::Duration,
}

/// A number no store has had before in this process, so caches keyed by it never mix two
/// stores up (one restored from disk, say, in place of another).
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{load_file, FileRef};
    use docbao_extract::Date;

    fn article(dir: &std::path::Path, rel: &str, title: &str) -> Article {
        let path = dir.join(rel.replace('/', "_"));
        std::fs::write(&path, format!("date: 2025-01-02\n\n{title}\n\nThân bài.\n")).expect("write");
        load_file(&FileRef::disk(rel, path)).article.expect("an article")
    }

    #[test]
    fn batches_merge_into_the_order_one_sort_would_give() {
        let dates = [
            "2025-03-01",
            "2025-03",
            "2025",
            "2024-12-31",
            "",
            "2025-03-01",
            "2026",
        ];
        let mut next = docbao_extract::text::test_rng(0x5eed_0dd5);
        let all: Vec<Article> = (0..300)
            .map(|i| {
                let d = dates[(next() % dates.len() as u64) as usize];
                let text = format!("date: {d}\n\nBài {i}\n\nThân bài.\n");
                let rel = format!("{:03}-{i}.txt", next() % 1000);
                crate::ingest::load_bytes(&rel, text.as_bytes())
                    .article
                    .expect("an article")
            })
            .collect();
        let mut s = Store::new();
        let mut rest = &all[..];
        let mut removed = Vec::new();
        while !rest.is_empty() {
            let n = ((next() % 40) as usize).min(rest.len());
            s.add(rest[..n].to_vec());
            rest = &rest[n..];
            // Now and then a file goes, as a watched folder's do, between two batches.
            if next().is_multiple_of(3) {
                let gone = s
                    .newest_first()
                    .nth((next() % 7) as usize)
                    .map(|a| a.path.clone());
                if let Some(p) = gone {
                    assert_eq!(s.remove(&p), 1);
                    removed.push(p);
                }
            }
        }
        assert!(!removed.is_empty());
        let mut want: Vec<&Article> = all.iter().filter(|a| !removed.contains(&a.path)).collect();
        want.sort_by(|a, b| newest_first(a, b));
        let got: Vec<(&str, Date)> = s.newest_first().map(|a| (a.path.as_str(), a.date)).collect();
        let want: Vec<(&str, Date)> = want.iter().map(|a| (a.path.as_str(), a.date)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_resolution_made_before_a_change_is_not_taken() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let known = KnownPeople::builtin();
        let mut s = Store::new();
        s.add(vec![article(d, "a.txt", "Ông Nguyễn Văn An nói")]);
        let stale = s.resolution(known);
        s.add(vec![article(d, "b.txt", "Bà Trần Thị Bình nói")]);
        assert!(!s.is_resolved());
        assert!(!s.apply_resolution(stale), "made for the store before b.txt");
        assert!(!s.is_resolved());
        let fresh = s.resolution(known);
        assert!(s.apply_resolution(fresh));
        assert!(s.is_resolved());
    }

    #[test]
    fn upsert_replaces_by_path_and_remove_takes_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let mut s = Store::new();
        s.add(vec![
            article(d, "a.txt", "A"),
            article(d, "d/b.txt", "B"),
            article(d, "d/c.txt", "C"),
        ]);
        assert_eq!(s.len(), 3);
        s.upsert(vec![
            article(d, "a.txt", "Mới"),
            article(d, "e.txt", "Một"),
            article(d, "e.txt", "Hai"),
        ]);
        assert_eq!(s.len(), 4, "a replaced, e added once");
        assert_eq!(s.by_path("a.txt").map(|a| a.title.as_str()), Some("Mới"));
        assert_eq!(s.by_path("e.txt").map(|a| a.title.as_str()), Some("Hai"));
        assert_eq!(s.remove("d"), 2);
        assert_eq!(s.len(), 2);
        assert!(s.by_path("d/b.txt").is_none());
        assert!(s.newest_first().all(|a| !a.path.starts_with("d/")));
    }
}
