//! The person picker: everyone named in the archive with article counts, narrowed fuzzily as
//! you type (with or without diacritics); Enter filters by that person.

use super::action::Action;
use super::app::App;
use super::input::Input;
use super::keys::Context;
use super::layout::centered;
use crate::store::Store;
use crate::text::{fold, truncate};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

#[derive(Debug, Clone, Default)]
pub struct Picker {
    pub input: Input,
    /// (canonical name, article count, folded name and aliases)
    pub people: Vec<(String, usize, String)>,
    /// Indexes into `people`, best first.
    pub shown: Vec<usize>,
    pub selected: usize,
}

impl Picker {
    /// Fills the picker from the store's person index, most named first. Each person is found
    /// under the canonical name and every alias.
    pub fn open(&mut self, store: &Store) {
        self.people = store
            .people()
            .persons()
            .iter()
            .map(|p| {
                let mut key = fold(&p.name);
                for a in &p.aliases {
                    key.push_str(" · ");
                    key.push_str(&fold(a));
                }
                (p.name.clone(), p.articles, key)
            })
            .collect();
        self.input.clear();
        self.refilter();
    }

    pub fn refilter(&mut self) {
        let q = fold(self.input.text().trim());
        self.selected = 0;
        if q.is_empty() {
            self.shown = (0..self.people.len()).collect();
            return;
        }
        let m = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize)> = self
            .people
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, key))| m.fuzzy_match(key, &q).map(|s| (s, i)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
    }

    pub fn current(&self) -> Option<&(String, usize, String)> {
        self.shown.get(self.selected).and_then(|i| self.people.get(*i))
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let p = &app.picker;
    let th = &app.theme;
    let rect = centered(
        area,
        60.min(area.width.saturating_sub(4)).max(20),
        area.height.saturating_sub(4).clamp(6, 20),
    );
    f.render_widget(Clear, rect);
    let mut title = format!(" Persons {}/{} ", p.shown.len(), p.people.len());
    let keys = &app.keymap;
    let hints: Vec<String> = [(Action::Open, "filters"), (Action::Back, "closes")]
        .iter()
        .filter_map(|(a, what)| keys.hint(Context::Text, *a).map(|k| format!("{k} {what}")))
        .collect();
    if !hints.is_empty() {
        title.push_str(&format!("· {} ", hints.join(", ")));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border_focused)
        .title(title);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    if inner.height < 2 {
        return;
    }
    let w = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("name: ", th.meta),
        Span::raw(p.input.text().to_string()),
    ])];
    let h = inner.height as usize - 1;
    let offset = p.selected.saturating_sub(h.saturating_sub(1));
    if p.people.is_empty() {
        lines.push(Line::styled("No persons found in this archive yet.", th.meta));
    }
    for (row, &i) in p.shown.iter().enumerate().skip(offset).take(h) {
        let (name, count, _) = &p.people[i];
        let c = format!("{count:>5}");
        let name = truncate(name, w.saturating_sub(7));
        let pad = w.saturating_sub(crate::text::width::width(&name) + c.len());
        let style = if row == p.selected { th.selected } else { th.text };
        lines.push(Line::styled(format!("{name}{}{c}", " ".repeat(pad)), style));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let cx = inner.x + 6 + crate::text::width::width(&p.input.text()[..p.input.cursor()]) as u16;
    f.set_cursor_position((cx.min(inner.x + inner.width.saturating_sub(1)), inner.y));
}
