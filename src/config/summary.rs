//! What `docbao config` says of a configuration that loaded: what differs from the defaults.

use super::Config;
use docbao_extract::text::count;

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
        format!("{} changed", count(keys, "key binding", "key bindings")),
        format!("{} changed", count(colours, "colour", "colours")),
        format!("dates: {} (month: {})", config.dates.day, config.dates.month),
    ];
    if !config.people.is_empty() {
        parts.push(format!(
            "{} added",
            count(config.people.len(), "person", "people")
        ));
    }
    if !config.searches.is_empty() {
        let n = config.searches.len();
        parts.push(format!("{n} saved search{}", if n == 1 { "" } else { "es" }));
    }
    if !config.mouse {
        parts.push("mouse off".into());
    }
    if config.links != defaults.links {
        let open = match config.links.open {
            docbao_tui::links::OpenMode::Auto => "auto",
            docbao_tui::links::OpenMode::Browser => "browser",
            docbao_tui::links::OpenMode::Copy => "copy",
        };
        let browser = config.links.browser.trim();
        parts.push(match browser {
            "" => format!("links: {open}"),
            b => format!("links: {open}, browser {b}"),
        });
    }
    if config.sort != defaults.sort {
        parts.push(format!("list {} first", config.sort.name()));
    }
    parts.join("; ")
}
