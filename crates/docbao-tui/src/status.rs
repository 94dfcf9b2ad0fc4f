//! The bottom line: the filter bar while typing (or a question to answer), otherwise a message,
//! or the filter in force, the archive and the key hints; at the right what the filter matched,
//! the unread count, how long it took, and loading progress.
//!
//! The line is shared by priority. What the user types or must answer comes first and is never
//! cut while it fits the line at all; then a message; then the filter in force and the key
//! hints; the archive's path last, shortened (`~` for the home folder is done where the label
//! is made; here a middle ellipsis keeps its start and its last folders). The right side gives
//! way first: it has shorter forms (no timing, a shorter gauge, no unread count), and the
//! fullest that leaves the left side its room is drawn.

use crate::action::Action;
use crate::app::{period_label, App, Overlay};
use crate::keys::Context;
use docbao_extract::text::{truncate, width::width};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;

/// The parts of the right side, drawn at one of several levels of detail.
struct Right {
    filtering: bool,
    loading: Option<(usize, Option<usize>)>,
    /// What the gauge counts: files read, or articles whose persons were found.
    stage: &'static str,
    unread: usize,
    shown: usize,
    total: usize,
    millis: Option<f64>,
    order: &'static str,
}

/// How many levels of detail [`Right::form`] has (0 is the fullest).
const RIGHT_LEVELS: usize = 7;

impl Right {
    fn of(app: &App) -> Right {
        Right {
            filtering: app.filtering,
            loading: app.loading.map(|p| (p.done, p.total)),
            stage: match app.loading.map(|p| p.stage) {
                Some(crate::app::Stage::Persons) => "persons ",
                _ => "loading ",
            },
            unread: app.reading.unread_shown,
            shown: app.shown.len(),
            total: app.store().len(),
            millis: app
                .filter_time
                .filter(|_| app.show_timings)
                .map(|t| t.as_secs_f64() * 1e3),
            order: app.order_label(),
        }
    }

    /// The right side at a level of detail: 0 everything; then without the timing, with a
    /// shorter gauge, with none (the percentage and the files read), without the files read,
    /// without the unread count, and last the counts alone.
    fn form(&self, level: usize) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some((done, total)) = self.loading {
            let frac = match total {
                Some(t) if t > 0 => (done as f64 / t as f64).min(1.0),
                _ => 0.0,
            };
            let pct = format!("{:>3.0}%", frac * 100.0);
            let bar_w = match level {
                0 | 1 => 12,
                2 => 6,
                _ => 0,
            };
            let mut l = String::from(self.stage);
            if bar_w > 0 {
                let filled = ((frac * bar_w as f64).round() as usize).min(bar_w);
                l.push_str(&"█".repeat(filled));
                l.push_str(&"░".repeat(bar_w - filled));
                l.push(' ');
            }
            l.push_str(pct.trim_start());
            if level <= 3 {
                let t = total.map_or("?".to_string(), |t| t.to_string());
                l.push_str(&format!(" {done}/{t}"));
            }
            if level >= 6 {
                l = pct.trim_start().to_string();
            }
            parts.push(l);
        }
        if level <= 4 {
            parts.push(format!("{} unread", self.unread));
        }
        // Said when it is not the plain browsing order.
        if level <= 3 && self.order != "newest first" {
            parts.push(self.order.to_string());
        }
        parts.push(format!("{}/{}", self.shown, self.total));
        if level == 0 {
            if let Some(ms) = self.millis.filter(|_| !self.filtering) {
                parts.push(format!("{ms:.1} ms"));
            }
        }
        let mut s = parts.join(" · ");
        if self.filtering {
            // The list still shows the previous query's result.
            s.insert_str(0, if level >= 6 { "… " } else { "filtering… " });
        }
        format!(" {s} ")
    }
}

