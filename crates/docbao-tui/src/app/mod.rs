//! App state and `update`, the only place state changes. Drawing reads this state and nothing
//! else; side effects (editor, pager, clipboard) are requested here and carried out by the loop.

use crate::action::Action;
use crate::input::Input;
use crate::keys::{Context, KeyMap};
use crate::layout;
use crate::overlays::export_bar::ExportBar;
use crate::overlays::person_picker::Picker;
use crate::overlays::tag_bar::TagBar;
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

mod actions;
mod bars;
mod bulk;
mod keys;
mod links;
mod loading;
mod navigate;
mod reading;
mod results;
mod searches;

pub use bulk::{Confirm, CONFIRM_ABOVE};
pub use reading::{Reading, READ_AFTER};
pub use searches::{SearchRow, Searches};

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
    /// The saved searches, with their counts.
    Searches,
    /// Naming the filter to save it (a prompt in the status line).
    SaveSearch,
    /// A yes/no question in the status line (marking many articles at once).
    Confirm,
    /// The tag bar (`t`).
    Tag,
    /// The export bar (`w`).
    Export,
    /// The link number being typed (a digit in the reader).
    Link,
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
    /// The answer to the question in the status line: yes, or anything else.
    Answer(bool),
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
    /// The loop wrote (or could not write) the export asked for.
    Exported(crate::export::Exported),
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
    /// Open link `number` of the reader (`url`) in a browser, or copy it (`links:` config).
    OpenLink { number: usize, url: String },
    /// Stop the process (SIGTSTP) with the terminal restored.
    Suspend,
    /// Write the reading state (`App::marks`) to its file.
    SaveState,
    /// Clear the terminal and draw everything again (Ctrl-l).
    Redraw,
    /// Write the articles `ids` to the file `name` names (overwriting it only if `overwrite`).
    Export {
        name: String,
        format: docbao_core::export::Format,
        ids: Vec<ArticleId>,
        overwrite: bool,
    },
}

/// Loading progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: Option<usize>,
    pub stage: Stage,
}

/// What a load is doing: reading files, or (every article already searchable) finding the
/// persons and events of a large archive's articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    #[default]
    Reading,
    Persons,
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
    pub tag_bar: TagBar,
    pub export_bar: ExportBar,
    /// The link prompt's number.
    pub link_input: Input,
    /// How links open (`links:` in the configuration).
    pub links: crate::links::LinkSettings,
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
    /// The hits shown wait for their order by relevance.
    pub ranking: bool,
    /// The hits shown are in their order by relevance.
    pub ranked: bool,
    /// `apply` is taking a key (or typed text), not news from elsewhere.
    handling_key: bool,
    /// The message was said in answer to a key typed in a bar.
    message_in_bar: bool,
    /// The article the answer before a relevance order put at the top (see `filtered`).
    rank_top: Option<ArticleId>,
    /// How the list is ordered (the sort key cycles it).
    pub sort: docbao_core::query::relevance::Sort,
    /// Term columns kept between keystrokes when filtering inline.
    filter_cache: query::eval::Cache,
    /// After a live update: the article (by path) and reader scroll to keep, and its row,
    /// where the selection stays (on the article that took its place) when the change
    /// removed it.
    keep_after_filter: Option<KeepAfterFilter>,
    /// The filter text whose results the list shows.
    shown_text: String,
    /// The last key or mouse input.
    last_input: Instant,
    /// Read and bookmark marks, the reading timer, and their saving.
    pub reading: Reading,
    /// A message kept until loading is done, so the load summary does not hide it.
    notice: Option<String>,
    /// The saved searches, their list and their counts, and the name a new one is saved under.
    pub searches: Searches,
    /// Where Up and Down in the filter bar are in the queries typed before.
    history: searches::HistoryWalk,
    /// What a question in the status line asks (marking every article shown).
    pub confirm: Option<Confirm>,
}

/// What a live change keeps in view once the list is filtered again.
struct KeepAfterFilter {
    /// The selected article's path (its id changes when its file was rewritten).
    path: String,
    /// The reader's scroll on it.
    scroll: usize,
    /// Its row, where the selection stays (on the article that took its place) if it went.
    row: usize,
}

