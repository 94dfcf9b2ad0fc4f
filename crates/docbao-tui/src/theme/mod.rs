//! Colours and styles. Only the 16 basic ANSI colours are used, so every terminal (linux
//! console, screen, tmux, 16-colour xterm) shows the same thing; with `NO_COLOR` set, no colour
//! at all and everything stays readable through bold, reverse, underline and dim.

pub mod spec;

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders};
use spec::{Colour, StyleSpec};

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
    pub link: Style,
    pub matched: Style,
    pub match_current: Style,
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
    /// The default colours ([`spec::ROLES`]).
    pub fn color() -> Self {
        Theme::from_specs(&spec::default_theme())
    }

    /// Colours from the configuration's roles; a role not listed keeps no style.
    pub fn from_specs(specs: &[(&str, StyleSpec)]) -> Self {
        let mut t = Theme::no_style();
        for (role, spec) in specs {
            if let Some(slot) = t.slot(role) {
                *slot = style(spec);
            }
        }
        t
    }

    fn no_style() -> Self {
        let s = Style::default();
        Theme {
            text: s,
            title: s,
            meta: s,
            person: s,
            heading: s,
            caption: s,
            credit: s,
            image: s,
            event: s,
            link: s,
            matched: s,
            match_current: s,
            selected: s,
            selected_unfocused: s,
            border: s,
            border_focused: s,
            date: s,
            status: s,
            status_key: s,
            error: s,
            bar: s,
            bar_cursor: s,
            marker: s,
            popup: s,
        }
    }

    /// The style of a colour role, by its name in the configuration.
    fn slot(&mut self, role: &str) -> Option<&mut Style> {
        Some(match role {
            "text" => &mut self.text,
            "title" => &mut self.title,
            "meta" => &mut self.meta,
            "person" => &mut self.person,
            "heading" => &mut self.heading,
            "caption" => &mut self.caption,
            "credit" => &mut self.credit,
            "image" => &mut self.image,
            "event" => &mut self.event,
            "link" => &mut self.link,
            "matched" => &mut self.matched,
            "match_current" => &mut self.match_current,
            "selected" => &mut self.selected,
            "selected_unfocused" => &mut self.selected_unfocused,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "date" => &mut self.date,
            "status" => &mut self.status,
            "status_key" => &mut self.status_key,
            "error" => &mut self.error,
            "bar" => &mut self.bar,
            "bar_cursor" => &mut self.bar_cursor,
            "marker" => &mut self.marker,
            "popup" => &mut self.popup,
            _ => return None,
        })
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
            link: s().add_modifier(Modifier::UNDERLINED),
            matched: s().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            match_current: s().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
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

    /// The configuration's colours, unless `NO_COLOR` is set to anything non-empty: then no
    /// colour at all, whatever the configuration says (no-color.org).
    pub fn from_env(specs: &[(&str, StyleSpec)]) -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::no_color(),
            _ => Theme::from_specs(specs),
        }
    }
}

fn colour(c: Colour) -> Color {
    match c {
        Colour::Black => Color::Black,
        Colour::Red => Color::Red,
        Colour::Green => Color::Green,
        Colour::Yellow => Color::Yellow,
        Colour::Blue => Color::Blue,
        Colour::Magenta => Color::Magenta,
        Colour::Cyan => Color::Cyan,
        Colour::Gray => Color::Gray,
        Colour::DarkGray => Color::DarkGray,
        Colour::LightRed => Color::LightRed,
        Colour::LightGreen => Color::LightGreen,
        Colour::LightYellow => Color::LightYellow,
        Colour::LightBlue => Color::LightBlue,
        Colour::LightMagenta => Color::LightMagenta,
        Colour::LightCyan => Color::LightCyan,
        Colour::White => Color::White,
    }
}

/// The terminal style of a configured one.
pub fn style(spec: &StyleSpec) -> Style {
    let mut s = Style::default();
    if let Some(fg) = spec.fg {
        s = s.fg(colour(fg));
    }
    if let Some(bg) = spec.bg {
        s = s.bg(colour(bg));
    }
    for (on, m) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reverse, Modifier::REVERSED),
    ] {
        if on {
            s = s.add_modifier(m);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::spec::ROLES;
    use super::*;

    /// The colours as they were written before the configuration: the role table must keep them.
    #[test]
    fn default_roles_are_the_old_colours() {
        let s = Style::default;
        let t = Theme::color();
        assert_eq!(t.title, s().add_modifier(Modifier::BOLD).fg(Color::LightCyan));
        assert_eq!(t.caption, s().fg(Color::DarkGray).add_modifier(Modifier::ITALIC));
        assert_eq!(t.matched, s().fg(Color::Black).bg(Color::Yellow));
        assert_eq!(t.selected_unfocused, s().add_modifier(Modifier::REVERSED));
        assert_eq!(t.status, s().fg(Color::White).bg(Color::Blue));
        assert_eq!(
            t.status_key,
            s().fg(Color::Yellow).bg(Color::Blue).add_modifier(Modifier::BOLD)
        );
        assert_eq!(t.marker, s().fg(Color::LightMagenta).add_modifier(Modifier::BOLD));
        assert_eq!(t.text, s());
    }

    #[test]
    fn every_role_has_a_slot() {
        let mut t = Theme::color();
        for r in ROLES {
            assert!(t.slot(r.name).is_some(), "{}", r.name);
        }
    }
}
