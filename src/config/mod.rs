//! The user's configuration: `$XDG_CONFIG_HOME/docbao/config.yaml` (else
//! `~/.config/docbao/config.yaml`), or the file `--config` or `DOCBAO_CONFIG` names.
//!
//! It sets the default archive folder, key bindings, colours, the date format and extra person
//! aliases. Every setting is optional and a missing file means the defaults. A file that cannot
//! be read is an error naming the line, the key and what was expected, and nothing of it is
//! used: docbao never starts with half a configuration.
//!
//! This module finds the file, reads it as YAML and explains what is wrong with it; each
//! section is parsed and checked by what it configures: `keys:` beside the key table
//! (`docbao_tui::keys::config`), `theme:` beside the theme (`docbao_tui::theme::spec`), the date
//! formats (`docbao_core::dates`), `people:` (`docbao_core::people`), `mouse:` and `searches:`
//! (`docbao_tui::reader_config`).

use docbao_core::dates::{DateFormat, DayFormat, MonthFormat, DATE_HELP};
use docbao_core::people::ConfigPerson;
use docbao_core::query::relevance::Sort;
use docbao_core::settings::{clean_text, nearest, yaml_str, FromConfigStr};
use docbao_extract::persons::KnownPerson;
use docbao_tui::keys::config::{action_names, mode_name, KeyBinding, KeysSection, KEY_EXAMPLES};
use docbao_tui::keys::Context;
use docbao_tui::links::LinkSettings;
use docbao_tui::reader_config::SearchesSection;
use docbao_tui::theme::spec::{default_theme, StyleSpec, ThemeSection, COLOURS, ROLES};
use docbao_tui::Settings;

mod summary;
use serde::de;
use serde::Deserialize;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
pub use summary::summary;

/// The environment variable that names a configuration file (after `--config`, before the
/// default location).
pub const ENV: &str = "DOCBAO_CONFIG";

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
        match docbao_core::paths::config_dir() {
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

/// The configuration in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// The folder opened when none is given; `None`: the built-in sample corpus.
    pub archive: Option<PathBuf>,
    /// The whole key table, in the order of `docbao_tui::keys::DEFAULT`.
    pub keys: Vec<KeyBinding>,
    /// Every colour role, in the order of [`ROLES`].
    pub theme: Vec<(&'static str, StyleSpec)>,
    pub dates: DateFormat,
    /// Extra known people, merged over the bundled list and the user's `people.yaml`.
    pub people: Vec<KnownPerson>,
    /// Named queries (`searches:`), in the file's order.
    pub searches: Vec<(String, String)>,
    /// Clicks and the wheel in the reader (`mouse:`).
    pub mouse: bool,
    /// How a link opens (`links:`).
    pub links: LinkSettings,
    /// The order the list starts in (`sort:`).
    pub sort: Sort,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            archive: None,
            keys: docbao_tui::keys::config::default_keys(),
            theme: default_theme(),
            dates: DateFormat::default(),
            people: Vec::new(),
            searches: Vec::new(),
            mouse: true,
            links: LinkSettings::default(),
            sort: Sort::default(),
        }
    }
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

impl Config {
    /// What the reader takes from it.
    pub fn reader(&self) -> Settings {
        Settings {
            keys: self.keys.clone(),
            theme: self.theme.clone(),
            dates: self.dates.clone(),
            searches: self.searches.clone(),
            mouse: self.mouse,
            links: self.links.clone(),
            sort: self.sort,
        }
    }
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
    raw.keys
        .apply(&mut config.keys)
        .map_err(|(path, message)| fail(line_of(text, &path), Some(path.join(".")), message))?;
    config.people = raw.people.into_iter().map(ConfigPerson::into_known).collect();
    config.searches = raw.searches.0;
    if let Some(m) = raw.mouse {
        config.mouse = m;
    }
    if let Some(l) = raw.links {
        config.links = l;
    }
    config.sort = raw.sort.unwrap_or_default();
    Ok(config)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    archive: Option<ArchivePath>,
    #[serde(default)]
    keys: KeysSection,
    #[serde(default)]
    theme: ThemeSection,
    #[serde(default)]
    date_format: Option<DayFormat>,
    #[serde(default)]
    month_format: Option<MonthFormat>,
    #[serde(default)]
    people: Vec<ConfigPerson>,
    #[serde(default)]
    searches: SearchesSection,
    #[serde(default)]
    mouse: Option<bool>,
    #[serde(default)]
    links: Option<LinkSettings>,
    #[serde(default)]
    sort: Option<Sort>,
}

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

