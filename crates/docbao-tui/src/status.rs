//! The bottom line: the filter bar while typing, otherwise where you are, what the filter
//! matched and how long it took, loading progress, and messages.

use crate::action::Action;
use crate::app::{period_label, App, Overlay};
use crate::keys::Context;
use docbao_extract::text::{truncate, width::width};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn counts(app: &App) -> String {
    let mut s = format!(
        "{} unread · {}/{}",
        app.reading.unread_shown,
        app.shown.len(),
        app.store().len()
    );
    if app.filtering {
        // The list still shows the previous query's result.
        s.insert_str(0, "filtering… ");
    } else if app.show_timings {
        if let Some(t) = app.filter_time {
            s.push_str(&format!(" · {:.1} ms", t.as_secs_f64() * 1e3));
        }
    }
    s
}

fn gauge(done: usize, total: usize, w: usize) -> String {
    let frac = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    let filled = ((frac * w as f64).round() as usize).min(w);
    format!(
        "{}{} {:>3.0}%",
        "█".repeat(filled),
        "░".repeat(w - filled),
        frac * 100.0
    )
}

/// The filter bar being typed in: the query, scrolled so the cursor shows, the cursor placed.
fn filter_bar(f: &mut Frame, area: Rect, app: &App, left_w: usize, spans: &mut Vec<Span<'static>>) {
    let th = &app.theme;
    let text = app.filter_input.text();
    let prompt = "/";
    // keep the cursor visible: show the tail when the query is longer than the bar
    let before = &text[..app.filter_input.cursor()];
    // Room kept for the first problem with the query (up to a third of the bar), so that a
    // query as long as the bar still shows that a term was left out.
    let reserve = app
        .query
        .errors
        .first()
        .map_or(0, |e| (width(e) + 4).min(left_w / 3));
    let avail = left_w.saturating_sub(2 + reserve);
    // Scrolled so the text before the cursor fits: `start` is a char boundary, so the part
    // shown and the cursor's column both come from slices that cannot split a character.
    let start = if width(before) > avail {
        before
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| width(&before[i..]) < avail)
            .unwrap_or(before.len())
    } else {
        0
    };
    let shown = truncate(&text[start..], avail);
    spans.push(Span::styled(prompt, th.status_key));
    spans.push(Span::styled(format!(" {shown}"), th.status));
    let cx = area.x + 2 + width(&before[start..]).min(avail) as u16;
    f.set_cursor_position((cx.min(area.x + area.width.saturating_sub(1)), area.y));
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = &app.theme;
    let w = area.width as usize;
    let right = {
        let mut r = counts(app);
        if let Some(p) = &app.loading {
            let bar = gauge(p.done, p.total.unwrap_or(0), 12);
            r = format!(
                "loading {} {}/{} · {r}",
                bar,
                p.done,
                p.total.map(|t| t.to_string()).unwrap_or("?".into())
            );
        }
        format!(" {r} ")
    };
    let rw = width(&right);
    let left_w = w.saturating_sub(rw);
    let mut spans: Vec<Span> = Vec::new();
    if app.overlay == Overlay::Filter {
        filter_bar(f, area, app, left_w, &mut spans);
    } else if let Some((m, _)) = &app.message {
        spans.push(Span::styled(truncate(&format!(" {m}"), left_w), th.status));
    } else {
        let mut s = String::from(" ");
        if !app.filter_input.is_empty() {
            s.push_str(&format!("/{} ", app.filter_input.text()));
        }
        if let Some(p) = &app.period {
            s.push_str(&format!("period {} ", period_label(p)));
        }
        if s.trim().is_empty() {
            s.push_str(&app.source_label);
            for (a, what) in [
                (Action::Filter, "filter"),
                (Action::People, "persons"),
                (Action::Help, "help"),
            ] {
                if let Some(k) = app.keymap.hint(Context::Normal, a) {
                    s.push_str(&format!(" · {k} {what}"));
                }
            }
        }
        spans.push(Span::styled(truncate(&s, left_w), th.status));
    }
    if !app.query.errors.is_empty() && app.overlay == Overlay::Filter {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let e = truncate(
            &format!("  ⚠ {}", app.query.errors[0]),
            left_w.saturating_sub(used),
        );
        spans.push(Span::styled(e, th.error.patch(th.status)));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::styled(" ".repeat(left_w.saturating_sub(used)), th.status));
    spans.push(Span::styled(
        truncate(&right, w.saturating_sub(left_w)),
        th.status_key,
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
