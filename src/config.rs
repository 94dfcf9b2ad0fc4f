//! The user's configuration: `$XDG_CONFIG_HOME/docbao/config.yaml` (else
//! `~/.config/docbao/config.yaml`), or the file `--config` or `DOCBAO_CONFIG` names.
//!
//! It sets the default archive folder, key bindings, colours, the date format and extra person
//! aliases. Every setting is optional and a missing file means the defaults. A file that cannot
//! be read is an error naming the line, the key and what was expected, and nothing of it is
//! used: docbao never starts with half a configuration.
//!
//! All YAML handling of the configuration is here. The key grammar and the action names come
//! from the key table (`ui::keys`, `ui::action`), the colour roles are listed here and turned
//! into terminal styles by `ui::theme`; this module draws nothing.

use crate::extract::people::{KnownPeople, KnownPerson};
use crate::extract::Date;
use crate::text::width::width;
use crate::ui::action::Action;
use crate::ui::keys::{self, Context};
use chrono::format::{Item, StrftimeItems};
use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// The environment variable that names a configuration file (after `--config`, before the
/// default location).
pub const ENV: &str = "DOCBAO_CONFIG";

/// The folder docbao's own files live in: `$XDG_CONFIG_HOME/docbao`, else `~/.config/docbao`.
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| Path::new(&h).join(".config"))
        })?;
    Some(base.join("docbao"))
}

/// Where the configuration is read from, and why there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `--config PATH`: must exist.
    Flag(PathBuf),
    /// `DOCBAO_CONFIG`: must exist.
    Env(PathBuf),
    /// The usual place: may be missing.
    Default(PathBuf),
    /// No `$XDG_CONFIG_HOME` and no `$HOME`: defaults only.
    Nowhere,
}

impl Location {
    /// The location for this run: the flag, else the environment, else the usual place.
    pub fn find(flag: Option<&Path>) -> Location {
        if let Some(p) = flag {
            return Location::Flag(p.to_path_buf());
        }
        if let Some(p) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
            return Location::Env(PathBuf::from(p));
        }
        match config_dir() {
            Some(d) => Location::Default(d.join("config.yaml")),
            None => Location::Nowhere,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Location::Flag(p) | Location::Env(p) | Location::Default(p) => Some(p),
            Location::Nowhere => None,
        }
    }
}

/// A configuration that cannot be used: where, which key, what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file as the user would name it.
    pub file: String,
    pub line: Option<usize>,
    /// The key, dotted from the top (`keys.browse.down`, `people[0].name`).
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, " line {l}")?;
        }
        if let Some(k) = &self.key {
            write!(f, ": key `{k}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// One row of the key table as configured: the default row with the user's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<String>,
    /// What it does, for the help overlay.
    pub help: &'static str,
}

/// The configuration in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// The folder opened when none is given; `None`: the built-in sample corpus.
    pub archive: Option<PathBuf>,
    /// The whole key table, in the order of `keys::DEFAULT`.
    pub keys: Vec<KeyBinding>,
    /// Every colour role, in the order of [`ROLES`].
    pub theme: Vec<(&'static str, StyleSpec)>,
    pub dates: DateFormat,
    /// Extra known people, merged over the bundled list and the user's `people.yaml`.
    pub people: Vec<KnownPerson>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            archive: None,
            keys: default_keys(),
            theme: ROLES
                .iter()
                .map(|r| (r.name, StyleSpec::parse(r.default).unwrap_or_default()))
                .collect(),
            dates: DateFormat::default(),
            people: Vec::new(),
        }
    }
}

fn default_keys() -> Vec<KeyBinding> {
    keys::DEFAULT
        .iter()
        .map(|b| KeyBinding {
            context: b.context,
            action: b.action,
            keys: b.keys.iter().map(|k| k.to_string()).collect(),
            help: b.help,
        })
        .collect()
}

/// Reads the configuration for this run: a missing file at the usual place is the defaults; a
/// missing file that `--config` or `DOCBAO_CONFIG` named is an error.
pub fn load(flag: Option<&Path>) -> Result<Config, ConfigError> {
    let loc = Location::find(flag);
    let Some(path) = loc.path() else {
        return Ok(Config::default());
    };
    let shown = path.display().to_string();
    let err = |message: String| ConfigError {
        file: shown.clone(),
        line: None,
        key: None,
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match loc {
                Location::Default(_) => Ok(Config::default()),
                Location::Env(_) => Err(err(format!("no such file (named by {ENV})"))),
                _ => Err(err("no such file (named by --config)".into())),
            }
        }
        Err(e) if path.is_dir() => return Err(err(format!("is a folder, not a file ({e})"))),
        Err(e) => return Err(err(format!("cannot read: {e}"))),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut config = parse(&text, &shown, base)?;
    config.file = Some(path.to_path_buf());
    Ok(config)
}

/// The configuration read once at start ([`install`]), or the defaults.
pub fn current() -> &'static Config {
    GLOBAL.get_or_init(Config::default)
}

static GLOBAL: OnceLock<Config> = OnceLock::new();

/// Makes `config` the one [`current`] returns for the rest of the process; only the first call
/// counts.
pub fn install(config: Config) {
    let _ = GLOBAL.set(config);
}

