//! The `keys:` section of the configuration: parsed and checked beside the key table it patches.

use super::{parse_key, Context, Key, DEFAULT};
use crate::action::Action;
use docbao_core::settings::{clean_text, nearest, yaml_str, FromConfigStr};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

/// One row of the key table as configured: the default row with the user's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<String>,
    /// What it does, for the help overlay.
    pub help: &'static str,
}

/// The default key table as configured rows.
pub fn default_keys() -> Vec<KeyBinding> {
    DEFAULT
        .iter()
        .map(|b| KeyBinding {
            context: b.context,
            action: b.action,
            keys: b.keys.iter().map(|k| k.to_string()).collect(),
            help: b.help,
        })
        .collect()
}

/// Every key does one thing per mode, and browsing keeps a way out.
fn check_keys(table: &[KeyBinding], patched: &[(Context, Action)]) -> Result<(), (Context, Action, String)> {
    for context in [Context::Normal, Context::Text] {
        let mut owner: Vec<(Key, &str, Action)> = Vec::new();
        // The user's rows last, so a clash is blamed on what the user wrote.
        let rows = table.iter().filter(|b| b.context == context);
        let (mine, theirs): (Vec<_>, Vec<_>) = rows.partition(|b| patched.contains(&(b.context, b.action)));
        for b in theirs.into_iter().chain(mine) {
            for spec in &b.keys {
                let Some(key) = parse_key(spec) else {
                    continue;
                };
                if let Some((_, other_spec, other)) =
                    owner.iter().find(|(k, _, a)| *k == key && *a != b.action)
                {
                    let hint = if patched.contains(&(context, *other)) {
                        "take it out of one of them".to_string()
                    } else {
                        let rest: Vec<String> = table
                            .iter()
                            .find(|o| o.context == context && o.action == *other)
                            .map(|o| {
                                o.keys
                                    .iter()
                                    .filter(|k| parse_key(k) != Some(key))
                                    .map(|k| yaml_str(k))
                                    .collect()
                            })
                            .unwrap_or_default();
                        format!(
                            "give `{}` other keys too, e.g. `{}: [{}]`",
                            other.name(),
                            other.name(),
                            rest.join(", ")
                        )
                    };
                    return Err((
                        context,
                        b.action,
                        format!(
                            "`{spec}` is already bound to `{}`{} {}; {hint}",
                            other.name(),
                            if other_spec == spec {
                                String::new()
                            } else {
                                format!(" (as `{other_spec}`)")
                            },
                            mode_words(context),
                        ),
                    ));
                }
                owner.push((key, spec, b.action));
            }
        }
    }
    if let Some(b) = table
        .iter()
        .find(|b| b.context == Context::Normal && b.action == Action::Quit && b.keys.is_empty())
    {
        return Err((
            b.context,
            b.action,
            "`quit` needs at least one key while browsing, or docbao cannot be left".into(),
        ));
    }
    Ok(())
}

pub fn mode_name(context: Context) -> &'static str {
    match context {
        Context::Normal => "browse",
        Context::Text => "typing",
    }
}

fn mode_words(context: Context) -> &'static str {
    match context {
        Context::Normal => "while browsing",
        Context::Text => "while typing",
    }
}

// ---------------------------------------------------------------------------------------------
// The file as serde reads it. Every scalar is checked as it is read, so an error carries the
// line serde_yaml was at; only the checks across keys (clashing keys) run afterwards.

/// The actions of one mode, as the config file names them.
pub fn action_names(text: bool) -> &'static [&'static str] {
    static NAMES: OnceLock<[Vec<&'static str>; 2]> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let of = |c: Context| {
            DEFAULT
                .iter()
                .filter(|b| b.context == c)
                .map(|b| b.action.name())
                .collect()
        };
        [of(Context::Normal), of(Context::Text)]
    });
    &names[usize::from(text)]
}

/// `action: key` or `action: [keys]` for one mode, in file order.
#[derive(Default)]
pub struct ModeKeys<const TEXT: bool>(Vec<(Action, Vec<String>)>);

impl<'de, const TEXT: bool> Deserialize<'de> for ModeKeys<TEXT> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const TEXT: bool>;
        impl<'de, const TEXT: bool> Visitor<'de> for V<TEXT> {
            type Value = ModeKeys<TEXT>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of action: key or action: [keys]")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(Action, Vec<String>)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let context = if TEXT { Context::Text } else { Context::Normal };
                    let Some(b) = DEFAULT
                        .iter()
                        .find(|b| b.context == context && b.action.name() == name)
                    else {
                        return Err(de::Error::unknown_variant(&name, action_names(TEXT)));
                    };
                    if out.iter().any(|(a, _)| *a == b.action) {
                        return Err(de::Error::custom(format!("`{name}` is listed twice")));
                    }
                    let list: KeyList<TEXT> = map.next_value()?;
                    out.push((b.action, list.0));
                }
                Ok(ModeKeys(out))
            }
        }
        d.deserialize_map(V::<TEXT>)
    }
}

/// One key, or a list of keys (`[]` unbinds).
struct KeyList<const TEXT: bool>(Vec<String>);

