//! From a file split by shape to a cleaned [`Article`]: its title, date, body blocks, word count,
//! persons and events, each derived by `docbao-extract`.

use super::shape::{Parsed, Shape};
use crate::store::{Article, ArticleId, ArticleWords, Body, ContentKey, Derived, Severity};
use docbao_extract::near::Sketch;
use docbao_extract::text::sanitize::{self, is_format, is_unsafe, sanitize_text};
use docbao_extract::{body, near, persons, title, Block, BodyRules, Date, Event, Mention};

/// A problem found while deriving: (line, message, severity).
pub type Finding = (Option<usize>, String, Severity);

/// What is derived from each article besides its text, title and date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extraction {
    /// Persons and events found in the text (on; off only to measure what they cost).
    pub persons_and_events: bool,
}

impl Default for Extraction {
    fn default() -> Self {
        Extraction {
            persons_and_events: true,
        }
    }
}

/// What a load that makes its articles searchable first leaves for later: the text persons and
/// events are found in, shared with the stored article (see [`derive_later`]).
pub struct Pending {
    path: String,
    key: ContentKey,
    title: String,
    date: Date,
    body: Body,
}

impl Pending {
    pub fn of(a: &Article) -> Self {
        Pending {
            path: a.path.clone(),
            key: a.key,
            title: a.title.clone(),
            date: a.date,
            body: a.body.clone(),
        }
    }
}

/// Finds the persons and events of an article stored without them: the same as a load that
/// finds them at once (the text is read back from its compressed form).
pub fn derive_later(p: &Pending) -> Derived {
    let blocks = p.body.blocks();
    let (mentions, events, sketch) = later_parts(&p.title, &blocks, &p.date, Extraction::default());
    Derived {
        path: p.path.clone(),
        body: p.body.clone(),
        key: p.key,
        mentions,
        events,
        sketch,
    }
}

/// YAML escapes (`"\t"`, `"\u001b"`, `"\u200b"`) can put back what cleaning removed from the
/// file's text; metadata is shown and searched, so it gets the same treatment. Returns how many
/// controls or escape sequences went, and the index of the first pair they went from.
fn sanitize_meta(meta: &mut [(String, String)]) -> (usize, Option<usize>) {
    let (mut escaped, mut first) = (0, None);
    for (i, (k, v)) in meta.iter_mut().enumerate() {
        if k.chars()
            .chain(v.chars())
            .any(|c| is_unsafe(c) || is_format(c) || c == '\n')
        {
            // Whole escape sequences go, as from the text (`\u001b[31m` leaves no `[31m`).
            let clean = |s: &str| {
                let n = sanitize::normalize(s);
                (sanitize_text(&n.text), n.controls_removed)
            };
            let (ck, nk) = clean(k);
            let (cv, nv) = clean(v);
            (*k, *v) = (ck, cv);
            escaped += nk + nv;
            if nk + nv > 0 {
                first = first.or(Some(i));
            }
        }
    }
    (escaped, first)
}

/// What a large load's second pass finds (see [`derive_later`]): persons, events, the sketch.
fn later_parts(
    title: &str,
    blocks: &[Block],
    date: &Date,
    extraction: Extraction,
) -> (Vec<Mention>, Vec<Event>, Option<Sketch>) {
    if !extraction.persons_and_events {
        return (Vec::new(), Vec::new(), None);
    }
    let (m, e) = docbao_extract::persons_and_events(title, blocks, date);
    (m, e, near::sketch(blocks.iter().filter_map(Block::searchable)))
}

/// Builds an article from a split file. `path` is relative to the archive root.
pub fn build(
    path: &str,
    mut parsed: Parsed,
    encoding: &'static str,
    bytes: u64,
    extraction: Extraction,
) -> (Article, Vec<Finding>) {
    let (escaped, first_escaped) = sanitize_meta(&mut parsed.meta);
    let mut findings: Vec<Finding> = parsed
        .problems
        .iter()
        .map(|(l, m)| (*l, m.clone(), Severity::Warning))
        .collect();
    if escaped > 0 {
        let at = first_escaped.and_then(|i| parsed.meta_lines.get(i).copied().flatten());
        let key = first_escaped
            .and_then(|i| parsed.meta.get(i))
            .map(|(k, _)| format!(" (first in `{k}`)"))
            .unwrap_or_default();
        findings.push((
            at,
            format!(
                "{} removed from the front matter's values{key}",
                super::controls(escaped)
            ),
            Severity::Warning,
        ));
    }
    let rules = BodyRules {
        first_line_may_be_headline: parsed.shape == Shape::Bare,
    };
    let body = body::parse_body(&parsed.body, rules);

    let date = match &parsed.date {
        Some((raw, line)) => Date::parse(raw).unwrap_or_else(|| {
            findings.push((
                Some(*line),
                format!("unreadable date `{raw}`; the article is undated"),
                Severity::Warning,
            ));
            Date::Undated
        }),
        None => Date::Undated,
    };
    let meta_title = parsed
        .meta
        .iter()
        .find(|(k, _)| k == "title")
        .map(|(_, v)| v.as_str());
    let headline = parsed.headline.as_deref().or(body.headline.as_deref());
    let stem = path.rsplit('/').next().unwrap_or(path);
    let stem = stem.rsplit_once('.').map(|x| x.0).unwrap_or(stem);
    let title = title::derive(meta_title, headline, &body.blocks, stem);

    if body.blocks.is_empty() {
        findings.push((None, "no article text".into(), Severity::Warning));
    }

    let (mentions, events, sketch) = later_parts(&title, &body.blocks, &date, extraction);
    let persons = persons::display_names(&mentions);

    // The word count: whitespace-separated words of the body with a letter or digit.
    let (words_for_index, words) =
        ArticleWords::counting(&title, body.blocks.iter().filter_map(Block::searchable));
    let folded = Article::fold_key(&title, &persons);
    let mut article = Article {
        id: ArticleId::default(),
        key: ContentKey::default(),
        path: path.to_string(),
        shape: parsed.shape,
        encoding,
        bytes,
        title,
        date,
        meta: parsed.meta,
        body: Body::pack(&body.blocks),
        words,
        persons,
        mentions,
        events,
        words_for_index,
        folded,
        sketch,
    };
    article.shrink();
    (article, findings)
}
