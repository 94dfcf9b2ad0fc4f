//! Filtering: the query sent (to the worker or run inline), its result taken, the period and
//! the last session's article applied.

use super::*;

impl App {
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
            sort: self.sort,
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

    /// The marks `is:unread`, `is:bookmarked` and `tag:` read: a copy for the worker, made only
    /// when the query may ask about marks.
    pub(super) fn marks_snapshot(&self) -> Arc<dyn Marks + Send + Sync> {
        if may_ask_marks(self.filter_input.text()) {
            Arc::new(self.reading.marks.clone())
        } else {
            Arc::new(NoMarks)
        }
    }

    /// Takes a filter result, if it is for the newest query.
    pub(super) fn filtered(&mut self, done: filter::Done) {
        if done.seq != self.filter_seq {
            return;
        }
        // A query typed or edited shows its best matches from the top, as fzf does; new
        // results for the same text (a load's batches, a live change, a zoom) keep the
        // selected article, and so does clearing the filter (the article stays in view among
        // all the others).
        let text = self.filter_input.text();
        let retyped = text != self.shown_text && !text.trim().is_empty();
        // The relevance order of many hits comes after them (`Done::more`). For the same text,
        // the list keeps its order until then, rather than showing the filter's for a second.
        if done.more && !retyped && !self.shown.is_empty() {
            self.filtering = true;
            self.ranking = true;
            return;
        }
        let reordered = self.ranking && !done.more;
        self.filtering = done.more;
        self.ranking = done.more;
        self.ranked = done.ranked;
        self.shown_text = text.to_string();
        // The relevance order takes the top only where the answer before it had put the
        // cursor, and only if the cursor is still there and the article not opened.
        let untouched = self.rank_top.is_some()
            && self.rank_top == self.selected_id()
            && self.selected == 0
            && self.focus != Pane::Reader
            && !self.reader_zoomed;
        let top = reordered && untouched;
        self.rank_top = None;
        let keep = if retyped || top { None } else { self.selected_id() };
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
            .and_then(|k| self.archive.store().by_path(&k.path).map(|a| a.id));
        self.apply_period_keep(kept_id.or(keep));
        if let (Some(k), None, false) = (&kept, kept_id, self.shown.is_empty()) {
            // The selected article was removed: its neighbour takes the row, as in any list.
            self.selected = k.row.min(self.shown.len() - 1);
            self.sync_views();
        }
        if let Some(k) = kept {
            if self.reader.id.is_some() && self.reader.id == self.selected_id() {
                self.reader.scroll = self.clamp_reader_scroll(k.scroll);
            }
        }
        self.apply_pending();
        if self.loading.is_none() {
            // The whole archive was filtered: whatever has not loaded by now is gone.
            self.reading.pending = None;
        }
        self.filter_time = Some(done.elapsed);
        if self.ranking && retyped {
            self.rank_top = self.selected_id();
        }
        self.take_deferred();
    }

    /// The sort key: relevance, newest first, oldest first (without words to weigh,
    /// relevance is newest first, so it goes straight to oldest).
    pub(super) fn cycle_sort(&mut self) {
        use docbao_core::query::relevance::{weighs, Sort};
        let mut next = self.sort.next();
        if next == Sort::Newest && !weighs(&self.query) {
            next = Sort::Oldest;
        }
        self.sort = next;
        self.refilter();
        self.set_message(format!("ordered {}", self.order_label()));
    }

    /// The order the list is in, as the status line says it.
    pub fn order_label(&self) -> &'static str {
        use docbao_core::query::relevance::{weighs, Sort};
        match self.sort {
            Sort::Relevance if weighs(&self.query) && self.ranking => "ranking…",
            Sort::Relevance if weighs(&self.query) && !self.ranked && self.loading.is_some() => {
                "ranked once loaded"
            }
            Sort::Relevance if weighs(&self.query) => "by relevance",
            Sort::Relevance | Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
        }
    }

    pub(super) fn apply_period(&mut self) {
        let keep = self.selected_id();
        self.apply_period_keep(keep);
    }

    pub(super) fn apply_period_keep(&mut self, keep: Option<ArticleId>) {
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
        self.reading.count_unread(self.archive.store(), &self.shown);
        self.sync_views();
    }

    /// Goes back to the last session's article once it is in the list.
    pub(super) fn apply_pending(&mut self) {
        let Some(p) = &self.reading.pending else { return };
        let Some(key) = p.article else {
            self.reading.pending = None;
            return;
        };
        let store = self.archive.store();
        let Some(pos) = self.shown.iter().position(|id| store.get(*id).key == key) else {
            return;
        };
        let Some(p) = self.reading.pending.take() else {
            return;
        };
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
}