impl<'de, const TEXT: bool> Deserialize<'de> for KeyList<TEXT> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<const TEXT: bool>;
        impl<'de, const TEXT: bool> Visitor<'de> for V<TEXT> {
            type Value = KeyList<TEXT>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key like `j` or `C-d`, or a list of keys like [j, Down]")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                let k = KeySpec::from_config_str(s).map_err(E::custom)?;
                key_for_mode::<E>(&k.0, TEXT)?;
                Ok(KeyList(vec![k.0]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<String> = Vec::new();
                while let Some(k) = seq.next_element::<KeySpec>()? {
                    key_for_mode::<A::Error>(&k.0, TEXT)?;
                    if !out.contains(&k.0) {
                        out.push(k.0);
                    }
                }
                Ok(KeyList(out))
            }
        }
        d.deserialize_any(V::<TEXT>)
    }
}

/// While typing, a plain character must stay a character.
fn key_for_mode<E: de::Error>(spec: &str, text: bool) -> Result<(), E> {
    if text && parse_key(spec).is_some_and(|k| k.is_plain_char()) {
        return Err(E::custom(format!(
            "`{spec}` would no longer type itself in the filter bar; while typing, bind a key with \
             C- or A-, or a named key (Enter, Esc, Tab, F1…)"
        )));
    }
    Ok(())
}

/// A key as the config and the help write it.
struct KeySpec(String);

pub const KEY_EXAMPLES: &str = "`j`, `G`, `C-d` (Ctrl), `A-x` (Alt), `Space`, `Enter`, `Esc`, `Tab`, \
                            `BackTab`, `Backspace`, `Delete`, `Up`, `Down`, `Left`, `Right`, `Home`, \
                            `End`, `PageUp`, `PageDown`, `F1`…`F12`";

impl FromConfigStr for KeySpec {
    const EXPECTED: &'static str = "a key like `j` or `C-d`";
    fn from_config_str(s: &str) -> Result<Self, String> {
        let s: String = clean_text::<de::value::Error>(s, "the key").map_err(|e| e.to_string())?;
        if parse_key(&s).is_some() {
            Ok(KeySpec(s))
        } else {
            let mut m = format!("`{s}` is not a key; expected one like {KEY_EXAMPLES}");
            if let Some(hint) = key_hint(&s) {
                let _ = write!(m, "; did you mean `{hint}`?");
            }
            Err(m)
        }
    }
}

/// The likely intended spelling of a key written the way other programs write it.
fn key_hint(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    for (pre, to) in [
        ("ctrl+", "C-"),
        ("ctrl-", "C-"),
        ("c+", "C-"),
        ("^", "C-"),
        ("alt+", "A-"),
        ("alt-", "A-"),
        ("m-", "A-"),
    ] {
        if let Some(rest) = lower.strip_prefix(pre) {
            let rest = &s[s.len() - rest.len()..];
            let cand = format!(
                "{to}{}",
                if rest.chars().count() == 1 {
                    rest.to_lowercase()
                } else {
                    rest.to_string()
                }
            );
            if parse_key(&cand).is_some() {
                return Some(cand);
            }
        }
    }
    const NAMED: &[&str] = &[
        "Up",
        "Down",
        "Left",
        "Right",
        "Home",
        "End",
        "PageUp",
        "PageDown",
        "Tab",
        "BackTab",
        "Enter",
        "Esc",
        "Backspace",
        "Delete",
        "Space",
    ];
    let (prefix, name) = match s.rfind('-') {
        Some(i) if i + 1 < s.len() => s.split_at(i + 1),
        _ => ("", s),
    };
    let aliases = [
        ("return", "Enter"),
        ("escape", "Esc"),
        ("del", "Delete"),
        ("pgup", "PageUp"),
        ("pgdn", "PageDown"),
    ];
    if let Some((_, to)) = aliases.iter().find(|(a, _)| name.eq_ignore_ascii_case(a)) {
        return Some(format!("{prefix}{to}"));
    }
    nearest(name, NAMED).map(|n| format!("{prefix}{n}"))
}

/// The `keys:` section as written: per mode, `action: key` or `action: [keys]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct KeysSection {
    #[serde(default)]
    browse: ModeKeys<false>,
    #[serde(default)]
    typing: ModeKeys<true>,
}

impl KeysSection {
    /// Puts the section's keys into the table (an action listed gets exactly the keys given).
    /// A key that would do two things in one mode, or browsing left without a way out, is an
    /// error naming the action's path in the file (`keys.browse.down`) and what to do.
    pub fn apply(self, table: &mut [KeyBinding]) -> Result<(), ([&'static str; 3], String)> {
        let mut patched = Vec::new();
        for (context, map) in [(Context::Normal, self.browse.0), (Context::Text, self.typing.0)] {
            for (action, keys) in map {
                if let Some(b) = table
                    .iter_mut()
                    .find(|b| b.context == context && b.action == action)
                {
                    b.keys = keys;
                    patched.push((context, action));
                }
            }
        }
        check_keys(table, &patched)
            .map_err(|(context, action, message)| (["keys", mode_name(context), action.name()], message))
    }
}

docbao_core::deserialize_checked!(KeySpec);
