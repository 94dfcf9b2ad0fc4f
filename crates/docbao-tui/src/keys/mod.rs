//! The key table: one list maps keys to actions per context; the help overlay is generated
//! from the same list, so it cannot drift from what the keys do.

use crate::action::Action;
pub mod config;

use config::KeyBinding;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Browsing: list, reader, timeline.
    Normal,
    /// Typing in the filter bar or the person picker.
    Text,
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [&'static str],
    pub action: Action,
    pub help: &'static str,
}

const fn n(keys: &'static [&'static str], action: Action, help: &'static str) -> Binding {
    Binding {
        context: Context::Normal,
        keys,
        action,
        help,
    }
}

const fn t(keys: &'static [&'static str], action: Action, help: &'static str) -> Binding {
    Binding {
        context: Context::Text,
        keys,
        action,
        help,
    }
}

/// The default bindings.
pub const DEFAULT: &[Binding] = &[
    n(&["j", "Down"], Action::Down, "next article / scroll down"),
    n(&["k", "Up"], Action::Up, "previous article / scroll up"),
    n(&["h", "Left"], Action::Left, "timeline: earlier period"),
    n(&["l", "Right"], Action::Right, "timeline: later period"),
    n(&["g", "Home"], Action::Top, "first article / top"),
    n(&["G", "End"], Action::Bottom, "last article / bottom"),
    n(&["C-d"], Action::HalfPageDown, "half a page down"),
    n(&["C-u"], Action::HalfPageUp, "half a page up"),
    n(&["PageDown", "C-f", "Space"], Action::PageDown, "a page down"),
    n(&["PageUp", "C-b"], Action::PageUp, "a page up"),
    n(&["Tab"], Action::NextPane, "next pane (list, reader, timeline)"),
    n(&["BackTab"], Action::PrevPane, "previous pane"),
    n(
        &["Enter"],
        Action::Open,
        "open article / filter to timeline period",
    ),
    n(
        &["Esc"],
        Action::Back,
        "close reader / clear period / clear filter",
    ),
    n(&["/"], Action::Filter, "filter (type a query)"),
    n(
        &["S"],
        Action::Sort,
        "order: relevance, newest first, oldest first",
    ),
    n(&["p"], Action::People, "pick a person to filter by"),
    n(
        &["J", "]"],
        Action::NextArticle,
        "next article (the reader stays open)",
    ),
    n(
        &["K", "["],
        Action::PrevArticle,
        "previous article (the reader stays open)",
    ),
    n(&["n"], Action::NextMatch, "reader: next match (match 3/10)"),
    n(&["N"], Action::PrevMatch, "reader: previous match"),
    n(
        &["+", "="],
        Action::ZoomIn,
        "timeline: zoom in (year, month, day)",
    ),
    n(&["-"], Action::ZoomOut, "timeline: zoom out"),
    n(&["e"], Action::Edit, "open the article's file in $EDITOR"),
    n(&["o"], Action::Pager, "show the article in $PAGER"),
    n(
        &["y"],
        Action::Copy,
        "copy the article's source url or path (OSC 52)",
    ),
    n(&["u"], Action::ToggleRead, "mark the article read / unread"),
    n(
        &["b"],
        Action::ToggleBookmark,
        "bookmark the article / remove the bookmark",
    ),
    n(
        &["A"],
        Action::MarkShownRead,
        "mark every article shown read (asks first when many)",
    ),
    n(
        &["U"],
        Action::MarkShownUnread,
        "mark every article shown unread (asks first when many)",
    ),
    n(&["s"], Action::Searches, "saved searches, with their counts"),
    n(
        &["d"],
        Action::DeleteSearch,
        "saved searches: delete the one selected",
    ),
    n(
        &["t"],
        Action::Tag,
        "tag the article (edit its tags; Tab completes)",
    ),
    n(
        &["T"],
        Action::TagShown,
        "add tags to every article shown (Tab completes)",
    ),
    n(
        &["w"],
        Action::Export,
        "write the articles shown to a file (.jsonl, .csv, .md)",
    ),
    n(
        &["1", "2", "3", "4", "5", "6", "7", "8", "9"],
        Action::Link,
        "reader: open link [N] (10 and up: its digits, Enter)",
    ),
    n(&["?", "F1"], Action::Help, "this help"),
    n(&["C-l"], Action::Redraw, "redraw the screen"),
    n(&["C-z"], Action::Suspend, "suspend to the shell (fg comes back)"),
    n(
        &["q", "C-c"],
        Action::Quit,
        "quit (q in the reader or timeline: back to the list)",
    ),
    t(
        &["Enter"],
        Action::Open,
        "keep the filter / pick / save search, tags / write",
    ),
    t(
        &["Esc"],
        Action::Back,
        "clear the filter / close the picker, bar or prompt",
    ),
    t(
        &["Tab"],
        Action::Complete,
        "tags: complete the tag (again: the next)",
    ),
    t(
        &["Backspace", "C-h"],
        Action::DeleteBack,
        "delete the character before the cursor",
    ),
    t(
        &["Delete"],
        Action::DeleteForward,
        "delete the character under the cursor",
    ),
    t(&["C-w"], Action::DeleteWord, "delete the word before the cursor"),
    t(&["C-u"], Action::DeleteToStart, "delete to the start"),
    t(&["Left"], Action::Left, "cursor left"),
    t(&["Right"], Action::Right, "cursor right"),
    t(&["Home", "C-a"], Action::Home, "cursor to the start"),
    t(&["End", "C-e"], Action::End, "cursor to the end"),
    t(
        &["Up", "C-p"],
        Action::Up,
        "filter: earlier query; picker, tags: previous",
    ),
    t(
        &["Down", "C-n"],
        Action::Down,
        "filter: later query; picker, tags: next",
    ),
    t(&["C-s"], Action::SaveSearch, "save the filter as a named search"),
    t(&["C-l"], Action::Redraw, "redraw the screen"),
    t(
        &["C-z"],
        Action::Suspend,
        "suspend to the shell (what is typed stays)",
    ),
    t(&["C-c"], Action::Quit, "quit"),
];