/// How long without input counts as idle, for work that may take a moment.
const IDLE: Duration = Duration::from_secs(1);
/// How long a status message stays.
const MESSAGE_TTL: Duration = Duration::from_secs(4);
/// How long a message about the state file stays.
const NOTICE_TTL: Duration = Duration::from_secs(15);
/// While loading, the filter reruns at most this often.
const REFILTER_EVERY: Duration = Duration::from_millis(150);

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
            tag_bar: TagBar::default(),
            export_bar: ExportBar::default(),
            link_input: Input::default(),
            links: Default::default(),
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
            ranking: false,
            ranked: false,
            rank_top: None,
            handling_key: false,
            message_in_bar: false,
            sort: Default::default(),
            filter_cache: Default::default(),
            keep_after_filter: None,
            shown_text: String::new(),
            last_input: Instant::now(),
            reading: Reading::default(),
            notice: None,
            searches: Searches::default(),
            history: searches::HistoryWalk::default(),
            confirm: None,
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
        let mut got = self.searches.poll_counts();
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
        self.searches.configured = settings.searches.clone();
        self.links = settings.links.clone();
        if self.sort != settings.sort {
            self.sort = settings.sort;
            self.refilter();
        }
        self.reader = ReaderView::default();
        self.rebuild_reader();
    }

    /// Takes a saved reading state: its marks, its filter, and its article (selected, and
    /// opened in the reader at the same line if it was, as soon as it has loaded).
    pub fn restore(&mut self, state: ReadingState) {
        self.filter_input = Input::new(&state.last.query);
        self.reading.restore(state);
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

    pub fn selected_id(&self) -> Option<ArticleId> {
        self.shown.get(self.selected).copied()
    }

    pub fn selected_article(&self) -> Option<&Article> {
        self.selected_id().map(|id| self.archive.store().get(id))
    }

    pub fn set_message(&mut self, m: impl Into<String>) {
        self.set_message_for(m, MESSAGE_TTL);
    }

    pub(super) fn set_message_for(&mut self, m: impl Into<String>, ttl: Duration) {
        self.message = Some((m.into(), Instant::now() + ttl));
        // Said in answer to a key typed in a bar (why Enter did nothing), it shows in the bar;
        // news from elsewhere (a load, a live change) waits for the bar to close.
        self.message_in_bar = self.handling_key && self.context() == Context::Text;
    }

    /// The message to show at the right of an open bar: one said in answer to its keys.
    pub fn bar_message(&self) -> Option<&str> {
        self.message
            .as_ref()
            .filter(|_| self.message_in_bar)
            .map(|(m, _)| m.as_str())
    }

    /// The only place state changes.
    pub fn update(&mut self, msg: Msg) {
        self.handling_key = matches!(msg, Msg::Action(_) | Msg::Insert(_));
        self.apply(msg);
        self.handling_key = false;
        self.track_view();
    }

    pub(super) fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::Action(a) => self.action(a),
            Msg::Insert(s) => match self.overlay {
                Overlay::Filter => {
                    self.filter_input.insert(&s);
                    self.history.reset();
                    self.refilter();
                }
                Overlay::People => {
                    self.picker.input.insert(&s);
                    self.picker.refilter();
                }
                Overlay::SaveSearch => self.searches.name_input.insert(&s),
                Overlay::Tag => {
                    self.tag_bar.input.insert(&s);
                    self.tag_bar.refilter();
                }
                Overlay::Export => self.export_bar.input.insert(&s),
                Overlay::Link => self.link_typed(&s),
                _ => {}
            },
            Msg::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                self.sync_views();
            }
            Msg::Scroll { x, y, lines } => {
                self.reading.pending = None;
                self.scroll_at(x, y, lines)
            }
            Msg::Click { x, y } => {
                self.reading.pending = None;
                self.click(x, y)
            }
            Msg::Answer(yes) => self.answer(yes),
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
                // A relevance order being made holds the store: what waits for it comes first
                // (the order is made again after it).
                if self.ranking && self.archive.has_deferred() {
                    if let Some(w) = &self.worker {
                        w.cancel();
                    }
                    // What waits is applied once the worker lets go, and filters again.
                    self.ranking = false;
                    self.filtering = false;
                }
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
                self.reading.read_when_due(now, self.archive.store(), &self.shown);
                if self.reading.save_due(now) {
                    self.request_save();
                }
            }
            Msg::Flush => {
                if self.reading.differs_from_saved(&self.current_last()) {
                    self.request_save();
                }
            }
            Msg::Saved {
                generation,
                last,
                error,
            } => {
                if let Some(m) = self.reading.saved(generation, last, error) {
                    // Said when it happens, and long enough to be read.
                    self.set_message_for(m, NOTICE_TTL);
                }
            }
            Msg::Exported(e) => self.exported(e),
        }
    }

    /// Where the reader is, as the state file keeps it. Until the last session's article has
    /// loaded, that session's position stands.
    pub(super) fn current_last(&self) -> Last {
        let query = state::clean_query(self.filter_input.text());
        if let Some(p) = &self.reading.pending {
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

    pub(super) fn request_save(&mut self) {
        if self.reading.request_save(self.current_last()) {
            self.effects.push(Effect::SaveState);
        }
    }

    /// Starts or stops the reading timer: an article counts as open while the reader has the
    /// focus, shows it, and nothing covers it.
    pub(super) fn track_view(&mut self) {
        let open = (self.focus == Pane::Reader && self.overlay == Overlay::None)
            .then_some(self.reader.id)
            .flatten()
            .filter(|id| Some(*id) == self.selected_id());
        self.reading.track_view(open, self.archive.store());
    }

    pub(super) fn toggle_mark(&mut self, bookmark: bool) {
        let Some(id) = self.selected_id() else { return };
        let msg = self
            .reading
            .toggle(self.archive.store(), &self.shown, id, bookmark);
        self.set_message(msg);
    }
}
