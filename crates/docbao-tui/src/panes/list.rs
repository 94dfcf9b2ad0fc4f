//! The article list: marks (`•` unread, `★` bookmarked, both when both hold), date, title (query
//! matches marked, dimmed once read), persons in short; truncated by display width so Vietnamese
//! titles never overflow.

use crate::action::Action;
use crate::app::{App, Pane};
use crate::keys::Context;
use crate::panes::reader::find_matches;
use docbao_core::store::Article;
use docbao_extract::text::{truncate, width::width};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Width of the marks column: unread, bookmarked, a space.
const MARK_W: usize = 3;

/// The persons of an article for the list column: names as the archive spells them (a
/// surname-only short form would be wrong for half of them: Korean and Vietnamese names put the
/// family name first), as many as `names`, with a count of the rest.
fn persons_short(persons: &[docbao_extract::Name], names: usize) -> String {
    let mut s = persons
        .iter()
        .take(names)
        .map(|p| &**p)
        .collect::<Vec<_>>()
        .join(", ");
    if persons.len() > names {
        s.push_str(&format!(" +{}", persons.len() - names));
    }
    s
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus == Pane::List;
    let th = &app.theme;
    let total = app.store().len();
    // The filter in force is always in sight, whatever the status line says meanwhile (a
    // filter brought back from the last session would otherwise be invisible).
    let mut title = format!(" Articles {}/{} ", app.shown.len(), total);
    let filter = crate::status::filter_piece(app);
    if !filter.is_empty() {
        let room = (area.width as usize).saturating_sub(width(&title) + 6);
        if room >= 4 {
            title.push_str(&format!("· {} ", truncate(&filter, room)));
        }
    }
    let block = th.pane(title, focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if app.shown.is_empty() {
        let msg = if app.loading.is_some() && total == 0 {
            "Loading…".to_string()
        } else if total == 0 {
            "No articles in this folder. `docbao check` tells why.".to_string()
        } else {
            // Esc clears the period first.
            let what = if app.period.is_some() {
                "the period"
            } else {
                "the filter"
            };
            let filter = crate::status::filter_piece(app);
            match app.keymap.hint(Context::Normal, Action::Back) {
                Some(k) => format!("No article matches {filter}. {k} clears {what}."),
                None => format!("No article matches {filter}."),
            }
        };
        f.render_widget(
            Paragraph::new(msg)
                .style(th.meta)
                .wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
        return;
    }
    let w = inner.width as usize;
    let h = inner.height as usize;
    let words = app.query.highlight_words();
    // The date column: as wide as the widest date the format shows, never most of the row.
    let date_w = app.dates.column.min(w / 3);
    let mut lines = Vec::with_capacity(h);
    for (row, id) in app.shown.iter().enumerate().skip(app.list_offset).take(h) {
        let a = app.store().get(*id);
        let selected = row == app.selected;
        lines.push(row_line(app, a, (selected, focused), (w, date_w), &words));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// One row: read mark, date, title with the query's words marked, persons at the right.
fn row_line(
    app: &App,
    a: &Article,
    (selected, focused): (bool, bool),
    (w, date_w): (usize, usize),
    words: &[String],
) -> Line<'static> {
    let th = &app.theme;
    let date = app.dates.show(&a.date);
    let date = format!("{date}{} ", " ".repeat(date_w.saturating_sub(width(&date))));
    // Narrow screens give the title the room: one name and a count.
    let (names, share) = if w >= 100 { (2, 3) } else { (1, 4) };
    let persons = if w >= 60 {
        persons_short(&a.persons, names)
    } else {
        String::new()
    };
    let pw = if persons.is_empty() {
        0
    } else {
        (width(&persons) + 1).min(w / share)
    };
    let tw = w.saturating_sub(MARK_W + date_w + 1 + pw);
    let title = truncate(&a.title, tw);
    let row_style = if selected {
        if focused {
            th.selected
        } else {
            th.selected_unfocused
        }
    } else {
        Style::default()
    };
    let read = app.reading.marks.is_read_key(a.key);
    // Each mark has its own column: a bookmarked article still says it is unread.
    let mark = match (!read, app.reading.marks.is_bookmarked_key(a.key)) {
        (true, true) => "•★ ",
        (true, false) => "•  ",
        (false, true) => " ★ ",
        (false, false) => "   ",
    };
    // Read titles are dimmed; the selection shows as it always does.
    let title_style = if !selected && read { th.meta } else { row_style };
    let mut spans = vec![
        Span::styled(mark, if selected { row_style } else { th.marker }),
        Span::styled(date, if selected { row_style } else { th.date }),
    ];
    let mut at = 0;
    for m in find_matches(&title, words, 0) {
        if m.start < at {
            continue;
        }
        spans.push(Span::styled(title[at..m.start].to_string(), title_style));
        spans.push(Span::styled(title[m.clone()].to_string(), th.matched));
        at = m.end;
    }
    spans.push(Span::styled(title[at..].to_string(), title_style));
    let used = MARK_W + date_w + 1 + width(&title);
    let pad = w.saturating_sub(used + pw);
    spans.push(Span::styled(" ".repeat(pad), row_style));
    if pw > 0 {
        let p = truncate(&persons, pw - 1);
        let extra = (pw - 1).saturating_sub(width(&p));
        spans.push(Span::styled(
            format!(" {}{p}", " ".repeat(extra)),
            if selected { row_style } else { th.person },
        ));
    }
    Line::from(spans)
}
