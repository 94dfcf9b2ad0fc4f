//! The reader's memory of an archive: read and bookmark marks, the timer that marks an open
//! article read, the unread count of what the list shows, and when to save them.

use docbao_core::state::{Last, ReadingState};
use docbao_core::store::{ArticleId, IdBits, Store};
use std::time::{Duration, Instant};

/// An article open this long in the reader counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(3);
/// Marks are saved once they have been still this long...
const SAVE_AFTER: Duration = Duration::from_secs(1);
/// ...or at the latest this long after the first unsaved change.
const SAVE_AT_LEAST_EVERY: Duration = Duration::from_secs(5);

/// Marks and their saving (see the module's description).
pub struct Reading {
    /// Read and bookmark marks, and the last position (see `docbao_core::state`).
    pub marks: ReadingState,
    /// Unread articles among those the list shows.
    pub unread_shown: usize,
    /// Which articles are read, by id (ids below `read_known` are current): counting the unread
    /// among a million shown articles then tests bits, not a hash map.
    read: IdBits,
    read_known: usize,
    /// Whether the reading state is saved: the terminal reader with a writable state file.
    pub persist: bool,
    /// How long an article stays open in the reader before it counts as read.
    pub read_after: Duration,
    /// The article open in the reader, since when, and whether its time has been counted.
    viewing: Option<Viewing>,
    /// The last session's position, applied when its article has loaded.
    pub pending: Option<Last>,
    saved_generation: u64,
    saved_last: Last,
    /// When the marks first changed since the last save, and when last.
    unsaved: Option<(Instant, Instant)>,
    save_requested: bool,
    save_error: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct Viewing {
    id: ArticleId,
    since: Instant,
    /// Read already, or marked by hand while open: the timer does nothing more.
    done: bool,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            marks: ReadingState::new(),
            unread_shown: 0,
            read: IdBits::default(),
            read_known: 0,
            persist: false,
            read_after: READ_AFTER,
            viewing: None,
            pending: None,
            saved_generation: 0,
            saved_last: Last::default(),
            unsaved: None,
            save_requested: false,
            save_error: None,
        }
    }
}

impl Reading {
    /// Takes a saved reading state: its marks, and its position to go back to once its
    /// article has loaded.
    pub fn restore(&mut self, state: ReadingState) {
        self.saved_generation = state.generation();
        self.saved_last = state.last.clone();
        self.pending = state.last.article.is_some().then(|| state.last.clone());
        self.marks = state;
        self.forget_read_bits();
    }

    /// After a change of the marks: recount, and save soon.
    pub fn marks_changed(&mut self, store: &Store, shown: &[ArticleId]) {
        let now = Instant::now();
        self.unsaved = Some((self.unsaved.map_or(now, |u| u.0), now));
        self.count_unread(store, shown);
    }

    /// Counts the unread articles among `shown`.
    pub fn count_unread(&mut self, store: &Store, shown: &[ArticleId]) {
        if self.marks.is_empty() {
            self.unread_shown = shown.len();
            return;
        }
        // Articles added since the last count (ids are never reused, an article's key never
        // changes): look their marks up once.
        let bound = store.id_bound();
        self.read.grow(bound);
        for i in self.read_known..bound {
            let key = store.get(ArticleId(i as u32)).key;
            self.read.set(i, self.marks.is_read_key(key));
        }
        self.read_known = bound;
        let read = &self.read;
        self.unread_shown = shown.iter().filter(|id| !read.has(id.0 as usize)).count();
    }

    /// After one article's read mark changed: every article with its content (a file copied
    /// within the archive has the same key, and the same mark).
    fn read_mark_changed(&mut self, store: &Store, id: ArticleId) {
        let key = store.get(id).key;
        let read = self.marks.is_read_key(key);
        for i in 0..self.read_known.min(store.id_bound()) {
            if store.get(ArticleId(i as u32)).key == key {
                self.read.set(i, read);
            }
        }
    }

    /// The marks or the articles changed wholesale: every read mark is looked up again.
    pub fn forget_read_bits(&mut self) {
        self.read_known = 0;
    }

    /// Marks follow files moved or edited: true when any mark changed (the count is redone).
    pub fn follow_files(&mut self, store: &Store, shown: &[ArticleId]) -> bool {
        if !self.marks.reconcile(store.newest_first()) {
            return false;
        }
        self.forget_read_bits();
        self.marks_changed(store, shown);
        true
    }

