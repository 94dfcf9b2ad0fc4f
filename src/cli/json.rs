//! The JSON forms of articles, for `list --json` and `show --json`.

use docbao_core::store::{Article, Shape};
use docbao_extract::{Date, Name};
use serde::Serialize;

/// A date an article speaks of, with its sentence, in JSON.
#[derive(Serialize)]
pub struct EventJson {
    pub date: Date,
    pub precision: &'static str,
    pub text: String,
}

/// The JSON form of an article in `list --json`.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
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
}

impl<'a> ArticleJson<'a> {
    pub fn new(a: &'a Article) -> Self {
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
            shape: match a.shape {
                Shape::DateLine => "date_line",
                Shape::FrontMatter => "front_matter",
                Shape::Bare => "bare",
                Shape::Headers => "headers",
            },
            url: a.url(),
        }
    }
}
