//! Moving around: focus, selection, scrolling, mouse, and keeping the list offset and the
//! reader's layout in step with the screen.

use super::*;

impl App {
    pub(super) fn cycle_focus(&mut self, forward: bool) {
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

    pub(super) fn move_by(&mut self, a: Action) {
        let areas = layout::areas(self.size, self);
        match self.focus {
            Pane::List => {
                let page = layout::inner_height(areas.list);
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
                let h = layout::inner_height(areas.reader);
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

    /// `n`/`N`: the next (previous) match, counted ("match 3/10"); past the last it goes on at
    /// the first and says so, as vim and less do. The view scrolls only when the match is not
    /// in sight.
    pub(super) fn jump_match(&mut self, forward: bool) {
        // From the list, the selected article opens (the reader lays out only what it shows).
        let words = !self.query.highlight_words().is_empty();
        if words && self.focus != Pane::Reader && self.selected_id().is_some() {
            self.focus = Pane::Reader;
            self.reader_zoomed = !layout::is_wide(self.size);
            self.sync_views();
        }
        let h = self.reader_height();
        let v = &mut self.reader;
        let total = v.match_total;
        if total == 0 {
            self.set_message("no matches in this article");
            return;
        }
        // Scrolled away from the match gone to last, the search starts again from what is in
        // sight, as less's does.
        let top = v.scroll.min(v.max_scroll(h));
        let in_sight = |c: &usize| v.match_line(*c).is_some_and(|l| l >= top && l < top + h);
        let current = v.current.filter(in_sight);
        let (target, wrapped) = match current {
            Some(c) if forward => ((c + 1) % total, c + 1 == total),
            Some(c) => ((c + total - 1) % total, c == 0),
            // The first move: the first match in sight or below it (the one above for `N`).
            None if forward => match v.first_match_from(top) {
                Some(k) => (k, false),
                None => (0, true),
            },
            None => match v.first_match_from(top).filter(|k| *k > 0) {
                Some(k) => (k - 1, false),
                None => (total - 1, true),
            },
        };
        v.current = Some(target);
        if let Some(line) = v.match_line(target) {
            if line < v.scroll || line >= v.scroll + h {
                // Two lines of what comes before, as when an article opens on its first match.
                v.scroll = line.saturating_sub(2).min(v.max_scroll(h));
            }
        }
        let said = match (wrapped, forward) {
            (true, true) => format!(
                "search hit bottom, continuing at top · match {}/{total}",
                target + 1
            ),
            (true, false) => format!(
                "search hit top, continuing at bottom · match {}/{total}",
                target + 1
            ),
            _ => format!("match {}/{total}", target + 1),
        };
        self.set_message(said);
    }

    /// `J`/`K`: the next (previous) article of the list, in whichever pane has the focus: the
    /// reader stays open on it.
    pub(super) fn step_article(&mut self, forward: bool) {
        let n = self.shown.len();
        if n == 0 {
            return;
        }
        let s = self.selected;
        if forward && s + 1 >= n {
            self.set_message("this is the last article shown");
            return;
        }
        if !forward && s == 0 {
            self.set_message("this is the first article shown");
            return;
        }
        self.selected = if forward { s + 1 } else { s - 1 };
        self.sync_views();
    }

    pub(super) fn scroll_at(&mut self, x: u16, y: u16, lines: i32) {
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

    pub(super) fn click(&mut self, x: u16, y: u16) {
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
        } else if let Some(r) = areas.timeline.filter(|r| r.contains((x, y).into())) {
            self.focus = Pane::Timeline;
            // A click on a bar puts the cursor on its period.
            let inner = r.inner(ratatui::layout::Margin::new(1, 1));
            if inner.contains((x, y).into()) {
                if let Some(i) = crate::panes::timeline::position_at(self, inner, x) {
                    self.timeline.cursor = i;
                }
            }
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
    pub(super) fn reader_height(&self) -> usize {
        layout::inner_height(layout::areas(self.size, self).reader)
    }

    /// A reader scroll kept across a rebuild, inside the (maybe shorter) new text.
    pub(super) fn clamp_reader_scroll(&self, scroll: usize) -> usize {
        scroll.min(self.reader.max_scroll(self.reader_height()))
    }

    pub(super) fn sync(&mut self, rebuild: bool) {
        let n = self.shown.len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        let areas = layout::areas(self.size, self);
        if areas.list.is_some() {
            let h = layout::inner_height(areas.list);
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
        let tags = id.map_or(&[][..], |i| {
            self.reading.marks.tags_key(self.archive.store().get(i).key)
        });
        let stale = rebuild
            || self.reader.id != id
            || self.reader.width != width
            || self.reader.words != words
            || self.reader.tags != tags;
        if width == 0 || id.is_none() {
            self.reader = ReaderView::default();
        } else if stale {
            let same_article = self.reader.id == id;
            let old_scroll = self.reader.scroll;
            let new_words = self.reader.words != words;
            let old_current = self.reader.current;
            if !same_article {
                // "match 3/10" was about the article before.
                let about_matches = |m: &str| m.starts_with("match ") || m.starts_with("search hit");
                if self.message.as_ref().is_some_and(|(m, _)| about_matches(m)) {
                    self.message = None;
                }
            }
            if let Some(a) = id.map(|i| self.archive.store().get(i)) {
                let tags = self.reading.marks.tags_key(a.key);
                let store = self.archive.store();
                let copies: Vec<String> = store
                    .copies(a.id)
                    .into_iter()
                    .map(|c| store.get(c).path.clone())
                    .collect();
                self.reader = ReaderView::build(a, width, &words, &self.dates, (tags, &copies));
                // The query's words changed on the article being read: show the first match.
                if same_article && !self.reader.match_lines.is_empty() && new_words {
                    self.reader.scroll = self.reader.match_lines[0].saturating_sub(2);
                } else if same_article {
                    self.reader.scroll = self.clamp_reader_scroll(old_scroll);
                    self.reader.current = old_current.filter(|c| *c < self.reader.match_total);
                } else if let Some(&first) = self.reader.match_lines.first() {
                    // open at the first match below the header
                    self.reader.scroll = first.saturating_sub(2);
                }
            }
        }
    }
}
