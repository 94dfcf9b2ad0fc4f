//! The timeline pane: the filtered articles counted per year, month or day as bars, an undated
//! bucket apart, a cursor to pick a period, the selected article's period and events marked.

use crate::action::Action;
use crate::app::{App, Pane};
use crate::keys::Context;
use docbao_core::query::timeline::{Bucket, Zoom};

use chrono::Datelike;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws the timeline into `area`.
pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let tl = &app.timeline;
    let focused = app.focus == Pane::Timeline;
    let block = app.theme.pane(title(app), focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let th = &app.theme;
    // Bars take all rows but the last two (the axis and the label row).
    let axis = inner.height >= 4;
    let bar_rows = (inner.height - 1 - u16::from(axis)) as usize;
    let col_w: usize = match tl.zoom {
        Zoom::Year => 5,
        Zoom::Month => 2,
        Zoom::Day => 1,
    };
    let undated_w = if tl.undated > 0 { 4 } else { 0 };
    let slots = ((inner.width as usize).saturating_sub(undated_w) / col_w).max(1);
    let n = tl.buckets.len();
    let offset = if n <= slots {
        0
    } else {
        let c = tl.cursor.min(n - 1);
        c.saturating_sub(slots / 2).min(n - slots)
    };
    let visible = &tl.buckets[offset..n.min(offset + slots)];
    let max = scale(visible, tl.undated);
    let rows = bars(app, visible, offset, (bar_rows, col_w, max), focused);
    let mut lines: Vec<Line> = rows.into_iter().map(Line::from).collect();
    if axis {
        lines.push(Line::styled(
            axis_labels(visible, tl.zoom, col_w, tl.undated > 0),
            th.meta,
        ));
    }
    lines.push(label_row(app, visible, focused));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The bars of the periods shown from `offset`, and the undated bar apart, `rows` tall and
/// `col_w` wide, scaled so `max` fills them: one list of spans per row.
fn bars<'a>(
    app: &'a App,
    visible: &[Bucket],
    offset: usize,
    (bar_rows, col_w, max): (usize, usize, usize),
    focused: bool,
) -> Vec<Vec<Span<'a>>> {
    let (tl, th) = (&app.timeline, &app.theme);
    let n = tl.buckets.len();
    let selected_bucket = app.selected_article().and_then(|a| tl.bucket_of(&a.date));
    let event_buckets: Vec<usize> = app
        .selected_article()
        .map(|a| a.events.iter().filter_map(|e| tl.bucket_of(&e.date)).collect())
        .unwrap_or_default();

    let mut rows: Vec<Vec<Span>> = vec![Vec::new(); bar_rows];
    let cell = |rows: &mut Vec<Vec<Span>>, count: usize, width: usize, style: Style, marker: Option<char>| {
        let eighths = bar_eighths(count, max, bar_rows);
        for (r, row) in rows.iter_mut().enumerate() {
            let level_from_bottom = bar_rows - 1 - r;
            let fill = eighths.saturating_sub(level_from_bottom * 8).min(8);
            // A blank column between bars, unless a bar is one column wide (by day).
            let glyphs = if width > 1 { width - 1 } else { width };
            let mut s: String = std::iter::repeat_n(BARS[fill], glyphs).collect();
            // The event mark stays on the top row even over a full bar (bars scaled on the
            // busiest period reach it often).
            if r == 0 {
                if let Some(m) = marker {
                    s = std::iter::once(m)
                        .chain(std::iter::repeat_n(BARS[fill], glyphs.saturating_sub(1)))
                        .collect();
                }
            }
            if width > 1 {
                s.push(' ');
            }
            row.push(Span::styled(s, style));
        }
    };
    // The cursor (when the pane has focus) over the selected article's period over a plain bar.
    let style_of = |i: usize| {
        if i == tl.cursor && focused {
            th.bar_cursor
        } else if Some(i) == selected_bucket {
            th.marker
        } else {
            th.bar
        }
    };
    for (k, b) in visible.iter().enumerate() {
        let i = offset + k;
        let style = style_of(i);
        let marker = if event_buckets.contains(&i) {
            Some('◆')
        } else {
            None
        };
        cell(&mut rows, b.count, col_w, style, marker);
    }
    if tl.undated > 0 {
        for row in rows.iter_mut() {
            row.push(Span::styled("│", th.border));
        }
        cell(&mut rows, tl.undated, 3, style_of(n), None);
    }
    rows
}

