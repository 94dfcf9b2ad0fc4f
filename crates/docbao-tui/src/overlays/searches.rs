//! The saved searches: each one's name, query and how many articles it finds (counted off the
//! input thread, shown as they come); Enter makes one the filter.

use crate::action::Action;
use crate::app::App;
use crate::keys::Context;
use crate::layout::centered;
use docbao_extract::text::sanitize::sanitize_line;
use docbao_extract::text::{truncate, width::width};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The frame's title: the keys that act in it.
fn title(app: &App) -> String {
    let keys = &app.keymap;
    let hints: Vec<String> = [
        (Action::Open, "applies"),
        (Action::DeleteSearch, "deletes"),
        (Action::Back, "closes"),
    ]
    .iter()
    .filter_map(|(a, what)| keys.hint(Context::Normal, *a).map(|k| format!("{k} {what}")))
    .collect();
    format!(" Saved searches · {} ", hints.join(", "))
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let s = &app.searches;
    let th = &app.theme;
    let rect = centered(
        area,
        76.min(area.width.saturating_sub(2)).max(20),
        (s.rows.len() as u16 + 2).clamp(6, area.height.saturating_sub(2).max(6)),
    );
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border_focused)
        .title(truncate(&title(app), rect.width.saturating_sub(2) as usize));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let w = inner.width as usize;
    if s.rows.is_empty() {
        let save = app
            .keymap
            .hint(Context::Text, Action::SaveSearch)
            .map(|k| format!("{k} in the filter bar saves the query under a name; "))
            .unwrap_or_default();
        let text = format!(
            "No saved searches yet. {save}the configuration's `searches:` names more \
             (docbao config --default shows how)."
        );
        f.render_widget(
            Paragraph::new(text)
                .style(th.meta)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let h = inner.height as usize;
    let offset = s.selected.saturating_sub(h.saturating_sub(1));
    let name_w = s
        .rows
        .iter()
        .map(|r| width(&sanitize_line(&r.name)))
        .max()
        .unwrap_or(0)
        .min(w / 3);
    let lines: Vec<Line> = s
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, r)| {
            let count = match r.count {
                Some(n) => format!("{n:>6}"),
                None => format!("{:>6}", "…"),
            };
            let name = truncate(&sanitize_line(&r.name), name_w);
            let name = format!("{name}{} ", " ".repeat(name_w.saturating_sub(width(&name))));
            let q_w = w.saturating_sub(width(&name) + count.len() + 1);
            let query = truncate(&sanitize_line(&r.query), q_w);
            let pad = " ".repeat(q_w.saturating_sub(width(&query)) + 1);
            if i == s.selected {
                Line::styled(format!("{name}{query}{pad}{count}"), th.selected)
            } else {
                Line::from(vec![
                    Span::styled(name, th.title),
                    Span::styled(query, th.meta),
                    Span::raw(pad),
                    Span::styled(count, th.text),
                ])
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
