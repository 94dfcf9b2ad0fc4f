//! Recognising the four file shapes of formats.md and splitting each into metadata and body.

use super::frontmatter;
pub use crate::store::Shape;

/// A file split by shape, before any derivation.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub shape: Shape,
    /// Metadata in file order: front matter keys or `# key = value` headers.
    pub meta: Vec<(String, String)>,
    /// The 1-based line of each `meta` pair where it could be found (empty: none known).
    pub meta_lines: Vec<Option<usize>>,
    /// The raw publication date text and its 1-based line, when the file carries one.
    pub date: Option<(String, usize)>,
    /// A headline given by the file's structure (shape D's first line after the headers).
    pub headline: Option<String>,
    /// The article text after the metadata.
    pub body: String,
    /// Problems found while splitting: (line, message).
    pub problems: Vec<(Option<usize>, String)>,
}

/// Splits normalised text (LF line ends, NFC) by shape.
pub fn split(text: &str) -> Parsed {
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let Some(first) = first else {
        return bare(text);
    };
    let head = lines[first].trim();
    if head == "---" {
        return front_matter(&lines, first);
    }
    if header_line(head).is_some() {
        return headers(&lines, first);
    }
    if let Some(p) = date_line(&lines, first) {
        return p;
    }
    bare(text)
}

fn bare(text: &str) -> Parsed {
    Parsed {
        shape: Shape::Bare,
        meta: vec![],
        meta_lines: vec![],
        date: None,
        headline: None,
        body: text.to_string(),
        problems: vec![],
    }
}

/// Shape A: ` date 2025-03-14 rest of line`.
fn date_line(lines: &[&str], first: usize) -> Option<Parsed> {
    let line = lines[first].trim_start();
    let rest = line.strip_prefix("date")?;
    let rest = rest
        .strip_prefix(' ')
        .or_else(|| rest.strip_prefix(':'))?
        .trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '/' || c == '.'))
        .unwrap_or(rest.len());
    let token = &rest[..end];
    let lead = rest[end..].trim();
    let mut body = String::new();
    body.push_str(lead);
    for l in &lines[first + 1..] {
        body.push('\n');
        body.push_str(l);
    }
    Some(Parsed {
        shape: Shape::DateLine,
        meta: vec![],
        meta_lines: vec![],
        date: Some((token.to_string(), first + 1)),
        headline: None,
        body,
        problems: vec![],
    })
}

/// `# key = value`, the key a plain identifier.
fn header_line(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("# ")?;
    let (k, v) = rest.split_once(" = ").or_else(|| {
        let (k, v) = rest.split_once('=')?;
        Some((k, v))
    })?;
    let k = k.trim();
    if !frontmatter::is_key(k) {
        return None;
    }
    Some((k.to_string(), v.trim().to_string()))
}

