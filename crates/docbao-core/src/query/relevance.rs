//! The order of a result: by relevance (the default under a query of words), newest first
//! (plain browsing) or oldest first.
//!
//! Relevance is BM25 over the words typed, with proximity: words that stand next to each other
//! in the order typed score as a pair, and the whole query as one run scores most; a word in the
//! title or in a person's name weighs more than one in the body. The filter decides which
//! articles match; this only orders them, reading the text of each match (a pass a key can
//! afford for a few thousand matches; the worker answers first with the filter's order and
//! sends this order after it when there are more).

use super::matcher::Hit;
use super::parse::{Query, Term};
use crate::store::{Article, Store};
use rayon::prelude::*;

/// How a result is ordered (`sort:` in the configuration, lowercase).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (newest first among equals); newest first with no words to weigh.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    /// The next in the cycle the sort key walks.
    pub fn next(self) -> Sort {
        match self {
            Sort::Relevance => Sort::Newest,
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Relevance,
        }
    }

    /// As the status line and `--sort` say it.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        [Sort::Relevance, Sort::Newest, Sort::Oldest]
            .into_iter()
            .find(|o| o.name() == s)
    }
}

/// Whether the query has words to weigh: without, relevance is the filter's order (by where a
/// term matched, then newest first).
pub fn weighs(query: &Query) -> bool {
    query.terms.iter().any(|t| !words_of(t).is_empty())
}

/// The words a term weighs with: a word, a phrase's, an `'exact` term's, and those of the
/// alternatives of `a | b`; none after `!`, nor of persons, dates or marks.
fn words_of(t: &Term) -> Vec<String> {
    match t {
        Term::Word(w) | Term::Phrase(w) | Term::Exact(w) => crate::store::index::words(&w.folded)
            .map(str::to_string)
            .collect(),
        Term::Or(alts) => alts.iter().flat_map(words_of).collect(),
        _ => Vec::new(),
    }
}

/// BM25's term-frequency saturation and length normalisation, at their usual values.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A word in the title counts as this many in the body; in a person's name, as many.
const TITLE: f32 = 2.0;
const PERSON: f32 = 1.5;
/// Two words of the query side by side, in order, count this much more than apart; the whole
/// query as one run, this much again.
const PAIR: f32 = 1.0;
const RUN: f32 = 1.5;

/// A word typed, folded, with its weight (inverse document frequency).
#[derive(Debug, Clone)]
struct QWord {
    folded: String,
    idf: f32,
}

/// The weights of one query over one store.
pub struct Ranker {
    words: Vec<QWord>,
    avg_len: f32,
}

impl Ranker {
    /// `None` when the query has no words to weigh (only persons, dates, marks...): the
    /// filter's order stands.
    pub fn new(store: &Store, query: &Query) -> Option<Ranker> {
        let mut typed: Vec<String> = Vec::new();
        for t in &query.terms {
            typed.extend(words_of(t));
        }
        if typed.is_empty() {
            return None;
        }
        // A word's place is a bit of a `u32` ([`Tok`]); words past the 32nd still filter.
        typed.truncate(32);
        let n = store.len().max(1) as f32;
        let index = store.words();
        let words = typed
            .into_iter()
            .map(|folded| {
                // Articles with the word (folded: its spellings with any marks), else with a
                // word it begins (the word being typed).
                let exact: usize = index
                    .prefixed(&folded)
                    .filter(|e| *e.folded == *folded)
                    .map(|e| e.postings.len())
                    .sum();
                let df = if exact > 0 {
                    exact
                } else {
                    index.prefixed(&folded).map(|e| e.postings.len()).sum()
                };
                let df = (df as f32).min(n);
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                QWord { folded, idf }
            })
            .collect();
        let total = store.total_words();
        Some(Ranker {
            words,
            avg_len: (total as f32 / n).max(1.0),
        })
    }

