//! The article body as blocks: paragraphs, subheadings, images with captions, credits.
//! Page furniture is dropped, glued sentences are mended, `./.` marks removed.

use crate::mend::{
    chars_at_most, has_final_punctuation, is_credit_line, is_furniture, mend_glued_cow, split_credit,
    squeeze, squeeze_owned, strip_end_mark,
};
use serde::Serialize;
use std::borrow::Cow;

/// One block of cleaned article text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        text: String,
    },
    Paragraph {
        text: String,
    },
    /// An image reference (`![](path)`); shown as a placeholder.
    Image {
        path: String,
    },
    /// A photo caption, with its credit split off when there is one.
    Caption {
        text: String,
        credit: Option<String>,
    },
    /// A line that is only a credit (`Photo : YONHAP News`).
    Credit {
        text: String,
    },
}

impl Block {
    /// The text a search and the word count see (credits and images excluded).
    pub fn searchable(&self) -> Option<&str> {
        match self {
            Block::Heading { text } | Block::Paragraph { text } | Block::Caption { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// What [`parse_body`] found.
#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// A headline the text itself gives: a Markdown `# ` line, or (bare text) a short first line
    /// without final punctuation.
    pub headline: Option<String>,
    /// Lines of page furniture dropped.
    pub furniture: usize,
}

/// How to read a body: whether a short first line may be a headline.
#[derive(Debug, Clone, Copy)]
pub struct BodyRules {
    pub first_line_may_be_headline: bool,
}

/// Splits a body into blocks.
#[allow(clippy::too_many_lines)] // one pass over the lines of a body, each branch a kind of block; the state between lines is the loop's
pub fn parse_body(text: &str, rules: BodyRules) -> Body {
    let mut furniture = 0;
    let mut lines: Vec<&str> = Vec::new();
    let mut after_furniture = false;
    for l in text.split('\n') {
        let t = l.trim();
        if is_furniture(t) {
            furniture += 1;
            after_furniture = true;
            continue;
        }
        // Short leftovers after a comment box ("Gửi", counters) are furniture too.
        if after_furniture && !t.is_empty() && chars_at_most(t, 39) && !has_final_punctuation(t) {
            furniture += 1;
            continue;
        }
        if !t.is_empty() {
            after_furniture = false;
        }
        lines.push(t);
    }
    // Without any blank line the text is one sentence (or paragraph) per line.
    let line_mode = !lines.iter().any(|l| l.is_empty()) && lines.len() > 1;
    let units = group(&lines, line_mode);

    let mut body = Body {
        furniture,
        ..Body::default()
    };
    let mut after_image = false;
    let n = units.len();
    for (idx, unit) in units.into_iter().enumerate() {
        let text = strip_end_mark(&unit.text).to_string();
        if text.is_empty() {
            continue;
        }
        let nothing_yet = body.blocks.is_empty() && body.headline.is_none();
        if let Some(h) = markdown_heading(&text) {
            let h = (h.0, squeeze(h.1));
            if h.1.is_empty() {
                continue;
            }
            let no_paragraph_yet = !body.blocks.iter().any(|b| matches!(b, Block::Paragraph { .. }));
            if h.0 == 1 && body.headline.is_none() && no_paragraph_yet {
                body.headline = Some(h.1);
            } else {
                body.blocks.push(Block::Heading { text: h.1 });
            }
            after_image = false;
            continue;
        }
        if let Some(path) = image(&text) {
            body.blocks.push(Block::Image { path });
            after_image = true;
            continue;
        }
        if is_credit_line(&text) {
            body.blocks.push(Block::Credit { text: squeeze(&text) });
            continue;
        }
        if let Some((before, credit)) = split_credit(&text) {
            if chars_at_most(before, 400) || after_image {
                body.blocks.push(Block::Caption {
                    text: clean(before),
                    credit: Some(credit.to_string()),
                });
                after_image = false;
                continue;
            }
        }
        if after_image && unit.attached && chars_at_most(&text, 300) {
            body.blocks.push(Block::Caption {
                text: clean(&text),
                credit: None,
            });
            after_image = false;
            continue;
        }
        after_image = false;
        let short = chars_at_most(&text, 100) && text.split_whitespace().count() <= 16;
        if unit.single_line
            && short
            && !has_final_punctuation(&text)
            && !text.starts_with(['-', '*', '•', '+'])
        {
            if nothing_yet && rules.first_line_may_be_headline {
                body.headline = Some(clean(&text));
                continue;
            }
            // A subheading stands between paragraphs, never last.
            if idx + 1 < n && !nothing_yet {
                body.blocks.push(Block::Heading { text: clean(&text) });
                continue;
            }
        }
        body.blocks.push(Block::Paragraph { text: clean(&text) });
    }
    body
}

fn clean(s: &str) -> String {
    match mend_glued_cow(s) {
        Cow::Borrowed(t) => squeeze(t),
        Cow::Owned(t) => squeeze_owned(t),
    }
}

struct Unit {
    text: String,
    /// Came from one line (not joined).
    single_line: bool,
    /// Directly follows the previous unit with no blank line.
    attached: bool,
}

/// Lines to units. In blank-line mode, lines of one group are joined (hard-wrapped prose),
/// except Markdown headings, images, credits and captions which stand alone. In line mode,
/// sentences are gathered into paragraphs of a readable size.
fn group(lines: &[&str], line_mode: bool) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut attached = false;
    let flush = |cur: &mut Vec<&str>, units: &mut Vec<Unit>, attached: bool| {
        if !cur.is_empty() {
            units.push(Unit {
                text: cur.join(" "),
                single_line: cur.len() == 1,
                attached,
            });
            cur.clear();
        }
    };
    for (i, &l) in lines.iter().enumerate() {
        if l.is_empty() {
            flush(&mut cur, &mut units, attached);
            attached = false;
            continue;
        }
        let special = markdown_heading(l).is_some()
            || image(l).is_some()
            || is_credit_line(l)
            || split_credit(l).is_some()
            || (chars_at_most(l, 100) && !has_final_punctuation(l) && next_starts_anew(lines.get(i + 1)));
        if special {
            flush(&mut cur, &mut units, attached);
            attached = !units.is_empty();
            units.push(Unit {
                text: l.to_string(),
                single_line: true,
                attached,
            });
            attached = true;
            continue;
        }
        let was_empty = cur.is_empty();
        cur.push(l);
        if was_empty {
            attached = units.last().is_some() && attached;
        }
        let len: usize = cur.iter().map(|x| x.len()).sum();
        if line_mode && (len >= 400 || cur.len() >= 4) {
            flush(&mut cur, &mut units, attached);
            attached = true;
        }
    }
    flush(&mut cur, &mut units, attached);
    units
}

/// A short line is a heading only when what follows is a new start, not its continuation.
fn next_starts_anew(next: Option<&&str>) -> bool {
    match next {
        None => true,
        Some(n) => {
            n.is_empty()
                || n.starts_with(|c: char| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '#' | '!' | '(' | '-')
                })
        }
    }
}

