//! An article as plain text, wrapped to a width: what `docbao show` prints and what the reader
//! hands to `$PAGER`.

use crate::dates::DateFormat;
use crate::store::Article;
use docbao_extract::text::{self, sanitize::sanitize_line};
use docbao_extract::Block;
use std::io::{self, Write};

/// Writes an article as plain text wrapped to `width` columns, its date as `dates` shows it.
pub fn write_article(out: &mut dyn Write, a: &Article, width: usize, dates: &DateFormat) -> io::Result<()> {
    let wrap = |out: &mut dyn Write, s: &str, indent: &str| -> io::Result<()> {
        let w = width.saturating_sub(text::width::width(indent)).max(10);
        for r in text::wrap(s, w) {
            writeln!(out, "{indent}{}", &s[r])?;
        }
        Ok(())
    };
    wrap(out, &a.title, "")?;
    writeln!(out, "{}", "=".repeat(text::width::width(&a.title).min(width)))?;
    // `2025-11 (month)`; an undated article says so once.
    let date = match a.date.is_dated() {
        true => format!("{} ({})", dates.show(&a.date), a.date.precision()),
        false => "undated".to_string(),
    };
    writeln!(
        out,
        "{date} · {} · {}",
        text::count(a.words, "word", "words"),
        sanitize_line(&a.path)
    )?;
    if let Some(u) = a.url() {
        writeln!(out, "source: {}", sanitize_line(u))?;
    }
    if !a.persons.is_empty() {
        wrap(out, &format!("persons: {}", a.persons.join(", ")), "")?;
    }
    let blocks = a.blocks();
    for b in &blocks {
        writeln!(out)?;
        match b {
            Block::Heading { text } => {
                wrap(out, text, "")?;
                writeln!(out, "{}", "-".repeat(text::width::width(text).min(width)))?;
            }
            Block::Paragraph { text } => wrap(out, text, "")?,
            Block::Image { path } => writeln!(out, "[ảnh: {}]", sanitize_line(path))?,
            Block::Caption { text, credit } => {
                let c = match credit {
                    Some(c) => format!("{text} ({c})"),
                    None => text.clone(),
                };
                wrap(out, &c, "  │ ")?
            }
            Block::Credit { text } => writeln!(out, "  ({text})")?,
        }
    }
    if !a.events.is_empty() {
        writeln!(out)?;
        writeln!(out, "Dates mentioned:")?;
        for e in &a.events {
            wrap(out, &format!("{} — {}", e.date, e.text(&a.title, &blocks)), "  ")?;
        }
    }
    Ok(())
}
