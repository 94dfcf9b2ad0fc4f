//! App state and `update`, the only place state changes. Drawing reads this state and nothing
//! else; side effects (editor, pager, clipboard) are requested here and carried out by the loop.

use crate::action::Action;
use crate::input::Input;
use crate::keys::{Context, KeyMap};
use crate::layout;
use crate::overlays::person_picker::Picker;
use crate::panes::reader::ReaderView;
use crate::theme::Theme;
use crate::Settings;
use docbao_core::dates::DateFormat;
use docbao_core::ingest::LoadEvent;
use docbao_core::query::timeline::Timeline;
use docbao_core::query::worker::{self as filter, Job, Worker};
use docbao_core::query::{self, matcher::Marks, matcher::NoMarks, Hit, Query};
use docbao_core::session::{Applied, Archive};
use docbao_core::state::{self, Last, ReadingState, SavedPane};
use docbao_core::store::{Article, ArticleId, Store};
use docbao_extract::{Date, KnownPeople};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
    Timeline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Filter,
    People,
    Help,
}

/// Input to `update`: an action from the key table, or something else that happened.
#[derive(Debug)]
pub enum Msg {
    Action(Action),
    /// Text typed or pasted into the open text box.
    Insert(String),
    Resize(u16, u16),
    /// Mouse wheel at a cell: positive scrolls down.
    Scroll {
        x: u16,
        y: u16,
        lines: i32,
    },
    Click {
        x: u16,
        y: u16,
    },
    Load(LoadEvent),
    /// The filter worker finished a query.
    Filtered(filter::Done),
    /// Time passes: expire messages, finish throttled work, mark what was read, save.
    Tick,
    /// Save the reading state now if it changed (quitting, suspending, a signal).
    Flush,
    /// The loop saved the reading state as it was at `generation` with `last`, or failed to.
    Saved {
        generation: u64,
        last: Last,
        error: Option<String>,
    },
}

/// Work for the loop that cannot happen inside `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open a file in `$EDITOR`.
    Edit(std::path::PathBuf),
    /// Show text in `$PAGER`.
    Pager(String),
    /// Put text on the clipboard through OSC 52.
    Copy(String),
    /// Stop the process (SIGTSTP) with the terminal restored.
    Suspend,
    /// Write the reading state (`App::marks`) to its file.
    SaveState,
}

/// Loading progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: Option<usize>,
}

