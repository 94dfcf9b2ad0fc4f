//! Web links in text: where they are (for the reader's numbered hints) and what to open.
//!
//! Finding where a link ends is harder than it looks (a sentence's full stop, a closing
//! parenthesis, an address in Vietnamese letters); the `linkify` crate does it by the rules
//! of RFC 3987 and is well kept, so it is used rather than a pattern of our own. Only web
//! addresses are kept: `http://`, `https://`, and `www.` without a scheme. A `javascript:` or
//! `file:` address in an article is text, never something docbao hands to a browser.

use linkify::{LinkFinder, LinkKind};
use std::ops::Range;

/// The byte ranges of the web links in `text`, in order.
pub fn find(text: &str) -> Vec<Range<usize>> {
    // Cheap test first: most paragraphs hold no link.
    if !text.contains("http") && !text.contains("www.") {
        return Vec::new();
    }
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(false);
    finder
        .links(text)
        .filter(|l| web(l.as_str()))
        .map(|l| l.start()..l.end())
        .collect()
}

/// What to open for a link as written: `www.…` gains `https://`; anything that is not a web
/// address (`javascript:`, `file:`, a bare word) gives `None`.
pub fn target(link: &str) -> Option<String> {
    let link = link.trim();
    if !web(link) || link.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    Some(if has_scheme(link) {
        link.to_string()
    } else {
        format!("https://{link}")
    })
}

fn has_scheme(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn web(s: &str) -> bool {
    let rest = if has_scheme(s) {
        s.split_once("://").map_or("", |(_, r)| r)
    } else if s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
        s
    } else {
        return false;
    };
    // A host: at least one character before any path.
    rest.split(['/', '?', '#']).next().is_some_and(|h| !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_link_ends_before_the_sentence_does() {
        assert_eq!(
            found("Xem tại https://www.youtube.com. Hoặc (https://tokhaiyte.vn/khai-bao)."),
            ["https://www.youtube.com", "https://tokhaiyte.vn/khai-bao"]
        );
        assert_eq!(found("trang www.example.vn, rồi"), ["www.example.vn"]);
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert!(found("javascript:alert(1) file:///etc/passwd ftp://a.b/c").is_empty());
        assert!(found("lãi suất 3,3%/năm và dantri.com.vn").is_empty());
        assert!(found("không có liên kết").is_empty());
        assert_eq!(target("javascript:alert(1)"), None);
        assert_eq!(target("https://"), None);
        assert_eq!(target("https://a.vn/x y"), None);
    }

    #[test]
    fn a_link_without_scheme_opens_over_https() {
        assert_eq!(
            target("www.example.vn/a").as_deref(),
            Some("https://www.example.vn/a")
        );
        assert_eq!(target(" HTTPS://A.VN ").as_deref(), Some("HTTPS://A.VN"));
    }

    #[test]
    fn vietnamese_letters_in_a_path_stay_in_the_link() {
        assert_eq!(
            found("https://vi.wikipedia.org/wiki/Hà_Nội là"),
            ["https://vi.wikipedia.org/wiki/Hà_Nội"]
        );
    }
}
