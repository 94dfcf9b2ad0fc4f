//! The help overlay, generated from the key table, plus the query language in short.

use crate::action::Action;
use crate::app::App;
use crate::keys::Context;
use crate::layout::centered;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

/// The query language, one example a line.
pub const QUERY_HELP: &[(&str, &str)] = &[
    ("bo truong", "words, any order; no diacritics matches both"),
    ("trưởng", "with diacritics: exact (hòa = hoà)"),
    ("'exact", "exact substring"),
    ("^word word$", "title starts / ends with"),
    ("\"two words\"", "phrase"),
    ("!word !@name", "not (any term, a person too)"),
    ("a | b", "either"),
    ("@lee jae myung", "person, any spelling"),
    ("2025-11  2024..2025-03", "published in / between"),
    ("since:2024 until:2025", "open ranges"),
    ("event:2025-11-04", "the text speaks of that date"),
    ("is:undated", "no publication date"),
    ("is:unread", "not read yet (u marks, 3 s in the reader reads)"),
    ("is:bookmarked", "bookmarked (b)"),
    ("tag:korea  is:tagged", "tagged so (t) / tagged at all"),
];

/// What the timeline draws, one mark a line.
pub const TIMELINE_HELP: &[(&str, &str)] = &[
    (
        "▂▄█",
        "articles per year, month or day (by year, the count above)",
    ),
    ("◆", "a date the selected article speaks of (\"Dates mentioned\")"),
    (
        "coloured bar",
        "the selected article's period; the cursor's in the pane",
    ),
    ("│ ?", "articles with no publication date"),
];

/// The help text as lines, in two groups (keys while browsing; typing and the filter language).
fn sections(app: &App, w: usize) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let th = &app.theme;
    let key_w = 22.min(w / 2);
    // A key too wide for its column gets a line of its own; a description too long wraps
    // under itself: nothing is cut at 80 columns.
    let row = |k: &str, what: &str| -> Vec<Line<'static>> {
        let mut out = Vec::new();
        let mut first = if docbao_extract::text::width::width(k) < key_w {
            format!("{k:<key_w$}")
        } else {
            out.push(Line::styled(k.to_string(), th.title));
            " ".repeat(key_w)
        };
        let room = w.saturating_sub(key_w).max(10);
        for r in docbao_extract::text::wrap(what, room) {
            let key = std::mem::replace(&mut first, " ".repeat(key_w));
            out.push(Line::from(vec![
                Span::styled(key, th.title),
                Span::raw(what[r].to_string()),
            ]));
        }
        out
    };
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (ctx, keys, what) in app.keymap.help_rows() {
        let target = if ctx == "Browsing" { &mut left } else { &mut right };
        if target.is_empty() {
            target.push(Line::styled(ctx, th.heading));
        }
        target.extend(row(&keys, what));
    }
    right.push(Line::raw(""));
    right.push(Line::styled(
        "Filter language (/ and docbao list --query)",
        th.heading,
    ));
    for (ex, what) in QUERY_HELP {
        right.extend(row(ex, what));
    }
    right.push(Line::raw(""));
    right.push(Line::styled("The timeline", th.heading));
    for (mark, what) in TIMELINE_HELP {
        right.extend(row(mark, what));
    }
    (left, right)
}

/// The frame's title: how to scroll, with the keys in force.
fn title(app: &App) -> String {
    let keys = &app.keymap;
    let scroll: Vec<&str> = [Action::Down, Action::Up]
        .iter()
        .filter_map(|a| keys.hint(Context::Normal, *a))
        .collect();
    if scroll.is_empty() {
        " Help · any other key closes ".to_string()
    } else {
        format!(" Help · {} scroll · any other key closes ", scroll.join("/"))
    }
}

/// Lines the help holds at this width (for scrolling limits).
/// How many lines the help takes in `area`, laid out as [`draw`] lays it out (the maximum
/// scroll depends on it).
pub fn height(app: &App, area: Rect) -> usize {
    let inner = frame(area).inner(ratatui::layout::Margin::new(1, 1));
    if area.width >= 120 {
        let [l, _] = columns(inner);
        let (l, r) = sections(app, l.width.saturating_sub(1) as usize);
        l.len().max(r.len())
    } else {
        let (l, r) = sections(app, inner.width as usize);
        l.len() + 1 + r.len()
    }
}

/// Where the help is drawn. Narrow screens: the whole screen, so no border is drawn over
/// another; else centred, in two columns from 120.
fn frame(area: Rect) -> Rect {
    match area.width {
        w if w < 100 => area,
        w if w >= 120 => centered(area, 156.min(w), area.height),
        w => centered(area, 78.min(w), area.height),
    }
}

fn columns(inner: Rect) -> [Rect; 2] {
    ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Percentage(50),
        ratatui::layout::Constraint::Percentage(50),
    ])
    .areas(inner)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = &app.theme;
    let two = area.width >= 120;
    let rect = frame(area);
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border_focused)
        .title(title(app));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let scroll = app.help_scroll as u16;
    if two {
        let [l, r] = columns(inner);
        let (left, right) = sections(app, l.width as usize - 1);
        f.render_widget(Paragraph::new(left).scroll((scroll, 0)), l);
        f.render_widget(Paragraph::new(right).scroll((scroll, 0)), r);
    } else {
        let (mut left, right) = sections(app, inner.width as usize);
        left.push(Line::raw(""));
        left.extend(right);
        f.render_widget(
            Paragraph::new(left)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            inner,
        );
    }
}
