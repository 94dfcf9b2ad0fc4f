//! The reader pane: one article, cleaned, wrapped once per width, with query matches marked so
//! `n`/`N` can jump between them, and its web links numbered (`[2]` after each) so a digit
//! opens one.

use crate::action::Action;
use crate::app::App;
use crate::keys::Context;
use docbao_core::dates::DateFormat;
use docbao_core::store::Article;
use docbao_extract::text::sanitize::sanitize_line;
use docbao_extract::text::{fold, wrap};
use docbao_extract::Block;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;
use std::ops::Range;

/// What a line of the reader is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    Meta,
    Person,
    Event,
    Heading,
    Text,
    Caption,
    Credit,
    Image,
    /// A row of the links list after the article.
    Link,
    Blank,
}

/// The mark before each date in the reader's "Dates mentioned".
const EVENT_MARK: &str = "◆ ";

/// One wrapped line with the byte ranges of query matches in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RLine {
    pub text: String,
    pub kind: Kind,
    pub matches: Vec<Range<usize>>,
    /// Byte ranges of link numbers (`[2]`) in it.
    pub hints: Vec<Range<usize>>,
}

/// An article laid out for one width.
#[derive(Debug, Clone, Default)]
pub struct ReaderView {
    pub id: Option<docbao_core::store::ArticleId>,
    pub width: u16,
    pub lines: Vec<RLine>,
    /// Indexes of lines holding a match.
    pub match_lines: Vec<usize>,
    pub scroll: usize,
    /// The folded words marked in it.
    pub words: Vec<String>,
    /// How many matches it holds (a line may hold several).
    pub match_total: usize,
    /// The match `n`/`N` went to last, counted from the top (0-based).
    pub current: Option<usize>,
    /// The article's tags it shows.
    pub tags: Vec<String>,
    /// The article's web links, in the order of their numbers (`[1]` is `links[0]`): its
    /// address first, then the text's, each once.
    pub links: Vec<String>,
}

impl ReaderView {
    /// Lays out an article with its tags and the paths of its story's other copies for `width`
    /// columns, marking `words` (folded).
    pub fn build(
        a: &Article,
        width: u16,
        words: &[String],
        dates: &DateFormat,
        (tags, copies): (&[String], &[String]),
    ) -> Self {
        let mut out = Wrapper {
            w: width.max(10) as usize,
            words,
            lines: Vec::new(),
            links: Vec::new(),
        };
        out.header(a, dates, tags);
        if !copies.is_empty() {
            let paths: Vec<String> = copies.iter().map(|p| sanitize_line(p)).collect();
            out.push(&format!("also in: {}", paths.join(", ")), Kind::Meta, "");
        }
        let blocks = a.blocks();
        let from_header = out.links.len();
        out.body(&blocks);
        out.dates_mentioned(a, &blocks);
        if out.links.len() > from_header {
            out.links_list();
        }
        let Wrapper { lines, links, .. } = out;
        let match_lines = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.matches.is_empty())
            .map(|(i, _)| i)
            .collect();
        let match_total = lines.iter().map(|l| l.matches.len()).sum();
        ReaderView {
            id: Some(a.id),
            width,
            lines,
            match_lines,
            scroll: 0,
            words: words.to_vec(),
            match_total,
            current: None,
            tags: tags.to_vec(),
            links,
        }
    }

    pub fn max_scroll(&self, height: usize) -> usize {
        self.lines.len().saturating_sub(height)
    }

    /// The line of match `k` (counted from the top).
    pub fn match_line(&self, k: usize) -> Option<usize> {
        let mut seen = 0;
        for &i in &self.match_lines {
            let n = self.lines[i].matches.len();
            if k < seen + n {
                return Some(i);
            }
            seen += n;
        }
        None
    }

    /// The first match on line `line` or below it, counted from the top.
    pub fn first_match_from(&self, line: usize) -> Option<usize> {
        let before: usize = self.lines[..line.min(self.lines.len())]
            .iter()
            .map(|l| l.matches.len())
            .sum();
        (before < self.match_total).then_some(before)
    }
}

/// Lines being laid out for the reader, `w` columns wide, `words` marked.
struct Wrapper<'w> {
    w: usize,
    words: &'w [String],
    lines: Vec<RLine>,
    /// The links numbered so far.
    links: Vec<String>,
}

