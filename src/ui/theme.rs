//! Colours and styles. Only the 16 basic ANSI colours are used, so every terminal (linux
//! console, screen, tmux, 16-colour xterm) shows the same thing; with `NO_COLOR` set, no colour
//! at all and everything stays readable through bold, reverse, underline and dim.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub title: Style,
    pub meta: Style,
    pub person: Style,
    pub heading: Style,
    pub caption: Style,
    pub credit: Style,
    pub image: Style,
    pub event: Style,
    pub matched: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub border: Style,
    pub border_focused: Style,
    pub date: Style,
    pub status: Style,
    pub status_key: Style,
    pub error: Style,
    pub bar: Style,
    pub bar_cursor: Style,
    pub marker: Style,
    pub popup: Style,
}

impl Theme {
    pub fn color() -> Self {
        let s = Style::default;
        Theme {
            text: s(),
            title: s().add_modifier(Modifier::BOLD).fg(Color::LightCyan),
            meta: s().fg(Color::DarkGray),
            person: s().fg(Color::LightGreen),
            heading: s().add_modifier(Modifier::BOLD).fg(Color::Yellow),
            caption: s().fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            credit: s().fg(Color::DarkGray),
            image: s().fg(Color::Magenta),
            event: s().fg(Color::LightMagenta),
            matched: s().fg(Color::Black).bg(Color::Yellow),
            selected: s().fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: s().add_modifier(Modifier::REVERSED),
            border: s().fg(Color::DarkGray),
            border_focused: s().fg(Color::Cyan),
            date: s().fg(Color::Blue),
            status: s().fg(Color::White).bg(Color::Blue),
            status_key: s().fg(Color::Yellow).bg(Color::Blue).add_modifier(Modifier::BOLD),
            error: s().fg(Color::LightRed),
            bar: s().fg(Color::Cyan),
            bar_cursor: s().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            marker: s().fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            popup: s(),
        }
    }

    /// No colour: structure through modifiers only.
    pub fn no_color() -> Self {
        let s = Style::default;
        Theme {
            text: s(),
            title: s().add_modifier(Modifier::BOLD),
            meta: s().add_modifier(Modifier::DIM),
            person: s(),
            heading: s().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            caption: s().add_modifier(Modifier::DIM | Modifier::ITALIC),
            credit: s().add_modifier(Modifier::DIM),
            image: s().add_modifier(Modifier::DIM),
            event: s(),
            matched: s().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: s().add_modifier(Modifier::REVERSED),
            selected_unfocused: s().add_modifier(Modifier::UNDERLINED),
            border: s(),
            border_focused: s().add_modifier(Modifier::BOLD),
            date: s(),
            status: s().add_modifier(Modifier::REVERSED),
            status_key: s().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: s().add_modifier(Modifier::BOLD),
            bar: s(),
            bar_cursor: s().add_modifier(Modifier::REVERSED),
            marker: s().add_modifier(Modifier::BOLD),
            popup: s(),
        }
    }

    /// The frame of a pane, its border marking whether it has the focus.
    pub fn pane(&self, title: String, focused: bool) -> Block<'static> {
        let border = if focused { self.border_focused } else { self.border };
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(title)
    }

    /// `NO_COLOR` set to anything non-empty turns colour off (no-color.org).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::no_color(),
            _ => Theme::color(),
        }
    }
}
