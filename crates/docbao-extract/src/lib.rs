//! Text to knowledge, with no I/O: cleaning and folding text (`text`), mending scraped text
//! (`mend`), the body's blocks, the title, dates, sentences, the persons an article names and
//! how they settle across an archive (`persons`), and the dates it speaks of (`events`).
//!
//! Everything here takes text and gives values; reading files, storing and searching articles
//! are `docbao-core`'s.

pub mod body;
pub mod date;
pub mod events;
pub mod hash;
pub mod lexicon;
pub mod mend;
pub mod near;
pub mod persons;
pub mod sentence;
pub mod text;
pub mod title;

pub use body::{Block, Body, BodyRules};
pub use date::Date;
pub use events::{Event, Span};
pub use persons::{KnownPeople, Mention, Name, Person, PersonIndex};

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