pub struct App {
    /// The store as it loads and changes; shared read-only with the filter worker, changed only
    /// while the worker does not hold it.
    pub archive: Archive,
    pub source_label: String,
    /// Root folder on disk (none for the built-in sample).
    pub root: Option<std::path::PathBuf>,
    pub keymap: KeyMap,
    pub theme: Theme,
    /// How publication dates are shown.
    pub dates: DateFormat,
    pub size: Rect,
    pub focus: Pane,
    /// In the narrow layout, the reader takes the screen.
    pub reader_zoomed: bool,
    pub overlay: Overlay,
    pub filter_input: Input,
    pub query: Query,
    /// Query result over all periods, ranked.
    pub hits: Vec<Hit>,
    /// What the list shows: hits within the period.
    pub shown: Vec<ArticleId>,
    pub period: Option<Date>,
    /// How long the last filter took; `None` hides it (tests).
    pub filter_time: Option<Duration>,
    pub selected: usize,
    pub list_offset: usize,
    pub reader: ReaderView,
    pub timeline: Timeline,
    pub picker: Picker,
    pub help_scroll: usize,
    pub loading: Option<Progress>,
    /// A message for the status line and when it expires.
    pub message: Option<(String, Instant)>,
    pub effects: Vec<Effect>,
    pub quit: bool,
    /// Whether timings are shown (off for reproducible snapshots).
    pub show_timings: bool,
    last_refilter: Option<Instant>,
    refilter_pending: bool,
    /// Filtering off the input path (the running TUI); `None` filters inline (tests).
    worker: Option<Worker>,
    /// The newest query sent; results for older ones are dropped.
    filter_seq: u64,
    /// A query is being filtered.
    pub filtering: bool,
    /// Term columns kept between keystrokes when filtering inline.
    filter_cache: query::eval::Cache,
    /// After a live update: the article (by path) and reader scroll to keep, and its row,
    /// where the selection stays (on the article that took its place) when the change
    /// removed it.
    keep_after_filter: Option<(String, usize, usize)>,
    /// The filter text whose results the list shows.
    shown_text: String,
    /// The last key or mouse input.
    last_input: Instant,
    /// Read and bookmark marks, and the last position (see `docbao_core::state`).
    pub marks: ReadingState,
    /// Unread articles among `shown`.
    pub unread_shown: usize,
    /// Which articles are read, by id (ids below `read_known` are current): counting the unread
    /// among a million shown articles then tests bits, not a hash map.
    read_bits: Vec<u64>,
    read_known: usize,
    /// Whether the reading state is saved: the terminal reader with a writable state file.
    pub persist: bool,
    /// How long an article stays open in the reader before it counts as read.
    pub read_after: Duration,
    /// The article open in the reader, since when, and whether its time has been counted.
    viewing: Option<Viewing>,
    /// The last session's position, applied when its article has loaded.
    pending: Option<Last>,
    saved_generation: u64,
    saved_last: Last,
    /// When the marks first changed since the last save, and when last.
    unsaved: Option<(Instant, Instant)>,
    save_requested: bool,
    save_error: Option<String>,
    /// A message kept until loading is done, so the load summary does not hide it.
    notice: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct Viewing {
    id: ArticleId,
    since: Instant,
    /// Read already, or marked by hand while open: the timer does nothing more.
    done: bool,
}

/// How long without input counts as idle, for work that may take a moment.
const IDLE: Duration = Duration::from_secs(1);
/// How long a status message stays.
const MESSAGE_TTL: Duration = Duration::from_secs(4);
/// How long a message about the state file stays.
const NOTICE_TTL: Duration = Duration::from_secs(15);
/// An article open this long in the reader counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(3);
/// Marks are saved once they have been still this long...
const SAVE_AFTER: Duration = Duration::from_secs(1);
/// ...or at the latest this long after the first unsaved change.
const SAVE_AT_LEAST_EVERY: Duration = Duration::from_secs(5);
/// While loading, the filter reruns at most this often.
const REFILTER_EVERY: Duration = Duration::from_millis(150);

/// Applies a text-editing action to a text box: `Some(true)` when the text changed,
/// `Some(false)` when only the cursor moved, `None` when the action is not an edit.
fn edit_input(input: &mut Input, a: Action) -> Option<bool> {
    match a {
        Action::DeleteBack => input.backspace(),
        Action::DeleteForward => input.delete(),
        Action::DeleteWord => input.delete_word(),
        Action::DeleteToStart => input.delete_to_start(),
        Action::Left => {
            input.left();
            return Some(false);
        }
        Action::Right => {
            input.right();
            return Some(false);
        }
        Action::Home => {
            input.home();
            return Some(false);
        }
        Action::End => {
            input.end();
            return Some(false);
        }
        _ => return None,
    }
    Some(true)
}

pub fn period_label(d: &Date) -> String {
    if d.is_dated() {
        d.to_string()
    } else {
        "undated".to_string()
    }
}

impl App {
    pub fn new(
        store: Store,
        known: Arc<KnownPeople>,
        source_label: String,
        root: Option<std::path::PathBuf>,
        theme: Theme,
    ) -> Self {
        let mut app = App {
            archive: Archive::new(store, known),
            source_label,
            root,
            keymap: KeyMap::default(),
            theme,
            dates: DateFormat::default(),
            size: Rect::new(0, 0, 80, 24),
            focus: Pane::List,
            reader_zoomed: false,
            overlay: Overlay::None,
            filter_input: Input::default(),
            query: Query::default(),
            hits: vec![],
            shown: vec![],
            period: None,
            filter_time: None,
            selected: 0,
            list_offset: 0,
            reader: ReaderView::default(),
            timeline: Timeline::default(),
            picker: Picker::default(),
            help_scroll: 0,
            loading: None,
            message: None,
            effects: vec![],
            quit: false,
            show_timings: true,
            last_refilter: None,
            refilter_pending: false,
            worker: None,
            filter_seq: 0,
            filtering: false,
            filter_cache: Default::default(),
            keep_after_filter: None,
            shown_text: String::new(),
            last_input: Instant::now(),
            marks: ReadingState::new(),
            unread_shown: 0,
            read_bits: Vec::new(),
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
            notice: None,
        };
        app.refilter();
        app
    }

    /// From now on, filter on a worker thread (the running TUI does; tests filter inline).
    pub fn use_worker(&mut self) -> std::io::Result<()> {
        self.worker = Some(Worker::spawn()?);
        self.archive.threaded = true;
        Ok(())
    }

    /// The store as loaded so far.
    pub fn store(&self) -> &Arc<Store> {
        self.archive.store()
    }

    /// Results from the filter worker, if any are ready.
    pub fn poll_worker(&mut self) -> bool {
        let mut got = false;
        while let Some(done) = self.worker.as_ref().and_then(Worker::try_recv) {
            self.update(Msg::Filtered(done));
            got = true;
        }
        got
    }

    /// Applies the user's key bindings and date format (the theme is given to `new`).
    pub fn configure(&mut self, settings: &Settings) {
        self.keymap = KeyMap::new(&settings.keys);
        self.dates = settings.dates.clone();
        self.reader = ReaderView::default();
        self.rebuild_reader();
    }

    /// Takes a saved reading state: its marks, its filter, and its article (selected, and
    /// opened in the reader at the same line if it was, as soon as it has loaded).
    pub fn restore(&mut self, state: ReadingState) {
        self.filter_input = Input::new(&state.last.query);
        self.saved_generation = state.generation();
        self.saved_last = state.last.clone();
        self.pending = state.last.article.is_some().then(|| state.last.clone());
        self.marks = state;
        self.forget_read_bits();
        self.refilter();
    }

    /// A message about the reading state, shown once, after the load summary if loading.
    pub fn notify(&mut self, m: String) {
        if self.loading.is_some() {
            self.notice = Some(m);
        } else {
            self.set_message_for(m, NOTICE_TTL);
        }
    }

    /// The context keys are read in.
    pub fn context(&self) -> Context {
        match self.overlay {
            Overlay::Filter | Overlay::People => Context::Text,
            _ => Context::Normal,
        }
    }