    /// How well `a` matches: 0 when none of the words occurs.
    pub fn score(&self, a: &Article) -> f32 {
        let mut body = Vec::new();
        let mut buf = String::new();
        a.body
            .for_each_searchable(|t| self.tokens(t, &mut buf, &mut body));
        let mut title = Vec::new();
        self.tokens(a.folded_title(), &mut buf, &mut title);
        let mut persons = Vec::new();
        for p in a.folded_persons() {
            self.tokens(p, &mut buf, &mut persons);
        }
        let norm = K1 * (1.0 - B + B * a.words as f32 / self.avg_len);
        let sat = |tf: f32| tf * (K1 + 1.0) / (tf + norm);
        let mut score = 0.0;
        for (i, w) in self.words.iter().enumerate() {
            let tf = tf(&body, i) + TITLE * tf(&title, i).min(1.0) + PERSON * tf(&persons, i).min(1.0);
            score += w.idf * sat(tf);
        }
        let k = self.words.len();
        for i in 0..k.saturating_sub(1) {
            let idf = self.words[i].idf + self.words[i + 1].idf;
            let tf = runs(&body, i, 2, k) + TITLE * runs(&title, i, 2, k).min(1.0);
            score += PAIR * idf * sat(tf);
        }
        if k > 2 {
            let idf: f32 = self.words.iter().map(|w| w.idf).sum();
            let tf = runs(&body, 0, k, k) + TITLE * runs(&title, 0, k, k).min(1.0);
            score += RUN * idf * sat(tf);
        }
        score
    }

    /// The words of `text`, each as which query words it is ([`Tok`]); a word whose first
    /// letter starts no query word is not folded at all.
    fn tokens(&self, text: &str, buf: &mut String, out: &mut Vec<Tok>) {
        for t in crate::store::index::words(text) {
            let first = t.chars().next().map(docbao_extract::text::fold::fold_char);
            if !self.words.iter().any(|w| w.folded.chars().next() == first) {
                out.push(Tok::default());
                continue;
            }
            buf.clear();
            docbao_extract::text::fold::fold_into(t, buf);
            let mut tok = Tok::default();
            for (i, w) in self.words.iter().enumerate() {
                match buf.strip_prefix(w.folded.as_str()) {
                    Some("") => tok.exact |= 1 << i,
                    Some(_) => tok.prefix |= 1 << i,
                    None => {}
                }
            }
            out.push(tok);
        }
    }
}

/// A word of an article: the query words it is (bit i: word i), and those it begins with.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    exact: u32,
    prefix: u32,
}

/// How often query word `i` occurs: 1 for the word itself, ½ for a longer word it begins.
fn tf(tokens: &[Tok], i: usize) -> f32 {
    tokens
        .iter()
        .map(|t| {
            if t.exact >> i & 1 == 1 {
                1.0
            } else if t.prefix >> i & 1 == 1 {
                0.5
            } else {
                0.0
            }
        })
        .sum()
}

/// How often query words `from..from + n` stand side by side in order (the query's last word,
/// the one being typed, may be the start of a longer word).
fn runs(tokens: &[Tok], from: usize, n: usize, k: usize) -> f32 {
    if n == 0 || tokens.len() < n {
        return 0.0;
    }
    tokens
        .windows(n)
        .filter(|win| {
            win.iter().enumerate().all(|(j, t)| {
                let i = from + j;
                let bits = if i + 1 == k { t.exact | t.prefix } else { t.exact };
                bits >> i & 1 == 1
            })
        })
        .count() as f32
}

/// `hits` in the order `sort` asks. Relevance reads every hit's text (in parallel, giving up
/// when `cancelled` says so: `None`); the two orders by date are a pass over the store's order.
pub fn order(
    store: &Store,
    query: &Query,
    hits: Vec<Hit>,
    sort: Sort,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    match sort {
        Sort::Relevance => match Ranker::new(store, query) {
            Some(r) => by_relevance(store, &r, hits, cancelled),
            None => Some(hits),
        },
        Sort::Newest | Sort::Oldest => {
            let mut score = vec![None; store.id_bound()];
            for h in &hits {
                score[h.id.0 as usize] = Some(h.score);
            }
            let pick = |&id: &crate::store::ArticleId| score[id.0 as usize].map(|s| Hit { id, score: s });
            Some(if sort == Sort::Newest {
                store.order().iter().filter_map(pick).collect()
            } else {
                store.order().iter().rev().filter_map(pick).collect()
            })
        }
    }
}