/// Parses a configuration file's text; `file` names it in errors, relative `archive` paths are
/// read from `base`.
pub fn parse(text: &str, file: &str, base: &Path) -> Result<Config, ConfigError> {
    let text = text.trim_start_matches('\u{feff}');
    let fail = |line: Option<usize>, key: Option<String>, message: String| ConfigError {
        file: file.to_string(),
        line,
        key,
        message,
    };
    let raw: Option<RawConfig> = serde_yaml::from_str(text).map_err(|e| yaml_error(&e, text, file))?;
    let raw = raw.unwrap_or_default();
    let mut config = Config::default();
    if let Some(a) = raw.archive {
        config.archive = Some(if a.0.is_absolute() { a.0 } else { base.join(a.0) });
    }
    if let Some(f) = raw.date_format {
        config.dates.day = f.0;
    }
    if let Some(f) = raw.month_format {
        config.dates.month = f.0;
    }
    config.dates.column = config.dates.measure();
    for (role, spec) in raw.theme.0 {
        if let Some(slot) = config.theme.iter_mut().find(|(r, _)| *r == role) {
            slot.1 = spec;
        }
    }
    let mut patched = Vec::new();
    for (context, map) in [
        (Context::Normal, raw.keys.browse.0),
        (Context::Text, raw.keys.typing.0),
    ] {
        for (action, keys) in map {
            if let Some(b) = config
                .keys
                .iter_mut()
                .find(|b| b.context == context && b.action == action)
            {
                b.keys = keys;
                patched.push((context, action));
            }
        }
    }
    check_keys(&config.keys, &patched).map_err(|(context, action, message)| {
        let path = ["keys", mode_name(context), action.name()];
        fail(line_of(text, &path), Some(path.join(".")), message)
    })?;
    config.people = raw.people.into_iter().map(ConfigPerson::into_known).collect();
    Ok(config)
}

/// Every key does one thing per mode, and browsing keeps a way out.
fn check_keys(table: &[KeyBinding], patched: &[(Context, Action)]) -> Result<(), (Context, Action, String)> {
    for context in [Context::Normal, Context::Text] {
        let mut owner: Vec<(keys::Key, &str, Action)> = Vec::new();
        // The user's rows last, so a clash is blamed on what the user wrote.
        let rows = table.iter().filter(|b| b.context == context);
        let (mine, theirs): (Vec<_>, Vec<_>) = rows.partition(|b| patched.contains(&(b.context, b.action)));
        for b in theirs.into_iter().chain(mine) {
            for spec in &b.keys {
                let Some(key) = keys::parse_key(spec) else {
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
                                    .filter(|k| keys::parse_key(k) != Some(key))
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

fn mode_name(context: Context) -> &'static str {
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    archive: Option<ArchivePath>,
    #[serde(default)]
    keys: RawKeys,
    #[serde(default)]
    theme: Theme,
    #[serde(default)]
    date_format: Option<DayFormat>,
    #[serde(default)]
    month_format: Option<MonthFormat>,
    #[serde(default)]
    people: Vec<ConfigPerson>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawKeys {
    #[serde(default)]
    browse: ModeKeys<false>,
    #[serde(default)]
    typing: ModeKeys<true>,
}

/// Text from the configuration: NFC, no control characters.
fn clean_text<E: de::Error>(s: &str, what: &str) -> Result<String, E> {
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(E::custom(format!(
            "{what} holds a control character (U+{:04X}); expected plain text",
            c as u32
        )));
    }
    Ok(s.nfc().collect())
}

/// A string read with a check: `T::from_str` names what was expected.
struct Checked<T>(std::marker::PhantomData<T>);

trait FromConfigStr: Sized {
    /// What a right value looks like, for "invalid type" errors.
    const EXPECTED: &'static str;
    fn from_config_str(s: &str) -> Result<Self, String>;
}

impl<'de, T: FromConfigStr> Visitor<'de> for Checked<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        T::from_config_str(s).map_err(E::custom)
    }
}

macro_rules! deserialize_checked {
    ($($t:ty),*) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(Checked::<$t>(std::marker::PhantomData))
            }
        }
    )*};
}

deserialize_checked!(
    ArchivePath,
    DayFormat,
    MonthFormat,
    StyleSpec,
    RoleName,
    Name,
    KeySpec
);

struct ArchivePath(PathBuf);

impl FromConfigStr for ArchivePath {
    const EXPECTED: &'static str = "a folder path like `~/news`";
    fn from_config_str(s: &str) -> Result<Self, String> {
        let s: String = clean_text::<de::value::Error>(s.trim(), "the path").map_err(|e| e.to_string())?;
        if s.is_empty() {
            return Err("expected a folder path like `~/news`, found an empty string".into());
        }
        let home = || {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(PathBuf::from)
                .ok_or_else(|| format!("`{s}` starts with `~` but $HOME is not set"))
        };
        if s == "~" {
            return home().map(ArchivePath);
        }
        if let Some(rest) = s.strip_prefix("~/") {
            return home().map(|h| ArchivePath(h.join(rest)));
        }
        if s.starts_with('~') {
            return Err(format!(
                "`{s}`: only `~` and `~/…` (your own home) are expanded; write the full path"
            ));
        }
        Ok(ArchivePath(PathBuf::from(s)))
    }
}

struct Name(String);

impl FromConfigStr for Name {
    const EXPECTED: &'static str = "a name like \"Nguyễn Văn An\"";
    fn from_config_str(s: &str) -> Result<Self, String> {
        let s: String = clean_text::<de::value::Error>(s.trim(), "the name").map_err(|e| e.to_string())?;
        if s.is_empty() {
            return Err("expected a name like \"Nguyễn Văn An\", found an empty string".into());
        }
        Ok(Name(s))
    }
}

/// One entry of `people:`, the shape of `people.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigPerson {
    name: Name,
    #[serde(default)]
    aliases: Vec<Name>,
    #[serde(default)]
    role: Option<Name>,
}

impl ConfigPerson {
    fn into_known(self) -> KnownPerson {
        KnownPerson {
            name: self.name.0,
            aliases: self.aliases.into_iter().map(|a| a.0).collect(),
            role: self.role.map(|r| r.0),
        }
    }
}

