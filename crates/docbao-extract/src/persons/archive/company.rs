//! Who a given name written alone is, by the company it keeps in its article (see
//! [`by_context`]).

use super::{is_full, Guarded, Spelling};
use crate::hash::{FastMap, FastSet};
use crate::persons::spelling;
use crate::text::has_marks;

/// A Vietnamese given name written alone (`Xuân Trường`, `Văn Toàn`: no surname, no full name
/// in its article, no known person) names whoever its article's company says: in each article
/// it goes to the one person of the archive whose full name ends in it (`Lương Xuân Trường`)
/// and who is written beside at least two of that article's other persons elsewhere in the
/// archive, more of them than any other such person; else it stays as written. Across the
/// archive a given name is shared by many (a footballer, a fisherman and a shop's spokesman are
/// all `Tuấn Anh`); in one article, the teammates named with it settle who it is.
///
/// Measured on the development part inside the archive: joining a given name to the one full
/// name ending in it without asking the company made 9 persons wrong (`Việt Anh`, `Hồng Vân`);
/// asking it, 1 (a player whose full name the label does not give). Foreign surnames are left
/// out: teammates do not tell two `Gabriel`s of one club apart (4 more wrong).
pub(super) fn by_context(
    per_article: Vec<u32>,
    at: &[u32],
    spellings: &[Spelling],
    roots: &[usize],
    uf: &Guarded,
) -> (Vec<u32>, Vec<u32>) {
    let n = spellings.len();
    let articles = at.windows(2).map(|w| &per_article[w[0] as usize..w[1] as usize]);
    let mut full_root = vec![false; n];
    for (i, s) in spellings.iter().enumerate() {
        if is_full(&s.text) && (s.articles > 0 || uf.known[i].is_some()) {
            full_root[roots[i]] = true;
        }
    }
    let bare = |r: usize| !full_root[r] && uf.known[r].is_none() && given_name(&spellings[r].text);
    // The given names written alone, and the full names (of three words or more) ending in one.
    let wanted: FastSet<String> = articles
        .clone()
        .flatten()
        .filter(|&&r| bare(r as usize))
        .map(|&r| spelling::fold_key(&spellings[r as usize].text))
        .collect();
    if wanted.is_empty() {
        return (per_article, at.to_vec());
    }
    let mut by_end: FastMap<String, Vec<u32>> = FastMap::default();
    for (i, s) in spellings.iter().enumerate() {
        let words = spelling::words(&s.text);
        if words.len() < 3 || !full_root[roots[i]] {
            continue;
        }
        let end = spelling::fold_key(&words[words.len() - 2..].join(" "));
        if wanted.contains(&end) {
            let v = by_end.entry(end).or_default();
            if !v.contains(&(roots[i] as u32)) {
                v.push(roots[i] as u32);
            }
        }
    }
    // Whom each of those full names is written beside.
    let candidate: FastSet<u32> = by_end.values().flatten().copied().collect();
    let mut beside: FastMap<u32, FastSet<u32>> = FastMap::default();
    for ps in articles.clone() {
        for &p in ps.iter().filter(|p| candidate.contains(p)) {
            beside
                .entry(p)
                .or_default()
                .extend(ps.iter().filter(|&&q| q != p));
        }
    }
    let mut out: Vec<u32> = Vec::with_capacity(per_article.len());
    let mut out_at: Vec<u32> = Vec::with_capacity(at.len());
    out_at.push(0);
    for ps in articles {
        let from = out.len();
        for &r in ps {
            let target = if bare(r as usize) {
                let key = spelling::fold_key(&spellings[r as usize].text);
                let candidates = by_end.get(&key).map_or(&[][..], Vec::as_slice);
                chosen_by_company(r, ps, candidates, &beside).unwrap_or(r)
            } else {
                r
            };
            if !out[from..].contains(&target) {
                out.push(target);
            }
        }
        out_at.push(out.len() as u32);
    }
    (out, out_at)
}

/// Of `candidates`, the one written elsewhere beside at least two of the persons `ps` (an
/// article's, `r` among them), and beside more of them than any other.
fn chosen_by_company(
    r: u32,
    ps: &[u32],
    candidates: &[u32],
    beside: &FastMap<u32, FastSet<u32>>,
) -> Option<u32> {
    let mut best: Vec<(usize, u32)> = candidates
        .iter()
        .map(|&c| {
            let company = beside.get(&c);
            let shared = ps
                .iter()
                .filter(|&&q| q != r && company.is_some_and(|b| b.contains(&q)))
                .count();
            (shared, c)
        })
        .collect();
    best.sort_unstable_by(|a, b| b.cmp(a));
    match best[..] {
        [(shared, c), ..] if shared >= 2 && best.get(1).is_none_or(|&(next, _)| next < shared) => Some(c),
        _ => None,
    }
}

/// A Vietnamese given name alone: two syllables with marks, no surname first (`Xuân Trường`).
fn given_name(text: &str) -> bool {
    has_marks(text) && spelling::words(text).len() == 2 && !is_full(text)
}
