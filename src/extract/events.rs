//! Events: dates written in the article text, resolved against the publication date.

use super::body::Block;
use super::date::Date;
use serde::Serialize;

/// A date the text speaks of, with the sentence it stands in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub date: Date,
    pub precision: &'static str,
    pub text: String,
}

/// Finds the dates written in the body.
pub fn find(_blocks: &[Block], _published: &Date) -> Vec<Event> {
    Vec::new()
}