docbao_core::deserialize_checked!(ArchivePath);

// ---------------------------------------------------------------------------------------------
// Keys

// ---------------------------------------------------------------------------------------------
// Theme

// ---------------------------------------------------------------------------------------------
// Dates

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

/// A paragraph as `# ` comment lines of at most 100 columns.
fn comment(y: &mut String, text: &str) {
    for r in docbao_extract::text::wrap(text, 98) {
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
    y.push_str(docbao_tui::reader_config::DEFAULT_YAML);
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

#[cfg(test)]
mod tests {
    use super::*;
    use docbao_extract::text::width::width;
    use docbao_extract::Date;
    use docbao_tui::action::Action;
    use docbao_tui::keys;
    use docbao_tui::theme::spec::Colour;

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
    fn the_order_the_list_starts_in() {
        assert_eq!(parse_ok("").sort, Sort::Relevance);
        let c = parse_ok("sort: oldest\n");
        assert_eq!(c.sort, Sort::Oldest);
        assert!(summary(&c).ends_with("list oldest first"), "{}", summary(&c));
        let e = parse_err("sort: random\n");
        assert!(e.to_string().contains("random"), "{e}");
    }

    #[test]
    fn links_are_read_checked_and_summed_up() {
        let c = parse_ok("links:\n  open: copy\n");
        assert_eq!(c.links.open, docbao_tui::links::OpenMode::Copy);
        assert!(summary(&c).ends_with("links: copy"), "{}", summary(&c));
        let c = parse_ok("links: {browser: w3m}\n");
        assert!(
            summary(&c).ends_with("links: auto, browser w3m"),
            "{}",
            summary(&c)
        );
        let e = parse_err("links:\n  open: sometimes\n");
        assert!(e.to_string().contains("sometimes"), "{e}");
        let e = parse_err("links:\n  brower: w3m\n");
        assert!(e.to_string().contains("brower"), "{e}");
        assert_eq!(parse_ok("").links, LinkSettings::default());
    }

    #[test]
    fn searches_and_the_mouse() {
        let c = parse_ok(
            "mouse: false\nsearches:\n  Korea defence: \"@ahn gyu-back | scm\"\n  Lũ: lũ since:2025-10\n",
        );
        assert!(!c.mouse);
        assert_eq!(
            c.searches,
            vec![
                ("Korea defence".to_string(), "@ahn gyu-back | scm".to_string()),
                ("Lũ".to_string(), "lũ since:2025-10".to_string()),
            ]
        );
        assert_eq!(c.reader().searches, c.searches);
        assert!(
            summary(&c).contains("2 saved searches; mouse off"),
            "{}",
            summary(&c)
        );
        let e = error_at("searches:\n  hỏng: \"since:2025-13\"\n", 2, "searches");
        assert!(e.contains("search `hỏng`: "), "{e}");
        let e = parse_err("mouse: maybe\n").to_string();
        assert!(e.contains("expected a boolean"), "{e}");
        let e = parse_err("searches: [scm]\n").to_string();
        assert!(e.contains("a map of name: query"), "{e}");
    }

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("thme", &["archive", "theme"]), Some("theme"));
        assert_eq!(nearest("qiut", &["quit", "up"]), Some("quit"));
        assert_eq!(nearest("x", &["up", "quit"]), None);
        assert_eq!(docbao_core::settings::edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn lines_of_nested_keys() {
        let y = "# c\nkeys:\n  typing:\n    down: x\n  browse:\n    # c\n    down: y\ntheme: {}\n";
        assert_eq!(line_of(y, &["keys", "browse", "down"]), Some(7));
        assert_eq!(line_of(y, &["keys", "typing", "down"]), Some(4));
        assert_eq!(line_of(y, &["keys", "browse", "up"]), Some(5));
    }
}