impl Wrapper<'_> {
    /// Adds `text` wrapped. A marker prefix (`◆ `) starts its entry, the lines after it hang
    /// under its text; a bar (`│ `) runs along every line of a caption.
    fn push(&mut self, text: &str, kind: Kind, prefix: &str) {
        self.push_hinted(text, kind, prefix, &[]);
    }

    /// [`Self::push`] with link numbers at `hints` (byte ranges of `text`).
    fn push_hinted(&mut self, text: &str, kind: Kind, prefix: &str, hints: &[Range<usize>]) {
        let avail = self
            .w
            .saturating_sub(docbao_extract::text::width::width(prefix))
            .max(5);
        let rest = match prefix {
            EVENT_MARK => "  ".to_string(),
            p if p.starts_with('[') => " ".repeat(p.len()),
            p => p.to_string(),
        };
        for (i, r) in wrap(text, avail).into_iter().enumerate() {
            let prefix = if i == 0 { prefix } else { rest.as_str() };
            let line = format!("{prefix}{}", &text[r.clone()]);
            let matches = find_matches(&line, self.words, prefix.len());
            let shift = |h: &Range<usize>| h.start - r.start + prefix.len()..h.end - r.start + prefix.len();
            let mut hints: Vec<Range<usize>> = hints
                .iter()
                .filter(|h| h.start >= r.start && h.end <= r.end)
                .map(shift)
                .collect();
            if i == 0 && prefix.starts_with('[') {
                hints.push(0..prefix.trim_end().len());
            }
            // A digit typed in the filter is not found inside a link's number.
            let matches = matches
                .into_iter()
                .filter(|m| !hints.iter().any(|h| m.start < h.end && h.start < m.end))
                .collect();
            self.lines.push(RLine {
                text: line,
                kind,
                matches,
                hints,
            });
        }
    }

    /// The number of a link (from 1), given it if new.
    fn number(&mut self, target: String) -> usize {
        match self.links.iter().position(|l| *l == target) {
            Some(i) => i + 1,
            None => {
                self.links.push(target);
                self.links.len()
            }
        }
    }

    /// `text` with `[n]` after each web link in it, and where those numbers are.
    fn numbered(&mut self, text: &str) -> (String, Vec<Range<usize>>) {
        let found = docbao_extract::text::links::find(text);
        if found.is_empty() {
            return (text.to_string(), Vec::new());
        }
        let mut out = String::with_capacity(text.len() + 8 * found.len());
        let mut hints = Vec::new();
        let mut at = 0;
        for r in found {
            out.push_str(&text[at..r.end]);
            at = r.end;
            let Some(target) = docbao_extract::text::links::target(&text[r]) else {
                continue;
            };
            let hint = format!("[{}]", self.number(target));
            out.push(' ');
            hints.push(out.len()..out.len() + hint.len());
            out.push_str(&hint);
        }
        out.push_str(&text[at..]);
        (out, hints)
    }

    /// A text block with its links numbered.
    fn push_text(&mut self, text: &str, kind: Kind, prefix: &str) {
        let (text, hints) = self.numbered(text);
        self.push_hinted(&text, kind, prefix, &hints);
    }

    /// Every link with its number, after the article, so the ones in the text need not be
    /// hunted for.
    fn links_list(&mut self) {
        self.push("", Kind::Blank, "");
        self.push("Links", Kind::Heading, "");
        // The addresses in one column: `[9] ` padded as wide as `[10] `.
        let w = format!("[{}] ", self.links.len()).len();
        for (i, l) in self.links.clone().iter().enumerate() {
            let prefix = format!("[{}] ", i + 1);
            let prefix = format!("{prefix:<w$}");
            self.push(&sanitize_line(l), Kind::Link, &prefix);
        }
    }

    /// Title, date, words and path, address, persons, tags, dates spoken of.
    fn header(&mut self, a: &Article, dates: &DateFormat, tags: &[String]) {
        self.push(&a.title, Kind::Title, "");
        let date = if a.date.is_dated() {
            format!("{} ({})", dates.show(&a.date), a.date.precision())
        } else {
            "undated".to_string()
        };
        self.push(
            &format!(
                "{date} · {} · {}",
                docbao_extract::text::count(a.words, "word", "words"),
                sanitize_line(&a.path)
            ),
            Kind::Meta,
            "",
        );
        if let Some(u) = a.url() {
            match docbao_extract::text::links::target(u) {
                Some(t) => {
                    let prefix = format!("[{}] ", self.number(t));
                    self.push(&sanitize_line(u), Kind::Meta, &prefix);
                }
                None => self.push(&sanitize_line(u), Kind::Meta, ""),
            }
        }
        if !a.persons.is_empty() {
            self.push(&format!("persons: {}", a.persons.join(", ")), Kind::Person, "");
        }
        if !tags.is_empty() {
            self.push(&format!("tags: {}", tags.join(", ")), Kind::Meta, "");
        }
        if !a.events.is_empty() {
            let mut dates: Vec<String> = a.events.iter().map(|e| e.date.to_string()).collect();
            dates.sort();
            dates.dedup();
            self.push(&format!("dates: {}", dates.join(", ")), Kind::Event, "");
        }
    }

    /// The text's blocks, a blank line before each.
    fn body(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.push("", Kind::Blank, "");
            match b {
                Block::Heading { text } => self.push_text(text, Kind::Heading, ""),
                Block::Paragraph { text } => self.push_text(text, Kind::Text, ""),
                Block::Image { path } => {
                    self.push(&format!("[ảnh: {}]", sanitize_line(path)), Kind::Image, "")
                }
                Block::Caption { text, credit } => {
                    let t = match credit {
                        Some(c) => format!("{text} ({c})"),
                        None => text.clone(),
                    };
                    self.push_text(&t, Kind::Caption, "│ ")
                }
                Block::Credit { text } => self.push_text(text, Kind::Credit, ""),
            }
        }
    }

    /// The dates the text speaks of, each with its sentence, after the article.
    fn dates_mentioned(&mut self, a: &Article, blocks: &[Block]) {
        if a.events.is_empty() {
            return;
        }
        self.push("", Kind::Blank, "");
        self.push("Dates mentioned", Kind::Heading, "");
        let mut seen = std::collections::HashSet::new();
        for e in &a.events {
            let text = e.text(&a.title, blocks);
            if seen.insert((e.date, text)) {
                self.push(&format!("{} — {text}", e.date), Kind::Event, EVENT_MARK);
            }
        }
    }
}

