//! What the archive took in (loader batches, live changes, settled persons), shown: progress,
//! results, messages; and finishing the cache at quit.

use super::*;
use docbao_extract::text::count;

impl App {
    /// The selected article's path and the reader's scroll: what a live change keeps in view.
    pub(super) fn selected_with_scroll(&self) -> Option<(String, usize)> {
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
        self.searches.stop_counting();
        self.archive.finish_cache(self.loading.is_some(), stop)
    }

    /// Applies loader events held back while the worker read the store.
    pub(super) fn take_deferred(&mut self) {
        let selected = self.selected_with_scroll();
        let applied = self.archive.take_deferred();
        self.took(applied, selected);
    }

    /// Shows what the archive took in: progress, new results, messages. `selected` is the
    /// article (and reader scroll) selected before it changed.
    pub(super) fn took(&mut self, applied: Vec<Applied>, selected: Option<(String, usize)>) {
        for a in applied {
            match a {
                Applied::Found { files } => {
                    self.loading = Some(Progress {
                        done: 0,
                        total: Some(files),
                        stage: Stage::Reading,
                    });
                }
                Applied::Batch { files } => {
                    if let Some(p) = &mut self.loading {
                        p.done += files;
                    }
                    self.took_articles();
                }
                Applied::Read { persons_to_find } => {
                    self.loading = Some(Progress {
                        done: 0,
                        total: Some(persons_to_find),
                        stage: Stage::Persons,
                    });
                    // Every article is in: the whole archive answers now.
                    self.refilter();
                }
                Applied::Derived { articles } => {
                    if let Some(p) = &mut self.loading {
                        p.done += articles;
                    }
                    self.took_articles();
                }
                Applied::Restored { .. } => {
                    self.reading.forget_read_bits();
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

    /// Articles (or their persons) came in while loading: the first show at once, later ones at
    /// most every [`REFILTER_EVERY`].
    fn took_articles(&mut self) {
        self.refilter_pending = true;
        if self.shown.is_empty() || self.last_refilter.is_none_or(|t| t.elapsed() >= REFILTER_EVERY) {
            self.refilter();
        }
    }

    /// A live change was applied: marks follow edited files, the selection stays, and the
    /// status line says what changed.
    pub(super) fn changed(
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
        self.reading.follow_files(self.archive.store(), &self.shown);
        // The selected article keeps its place (and the reader its scroll) even when its file
        // was rewritten and it came back under a new id.
        let row = self.selected;
        self.keep_after_filter = selected.map(|(path, scroll)| KeepAfterFilter { path, scroll, row });
        self.refilter();
        let mut said = Vec::new();
        if changed > 0 {
            said.push(format!(
                "{} new or changed",
                count(changed, "article", "articles")
            ));
        }
        if gone > 0 {
            said.push(format!("{} removed", count(gone, "article", "articles")));
        }
        self.set_message(said.join(", "));
    }

    /// Every file was read: marks follow files moved or edited since the last session, and the
    /// status line sums the load up.
    pub(super) fn loaded(&mut self, elapsed: Duration) {
        self.loading = None;
        if self.reading.follow_files(self.archive.store(), &self.shown) {
            let article = self.reading.marks.last.article;
            if let Some(p) = self.reading.pending.as_mut() {
                p.article = article;
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
            "{} loaded in {:.2} s",
            count(store.len(), "article", "articles"),
            elapsed.as_secs_f64()
        );
        if bad > 0 {
            m.push_str(&format!(
                " · {} (docbao check)",
                count(bad, "file problem", "file problems")
            ));
        }
        match self.notice.take() {
            Some(n) => self.set_message_for(n, NOTICE_TTL),
            None => self.set_message(m),
        }
    }
}
