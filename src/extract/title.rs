//! The title: front matter `title`, else a headline the file gives, else the first sentence of
//! the lead paragraph (never a caption or a credit), cut at a word boundary near 100 characters.

use super::body::Block;
use super::clean::{is_abbreviation, squeeze};

/// The longest title kept whole, in characters.
pub const TITLE_MAX: usize = 100;

pub fn derive(meta_title: Option<&str>, headline: Option<&str>, blocks: &[Block], file_stem: &str) -> String {
    let from_file = meta_title
        .map(squeeze)
        .filter(|t| !t.is_empty())
        .or_else(|| headline.map(squeeze).filter(|t| !t.is_empty()));
    if let Some(t) = from_file {
        return cut(&t);
    }
    let lead = blocks.iter().find_map(|b| match b {
        Block::Paragraph { text } => Some(text.as_str()),
        _ => None,
    });
    let fallback = || {
        blocks.iter().find_map(|b| match b {
            Block::Heading { text } | Block::Caption { text, .. } if !text.is_empty() => Some(text.as_str()),
            _ => None,
        })
    };
    match lead.or_else(fallback) {
        Some(text) => cut(first_sentence(text)),
        None => file_stem.replace(['-', '_'], " "),
    }
}

/// The first sentence of a paragraph: up to the first `.`, `!`, `?` or `…` followed by a space and
/// a capital, not after an abbreviation.
pub fn first_sentence(text: &str) -> &str {
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut j = k + 1;
        // closing quotes stay with the sentence
        while j < bytes.len() && matches!(bytes[j].1, '”' | '"' | '’' | ')') {
            j += 1;
        }
        let end = bytes.get(j).map(|x| x.0).unwrap_or(text.len());
        let next_ok = match (bytes.get(j).map(|x| x.1), bytes.get(j + 1).map(|x| x.1)) {
            (None, _) => true,
            (Some(' '), Some(n)) => n.is_uppercase() || matches!(n, '“' | '"' | '(') || n.is_ascii_digit(),
            _ => false,
        };
        if !next_ok {
            continue;
        }
        if c == '.' {
            let word_start = text[..i].rfind(' ').map(|p| p + 1).unwrap_or(0);
            if is_abbreviation(&text[word_start..i]) {
                continue;
            }
        }
        // Keep the full stop off the title; keep ? and !.
        let cut_at = if c == '.' && end == i + 1 { i } else { end };
        return text[..cut_at].trim();
    }
    text.trim()
}

/// Cuts at a word boundary near [`TITLE_MAX`] characters, adding `…`.
pub fn cut(text: &str) -> String {
    if text.chars().count() <= TITLE_MAX {
        return text.to_string();
    }
    let limit = text
        .char_indices()
        .nth(TITLE_MAX)
        .map(|x| x.0)
        .unwrap_or(text.len());
    let head = &text[..limit];
    let at = head.rfind(' ').filter(|p| *p > limit / 2).unwrap_or(limit);
    let mut t = head[..at]
        .trim_end_matches([',', ';', ':', ' ', '-', '–'])
        .to_string();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_title_wins() {
        assert_eq!(derive(Some("Tiêu đề"), Some("X"), &[], "f"), "Tiêu đề");
    }

    #[test]
    fn lead_sentence_skips_captions() {
        let blocks = vec![
            Block::Caption {
                text: "Ông An phát biểu.".into(),
                credit: Some("Ảnh: TTXVN".into()),
            },
            Block::Paragraph {
                text: "Sáng 14/3, tại TP. HCM, hội nghị khai mạc. Tại đó nhiều người dự.".into(),
            },
        ];
        assert_eq!(
            derive(None, None, &blocks, "f"),
            "Sáng 14/3, tại TP. HCM, hội nghị khai mạc"
        );
    }

    #[test]
    fn cuts_long_titles_at_words() {
        let long = "Bộ trưởng ".repeat(20);
        let t = cut(long.trim());
        assert!(t.ends_with('…'));
        assert!(t.chars().count() <= TITLE_MAX + 1);
        assert!(t.trim_end_matches('…').ends_with("trưởng"));
    }

    #[test]
    fn numbers_do_not_end_sentences() {
        assert_eq!(first_sentence("Giá 28.500 đồng. Sau đó"), "Giá 28.500 đồng");
    }
}
