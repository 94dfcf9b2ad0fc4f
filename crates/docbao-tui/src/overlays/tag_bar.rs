//! The tag bar (`t`): the article's tags as a line to edit (`kinh-tế, korea, `: commas apart,
//! blanks inside a tag become `-`), over the status line, with the tags already given in the
//! archive offered for the one being typed (most used first, with or without diacritics). Tab
//! puts the offered tag in; Tab again, the next one. Enter keeps the line's tags (one deleted
//! is removed), Esc leaves them as they were.

use crate::action::Action;
use crate::app::App;
use crate::input::Input;
use crate::keys::Context;
use docbao_core::store::ArticleId;
use docbao_extract::text::{count, fold, truncate, width::width};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// How many offered tags the box shows at most.
const OFFERED: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct TagBar {
    pub input: Input,
    /// The article whose tags these are.
    pub id: Option<ArticleId>,
    /// Opened with `T`: the articles shown then, each to get the tags typed (none removed).
    pub all: Vec<ArticleId>,
    /// Every tag given in the archive and how many articles carry it, most used first.
    pub known: Vec<(String, usize)>,
    /// Indexes into `known` offered for the word at the cursor, best first.
    pub offered: Vec<usize>,
    pub selected: usize,
    /// Where the word being completed starts, while Tab cycles through the offers.
    cycling: Option<usize>,
}

impl TagBar {
    /// Opens the bar on an article's tags (a comma after them, to type the next one).
    pub fn open(&mut self, id: ArticleId, tags: &[String], known: Vec<(String, usize)>) {
        let mut line = tags.join(", ");
        if !line.is_empty() {
            line.push_str(", ");
        }
        self.input = Input::new(&line);
        self.id = Some(id);
        self.all.clear();
        self.known = known;
        self.cycling = None;
        self.refilter();
    }

    /// Opens the bar empty, for tags to add to every article in `ids` (the list shown).
    pub fn open_shown(&mut self, ids: Vec<ArticleId>, known: Vec<(String, usize)>) {
        self.input = Input::new("");
        self.id = None;
        self.all = ids;
        self.known = known;
        self.cycling = None;
        self.refilter();
    }

    /// Where the tag at the cursor starts: after the last comma before it and the blanks
    /// after that.
    fn word_start(&self) -> usize {
        let before = &self.input.text()[..self.input.cursor()];
        let start = before.rfind(',').map_or(0, |i| i + 1);
        start + (before[start..].len() - before[start..].trim_start().len())
    }

    /// Offers the known tags that start with the word at the cursor (folded, so `quoc` offers
    /// `quốc-phòng`), leaving out those the line already has.
    pub fn refilter(&mut self) {
        self.cycling = None;
        self.selected = 0;
        let text = self.input.text();
        let start = self.word_start();
        // As it will be kept: blanks inside are `-` (`kinh t` offers `kinh-tế`).
        let typed = &text[start..self.input.cursor()];
        let word = docbao_core::state::clean_tag(typed).map_or(String::new(), |t| fold(&t));
        let word = match typed.ends_with(' ') && !word.is_empty() {
            true => format!("{word}-"),
            false => word,
        };
        let others: Vec<String> =
            docbao_core::state::split_tags(&format!("{},{}", &text[..start], &text[self.input.cursor()..]));
        self.offered = self
            .known
            .iter()
            .enumerate()
            .filter(|(_, (t, _))| !others.contains(t) && fold(t).starts_with(&word))
            .map(|(i, _)| i)
            .collect();
    }

    /// Puts the offered tag in place of the word being typed; again, the next offer in place of
    /// that one.
    pub fn complete(&mut self) {
        if self.offered.is_empty() {
            return;
        }
        let start = match self.cycling {
            Some(start) => {
                self.selected = (self.selected + 1) % self.offered.len();
                start
            }
            None => self.word_start(),
        };
        let tag = self.known[self.offered[self.selected]].0.clone();
        let end = self.input.cursor();
        self.input.replace(start..end, &tag);
        self.cycling = Some(start);
    }

    /// Moves the offer that Tab puts in.
    pub fn step(&mut self, down: bool) {
        let n = self.offered.len();
        if n > 0 {
            self.selected = if down {
                (self.selected + 1).min(n - 1)
            } else {
                self.selected.saturating_sub(1)
            };
        }
        // While cycling, the offer moved to is the one in the line.
        if let (Some(start), Some(&k)) = (self.cycling, self.offered.get(self.selected)) {
            let tag = self.known[k].0.clone();
            let end = self.input.cursor();
            self.input.replace(start..end, &tag);
        }
    }

    /// The tags the line holds.
    pub fn tags(&self) -> Vec<String> {
        docbao_core::state::split_tags(self.input.text())
    }
}