/// The known people for a run: the bundled list, the user's `people.yaml` and the
/// configuration's `people:` merged in that order.
pub fn merge_people(base: &KnownPeople, config: &Config) -> KnownPeople {
    if config.people.is_empty() {
        base.clone()
    } else {
        base.merged(&KnownPeople::from_list(config.people.clone()))
    }
}

// ---------------------------------------------------------------------------------------------
// Keys

/// The actions of one mode, as the config file names them.
fn action_names(text: bool) -> &'static [&'static str] {
    static NAMES: OnceLock<[Vec<&'static str>; 2]> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let of = |c: Context| {
            keys::DEFAULT
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
struct ModeKeys<const TEXT: bool>(Vec<(Action, Vec<String>)>);

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
                    let Some(b) = keys::DEFAULT
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
    if text && keys::parse_key(spec).is_some_and(|k| k.is_plain_char()) {
        return Err(E::custom(format!(
            "`{spec}` would no longer type itself in the filter bar; while typing, bind a key with \
             C- or A-, or a named key (Enter, Esc, Tab, F1…)"
        )));
    }
    Ok(())
}

/// A key as the config and the help write it.
struct KeySpec(String);

const KEY_EXAMPLES: &str = "`j`, `G`, `C-d` (Ctrl), `A-x` (Alt), `Space`, `Enter`, `Esc`, `Tab`, \
                            `BackTab`, `Backspace`, `Delete`, `Up`, `Down`, `Left`, `Right`, `Home`, \
                            `End`, `PageUp`, `PageDown`, `F1`…`F12`";

impl FromConfigStr for KeySpec {
    const EXPECTED: &'static str = "a key like `j` or `C-d`";
    fn from_config_str(s: &str) -> Result<Self, String> {
        let s: String = clean_text::<de::value::Error>(s, "the key").map_err(|e| e.to_string())?;
        if keys::parse_key(&s).is_some() {
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
            if keys::parse_key(&cand).is_some() {
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

// ---------------------------------------------------------------------------------------------
// Theme

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
const COLOURS: &[(&str, Colour)] = &[
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
    role("matched", "black on yellow", "filter matches"),
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

struct RoleName(&'static str);

/// `role: style` pairs in file order.
#[derive(Default)]
struct Theme(Vec<(&'static str, StyleSpec)>);

impl<'de> Deserialize<'de> for Theme {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Theme;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of role: style")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Theme, A::Error> {
                let mut out: Vec<(&'static str, StyleSpec)> = Vec::new();
                while let Some(role) = map.next_key::<RoleName>()? {
                    if out.iter().any(|(r, _)| *r == role.0) {
                        return Err(de::Error::custom(format!("`{}` is listed twice", role.0)));
                    }
                    out.push((role.0, map.next_value()?));
                }
                Ok(Theme(out))
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

// ---------------------------------------------------------------------------------------------
// Dates

/// How publication dates are shown: `day` for a date with a day, `month` for one with a month
/// only; a year alone is the year. JSON output is never affected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    pub day: String,
    pub month: String,
    /// The widest date this shows, in columns (at least as wide as `undated`).
    pub column: usize,
}

pub const DEFAULT_DAY_FORMAT: &str = "%Y-%m-%d";
pub const DEFAULT_MONTH_FORMAT: &str = "%Y-%m";

impl Default for DateFormat {
    fn default() -> Self {
        let mut f = DateFormat {
            day: DEFAULT_DAY_FORMAT.into(),
            month: DEFAULT_MONTH_FORMAT.into(),
            column: 0,
        };
        f.column = f.measure();
        f
    }
}

impl DateFormat {
    /// A publication date for display; `undated` when there is none.
    pub fn show(&self, d: &Date) -> String {
        let formatted = match *d {
            Date::Day(nd) => format_date(&self.day, nd),
            Date::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).and_then(|nd| format_date(&self.month, nd)),
            Date::Year(y) => Some(format!("{y:04}")),
            Date::Undated => Some("undated".into()),
            Date::MonthDay(..) => None,
        };
        formatted.unwrap_or_else(|| d.to_string())
    }

    /// The widest date shown: every month (names differ in length) with a two-digit day.
    fn measure(&self) -> usize {
        // Every month with every weekday (days 22 to 28 hold all seven) and a two-digit day:
        // the longest a `%A, %e %B %Y` can be (`Wednesday, 24 September 2025`).
        (1..=12)
            .flat_map(|m| (22..=28).filter_map(move |d| NaiveDate::from_ymd_opt(2025, m, d)))
            .flat_map(|nd| [format_date(&self.day, nd), format_date(&self.month, nd)])
            .flatten()
            .map(|s| width(&s))
            .chain([width("undated")])
            .max()
            .unwrap_or(10)
    }
}

#[cfg(test)]
mod date_column_tests {
    use super::*;

    #[test]
    fn the_date_column_fits_the_longest_weekday_and_month_together() {
        let f = DateFormat {
            day: "%A, %e %B %Y".into(),
            month: DEFAULT_MONTH_FORMAT.into(),
            column: 0,
        };
        assert_eq!(f.measure(), width("Wednesday, 24 September 2025"));
    }
}

/// Formats a date, `None` where the format needs more than a date holds (checked at load).
fn format_date(fmt: &str, d: NaiveDate) -> Option<String> {
    let mut s = String::new();
    write!(s, "{}", d.format(fmt)).ok()?;
    Some(s)
}

/// The first strftime specifier chrono does not know, or that needs more than a date.
fn bad_specifier(fmt: &str) -> Option<(String, &'static str)> {
    let sample = NaiveDate::from_ymd_opt(2025, 9, 14)?;
    let mut rest = fmt;
    while let Some(i) = rest.find('%') {
        let spec_str = &rest[i..];
        // the shortest prefix that is one whole item: `%d`, `%-d`, `%:z`, `%.3f`, `%%`
        let end = (2..=spec_str.len().min(6))
            .filter(|&n| spec_str.is_char_boundary(n))
            .find(|&n| {
                let items: Vec<Item> = StrftimeItems::new(&spec_str[..n]).collect();
                items.len() == 1 && !matches!(items[0], Item::Error)
            });
        match end {
            Some(n) => {
                if format_date(&spec_str[..n], sample).is_none() {
                    return Some((
                        spec_str[..n].to_string(),
                        "needs a time of day or a time zone; a publication date has neither",
                    ));
                }
                rest = &spec_str[n..];
            }
            None => {
                let n = spec_str.char_indices().nth(2).map_or(spec_str.len(), |(i, _)| i);
                return Some((spec_str[..n].to_string(), "is not a strftime specifier"));
            }
        }
    }
    None
}

const DATE_HELP: &str = "%Y year, %m month, %d day, %e day without a leading zero, %b or %B the month's name";

fn check_date_format(s: &str, example: &str) -> Result<String, String> {
    let s = clean_text::<de::value::Error>(s, "the format").map_err(|e| e.to_string())?;
    if s.trim().is_empty() {
        return Err(format!(
            "expected a strftime format like `{example}` ({DATE_HELP}), found an empty string"
        ));
    }
    if let Some((spec, why)) = bad_specifier(&s) {
        return Err(format!(
            "`{spec}` in `{s}` {why}; expected a format like `{example}` ({DATE_HELP})"
        ));
    }
    match NaiveDate::from_ymd_opt(2025, 9, 14).and_then(|d| format_date(&s, d)) {
        Some(_) => Ok(s),
        None => Err(format!(
            "`{s}` cannot format a date; expected a format like `{example}` ({DATE_HELP})"
        )),
    }
}

struct DayFormat(String);

impl FromConfigStr for DayFormat {
    const EXPECTED: &'static str = "a strftime format like \"%d/%m/%Y\"";
    fn from_config_str(s: &str) -> Result<Self, String> {
        check_date_format(s, "%d/%m/%Y").map(DayFormat)
    }
}

struct MonthFormat(String);

impl FromConfigStr for MonthFormat {
    const EXPECTED: &'static str = "a strftime format like \"%m/%Y\"";
    fn from_config_str(s: &str) -> Result<Self, String> {
        let s = check_date_format(s, "%m/%Y")?;
        // Day 1 and day 28 of a month must look the same, or it shows a day it does not have.
        let a = NaiveDate::from_ymd_opt(2025, 9, 1).and_then(|d| format_date(&s, d));
        let b = NaiveDate::from_ymd_opt(2025, 9, 28).and_then(|d| format_date(&s, d));
        if a != b {
            return Err(format!(
                "`{s}` shows a day (or weekday), but an article dated to the month has none; expected a \
                 format like `%m/%Y` or `%B %Y`"
            ));
        }
        Ok(MonthFormat(s))
    }
}

// ---------------------------------------------------------------------------------------------
// Errors

/// Turns a serde_yaml error into "line N: key `x`: what was expected".
fn yaml_error(e: &serde_yaml::Error, text: &str, file: &str) -> ConfigError {
    let line = e.location().map(|l| l.line());
    let full = e.to_string();
    // serde_yaml writes "path: message at line L column C"; take the parts apart.
    let body = match full.rfind(" at line ") {
        Some(i) if line.is_some() => &full[..i],
        _ => full.as_str(),
    };
    let (path, msg) = match body.split_once(": ") {
        Some((p, m)) if !p.contains(' ') && !p.is_empty() => (Some(p.to_string()), m.to_string()),
        _ => (None, body.to_string()),
    };
    let (key, message) = explain(path, &msg);
    // A name listed twice is reported where the map starts; point at the second one.
    let line = match (
        msg.strip_prefix('`')
            .and_then(|m| m.split_once("` is listed twice")),
        line,
    ) {
        (Some((name, _)), Some(from)) => line_of_repeat(text, name, from).or(line),
        _ => line,
    };
    ConfigError {
        file: file.to_string(),
        line,
        key,
        message,
    }
}

/// Rewrites serde's wording as a user would want it: the unknown name with its nearest valid
/// spelling, "expected X, found Y".
fn explain(path: Option<String>, msg: &str) -> (Option<String>, String) {
    let join = |name: &str| match &path {
        Some(p) => format!("{p}.{name}"),
        None => name.to_string(),
    };
    for (pre, what) in [("unknown field `", "key"), ("unknown variant `", "name")] {
        if let Some(rest) = msg.strip_prefix(pre) {
            let Some((name, tail)) = rest.split_once('`') else {
                break;
            };
            let expected: Vec<&str> = tail
                .split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, s)| s)
                .collect();
            let what = match path.as_deref() {
                Some(p) if p.starts_with("keys.") => "action",
                Some("theme") => "colour role",
                _ => what,
            };
            let mut m = format!("unknown {what}");
            if !expected.is_empty() {
                let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
                let _ = write!(m, "; expected one of {}", list.join(", "));
            }
            if let Some(n) = nearest(name, &expected) {
                let _ = write!(m, "; did you mean `{n}`?");
            }
            if what == "action" {
                let other = if path.as_deref() == Some("keys.browse") {
                    "typing"
                } else {
                    "browse"
                };
                if action_names(other == "typing").contains(&name) {
                    let _ = write!(m, " (`{name}` is an action of `keys.{other}`)");
                }
            }
            return (Some(join(name)), m);
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = match found {
                "sequence" | "map" | "unit value" => format!("a {found}"),
                f => f.to_string(),
            };
            return (path, format!("expected {expected}, found {found}"));
        }
    }
    if let Some((name, _)) = msg
        .strip_prefix('`')
        .and_then(|m| m.split_once("` is listed twice"))
    {
        return (Some(join(name)), "is listed twice; keep one".into());
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or("");
        return (Some(join(name)), "is set twice; keep one".into());
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        return (path, format!("`{name}` is missing"));
    }
    let msg = msg.replace(" at line ", " (line ");
    (path, msg)
}

/// The valid name nearest to a misspelt one, when it is near enough to be the likely intent.
fn nearest<'a>(name: &str, valid: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    valid
        .iter()
        .map(|v| (edit_distance(&name, &v.to_lowercase()), *v))
        .filter(|(d, v)| *d <= 2.max(v.len() / 2) && *d < v.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

/// Levenshtein distance over chars, with a swap of neighbours counted as one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The line (1-based) of a key in block-style YAML, found by indentation: `["keys", "browse",
/// "down"]`. Used for errors found after parsing, when serde's position is gone; the nearest
/// enclosing key found is the answer when the full path is not.
fn line_of(text: &str, path: &[&str]) -> Option<usize> {
    let mut found = None;
    let mut depth = 0;
    let mut parent_indent: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        if parent_indent.is_some_and(|p| indent <= p) {
            break; // left the block of the key found last
        }
        let Some(want) = path.get(depth) else { break };
        let key = body
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if key == *want && body[body.find(':').unwrap_or(0)..].starts_with(':') {
            found = Some(n + 1);
            parent_indent = Some(indent);
            depth += 1;
            if depth == path.len() {
                break;
            }
        }
    }
    found
}

/// The line of the second `name:` at or after line `from` (1-based).
fn line_of_repeat(text: &str, name: &str, from: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .filter(|(_, l)| {
            let key = l
                .trim_start()
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            key == name && l.contains(':')
        })
        .nth(1)
        .map(|(n, _)| n + 1)
}

// ---------------------------------------------------------------------------------------------
// The default file

/// A string as a double-quoted YAML scalar.
fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A paragraph as `# ` comment lines of at most 100 columns.
fn comment(y: &mut String, text: &str) {
    for r in crate::text::wrap(text, 98) {
        let _ = writeln!(y, "# {}", text[r].trim_end());
    }
}

/// The configuration file with every setting at its default, each explained.
pub fn default_yaml() -> String {
    let c = Config::default();
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# docbao configuration. Put it at $XDG_CONFIG_HOME/docbao/config.yaml (normally\n\
         # ~/.config/docbao/config.yaml), or name it with --config PATH or {ENV}=PATH.\n\
         # Every setting is optional: what you leave out keeps the value shown here. `docbao config`\n\
         # checks the file; a file with a mistake stops docbao with the line and the key at fault.\n"
    );
    let _ = writeln!(
        y,
        "# The folder `docbao`, `list`, `people` and `check` open when you give none (`~` is your\n\
         # home; a relative path is read from this file's folder). Unset: the built-in sample.\n\
         # archive: ~/news\n"
    );
    comment(
        &mut y,
        &format!(
            "Publication dates in the reader and in `list` and `show` (never in --json, which stays \
             ISO 8601), as chrono strftime: {DATE_HELP}. `month_format` is for articles dated to the \
             month only, so it has no day. Examples: \"%d/%m/%Y\", \"%e %b %Y\", \"%m/%Y\", \"tháng %m/%Y\"."
        ),
    );
    let _ = writeln!(
        y,
        "date_format: {}\nmonth_format: {}\n",
        yaml_str(&c.dates.day),
        yaml_str(&c.dates.month)
    );
    comment(
        &mut y,
        &format!(
            "Keys, per mode: `action: key` or `action: [keys]`. An action you list gets exactly the \
             keys you give (`[]` unbinds it); the others keep theirs. A key does one thing per mode; \
             while typing, plain characters stay characters. Keys: {KEY_EXAMPLES}."
        ),
    );
    y.push_str("keys:\n");
    for context in [Context::Normal, Context::Text] {
        let _ = writeln!(y, "  {}:", mode_name(context));
        for b in c.keys.iter().filter(|b| b.context == context) {
            let ks: Vec<String> = b.keys.iter().map(|k| yaml_str(k)).collect();
            let entry = format!("    {}: [{}]", b.action.name(), ks.join(", "));
            let _ = writeln!(y, "{entry:<46} # {}", b.help);
        }
    }
    let names: Vec<&str> = COLOURS.iter().take(16).map(|(n, _)| *n).collect();
    y.push('\n');
    comment(
        &mut y,
        &format!(
            "Colours, per role: \"[bold] [dim] [italic] [underline] [reverse] [colour] [on colour]\", \
             or \"default\" (the terminal's own). Colours: {}. Only these 16 exist, so every terminal \
             shows the same thing. NO_COLOR=1 ignores this section.",
            names.join(", ")
        ),
    );
    y.push_str("theme:\n");
    for (role, spec) in &c.theme {
        let what = ROLES.iter().find(|r| r.name == *role).map_or("", |r| r.what);
        let entry = format!("  {role}: {}", yaml_str(&spec.to_string()));
        let _ = writeln!(y, "{entry:<46} # {what}");
    }
    let _ = writeln!(
        y,
        "\n# More people, the same form as people.yaml: every spelling listed is read as one\n\
         # person, shown under `name`.\n\
         people: []\n\
         # people:\n\
         #   - name: \"Ahn Gyu-back\"\n\
         #     aliases: [\"An Gyu-baek\", \"Bộ trưởng Ahn\"]\n\
         #     role: \"Bộ trưởng Quốc phòng Hàn Quốc\""
    );
    y
}

/// What `docbao config` reports about a configuration that loaded.
pub fn summary(config: &Config) -> String {
    let defaults = Config::default();
    let keys = config
        .keys
        .iter()
        .zip(&defaults.keys)
        .filter(|(a, b)| a.keys != b.keys)
        .count();
    let colours = config
        .theme
        .iter()
        .zip(&defaults.theme)
        .filter(|(a, b)| a != b)
        .count();
    let mut parts = vec![
        format!(
            "archive: {}",
            config
                .archive
                .as_ref()
                .map_or("the built-in sample".into(), |p| p.display().to_string())
        ),
        format!("{keys} key bindings changed"),
        format!("{colours} colours changed"),
        format!("dates: {} (month: {})", config.dates.day, config.dates.month),
    ];
    if !config.people.is_empty() {
        parts.push(format!("{} people added", config.people.len()));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(y: &str) -> Config {
        match parse(y, "config.yaml", Path::new("/cfg")) {
            Ok(c) => c,
            Err(e) => panic!("{e}\n---\n{y}"),
        }
    }

    fn parse_err(y: &str) -> ConfigError {
        match parse(y, "config.yaml", Path::new("/cfg")) {
            Ok(_) => panic!("accepted:\n{y}"),
            Err(e) => e,
        }
    }

    fn keys_of(c: &Config, context: Context, a: Action) -> Vec<String> {
        c.keys
            .iter()
            .find(|b| b.context == context && b.action == a)
            .map(|b| b.keys.clone())
            .unwrap_or_default()
    }

    /// The error for `yaml`, checked to name the line and the key.
    fn error_at(yaml: &str, line: usize, key: &str) -> String {
        let e = parse_err(yaml);
        assert_eq!(e.line, Some(line), "{e}\n---\n{yaml}");
        assert_eq!(e.key.as_deref(), Some(key), "{e}\n---\n{yaml}");
        let text = e.to_string();
        assert!(
            text.starts_with(&format!("config.yaml line {line}: key `{key}`: ")),
            "{text}"
        );
        text
    }

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let y = default_yaml();
        assert_eq!(parse_ok(&y), Config::default());
        // every action of both modes and every role is in it, explained
        for b in keys::DEFAULT {
            assert!(
                y.contains(&format!("    {}: [", b.action.name())),
                "{}",
                b.action.name()
            );
            assert!(y.contains(b.help), "{}", b.help);
        }
        for r in ROLES {
            assert!(
                y.contains(&format!("  {}: \"{}\"", r.name, r.default)),
                "{}",
                r.name
            );
        }
        for l in y.lines() {
            assert!(width(l) <= 110, "too wide: {l}");
        }
    }

    #[test]
    fn nothing_or_comments_is_the_defaults() {
        for y in ["", "\n\n", "# just a comment\n", "\u{feff}", "---\n"] {
            assert_eq!(parse_ok(y), Config::default(), "{y:?}");
        }
    }

    #[test]
    fn every_setting() {
        let c = parse_ok(
            "archive: news/2025\n\
             date_format: \"%d/%m/%Y\"\n\
             month_format: \"%B %Y\"\n\
             keys:\n  browse:\n    filter: f\n    quit: [x, C-c, x]\n    help: []\n\
             \x20 typing:\n    delete_word: [C-w, A-Backspace]\n\
             theme:\n  date: bold green\n  selected: Black on Light-Yellow\n\
             people:\n  - name: \"Ahn Gyu-back\"\n    aliases: [\"An Gyu-baek\"]\n    role: \"Bộ trưởng\"\n",
        );
        assert_eq!(c.archive.as_deref(), Some(Path::new("/cfg/news/2025")));
        assert_eq!(c.dates.day, "%d/%m/%Y");
        assert_eq!(c.dates.month, "%B %Y");
        assert_eq!(keys_of(&c, Context::Normal, Action::Filter), ["f"]);
        assert_eq!(
            keys_of(&c, Context::Normal, Action::Quit),
            ["x", "C-c"],
            "deduplicated"
        );
        assert!(
            keys_of(&c, Context::Normal, Action::Help).is_empty(),
            "[] unbinds"
        );
        assert_eq!(
            keys_of(&c, Context::Text, Action::DeleteWord),
            ["C-w", "A-Backspace"]
        );
        // the rest keep their defaults, in both modes
        assert_eq!(keys_of(&c, Context::Normal, Action::Down), ["j", "Down"]);
        assert_eq!(keys_of(&c, Context::Text, Action::Quit), ["C-c"]);
        let role = |n: &str| {
            c.theme
                .iter()
                .find(|(r, _)| *r == n)
                .map(|(_, s)| *s)
                .unwrap_or_default()
        };
        assert_eq!(
            role("date"),
            StyleSpec {
                fg: Some(Colour::Green),
                bold: true,
                ..StyleSpec::default()
            }
        );
        assert_eq!(role("selected").to_string(), "black on light_yellow");
        assert_eq!(role("title").to_string(), "bold light_cyan", "untouched role");
        assert_eq!(c.people.len(), 1);
        assert_eq!(c.people[0].role.as_deref(), Some("Bộ trưởng"));
        assert!(
            summary(&c).contains("4 key bindings changed; 2 colours changed"),
            "{}",
            summary(&c)
        );
    }

    #[test]
    fn home_and_absolute_archives() {
        if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            let c = parse_ok("archive: ~/news\n");
            assert_eq!(c.archive, Some(PathBuf::from(&home).join("news")));
            assert_eq!(parse_ok("archive: \"~\"\n").archive, Some(PathBuf::from(&home)));
        }
        assert_eq!(
            parse_ok("archive: /srv/news\n").archive,
            Some(PathBuf::from("/srv/news"))
        );
        let e = error_at("archive: ~an/news\n", 1, "archive");
        assert!(e.contains("only `~` and `~/…`"), "{e}");
        error_at("archive: \"\"\n", 1, "archive");
    }

    #[test]
    fn text_is_nfc() {
        let nfd = "Bo\u{302}\u{323} tru\u{31b}o\u{31b}\u{309}ng";
        let c = parse_ok(&format!(
            "date_format: \"%d tha\u{301}ng %m\"\npeople:\n  - name: \"{nfd} An\"\n    role: \"{nfd}\"\n"
        ));
        assert_eq!(c.people[0].name, "Bộ trưởng An");
        assert_eq!(c.people[0].role.as_deref(), Some("Bộ trưởng"));
        assert_eq!(c.dates.day, "%d tháng %m");
        assert_eq!(
            c.dates.show(&Date::ymd(2025, 3, 4).unwrap_or(Date::Undated)),
            "04 tháng 03"
        );
    }

    #[test]
    fn unknown_names_suggest_the_nearest() {
        let e = error_at("date_format: \"%Y\"\nthme:\n  title: red\n", 2, "thme");
        assert!(
            e.contains("unknown key") && e.contains("did you mean `theme`?"),
            "{e}"
        );
        let e = error_at("keys:\n  browse:\n    dwon: x\n", 3, "keys.browse.dwon");
        assert!(
            e.contains("unknown action") && e.contains("did you mean `down`?"),
            "{e}"
        );
        let e = error_at("keys:\n  typing:\n    filter: C-f\n", 3, "keys.typing.filter");
        assert!(e.contains("is an action of `keys.browse`"), "{e}");
        let e = error_at("keys:\n  browsing:\n    down: j\n", 2, "keys.browsing");
        assert!(e.contains("did you mean `browse`?"), "{e}");
        let e = error_at("theme:\n  tilte: red\n", 2, "theme.tilte");
        assert!(
            e.contains("unknown colour role") && e.contains("did you mean `title`?"),
            "{e}"
        );
        let e = error_at("people:\n  - nam: An\n", 2, "people[0].nam");
        assert!(e.contains("did you mean `name`?"), "{e}");
        // nothing near: no guess
        let e = error_at("zzzzzz: 1\n", 1, "zzzzzz");
        assert!(!e.contains("did you mean"), "{e}");
    }

    #[test]
    fn bad_keys() {
        let e = error_at("keys:\n  browse:\n    down: Ctrl+x\n", 3, "keys.browse.down");
        assert!(
            e.contains("`Ctrl+x` is not a key") && e.contains("did you mean `C-x`?"),
            "{e}"
        );
        let e = error_at(
            "keys:\n  browse:\n    down: [j, PgDn]\n",
            3,
            "keys.browse.down[1]",
        );
        assert!(e.contains("did you mean `PageDown`?"), "{e}");
        let e = error_at("keys:\n  browse:\n    top: [g, Hmoe]\n", 3, "keys.browse.top[1]");
        assert!(e.contains("did you mean `Home`?"), "{e}");
        let e = error_at("keys:\n  browse:\n    down: {a: b}\n", 3, "keys.browse.down");
        assert!(
            e.contains("expected a key like `j` or `C-d`, or a list of keys"),
            "{e}"
        );
        let e = error_at("keys:\n  typing:\n    home: a\n", 3, "keys.typing.home");
        assert!(e.contains("would no longer type itself"), "{e}");
        error_at("keys:\n  typing:\n    home: [Space]\n", 3, "keys.typing.home");
        let e = error_at(
            "keys:\n  browse:\n    down: j\n    down: k\n",
            4,
            "keys.browse.down",
        );
        assert!(e.contains("listed twice"), "{e}");
    }

    #[test]
    fn a_key_does_one_thing_per_mode() {
        // against a default the user did not touch: blame the user's line, say how to fix it
        let e = error_at(
            "keys:\n  browse:\n    filter: f\n    down: k\n",
            4,
            "keys.browse.down",
        );
        assert!(
            e.contains("`k` is already bound to `up`") && e.contains("e.g. `up: [\"Up\"]`"),
            "{e}"
        );
        // between two of the user's own
        let e = error_at(
            "keys:\n  browse:\n    edit: x\n    copy: [y, x]\n",
            4,
            "keys.browse.copy",
        );
        assert!(e.contains("already bound to `edit`"), "{e}");
        // C-D is C-d
        let e = error_at("keys:\n  browse:\n    top: C-D\n", 3, "keys.browse.top");
        assert!(
            e.contains("`C-D` is already bound to `half_page_down` (as `C-d`)"),
            "{e}"
        );
        // moving a key: free it first, in the same file
        let c = parse_ok("keys:\n  browse:\n    up: [Up]\n    down: [k, Down]\n");
        assert_eq!(keys_of(&c, Context::Normal, Action::Down), ["k", "Down"]);
        // the same key in two modes is fine (C-u is both half a page up and delete to start)
        parse_ok("keys:\n  typing:\n    delete_to_start: [C-u]\n");
        let e = error_at("keys:\n  browse:\n    quit: []\n", 3, "keys.browse.quit");
        assert!(e.contains("needs at least one key"), "{e}");
    }

    #[test]
    fn bad_colours() {
        let e = error_at("theme:\n  title: purple\n", 2, "theme.title");
        assert!(
            e.contains("`purple` is not a colour") && e.contains("light_magenta"),
            "{e}"
        );
        let e = error_at("theme:\n  title: bold yelow\n", 2, "theme.title");
        assert!(e.contains("did you mean `yellow`?"), "{e}");
        let e = error_at("theme:\n  title: blod yellow\n", 2, "theme.title");
        assert!(e.contains("did you mean the modifier `bold`?"), "{e}");
        let e = error_at("theme:\n  title: red blue\n", 2, "theme.title");
        assert!(e.contains("`blue` after the colour"), "{e}");
        let e = error_at("theme:\n  title: red on\n", 2, "theme.title");
        assert!(e.contains("needs a background colour"), "{e}");
        error_at("theme:\n  title: \"\"\n", 2, "theme.title");
        error_at("theme:\n  title: 3\n", 2, "theme.title");
    }

    #[test]
    fn styles_read_and_write() {
        for r in ROLES {
            let s = StyleSpec::parse(r.default).unwrap_or_default();
            assert_eq!(s.to_string(), r.default, "{}", r.name);
        }
        let s = StyleSpec::parse("underlined dim italic reverse bright_red on default").unwrap_or_default();
        assert_eq!(s.to_string(), "dim italic underline reverse light_red");
        assert_eq!(
            StyleSpec::parse("default on blue").map(|s| s.to_string()),
            Ok("default on blue".into())
        );
        assert_eq!(StyleSpec::parse("grey").map(|s| s.fg), Ok(Some(Colour::Gray)));
        assert_eq!(StyleSpec::parse("bold").map(|s| (s.bold, s.fg)), Ok((true, None)));
    }

    #[test]
    fn bad_date_formats() {
        let e = error_at("date_format: \"%Y-%m-%Q\"\n", 1, "date_format");
        assert!(
            e.contains("`%Q` in `%Y-%m-%Q` is not a strftime specifier"),
            "{e}"
        );
        let e = error_at("date_format: \"%d/%m/%Y %H:%M\"\n", 1, "date_format");
        assert!(e.contains("`%H`") && e.contains("time of day"), "{e}");
        let e = error_at("date_format: \"%Y %\"\n", 1, "date_format");
        assert!(e.contains("`%`"), "{e}");
        let e = error_at("date_format: \"\"\n", 1, "date_format");
        assert!(e.contains("empty"), "{e}");
        let e = error_at("month_format: \"%d/%m/%Y\"\n", 1, "month_format");
        assert!(e.contains("shows a day"), "{e}");
        error_at("month_format: \"%a %m\"\n", 1, "month_format");
        let e = error_at("date_format: \"%Y\\n%m\"\n", 1, "date_format");
        assert!(e.contains("control character"), "{e}");
        let e = error_at("date_format: [1]\n", 1, "date_format");
        assert!(e.contains("expected a strftime format"), "{e}");
        // what is valid: padding flags, literal percent, names
        parse_ok("date_format: \"%-d.%-m.%Y %% %a %b %B %e %j\"\n");
    }

    #[test]
    fn dates_shown_at_their_precision() {
        let c = parse_ok("date_format: \"%e %B %Y\"\nmonth_format: \"%b %Y\"\n");
        let d = &c.dates;
        assert_eq!(
            d.show(&Date::ymd(2025, 9, 4).unwrap_or(Date::Undated)),
            " 4 September 2025"
        );
        assert_eq!(d.show(&Date::Month(2025, 9)), "Sep 2025");
        assert_eq!(d.show(&Date::Year(2025)), "2025");
        assert_eq!(d.show(&Date::Undated), "undated");
        assert_eq!(d.show(&Date::MonthDay(9, 4)), "--09-04");
        assert_eq!(d.column, width("28 September 2025"));
        let plain = DateFormat::default();
        assert_eq!(plain.column, 10);
        assert_eq!(
            plain.show(&Date::ymd(2025, 9, 4).unwrap_or(Date::Undated)),
            "2025-09-04"
        );
        assert_eq!(plain.show(&Date::Month(2025, 9)), "2025-09");
    }

    #[test]
    fn bad_people_and_bad_yaml() {
        let e = error_at("people:\n  - name: \"  \"\n", 2, "people[0].name");
        assert!(e.contains("empty"), "{e}");
        let e = error_at("people:\n  - name: An\n    aliases: x\n", 3, "people[0].aliases");
        assert!(e.contains("expected a sequence"), "{e}");
        let e = error_at("people: {name: An}\n", 1, "people");
        assert!(e.contains("expected a sequence, found a map"), "{e}");
        let e = parse_err("keys:\n  browse:\n    down: [j\n");
        assert!(e.line.is_some() && e.key.is_none(), "{e}");
        let e = parse_err("keys:\n\tbrowse: {}\n");
        assert_eq!(e.line, Some(2), "{e}");
        let e = parse_err("- just\n- a list\n");
        assert_eq!(e.line, Some(1), "{e}");
        assert!(
            e.to_string().contains("expected struct RawConfig") || e.to_string().contains("expected"),
            "{e}"
        );
    }

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("thme", &["archive", "theme"]), Some("theme"));
        assert_eq!(nearest("qiut", &["quit", "up"]), Some("quit"));
        assert_eq!(nearest("x", &["up", "quit"]), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn lines_of_nested_keys() {
        let y = "# c\nkeys:\n  typing:\n    down: x\n  browse:\n    # c\n    down: y\ntheme: {}\n";
        assert_eq!(line_of(y, &["keys", "browse", "down"]), Some(7));
        assert_eq!(line_of(y, &["keys", "typing", "down"]), Some(4));
        assert_eq!(line_of(y, &["keys", "browse", "up"]), Some(5));
    }
}
