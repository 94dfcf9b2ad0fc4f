//! What a query means for one article (the reference semantics), and the ranking: person and
//! title matches above typo matches in a title, above body matches, then newest first, ties
//! stable.

use super::parse::{Query, Term, Word};
use crate::store::index::words;
use crate::store::{Article, ArticleId, Store};
use docbao_extract::text::fold::{fold_into, strip_marks, tone_key};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One article that matched, with its rank score (higher first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: ArticleId,
    pub score: u32,
}

/// Per-user marks the query can ask about (`is:unread`, `is:bookmarked`, `tag:NAME`).
pub trait Marks: Sync {
    fn is_read(&self, a: &Article) -> bool;
    fn is_bookmarked(&self, a: &Article) -> bool;
    /// The article's tags (see `state::tags`).
    fn tags(&self, _: &Article) -> &[String] {
        &[]
    }
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
    /// Canonical names (folded) that each person term stands for, anywhere in the query (also
    /// inside `!` and `|`: `!@lee jae myung`), by the term's folded name, when the person index
    /// knew it.
    persons: HashMap<Box<str>, HashSet<String>>,
}

/// How strongly an article matched one term.
pub const TITLE: u32 = 4;
pub const PERSON: u32 = 4;
pub const FUZZY: u32 = 2;
pub const BODY: u32 = 1;

impl<'q> Matcher<'q> {
    pub fn new(query: &'q Query, resolve_person: &dyn Fn(&Word) -> Option<HashSet<String>>) -> Self {
        let mut persons = HashMap::new();
        for t in &query.terms {
            resolve_persons(t, resolve_person, &mut persons);
        }
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
        self.query
            .terms
            .iter()
            .try_fold(0, |total, t| Some(total + self.term(t, &text, marks)?))
    }

    /// The query's terms.
    pub fn terms(&self) -> &[Term] {
        &self.query.terms
    }

    /// The names a top-level person term (by position) stands for, when the person index
    /// knew it.
    pub fn persons(&self, i: usize) -> Option<&HashSet<String>> {
        match self.query.terms.get(i) {
            Some(Term::Person(w)) => self.person_names(w),
            _ => None,
        }
    }

    /// The canonical names a person term stands for, wherever it is in the query.
    pub fn person_names(&self, w: &Word) -> Option<&HashSet<String>> {
        self.persons.get(w.folded.as_str())
    }

