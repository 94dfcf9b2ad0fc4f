//! What each action does, by where the keys go: an overlay (filter bar, person picker, help)
//! or the panes.

use super::*;
use docbao_core::ingest::names;
use std::os::unix::ffi::OsStrExt;

impl App {
    pub(super) fn action(&mut self, a: Action) {
        // The user has taken over: the last session's position no longer applies.
        self.reading.pending = None;
        // Ctrl-z stops docbao like any shell job from anywhere, a bar open or not (as vim does
        // in insert mode); what is typed stays for `fg`.
        if a == Action::Suspend {
            // A stopped job may never come back: save first.
            self.apply(Msg::Flush);
            self.effects.push(Effect::Suspend);
            return;
        }
        match self.overlay {
            Overlay::Filter => return self.filter_action(a),
            Overlay::People => return self.people_action(a),
            Overlay::Help => return self.help_action(a),
            Overlay::Searches => return self.searches_action(a),
            Overlay::SaveSearch => return self.save_search_action(a),
            // Answered through `Msg::Answer`; a key that reaches here is a no (Ctrl-c quits).
            Overlay::Confirm => {
                self.quit |= a == Action::Quit;
                return self.answer(false);
            }
            Overlay::Tag => return self.tag_action(a),
            Overlay::Export => return self.export_action(a),
            Overlay::Link => return self.link_action(a),
            Overlay::None => {}
        }
        // A bar opens on a clean line: what it says at its right from now on is about it.
        if matches!(
            a,
            Action::Filter | Action::Tag | Action::TagShown | Action::Export | Action::Link
        ) {
            self.message = None;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Overlay::Help;
                self.help_scroll = 0;
            }
            Action::Filter => {
                // The filter in force, selected: typing replaces it, a cursor key keeps it.
                self.overlay = Overlay::Filter;
                self.filter_input.select_all();
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
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::Up | Action::Down | Action::Top | Action::Bottom => self.move_by(a),
            Action::HalfPageDown | Action::HalfPageUp | Action::PageDown | Action::PageUp => self.move_by(a),
            Action::Left | Action::Right if self.focus == Pane::Timeline => {
                self.step_timeline(a == Action::Right)
            }
            Action::ZoomIn | Action::ZoomOut => self.zoom(a == Action::ZoomIn),
            Action::NextMatch | Action::PrevMatch => self.jump_match(a == Action::NextMatch),
            Action::Edit => self.edit(),
            Action::ToggleRead => self.toggle_mark(false),
            Action::ToggleBookmark => self.toggle_mark(true),
            Action::Pager => self.page(),
            Action::Copy => self.copy(),
            Action::NextArticle | Action::PrevArticle => self.step_article(a == Action::NextArticle),
            Action::Redraw => self.effects.push(Effect::Redraw),
            Action::Searches => self.open_searches(),
            Action::MarkShownRead | Action::MarkShownUnread => self.mark_shown(a == Action::MarkShownRead),
            Action::Tag => self.open_tag_bar(),
            Action::TagShown => self.open_tag_bar_shown(),
            Action::Export => self.open_export_bar(),
            Action::Link => self.open_link_prompt(),
            Action::Sort => self.cycle_sort(),
            _ => {}
        }
    }

    /// Keys while the help is open: scroll it, or close it (any other key).
    fn help_action(&mut self, a: Action) {
        let max = crate::overlays::help::height(self, self.size)
            .saturating_sub(self.size.height.saturating_sub(3) as usize);
        match a {
            Action::Down => self.help_scroll = (self.help_scroll + 1).min(max),
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => self.help_scroll = (self.help_scroll + 10).min(max),
            Action::PageUp | Action::HalfPageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = max,
            Action::Quit => self.quit = true,
            Action::Redraw => self.effects.push(Effect::Redraw),
            _ => self.overlay = Overlay::None,
        }
    }

    /// Enter: the selected article in the reader, or the timeline's period as the filter.
    fn open(&mut self) {
        match self.focus {
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
        }
    }

