//! The export bar (`w`): a file name for the articles the list shows, over the status line.
//! The name's extension picks the format (`.jsonl`, `.csv`, `.md`); a name that exists is
//! overwritten only after a second Enter.

use crate::action::Action;
use crate::app::App;
use crate::input::Input;
use crate::keys::Context;
use docbao_extract::text::{count, truncate, width::width};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

#[derive(Debug, Clone, Default)]
pub struct ExportBar {
    pub input: Input,
    /// The file name that exists and that a second Enter overwrites.
    pub confirm: Option<String>,
    /// The name last written to, offered again next time.
    pub last: Option<String>,
}

impl ExportBar {
    /// Opens the bar with the last name written to, if any.
    pub fn open(&mut self) {
        // The last name, selected: typing replaces it, a cursor key keeps it to edit (as the
        // filter bar does).
        self.input = Input::new(self.last.as_deref().unwrap_or(""));
        self.input.select_all();
        self.confirm = None;
    }

    /// Whether Enter now overwrites the file the bar names.
    pub fn confirming(&self) -> bool {
        self.confirm.as_deref() == Some(self.input.text().trim())
    }
}

pub fn draw(f: &mut Frame, status: Rect, app: &App) {
    let (bar, th) = (&app.export_bar, &app.theme);
    let w = status.width as usize;
    let prompt = format!(" write {} to: ", count(app.shown.len(), "article", "articles"));
    let keys = &app.keymap;
    let enter = keys.hint(Context::Text, Action::Open).unwrap_or("Enter");
    // The question of a file that exists, short; else what Enter said last; else the formats.
    let hint = if bar.confirming() {
        format!(" exists: {enter} overwrites it ")
    } else if let Some(m) = crate::status::bar_message(app) {
        m
    } else {
        " .jsonl .csv .md ".to_string()
    };
    let room = w.saturating_sub(width(&prompt) + width(&hint)).max(w / 3);
    let (shown, cursor) = bar.input.view(room);
    let used = width(&prompt) + width(&shown);
    let hint_style = if bar.confirming() {
        th.error.patch(th.status)
    } else {
        th.status_key
    };
    let line = Line::from(vec![
        Span::styled(prompt.clone(), th.status_key),
        Span::styled(
            shown,
            if bar.input.is_selected() {
                th.selected
            } else {
                th.status
            },
        ),
        Span::styled(" ".repeat(w.saturating_sub(used + width(&hint))), th.status),
        Span::styled(truncate(&hint, w.saturating_sub(used)), hint_style),
    ]);
    f.render_widget(Clear, status);
    f.render_widget(Paragraph::new(line), status);
    let cx = status.x + (width(&prompt) + cursor).min(w.saturating_sub(1)) as u16;
    f.set_cursor_position((cx, status.y));
}