/// The pane's title: the zoom, and the keys that change it.
fn title(app: &App) -> String {
    let tl = &app.timeline;
    let zoom: Vec<&str> = [Action::ZoomIn, Action::ZoomOut]
        .iter()
        .filter_map(|a| app.keymap.hint(Context::Normal, *a))
        .collect();
    if zoom.is_empty() {
        format!(" Timeline · by {} ", tl.zoom.label())
    } else {
        format!(" Timeline · by {} ({}) ", tl.zoom.label(), zoom.join("/"))
    }
}

/// The label row: the cursor's period and count, and what is not shown.
fn label_row(app: &App, visible: &[Bucket], focused: bool) -> Line<'static> {
    let (tl, th) = (&app.timeline, &app.theme);
    let cur = match tl.cursor_period() {
        Some(Some(b)) => format!(
            "{}: {} article{}",
            b.label(tl.zoom),
            b.count,
            if b.count == 1 { "" } else { "s" }
        ),
        Some(None) => format!(
            "undated: {} article{}",
            tl.undated,
            if tl.undated == 1 { "" } else { "s" }
        ),
        None => "no dated articles".to_string(),
    };
    let mut label = vec![Span::styled(cur, if focused { th.bar_cursor } else { th.meta })];
    if let (Some(first), Some(last)) = (visible.first(), visible.last()) {
        label.push(Span::styled(
            format!("  {} … {}", first.label(tl.zoom), last.label(tl.zoom)),
            th.meta,
        ));
    }
    if tl.coarser > 0 {
        label.push(Span::styled(
            format!(
                "  +{} dated to the {} only",
                tl.coarser,
                tl.zoom.coarser().label()
            ),
            th.meta,
        ));
    }
    if let Some(p) = &app.period {
        label.push(Span::styled(
            format!("  filter: {}", crate::app::period_label(p)),
            th.person,
        ));
    }
    Line::from(label)
}

/// The count drawn at full height: the largest dated period in view. The undated bucket is
/// left out (it is capped at full height instead): a quarter of an archive undated would
/// otherwise flatten every dated bar to nothing.
fn scale(visible: &[Bucket], undated: usize) -> usize {
    let dated = visible.iter().map(|b| b.count).max().unwrap_or(0);
    if dated > 0 {
        dated
    } else {
        undated.max(1)
    }
}

/// Height of a bar in eighths of a row: at least one eighth for any article, at most
/// `bar_rows` full rows.
fn bar_eighths(count: usize, max: usize, bar_rows: usize) -> usize {
    if count == 0 {
        0
    } else {
        (count.min(max) * bar_rows * 8 / max.max(1)).max(1)
    }
}

