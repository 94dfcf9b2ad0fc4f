//! The `theme:` section of the configuration: colour roles and their styles as the file writes
//! them (`bold yellow on blue`), checked here and turned into terminal styles by the theme.

use docbao_core::settings::{nearest, FromConfigStr};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

/// The 16 ANSI colours, by the names the config file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

/// Colour names, canonical first; `bright_*` and `grey` are accepted too.
pub const COLOURS: &[(&str, Colour)] = &[
    ("black", Colour::Black),
    ("red", Colour::Red),
    ("green", Colour::Green),
    ("yellow", Colour::Yellow),
    ("blue", Colour::Blue),
    ("magenta", Colour::Magenta),
    ("cyan", Colour::Cyan),
    ("gray", Colour::Gray),
    ("dark_gray", Colour::DarkGray),
    ("light_red", Colour::LightRed),
    ("light_green", Colour::LightGreen),
    ("light_yellow", Colour::LightYellow),
    ("light_blue", Colour::LightBlue),
    ("light_magenta", Colour::LightMagenta),
    ("light_cyan", Colour::LightCyan),
    ("white", Colour::White),
    ("grey", Colour::Gray),
    ("dark_grey", Colour::DarkGray),
    ("bright_black", Colour::DarkGray),
    ("bright_red", Colour::LightRed),
    ("bright_green", Colour::LightGreen),
    ("bright_yellow", Colour::LightYellow),
    ("bright_blue", Colour::LightBlue),
    ("bright_magenta", Colour::LightMagenta),
    ("bright_cyan", Colour::LightCyan),
    ("bright_white", Colour::White),
];

const MODIFIERS: &[&str] = &["bold", "dim", "italic", "underline", "reverse"];

impl Colour {
    pub fn name(self) -> &'static str {
        COLOURS
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("default", |(n, _)| n)
    }

    fn parse(word: &str) -> Option<Colour> {
        let w = word.to_ascii_lowercase().replace('-', "_");
        COLOURS
            .iter()
            .find(|(n, _)| *n == w || n.replace('_', "") == w)
            .map(|(_, c)| *c)
    }
}

/// A style as the config writes it: `bold yellow on blue`, `reverse`, `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StyleSpec {
    /// `None`: the terminal's own colour.
    pub fg: Option<Colour>,
    pub bg: Option<Colour>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
    pub reverse: bool,
}

impl StyleSpec {
    /// Parses `[bold] [dim] [italic] [underline] [reverse] [colour] [on colour]` or `default`.
    pub fn parse(s: &str) -> Result<StyleSpec, String> {
        let mut spec = StyleSpec::default();
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.is_empty() {
            return Err(format!(
                "expected a style like {STYLE_EXAMPLES}, found an empty string"
            ));
        }
        let colour_names: Vec<&str> = COLOURS.iter().take(16).map(|(n, _)| *n).collect();
        let colour = |w: &str| -> Result<Option<Colour>, String> {
            if w.eq_ignore_ascii_case("default") {
                return Ok(None);
            }
            Colour::parse(w).map(Some).ok_or_else(|| {
                let mut m = format!(
                    "`{w}` is not a colour; expected one of {}, default",
                    colour_names.join(", ")
                );
                let all: Vec<&str> = colour_names.iter().chain(MODIFIERS).copied().collect();
                match nearest(w, &all) {
                    Some(n) if MODIFIERS.contains(&n) => {
                        let _ = write!(m, "; did you mean the modifier `{n}`?");
                    }
                    Some(n) => {
                        let _ = write!(m, "; did you mean `{n}`?");
                    }
                    None => {}
                }
                m
            })
        };
        let mut fg_seen = false;
        let mut i = 0;
        while i < words.len() {
            let w = words[i].to_ascii_lowercase();
            match w.as_str() {
                "bold" => spec.bold = true,
                "dim" => spec.dim = true,
                "italic" => spec.italic = true,
                "underline" | "underlined" => spec.underline = true,
                "reverse" | "reversed" => spec.reverse = true,
                "on" => {
                    let Some(bg) = words.get(i + 1) else {
                        return Err(format!("`{s}`: `on` needs a background colour after it"));
                    };
                    spec.bg = colour(bg)?;
                    if let Some(extra) = words.get(i + 2) {
                        return Err(format!(
                            "`{s}`: `{extra}` after the background colour; expected {STYLE_EXAMPLES}"
                        ));
                    }
                    break;
                }
                _ if !fg_seen => {
                    spec.fg = colour(&w)?;
                    fg_seen = true;
                }
                _ => {
                    return Err(format!(
                        "`{s}`: `{}` after the colour (a background needs `on`); expected {STYLE_EXAMPLES}",
                        words[i]
                    ))
                }
            }
            i += 1;
        }
        Ok(spec)
    }
}

