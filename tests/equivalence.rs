//! Faster forms of search and ordering held to the answers of the plain ones they replaced.
//!
//! The matcher checks marks and case only around the places its folded term is found, block by
//! block (see `Text::original_has`); before, it rebuilt the whole text with `tone_key` or
//! `strip_marks` and searched that. The first test holds the two to the same answers on random
//! Vietnamese-ish articles and terms: ASCII, precomposed letters in both cases, old-style tone
//! placement (`hoà`, `thuỷ`), loose combining marks and chars whose folds are odd (`İ`, `ẞ`,
//! `ǅ`, `Ⱥ`, signs that decompose to letters). The whole-text logic is kept here as written
//! before. The second holds `Store::add`'s merge by kept date keys to a plain sort.
//! `MATCHER_EQUIV_CASES` raises the case count for a longer run.

use docbao_core::query::matcher::{
    fuzzy_applies, original_text, starts_word, Matcher, NoMarks, Text, BODY, FUZZY, TITLE,
};
use docbao_core::query::parse::{Query, Term, Word};
use docbao_core::store::index::words;
use docbao_core::store::Article;
use docbao_extract::text::fold::{fold, fold_char, strip_marks, tone_key};
use proptest::prelude::*;
use unicode_normalization::char::{compose, decompose_canonical};

/// Pieces text and terms are made of.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    // ASCII, the letters of the tone pairs most of all.
    "a", "o", "u", "e", "y", "h", "n", "t", "i", "A", "O", "U", "Y", "H", " ", " ", " ", ",", "-", "1", ".",
    // Precomposed, small and capital.
    "à", "á", "ả", "ã", "ạ", "ò", "ó", "ỏ", "õ", "ọ", "è", "é", "ẻ", "ẽ", "ẹ", "ỳ", "ý", "ỷ", "ỹ", "ỵ", "ù",
    "ủ", "ơ", "ư", "ô", "ộ", "ê", "â", "ă", "đ", "ì", "À", "Ò", "Ó", "Ỏ", "È", "Ý", "Ỷ", "Ố", "Ộ", "Đ",
    "Ư", "Ơ", "Ă",
    // Whole words, old and new tone placement.
    "hoà", "thuỷ", "khoẻ", "tuỳ", "Hoà", "HOÀ", "hòa", "oà", "uỷ", "oẻ", "Thủy", "bộ trưởng",
    // Loose combining marks.
    "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}", "\u{340}",
    "\u{345}",
    // Odd folds and cases, signs that decompose to letters or marks.
    "İ", "ẞ", "ǅ", "Ǆ", "ǆ", "Ⱥ", "ⱥ", "ß", "ı", "ſ", "\u{212A}", "\u{2126}", "\u{212B}", "ﬀ", "𝔘", "ΐ", "Σ",
    "ς", "\u{1FED}", "ǰ", "Ω", "ώ", "\u{387}", "\u{37E}", "²", "½", "٣", "Ⅻ", "ⓐ", "Ⓐ", "\u{1FBE}",
];

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(PIECES)
}

fn line(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..max).prop_map(|v| v.concat())
}

/// How a term is made from the article's own text (or not).
#[derive(Debug, Clone)]
enum Make {
    /// `len` chars of the text from `at` (taken modulo its length), then changed by `how`.
    Cut { at: usize, len: usize, how: u8 },
    /// Pieces of its own.
    Own(Vec<&'static str>),
}

fn make() -> impl Strategy<Value = Make> {
    prop_oneof![
        4 => (any::<usize>(), 1..9usize, 0..6u8).prop_map(|(at, len, how)| Make::Cut { at, len, how }),
        1 => prop::collection::vec(piece(), 1..4).prop_map(Make::Own),
    ]
}

/// `tone_key` as it was before the table: every char decomposed, the pairs moved in a copy.
fn old_tone_key(s: &str) -> String {
    fn split(c: char) -> (char, Option<char>) {
        const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut parts = Vec::new();
        decompose_canonical(c, |d| parts.push(d));
        let tone = parts.iter().copied().find(|d| TONES.contains(d));
        if tone.is_none() || parts.len() != 2 {
            return (c, tone);
        }
        (parts[0], tone)
    }
    let lower = |c: char| {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) => x,
            _ => c,
        }
    };
    let chars: Vec<char> = s.chars().map(lower).collect();
    let mut out = chars.clone();
    for i in 0..chars.len().saturating_sub(1) {
        let ((ba, ta), (bb, tb)) = (split(chars[i]), split(chars[i + 1]));
        let pair = matches!((ba, bb), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        let ends_word = chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
        if pair && ends_word && ta.is_none() && tb.is_some() {
            out[i] = tb.and_then(|t| compose(ba, t)).unwrap_or(ba);
            out[i + 1] = bb;
        }
    }
    out.into_iter().collect()
}

