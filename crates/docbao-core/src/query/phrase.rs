//! A phrase typed key by key (`"bo t`, `"bo tr`, `"bo tru` …). Each key is a new term whose
//! check reads the text of every candidate (about 180 ms a key at 100,000 articles). But the
//! first place an article has a longer phrase is the first place it has the shorter one, when
//! it has it at all: so the check of one key keeps, per article, the few folded bytes that
//! follow the phrase's first place in the body, and the next key's longer phrase is decided
//! from them, without the text, for every article where they reach far enough. Only plain
//! phrases (no marks, no capital, one line) are kept: a term with marks or case is checked on
//! the original text.

use super::eval::CHUNK;
use super::matcher::{BODY, TITLE};
use crate::store::Store;
use docbao_extract::text::fold::fold_into;
use rayon::prelude::*;

/// How many folded bytes are kept after the phrase's first place in an article's body.
const SNIP: usize = 48;

/// What the last phrase's check saw in each article's body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    /// Not looked at (not a candidate, or outside the survivors).
    Unchecked,
    /// The body does not have the phrase.
    Absent,
    /// The body has it first where these folded bytes start (up to [`SNIP`] of them).
    At(std::sync::Arc<str>),
}

/// The bodies as the last plain phrase found them.
#[derive(Debug)]
pub struct Memo {
    phrase: String,
    seen: Vec<Seen>,
}

/// Whether a term is a plain phrase (what [`column`] decides): no marks, no capital, one line.
pub fn applies(folded: &str, marked: bool, case_sensitive: bool) -> bool {
    !marked && !case_sensitive && !folded.is_empty() && !folded.contains('\n')
}

/// The score column of plain phrase `p` (folded): TITLE where the folded title has it, else
/// BODY where the folded body has it; only articles `cand` and `within` allow (all when
/// `None`). `prev`, the memo of an earlier key, decides bodies when `p` extends its phrase.
/// Returns the memo of this key with the column; `None` when cancelled.
pub fn column(
    store: &Store,
    p: &str,
    prev: Option<&Memo>,
    (cand, within): (Option<&[u8]>, Option<&[u8]>),
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<u8>, Memo)> {
    let prev = prev.filter(|m| p.starts_with(m.phrase.as_str()) && m.seen.len() == store.id_bound());
    let articles = store.articles();
    let mut col = vec![0u8; articles.len()];
    let mut seen = vec![Seen::Unchecked; articles.len()];
    let stop = std::sync::atomic::AtomicBool::new(false);
    let finder = memchr::memmem::Finder::new(p.as_bytes());
    col.par_chunks_mut(CHUNK)
        .zip(seen.par_chunks_mut(CHUNK))
        .enumerate()
        .for_each(|(k, (out, memo))| {
            if stop.load(std::sync::atomic::Ordering::Relaxed) || cancelled() {
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
                return;
            }
            let mut buf = String::new();
            for (j, (slot, m)) in out.iter_mut().zip(memo.iter_mut()).enumerate() {
                let i = k * CHUNK + j;
                if cand.is_some_and(|c| c[i] == 0) || within.is_some_and(|w| w[i] == 0) {
                    continue;
                }
                let a = &articles[i];
                *m = match prev.map(|pm| &pm.seen[i]) {
                    Some(Seen::Absent) => Seen::Absent,
                    Some(Seen::At(s)) if s.starts_with(p) => Seen::At(s.clone()),
                    _ => first_place(a, &finder, p.len(), &mut buf),
                };
                if a.folded_title().contains(p) {
                    *slot = (TITLE + 1) as u8;
                } else if matches!(m, Seen::At(_)) {
                    *slot = (BODY + 1) as u8;
                }
            }
        });
    if stop.into_inner() {
        return None;
    }
    Some((
        col,
        Memo {
            phrase: p.to_string(),
            seen,
        },
    ))
}

/// Where the folded body first has the phrase `finder` looks for: the bytes from there, up to
/// [`SNIP`] of them (at least the phrase's `len`), within its block. Blocks are folded one at a
/// time, up to the first that has it.
fn first_place(
    a: &crate::store::Article,
    finder: &memchr::memmem::Finder<'_>,
    len: usize,
    buf: &mut String,
) -> Seen {
    let mut found = Seen::Absent;
    a.body.for_each_searchable(|t| {
        if matches!(found, Seen::At(_)) {
            return;
        }
        buf.clear();
        fold_into(t, buf);
        if let Some(at) = finder.find(buf.as_bytes()) {
            let mut end = (at + SNIP.max(len)).min(buf.len());
            while !buf.is_char_boundary(end) {
                end -= 1;
            }
            found = Seen::At(buf[at..end].into());
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{eval, matcher::NoMarks};

    /// The articles the reference check finds for `q` (no cache, no memo).
    fn reference(s: &Store, q: &str) -> Vec<String> {
        let parsed = crate::query::parse(q, &|_| false);
        let m = crate::query::Matcher::new(&parsed, &|_| None);
        let mut v: Vec<String> = crate::query::filter(s, &parsed, &m, &NoMarks)
            .into_iter()
            .map(|h| s.get(h.id).path.clone())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_phrase_typed_key_by_key_finds_what_it_finds_typed_at_once() {
        let texts = [
            (
                "a.txt",
                "date 2025-01-01 Tin một\n\nBộ trưởng Quốc phòng gặp báo chí.\n",
            ),
            (
                "b.txt",
                "date 2025-01-02 Tin hai\n\nBộ trưởng Tài chính, rồi bộ trưởng Quốc phòng.\n",
            ),
            (
                "c.txt",
                "date 2025-01-03 Bộ trưởng Quốc phòng\n\nKhông gì thêm.\n",
            ),
            (
                "d.txt",
                "date 2025-01-04 Tin bốn\n\nCombo trà sữa và bộ trưởng.\n",
            ),
            (
                "e.txt",
                "date 2025-01-05 Tin năm\n\nBộ trưởng\n\nQuốc phòng ở đoạn sau.\n",
            ),
            ("f.txt", "date 2025-01-06 Tin sáu\n\nKhông có cụm từ nào.\n"),
        ];
        let articles = texts
            .iter()
            .filter_map(|(n, t)| crate::ingest::load_bytes(n, t.as_bytes()).article);
        let mut s = Store::new();
        s.add(articles.collect());
        let mut cache = eval::Cache::default();
        let q = "\"bo truong quoc phong\"";
        for k in 2..=q.chars().count() {
            let typed: String = q.chars().take(k).collect();
            let (_, hits) = eval::run_text(&s, &typed, &NoMarks, &mut cache, &|| false).expect("ran");
            let mut got: Vec<String> = hits.iter().map(|h| s.get(h.id).path.clone()).collect();
            got.sort();
            assert_eq!(got, reference(&s, &typed), "{typed}");
        }
    }
}
