//! The timeline pane: the filtered articles counted per year, month or day as bars, an undated
//! bucket apart, a cursor to pick a period, the selected article's period and events marked.
//! By year each bar carries its count above it; finer, the label row gives the count of the
//! period under the cursor (or of the selected article's, while the pane has no focus). With no
//! dated article there is nothing to chart: one line says so and counts the undated.

use crate::action::Action;
use crate::app::{App, Pane};
use crate::keys::Context;
use docbao_core::query::timeline::{Bucket, Timeline, Zoom};

use chrono::Datelike;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The mark over a period holding a date the selected article speaks of.
pub const EVENT_MARK: char = '◆';

/// What the legend says the mark means.
pub const EVENT_LEGEND: &str = "◆ a date the article speaks of";

/// Which periods are in sight and how wide each is drawn.
struct View {
    /// The first period in sight.
    offset: usize,
    /// How many are in sight.
    len: usize,
    /// The cells of one period's column (its bar and the gap after it).
    col_w: usize,
}

fn view(tl: &Timeline, width: u16) -> View {
    let col_w: usize = match tl.zoom {
        Zoom::Year => 5,
        Zoom::Month => 2,
        Zoom::Day => 1,
    };
    let undated_w = if tl.undated > 0 { 4 } else { 0 };
    let slots = ((width as usize).saturating_sub(undated_w) / col_w).max(1);
    let n = tl.buckets.len();
    let offset = if n <= slots {
        0
    } else {
        let c = tl.cursor.min(n - 1);
        c.saturating_sub(slots / 2).min(n - slots)
    };
    View {
        offset,
        len: n.min(offset + slots) - offset,
        col_w,
    }
}

/// The cursor position under column `x` of the pane's inside (`inner`), for a click: a
/// period's bar, or the undated one.
pub fn position_at(app: &App, inner: Rect, x: u16) -> Option<usize> {
    let tl = &app.timeline;
    if tl.buckets.is_empty() {
        return (tl.undated > 0).then_some(0);
    }
    let v = view(tl, inner.width);
    let dx = x.checked_sub(inner.x)? as usize;
    let k = dx / v.col_w;
    if k < v.len {
        return Some(v.offset + k);
    }
    // The undated bar: after the dated ones and a separator.
    (tl.undated > 0 && dx >= v.len * v.col_w).then_some(tl.buckets.len())
}

/// Whether the timeline has anything to chart (else one line says so).
pub fn has_chart(tl: &Timeline) -> bool {
    !tl.buckets.is_empty()
}

/// A count in at most `w` cells: `1234`, else `12k`, `3M`; `None` when even that is wider.
fn short_count(n: usize, w: usize) -> Option<String> {
    [
        n.to_string(),
        format!("{}k", n / 1000),
        format!("{}M", n / 1_000_000),
    ]
    .into_iter()
    .find(|s| s.len() <= w && !s.starts_with('0'))
    .or_else(|| (n == 0 && w > 0).then(|| "0".to_string()))
}

/// Draws the timeline into `area`.
pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let tl = &app.timeline;
    let focused = app.focus == Pane::Timeline;
    let block = app.theme.pane(title(app), focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if !has_chart(tl) {
        return f.render_widget(Paragraph::new(nothing_dated(app, focused)), inner);
    }
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let th = &app.theme;
    // Bars take all rows but the last two (the axis and the label row); by year, the top one
    // holds the counts.
    let axis = inner.height >= 4;
    let bar_rows = (inner.height - 1 - u16::from(axis)) as usize;
    let v = view(tl, inner.width);
    let counts = tl.zoom == Zoom::Year && bar_rows >= 2;
    let visible = &tl.buckets[v.offset..v.offset + v.len];
    let max = scale(visible, tl.undated);
    let mut lines: Vec<Line> = Vec::new();
    if counts {
        lines.push(Line::from(count_row(app, visible, v.offset, focused)));
    }
    let rows = bars(
        app,
        visible,
        v.offset,
        (bar_rows - usize::from(counts), v.col_w, max),
        (focused, !counts),
    );
    lines.extend(rows.into_iter().map(Line::from));
    if axis {
        lines.push(Line::styled(
            axis_labels(visible, tl.zoom, v.col_w, tl.undated > 0),
            th.meta,
        ));
    }
    lines.push(label_row(app, visible, focused, inner.width as usize));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The one line of a timeline with nothing dated: the undated count, under the cursor when the
/// pane has the focus (Enter lists them).
fn nothing_dated(app: &App, focused: bool) -> Line<'static> {
    let (tl, th) = (&app.timeline, &app.theme);
    if tl.undated == 0 {
        return Line::styled("no articles to chart", th.meta);
    }
    let s = if tl.undated == 1 { "" } else { "s" };
    let mut spans = vec![
        Span::styled("no dated articles · ", th.meta),
        Span::styled(
            format!("{} undated article{s}", tl.undated),
            if focused { th.bar_cursor } else { th.meta },
        ),
    ];
    if let (true, Some(k)) = (focused, app.keymap.hint(Context::Normal, Action::Open)) {
        spans.push(Span::styled(format!(" ({k} lists them)"), th.meta));
    }
    Line::from(spans)
}

