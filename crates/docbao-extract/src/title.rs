//! The title: front matter `title`, else a headline the file gives, else the first sentence of
//! the lead paragraph (never a caption or a credit). A title is kept whole: it is cut only where
//! it is drawn. Many archives put the lead paragraph on the headline's line, and the words past a
//! cut were lost to persons, dates and search. Only a line too long to be any headline (more than
//! [`TITLE_MAX`] characters: a file with no line breaks) keeps its first words.

use super::body::Block;
use crate::mend::{is_abbreviation, is_credit_line, split_credit, squeeze};

/// The longest title kept whole, in characters: far above any headline or lead sentence (the
/// longest first line in Dân Trí's 2,653 articles has 857), so only a file with no line breaks
/// reaches it.
pub const TITLE_MAX: usize = 1000;

/// A line where a headline stands that is longer than this many characters is a paragraph,
/// not a headline (news headlines run to about 150 characters; the Dân Trí exports put the
/// lead paragraph, up to 857, there): `ingest::shape` keeps it as the body's first paragraph,
/// and the title is its first sentence.
pub const HEADLINE_MAX: usize = 250;

pub fn derive(meta_title: Option<&str>, headline: Option<&str>, blocks: &[Block], file_stem: &str) -> String {
    // A front matter title is the file's own word: a credit at its end goes, but one that is
    // all credit-like (`Ảnh: Hà Nội ngập sâu`, a photo story) stays as written.
    let from_meta = meta_title.map(squeeze).and_then(|t| {
        let t = t.trim();
        without_credit(t)
            .or((!t.is_empty()).then_some(t))
            .map(str::to_string)
    });
    let from_file = from_meta.or_else(|| {
        headline
            .map(squeeze)
            .and_then(|t| without_credit(&t).map(str::to_string))
    });
    if let Some(t) = from_file {
        return cut(&t);
    }
    // The line where a headline stands was only a caption: the headline is the heading that
    // comes next, before the lead paragraph (`Ảnh minh họa (Nguồn: AP)`, a blank line, then
    // the real headline).
    if headline.is_some() {
        let heading = blocks
            .iter()
            .take_while(|b| !matches!(b, Block::Paragraph { .. }))
            .find_map(|b| match b {
                Block::Heading { text } => without_credit(text),
                _ => None,
            });
        if let Some(t) = heading {
            return cut(t);
        }
    }
    // The first sentence of the lead paragraph that is not only a caption or a credit.
    let lead = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
        .find_map(first_real_sentence);
    let fallback = || {
        blocks.iter().find_map(|b| match b {
            Block::Heading { text } | Block::Caption { text, .. } if !text.is_empty() => Some(text.as_str()),
            _ => None,
        })
    };
    match lead {
        Some(t) => cut(t),
        None => match fallback() {
            Some(text) => cut(first_sentence(text)),
            None => file_stem.replace(['-', '_'], " "),
        },
    }
}

/// The first sentence of `text` that is more than a caption or a credit, without a credit at
/// its end.
fn first_real_sentence(text: &str) -> Option<&str> {
    let mut rest = text.trim();
    while !rest.is_empty() {
        let s = first_sentence(rest);
        if let Some(t) = without_credit(s) {
            return Some(t);
        }
        // `first_sentence` returns a slice of `rest` starting at its start (`rest` is trimmed).
        let end = (s.as_ptr() as usize - rest.as_ptr() as usize) + s.len();
        let next = rest.get(end..).unwrap_or("").trim_start_matches(['.', ' ']);
        if next.len() >= rest.len() {
            break;
        }
        rest = next;
    }
    None
}

/// A title candidate without the photo credit at its end (`… ở Ấn Độ (Ảnh: Getty).`,
/// `… (Cuba). Ảnh: Havanatimes`); `None` when nothing but a caption or credit is left
/// (`(Ảnh minh họa).`, `Ảnh minh họa (Nguồn: AP)`, `Ảnh: Getty`). A candidate without a
/// credit comes back as it is.
pub fn without_credit(t: &str) -> Option<&str> {
    let t = t.trim();
    let mut left = t;
    while let Some(before) = credit_paren_before(left).or_else(|| credit_sentence_before(left)) {
        left = before;
    }
    if left.len() == t.len() {
        return (!t.is_empty() && !is_credit_line(t)).then_some(t);
    }
    // Keep `?` and `!`, not a full stop, as a lead sentence's title does.
    let mut left = left.trim_end_matches([' ', ',', ';', ':', '-', '–']);
    if left.ends_with('.') && !left.ends_with("..") {
        left = &left[..left.len() - 1];
    }
    let left = left.trim_end();
    let only_caption = left.is_empty()
        || is_credit_line(left)
        || left.trim_matches(['(', ')', '[', ']', '.', ' ']).is_empty();
    (!only_caption).then_some(left)
}

