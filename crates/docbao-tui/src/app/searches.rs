//! Queries kept: the history Up and Down walk in the filter bar, and saved searches (named
//! queries from the configuration's `searches:` and saved from the bar with their counts).
//! Both histories and searches saved from the bar live in the archive's reading state.

use super::actions::edit_input;
use super::*;
use docbao_core::query::eval;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// One row of the saved searches' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    pub name: String,
    pub query: String,
    /// Set in the configuration file (not deleted from the reader).
    pub configured: bool,
    /// How many articles it finds, once counted.
    pub count: Option<usize>,
}

/// The saved searches: those the configuration names, the list as opened, and the name a new
/// one is being saved under.
#[derive(Default)]
pub struct Searches {
    /// From the configuration's `searches:`, in its order.
    pub configured: Vec<(String, String)>,
    pub rows: Vec<SearchRow>,
    pub selected: usize,
    /// The name typed when saving the filter.
    pub name_input: Input,
    counting: Option<Counting>,
}

/// Counts being made on a thread of their own: (row, count) as each is known.
struct Counting {
    rx: mpsc::Receiver<(usize, usize)>,
    stop: Arc<AtomicBool>,
}

impl Drop for Counting {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Searches {
    /// Counts that arrived; true when any did.
    pub fn poll_counts(&mut self) -> bool {
        let Some(c) = &self.counting else { return false };
        let mut got = false;
        loop {
            match c.rx.try_recv() {
                Ok((row, n)) => {
                    if let Some(r) = self.rows.get_mut(row) {
                        r.count = Some(n);
                    }
                    got = true;
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.counting = None;
                    break;
                }
            }
        }
        got
    }

    /// Whether counts are still being made.
    pub fn counting(&self) -> bool {
        self.counting.is_some()
    }

    /// Stops the counts being made (their thread lets go of the store).
    pub fn stop_counting(&mut self) {
        self.counting = None;
    }
}

/// Counts the articles each query finds, sending (row, count) as each is known; stops early
/// when told to or when nobody listens any more.
fn count(
    store: &Store,
    queries: &[String],
    marks: &(dyn Marks + Send + Sync),
    stop: &AtomicBool,
    send: &mut dyn FnMut(usize, usize) -> bool,
) {
    let mut cache = eval::Cache::default();
    let cancelled = || stop.load(Ordering::Relaxed);
    for (i, q) in queries.iter().enumerate() {
        let Some((_, hits)) = eval::run_text(store, q, marks, &mut cache, &cancelled) else {
            return;
        };
        if !send(i, hits.len()) {
            return;
        }
    }
}

/// Where Up and Down are in the queries typed before, and what was typed before the first Up.
#[derive(Debug, Default)]
pub(super) struct HistoryWalk {
    at: Option<usize>,
    draft: String,
}

impl HistoryWalk {
    /// Typing leaves the history: the next Up starts from the newest query again.
    pub(super) fn reset(&mut self) {
        self.at = None;
    }
}

impl App {
    /// Up (`older`) or Down in the filter bar: the query typed before (after) the one shown,
    /// as a shell's history does; Down past the newest brings back what was being typed.
    pub(super) fn history_step(&mut self, older: bool) {
        let list = self.reading.marks.history();
        let n = list.len();
        let current = self.filter_input.text().trim().to_string();
        let next = match (self.history.at, older) {
            (None, false) => return,
            (None, true) => {
                // The newest, unless it is what the bar shows already.
                let newest = n.checked_sub(1);
                match newest {
                    Some(i) if list[i] == current => i.checked_sub(1),
                    other => other,
                }
            }
            (Some(i), true) => i.checked_sub(1),
            (Some(i), false) => Some(i + 1),
        };
        match next {
            None if older => {
                let m = if n == 0 {
                    "no query typed before in this archive"
                } else {
                    "the oldest query kept"
                };
                self.set_message(m);
                return;
            }
            Some(i) if i < n => {
                if self.history.at.is_none() {
                    self.history.draft = self.filter_input.text().to_string();
                }
                self.history.at = Some(i);
                self.filter_input = Input::new(&list[i]);
            }
            _ => {
                // Past the newest: what was being typed.
                self.history.at = None;
                self.filter_input = Input::new(&std::mem::take(&mut self.history.draft));
            }
        }
        self.refilter();
    }

    /// Keeps the filter in force in the history (Enter in the bar, a search applied, a person
    /// picked), saved with the reading state.
    pub(super) fn remember_query(&mut self) {
        self.history.reset();
        if self.reading.marks.remember_query(self.filter_input.text()) {
            self.reading.lists_changed();
        }
    }

    /// `s`: the saved searches, counted off the input thread (at once in tests).
    pub(super) fn open_searches(&mut self) {
        let configured: Vec<&str> = self.searches.configured.iter().map(|(n, _)| n.as_str()).collect();
        let mut rows: Vec<SearchRow> = self
            .searches
            .configured
            .iter()
            .map(|(name, query)| SearchRow {
                name: name.clone(),
                query: query.clone(),
                configured: true,
                count: None,
            })
            .collect();
        rows.extend(
            self.reading
                .marks
                .searches()
                .iter()
                .filter(|s| !configured.contains(&s.name.as_str()))
                .map(|s| SearchRow {
                    name: s.name.clone(),
                    query: s.query.clone(),
                    configured: false,
                    count: None,
                }),
        );
        // The search the filter in force came from stays under the cursor.
        let current = self.filter_input.text().trim();
        self.searches.selected = rows.iter().position(|r| r.query == current).unwrap_or(0);
        let queries: Vec<String> = rows.iter().map(|r| r.query.clone()).collect();
        self.searches.rows = rows;
        self.overlay = Overlay::Searches;
        self.count_searches(queries);
    }