/// The bar over the status line, and the offered tags in a box above it.
pub fn draw(f: &mut Frame, status: Rect, app: &App) {
    let (bar, th) = (&app.tag_bar, &app.theme);
    let w = status.width as usize;
    let all = format!(" add tags to {}: ", count(bar.all.len(), "article", "articles"));
    let prompt = if bar.all.is_empty() {
        " tags: "
    } else {
        all.as_str()
    };
    let keys = &app.keymap;
    let hint = [
        (Action::Complete, "complete"),
        (Action::Open, "save"),
        (Action::Back, "cancel"),
    ]
    .iter()
    .filter_map(|(a, what)| keys.hint(Context::Text, *a).map(|k| format!("{k} {what}")))
    .collect::<Vec<_>>()
    .join(" · ");
    let hint = crate::status::bar_message(app).unwrap_or_else(|| format!(" {hint} "));
    let room = w.saturating_sub(width(prompt) + width(&hint)).max(w / 2);
    let (shown, cursor) = bar.input.view(room);
    let used = width(prompt) + width(&shown);
    let line = Line::from(vec![
        Span::styled(prompt, th.status_key),
        Span::styled(shown, th.status),
        Span::styled(" ".repeat(w.saturating_sub(used + width(&hint))), th.status),
        Span::styled(truncate(&hint, w.saturating_sub(used)), th.status_key),
    ]);
    f.render_widget(Clear, status);
    f.render_widget(Paragraph::new(line), status);
    let cx = status.x + (width(prompt) + cursor).min(w.saturating_sub(1)) as u16;
    f.set_cursor_position((cx, status.y));
    offered_box(f, status, app);
}

/// The tags offered for the word at the cursor, with their counts, above the bar.
fn offered_box(f: &mut Frame, status: Rect, app: &App) {
    let (bar, th) = (&app.tag_bar, &app.theme);
    let n = bar.offered.len().min(OFFERED);
    let empty = bar.known.is_empty();
    let rows = if empty { 1 } else { n };
    if rows == 0 || status.y < 3 {
        return;
    }
    let w = 44.min(status.width);
    let h = (rows as u16 + 2).min(status.y);
    let rect = Rect::new(status.x, status.y - h, w, h);
    f.render_widget(Clear, rect);
    let title = format!(" Tags {}/{} ", bar.offered.len(), bar.known.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border_focused)
        .title(title);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    let iw = inner.width as usize;
    let lines: Vec<Line> = if empty {
        vec![Line::styled(truncate("no tags yet: type one", iw), th.meta)]
    } else {
        // The selected offer stays in view.
        let skip = bar.selected.saturating_sub(n - 1);
        bar.offered
            .iter()
            .enumerate()
            .skip(skip)
            .take(n)
            .map(|(i, &k)| {
                let (tag, count) = &bar.known[k];
                let c = format!(" {count}");
                let name = truncate(tag, iw.saturating_sub(width(&c)));
                let pad = iw.saturating_sub(width(&name) + width(&c));
                let style = if i == bar.selected { th.selected } else { th.person };
                Line::styled(format!("{name}{}{c}", " ".repeat(pad)), style)
            })
            .collect()
    };
    f.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(line: &str) -> TagBar {
        let known = [("quốc-phòng", 5), ("korea", 3), ("kinh-tế", 2), ("quan-trọng", 1)]
            .iter()
            .map(|(t, n)| (t.to_string(), *n))
            .collect();
        let mut b = TagBar::default();
        b.open(ArticleId(0), &[], known);
        b.input.insert(line);
        b.refilter();
        b
    }

    fn offered(b: &TagBar) -> Vec<&str> {
        b.offered.iter().map(|&i| b.known[i].0.as_str()).collect()
    }

    #[test]
    fn offers_known_tags_for_the_tag_typed_without_diacritics() {
        assert_eq!(
            offered(&bar("")),
            ["quốc-phòng", "korea", "kinh-tế", "quan-trọng"]
        );
        assert_eq!(offered(&bar("q")), ["quốc-phòng", "quan-trọng"]);
        assert_eq!(offered(&bar("korea, quoc")), ["quốc-phòng"]);
        // Blanks inside a tag are its dashes.
        assert_eq!(offered(&bar("kinh t")), ["kinh-tế"]);
        assert_eq!(offered(&bar("quoc ")), ["quốc-phòng"]);
        // A tag the line has is not offered again.
        assert_eq!(offered(&bar("korea, k")), ["kinh-tế"]);
    }

    #[test]
    fn tab_completes_and_cycles_then_typing_goes_on() {
        let mut b = bar("korea, q");
        b.complete();
        assert_eq!(b.input.text(), "korea, quốc-phòng");
        b.complete();
        assert_eq!(b.input.text(), "korea, quan-trọng");
        b.complete();
        assert_eq!(b.input.text(), "korea, quốc-phòng");
        b.input.insert(", ");
        b.refilter();
        assert_eq!(offered(&b), ["kinh-tế", "quan-trọng"]);
        b.step(true);
        b.complete();
        assert_eq!(b.input.text(), "korea, quốc-phòng, quan-trọng");
        assert_eq!(b.tags(), ["korea", "quan-trọng", "quốc-phòng"]);
    }

    #[test]
    fn a_tag_deleted_from_the_line_is_removed() {
        let mut b = TagBar::default();
        b.open(ArticleId(0), &["a".into(), "kinh-tế".into()], vec![]);
        assert_eq!(b.input.text(), "a, kinh-tế, ");
        b.input.delete_word();
        assert_eq!(b.tags(), ["a"]);
    }
}
