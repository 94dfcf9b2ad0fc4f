//! The tags of the reading state: kept with the read and bookmark marks and with the same
//! guarantees (per archive, by content, saved atomically). What a tag is: `crate::tag`.

use super::ReadingState;
use crate::store::{Article, ContentKey};
use crate::tag::clean_tags;
use std::collections::HashMap;

impl ReadingState {
    /// The tags of the articles with this content, sorted.
    pub fn tags_key(&self, key: ContentKey) -> &[String] {
        self.marks.get(&key).map_or(&[], |m| m.tags.as_slice())
    }

    /// Gives an article exactly these tags (cleaned, sorted, without repeats); returns whether
    /// that changed anything.
    pub fn set_tags(&mut self, a: &Article, tags: &[String]) -> bool {
        let tags = clean_tags(tags);
        self.change(a, |m| m.tags = tags)
    }

    /// Every tag given, with how many articles (by content) carry it: most used first, then
    /// by name.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for m in self.marks.values() {
            for t in &m.tags {
                *counts.entry(t.as_str()).or_default() += 1;
            }
        }
        let mut out: Vec<(String, usize)> = counts.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}