/// The style of the period at cursor position `i`: the cursor (when the pane has the focus)
/// over the selected article's period over a plain bar.
fn style_of(app: &App, i: usize, focused: bool) -> Style {
    let (tl, th) = (&app.timeline, &app.theme);
    let selected_bucket = app.selected_article().and_then(|a| tl.bucket_of(&a.date));
    if i == tl.cursor && focused {
        th.bar_cursor
    } else if Some(i) == selected_bucket {
        th.marker
    } else {
        th.bar
    }
}

/// The cursor positions holding a date the selected article speaks of.
fn event_buckets(app: &App) -> Vec<usize> {
    let tl = &app.timeline;
    app.selected_article()
        .map(|a| a.events.iter().filter_map(|e| tl.bucket_of(&e.date)).collect())
        .unwrap_or_default()
}

/// By year: each period's count over its bar (the event mark first where there is one), and
/// the undated count over its bar.
fn count_row<'a>(app: &'a App, visible: &[Bucket], offset: usize, focused: bool) -> Vec<Span<'a>> {
    let tl = &app.timeline;
    let events = event_buckets(app);
    let mut spans = Vec::new();
    let cell = |i: usize, count: usize, w: usize| {
        let mark = events.contains(&i);
        let room = w - 1 - usize::from(mark);
        let n = short_count(count, room).filter(|_| count > 0).unwrap_or_default();
        let mark = if mark {
            EVENT_MARK.to_string()
        } else {
            String::new()
        };
        let text = format!("{mark}{n:>room$} ");
        Span::styled(text, style_of(app, i, focused))
    };
    for (k, b) in visible.iter().enumerate() {
        spans.push(cell(offset + k, b.count, 5));
    }
    if tl.undated > 0 {
        spans.push(Span::styled("│", app.theme.border));
        spans.push(cell(tl.buckets.len(), tl.undated, 3));
    }
    spans
}

/// The bars of the periods shown from `offset`, and the undated bar apart, `rows` tall and
/// `col_w` wide, scaled so `max` fills them: one list of spans per row. With `marks`, the top
/// row carries the event mark (when no count row does).
fn bars<'a>(
    app: &'a App,
    visible: &[Bucket],
    offset: usize,
    (bar_rows, col_w, max): (usize, usize, usize),
    (focused, marks): (bool, bool),
) -> Vec<Vec<Span<'a>>> {
    let (tl, th) = (&app.timeline, &app.theme);
    let n = tl.buckets.len();
    let event_buckets = if marks { event_buckets(app) } else { Vec::new() };
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
    for (k, b) in visible.iter().enumerate() {
        let i = offset + k;
        let marker = event_buckets.contains(&i).then_some(EVENT_MARK);
        cell(&mut rows, b.count, col_w, style_of(app, i, focused), marker);
    }
    if tl.undated > 0 {
        for row in rows.iter_mut() {
            row.push(Span::styled("│", th.border));
        }
        cell(&mut rows, tl.undated, 3, style_of(app, n, focused), None);
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
    if !has_chart(tl) {
        " Timeline ".to_string()
    } else if zoom.is_empty() {
        format!(" Timeline · by {} ", tl.zoom.label())
    } else {
        format!(" Timeline · by {} ({}) ", tl.zoom.label(), zoom.join("/"))
    }
}

/// A period's count, said in words.
fn articles(label: &str, n: usize) -> String {
    format!("{label}: {n} article{}", if n == 1 { "" } else { "s" })
}

/// The label row: the count of the cursor's period (of the selected article's while the pane
/// has no focus), the periods in sight, what is not shown, and what the mark means; pieces
/// that do not fit the width are left out, the mark's meaning first.
fn label_row(app: &App, visible: &[Bucket], focused: bool, width: usize) -> Line<'static> {
    let (tl, th) = (&app.timeline, &app.theme);
    let selected = app.selected_article().and_then(|a| tl.bucket_of(&a.date));
    let position = if focused {
        Some(tl.cursor)
    } else {
        selected.or(Some(tl.cursor))
    };
    let cur = match position {
        Some(i) if i < tl.buckets.len() => {
            let b = &tl.buckets[i];
            articles(&b.label(tl.zoom), b.count)
        }
        Some(i) if i == tl.buckets.len() && tl.undated > 0 => articles("undated", tl.undated),
        _ => "no dated articles".to_string(),
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
    let used: usize = label
        .iter()
        .map(|s| docbao_extract::text::width::width(&s.content))
        .sum();
    let legend = format!("  {EVENT_LEGEND}");
    if !event_buckets(app).is_empty() && used + docbao_extract::text::width::width(&legend) <= width {
        label.push(Span::styled(legend, th.marker));
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