/// Period labels under the bars, spaced so they never touch: every year; months at each
/// January (or every few months); days at each 1st (or every few days); the first column's
/// year (month) when no January (1st) is near. Where labels would touch, the start of a year
/// (month) wins over the first column's label, and both over a plain month (day), so a
/// month (day) is never read under the wrong year (month).
fn axis_labels(visible: &[Bucket], zoom: Zoom, col_w: usize, undated: bool) -> String {
    // (priority, x, label): 2 a new year or month, 1 the first column, 0 a plain one.
    let mut labels: Vec<(u8, usize, String)> = Vec::new();
    for (k, b) in visible.iter().enumerate() {
        let x = k * col_w;
        let (priority, label) = match zoom {
            Zoom::Year => (2, b.from.format("%Y").to_string()),
            Zoom::Month if b.from.month() == 1 => (2, b.from.format("%Y").to_string()),
            Zoom::Month if k == 0 => (1, b.from.format("%Y").to_string()),
            Zoom::Month if b.from.month() % 3 == 1 => (0, b.from.format("%m").to_string()),
            Zoom::Day if b.from.day() == 1 => (2, b.from.format("%Y-%m").to_string()),
            Zoom::Day if k == 0 => (1, b.from.format("%Y-%m").to_string()),
            Zoom::Day if b.from.day() % 7 == 1 => (0, b.from.format("%d").to_string()),
            _ => continue,
        };
        labels.push((priority, x, label));
    }
    // Higher priority first, left to right within one; a label is kept when a blank column
    // still separates it from every label kept before it.
    labels.sort_by_key(|(p, x, _)| (std::cmp::Reverse(*p), *x));
    let mut kept: Vec<(usize, String)> = Vec::new();
    for (_, x, label) in labels {
        let end = x + label.chars().count();
        if kept
            .iter()
            .all(|(kx, kl)| end < *kx || kx + kl.chars().count() < x)
        {
            kept.push((x, label));
        }
    }
    kept.sort_by_key(|(x, _)| *x);
    let mut line = String::new();
    for (x, label) in kept {
        while line.chars().count() < x {
            line.push(' ');
        }
        line.push_str(&label);
    }
    if undated {
        let x = visible.len() * col_w;
        while line.chars().count() < x {
            line.push(' ');
        }
        line.push_str(" ?");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use docbao_core::query::timeline::next_period;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    /// Consecutive periods from `from` at `zoom`, with these counts.
    fn buckets(from: NaiveDate, zoom: Zoom, counts: &[usize]) -> Vec<Bucket> {
        let mut p = from;
        let mut out = Vec::new();
        for &count in counts {
            let next = next_period(p, zoom).expect("a next period");
            out.push(Bucket {
                from: p,
                to: next.pred_opt().expect("a day before"),
                count,
            });
            p = next;
        }
        out
    }

    #[test]
    fn dated_bars_are_scaled_without_the_undated_bucket() {
        let rows = 4;
        let full = rows * 8;
        // A day zoom over a big archive: a few articles a day, 25,000 undated.
        let days = buckets(ymd(2025, 5, 1), Zoom::Day, &[3, 0, 12, 6, 1]);
        let max = scale(&days, 25_000);
        assert_eq!(max, 12);
        assert_eq!(bar_eighths(12, max, rows), full, "the busiest day is full height");
        assert_eq!(bar_eighths(6, max, rows), full / 2);
        assert_eq!(bar_eighths(1, max, rows), full / 12);
        assert_eq!(bar_eighths(0, max, rows), 0);
        assert_eq!(
            bar_eighths(25_000, max, rows),
            full,
            "undated is capped at full height"
        );
        // A smaller undated bucket is drawn to the same scale.
        assert_eq!(bar_eighths(3, scale(&days, 3), rows), full / 4);
        // Nothing dated in view: the undated bucket sets the scale.
        let empty = buckets(ymd(2025, 5, 1), Zoom::Day, &[0, 0]);
        assert_eq!(bar_eighths(40, scale(&empty, 40), rows), full);
        assert_eq!(scale(&[], 0), 1);
    }

    #[test]
    fn month_labels_keep_the_new_year_next_to_the_first_column() {
        // From November 2021: the first column's "2021" would hide January 2022.
        let months = buckets(ymd(2021, 11, 1), Zoom::Month, &[1; 16]);
        let line = axis_labels(&months, Zoom::Month, 2, false);
        assert_eq!(line, "    2022  04    07    10    2023");
        // Further from January, the first column keeps its year.
        let months = buckets(ymd(2021, 7, 1), Zoom::Month, &[1; 8]);
        assert_eq!(axis_labels(&months, Zoom::Month, 2, true), "2021  10    2022 ?");
    }

    #[test]
    fn day_labels_keep_the_new_month_next_to_the_first_column() {
        let days = buckets(ymd(2025, 11, 29), Zoom::Day, &[1; 20]);
        let line = axis_labels(&days, Zoom::Day, 1, false);
        assert_eq!(line, "  2025-12       15");
        // A new month wins over a plain day too.
        let days = buckets(ymd(2025, 11, 20), Zoom::Day, &[1; 16]);
        assert_eq!(axis_labels(&days, Zoom::Day, 1, false), "2025-11    2025-12");
    }
}