const STYLE_EXAMPLES: &str = "`yellow`, `bold light_cyan`, `black on yellow`, `reverse` or `default`";

impl fmt::Display for StyleSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words: Vec<&str> = Vec::new();
        for (on, name) in [
            (self.bold, "bold"),
            (self.dim, "dim"),
            (self.italic, "italic"),
            (self.underline, "underline"),
            (self.reverse, "reverse"),
        ] {
            if on {
                words.push(name);
            }
        }
        match (self.fg, self.bg) {
            (Some(fg), _) => words.push(fg.name()),
            (None, Some(_)) => words.push("default"),
            (None, None) => {}
        }
        if let Some(bg) = self.bg {
            words.push("on");
            words.push(bg.name());
        }
        if words.is_empty() {
            words.push("default");
        }
        f.write_str(&words.join(" "))
    }
}

impl FromConfigStr for StyleSpec {
    const EXPECTED: &'static str = "a style like `bold yellow on blue`";
    fn from_config_str(s: &str) -> Result<Self, String> {
        StyleSpec::parse(s)
    }
}

/// A colour role: one kind of thing on screen.
#[derive(Debug, Clone, Copy)]
pub struct Role {
    pub name: &'static str,
    /// Its style with colour (see `ui::theme`; `NO_COLOR` uses a fixed style set instead).
    pub default: &'static str,
    pub what: &'static str,
}

const fn role(name: &'static str, default: &'static str, what: &'static str) -> Role {
    Role { name, default, what }
}

/// Every colour role, with its default.
pub const ROLES: &[Role] = &[
    role("text", "default", "article text"),
    role("title", "bold light_cyan", "article titles, keys in the help"),
    role("meta", "dark_gray", "date, words and path under a title; hints"),
    role("person", "light_green", "persons in the list and the reader"),
    role("heading", "bold yellow", "subheadings, help headings"),
    role("caption", "italic dark_gray", "image captions"),
    role("credit", "dark_gray", "photo credits"),
    role("image", "magenta", "image placeholders"),
    role("event", "light_magenta", "dates the text speaks of"),
    role("link", "light_blue", "link numbers ([2]) and the links list"),
    role("matched", "black on yellow", "filter matches"),
    role("match_current", "black on light_green", "the match n/N went to"),
    role("selected", "black on cyan", "the selected article, pane focused"),
    role(
        "selected_unfocused",
        "reverse",
        "the selected article, pane not focused",
    ),
    role("border", "dark_gray", "pane borders"),
    role("border_focused", "cyan", "the focused pane's border"),
    role("date", "blue", "dates in the list"),
    role("status", "white on blue", "the status line"),
    role(
        "status_key",
        "bold yellow on blue",
        "counts and prompt in the status line",
    ),
    role("error", "light_red", "errors"),
    role("bar", "cyan", "timeline bars"),
    role(
        "bar_cursor",
        "bold yellow",
        "the timeline period under the cursor",
    ),
    role("marker", "bold light_magenta", "timeline markers"),
    role("popup", "default", "help and person picker"),
];

/// Every colour role with its default style, in the order of [`ROLES`].
pub fn default_theme() -> Vec<(&'static str, StyleSpec)> {
    ROLES
        .iter()
        .map(|r| (r.name, StyleSpec::parse(r.default).unwrap_or_default()))
        .collect()
}

struct RoleName(&'static str);

/// The `theme:` section as written: `role: style` pairs in file order.
#[derive(Default)]
pub struct ThemeSection(pub Vec<(&'static str, StyleSpec)>);

impl<'de> Deserialize<'de> for ThemeSection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ThemeSection;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of role: style")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ThemeSection, A::Error> {
                let mut out: Vec<(&'static str, StyleSpec)> = Vec::new();
                while let Some(role) = map.next_key::<RoleName>()? {
                    if out.iter().any(|(r, _)| *r == role.0) {
                        return Err(de::Error::custom(format!("`{}` is listed twice", role.0)));
                    }
                    out.push((role.0, map.next_value()?));
                }
                Ok(ThemeSection(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl FromConfigStr for RoleName {
    const EXPECTED: &'static str = "a colour role like `title`";
    fn from_config_str(s: &str) -> Result<Self, String> {
        ROLES
            .iter()
            .find(|r| r.name == s)
            .map(|r| RoleName(r.name))
            .ok_or_else(|| {
                // The serde form, so the error reads like an unknown key.
                <de::value::Error as de::Error>::unknown_variant(s, role_names()).to_string()
            })
    }
}

fn role_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| ROLES.iter().map(|r| r.name).collect())
}

docbao_core::deserialize_checked!(StyleSpec, RoleName);