/// A parsed key: code and the modifiers that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

/// Parses `j`, `G`, `C-d`, `A-x`, `PageDown`, `BackTab`, `F1`, `Space`.
pub fn parse_key(spec: &str) -> Option<Key> {
    let mut ctrl = false;
    let mut alt = false;
    let mut rest = spec;
    loop {
        if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
            ctrl = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("A-").filter(|r| !r.is_empty()) {
            alt = true;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Backspace" => KeyCode::Backspace,
        "Delete" => KeyCode::Delete,
        "Space" => KeyCode::Char(' '),
        f if f.len() >= 2 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok()?),
        s => {
            let mut cs = s.chars();
            let c = cs.next()?;
            if cs.next().is_some() {
                return None;
            }
            // Ctrl-letter arrives either case: one spelling, so `C-D` and `C-d` are one key.
            KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        }
    };
    Some(Key { code, ctrl, alt })
}

impl Key {
    /// A character typed with neither Ctrl nor Alt: text while typing a filter.
    pub fn is_plain_char(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match (ev.code, self.code) {
            // Ctrl-letter may arrive lowercase or uppercase
            (KeyCode::Char(a), KeyCode::Char(b)) if ctrl => a.eq_ignore_ascii_case(&b),
            (a, b) => a == b,
        };
        code && ctrl == self.ctrl && alt == self.alt
    }
}

/// The bindings in force: the defaults, patched by the user's configuration.
#[derive(Debug, Clone)]
pub struct KeyMap {
    table: Vec<KeyBinding>,
    rows: Vec<(Context, Key, Action)>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::new(&config::default_keys())
    }
}

impl KeyMap {
    /// The map of a configured key table (checked at load: every key parses, none is taken twice
    /// in a mode).
    pub fn new(table: &[KeyBinding]) -> KeyMap {
        let rows = table
            .iter()
            .flat_map(|b| {
                b.keys
                    .iter()
                    .filter_map(move |k| parse_key(k).map(|key| (b.context, key, b.action)))
            })
            .collect();
        KeyMap {
            table: table.to_vec(),
            rows,
        }
    }

    /// The action for a key press in a context.
    pub fn lookup(&self, context: Context, ev: &KeyEvent) -> Option<Action> {
        self.rows
            .iter()
            .find(|(c, k, _)| *c == context && k.matches(ev))
            .map(|(_, _, a)| *a)
    }

    /// The first key of an action, for hints (`/ filter`); `None` when the user unbound it.
    pub fn hint(&self, context: Context, action: Action) -> Option<&str> {
        self.table
            .iter()
            .find(|b| b.context == context && b.action == action)
            .and_then(|b| b.keys.first())
            .map(String::as_str)
    }

    /// Rows for the help overlay: (context title, keys, what it does).
    pub fn help_rows(&self) -> Vec<(&'static str, String, &'static str)> {
        self.table
            .iter()
            .map(|b| {
                let ctx = match b.context {
                    Context::Normal => "Browsing",
                    Context::Text => "Typing (a filter, a name, tags, a file name)",
                };
                let keys = if b.keys.is_empty() {
                    "(no key)".to_string()
                } else {
                    b.keys.join(" ")
                };
                (ctx, keys, b.help)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn every_default_key_parses() {
        for b in DEFAULT {
            for k in b.keys {
                assert!(parse_key(k).is_some(), "{k}");
            }
        }
    }

    #[test]
    fn lookups() {
        let m = KeyMap::default();
        assert_eq!(
            m.lookup(Context::Normal, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            m.lookup(Context::Normal, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            m.lookup(Context::Normal, &ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            m.lookup(Context::Text, &ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            m.lookup(Context::Normal, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            m.lookup(Context::Normal, &ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
    }
}