    /// Starts or stops the reading timer: `open` is the article the reader shows with the
    /// focus and nothing covering it.
    pub fn track_view(&mut self, open: Option<ArticleId>, store: &Store) {
        match (self.viewing, open) {
            (Some(v), Some(id)) if v.id == id => {}
            (_, open) => {
                self.viewing = open.map(|id| Viewing {
                    id,
                    since: Instant::now(),
                    done: self.marks.is_read_key(store.get(id).key),
                })
            }
        }
    }

    /// Marks the open article read once it has been open `read_after`.
    pub fn read_when_due(&mut self, now: Instant, store: &Store, shown: &[ArticleId]) {
        let Some(v) = self.viewing.as_mut() else { return };
        if v.done || now < v.since + self.read_after {
            return;
        }
        v.done = true;
        let id = v.id;
        if self.marks.set_read(store.get(id), true) {
            self.read_mark_changed(store, id);
            self.marks_changed(store, shown);
        }
    }

    /// Turns the read mark (or the bookmark) of article `id` over; returns what to say.
    pub fn toggle(
        &mut self,
        store: &Store,
        shown: &[ArticleId],
        id: ArticleId,
        bookmark: bool,
    ) -> &'static str {
        let a = store.get(id);
        let msg = if bookmark {
            let on = !self.marks.is_bookmarked_key(a.key);
            self.marks.set_bookmarked(a, on);
            if on {
                "bookmarked"
            } else {
                "bookmark removed"
            }
        } else {
            let read = !self.marks.is_read_key(a.key);
            self.marks.set_read(a, read);
            self.read_mark_changed(store, id);
            // What the user says wins over the reading timer.
            if let Some(v) = self.viewing.as_mut().filter(|v| v.id == id) {
                v.done = true;
            }
            if read {
                "marked read"
            } else {
                "marked unread"
            }
        };
        self.marks_changed(store, shown);
        msg
    }

    /// Marks the articles `ids` read (or unread) at once; returns how many changed. The reading
    /// timer leaves the open one alone after that, as after `u`.
    pub fn set_read_many(
        &mut self,
        store: &Store,
        shown: &[ArticleId],
        ids: &[ArticleId],
        read: bool,
    ) -> usize {
        let mut changed = 0;
        for id in ids {
            if self.marks.set_read(store.get(*id), read) {
                changed += 1;
            }
        }
        if let Some(v) = self.viewing.as_mut().filter(|v| ids.contains(&v.id)) {
            v.done = true;
        }
        if changed > 0 {
            self.forget_read_bits();
            self.marks_changed(store, shown);
        }
        changed
    }

    /// The queries typed or the searches saved changed: save soon.
    pub fn lists_changed(&mut self) {
        let now = Instant::now();
        self.unsaved = Some((self.unsaved.map_or(now, |u| u.0), now));
    }

    /// Whether the marks have waited long enough unsaved.
    pub fn save_due(&self, now: Instant) -> bool {
        self.unsaved
            .is_some_and(|(first, last)| now >= last + SAVE_AFTER || now >= first + SAVE_AT_LEAST_EVERY)
    }

    /// Whether the marks or the position `last` differ from what was saved.
    pub fn differs_from_saved(&self, last: &Last) -> bool {
        self.marks.generation() != self.saved_generation || *last != self.saved_last
    }

    /// Asks for a save of the marks with the position `last`; false when saving is off or
    /// one is already on its way.
    pub fn request_save(&mut self, last: Last) -> bool {
        if !self.persist || self.save_requested {
            return false;
        }
        self.marks.last = last;
        self.save_requested = true;
        true
    }

    /// A save of `generation` with `last` ended; returns what to tell when it failed (once per
    /// kind of failure; tried again after the next change).
    pub fn saved(&mut self, generation: u64, last: Last, error: Option<String>) -> Option<String> {
        self.save_requested = false;
        match error {
            None => {
                self.saved_generation = generation;
                self.saved_last = last;
                self.save_error = None;
                if generation == self.marks.generation() {
                    self.unsaved = None;
                }
                None
            }
            Some(e) => {
                let say =
                    (self.save_error.as_ref() != Some(&e)).then(|| format!("cannot save reading state: {e}"));
                self.save_error = Some(e);
                self.unsaved = None;
                say
            }
        }
    }
}
