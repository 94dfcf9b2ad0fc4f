//! Derived knowledge: from a file split by shape to a cleaned [`Article`] with its title, date,
//! body blocks, word count, persons and events.

pub mod body;
pub mod clean;
pub mod date;
pub mod events;
pub mod lexicon;
pub mod names;
pub mod people;
pub mod persons;
pub mod sentence;
pub mod title;

pub use body::{Block, Body, BodyRules};
pub use date::Date;
pub use events::{Event, Span};
pub use people::{KnownPeople, Person, PersonIndex};
pub use persons::{Mention, Name};

use crate::ingest::{Parsed, Severity, Shape};
use crate::store::{Article, ArticleId, ArticleWords, ContentKey};
use std::sync::atomic::{AtomicBool, Ordering};

/// A problem found while deriving: (line, message, severity).
pub type Finding = (Option<usize>, String, Severity);

static EXTRACT: AtomicBool = AtomicBool::new(true);

/// Turns person and event extraction at load on or off for the whole process (on by default).
/// For measuring what extraction costs against the rest of loading; front ends leave it on.
pub fn set_person_and_event_extraction(on: bool) {
    EXTRACT.store(on, Ordering::Relaxed);
}

/// Whether persons and events are extracted at load.
pub fn extraction_enabled() -> bool {
    EXTRACT.load(Ordering::Relaxed)
}

/// The persons and events of one article; every sentence is split into words once for both.
pub fn persons_and_events(title: &str, blocks: &[Block], date: &Date) -> (Vec<Mention>, Vec<Event>) {
    let mut finder = persons::Finder::new(KnownPeople::builtin());
    let mut dates = events::Collector::new(date);
    // A title cut with `…` is the lead's first sentence: the body gives it whole.
    let title_persons = !title.ends_with('…');
    let title_events = events::reads_title(title, blocks);
    let title_unit =
        (title_persons || title_events).then_some((events::Span::TITLE, title, title_persons, title_events));
    let units = title_unit.into_iter().chain(
        blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.searchable().map(|t| (i as u32, t, true, true))),
    );
    let mut s = sentence::Sentence::with_capacity(64);
    let mut ranges = Vec::with_capacity(32);
    let digit_from = |text: &str, from: usize| {
        crate::text::chars::find_byte(text.as_bytes(), from, |b| b.is_ascii_digit())
    };
    for (source, text, people, when) in units {
        // The first digit at or after the sentence being read: the text's bytes are searched
        // once, not once for the text and again per sentence.
        let mut next_digit = if when { digit_from(text, 0) } else { None };
        sentence::sentences_into(text, &mut ranges);
        for r in ranges.iter().cloned() {
            let t = &text[r.clone()];
            // A third of news sentences name nothing capitalised after their first word and
            // hold no digit: nothing to find there, not even worth splitting into words.
            let names = people && sentence::capital_after_first(t);
            if next_digit.is_some_and(|d| d < r.start) {
                next_digit = digit_from(text, r.start);
            }
            // Most sentences with a digit name no date: one that names nobody either is split
            // into words only when a test on its raw text finds it may name one. (One split
            // for names costs the date finder little more, so is not tested.)
            let dated = next_digit.is_some_and(|d| d < r.end) && (names || sentence::may_hold_date(t));
            if !names && !dated {
                continue;
            }
            s.refill(t);
            if names {
                finder.sentence(&s);
            }
            if dated {
                dates.sentence_with_digit(&s, events::Span::new(source, r));
            }
        }
    }
    (finder.finish(), dates.finish())
}

/// Builds an article from a split file. `path` is relative to the archive root.
pub fn build(path: &str, mut parsed: Parsed, encoding: &'static str, bytes: u64) -> (Article, Vec<Finding>) {
    // YAML escapes (`"\t"`, `"\u001b"`, `"\u200b"`) can put back what cleaning removed from the
    // file's text; metadata is shown and searched, so it gets the same treatment.
    let mut escaped = 0;
    for (k, v) in &mut parsed.meta {
        use crate::text::clean::{is_format, is_unsafe, sanitize_text};
        if k.chars()
            .chain(v.chars())
            .any(|c| is_unsafe(c) || is_format(c) || c == '\n')
        {
            // Whole escape sequences go, as from the text (`\u001b[31m` leaves no `[31m`).
            let clean = |s: &str| {
                let n = crate::text::clean::normalize(s);
                (sanitize_text(&n.text), n.controls_removed)
            };
            let (ck, nk) = clean(k);
            let (cv, nv) = clean(v);
            (*k, *v) = (ck, cv);
            escaped += nk + nv;
        }
    }
    let mut findings: Vec<Finding> = parsed
        .problems
        .iter()
        .map(|(l, m)| (*l, m.clone(), Severity::Warning))
        .collect();
    if escaped > 0 {
        findings.push((
            None,
            format!(
                "{escaped} control character(s) or terminal escape sequence(s) removed from the \
                 front matter's values"
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

    let (mentions, events) = if EXTRACT.load(Ordering::Relaxed) {
        persons_and_events(&title, &body.blocks, &date)
    } else {
        (Vec::new(), Vec::new())
    };
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
        body: crate::store::Body::pack(&body.blocks),
        words,
        persons,
        mentions,
        events,
        words_for_index,
        folded,
    };
    article.shrink();
    (article, findings)
}
