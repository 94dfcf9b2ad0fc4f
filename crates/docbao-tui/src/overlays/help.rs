//! The help overlay, generated from the key table, plus the query language in short.

use crate::action::Action;
use crate::app::App;
use crate::keys::Context;
use crate::layout::centered;
use docbao_extract::text::truncate;
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
    let row = |k: &str, what: &str| {
        Line::from(vec![
            Span::styled(
                format!("{:<key_w$}", truncate(k, key_w.saturating_sub(1))),
                th.title,
            ),
            Span::raw(truncate(what, w.saturating_sub(key_w))),
        ])
    };
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (ctx, keys, what) in app.keymap.help_rows() {
        let target = if ctx == "Browsing" { &mut left } else { &mut right };
        if target.is_empty() {
            target.push(Line::styled(ctx, th.heading));
        }
        target.push(row(&keys, what));
    }
    right.push(Line::raw(""));
    right.push(Line::styled(
        "Filter language (/ and docbao list --query)",
        th.heading,
    ));
    for (ex, what) in QUERY_HELP {
        right.push(row(ex, what));
    }
    right.push(Line::raw(""));
    right.push(Line::styled("The timeline", th.heading));
    for (mark, what) in TIMELINE_HELP {
        right.push(row(mark, what));
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
pub fn height(app: &App, area: Rect) -> usize {
    let inner_w = if area.width < 100 {
        area.width
    } else {
        78.min(area.width)
    }
    .saturating_sub(2) as usize;
    let two = area.width >= 120;
    let (l, r) = sections(app, if two { inner_w / 2 } else { inner_w });
    if two {
        l.len().max(r.len())
    } else {
        l.len() + 1 + r.len()
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = &app.theme;
    let two = area.width >= 120;
    // Narrow screens: the help takes the whole screen, so no border is drawn over another.
    let rect = if area.width < 100 {
        area
    } else {
        centered(
            area,
            if two {
                156.min(area.width)
            } else {
                78.min(area.width)
            },
            area.height,
        )
    };
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border_focused)
        .title(title(app));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let scroll = app.help_scroll as u16;
    if two {
        let [l, r] = ratatui::layout::Layout::horizontal([
            ratatui::layout::Constraint::Percentage(50),
            ratatui::layout::Constraint::Percentage(50),
        ])
        .areas(inner);
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