    /// One term against one article.
    pub fn term(&self, t: &Term, text: &Text<'_>, marks: &dyn Marks) -> Option<u32> {
        let a = text.article;
        let title = a.folded_title();
        match t {
            Term::Word(w) => {
                if title_has_word(w, a) || a.folded_persons().any(|p| starts_word(p, &w.folded)) {
                    return Some(TITLE);
                }
                if fuzzy_applies(w) && words(title).any(|t| self.fuzzy_word(t, &w.folded)) {
                    return Some(FUZZY);
                }
                body_has_word(w, text).then_some(BODY)
            }
            Term::Exact(w) | Term::Phrase(w) => {
                let in_title = title.contains(w.folded.as_str());
                let folded_found = || in_title || text.folded_body_contains(&w.folded);
                // With marks or case, a one-line term is looked for where its folded form is
                // found; one with a line end must be found folded, in the title or the body,
                // first (the original it is then checked on is both, joined).
                let ok = match Form::of(w, false) {
                    Some(form) => {
                        (one_line(&w.folded) || folded_found()) && text.original_has(&w.folded, &form)
                    }
                    None => folded_found(),
                };
                ok.then_some(if in_title { TITLE } else { BODY })
            }
            Term::TitleStarts(w) => check_title(a, w, |t, n| t.starts_with(n)).then_some(TITLE),
            Term::TitleEnds(w) => {
                check_title(a, w, |t, n| t.trim_end_matches(['.', '…', '!', '?']).ends_with(n))
                    .then_some(TITLE)
            }
            Term::Person(w) => {
                let persons = self.person_names(w);
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
            Term::Tag(w) => marks.tags(a).iter().any(|t| tag_is(t, w)).then_some(0),
            Term::Tagged => (!marks.tags(a).is_empty()).then_some(0),
            Term::Not(inner) => match self.term(inner, text, marks) {
                Some(_) => None,
                None => Some(0),
            },
            Term::Or(alts) => alts.iter().filter_map(|t| self.term(t, text, marks)).max(),
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

/// Resolves every person term in `t` (also inside `!` and `|`) into `out`.
fn resolve_persons(
    t: &Term,
    resolve_person: &dyn Fn(&Word) -> Option<HashSet<String>>,
    out: &mut HashMap<Box<str>, HashSet<String>>,
) {
    match t {
        Term::Person(w) => {
            if let Some(set) = resolve_person(w) {
                out.insert(w.folded.as_str().into(), set);
            }
        }
        Term::Not(inner) => resolve_persons(inner, resolve_person, out),
        Term::Or(alts) => alts.iter().for_each(|a| resolve_persons(a, resolve_person, out)),
        _ => {}
    }
}

/// Whether a tag is the one a `tag:` term names: the whole tag, without regard to case, and to
/// diacritics when none were typed (`tag:quoc-phong` is `quốc-phòng`).
fn tag_is(tag: &str, w: &Word) -> bool {
    match &w.marked {
        Some(marked) => tone_key(tag) == *marked,
        None => docbao_extract::text::fold(tag) == w.folded,
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

    /// Whether the folded body holds `needle` (folded).
    pub fn folded_body_contains(&self, needle: &str) -> bool {
        if let Some(body) = self.body.get() {
            return body.contains(needle);
        }
        if !one_line(needle) {
            return self.folded_body().contains(needle);
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        self.any_block(false, |_, folded| finder.find(folded.as_bytes()).is_some())
    }

    /// Whether `needle` (folded) starts a word of the folded body.
    fn folded_body_has_word(&self, needle: &str) -> bool {
        match self.body.get() {
            Some(body) => starts_word(body, needle),
            None if one_line(needle) => self.any_block(false, |_, folded| starts_word(folded, needle)),
            None => starts_word(self.folded_body(), needle),
        }
    }

    /// Whether the title or the body, not folded, has `form` (a term with marks or case)
    /// somewhere. Marks and case are checked only where the folded term is (see
    /// [`at_folded_hits`]), not on every article's whole text (a phrase typed with marks
    /// took 23 s at 100,000 articles).
    fn original_has(&self, folded: &str, form: &Form<'_>) -> bool {
        if !one_line(folded) {
            return form.anywhere(self.original());
        }
        self.any_block(true, |original, f| at_folded_hits(original, f, folded, form))
    }

    /// Whether some searchable block (after the title, when `with_title`) passes `test`, given
    /// its text and its folded form. Blocks are folded one at a time into one buffer, and the
    /// search stops at the first that passes: a term found in most articles is usually found
    /// early, and folding whole texts was most of what such a term cost.
    fn any_block(&self, with_title: bool, mut test: impl FnMut(&str, &str) -> bool) -> bool {
        let mut buf = String::new();
        let mut unit = |t: &str| {
            buf.clear();
            fold_into(t, &mut buf);
            test(t, &buf)
        };
        if with_title && unit(&self.article.title) {
            return true;
        }
        let mut found = false;
        self.article.body.for_each_searchable(|t| {
            if !found {
                found = unit(t);
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

/// A word term against the title, verified against the original when marks or case matter.
fn title_has_word(w: &Word, a: &Article) -> bool {
    if !starts_word(a.folded_title(), &w.folded) {
        return false;
    }
    match &w.marked {
        Some(m) => starts_word(&tone_key(&a.title), m),
        None if w.case_sensitive => starts_word(&strip_marks(&a.title), &strip_marks(&w.raw)),
        None => true,
    }
}

/// A word term against the body, verified against the original when marks or case matter
/// (block by block: see [`Text::original_has`]). Only asked when the title did not have it.
fn body_has_word(w: &Word, text: &Text<'_>) -> bool {
    // With marks or case, a one-line term is looked for where its folded form is found (the
    // title has been asked already: it cannot have the word here).
    match Form::of(w, true) {
        Some(form) => {
            (one_line(&w.folded) || text.folded_body_has_word(&w.folded))
                && text.original_has(&w.folded, &form)
        }
        None => text.folded_body_has_word(&w.folded),
    }
}

/// What a term with marks or case must find in the original text: `want` in the text's
/// `tone_key` form (marks typed) or `strip_marks` form (a capital typed), as a substring or,
/// for a word term, at the start of a word.
pub(crate) struct Form<'a> {
    form: fn(&str) -> String,
    want: std::borrow::Cow<'a, str>,
    word: bool,
}

impl<'a> Form<'a> {
    /// The form `w` asks for, if it has marks or a capital.
    fn of(w: &'a Word, word: bool) -> Option<Self> {
        let (form, want): (fn(&str) -> String, _) = match &w.marked {
            Some(m) => (tone_key, std::borrow::Cow::Borrowed(m.as_str())),
            None if w.case_sensitive => (strip_marks, std::borrow::Cow::Owned(strip_marks(&w.raw))),
            None => return None,
        };
        Some(Form { form, want, word })
    }

    /// Whether `text` has it anywhere.
    fn anywhere(&self, text: &str) -> bool {
        let t = (self.form)(text);
        if self.word {
            starts_word(&t, &self.want)
        } else {
            t.contains(&*self.want)
        }
    }

    /// Whether `text` has it just after its first `k` chars (and, for a word, the char before
    /// is not a letter or digit).
    fn at(&self, text: &str, k: usize) -> bool {
        let t = (self.form)(text);
        let mut chars = t.chars();
        let before = if k > 0 { chars.next() } else { None };
        if self.word && before.is_some_and(char::is_alphanumeric) {
            return false;
        }
        let mut want = self.want.chars();
        loop {
            match want.next() {
                None => return true,
                Some(c) if chars.next() != Some(c) => return false,
                Some(_) => {}
            }
        }
    }
}
/// Whether `original` has `form` at a place where `needle` (folded) is in `folded`, the fold
/// of `original`. Each place is checked on the stretch of `original` from one char before it
/// (none at the start) to two chars after its end: enough for [`tone_key`] to place marks
/// there as it would in the whole text, and for the char before to tell whether a word starts
/// there. Folding maps each char to one char, so a place is the same count of chars into both
/// texts; and a text with marks or case folds to the text without them, so the folded needle
/// is found wherever a marked or cased form of it is. When the stretches checked add up to
/// more than twice the text (a term that overlaps itself, in a long run of one letter), the
/// whole text is checked once instead, so the cost stays linear.
fn at_folded_hits(original: &str, folded: &str, needle: &str, form: &Form<'_>) -> bool {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let (f, o) = (folded.as_bytes(), original.as_bytes());
    let n = needle.chars().count();
    // The char at `fat` of `folded` is the one at `oat` of `original`; the one before that
    // starts at `before`.
    let (mut fat, mut oat, mut before) = (0, 0, None);
    let (mut from, mut spent) = (0, 0);
    while let Some(hit) = finder.find(&f[from.min(f.len())..]).map(|h| from + h) {
        while fat < hit && oat < o.len() {
            fat += utf8_len(f[fat]);
            before = Some(oat);
            oat += utf8_len(o[oat]);
        }
        let start = before.unwrap_or(oat);
        let end = original[oat..]
            .char_indices()
            .nth(n + 2)
            .map_or(original.len(), |(b, _)| oat + b);
        spent += end - start;
        if spent > 2 * original.len() + 64 {
            return form.anywhere(original);
        }
        if form.at(&original[start..end], usize::from(before.is_some())) {
            return true;
        }
        from = hit + 1;
    }
    false
}
/// The length of the UTF-8 sequence a lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Text without a line end: it cannot run from one block into the next, so blocks can be
/// searched one at a time. (Empty text is in any text, blocks or none.)
fn one_line(s: &str) -> bool {
    !s.is_empty() && !s.contains('\n')
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
    use docbao_extract::text::fold::fold;

    #[test]
    fn a_tag_term_names_a_whole_tag_with_or_without_diacritics() {
        let is = |tag: &str, typed: &str| tag_is(tag, &Word::new(typed));
        assert!(is("quốc-phòng", "quoc-phong"));
        assert!(is("quốc-phòng", "quốc-phòng"));
        assert!(!is("quốc-phòng", "quốc-phong"), "marks typed are matched");
        assert!(!is("quốc-phòng", "quoc"), "a whole tag, not a prefix");
        assert!(is("korea", "korea"));
    }

    #[test]
    fn word_starts() {
        assert!(starts_word("bo truong quoc phong", "truong"));
        assert!(starts_word("bo truong", "bo tr"));
        assert!(!starts_word("doi tuong", "tuong x"));
        assert!(!starts_word("doituong", "tuong"));
    }

    fn form<'a>(form: fn(&str) -> String, want: &'a str, word: bool) -> Form<'a> {
        Form {
            form,
            want: std::borrow::Cow::Borrowed(want),
            word,
        }
    }

    #[test]
    fn a_term_overlapping_itself_in_a_long_run_costs_one_pass() {
        // Every place is a hit and every check fails: the whole text is checked once instead.
        let text = "a".repeat(200_000);
        let needle = format!("{}à", "a".repeat(500));
        let w = Word::new(&needle);
        let m = w.marked.clone().expect("marks typed");
        // (Checking each of the 200,000 places on 500 chars took minutes.)
        assert!(!at_folded_hits(
            &text,
            &fold(&text),
            &w.folded,
            &form(tone_key, &m, false)
        ));
        let found = format!("{}à", "a".repeat(1000));
        assert!(at_folded_hits(
            &found,
            &fold(&found),
            &w.folded,
            &form(tone_key, &m, false)
        ));
    }

    #[test]
    fn marks_and_case_checked_where_the_folded_term_is_agree_with_the_whole_text() {
        let (store, _) = crate::session::load_store(&crate::ingest::Source::Sample, &Default::default());
        let odd = crate::ingest::load_bytes(
            "odd.txt",
            "date: 2025-01-01\n\nHoà giải ở Thuỷ Nguyên\n\nThuỷ điện Hoà Bình, khoẻ, tuỳ ý. HOÀ hoà \
             hòa hoàn. oà Oà xoè\n\nĐặng Văn Lâm: «Bộ trưởng» nói, bộ trưởng Bộ Trưởng.\n"
                .as_bytes(),
        )
        .article
        .expect("an article");
        let mut arts: Vec<&Article> = store.articles().iter().collect();
        arts.push(&odd);
        let mut checked = 0;
        let mut next = docbao_extract::text::test_rng(7);
        for a in arts {
            let text = Text::new(a);
            let original = text.original().to_string();
            let chars: Vec<char> = original.chars().collect();
            // Stretches of the text itself, some with their tone marks moved the other way,
            // and some typed in capitals.
            let mut samples: Vec<String> = [
                "hoà",
                "hòa",
                "Hoà",
                "thuỷ",
                "thủy",
                "bộ trưởng",
                "Bộ Trưởng",
                "oà",
                "ò",
            ]
            .map(String::from)
            .to_vec();
            for _ in 0..12 {
                let start = (next() % chars.len().max(1) as u64) as usize;
                let len = 1 + (next() % 12) as usize;
                let piece: String = chars.iter().skip(start).take(len).collect();
                samples.push(piece.replace('\n', " "));
            }
            for raw in samples {
                let w = Word::new(&raw);
                let m = tone_key(&raw);
                let whole_marked = tone_key(&original);
                assert_eq!(
                    text.original_has(&w.folded, &form(tone_key, &m, false)),
                    whole_marked.contains(m.as_str()),
                    "{raw:?} in {}",
                    a.path
                );
                assert_eq!(
                    text.original_has(&w.folded, &form(tone_key, &m, true)),
                    starts_word(&whole_marked, &m),
                    "word {raw:?} in {}",
                    a.path
                );
                let stripped = strip_marks(&raw);
                assert_eq!(
                    text.original_has(&w.folded, &form(strip_marks, &stripped, false)),
                    strip_marks(&original).contains(stripped.as_str()),
                    "case {raw:?} in {}",
                    a.path
                );
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn searching_block_by_block_finds_what_the_whole_folded_body_has() {
        let (store, _) = crate::session::load_store(&crate::ingest::Source::Sample, &Default::default());
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