/// Whether a query may ask about marks (`is:unread`, `is:bookmarked`, `is:tagged`, `tag:`):
/// only then is a copy of them made for a filter.
pub(super) fn may_ask_marks(query: &str) -> bool {
    let q = query.to_lowercase();
    q.contains("is:") || q.contains("tag:")
}

#[cfg(test)]
mod tests {
    //! The two answers of a large result, as the worker sends them: the filter's order at
    //! once (`more`), the relevance order after it. Made by hand here, so that keys can come
    //! between the two.
    use super::*;
    use crate::theme::Theme;
    use docbao_core::ingest::Source;
    use docbao_core::query::timeline::Zoom;

    fn sample() -> App {
        let mut a = crate::app_for(&Source::Sample, Theme::color());
        a.show_timings = false;
        a.update(Msg::Resize(80, 24));
        a
    }

    /// A query typed and sent to the worker, its answers not in yet.
    fn typed(a: &mut App, text: &str) {
        a.filter_input = Input::new(text);
        a.filter_seq += 1;
        a.filtering = true;
    }

    /// An answer to the query in flight: the matches of `text`, reversed when `first` (the
    /// filter's order standing in), else in their relevance order.
    fn answer(a: &App, text: &str, first: bool) -> filter::Done {
        let store = a.archive.store().clone();
        let q = docbao_core::query::parse(text, &|_| false);
        let m = docbao_core::query::Matcher::new(&q, &|_| None);
        let hits = docbao_core::query::filter(&store, &q, &m, &NoMarks);
        let mut hits = docbao_core::query::relevance::order(
            &store,
            &q,
            hits,
            docbao_core::query::relevance::Sort::Relevance,
            &|| false,
        )
        .expect("ordered");
        if first {
            hits.reverse();
        }
        let timeline = Timeline::compute(&store, hits.iter().map(|h| h.id), Zoom::Year, None);
        filter::Done {
            seq: a.filter_seq,
            query: q,
            hits,
            timeline,
            elapsed: Duration::ZERO,
            more: first,
            ranked: !first,
        }
    }

    const Q: &str = "bo truong quoc phong";

    #[test]
    fn the_relevance_order_takes_the_top_when_the_cursor_waited_there() {
        let mut a = sample();
        typed(&mut a, Q);
        a.update(Msg::Filtered(answer(&a, Q, true)));
        assert_eq!(a.order_label(), "ranking…");
        let second = answer(&a, Q, false);
        let best = second.hits[0].id;
        a.update(Msg::Filtered(second));
        assert_eq!(a.selected_id(), Some(best));
        assert_eq!(a.order_label(), "by relevance");
    }

    #[test]
    fn a_cursor_moved_or_an_article_opened_stays_when_the_relevance_order_comes() {
        for keys in [&[Action::Down][..], &[Action::Open]] {
            let mut a = sample();
            typed(&mut a, Q);
            a.update(Msg::Filtered(answer(&a, Q, true)));
            for k in keys {
                a.update(Msg::Action(*k));
            }
            let chosen = a.selected_id();
            let reading = a.reader.id;
            a.update(Msg::Filtered(answer(&a, Q, false)));
            assert_eq!(a.selected_id(), chosen, "{keys:?}");
            assert_eq!(a.reader.id, reading, "{keys:?}");
        }
    }

    #[test]
    fn the_same_query_filtered_again_keeps_its_order_until_the_relevance_order() {
        let mut a = sample();
        typed(&mut a, Q);
        a.update(Msg::Filtered(answer(&a, Q, false)));
        let before = a.shown.clone();
        a.update(Msg::Action(Action::Down));
        let chosen = a.selected_id();
        // A live change: the same text filtered again.
        a.filter_seq += 1;
        a.update(Msg::Filtered(answer(&a, Q, true)));
        assert_eq!(a.shown, before, "not the filter's order for a second");
        a.update(Msg::Filtered(answer(&a, Q, false)));
        assert_eq!(a.shown, before);
        assert_eq!(a.selected_id(), chosen);
    }
}