fn old_fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Moves tone marks across `oa`/`oe`/`uy` pairs, either way: `hoà` <-> `hòa`.
fn swap_tones(s: &str) -> String {
    let parts = |c: char| {
        let mut p = Vec::new();
        decompose_canonical(c, |d| p.push(d));
        p
    };
    let mut chars: Vec<char> = s.chars().collect();
    for i in 0..chars.len().saturating_sub(1) {
        let (a, b) = (parts(chars[i]), parts(chars[i + 1]));
        let pair = |x: char, y: char| {
            matches!(
                (x.to_ascii_lowercase(), y.to_ascii_lowercase()),
                ('o', 'a') | ('o', 'e') | ('u', 'y')
            )
        };
        if a.len() == 1 && b.len() == 2 && pair(a[0], b[0]) {
            if let Some(moved) = compose(a[0], b[1]) {
                chars[i] = moved;
                chars[i + 1] = b[0];
            }
        } else if a.len() == 2 && b.len() == 1 && pair(a[0], b[0]) {
            if let Some(moved) = compose(b[0], a[1]) {
                chars[i] = a[0];
                chars[i + 1] = moved;
            }
        }
    }
    chars.into_iter().collect()
}

fn term_text(m: &Make, original: &str) -> String {
    match m {
        Make::Own(p) => p.concat(),
        Make::Cut { at, len, how } => {
            let chars: Vec<char> = original.chars().collect();
            let at = at % chars.len().max(1);
            let cut: String = chars.iter().skip(at).take(*len).collect();
            match how {
                0 => cut,
                1 => cut.to_lowercase(),
                2 => {
                    let mut c = cut.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                3 => swap_tones(&cut),
                4 => strip_marks(&cut),
                _ => swap_tones(&cut.to_lowercase()),
            }
        }
    }
}

/// `Matcher::term` for word, phrase and title terms as it was: the whole original text made
/// again with `tone_key` or `strip_marks` and searched.
fn old_term(m: &Matcher<'_>, t: &Term, a: &Article) -> Option<u32> {
    let title = a.folded_title();
    let original = original_text(a);
    let mut body = String::new();
    a.body.for_each_searchable(|t| {
        body.push_str(&old_fold(t));
        body.push('\n');
    });
    let word_in = |folded: &str, w: &Word, original: &str| {
        if !starts_word(folded, &w.folded) {
            return false;
        }
        match &w.marked {
            Some(mk) => starts_word(&old_tone_key(original), mk),
            None if w.case_sensitive => starts_word(&strip_marks(original), &strip_marks(&w.raw)),
            None => true,
        }
    };
    let check_title = |w: &Word, test: &dyn Fn(&str, &str) -> bool| match &w.marked {
        Some(mk) => test(title, &w.folded) && test(&old_tone_key(&a.title), mk),
        None => test(title, &w.folded),
    };
    match t {
        Term::Word(w) => {
            if word_in(title, w, &a.title) || a.folded_persons().any(|p| starts_word(p, &w.folded)) {
                return Some(TITLE);
            }
            if fuzzy_applies(w) && words(title).any(|t| m.fuzzy_word(t, &w.folded)) {
                return Some(FUZZY);
            }
            word_in(&body, w, &original).then_some(BODY)
        }
        Term::Exact(w) | Term::Phrase(w) => {
            let in_title = title.contains(w.folded.as_str());
            if !in_title && !body.contains(w.folded.as_str()) {
                return None;
            }
            let ok = match &w.marked {
                Some(mk) => old_tone_key(&original).contains(mk.as_str()),
                None if w.case_sensitive => strip_marks(&original).contains(strip_marks(&w.raw).as_str()),
                None => true,
            };
            ok.then_some(if in_title { TITLE } else { BODY })
        }
        Term::TitleStarts(w) => check_title(w, &|t, n| t.starts_with(n)).then_some(TITLE),
        Term::TitleEnds(w) => {
            check_title(w, &|t, n| t.trim_end_matches(['.', '…', '!', '?']).ends_with(n)).then_some(TITLE)
        }
        _ => unreachable!(),
    }
}

fn cases() -> u32 {
    std::env::var("MATCHER_EQUIV_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn windowed_marks_and_case_agree_with_the_whole_text(
        front_matter in any::<bool>(),
        title in line(10),
        paras in prop::collection::vec(line(40), 1..4),
        makes in prop::collection::vec(make(), 1..6),
    ) {
        // With a front matter title, the title is not also the body's first block.
        let paras = paras.join("\n\n");
        let src = if front_matter {
            format!("---\ntitle: \"{title}\"\ndate: 2025-01-01\n---\n\n{paras}\n")
        } else {
            format!("date: 2025-01-01\n\n{title}\n\n{paras}\n")
        };
        let Some(a) = docbao_core::ingest::load_bytes("t.txt", src.as_bytes()).article else {
            return Ok(());
        };
        let original = original_text(&a);
        // Folding and tone_key, bulk and table-driven, against char by char.
        prop_assert_eq!(fold(&original), old_fold(&original));
        prop_assert_eq!(tone_key(&original), old_tone_key(&original));
        let query = Query::default();
        let matcher = Matcher::new(&query, &|_| None);
        for (k, mk) in makes.iter().enumerate() {
            // Mostly one line; now and then a term with a line end, which may run from the
            // title into the body or from one block into the next.
            let cut = term_text(mk, &original);
            let raw = if k % 3 == 2 { cut } else { cut.replace('\n', " ") };
            let raw = raw.trim();
            let w = Word::new(raw);
            let terms = [
                Term::Word(w.clone()),
                Term::Exact(w.clone()),
                Term::Phrase(w.clone()),
                Term::TitleStarts(w.clone()),
                Term::TitleEnds(w),
            ];
            for t in &terms {
                let want = old_term(&matcher, t, &a);
                // Fresh, and with the folded body made already (the other path).
                let fresh = matcher.term(t, &Text::new(&a), &NoMarks);
                prop_assert_eq!(fresh, want, "fresh {:?} in {:?}", t, original);
                let text = Text::new(&a);
                text.folded_body();
                let warm = matcher.term(t, &text, &NoMarks);
                prop_assert_eq!(warm, want, "warm {:?} in {:?}", t, original);
            }
        }
    }
}

/// Date order kept by `Store::add` with the date keys beside it, against a plain sort of the
/// live articles: batches of few distinct dates (undated and coarse ones among them), files
/// removed and replaced between batches, and a restore from the cache (which keeps no keys).
mod order {
    use super::*;
    use docbao_core::store::{newest_first, Store};

    #[derive(Debug, Clone)]
    enum Op {
        Add(Vec<(u8, u16)>),
        Upsert(Vec<(u8, u16)>),
        Remove(u16),
        Restore,
    }

    const DATES: &[&str] = &[
        "2025-01-02",
        "2025-01-02",
        "2025-01",
        "2025",
        "2024-12-31",
        "",
        "",
        "1999-13",
    ];

    fn article(date: u8, path: u16, gen: usize) -> Article {
        let d = DATES[date as usize % DATES.len()];
        let head = if d.is_empty() {
            String::new()
        } else {
            format!("date: {d}\n\n")
        };
        let text = format!("{head}Bài {path} {gen}\n\nThân bài.\n");
        docbao_core::ingest::load_bytes(&format!("{:02}.txt", path % 60), text.as_bytes())
            .article
            .expect("an article")
    }

    fn op() -> impl Strategy<Value = Op> {
        let batch = || prop::collection::vec((any::<u8>(), any::<u16>()), 0..12);
        prop_oneof![
            4 => batch().prop_map(Op::Add),
            2 => batch().prop_map(Op::Upsert),
            2 => any::<u16>().prop_map(Op::Remove),
            1 => Just(Op::Restore),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases() / 8, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn batches_merge_into_date_order(ops in prop::collection::vec(op(), 1..14)) {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let cache = dir.path().join("c.cache");
            let mut s = Store::new();
            for (gen, op) in ops.into_iter().enumerate() {
                match op {
                    // `add` takes new paths only: what is there already is left out.
                    Op::Add(b) => {
                        let mut seen = std::collections::HashSet::new();
                        let batch: Vec<Article> = b
                            .iter()
                            .map(|&(d, p)| article(d, p, gen))
                            .filter(|a| s.by_path(&a.path).is_none() && seen.insert(a.path.clone()))
                            .collect();
                        s.add(batch);
                    }
                    Op::Upsert(b) => s.upsert(b.iter().map(|&(d, p)| article(d, p, gen)).collect()),
                    Op::Remove(k) => {
                        let p = s.newest_first().nth(k as usize % s.len().max(1)).map(|a| a.path.clone());
                        if let Some(p) = p {
                            prop_assert_eq!(s.remove(&p), 1);
                        }
                    }
                    Op::Restore => {
                        docbao_core::store::cache::save(&s, &Default::default(), &cache, 0).expect("saved");
                        s = docbao_core::store::cache::load(&cache, 0).expect("loaded").store;
                    }
                }
                let mut want: Vec<&Article> = s.newest_first().collect();
                want.sort_by(|a, b| newest_first(a, b));
                let got: Vec<(&str, _)> = s.newest_first().map(|a| (a.path.as_str(), a.date)).collect();
                let want: Vec<(&str, _)> = want.iter().map(|a| (a.path.as_str(), a.date)).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}
