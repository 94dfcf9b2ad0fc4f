//! Articles written out for other programs: JSON lines (the fields of `list --json`), CSV (the
//! same fields, lists joined with `; `) and Markdown (a section an article). Used by `list
//! --format` and by the reader's export of what its list shows.
//!
//! Titles, persons and paths are the store's, already clean (no control characters, NFC);
//! Markdown escapes what would read as markup.

use crate::store::{newest_first, Article, Shape, Store};
use docbao_extract::{Date, Name};
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// A date an article speaks of, with its sentence.
#[derive(Serialize)]
pub struct EventJson {
    pub date: Date,
    pub precision: &'static str,
    pub text: String,
}

/// An article as `list --json` gives it, and as every export format writes it.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    /// Relative to the archive, written as `ingest::names` writes paths.
    pub path: &'a str,
    pub title: &'a str,
    pub date: &'a Date,
    pub date_precision: &'static str,
    pub words: usize,
    pub persons: &'a [Name],
    pub events: Vec<EventJson>,
    pub shape: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// The reader's tags (see `state::tags`), sorted.
    pub tags: &'a [String],
    /// The story it is a copy in: the path of the story's oldest copy (its own when it has no
    /// copy), the same for every copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<&'a str>,
    /// The other copies of its story, newest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copies: Option<Vec<&'a str>>,
}

/// An article's story, for [`ArticleJson`]: see [`Story::of`].
#[derive(Debug, Clone, Default)]
pub struct Story<'a> {
    pub first: &'a str,
    pub copies: Vec<&'a str>,
}

impl<'a> Story<'a> {
    /// The story of `a` in `store`: named by its oldest copy's path, with its other copies.
    pub fn of(store: &'a Store, a: &'a Article) -> Self {
        let ids = store.copies(a.id);
        let copies: Vec<&'a str> = ids.iter().map(|&id| store.get(id).path.as_str()).collect();
        let oldest = ids.last().map(|&id| store.get(id));
        let first = match oldest {
            Some(o) if newest_first(a, o).is_lt() => o.path.as_str(),
            _ => a.path.as_str(),
        };
        Story { first, copies }
    }
}

impl<'a> ArticleJson<'a> {
    /// With its story (see [`Story`]).
    pub fn in_story(mut self, story: Story<'a>) -> Self {
        self.story = Some(story.first);
        self.copies = Some(story.copies);
        self
    }

    pub fn new(a: &'a Article, tags: &'a [String]) -> Self {
        let blocks = if a.events.is_empty() {
            Vec::new()
        } else {
            a.blocks()
        };
        ArticleJson {
            path: &a.path,
            title: &a.title,
            date: &a.date,
            date_precision: a.date.precision(),
            words: a.words,
            persons: &a.persons,
            events: a
                .events
                .iter()
                .map(|e| EventJson {
                    date: e.date,
                    precision: e.precision(),
                    text: e.text(&a.title, &blocks).to_string(),
                })
                .collect(),
            shape: shape_name(a.shape),
            url: a.url(),
            tags,
            story: None,
            copies: None,
        }
    }
}

pub fn shape_name(s: Shape) -> &'static str {
    match s {
        Shape::DateLine => "date_line",
        Shape::FrontMatter => "front_matter",
        Shape::Bare => "bare",
        Shape::Headers => "headers",
    }
}

/// The formats an export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object a line, as `list --json`.
    JsonLines,
    /// A header row, then one row an article; lists joined with `; `.
    Csv,
    /// A heading and a list of fields an article.
    Markdown,
}

impl Format {
    /// The format a file name's extension asks for: `.jsonl`/`.json`/`.ndjson`, `.csv`,
    /// `.md`/`.markdown` (any case).
    pub fn for_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "json" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// What `for_path` takes, for messages.
    pub const EXTENSIONS: &'static str = ".jsonl, .csv or .md";
}

/// The columns of the CSV form, in order: the JSON fields.
pub const CSV_COLUMNS: [&str; 10] = [
    "path",
    "title",
    "date",
    "date_precision",
    "words",
    "persons",
    "events",
    "shape",
    "url",
    "tags",
];

/// Writes `articles` (each with its tags) in `format`; returns how many were written.
pub fn write<'a>(
    out: &mut dyn Write,
    format: Format,
    articles: impl IntoIterator<Item = (&'a Article, &'a [String], Story<'a>)>,
) -> io::Result<usize> {
    match format {
        Format::JsonLines => {
            let mut n = 0;
            for (a, tags, story) in articles {
                serde_json::to_writer(&mut *out, &ArticleJson::new(a, tags).in_story(story))?;
                writeln!(out)?;
                n += 1;
            }
            Ok(n)
        }
        Format::Csv => write_csv(out, articles),
        Format::Markdown => write_markdown(out, articles),
    }
}