/// `## Text` → (level, text).
fn markdown_heading(l: &str) -> Option<(usize, &str)> {
    let level = l.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&level) && l[level..].starts_with(' ') {
        Some((level, l[level..].trim()))
    } else {
        None
    }
}

/// `![alt](path)` alone on a line → path.
fn image(l: &str) -> Option<String> {
    let rest = l.strip_prefix("![")?;
    let close = rest.find("](")?;
    let after = &rest[close + 2..];
    let end = after.find(')')?;
    if !after[end + 1..].trim().is_empty() {
        return None;
    }
    Some(after[..end].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(s: &str, headline: bool) -> Body {
        parse_body(
            s,
            BodyRules {
                first_line_may_be_headline: headline,
            },
        )
    }

    #[test]
    fn markdown_body() {
        let b = blocks(
            "# Tiêu đề\n\n## Phụ đề\n\n![](/images/a.webp)\nHành khách lên xe. [Ảnh: VnExpress]\n\nĐoạn một.Tại đây.\n",
            false,
        );
        assert_eq!(b.headline.as_deref(), Some("Tiêu đề"));
        assert_eq!(
            b.blocks,
            vec![
                Block::Heading {
                    text: "Phụ đề".into()
                },
                Block::Image {
                    path: "/images/a.webp".into()
                },
                Block::Caption {
                    text: "Hành khách lên xe.".into(),
                    credit: Some("Ảnh: VnExpress".into())
                },
                Block::Paragraph {
                    text: "Đoạn một. Tại đây.".into()
                },
            ]
        );
    }

    #[test]
    fn bare_text_headline_subheading_furniture() {
        let b = blocks(
            "Lũ lớn ở miền Trung\n\nMưa lớn kéo dài ba ngày.\n\nNgười dân sơ tán\n\nHơn 200 hộ đã di dời./.\n\nTối đa: 1500 ký tự\nHiện chưa có bình luận nào, hãy là người đầu tiên bình luận\nGửi",
            true,
        );
        assert_eq!(b.headline.as_deref(), Some("Lũ lớn ở miền Trung"));
        assert_eq!(b.furniture, 3);
        assert_eq!(
            b.blocks,
            vec![
                Block::Paragraph {
                    text: "Mưa lớn kéo dài ba ngày.".into()
                },
                Block::Heading {
                    text: "Người dân sơ tán".into()
                },
                Block::Paragraph {
                    text: "Hơn 200 hộ đã di dời.".into()
                },
            ]
        );
    }

    #[test]
    fn line_mode_groups_sentences() {
        let b = blocks("Câu một.\nCâu hai.\nCâu ba.\nCâu bốn.\nCâu năm.", false);
        assert_eq!(b.blocks.len(), 2);
    }

    #[test]
    fn photo_credit_line() {
        let b = blocks("Photo : YONHAP News\n\nBộ trưởng phát biểu.", true);
        assert_eq!(
            b.blocks[0],
            Block::Credit {
                text: "Photo : YONHAP News".into()
            }
        );
        assert!(b.headline.is_none());
    }
}
