//! The reader's own settings in the configuration: `mouse:` (a plain boolean), `links:`
//! (`crate::links::LinkSettings`) and `searches:`,
//! named queries, `name: query`, in the order written. Each query is checked with the filter
//! language: a term it cannot read is an error naming the search, not a search that quietly
//! finds more than meant.

use docbao_core::settings::clean_text;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// These settings as `docbao config --default` writes them, explained.
pub const DEFAULT_YAML: &str = "\
# The mouse in the reader: a click selects an article, a pane or a period of the timeline, the
# wheel scrolls the pane under the pointer. Only clicks and the wheel are reported, never motion,
# so the terminal's own text selection (Shift-drag in most) keeps working. `false` leaves the
# mouse to the terminal.
mouse: true

# The order the list starts in: `relevance` (best match first under a query of words, newest
# first without one), `newest` or `oldest`. `S` cycles it while reading.
sort: relevance

# Links: the reader numbers an article's web links ([1] is its address) and a digit opens one
# (10 and up: the digits, then Enter). `open: auto` runs `browser` (empty: $BROWSER) with the
# terminal handed over, as newsboat does, so w3m or lynx work; without either, `xdg-open` (`open`
# on macOS) when there is a display, and over ssh with no display the link goes to your own
# clipboard (OSC 52). `open: browser` never copies; `open: copy` always does.
links:
  open: auto
  browser: \"\"

# Saved searches: a name and a query of the filter language each. `s` in the reader lists them
# with how many articles each finds, and Enter makes one the filter. Ctrl-s in the filter bar
# saves more; those are kept per archive, with the reading state.
searches: {}
# searches:
#   Korea defence: \"@ahn gyu-back | scm\"
#   Lũ miền Trung: \"lũ since:2025-10\"
";

/// The section as written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SearchesSection(pub Vec<(String, String)>);

/// Checks one search: a name and a query that the filter language reads whole.
pub fn check_search(name: &str, query: &str) -> Result<(String, String), String> {
    let name = clean_text::<de::value::Error>(name.trim(), "a search's name").map_err(|e| e.to_string())?;
    if name.is_empty() {
        return Err("a search needs a name".into());
    }
    let query = clean_text::<de::value::Error>(query.trim(), "a search's query")
        .map_err(|e| format!("search `{name}`: {e}"))?;
    if query.is_empty() {
        return Err(format!("search `{name}` has an empty query"));
    }
    let parsed = docbao_core::query::parse(&query, &|_| false);
    if let Some(e) = parsed.errors.first() {
        return Err(format!("search `{name}`: {e}"));
    }
    Ok((name, query))
}

impl<'de> Deserialize<'de> for SearchesSection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SearchesSection;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of name: query, like `Korea defence: \"@ahn gyu-back | scm\"`")
            }
            fn visit_unit<E: de::Error>(self) -> Result<SearchesSection, E> {
                Ok(SearchesSection::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SearchesSection, A::Error> {
                let mut out: Vec<(String, String)> = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let query: String = map.next_value()?;
                    let (name, query) = check_search(&name, &query).map_err(de::Error::custom)?;
                    if out.iter().any(|(n, _)| *n == name) {
                        return Err(de::Error::custom(format!("`{name}` is listed twice")));
                    }
                    out.push((name, query));
                }
                Ok(SearchesSection(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_checked_with_the_filter_language() {
        assert_eq!(
            check_search(" Korea defence ", "@ahn gyu-back | scm"),
            Ok(("Korea defence".into(), "@ahn gyu-back | scm".into()))
        );
        assert!(check_search("", "scm").is_err());
        assert!(check_search("x", "  ").is_err());
        let e = check_search("hỏng", "since:2025-13").unwrap_err();
        assert!(e.starts_with("search `hỏng`: "), "{e}");
    }
}
