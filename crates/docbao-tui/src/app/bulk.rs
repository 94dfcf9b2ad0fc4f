//! Acting on every article the list shows: marking them read or unread, asking first when
//! that changes many.

use super::*;

/// Above this many articles changed, marking every article shown asks first.
pub const CONFIRM_ABOVE: usize = 20;

/// A question waiting for its answer: mark these articles read (or unread)?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub read: bool,
    /// The articles shown when it was asked.
    pub ids: Vec<ArticleId>,
    /// How many of them it changes.
    pub changes: usize,
}

impl App {
    /// `A` / `U`: every article shown read (unread), after a question when that is many.
    pub(super) fn mark_shown(&mut self, read: bool) {
        let store = self.archive.store();
        let marks = &self.reading.marks;
        let changes = self
            .shown
            .iter()
            .filter(|id| marks.is_read_key(store.get(**id).key) != read)
            .count();
        let word = if read { "read" } else { "unread" };
        if changes == 0 {
            let all = if self.shown.len() == 1 {
                "the article shown is"
            } else {
                "every article shown is"
            };
            self.set_message(format!("{all} {word} already"));
            return;
        }
        let ids = self.shown.clone();
        if changes > CONFIRM_ABOVE {
            self.confirm = Some(Confirm { read, ids, changes });
            self.overlay = Overlay::Confirm;
        } else {
            self.mark_all(&ids, read);
        }
    }

    /// The question in the status line.
    pub fn confirm_question(&self) -> String {
        match &self.confirm {
            Some(c) => format!(
                "mark {} articles {}? y/n",
                c.changes,
                if c.read { "read" } else { "unread" }
            ),
            None => String::new(),
        }
    }

    /// The answer: `y` marks them, anything else leaves them.
    pub(super) fn answer(&mut self, yes: bool) {
        if self.overlay == Overlay::Confirm {
            self.overlay = Overlay::None;
        }
        let Some(c) = self.confirm.take() else { return };
        if yes {
            self.mark_all(&c.ids, c.read);
        } else {
            self.set_message("nothing marked");
        }
    }

    fn mark_all(&mut self, ids: &[ArticleId], read: bool) {
        let n = self
            .reading
            .set_read_many(self.archive.store(), &self.shown, ids, read);
        let s = if n == 1 { "" } else { "s" };
        let word = if read { "read" } else { "unread" };
        self.set_message(format!("{n} article{s} marked {word}"));
    }
}
