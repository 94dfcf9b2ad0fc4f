//! What the reading state keeps besides marks: the queries typed (newest last, for Up and Down
//! in the filter bar) and the searches saved under a name from the filter bar. Both belong to
//! the archive, are saved with its marks (atomically, set aside when damaged) and are capped,
//! so the file cannot grow without end.

use super::{clean_query, ReadingState};
use docbao_extract::text::sanitize::sanitize_line;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// How many queries are remembered.
pub const HISTORY_MAX: usize = 100;
/// How many searches can be saved from the filter bar.
pub const SEARCHES_MAX: usize = 200;

/// A saved search as the file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
}

/// A search's name as kept and shown: one line, no control characters, trimmed.
pub fn clean_name(name: &str) -> String {
    sanitize_line(&clean_query(name)).trim().to_string()
}

impl ReadingState {
    /// The queries typed, oldest first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// Remembers a query as the newest (an earlier copy of it goes); returns whether anything
    /// changed. Empty queries are not kept.
    pub fn remember_query(&mut self, query: &str) -> bool {
        let q = clean_query(query.trim());
        if q.is_empty() || self.history.last() == Some(&q) {
            return false;
        }
        self.history.retain(|h| *h != q);
        self.history.push(q);
        let over = self.history.len().saturating_sub(HISTORY_MAX);
        self.history.drain(..over);
        self.generation += 1;
        true
    }

    /// The searches saved from the filter bar, in the order they were saved.
    pub fn searches(&self) -> &[SavedSearch] {
        &self.searches
    }

    /// Saves `query` under `name`, replacing a search of that name; false when the name or
    /// the query is empty, or when as many searches as can be kept are saved already.
    pub fn save_search(&mut self, name: &str, query: &str) -> bool {
        let (name, query) = (clean_name(name), clean_query(query.trim()));
        if name.is_empty() || query.is_empty() {
            return false;
        }
        let full = self.searches.len() >= SEARCHES_MAX;
        match self.searches.iter_mut().find(|s| s.name == name) {
            Some(s) => s.query = query,
            None if full => return false,
            None => self.searches.push(SavedSearch { name, query }),
        }
        self.generation += 1;
        true
    }

    /// Removes the saved search `name`; returns whether there was one.
    pub fn remove_search(&mut self, name: &str) -> bool {
        let before = self.searches.len();
        self.searches.retain(|s| s.name != name);
        let removed = self.searches.len() != before;
        if removed {
            self.generation += 1;
        }
        removed
    }

    /// Takes the lists as a file held them: cleaned, without empty or repeated entries, capped.
    pub(super) fn take_saved(&mut self, history: Vec<String>, searches: Vec<SavedSearch>) {
        for q in history {
            self.remember_query(&q);
        }
        for s in searches {
            self.save_search(&s.name, &s.query);
        }
    }

    /// The two lists as lines of the file (before its `articles`).
    pub(super) fn write_saved(&self, out: &mut Vec<u8>) {
        let history = serde_json::to_string(&self.history).unwrap_or_else(|_| "[]".into());
        let searches = serde_json::to_string(&self.searches).unwrap_or_else(|_| "[]".into());
        let _ = writeln!(out, "\"history\": {history},");
        let _ = writeln!(out, "\"searches\": {searches},");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_remembered_newest_last_once_each_and_capped() {
        let mut s = ReadingState::new();
        assert!(s.remember_query("hegseth"));
        assert!(s.remember_query("  scm 2025 "));
        assert!(!s.remember_query("scm 2025"), "the newest again changes nothing");
        assert!(s.remember_query("hegseth"));
        assert!(!s.remember_query("   "));
        assert_eq!(s.history(), ["scm 2025", "hegseth"]);
        for i in 0..HISTORY_MAX + 20 {
            s.remember_query(&format!("q{i}"));
        }
        assert_eq!(s.history().len(), HISTORY_MAX);
        assert_eq!(s.history().last().map(String::as_str), Some("q119"));
        // A query with a control character is kept cleaned.
        s.remember_query("a\u{1b}[2Jb");
        assert_eq!(s.history().last().map(String::as_str), Some("a[2Jb"));
    }

    #[test]
    fn searches_are_saved_by_name_and_go_through_the_file() {
        let mut s = ReadingState::new();
        assert!(s.save_search("Korea defence", "@ahn gyu-back | scm"));
        assert!(s.save_search("lũ", "lũ lụt miền Trung"));
        assert!(s.save_search("Korea defence", "@ahn gyu-back"));
        assert!(!s.save_search(" ", "x"));
        assert_eq!(s.searches().len(), 2);
        assert_eq!(s.searches()[0].query, "@ahn gyu-back");
        s.remember_query("hegseth");
        let back = ReadingState::from_json(&s.to_json("test")).expect("a state file");
        assert_eq!(back.searches(), s.searches());
        assert_eq!(back.history(), ["hegseth"]);
        assert!(s.remove_search("lũ"));
        assert!(!s.remove_search("lũ"));
        assert_eq!(s.searches().len(), 1);
    }

    #[test]
    fn a_file_without_the_lists_still_reads() {
        let old = br#"{"format": "docbao reading state", "version": 1, "archive": "x", "last": {}, "articles": []}"#;
        let s = ReadingState::from_json(old).expect("an older file");
        assert!(s.history().is_empty() && s.searches().is_empty());
    }
}
