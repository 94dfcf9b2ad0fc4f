//! The person picker: everyone named in the archive with article counts, narrowed fuzzily as
//! you type (with or without diacritics); Enter filters by that person.

use crate::action::Action;
use crate::app::App;
use crate::input::Input;
use crate::keys::Context;
use crate::layout::centered;
use docbao_core::store::{ArticleId, IdBits, Store};
use docbao_extract::text::{fold, truncate};
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
    /// under the canonical name and every alias. With `within` (the articles a filter shows),
    /// only the persons those articles name are offered, counted among them: picking one adds
    /// to the filter, so a person outside it would leave nothing.
    pub fn open(&mut self, store: &Store, within: Option<&[ArticleId]>) {
        // One bit an article shown: a person's count is a bit test per article naming them.
        let shown = within.map(|ids| IdBits::of(ids.iter().map(|id| id.0 as usize), store.id_bound()));
        let postings = store.person_postings();
        self.people = store
            .people()
            .persons()
            .iter()
            .filter_map(|p| {
                let count = match &shown {
                    None => p.articles,
                    Some(bits) => postings
                        .named(&fold(&p.name))
                        .iter()
                        .filter(|&&id| bits.has(id as usize))
                        .count(),
                };
                if count == 0 {
                    return None;
                }
                let mut key = fold(&p.name);
                for a in &p.aliases {
                    key.push_str(" · ");
                    key.push_str(&fold(a));
                }
                Some((p.name.clone(), count, key))
            })
            .collect();
        // Most named first (among the articles shown, when a filter is on); ties keep the
        // index's order.
        self.people.sort_by_key(|p| std::cmp::Reverse(p.1));
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

/// Why the picker is empty: the archive's persons are listed once every article's are found
/// and settled across the archive, and a large first load finds them after the articles are
/// searchable.
fn not_yet(app: &App) -> String {
    use crate::app::{Progress, Stage};
    match app.loading {
        Some(Progress {
            stage: Stage::Persons,
            done,
            total: Some(total),
        }) if total > 0 => format!(
            "Finding persons: {}% of the articles (docbao lists them when done).",
            (done * 100 / total).min(100)
        ),
        Some(_) => "Persons are listed once every file is read.".into(),
        None if app.archive.settling() => "Settling persons across the archive…".into(),
        None => "No persons found in this archive yet.".into(),
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
        lines.push(Line::styled(not_yet(app), th.meta));
    }
    for (row, &i) in p.shown.iter().enumerate().skip(offset).take(h) {
        let (name, count, _) = &p.people[i];
        let c = format!("{count:>5}");
        let name = truncate(name, w.saturating_sub(7));
        let pad = w.saturating_sub(docbao_extract::text::width::width(&name) + c.len());
        let style = if row == p.selected { th.selected } else { th.text };
        lines.push(Line::styled(format!("{name}{}{c}", " ".repeat(pad)), style));
    }
    f.render_widget(Paragraph::new(lines), inner);
    let cx = inner.x + 6 + docbao_extract::text::width::width(&p.input.text()[..p.input.cursor()]) as u16;
    f.set_cursor_position((cx.min(inner.x + inner.width.saturating_sub(1)), inner.y));
}