/// What the left side holds, by priority.
enum Left<'a> {
    /// The filter bar being typed in.
    Bar,
    /// A question or a prompt with its own text box: the text before the box, and the box's
    /// text when there is one.
    Prompt(String, Option<&'a crate::input::Input>),
    Message(&'a str),
    /// The filter in force, the archive, the key hints.
    Normal,
}

impl<'a> Left<'a> {
    fn of(app: &'a App) -> Left<'a> {
        match app.overlay {
            Overlay::Filter => Left::Bar,
            Overlay::SaveSearch => Left::Prompt(
                format!(" save /{} as: ", app.filter_input.text()),
                Some(&app.searches.name_input),
            ),
            Overlay::Confirm => Left::Prompt(format!(" {} ", app.confirm_question()), None),
            Overlay::Link => Left::Prompt(app.link_prompt(), Some(&app.link_input)),
            _ => match &app.message {
                Some((m, _)) => Left::Message(m),
                None => Left::Normal,
            },
        }
    }

    /// The width the left side needs whole, for choosing the right side's form.
    fn need(&self, app: &App) -> usize {
        match self {
            // The prompt, the query, and a cell for the cursor after it.
            Left::Bar => 3 + width(app.filter_input.text()),
            Left::Prompt(p, input) => width(p) + input.map_or(0, |i| width(i.text()) + 1),
            Left::Message(m) => 2 + width(m),
            // The path takes what is left: it never makes the counts give way.
            Left::Normal => {
                let hints: usize = hints(app).iter().map(|h| 3 + width(h)).sum();
                1 + width(&filter_piece(app)) + hints + 1
            }
        }
    }
}

/// The message to show at the right of an open bar, if there is one (see
/// [`App::bar_message`]).
pub fn bar_message(app: &App) -> Option<String> {
    app.bar_message().map(|m| format!(" {m} "))
}

/// The fewest cells a shortened path is shown in.
const PATH_MIN: usize = 14;

/// The key hints, most useful first (the keys the user bound).
fn hints(app: &App) -> Vec<String> {
    [
        (Action::Filter, "filter"),
        (Action::People, "persons"),
        (Action::Help, "help"),
    ]
    .iter()
    .filter_map(|(a, what)| {
        app.keymap
            .hint(Context::Normal, *a)
            .map(|k| format!("{k} {what}"))
    })
    .collect()
}

/// The filter and the period in force, as the list's title and the status line show them.
pub fn filter_piece(app: &App) -> String {
    let mut s = String::new();
    if !app.filter_input.is_empty() {
        s.push('/');
        s.push_str(app.filter_input.text());
    }
    if let Some(p) = &app.period {
        if !s.is_empty() {
            s.push_str(" · ");
        }
        s.push_str(&format!("period {}", period_label(p)));
    }
    s
}

/// `s` in at most `max` cells: whole if it fits; a path keeps its first part and as many of its
/// last as fit around `…` (`~/tin/…/2025/quoc-phong`), the last one cut in its middle if need
/// be; a name that is no path is cut at its end.
pub fn shorten_middle(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() < 2 {
        return truncate(s, max);
    }
    if parts.len() > 2 {
        let head = format!("{}/…", parts[0]);
        let mut tail = String::new();
        for p in parts[1..].iter().rev() {
            let next = format!("/{p}{tail}");
            if width(&head) + width(&next) > max {
                break;
            }
            tail = next;
        }
        if !tail.is_empty() {
            return head + &tail;
        }
        let room = max.saturating_sub(width(&head) + 1);
        if room >= 6 {
            let last = parts.last().copied().unwrap_or_default();
            return format!("{head}/{}", cut_middle(last, room));
        }
    }
    cut_middle(s, max)
}

/// `s` cut in its middle to `max` cells: its start and end kept, graphemes whole.
fn cut_middle(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let graphemes: Vec<&str> = s.graphemes(true).collect();
    let room = max - 1;
    let (mut front, mut back) = (String::new(), Vec::new());
    let (mut i, mut j) = (0, graphemes.len());
    let mut used = 0;
    while i < j {
        let take_front = width(&front) <= back.iter().map(|g: &&str| width(g)).sum::<usize>();
        let g = if take_front {
            graphemes[i]
        } else {
            graphemes[j - 1]
        };
        if used + width(g) > room {
            break;
        }
        used += width(g);
        if take_front {
            front.push_str(g);
            i += 1;
        } else {
            back.push(g);
            j -= 1;
        }
    }
    back.reverse();
    format!("{front}…{}", back.concat())
}

/// The filter bar being typed in: the query, scrolled so the cursor shows, the cursor placed;
/// a query selected whole (typing replaces it) is shown selected.
fn filter_bar(f: &mut Frame, area: Rect, app: &App, left_w: usize, spans: &mut Vec<Span<'static>>) {
    let th = &app.theme;
    let text = app.filter_input.text();
    let before = &text[..app.filter_input.cursor()];
    // The query first: a problem with it gets the room the query leaves, at most a third of
    // the bar while the query is longer than the bar.
    let reserve = match app.query.errors.first() {
        Some(e) if 3 + width(text) + 6 > left_w => (width(e) + 4).min(left_w / 3),
        _ => 0,
    };
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
    spans.push(Span::styled("/ ", th.status_key));
    let style = if app.filter_input.is_selected() {
        th.selected
    } else {
        th.status
    };
    spans.push(Span::styled(shown, style));
    let cx = area.x + 2 + width(&before[start..]).min(avail) as u16;
    f.set_cursor_position((cx.min(area.x + area.width.saturating_sub(1)), area.y));
    if let Some(e) = app.query.errors.first() {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let e = truncate(&format!("  ⚠ {e}"), left_w.saturating_sub(used));
        spans.push(Span::styled(e, th.error.patch(th.status)));
    }
}

/// The left side when nothing is typed or said: the filter, the archive, the key hints.
fn normal(app: &App, left_w: usize) -> String {
    let avail = left_w.saturating_sub(1);
    let filter = filter_piece(app);
    let filter = truncate(&filter, avail);
    let mut used = width(&filter);
    let mut kept_hints = Vec::new();
    for h in hints(app) {
        let w = 3 + width(&h);
        if used + w > avail {
            break;
        }
        used += w;
        kept_hints.push(h);
    }
    let sep = if filter.is_empty() { 0 } else { 3 };
    let room = avail.saturating_sub(used + sep);
    // A path cut to a few letters says nothing: it is left out instead.
    let path = if room >= width(&app.source_label).min(PATH_MIN) {
        shorten_middle(&app.source_label, room)
    } else {
        String::new()
    };
    let mut s = String::from(" ");
    let mut pieces: Vec<&str> = Vec::new();
    if !filter.is_empty() {
        pieces.push(&filter);
    }
    if !path.is_empty() {
        pieces.push(&path);
    }
    s.push_str(&pieces.join(" · "));
    for h in &kept_hints {
        if s.trim().is_empty() {
            s.push_str(h);
        } else {
            s.push_str(&format!(" · {h}"));
        }
    }
    truncate(&s, left_w)
}

/// A prompt and its text box, the cursor placed after what was typed.
fn prompt(
    f: &mut Frame,
    area: Rect,
    app: &App,
    (text, input): (&str, Option<&crate::input::Input>),
    left_w: usize,
    spans: &mut Vec<Span<'static>>,
) {
    let th = &app.theme;
    let typed = input.map_or("", |i| i.text());
    // The box's text stays whole; the question gives way.
    let q = truncate(text, left_w.saturating_sub(width(typed) + 1));
    let typed = truncate(typed, left_w.saturating_sub(width(&q) + 1));
    let x = area.x + (width(&q) + width(&typed)) as u16;
    spans.push(Span::styled(q, th.status_key));
    if let Some(i) = input {
        let style = if i.is_selected() { th.selected } else { th.status };
        spans.push(Span::styled(typed, style));
        f.set_cursor_position((x.min(area.x + area.width.saturating_sub(1)), area.y));
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = &app.theme;
    let w = area.width as usize;
    let left = Left::of(app);
    let need = left.need(app);
    let parts = Right::of(app);
    let mut right = parts.form(RIGHT_LEVELS - 1);
    // The timing gives way to the archive's path (at least its shortened form); the counts
    // never do.
    let path = match left {
        Left::Normal => 3 + width(&app.source_label).min(PATH_MIN),
        _ => 0,
    };
    for level in 0..RIGHT_LEVELS {
        let r = parts.form(level);
        let need = if level == 0 { need + path } else { need };
        if width(&r) + need <= w {
            right = r;
            break;
        }
    }
    // While a bar or a prompt is open, a message (why Enter did nothing, what Up found) takes
    // the counts' place: the text typed keeps its room.
    let right = match (&left, bar_message(app)) {
        (Left::Bar | Left::Prompt(..), Some(m)) => truncate(&m, w.saturating_sub(need).max(w / 3)),
        _ => truncate(&right, w),
    };
    let left_w = w.saturating_sub(width(&right));
    let mut spans: Vec<Span> = Vec::new();
    match left {
        Left::Bar => filter_bar(f, area, app, left_w, &mut spans),
        Left::Prompt(text, input) => prompt(f, area, app, (&text, input), left_w, &mut spans),
        Left::Message(m) => spans.push(Span::styled(truncate(&format!(" {m}"), left_w), th.status)),
        Left::Normal => spans.push(Span::styled(normal(app, left_w), th.status)),
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::styled(" ".repeat(left_w.saturating_sub(used)), th.status));
    spans.push(Span::styled(right, th.status_key));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_keeps_its_start_and_last_folders() {
        let p = "~/tin-tuc/vnexpress/2025/thoi-su/quoc-phong";
        assert_eq!(shorten_middle(p, 60), p);
        assert_eq!(shorten_middle(p, 24), "~/…/thoi-su/quoc-phong");
        assert_eq!(shorten_middle(p, 14), "~/…/quoc-phong");
        let s = shorten_middle(p, 10);
        assert!(width(&s) <= 10 && s.contains('…'), "{s}");
        assert!(s.starts_with("~/") && s.ends_with("ng"), "{s}");
        assert_eq!(
            shorten_middle("~/tin-tuc/vnexpress/ban-luu-tru-day-du", 20),
            "~/…/ban-luu-…-day-du"
        );
        assert_eq!(shorten_middle("sample corpus (built in)", 12), "sample corp…");
        assert_eq!(shorten_middle("Hà Nội", 0), "");
        for max in 1..30 {
            assert!(width(&shorten_middle("/srv/tin tức/Đà Nẵng/bão số 3", max)) <= max);
        }
    }

    #[test]
    fn the_right_side_gives_way_step_by_step() {
        let r = Right {
            filtering: false,
            loading: Some((1200, Some(5000))),
            stage: "loading ",
            unread: 1150,
            shown: 12,
            total: 1200,
            millis: Some(3.25),
            order: "newest first",
        };
        let forms: Vec<String> = (0..RIGHT_LEVELS).map(|l| r.form(l)).collect();
        assert_eq!(
            forms[0],
            " loading ███░░░░░░░░░ 24% 1200/5000 · 1150 unread · 12/1200 · 3.2 ms "
        );
        assert_eq!(forms[2], " loading █░░░░░ 24% 1200/5000 · 1150 unread · 12/1200 ");
        assert_eq!(forms[4], " loading 24% · 1150 unread · 12/1200 ");
        assert_eq!(forms[6], " 24% · 12/1200 ");
        for pair in forms.windows(2) {
            assert!(width(&pair[1]) <= width(&pair[0]), "{pair:?}");
        }
    }
}
