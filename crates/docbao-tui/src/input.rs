//! A one-line text editor for the filter bar and the person picker: edits by grapheme, keeps
//! NFC, takes bursts from input methods (a letter, backspaces, the composed letter) and pastes.

use docbao_extract::text::sanitize::{is_format, is_unsafe};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The text and a cursor (a byte offset, always on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    cursor: usize,
}

/// Longest text the box holds (a query this long is already absurd).
pub const MAX_INPUT: usize = 10_000;

impl Input {
    pub fn new(text: &str) -> Self {
        let text: String = text.nfc().collect();
        Input {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Inserts typed or pasted text at the cursor: newlines and tabs become spaces, control and
    /// invisible format characters are dropped, and the result is recomposed to NFC around the
    /// cursor.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
            .filter(|c| !is_unsafe(*c) && !is_format(*c))
            .collect();
        if clean.is_empty() || self.text.len() + clean.len() > MAX_INPUT {
            return;
        }
        let (before, after) = self.text.split_at(self.cursor);
        let before: String = format!("{before}{clean}").nfc().collect();
        let after = after.to_string();
        self.cursor = before.len();
        self.text = before + &after;
        // A combining mark typed after a letter composes with it; keep the cursor after it.
        self.snap();
    }

    /// Deletes the grapheme before the cursor.
    pub fn backspace(&mut self) {
        if let Some((i, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.text.replace_range(i..self.cursor, "");
            self.cursor = i;
        }
    }

    /// Deletes the grapheme under the cursor.
    pub fn delete(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            let end = self.cursor + g.len();
            self.text.replace_range(self.cursor..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some((i, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.cursor = i;
        }
    }

    pub fn right(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            self.cursor += g.len();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes the word before the cursor (Ctrl-w).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(' ');
        let start = trimmed.rfind(' ').map(|i| i + 1).unwrap_or(0);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes everything before the cursor (Ctrl-u).
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Moves the cursor back onto a grapheme boundary.
    fn snap(&mut self) {
        let mut at = 0;
        for (i, g) in self.text.grapheme_indices(true) {
            if i + g.len() > self.cursor {
                break;
            }
            at = i + g.len();
        }
        if at < self.cursor {
            // cursor fell inside a grapheme: move to its end
            if let Some(g) = self.text[at..].graphemes(true).next() {
                at += g.len();
            }
        }
        self.cursor = at.min(self.text.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telex_burst() {
        // Telex "viet" + "j": the IME sends v, i, e, t, then backspaces and the composed letters.
        let mut i = Input::default();
        for c in ["v", "i", "e"] {
            i.insert(c);
        }
        i.backspace();
        i.insert("ê");
        i.insert("t");
        i.backspace();
        i.backspace();
        i.insert("ệt");
        assert_eq!(i.text(), "việt");
        assert_eq!(i.cursor(), "việt".len());
    }

    #[test]
    fn combining_marks_compose_and_delete_as_one() {
        let mut i = Input::default();
        i.insert("Vie");
        i.insert("\u{302}");
        i.insert("\u{323}");
        assert_eq!(i.text(), "Việ");
        i.backspace();
        assert_eq!(i.text(), "Vi");
    }

    #[test]
    fn moves_by_grapheme() {
        let mut i = Input::new("Hà Nội");
        i.left();
        i.left();
        i.backspace();
        assert_eq!(i.text(), "Hà ội");
        i.home();
        i.delete();
        assert_eq!(i.text(), "à ội");
    }

    #[test]
    fn paste_is_cleaned() {
        let mut i = Input::default();
        i.insert("a\nb\u{1b}[2Jc\td");
        assert_eq!(i.text(), "a b[2Jc d");
    }

    #[test]
    fn word_delete() {
        let mut i = Input::new("bo truong quoc");
        i.delete_word();
        assert_eq!(i.text(), "bo truong ");
        i.delete_to_start();
        assert_eq!(i.text(), "");
    }
}