    /// Turns a key press into a message and applies it.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.last_input = Instant::now();
        let ctx = self.context();
        if let Some(a) = self.keymap.lookup(ctx, &key) {
            // In the help the quit key closes it, as any other key does (as `q` does in
            // `less`); Ctrl-C still quits.
            let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
            let a = if self.overlay == Overlay::Help && a == Action::Quit && !ctrl_c {
                Action::Back
            } else {
                a
            };
            self.update(Msg::Action(a));
            return;
        }
        if ctx == Context::Text {
            if let KeyCode::Char(c) = key.code {
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    self.update(Msg::Insert(c.to_string()));
                }
            }
        } else if self.overlay == Overlay::Help {
            // any other key closes the help
            self.overlay = Overlay::None;
        }
    }

    pub fn selected_id(&self) -> Option<ArticleId> {
        self.shown.get(self.selected).copied()
    }

    pub fn selected_article(&self) -> Option<&Article> {
        self.selected_id().map(|id| self.archive.store().get(id))
    }

    pub fn set_message(&mut self, m: impl Into<String>) {
        self.set_message_for(m, MESSAGE_TTL);
    }

    fn set_message_for(&mut self, m: impl Into<String>, ttl: Duration) {
        self.message = Some((m.into(), Instant::now() + ttl));
    }

    /// The only place state changes.
    pub fn update(&mut self, msg: Msg) {
        self.apply(msg);
        self.track_view();
    }

    fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::Action(a) => self.action(a),
            Msg::Insert(s) => match self.overlay {
                Overlay::Filter => {
                    self.filter_input.insert(&s);
                    self.refilter();
                }
                Overlay::People => {
                    self.picker.input.insert(&s);
                    self.picker.refilter();
                }
                _ => {}
            },
            Msg::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                self.sync_views();
            }
            Msg::Scroll { x, y, lines } => {
                self.pending = None;
                self.scroll_at(x, y, lines)
            }
            Msg::Click { x, y } => {
                self.pending = None;
                self.click(x, y)
            }
            Msg::Load(ev) => {
                let selected = self.selected_with_scroll();
                let applied = self.archive.receive(ev);
                self.took(applied, selected);
            }
            Msg::Filtered(done) => self.filtered(done),
            Msg::Tick => {
                // A settled resolution first: it was made for the store before the batches
                // waiting, which would make it stale.
                let idle = self.last_input.elapsed() >= IDLE;
                let settled = self.archive.settle_when_idle(idle, self.loading.is_some());
                self.took(settled, None);
                self.take_deferred();
                let now = Instant::now();
                if self.message.as_ref().is_some_and(|(_, until)| now >= *until) {
                    self.message = None;
                }
                if self.refilter_pending && self.last_refilter.is_none_or(|t| t.elapsed() >= REFILTER_EVERY) {
                    self.refilter();
                }
                self.read_when_due(now);
                if let Some((first, last)) = self.unsaved {
                    if now >= last + SAVE_AFTER || now >= first + SAVE_AT_LEAST_EVERY {
                        self.request_save();
                    }
                }
            }
            Msg::Flush => {
                if self.marks.generation() != self.saved_generation || self.current_last() != self.saved_last
                {
                    self.request_save();
                }
            }
            Msg::Saved {
                generation,
                last,
                error,
            } => {
                self.save_requested = false;
                match error {
                    None => {
                        self.saved_generation = generation;
                        self.saved_last = last;
                        self.save_error = None;
                        if generation == self.marks.generation() {
                            self.unsaved = None;
                        }
                    }
                    Some(e) => {
                        // Said once per kind of failure; tried again after the next change.
                        if self.save_error.as_ref() != Some(&e) {
                            self.set_message(format!("cannot save reading state: {e}"));
                        }
                        self.save_error = Some(e);
                        self.unsaved = None;
                    }
                }
            }
        }
    }

    /// Where the reader is, as the state file keeps it. Until the last session's article has
    /// loaded, that session's position stands.
    fn current_last(&self) -> Last {
        let query = state::clean_query(self.filter_input.text());
        if let Some(p) = &self.pending {
            return Last { query, ..p.clone() };
        }
        let reader = self.focus == Pane::Reader && self.selected_id().is_some();
        Last {
            query,
            article: self.selected_article().map(|a| a.key),
            pane: if reader {
                SavedPane::Reader
            } else {
                SavedPane::List
            },
            reader_scroll: if reader { self.reader.scroll } else { 0 },
        }
    }

    fn request_save(&mut self) {
        if !self.persist || self.save_requested {
            return;
        }
        self.marks.last = self.current_last();
        self.save_requested = true;
        self.effects.push(Effect::SaveState);
    }

    /// After a change of the marks: recount, and save soon.
    fn marks_changed(&mut self) {
        let now = Instant::now();
        self.unsaved = Some((self.unsaved.map_or(now, |u| u.0), now));
        self.count_unread();
    }

    fn count_unread(&mut self) {
        if self.marks.is_empty() {
            self.unread_shown = self.shown.len();
            return;
        }
        // Articles added since the last count (ids are never reused, an article's key never
        // changes): look their marks up once.
        let bound = self.archive.store().id_bound();
        self.read_bits.resize(bound.div_ceil(64), 0);
        for i in self.read_known..bound {
            let key = self.archive.store().get(ArticleId(i as u32)).key;
            set_bit(&mut self.read_bits, i, self.marks.is_read_key(key));
        }
        self.read_known = bound;
        let bits = &self.read_bits;
        self.unread_shown = self
            .shown
            .iter()
            .filter(|id| bits[id.0 as usize / 64] >> (id.0 % 64) & 1 == 0)
            .count();
    }

    /// After one article's read mark changed: every article with its content (a file copied
    /// within the archive has the same key, and the same mark).
    fn read_mark_changed(&mut self, id: ArticleId) {
        let key = self.archive.store().get(id).key;
        let read = self.marks.is_read_key(key);
        for i in 0..self.read_known.min(self.archive.store().id_bound()) {
            if self.archive.store().get(ArticleId(i as u32)).key == key {
                set_bit(&mut self.read_bits, i, read);
            }
        }
    }

    /// The marks or the articles changed wholesale: every read mark is looked up again.
    fn forget_read_bits(&mut self) {
        self.read_known = 0;
    }

    /// Starts or stops the reading timer: an article counts as open while the reader has the
    /// focus, shows it, and nothing covers it.
    fn track_view(&mut self) {
        let open = (self.focus == Pane::Reader && self.overlay == Overlay::None)
            .then_some(self.reader.id)
            .flatten()
            .filter(|id| Some(*id) == self.selected_id());
        match (self.viewing, open) {
            (Some(v), Some(id)) if v.id == id => {}
            (_, open) => {
                self.viewing = open.map(|id| Viewing {
                    id,
                    since: Instant::now(),
                    done: self.marks.is_read_key(self.archive.store().get(id).key),
                })
            }
        }
    }

    /// Marks the open article read once it has been open `read_after`.
    fn read_when_due(&mut self, now: Instant) {
        let Some(v) = self.viewing.as_mut() else { return };
        if v.done || now < v.since + self.read_after {
            return;
        }
        v.done = true;
        let id = v.id;
        if self.marks.set_read(self.archive.store().get(id), true) {
            self.read_mark_changed(id);
            self.marks_changed();
        }
    }

    fn toggle_mark(&mut self, bookmark: bool) {
        let Some(id) = self.selected_id() else { return };
        let a = self.archive.store().get(id);
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
            self.read_mark_changed(id);
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
        self.marks_changed();
        self.set_message(msg);
    }

    fn action(&mut self, a: Action) {
        // The user has taken over: the last session's position no longer applies.
        self.pending = None;
        match self.overlay {
            Overlay::Filter => return self.filter_action(a),
            Overlay::People => return self.people_action(a),
            Overlay::Help => {
                let max = crate::overlays::help::height(self, self.size)
                    .saturating_sub(self.size.height.saturating_sub(3) as usize);
                match a {
                    Action::Down => self.help_scroll = (self.help_scroll + 1).min(max),
                    Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                    Action::PageDown | Action::HalfPageDown => {
                        self.help_scroll = (self.help_scroll + 10).min(max)
                    }
                    Action::PageUp | Action::HalfPageUp => {
                        self.help_scroll = self.help_scroll.saturating_sub(10)
                    }
                    Action::Top => self.help_scroll = 0,
                    Action::Bottom => self.help_scroll = max,
                    Action::Quit => self.quit = true,
                    _ => self.overlay = Overlay::None,
                }
                return;
            }
            Overlay::None => {}
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
            }
            Action::Filter => {
                self.overlay = Overlay::Filter;
                self.filter_input.end();
            }
            Action::People => {
                // Under a filter (or a period), the persons of the articles shown.
                let filtered = !self.query.is_empty() || self.period.is_some();
                self.picker
                    .open(self.archive.store(), filtered.then_some(self.shown.as_slice()));
                self.overlay = Overlay::People;
            }
            Action::NextPane => self.cycle_focus(true),
            Action::PrevPane => self.cycle_focus(false),
            Action::Open => match self.focus {
                Pane::List => {
                    if self.selected_id().is_some() {
                        self.focus = Pane::Reader;
                        self.reader_zoomed = !layout::is_wide(self.size);
                        self.sync_views();
                    }
                }
                Pane::Timeline => {
                    self.period = self.timeline.cursor_period().map(|p| match p {
                        Some(b) => b.date(self.timeline.zoom),
                        None => Date::Undated,
                    });
                    self.apply_period();
                    self.focus = Pane::List;
                }
                Pane::Reader => {}
            },
            Action::Back => {
                if self.reader_zoomed {
                    self.reader_zoomed = false;
                    self.focus = Pane::List;
                } else if self.focus != Pane::List {
                    self.focus = Pane::List;
                } else if self.period.is_some() {
                    self.period = None;
                    self.apply_period();
                } else if !self.filter_input.is_empty() {
                    self.filter_input.clear();
                    self.refilter();
                }
                self.sync_views();
            }
            Action::Up | Action::Down | Action::Top | Action::Bottom => self.move_by(a),
            Action::HalfPageDown | Action::HalfPageUp | Action::PageDown | Action::PageUp => self.move_by(a),
            Action::Left | Action::Right if self.focus == Pane::Timeline => {
                let n = self.timeline.positions();
                if n > 0 {
                    let c = self.timeline.cursor.min(n - 1);
                    self.timeline.cursor = if a == Action::Left {
                        c.saturating_sub(1)
                    } else {
                        (c + 1).min(n - 1)
                    };
                }
            }
            Action::ZoomIn | Action::ZoomOut => {
                let keep = self.timeline.cursor_period().flatten().map(|b| b.from);
                let zoom = if a == Action::ZoomIn {
                    self.timeline.zoom.finer()
                } else {
                    self.timeline.zoom.coarser()
                };
                self.timeline =
                    Timeline::compute(self.archive.store(), self.hits.iter().map(|h| h.id), zoom, keep);
            }
            Action::NextMatch | Action::PrevMatch => self.jump_match(a == Action::NextMatch),
            Action::Edit => self.edit(),
            Action::ToggleRead => self.toggle_mark(false),
            Action::ToggleBookmark => self.toggle_mark(true),
            Action::Suspend => {
                // A stopped job may never come back: save first.
                self.apply(Msg::Flush);
                self.effects.push(Effect::Suspend);
            }
            Action::Pager => {
                if let Some(a) = self.selected_article() {
                    let mut buf = Vec::new();
                    let _ = docbao_core::plain::write_article(&mut buf, a, 80, &self.dates);
                    self.effects
                        .push(Effect::Pager(String::from_utf8_lossy(&buf).into_owned()));
                }
            }
            Action::Copy => {
                if let Some(a) = self.selected_article() {
                    let text = match (a.url(), &self.root) {
                        (Some(u), _) => u.to_string(),
                        (None, Some(root)) => root.join(&a.path).display().to_string(),
                        (None, None) => a.path.clone(),
                    };
                    self.effects.push(Effect::Copy(text.clone()));
                    self.set_message(format!(
                        "copied: {}",
                        docbao_extract::text::sanitize::sanitize_line(&text)
                    ));
                }
            }
            _ => {}
        }
    }

    fn edit(&mut self) {
        let Some(a) = self.selected_article() else { return };
        match &self.root {
            Some(root) => {
                let p = if root.is_file() {
                    root.clone()
                } else {
                    root.join(&a.path)
                };
                if !p.is_file() {
                    // Gone since it was read, or a name with bytes cleaned for display: never
                    // let the editor start a new, empty file under the cleaned name.
                    self.set_message(format!(
                        "cannot open {}: no such file (renamed or removed, or its name holds characters shown cleaned)",
                        docbao_extract::text::sanitize::sanitize_line(&a.path)
                    ));
                    return;
                }
                self.effects.push(Effect::Edit(p));
            }
            None => self.set_message("the built-in sample has no files on disk; `o` shows it in $PAGER"),
        }
    }

    fn filter_action(&mut self, a: Action) {
        if let Some(changed) = edit_input(&mut self.filter_input, a) {
            if changed {
                self.refilter();
            }
            return;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Open => {
                self.overlay = Overlay::None;
                self.focus = Pane::List;
            }
            Action::Back => {
                self.filter_input.clear();
                self.overlay = Overlay::None;
                self.refilter();
            }
            Action::Up | Action::Down => {
                self.overlay = Overlay::None;
                self.move_by(a);
            }
            _ => {}
        }
    }

    fn people_action(&mut self, a: Action) {
        let p = &mut self.picker;
        if let Some(changed) = edit_input(&mut p.input, a) {
            if changed {
                p.refilter();
            }
            return;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Back => self.overlay = Overlay::None,
            Action::Open => {
                if let Some(name) = p.current().map(|(n, _, _)| n.clone()) {
                    let mut q = self.filter_input.text().trim_end().to_string();
                    let term = format!("@\"{name}\"");
                    if !q.contains(&term) {
                        if !q.is_empty() {
                            q.push(' ');
                        }
                        q.push_str(&term);
                    }
                    self.filter_input = Input::new(&q);
                    self.overlay = Overlay::None;
                    self.focus = Pane::List;
                    self.refilter();
                } else {
                    self.overlay = Overlay::None;
                }
            }
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => p.selected = (p.selected + 1).min(p.shown.len().saturating_sub(1)),
            _ => {}
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Pane::List, Pane::Reader, Pane::Timeline];
        let i = order.iter().position(|p| *p == self.focus).unwrap_or(0);
        let next = if forward { (i + 1) % 3 } else { (i + 2) % 3 };
        self.focus = order[next];
        let wide = layout::is_wide(self.size);
        self.reader_zoomed = !wide && self.focus == Pane::Reader;
        if self.focus == Pane::Reader && self.selected_id().is_none() {
            self.focus = if forward { Pane::Timeline } else { Pane::List };
            self.reader_zoomed = false;
        }
        if self.focus == Pane::Timeline {
            if let Some(b) = self
                .selected_article()
                .and_then(|a| self.timeline.bucket_of(&a.date))
            {
                self.timeline.cursor = b;
            }
        }
        self.sync_views();
    }

    fn move_by(&mut self, a: Action) {
        let areas = layout::areas(self.size, self);
        match self.focus {
            Pane::List => {
                let page = areas
                    .list
                    .map(|r| r.height.saturating_sub(2) as usize)
                    .unwrap_or(10)
                    .max(1);
                let n = self.shown.len();
                if n == 0 {
                    return;
                }
                let s = self.selected;
                self.selected = match a {
                    Action::Up => s.saturating_sub(1),
                    Action::Down => (s + 1).min(n - 1),
                    Action::Top => 0,
                    Action::Bottom => n - 1,
                    Action::HalfPageDown => (s + page / 2).min(n - 1),
                    Action::HalfPageUp => s.saturating_sub(page / 2),
                    Action::PageDown => (s + page).min(n - 1),
                    Action::PageUp => s.saturating_sub(page),
                    _ => s,
                };
                self.sync_views();
            }
            Pane::Reader => {
                let h = areas
                    .reader
                    .map(|r| r.height.saturating_sub(2) as usize)
                    .unwrap_or(10)
                    .max(1);
                let max = self.reader.max_scroll(h);
                let s = self.reader.scroll.min(max);
                self.reader.scroll = match a {
                    Action::Up => s.saturating_sub(1),
                    Action::Down => (s + 1).min(max),
                    Action::Top => 0,
                    Action::Bottom => max,
                    Action::HalfPageDown => (s + h / 2).min(max),
                    Action::HalfPageUp => s.saturating_sub(h / 2),
                    Action::PageDown => (s + h.saturating_sub(1).max(1)).min(max),
                    Action::PageUp => s.saturating_sub(h.saturating_sub(1).max(1)),
                    _ => s,
                };
            }
            Pane::Timeline => {
                let n = self.timeline.positions();
                if n == 0 {
                    return;
                }
                let c = self.timeline.cursor.min(n - 1);
                self.timeline.cursor = match a {
                    Action::Top => 0,
                    Action::Bottom => n - 1,
                    Action::Up | Action::PageUp | Action::HalfPageUp => c.saturating_sub(1),
                    Action::Down | Action::PageDown | Action::HalfPageDown => (c + 1).min(n - 1),
                    _ => c,
                };
            }
        }
    }

    fn jump_match(&mut self, forward: bool) {
        let areas = layout::areas(self.size, self);
        let h = areas
            .reader
            .map(|r| r.height.saturating_sub(2) as usize)
            .unwrap_or(10);
        let v = &mut self.reader;
        if v.match_lines.is_empty() {
            self.set_message("no matches in this article");
            return;
        }
        let cur = v.scroll;
        let target = if forward {
            v.match_lines
                .iter()
                .copied()
                .find(|&l| l > cur)
                .unwrap_or(v.match_lines[0])
        } else {
            v.match_lines
                .iter()
                .rev()
                .copied()
                .find(|&l| l < cur)
                .unwrap_or(*v.match_lines.last().unwrap_or(&0))
        };
        v.scroll = target.min(v.max_scroll(h));
        if self.focus != Pane::Reader {
            self.focus = Pane::Reader;
            self.reader_zoomed = !layout::is_wide(self.size);
        }
    }

    fn scroll_at(&mut self, x: u16, y: u16, lines: i32) {
        let areas = layout::areas(self.size, self);
        let inside = |r: Option<Rect>| r.is_some_and(|r| r.contains((x, y).into()));
        let pane = if inside(areas.reader) {
            Pane::Reader
        } else if inside(areas.timeline) {
            Pane::Timeline
        } else {
            Pane::List
        };
        let prev = self.focus;
        self.focus = pane;
        let a = if lines > 0 { Action::Down } else { Action::Up };
        for _ in 0..lines.unsigned_abs().min(20) {
            self.move_by(a);
        }
        if pane != Pane::Reader {
            self.focus = prev;
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let areas = layout::areas(self.size, self);
        if let Some(r) = areas.list.filter(|r| r.contains((x, y).into())) {
            self.focus = Pane::List;
            if y > r.y && y < r.y + r.height - 1 {
                let row = (y - r.y - 1) as usize + self.list_offset;
                if row < self.shown.len() {
                    self.selected = row;
                }
            }
            self.sync_views();
        } else if areas.reader.is_some_and(|r| r.contains((x, y).into())) {
            self.focus = Pane::Reader;
        } else if areas.timeline.is_some_and(|r| r.contains((x, y).into())) {
            self.focus = Pane::Timeline;
        }
    }

    /// The selected article's path and the reader's scroll: what a live change keeps in view.
    fn selected_with_scroll(&self) -> Option<(String, usize)> {
        self.selected_article()
            .map(|a| (a.path.clone(), self.reader.scroll))
    }

    /// Whether quitting now would leave the cache a load asked for unwritten (persons still
    /// settling, or the save still running).
    pub fn cache_unfinished(&self) -> bool {
        self.archive.cache_unfinished(self.loading.is_some())
    }

    /// At quit: finishes the cache a load asked for (see [`Archive::finish_cache`]); the filter
    /// worker lets go of the store first. Call this last, when the reader has quit.
    pub fn finish_cache(&mut self, stop: &dyn Fn() -> bool) -> bool {
        self.worker = None;
        self.archive.finish_cache(self.loading.is_some(), stop)
    }

    /// Applies loader events held back while the worker read the store.
    fn take_deferred(&mut self) {
        let selected = self.selected_with_scroll();
        let applied = self.archive.take_deferred();
        self.took(applied, selected);
    }

    /// Shows what the archive took in: progress, new results, messages. `selected` is the
    /// article (and reader scroll) selected before it changed.
    fn took(&mut self, applied: Vec<Applied>, selected: Option<(String, usize)>) {
        for a in applied {
            match a {
                Applied::Found { files } => {
                    self.loading = Some(Progress {
                        done: 0,
                        total: Some(files),
                    });
                }
                Applied::Batch { files } => {
                    if let Some(p) = &mut self.loading {
                        p.done += files;
                    }
                    self.refilter_pending = true;
                    // The first articles show at once; later batches at most every REFILTER_EVERY.
                    if self.shown.is_empty()
                        || self.last_refilter.is_none_or(|t| t.elapsed() >= REFILTER_EVERY)
                    {
                        self.refilter();
                    }
                }
                Applied::Restored { .. } => {
                    self.read_known = 0;
                    self.refilter();
                }
                Applied::Changed {
                    changed,
                    removed,
                    problem,
                } => self.changed(changed, removed, problem, selected.clone()),
                Applied::Done { elapsed } => self.loaded(elapsed),
                Applied::Settled => {
                    self.refilter();
                    self.rebuild_reader();
                }
                Applied::SettleFailed => self.set_message("persons could not be settled across the archive"),
            }
        }
    }

    /// A live change was applied: marks follow edited files, the selection stays, and the
    /// status line says what changed.
    fn changed(
        &mut self,
        changed: usize,
        gone: usize,
        problem: Option<String>,
        selected: Option<(String, usize)>,
    ) {
        if changed == 0 && gone == 0 {
            if let Some(p) = problem {
                self.set_message(p);
            }
            return;
        }
        // Marks follow a file edited in place to its new content.
        if self.marks.reconcile(self.archive.store().newest_first()) {
            self.forget_read_bits();
            self.marks_changed();
        }
        // The selected article keeps its place (and the reader its scroll) even when its file
        // was rewritten and it came back under a new id.
        self.keep_after_filter = selected.map(|(path, scroll)| (path, scroll, self.selected));
        self.refilter();
        let mut said = Vec::new();
        if changed > 0 {
            let s = if changed == 1 { "" } else { "s" };
            said.push(format!("{changed} article{s} new or changed"));
        }
        if gone > 0 {
            let s = if gone == 1 { "" } else { "s" };
            said.push(format!("{gone} article{s} removed"));
        }
        self.set_message(said.join(", "));
    }

    /// Every file was read: marks follow files moved or edited since the last session, and the
    /// status line sums the load up.
    fn loaded(&mut self, elapsed: Duration) {
        self.loading = None;
        if self.marks.reconcile(self.archive.store().newest_first()) {
            self.forget_read_bits();
            self.marks_changed();
            if let Some(p) = self.pending.as_mut() {
                p.article = self.marks.last.article;
            }
        }
        self.refilter();
        self.rebuild_reader();
        let store = self.archive.store();
        let bad = store
            .problems()
            .iter()
            .filter(|p| p.severity.is_problem())
            .count();
        let mut m = format!(
            "{} articles loaded in {:.2} s",
            store.len(),
            elapsed.as_secs_f64()
        );
        if bad > 0 {
            m.push_str(&format!(" · {bad} file problems (docbao check)"));
        }
        match self.notice.take() {
            Some(n) => self.set_message_for(n, NOTICE_TTL),
            None => self.set_message(m),
        }
    }

    /// Reruns the query over the store, keeping the selected article where it can: on the
    /// worker when there is one (the result arrives as `Msg::Filtered`), else at once.
    pub fn refilter(&mut self) {
        self.filter_seq += 1;
        self.last_refilter = Some(Instant::now());
        self.refilter_pending = false;
        let job = Job {
            seq: self.filter_seq,
            store: self.archive.store().clone(),
            text: self.filter_input.text().to_string(),
            marks: self.marks_snapshot(),
            warm: self.loading.is_none(),
            zoom: self.timeline.zoom,
            keep_period: self.timeline.cursor_period().flatten().map(|b| b.from),
        };
        match &self.worker {
            Some(w) => {
                self.filtering = true;
                w.submit(job);
            }
            None => {
                let done = filter::run(&job, &mut self.filter_cache, &|| false);
                drop(job);
                if let Some(done) = done {
                    self.filtered(done);
                }
            }
        }
    }

    /// The marks `is:unread` and `is:bookmarked` read: a copy for the worker, made only when
    /// the query may ask about marks.
    fn marks_snapshot(&self) -> Arc<dyn Marks + Send + Sync> {
        if self.filter_input.text().to_lowercase().contains("is:") {
            Arc::new(self.marks.clone())
        } else {
            Arc::new(NoMarks)
        }
    }

    /// Takes a filter result, if it is for the newest query.
    fn filtered(&mut self, done: filter::Done) {
        if done.seq != self.filter_seq {
            return;
        }
        self.filtering = false;
        // A query typed or edited shows its best matches from the top, as fzf does; new
        // results for the same text (a load's batches, a live change, a zoom) keep the
        // selected article, and so does clearing the filter (the article stays in view among
        // all the others).
        let text = self.filter_input.text();
        let retyped = text != self.shown_text && !text.trim().is_empty();
        self.shown_text = text.to_string();
        let keep = if retyped { None } else { self.selected_id() };
        self.query = done.query;
        self.hits = done.hits;
        self.timeline = if done.timeline.zoom == self.timeline.zoom {
            done.timeline
        } else {
            // Zoomed while the filter ran.
            let keep_period = self.timeline.cursor_period().flatten().map(|b| b.from);
            Timeline::compute(
                self.archive.store(),
                self.hits.iter().map(|h| h.id),
                self.timeline.zoom,
                keep_period,
            )
        };
        let kept = self.keep_after_filter.take();
        let kept_id = kept
            .as_ref()
            .and_then(|(path, ..)| self.archive.store().by_path(path).map(|a| a.id));
        self.apply_period_keep(kept_id.or(keep));
        if let (Some((_, _, row)), None, false) = (&kept, kept_id, self.shown.is_empty()) {
            // The selected article was removed: its neighbour takes the row, as in any list.
            self.selected = (*row).min(self.shown.len() - 1);
            self.sync_views();
        }
        if let Some((_, scroll, _)) = kept {
            if self.reader.id.is_some() && self.reader.id == self.selected_id() {
                self.reader.scroll = self.clamp_reader_scroll(scroll);
            }
        }
        self.apply_pending();
        if self.loading.is_none() {
            // The whole archive was filtered: whatever has not loaded by now is gone.
            self.pending = None;
        }
        self.filter_time = Some(done.elapsed);
        self.take_deferred();
    }

    fn apply_period(&mut self) {
        let keep = self.selected_id();
        self.apply_period_keep(keep);
    }

    fn apply_period_keep(&mut self, keep: Option<ArticleId>) {
        let store = self.archive.store();
        self.shown = match &self.period {
            None => self.hits.iter().map(|h| h.id).collect(),
            Some(p) => {
                let range = p.span();
                self.hits
                    .iter()
                    .filter(|h| {
                        let d = store.get(h.id).date;
                        match (range, d.span()) {
                            (Some((a, b)), Some((x, y))) => x >= a && y <= b,
                            (None, None) => !d.is_dated(),
                            _ => false,
                        }
                    })
                    .map(|h| h.id)
                    .collect()
            }
        };
        self.selected = keep
            .and_then(|k| self.shown.iter().position(|x| *x == k))
            .unwrap_or(0);
        self.count_unread();
        self.sync_views();
    }

    /// Goes back to the last session's article once it is in the list.
    fn apply_pending(&mut self) {
        let Some(p) = &self.pending else { return };
        let Some(key) = p.article else {
            self.pending = None;
            return;
        };
        let store = self.archive.store();
        let Some(pos) = self.shown.iter().position(|id| store.get(*id).key == key) else {
            return;
        };
        let Some(p) = self.pending.take() else { return };
        self.selected = pos;
        if p.pane == SavedPane::Reader {
            self.focus = Pane::Reader;
            self.reader_zoomed = !layout::is_wide(self.size);
        }
        self.sync_views();
        if p.pane == SavedPane::Reader {
            self.reader.scroll = p.reader_scroll.min(self.reader.lines.len().saturating_sub(1));
        }
    }

    /// Keeps derived view state (list offset, reader layout) in step with size and selection.
    pub fn sync_views(&mut self) {
        self.sync(false);
    }

    /// Rebuilds the reader (after the query changed the words to mark, or persons were
    /// settled): the same article keeps its scroll, a different one opens at its top.
    pub fn rebuild_reader(&mut self) {
        self.sync(true);
    }

    /// Lines the reader shows at once.
    fn reader_height(&self) -> usize {
        layout::areas(self.size, self)
            .reader
            .map(|r| r.height.saturating_sub(2) as usize)
            .unwrap_or(10)
            .max(1)
    }

    /// A reader scroll kept across a rebuild, inside the (maybe shorter) new text.
    fn clamp_reader_scroll(&self, scroll: usize) -> usize {
        scroll.min(self.reader.max_scroll(self.reader_height()))
    }

    fn sync(&mut self, rebuild: bool) {
        let n = self.shown.len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        let areas = layout::areas(self.size, self);
        if let Some(r) = areas.list {
            let h = r.height.saturating_sub(2).max(1) as usize;
            if self.selected < self.list_offset {
                self.list_offset = self.selected;
            } else if self.selected >= self.list_offset + h {
                self.list_offset = self.selected + 1 - h;
            }
            self.list_offset = self.list_offset.min(n.saturating_sub(h));
        }
        let width = areas.reader.map(|r| r.width.saturating_sub(3)).unwrap_or(0);
        let id = self.selected_id();
        let words = self.query.highlight_words();
        let stale =
            rebuild || self.reader.id != id || self.reader.width != width || self.reader.words != words;
        if width == 0 || id.is_none() {
            self.reader = ReaderView::default();
        } else if stale {
            let same_article = self.reader.id == id;
            let old_scroll = self.reader.scroll;
            let new_words = self.reader.words != words;
            if let Some(a) = id.map(|i| self.archive.store().get(i)) {
                self.reader = ReaderView::build(a, width, &words, &self.dates);
                // The query's words changed on the article being read: show the first match.
                if same_article && !self.reader.match_lines.is_empty() && new_words {
                    self.reader.scroll = self.reader.match_lines[0].saturating_sub(2);
                } else if same_article {
                    self.reader.scroll = self.clamp_reader_scroll(old_scroll);
                } else if let Some(&first) = self.reader.match_lines.first() {
                    // open at the first match below the header
                    self.reader.scroll = first.saturating_sub(2);
                }
            }
        }
    }
}

fn set_bit(bits: &mut [u64], i: usize, on: bool) {
    if on {
        bits[i / 64] |= 1 << (i % 64);
    } else {
        bits[i / 64] &= !(1 << (i % 64));
    }
}