/// Writes `articles` to the file at `path`, whole or not at all: into a temporary file beside
/// it, renamed over it once complete, so a full disk or a crash never leaves half a file (nor
/// harms one that was there). Returns how many were written.
pub fn write_file<'a>(
    path: &Path,
    format: Format,
    articles: impl IntoIterator<Item = (&'a Article, &'a [String], Story<'a>)>,
) -> io::Result<usize> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut out = io::BufWriter::new(std::fs::File::create(&tmp)?);
        let n = write(&mut out, format, articles)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(n)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_csv<'a>(
    out: &mut dyn Write,
    articles: impl IntoIterator<Item = (&'a Article, &'a [String], Story<'a>)>,
) -> io::Result<usize> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    let mut n = 0;
    for (a, tags, _) in articles {
        let date = match a.date.is_dated() {
            true => a.date.to_string(),
            false => String::new(),
        };
        let events = event_dates(a);
        w.write_record([
            a.path.as_str(),
            &a.title,
            &date,
            a.date.precision(),
            &a.words.to_string(),
            &a.persons.join("; "),
            &events.join("; "),
            shape_name(a.shape),
            a.url().unwrap_or(""),
            &tags.join("; "),
        ])?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

fn write_markdown<'a>(
    out: &mut dyn Write,
    articles: impl IntoIterator<Item = (&'a Article, &'a [String], Story<'a>)>,
) -> io::Result<usize> {
    let mut n = 0;
    for (a, tags, _) in articles {
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "## {}\n", escape_md(&a.title))?;
        let date = match a.date.is_dated() {
            true => format!("{} ({})", a.date, a.date.precision()),
            false => "undated".to_string(),
        };
        writeln!(out, "- date: {date}")?;
        if !a.persons.is_empty() {
            writeln!(out, "- persons: {}", escape_md(&a.persons.join(", ")))?;
        }
        if !a.events.is_empty() {
            writeln!(out, "- events: {}", event_dates(a).join(", "))?;
        }
        if !tags.is_empty() {
            writeln!(out, "- tags: {}", escape_md(&tags.join(", ")))?;
        }
        writeln!(out, "- words: {}", a.words)?;
        writeln!(out, "- path: {}", code_span(&a.path))?;
        if let Some(u) = a.url() {
            writeln!(out, "- url: <{}>", u.replace(['<', '>', ' '], ""))?;
        }
        n += 1;
    }
    Ok(n)
}

/// The dates an article speaks of, each once, in the order they come (the JSON form keeps
/// every mention with its sentence).
fn event_dates(a: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in &a.events {
        let d = e.date.to_string();
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// Text inside a line (never at its start) with what Markdown could read as markup escaped:
/// emphasis, code, links and images (`[`, `]`), HTML, headings, tables, strikethrough.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `s` as inline code, fenced with more backticks than it holds in a row.
fn code_span(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_bytes;

    fn article(rel: &str, text: &str) -> Article {
        load_bytes(rel, text.as_bytes()).article.expect("an article")
    }

    #[test]
    fn each_format_writes_every_article_with_its_fields() {
        let a = article(
            "2025/a.md",
            "---\ntitle: \"Hội nghị *quan trọng* [Hà Nội], \\\"bàn\\\" về #an_ninh\"\ncreated_at: \"2025-11-04\"\n\
             url: \"https://example.vn/a.htm\"\n---\n\nÔng Trần Văn Bình phát biểu sáng 4/11.\n",
        );
        let b = article("b.txt", "Ghi chú ngắn\n\nMột, hai; ba.\n");
        let tags = vec!["an-ninh".to_string(), "hội-nghị".to_string()];
        let items = [
            (&a, tags.as_slice(), Story::default()),
            (&b, &[][..], Story::default()),
        ];

        let mut out = Vec::new();
        assert_eq!(write(&mut out, Format::JsonLines, items.clone()).unwrap(), 2);
        let text = String::from_utf8(out).unwrap();
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(
            first["title"],
            "Hội nghị *quan trọng* [Hà Nội], \"bàn\" về #an_ninh"
        );
        assert_eq!(first["tags"], serde_json::json!(["an-ninh", "hội-nghị"]));
        assert_eq!(first["url"], "https://example.vn/a.htm");

        let mut out = Vec::new();
        assert_eq!(write(&mut out, Format::Csv, items.clone()).unwrap(), 2);
        let mut r = csv::Reader::from_reader(out.as_slice());
        assert_eq!(r.headers().unwrap(), CSV_COLUMNS.as_slice());
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], first["title"].as_str().unwrap(), "quotes survive");
        assert_eq!(&rows[0][2], "2025-11-04");
        assert_eq!(&rows[0][9], "an-ninh; hội-nghị");
        assert_eq!(&rows[1][2], "", "undated");
        assert_eq!(&rows[1][3], "undated");

        let mut out = Vec::new();
        assert_eq!(write(&mut out, Format::Markdown, items).unwrap(), 2);
        let md = String::from_utf8(out).unwrap();
        assert!(
            md.starts_with("## Hội nghị \\*quan trọng\\* \\[Hà Nội\\], \"bàn\" về \\#an\\_ninh\n\n- date: 2025-11-04 (day)\n"),
            "{md}"
        );
        assert!(md.contains("- tags: an-ninh, hội-nghị\n"), "{md}");
        assert!(
            md.contains("- path: `2025/a.md`\n- url: <https://example.vn/a.htm>\n"),
            "{md}"
        );
        assert!(md.contains("\n\n## Ghi chú ngắn\n\n- date: undated\n"), "{md}");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::for_path(Path::new("x.JSONL")), Some(Format::JsonLines));
        assert_eq!(Format::for_path(Path::new("a/b.csv")), Some(Format::Csv));
        assert_eq!(Format::for_path(Path::new("b.markdown")), Some(Format::Markdown));
        assert_eq!(Format::for_path(Path::new("b.txt")), None);
        assert_eq!(Format::for_path(Path::new("b")), None);
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
    }
}