    /// Esc: back out one step: the zoomed reader, another pane, the period, the filter.
    fn back(&mut self) {
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

    /// The timeline's cursor one period on (or back).
    fn step_timeline(&mut self, forward: bool) {
        let n = self.timeline.positions();
        if n > 0 {
            let c = self.timeline.cursor.min(n - 1);
            self.timeline.cursor = if forward {
                (c + 1).min(n - 1)
            } else {
                c.saturating_sub(1)
            };
        }
    }

    /// The timeline by finer (or coarser) periods. The cursor lands on a period with articles:
    /// the selected article's, when it lies in the period zoomed from; else the first inside it
    /// with articles; else the nearest with articles. On the undated bar it stays there.
    fn zoom(&mut self, finer: bool) {
        let old = self.timeline.cursor_period().map(|p| p.map(|b| (b.from, b.to)));
        let zoom = if finer {
            self.timeline.zoom.finer()
        } else {
            self.timeline.zoom.coarser()
        };
        let keep = old.flatten().map(|(from, _)| from);
        self.timeline = Timeline::compute(self.archive.store(), self.hits.iter().map(|h| h.id), zoom, keep);
        let tl = &self.timeline;
        let landing = match old {
            Some(None) if tl.undated > 0 => Some(tl.buckets.len()),
            Some(Some((from, to))) => {
                let selected = self
                    .selected_article()
                    .and_then(|a| tl.bucket_of(&a.date))
                    .filter(|&i| tl.buckets.get(i).is_some_and(|b| b.to >= from && b.from <= to));
                selected.or_else(|| tl.nearest_with_articles(from, to))
            }
            _ => None,
        };
        if let Some(i) = landing {
            self.timeline.cursor = i;
        }
    }

    /// The selected article as plain text, to `$PAGER`.
    fn page(&mut self) {
        if let Some(a) = self.selected_article() {
            let mut buf = Vec::new();
            let _ = docbao_core::plain::write_article(&mut buf, a, 80, &self.dates);
            self.effects
                .push(Effect::Pager(String::from_utf8_lossy(&buf).into_owned()));
        }
    }

    /// The selected article's address (else its file's real path, quoted for a shell when
    /// it holds what cannot travel as text) to the clipboard.
    fn copy(&mut self) {
        if let Some(a) = self.selected_article() {
            let text = match (a.url(), self.file_of(a)) {
                (Some(u), _) => u.to_string(),
                (None, Some(p)) => names::shell_quoted(p.as_os_str().as_bytes()),
                (None, None) => a.path.clone(),
            };
            self.effects.push(Effect::Copy(text.clone()));
            self.set_message(format!(
                "copied: {}",
                docbao_extract::text::sanitize::sanitize_line(&text)
            ));
        }
    }

    /// The real path of an article's file on disk (its name as written may hold `%XX` for
    /// bytes that cannot be shown: see `docbao_core::ingest::names`); none for the sample.
    fn file_of(&self, a: &Article) -> Option<std::path::PathBuf> {
        let root = self.root.as_ref()?;
        Some(if root.is_file() {
            root.clone()
        } else {
            names::real_path(root, &a.path)
        })
    }

    pub(super) fn edit(&mut self) {
        let Some(a) = self.selected_article() else { return };
        match self.file_of(a) {
            Some(p) => {
                if !p.is_file() {
                    // Gone since it was read: never let the editor start a new, empty file.
                    self.set_message(format!(
                        "cannot open {}: no such file (renamed or removed since it was read)",
                        docbao_extract::text::sanitize::sanitize_line(&a.path)
                    ));
                    return;
                }
                self.effects.push(Effect::Edit(p));
            }
            None => self.set_message("the built-in sample has no files on disk; `o` shows it in $PAGER"),
        }
    }

    pub(super) fn filter_action(&mut self, a: Action) {
        if let Some(changed) = edit_input(&mut self.filter_input, a) {
            if changed {
                self.history.reset();
                self.refilter();
            }
            return;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Open => {
                self.overlay = Overlay::None;
                self.focus = Pane::List;
                self.remember_query();
            }
            Action::Back => {
                self.filter_input.clear();
                self.history.reset();
                self.overlay = Overlay::None;
                self.refilter();
            }
            Action::Up | Action::Down => self.history_step(a == Action::Up),
            Action::SaveSearch => self.start_save_search(),
            Action::Redraw => self.effects.push(Effect::Redraw),
            _ => {}
        }
    }

    pub(super) fn people_action(&mut self, a: Action) {
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
                    self.remember_query();
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
}

/// Applies a text-editing action to a text box: `Some(true)` when the text changed,
/// `Some(false)` when only the cursor moved, `None` when the action is not an edit.
pub(super) fn edit_input(input: &mut Input, a: Action) -> Option<bool> {
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