/// Shape D.
fn headers(lines: &[&str], first: usize) -> Parsed {
    let (mut meta, mut meta_lines) = (Vec::new(), Vec::new());
    let mut date = None;
    let mut i = first;
    while i < lines.len() {
        let Some((k, v)) = header_line(lines[i].trim()) else {
            break;
        };
        if k.eq_ignore_ascii_case("date") {
            date = Some((v.clone(), i + 1));
        }
        meta.push((k, v));
        meta_lines.push(Some(i + 1));
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let headline = lines
        .get(i)
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    // A paragraph where the headline stands is the lead: it stays text (all of it shown and
    // searched), and the title is its first sentence.
    let lead = headline
        .as_ref()
        .is_some_and(|h| h.chars().count() > docbao_extract::title::HEADLINE_MAX);
    let (headline, body_from) = if lead { (None, i) } else { (headline, i + 1) };
    let body = lines.get(body_from..).map(|b| b.join("\n")).unwrap_or_default();
    let mut problems = vec![];
    if headline.is_none() && !lead {
        problems.push((Some(i + 1), "no headline or text after the header lines".into()));
    }
    Parsed {
        shape: Shape::Headers,
        meta,
        meta_lines,
        date,
        headline,
        body,
        problems,
    }
}

/// Shape B. `lines[first]` is the opening `---`.
fn front_matter(lines: &[&str], first: usize) -> Parsed {
    let close = lines[first + 1..]
        .iter()
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|p| p + first + 1);
    let mut problems = vec![];
    let (fm_end, body_start) = match close {
        Some(c) => (c, c + 1),
        None => {
            // No closing line: the front matter is the run of `key: value` lines.
            let mut end = first + 1;
            while end < lines.len() && frontmatter::key_value_line(lines[end]).is_some() {
                end += 1;
            }
            problems.push((
                Some(first + 1),
                "front matter is not closed (no second `---` line); the rest was read as text".to_string(),
            ));
            (end, end)
        }
    };
    let fm_src = lines[first + 1..fm_end].join("\n");
    let meta = match frontmatter::parse(&fm_src) {
        Ok(m) => m,
        Err((msg, line, salvaged)) => {
            let at = line.map(|l| l + first + 1);
            problems.push((
                at,
                format!("bad YAML front matter: {msg}; kept the readable keys"),
            ));
            salvaged
        }
    };
    let date = ["created_at", "date", "published", "published_at"]
        .iter()
        .find_map(|k| meta.iter().find(|(mk, _)| mk == k))
        .map(|(_, v)| {
            let line = lines[first..fm_end]
                .iter()
                .position(|l| l.contains(v.as_str()))
                .map(|p| p + first + 1)
                .unwrap_or(first + 1);
            (v.clone(), line)
        });
    let body = lines[body_start.min(lines.len())..].join("\n");
    // Where each key is written (`key:`, quoted or not), for problems with its value.
    let meta_lines = meta
        .iter()
        .map(|(k, _)| {
            let starts = |l: &str| {
                let l = l.trim_start();
                [format!("{k}:"), format!("\"{k}\":"), format!("'{k}':")]
                    .iter()
                    .any(|p| l.starts_with(p.as_str()))
            };
            lines[first + 1..fm_end]
                .iter()
                .position(|l| starts(l))
                .map(|p| p + first + 2)
        })
        .collect();
    Parsed {
        shape: Shape::FrontMatter,
        meta,
        meta_lines,
        date,
        headline: None,
        body,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_a() {
        let p = split(" date 2025-03-14 Lead text here.\n\nSecond.");
        assert_eq!(p.shape, Shape::DateLine);
        assert_eq!(p.date.unwrap().0, "2025-03-14");
        assert!(p.body.starts_with("Lead text here."));
    }

    #[test]
    fn shape_b_unclosed() {
        let p = split("---\ntitle: \"X\"\ncreated_at: \"2025-06-02 08:15:00\"\n\n# X\n\nBody.");
        assert_eq!(p.shape, Shape::FrontMatter);
        assert_eq!(p.problems.len(), 1);
        assert!(p.body.contains("Body."));
        assert_eq!(p.date.unwrap().0, "2025-06-02 08:15:00");
    }

    #[test]
    fn shape_d() {
        let p =
            split("# doc_id = a\n# url = https://x.vn/a.htm\n# date = 20210315\nTiêu đề\nCâu một.\nCâu hai.");
        assert_eq!(p.shape, Shape::Headers);
        assert_eq!(p.headline.as_deref(), Some("Tiêu đề"));
        assert_eq!(p.body, "Câu một.\nCâu hai.");
        assert_eq!(p.date.unwrap().0, "20210315");
    }

    #[test]
    fn shape_d_with_the_lead_paragraph_where_the_headline_stands() {
        let lead = format!(
            "Chiều 12/3, Bộ Y tế cho biết {}. Câu thứ hai của đoạn dẫn.",
            "thêm nhiều ca bệnh mới ở các tỉnh phía Bắc ".repeat(6).trim()
        );
        let p = split(&format!(
            "# doc_id = a\n# date = 20210315\n{lead}\nCâu một.\nCâu hai."
        ));
        assert_eq!(p.headline, None);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        // Nothing of the paragraph is lost: it is the body's first line.
        assert_eq!(p.body, format!("{lead}\nCâu một.\nCâu hai."));
    }

    #[test]
    fn markdown_heading_is_not_a_header() {
        assert_eq!(split("# Một tiêu đề\n\nVăn bản.").shape, Shape::Bare);
    }
}
