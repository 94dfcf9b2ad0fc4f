//! A one-line text editor for the filter bar and the person picker: edits by grapheme, keeps
//! NFC, takes bursts from input methods (a letter, backspaces, the composed letter) and pastes.
//! Its text can be selected whole, as a browser's address bar is when it takes the focus: what
//! is typed then replaces it, a delete clears it, and a cursor key keeps it for editing.

use docbao_extract::text::sanitize::{is_format, is_unsafe};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The text and a cursor (a byte offset, always on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    cursor: usize,
    /// The whole text is selected: the next edit replaces it.
    selected: bool,
}

/// Longest text the box holds (a query this long is already absurd).
pub const MAX_INPUT: usize = 10_000;

impl Input {
    pub fn new(text: &str) -> Self {
        let text: String = text.nfc().collect();
        Input {
            cursor: text.len(),
            text,
            selected: false,
        }
    }

    /// Selects the whole text (nothing when it is empty), the cursor at its end.
    pub fn select_all(&mut self) {
        self.cursor = self.text.len();
        self.selected = !self.text.is_empty();
    }

    /// Whether the whole text is selected.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Drops a selection for an edit: true when it was there and the text went with it.
    fn replace_selection(&mut self) -> bool {
        if !std::mem::take(&mut self.selected) {
            return false;
        }
        self.clear();
        true
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// What a field `room` cells wide shows of the text, scrolled so that the cursor stays in
    /// view (the end of a long line with it), and the cursor's column in that.
    pub fn view(&self, room: usize) -> (String, usize) {
        use docbao_extract::text::{truncate, width::width};
        let before = &self.text[..self.cursor];
        let start = before
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| width(&before[i..]) < room)
            .unwrap_or(before.len());
        (truncate(&self.text[start..], room), width(&before[start..]))
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
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
        if clean.is_empty() {
            return;
        }
        self.replace_selection();
        if self.text.len() + clean.len() > MAX_INPUT {
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

    /// Deletes the grapheme before the cursor (the selection, if any).
    pub fn backspace(&mut self) {
        if self.replace_selection() {
            return;
        }
        if let Some((i, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.text.replace_range(i..self.cursor, "");
            self.cursor = i;
        }
    }

    /// Deletes the grapheme under the cursor (the selection, if any).
    pub fn delete(&mut self) {
        if self.replace_selection() {
            return;
        }
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            let end = self.cursor + g.len();
            self.text.replace_range(self.cursor..end, "");
        }
    }

    /// One grapheme left; on a selection, to its start (and it is kept for editing).
    pub fn left(&mut self) {
        if std::mem::take(&mut self.selected) {
            self.cursor = 0;
            return;
        }
        if let Some((i, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.cursor = i;
        }
    }

    /// One grapheme right; on a selection, to its end (and it is kept for editing).
    pub fn right(&mut self) {
        if std::mem::take(&mut self.selected) {
            self.cursor = self.text.len();
            return;
        }
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            self.cursor += g.len();
        }
    }

    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.text.len();
    }

    /// Puts `with` in place of the bytes `range` (on character boundaries, as found by the
    /// caller in `text()`), the cursor after it: a completion.
    pub fn replace(&mut self, range: std::ops::Range<usize>, with: &str) {
        let (start, end) = (range.start.min(self.text.len()), range.end.min(self.text.len()));
        if start > end || !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
            return;
        }
        self.selected = false;
        self.text.replace_range(start..end, with);
        self.cursor = start + with.len();
        self.snap();
    }

    /// Deletes the word before the cursor (Ctrl-w); the selection, if any.
    pub fn delete_word(&mut self) {
        if self.replace_selection() {
            return;
        }
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end_matches(' ');
        let start = trimmed.rfind(' ').map(|i| i + 1).unwrap_or(0);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes everything before the cursor (Ctrl-u); the selection, if any.
    pub fn delete_to_start(&mut self) {
        if self.replace_selection() {
            return;
        }
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
    fn a_selected_text_is_replaced_by_typing_and_kept_by_a_cursor_key() {
        let mut i = Input::new("@ahn gyu-back");
        i.select_all();
        assert!(i.is_selected());
        i.insert("s");
        i.insert("cm");
        assert_eq!(i.text(), "scm");
        assert!(!i.is_selected());
        // Right (or End) keeps it and goes on at its end.
        let mut i = Input::new("hegseth");
        i.select_all();
        i.right();
        i.insert(" 2025");
        assert_eq!(i.text(), "hegseth 2025");
        // Left goes to its start.
        i.select_all();
        i.left();
        i.insert("@");
        assert_eq!(i.text(), "@hegseth 2025");
        // A delete clears it whole; nothing is selected in an empty box.
        i.select_all();
        i.backspace();
        assert_eq!(i.text(), "");
        i.select_all();
        assert!(!i.is_selected());
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