    fn count_searches(&mut self, queries: Vec<String>) {
        self.searches.counting = None;
        if queries.is_empty() {
            return;
        }
        let marks: Arc<dyn Marks + Send + Sync> = if queries.iter().any(|q| super::results::may_ask_marks(q))
        {
            Arc::new(self.reading.marks.clone())
        } else {
            Arc::new(NoMarks)
        };
        let stop = Arc::new(AtomicBool::new(false));
        if self.worker.is_none() {
            let rows = &mut self.searches.rows;
            count(self.archive.store(), &queries, &*marks, &stop, &mut |i, n| {
                rows[i].count = Some(n);
                true
            });
            return;
        }
        let (tx, rx) = mpsc::channel();
        let store = Arc::clone(self.archive.store());
        let flag = Arc::clone(&stop);
        let spawned = std::thread::Builder::new()
            .name("docbao-counts".into())
            .spawn(move || {
                count(&store, &queries, &*marks, &flag, &mut |i, n| {
                    tx.send((i, n)).is_ok()
                })
            });
        match spawned {
            Ok(_) => self.searches.counting = Some(Counting { rx, stop }),
            Err(e) => self.set_message(format!("cannot count the searches: {e}")),
        }
    }

    /// Keys in the saved searches' list.
    pub(super) fn searches_action(&mut self, a: Action) {
        let n = self.searches.rows.len();
        let s = &mut self.searches;
        match a {
            Action::Down | Action::NextArticle => s.selected = (s.selected + 1).min(n.saturating_sub(1)),
            Action::Up | Action::PrevArticle => s.selected = s.selected.saturating_sub(1),
            Action::Top => s.selected = 0,
            Action::Bottom => s.selected = n.saturating_sub(1),
            Action::Open => self.apply_search(),
            Action::DeleteSearch => self.delete_search(),
            Action::Quit => self.quit = true,
            Action::Redraw => self.effects.push(Effect::Redraw),
            Action::Back | Action::Searches => self.close_searches(),
            _ => {}
        }
    }

    fn close_searches(&mut self) {
        self.overlay = Overlay::None;
        self.searches.counting = None;
    }

    /// Enter: the selected search becomes the filter.
    fn apply_search(&mut self) {
        let Some(row) = self.searches.rows.get(self.searches.selected) else {
            return self.close_searches();
        };
        self.filter_input = Input::new(&row.query);
        self.close_searches();
        self.focus = Pane::List;
        self.reader_zoomed = false;
        self.remember_query();
        self.refilter();
    }

    /// `d`: deletes the selected search if it was saved from the bar.
    fn delete_search(&mut self) {
        let Some(row) = self.searches.rows.get(self.searches.selected).cloned() else {
            return;
        };
        let name = docbao_extract::text::sanitize::sanitize_line(&row.name);
        if row.configured {
            self.set_message(format!(
                "“{name}” is set in the configuration file (searches:); remove it there"
            ));
            return;
        }
        if self.reading.marks.remove_search(&row.name) {
            self.reading.lists_changed();
        }
        self.searches.rows.remove(self.searches.selected);
        self.searches.selected = self
            .searches
            .selected
            .min(self.searches.rows.len().saturating_sub(1));
        self.set_message(format!("saved search “{name}” deleted"));
    }

    /// Ctrl-s in the filter bar: ask for a name to save the query under.
    pub(super) fn start_save_search(&mut self) {
        if self.filter_input.text().trim().is_empty() {
            self.set_message("type a query to save first");
            return;
        }
        // Saving a search again under its name: the name is offered.
        let q = self.filter_input.text().trim().to_string();
        let known = self
            .searches
            .configured
            .iter()
            .map(|(n, q)| (n.as_str(), q.as_str()));
        let saved = self
            .reading
            .marks
            .searches()
            .iter()
            .map(|s| (s.name.as_str(), s.query.as_str()));
        let name = known
            .chain(saved)
            .find(|(_, sq)| *sq == q)
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
        self.searches.name_input = Input::new(&name);
        self.searches.name_input.select_all();
        self.overlay = Overlay::SaveSearch;
    }

    /// Keys while naming the search.
    pub(super) fn save_search_action(&mut self, a: Action) {
        if edit_input(&mut self.searches.name_input, a).is_some() {
            return;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Back => self.overlay = Overlay::Filter,
            Action::Open => self.finish_save_search(),
            _ => {}
        }
    }

    fn finish_save_search(&mut self) {
        let name = docbao_core::state::clean_name(self.searches.name_input.text());
        if name.is_empty() {
            self.set_message("a name for the search, please (Esc goes back)");
            return;
        }
        if self.searches.configured.iter().any(|(n, _)| *n == name) {
            self.set_message(format!(
                "“{name}” is a search of the configuration file; choose another name"
            ));
            return;
        }
        let query = self.filter_input.text().to_string();
        if !self.reading.marks.save_search(&name, &query) {
            self.set_message(format!(
                "cannot save more than {} searches; delete one first (s, then d)",
                docbao_core::state::SEARCHES_MAX
            ));
            return;
        }
        self.reading.lists_changed();
        self.remember_query();
        self.overlay = Overlay::None;
        self.focus = Pane::List;
        let hint = self
            .keymap
            .hint(Context::Normal, Action::Searches)
            .map(|k| format!(" ({k} lists them)"))
            .unwrap_or_default();
        self.set_message(format!("saved search “{name}”{hint}"));
    }
}