/// What comes before a credit in brackets ending `t` (a full stop may follow it): `(Ảnh: X)`,
/// `(Nguồn: X)`, `[Reuters]`.
fn credit_paren_before(t: &str) -> Option<&str> {
    let u = t.strip_suffix('.').unwrap_or(t).trim_end();
    if let Some((before, inner)) = split_credit(u) {
        let lower = inner.to_lowercase();
        // `(ảnh hưởng …)` is not a credit.
        return (!lower.starts_with("ảnh hưởng")).then_some(before);
    }
    let start = u.strip_suffix(')')?.rfind('(')?;
    let inner = u[start + 1..u.len() - 1].trim().to_lowercase();
    let source = inner
        .strip_prefix("nguồn")
        .is_some_and(|r| r.trim_start().starts_with(':'));
    (source && inner.chars().count() <= 60).then(|| u[..start].trim_end())
}

/// What comes before a last sentence that is only a credit: `… (Cuba). Ảnh: Havanatimes`.
fn credit_sentence_before(t: &str) -> Option<&str> {
    let u = t.strip_suffix('.').unwrap_or(t).trim_end();
    let at = u.rfind(". ")?;
    is_credit_line(&u[at + 2..]).then(|| &u[..at + 1])
}

/// The first sentence of a paragraph: up to the first `.`, `!`, `?` or `…` followed by a space and
/// a capital, not after an abbreviation.
///
/// Reads only as far as that end: a paragraph of many short caption sentences is walked a
/// sentence at a time by [`first_real_sentence`], so reading the rest of the paragraph each
/// time would cost the square of its length.
pub fn first_sentence(text: &str) -> &str {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut after = chars.clone();
        // closing quotes stay with the sentence
        while after
            .next_if(|&(_, q)| matches!(q, '”' | '"' | '’' | ')'))
            .is_some()
        {}
        let next = after.next();
        let end = next.map(|x| x.0).unwrap_or(text.len());
        let next_ok = match (next.map(|x| x.1), after.next().map(|x| x.1)) {
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

/// The title as it is, unless it is longer than [`TITLE_MAX`] characters: then cut at a word
/// boundary before it, with `…`.
pub fn cut(text: &str) -> String {
    let Some((limit, _)) = text.char_indices().nth(TITLE_MAX) else {
        return text.to_string();
    };
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
    fn a_front_matter_title_that_reads_like_a_credit_is_kept() {
        let para = |t: &str| Block::Paragraph { text: t.into() };
        let blocks = [para("Sáng nay, nhiều tuyến phố bị ngập. Nước rút chậm.")];
        let t = "Ảnh: Hà Nội ngập sâu sau trận mưa lớn";
        assert_eq!(derive(Some(t), None, &blocks, "f"), t);
        // A credit at its end still goes.
        assert_eq!(
            derive(Some("Hà Nội ngập sâu (Ảnh: Getty)"), None, &blocks, "f"),
            "Hà Nội ngập sâu"
        );
        // A headline that is only a caption is still passed over.
        assert_eq!(
            derive(None, Some("Ảnh minh họa (Nguồn: AP)"), &blocks, "f"),
            "Sáng nay, nhiều tuyến phố bị ngập"
        );
    }

    #[test]
    fn after_a_caption_where_the_headline_stands_the_next_heading_is_the_title() {
        let blocks = [
            Block::Heading {
                text: "Mỹ và Nhật nhất trí tăng cường hợp tác quốc phòng".into(),
            },
            Block::Paragraph {
                text: "Chiều 12/3, hai bộ đã ký thỏa thuận. Câu sau.".into(),
            },
        ];
        assert_eq!(
            derive(None, Some("Ảnh minh họa (Nguồn: AP)"), &blocks, "f"),
            "Mỹ và Nhật nhất trí tăng cường hợp tác quốc phòng"
        );
        // With no headline line at all, the lead sentence stays the title.
        assert_eq!(
            derive(None, None, &blocks, "f"),
            "Chiều 12/3, hai bộ đã ký thỏa thuận"
        );
    }

    #[test]
    fn a_lead_of_many_captions_is_read_through_to_its_first_real_sentence() {
        let mut lead = "(Ảnh: A). ".repeat(20_000);
        lead.push_str("Mưa lớn kéo dài ở Hà Nội. Câu sau.");
        let blocks = [Block::Paragraph { text: lead }];
        assert_eq!(derive(None, None, &blocks, "f"), "Mưa lớn kéo dài ở Hà Nội");
    }

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
    fn a_long_headline_is_kept_whole() {
        let line = "Các chuyên gia cảnh báo tình trạng sốt đất ảo ở nhiều nơi và thị trường chứng khoán có nhiều biến động, theo báo cáo công bố sáng 20/4 tại Hà Nội";
        assert!(line.chars().count() > 100);
        assert_eq!(derive(None, Some(line), &[], "f"), line);
    }

    #[test]
    fn headlines_and_lead_sentences_are_kept_whole() {
        let headline = "Bộ trưởng Quốc phòng ".repeat(12);
        let headline = headline.trim();
        assert!(headline.chars().count() > 200);
        assert_eq!(cut(headline), headline);
        let para = |t: &str| Block::Paragraph { text: t.into() };
        assert_eq!(derive(Some(headline), None, &[], "f"), headline);
        let lead = format!("{headline}. Câu sau.");
        assert_eq!(derive(None, None, &[para(&lead)], "f"), headline);
    }

    #[test]
    fn cuts_only_a_line_no_headline_could_be_at_words() {
        let long = "Bộ trưởng ".repeat(200);
        let t = cut(long.trim());
        assert!(t.ends_with('…'));
        assert!(t.chars().count() <= TITLE_MAX + 1);
        assert!(t.trim_end_matches('…').ends_with("trưởng"));
    }

    #[test]
    fn captions_and_credits_are_never_titles() {
        let para = |t: &str| Block::Paragraph { text: t.into() };
        let lead = [para(
            "Ban Chỉ đạo vừa ra thông báo khẩn. Nội dung thông báo cho biết.",
        )];
        for caption in [
            "(Ảnh minh họa).",
            "Ảnh minh họa (Nguồn: AP)",
            "Ảnh: Getty",
            "Ảnh minh họa",
            "(Ảnh: Reuters)",
            "[Ảnh: AFP = Yonhap]",
        ] {
            assert_eq!(without_credit(caption), None, "{caption}");
            assert_eq!(
                derive(None, Some(caption), &lead, "f"),
                "Ban Chỉ đạo vừa ra thông báo khẩn",
                "{caption}"
            );
            // Also when the caption is the first sentence of the lead paragraph.
            if !caption.ends_with('.') {
                continue;
            }
            let glued = [para(&format!("{caption} Ban Chỉ đạo vừa ra thông báo khẩn."))];
            assert_eq!(
                derive(None, None, &glued, "f"),
                "Ban Chỉ đạo vừa ra thông báo khẩn",
                "{caption}"
            );
        }
        for (line, title) in [
            (
                "Dịch Covid-19 diễn biến phức tạp ở Ấn Độ (Ảnh: Getty).",
                "Dịch Covid-19 diễn biến phức tạp ở Ấn Độ",
            ),
            (
                "Tàu khu trục Bayern của Đức. (Nguồn: Pinterest)",
                "Tàu khu trục Bayern của Đức",
            ),
            (
                "Một chiếc xe tăng được sơn màu hồng tại vườn Havana (Cuba). Ảnh: Havanatimes",
                "Một chiếc xe tăng được sơn màu hồng tại vườn Havana (Cuba)",
            ),
            (
                "Mạng 5G trên iPhone12. Ảnh: Đinh Ngọc Dũng.",
                "Mạng 5G trên iPhone12",
            ),
            ("Vì sao? (Ảnh: AP)", "Vì sao?"),
        ] {
            assert_eq!(derive(None, Some(line), &lead, "f"), title, "{line}");
        }
        // Brackets that are not credits stay; so does a title without any.
        for line in [
            "Giá xăng tăng (ảnh hưởng từ thế giới)",
            "Tàu cập cảng (theo Reuters)",
            "Công ty T.B.A.",
            "Photo exhibitions are popular in Hanoi",
        ] {
            assert_eq!(derive(None, Some(line), &lead, "f"), line);
        }
    }

    #[test]
    fn numbers_do_not_end_sentences() {
        assert_eq!(first_sentence("Giá 28.500 đồng. Sau đó"), "Giá 28.500 đồng");
    }
}