/// Byte ranges in `line` where any folded word occurs (folding is one char to one char, so
/// char positions carry over). Matches start at a word start.
pub fn find_matches(line: &str, words: &[String], skip: usize) -> Vec<Range<usize>> {
    if words.is_empty() {
        return vec![];
    }
    let folded = fold(line);
    let fchars: Vec<char> = folded.chars().collect();
    let offsets: Vec<usize> = line.char_indices().map(|(i, _)| i).chain([line.len()]).collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    for w in words {
        let wc: Vec<char> = w.chars().collect();
        if wc.is_empty() || wc.len() > fchars.len() {
            continue;
        }
        let mut i = 0;
        while i + wc.len() <= fchars.len() {
            let at_start = i == 0 || !fchars[i - 1].is_alphanumeric();
            if at_start && fchars[i..i + wc.len()] == wc[..] && offsets[i] >= skip {
                out.push(offsets[i]..offsets[i + wc.len()]);
                i += wc.len();
            } else {
                i += 1;
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

fn style_for(kind: Kind, app: &App) -> Style {
    let t = &app.theme;
    match kind {
        Kind::Title => t.title,
        Kind::Meta => t.meta,
        Kind::Person => t.person,
        Kind::Event => t.event,
        Kind::Heading => t.heading,
        Kind::Text | Kind::Blank => t.text,
        Kind::Caption => t.caption,
        Kind::Credit => t.credit,
        Kind::Image => t.image,
        Kind::Link => t.link,
    }
}

/// The reader's title: a bookmark star, and how many matches the article holds (or which one
/// `n`/`N` went to), with the keys that move between them.
fn title(app: &App, bookmarked: bool) -> String {
    let view = &app.reader;
    let name = if bookmarked { "Reader ★" } else { "Reader" };
    match (view.lines.len(), view.match_total, view.current) {
        (0, _, _) | (_, 0, _) => format!(" {name} "),
        (_, m, current) => {
            let count = match current {
                Some(c) => format!("match {}/{m}", c + 1),
                None if m == 1 => "1 match".to_string(),
                None => format!("{m} matches"),
            };
            let keys = &app.keymap;
            match (
                keys.hint(Context::Normal, Action::NextMatch),
                keys.hint(Context::Normal, Action::PrevMatch),
            ) {
                (Some(n), Some(p)) => format!(" {name} · {count} ({n}/{p}) "),
                (Some(k), None) | (None, Some(k)) => format!(" {name} · {count} ({k}) "),
                (None, None) => format!(" {name} · {count} "),
            }
        }
    }
}

/// Draws the reader into `area`.
pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus == crate::app::Pane::Reader;
    let view = &app.reader;
    let bookmarked = view
        .id
        .and_then(|id| app.store().try_get(id))
        .is_some_and(|a| app.reading.marks.is_bookmarked_key(a.key));
    let title = title(app, bookmarked);
    let block = app.theme.pane(title, focused);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if view.lines.is_empty() {
        let hint = match app.keymap.hint(Context::Normal, Action::Open) {
            _ if app.shown.is_empty() => "No article to show.".to_string(),
            Some(k) => format!("{k} opens the selected article."),
            None => "Select an article to read it.".to_string(),
        };
        f.render_widget(Paragraph::new(hint).style(app.theme.meta), inner);
        return;
    }
    let h = inner.height as usize;
    let scroll = view.scroll.min(view.max_scroll(h));
    // Matches above the view, so each one shown knows its number (the current one stands out).
    let mut k: usize = view.lines[..scroll].iter().map(|l| l.matches.len()).sum();
    let lines: Vec<Line> = view.lines[scroll..]
        .iter()
        .take(h)
        .map(|l| {
            // Matches and link numbers, in order; a match keeps its number even when a link
            // number covers it.
            let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
            for m in &l.matches {
                let this = k;
                k += 1;
                let style = if view.current == Some(this) {
                    app.theme.match_current
                } else {
                    app.theme.matched
                };
                marks.push((m.clone(), style));
            }
            marks.extend(l.hints.iter().map(|h| (h.clone(), app.theme.link)));
            marks.sort_by_key(|(r, _)| r.start);
            styled_line(&l.text, style_for(l.kind, app), &marks)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
    if view.lines.len() > h {
        let mut sb = ScrollbarState::new(view.max_scroll(h)).position(scroll);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some("│")),
            area.inner(ratatui::layout::Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut sb,
        );
    }
}

/// `text` in `base`, with the ranges of `marks` (sorted by start) in their styles; a range
/// that overlaps the one before or falls outside the text is left plain.
fn styled_line<'a>(text: &'a str, base: Style, marks: &[(Range<usize>, Style)]) -> Line<'a> {
    let mut spans = Vec::new();
    let mut at = 0;
    for (r, style) in marks {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        spans.push(Span::styled(&text[at..r.start], base));
        spans.push(Span::styled(&text[r.clone()], *style));
        at = r.end;
    }
    spans.push(Span::styled(&text[at..], base));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_map_to_original_text() {
        let line = "Bộ trưởng Quốc phòng Hàn Quốc";
        let m = find_matches(line, &["quoc".to_string()], 0);
        assert_eq!(m.len(), 2);
        assert_eq!(&line[m[0].clone()], "Quốc");
        assert!(find_matches("đối tượng", &["tuong".to_string()], 0).len() == 1);
        assert!(find_matches("doituong", &["tuong".to_string()], 0).is_empty());
    }

    #[test]
    fn a_date_mentioned_is_marked_once_and_its_sentence_hangs_under_it() {
        let text = " date 2025-03-14 Tin ngắn.\n\nNgày 12/3, bộ trưởng quốc phòng hai nước đã gặp nhau \
                    tại Seoul để bàn về kế hoạch tập trận chung trong mùa xuân năm nay.\n";
        let out = docbao_core::ingest::load_bytes("a.txt", text.as_bytes());
        let a = out.article.expect("an article");
        assert!(!a.events.is_empty());
        let view = ReaderView::build(&a, 30, &[], &DateFormat::default(), (&[], &[]));
        let section: Vec<&str> = view
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .skip_while(|l| *l != "Dates mentioned")
            .skip(1)
            .collect();
        assert!(section.len() > a.events.len(), "wrapped: {section:?}");
        let marks = section.iter().filter(|l| l.starts_with(EVENT_MARK)).count();
        assert_eq!(marks, a.events.len(), "{section:?}");
        assert!(
            section
                .iter()
                .all(|l| l.starts_with(EVENT_MARK) || l.starts_with("  ")),
            "{section:?}"
        );
    }
}