fn by_relevance(
    store: &Store,
    r: &Ranker,
    hits: Vec<Hit>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let scored: Option<Vec<(f32, usize, Hit)>> = hits
        .into_par_iter()
        .enumerate()
        .with_min_len(256)
        .map(|(i, h)| (!cancelled()).then(|| (r.score(store.get(h.id)), i, h)))
        .collect();
    let mut scored = scored?;
    // Equal scores keep the filter's order (newest first among equals).
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Some(scored.into_iter().map(|(_, _, h)| h).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::eval;

    fn store(texts: &[(&str, &str)]) -> Store {
        let articles = texts
            .iter()
            .filter_map(|(name, text)| crate::ingest::load_bytes(name, text.as_bytes()).article);
        let mut s = Store::new();
        s.add(articles.collect());
        s
    }

    fn ranked(s: &Store, q: &str, sort: Sort) -> Vec<String> {
        let mut cache = eval::Cache::default();
        let (query, hits) =
            eval::run_text(s, q, &crate::query::matcher::NoMarks, &mut cache, &|| false).expect("ran");
        order(s, &query, hits, sort, &|| false)
            .expect("ordered")
            .into_iter()
            .map(|h| s.get(h.id).path.clone())
            .collect()
    }

    #[test]
    fn words_side_by_side_in_order_come_before_the_same_words_scattered() {
        let s = store(&[
            // Newest, and every word, but far apart.
            (
                "scattered.txt",
                "date 2025-05-03 Họp giao ban\n\nBàn về lịch họp. Ông Môn đến muộn. Quán Điếm đông khách.\n",
            ),
            // Side by side, in the text only.
            (
                "together.txt",
                "date 2025-05-01 Chuyện làng quê\n\nDi tích Bàn Môn Điếm vừa được trùng tu sau nhiều năm.\n",
            ),
            ("other.txt", "date 2025-05-04 Tin khác\n\nKhông có gì.\n"),
        ]);
        assert_eq!(
            ranked(&s, "ban mon diem", Sort::Relevance),
            ["together.txt", "scattered.txt"]
        );
        assert_eq!(
            ranked(&s, "ban mon diem", Sort::Newest),
            ["scattered.txt", "together.txt"]
        );
        assert_eq!(
            ranked(&s, "ban mon diem", Sort::Oldest),
            ["together.txt", "scattered.txt"]
        );
    }

    #[test]
    fn a_word_in_the_title_weighs_more_than_once_in_the_body() {
        let s = store(&[
            (
                "body.txt",
                "date 2025-05-03 Thời tiết hôm nay\n\nTrời nắng; bão số 3 đã tan từ tuần trước.\n",
            ),
            (
                "title.txt",
                "date 2025-05-01 Bão số 3 vào bờ\n\nGió mạnh, mưa lớn ở ven biển.\n",
            ),
        ]);
        assert_eq!(ranked(&s, "bao", Sort::Relevance), ["title.txt", "body.txt"]);
    }

    #[test]
    fn a_rare_word_outweighs_a_common_one() {
        // `hà nội` is in every article, `hegseth` in two.
        let mut texts: Vec<(String, String)> = (0..20)
            .map(|i| {
                (
                    format!("c{i}.txt"),
                    format!("date 2025-04-{:02} Tin {i}\n\nHà Nội hôm nay.\n", i + 1),
                )
            })
            .collect();
        texts.push((
            "rare.txt".into(),
            "date 2025-01-01 Tin cũ\n\nHegseth nói, Hegseth cười; Hegseth đến Hà Nội.\n".into(),
        ));
        texts.push((
            "common.txt".into(),
            "date 2025-05-01 Tin mới\n\nHà Nội, Hà Nội, Hà Nội, Hà Nội và Hegseth.\n".into(),
        ));
        let refs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let s = store(&refs);
        assert_eq!(
            ranked(&s, "hegseth ha noi", Sort::Relevance),
            ["rare.txt", "common.txt"]
        );
    }

    #[test]
    fn the_words_of_either_side_of_a_bar_weigh() {
        let s = store(&[
            ("once.txt", "date 2025-05-03 Tin mới\n\nHà Nội có mưa.\n"),
            (
                "often.txt",
                "date 2025-05-01 Tin cũ\n\nHuế mưa, Huế ngập, Huế lạnh suốt đêm.\n",
            ),
        ]);
        // The filter's order (body matches both, newest first) would put once.txt on top.
        assert_eq!(
            ranked(&s, "noi | hue", Sort::Relevance),
            ["often.txt", "once.txt"]
        );
    }

    #[test]
    fn without_words_the_order_is_the_filters() {
        let s = store(&[
            ("a.txt", "date 2025-05-01 Một\n\nA.\n"),
            ("b.txt", "date 2025-05-02 Hai\n\nB.\n"),
        ]);
        assert_eq!(ranked(&s, "since:2025-01", Sort::Relevance), ["b.txt", "a.txt"]);
        assert_eq!(ranked(&s, "", Sort::Oldest), ["a.txt", "b.txt"]);
    }
}
