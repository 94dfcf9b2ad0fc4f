//! Derived knowledge: from a file split by shape to a cleaned [`Article`] with its title, date,
//! body blocks, word count, persons and events.

pub mod body;
pub mod clean;
pub mod date;
pub mod events;
pub mod persons;
pub mod title;

pub use body::{Block, Body, BodyRules};
pub use date::Date;
pub use events::Event;

use crate::ingest::{Parsed, Severity, Shape};
use crate::store::{Article, ArticleId};
use crate::text::fold;

/// A problem found while deriving: (line, message, severity).
pub type Finding = (Option<usize>, String, Severity);

/// Builds an article from a split file. `path` is relative to the archive root.
pub fn build(path: &str, parsed: Parsed, encoding: &'static str, bytes: u64) -> (Article, Vec<Finding>) {
    let mut findings: Vec<Finding> = parsed
        .problems
        .iter()
        .map(|(l, m)| (*l, m.clone(), Severity::Warning))
        .collect();
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

    let words = body
        .blocks
        .iter()
        .filter_map(Block::searchable)
        .map(|t| {
            t.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        })
        .sum();
    if body.blocks.is_empty() {
        findings.push((None, "no article text".into(), Severity::Warning));
    }

    let persons = persons::find(&title, &body.blocks);
    let events = events::find(&body.blocks, &date);

    let mut search = fold(&title);
    for t in body.blocks.iter().filter_map(Block::searchable) {
        search.push('\n');
        search.push_str(&fold(t));
    }
    let article = Article {
        id: ArticleId::default(),
        path: path.to_string(),
        shape: parsed.shape,
        encoding,
        bytes,
        title,
        date,
        meta: parsed.meta,
        blocks: body.blocks,
        words,
        persons,
        events,
        search,
    };
    (article, findings)
}
