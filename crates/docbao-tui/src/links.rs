//! How a link the user picked leaves docbao: in a browser when there is a screen to show it
//! on, else on the clipboard (OSC 52), which reaches the user's own machine over ssh.
//!
//! The choice is a pure function of the settings and the environment ([`plan`]), so it is
//! tested without starting anything; the event loop carries the plan out.

use serde::Deserialize;

/// `links: open:` in the configuration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpenMode {
    /// A browser when one can show the page (a browser command, or a display), else copy.
    #[default]
    Auto,
    /// Always a browser (the command, else the system's opener).
    Browser,
    /// Always copy.
    Copy,
}

/// The `links:` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSettings {
    #[serde(default)]
    pub open: OpenMode,
    /// The browser command; empty: `$BROWSER`, then `xdg-open` (`open` on macOS).
    #[serde(default)]
    pub browser: String,
}

/// What the environment says, read once per link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `$BROWSER`, if set and not blank.
    pub browser: Option<String>,
    /// A graphical display: `$DISPLAY` or `$WAYLAND_DISPLAY` (always, on macOS).
    pub display: bool,
}

impl Env {
    pub fn read() -> Env {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Env {
            browser: var("BROWSER"),
            display: cfg!(target_os = "macos")
                || var("DISPLAY").is_some()
                || var("WAYLAND_DISPLAY").is_some(),
        }
    }
}

/// What to do with a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Run this command line (the user's browser) with the terminal handed over, and wait:
    /// a text browser (w3m, lynx) needs the terminal, as in newsboat.
    Browser(Vec<String>),
    /// Start the system's opener in the background; the reader stays.
    Opener(Vec<String>),
    /// Put it on the clipboard, saying why it was not opened (empty: the settings ask it).
    Copy(&'static str),
}

/// The system's opener.
const OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// The plan for `url`.
pub fn plan(settings: &LinkSettings, env: &Env, url: &str) -> Plan {
    if settings.open == OpenMode::Copy {
        return Plan::Copy("");
    }
    let configured = Some(settings.browser.as_str()).filter(|b| !b.trim().is_empty());
    if let Some(cmd) = configured
        .or(env.browser.as_deref())
        .and_then(|c| command(c, url))
    {
        return Plan::Browser(cmd);
    }
    if settings.open == OpenMode::Browser || env.display {
        return Plan::Opener(vec![OPENER.to_string(), url.to_string()]);
    }
    Plan::Copy("no display to open it on")
}

/// A browser command line with the url: `$BROWSER` may list several commands joined by `:`
/// (the first is used) and may say where the url goes with `%s`; else it goes last.
fn command(line: &str, url: &str) -> Option<Vec<String>> {
    let first = line.split(':').map(str::trim).find(|c| !c.is_empty())?;
    let mut parts: Vec<String> = first.split_whitespace().map(str::to_string).collect();
    let mut placed = false;
    for p in &mut parts {
        if p.contains("%s") {
            *p = p.replace("%s", url);
            placed = true;
        }
    }
    if !placed {
        parts.push(url.to_string());
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://dantri.com.vn/a.htm";

    fn env(browser: Option<&str>, display: bool) -> Env {
        Env {
            browser: browser.map(str::to_string),
            display,
        }
    }

    fn auto() -> LinkSettings {
        LinkSettings::default()
    }

    #[test]
    fn over_ssh_without_a_display_the_link_is_copied() {
        assert_eq!(
            plan(&auto(), &env(None, false), URL),
            Plan::Copy("no display to open it on")
        );
    }

    #[test]
    fn on_a_desktop_the_system_opener_opens_it() {
        assert_eq!(
            plan(&auto(), &env(None, true), URL),
            Plan::Opener(vec![OPENER.into(), URL.into()])
        );
    }

    #[test]
    fn the_users_browser_comes_first_with_the_url_where_it_says() {
        let p = plan(&auto(), &env(Some("w3m"), false), URL);
        assert_eq!(p, Plan::Browser(vec!["w3m".into(), URL.into()]));
        let p = plan(&auto(), &env(Some("firefox --new-tab %s:lynx"), true), URL);
        assert_eq!(
            p,
            Plan::Browser(vec!["firefox".into(), "--new-tab".into(), URL.into()])
        );
        let set = LinkSettings {
            browser: "lynx -accept_all_cookies".into(),
            ..auto()
        };
        let p = plan(&set, &env(Some("w3m"), true), URL);
        assert_eq!(
            p,
            Plan::Browser(vec!["lynx".into(), "-accept_all_cookies".into(), URL.into()])
        );
    }

    #[test]
    fn the_settings_can_ask_for_copying_or_opening_always() {
        let copy = LinkSettings {
            open: OpenMode::Copy,
            ..auto()
        };
        assert_eq!(plan(&copy, &env(Some("w3m"), true), URL), Plan::Copy(""));
        let open = LinkSettings {
            open: OpenMode::Browser,
            ..auto()
        };
        assert_eq!(
            plan(&open, &env(None, false), URL),
            Plan::Opener(vec![OPENER.into(), URL.into()])
        );
    }

    #[test]
    fn a_blank_browser_setting_counts_as_unset() {
        assert_eq!(
            plan(&auto(), &env(Some(" : "), false), URL),
            Plan::Copy("no display to open it on")
        );
    }
}
