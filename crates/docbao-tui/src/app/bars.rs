//! The bars over the status line: tagging the article (`t`) and writing the articles shown to
//! a file (`w`).

use super::*;
use crate::export::Exported;
use docbao_core::export::Format;
use docbao_extract::text::count;
use docbao_extract::text::sanitize::sanitize_line;

impl App {
    /// `t`: the tag bar on the selected article's tags.
    pub(super) fn open_tag_bar(&mut self) {
        let Some(a) = self.selected_article() else {
            self.set_message("no article to tag");
            return;
        };
        let (id, tags) = (a.id, self.reading.marks.tags_key(a.key).to_vec());
        let known = self.reading.marks.tag_counts();
        self.tag_bar.open(id, &tags, known);
        self.overlay = Overlay::Tag;
    }

    /// `T`: the tag bar, empty, for tags to add to every article the list shows.
    pub(super) fn open_tag_bar_shown(&mut self) {
        if self.shown.is_empty() {
            self.set_message("no article shown: nothing to tag");
            return;
        }
        let known = self.reading.marks.tag_counts();
        self.tag_bar.open_shown(self.shown.clone(), known);
        self.overlay = Overlay::Tag;
    }

    /// Keys while the tag bar is open.
    pub(super) fn tag_action(&mut self, a: Action) {
        if let Some(changed) = super::actions::edit_input(&mut self.tag_bar.input, a) {
            if changed {
                self.tag_bar.refilter();
            }
            return;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Back => self.overlay = Overlay::None,
            Action::Complete => self.tag_bar.complete(),
            Action::Up | Action::Down => self.tag_bar.step(a == Action::Down),
            Action::Open => {
                self.overlay = Overlay::None;
                if self.tag_bar.all.is_empty() {
                    self.save_tags();
                } else {
                    self.add_tags_shown();
                }
            }
            _ => {}
        }
    }

    /// Gives the article the tags the bar holds (every article with its content shares them).
    fn save_tags(&mut self) {
        let Some(a) = self.tag_bar.id.and_then(|id| self.archive.store().try_get(id)) else {
            self.set_message("the article is gone; its tags were not saved");
            return;
        };
        let tags = self.tag_bar.tags();
        let before = self.reading.marks.tags_key(a.key).to_vec();
        if !self.reading.marks.set_tags(a, &tags) {
            self.set_message(match tags.is_empty() {
                true => "no tags".to_string(),
                false => format!("tags: {}", tags.join(", ")),
            });
            return;
        }
        let removed: Vec<&String> = before.iter().filter(|t| !tags.contains(t)).collect();
        let mut said = match tags.is_empty() {
            true => "tags removed".to_string(),
            false => format!("tags: {}", tags.join(", ")),
        };
        if !tags.is_empty() && !removed.is_empty() {
            let removed: Vec<&str> = removed.iter().map(|t| t.as_str()).collect();
            said.push_str(&format!(" (removed: {})", removed.join(", ")));
        }
        self.reading.marks_changed(self.archive.store(), &self.shown);
        self.rebuild_reader();
        self.set_message(said);
    }

    /// Adds the bar's tags to every article it was opened on (their own tags stay).
    fn add_tags_shown(&mut self) {
        let tags = self.tag_bar.tags();
        let ids = std::mem::take(&mut self.tag_bar.all);
        if tags.is_empty() {
            self.set_message("no tag typed: nothing added");
            return;
        }
        let mut changed = 0;
        for id in ids {
            let Some(a) = self.archive.store().try_get(id) else {
                continue;
            };
            let mut now = self.reading.marks.tags_key(a.key).to_vec();
            now.extend(
                tags.iter()
                    .filter(|t| !now.contains(t))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            if self.reading.marks.set_tags(a, &now) {
                changed += 1;
            }
        }
        if changed > 0 {
            self.reading.marks_changed(self.archive.store(), &self.shown);
            self.rebuild_reader();
        }
        let tagged = count(changed, "article", "articles");
        self.set_message(format!("{} added to {tagged}", tags.join(", ")));
    }

    /// `w`: the export bar, for the articles the list shows.
    pub(super) fn open_export_bar(&mut self) {
        if self.shown.is_empty() {
            self.set_message("no article shown: nothing to write");
            return;
        }
        self.export_bar.open();
        self.overlay = Overlay::Export;
    }

    /// Keys while the export bar is open.
    pub(super) fn export_action(&mut self, a: Action) {
        if super::actions::edit_input(&mut self.export_bar.input, a).is_some() {
            return;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Back => self.overlay = Overlay::None,
            Action::Open => self.export(),
            _ => {}
        }
    }

    /// Enter in the export bar: asks the loop to write the file (a name that exists only after
    /// a second Enter), or says what is wrong with the name.
    fn export(&mut self) {
        let name = self.export_bar.input.text().trim().to_string();
        let Some(format) = Format::for_path(std::path::Path::new(&name)) else {
            let m = match name.is_empty() {
                true => format!("give a file name ending {}", Format::EXTENSIONS),
                false => format!(
                    "{}: the name must end {} (the format)",
                    sanitize_line(&name),
                    Format::EXTENSIONS
                ),
            };
            self.set_message(m);
            return;
        };
        let overwrite = self.export_bar.confirming();
        self.overlay = Overlay::None;
        self.set_message(format!(
            "writing {} to {}…",
            count(self.shown.len(), "article", "articles"),
            sanitize_line(&name)
        ));
        self.effects.push(Effect::Export {
            name,
            format,
            ids: self.shown.clone(),
            overwrite,
        });
    }

    /// What came of an export: said in the status line; a file that exists opens the bar
    /// again, to confirm.
    pub(super) fn exported(&mut self, e: Exported) {
        match e {
            Exported::Written { name, path, count: n } => {
                self.export_bar.last = Some(name);
                self.set_message(format!(
                    "wrote {} to {}",
                    count(n, "article", "articles"),
                    sanitize_line(&path.display().to_string())
                ));
            }
            Exported::Exists { name, path } => {
                self.export_bar.input = crate::input::Input::new(&name);
                self.export_bar.confirm = Some(name);
                self.overlay = Overlay::Export;
                let keys = &self.keymap;
                let enter = keys.hint(Context::Text, Action::Open).unwrap_or("Enter");
                let esc = keys.hint(Context::Text, Action::Back).unwrap_or("Esc");
                let m = format!(
                    "{} exists: {enter} again overwrites it, {esc} keeps it",
                    sanitize_line(&path.display().to_string())
                );
                self.set_message(m);
            }
            Exported::Failed { path, error } => self.set_message(format!(
                "cannot write {}: {}",
                sanitize_line(&path.display().to_string()),
                sanitize_line(&error)
            )),
        }
    }
}
