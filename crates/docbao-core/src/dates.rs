//! How publication dates are shown: the `date_format` and `month_format` settings.

use crate::settings::{clean_text, FromConfigStr};
use chrono::format::{Item, StrftimeItems};
use chrono::NaiveDate;
use docbao_extract::text::width::width;
use docbao_extract::Date;
use serde::de;
use std::fmt::Write as _;

/// How publication dates are shown: `day` for a date with a day, `month` for one with a month
/// only; a year alone is the year. JSON output is never affected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    pub day: String,
    pub month: String,
    /// The widest date this shows, in columns (at least as wide as `undated`).
    pub column: usize,
}

pub const DEFAULT_DAY_FORMAT: &str = "%Y-%m-%d";
pub const DEFAULT_MONTH_FORMAT: &str = "%Y-%m";

impl Default for DateFormat {
    fn default() -> Self {
        let mut f = DateFormat {
            day: DEFAULT_DAY_FORMAT.into(),
            month: DEFAULT_MONTH_FORMAT.into(),
            column: 0,
        };
        f.column = f.measure();
        f
    }
}

impl DateFormat {
    /// A publication date for display; `undated` when there is none.
    pub fn show(&self, d: &Date) -> String {
        let formatted = match *d {
            Date::Day(nd) => format_date(&self.day, nd),
            Date::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).and_then(|nd| format_date(&self.month, nd)),
            Date::Year(y) => Some(format!("{y:04}")),
            Date::Undated => Some("undated".into()),
            Date::MonthDay(..) => None,
        };
        formatted.unwrap_or_else(|| d.to_string())
    }

    /// The widest date shown: every month (names differ in length) with a two-digit day.
    pub fn measure(&self) -> usize {
        // Every month with every weekday (days 22 to 28 hold all seven) and a two-digit day:
        // the longest a `%A, %e %B %Y` can be (`Wednesday, 24 September 2025`).
        (1..=12)
            .flat_map(|m| (22..=28).filter_map(move |d| NaiveDate::from_ymd_opt(2025, m, d)))
            .flat_map(|nd| [format_date(&self.day, nd), format_date(&self.month, nd)])
            .flatten()
            .map(|s| width(&s))
            .chain([width("undated")])
            .max()
            .unwrap_or(10)
    }
}

/// Formats a date, `None` where the format needs more than a date holds (checked at load).
fn format_date(fmt: &str, d: NaiveDate) -> Option<String> {
    let mut s = String::new();
    write!(s, "{}", d.format(fmt)).ok()?;
    Some(s)
}

/// The first strftime specifier chrono does not know, or that needs more than a date.
fn bad_specifier(fmt: &str) -> Option<(String, &'static str)> {
    let sample = NaiveDate::from_ymd_opt(2025, 9, 14)?;
    let mut rest = fmt;
    while let Some(i) = rest.find('%') {
        let spec_str = &rest[i..];
        // the shortest prefix that is one whole item: `%d`, `%-d`, `%:z`, `%.3f`, `%%`
        let end = (2..=spec_str.len().min(6))
            .filter(|&n| spec_str.is_char_boundary(n))
            .find(|&n| {
                let items: Vec<Item> = StrftimeItems::new(&spec_str[..n]).collect();
                items.len() == 1 && !matches!(items[0], Item::Error)
            });
        match end {
            Some(n) => {
                if format_date(&spec_str[..n], sample).is_none() {
                    return Some((
                        spec_str[..n].to_string(),
                        "needs a time of day or a time zone; a publication date has neither",
                    ));
                }
                rest = &spec_str[n..];
            }
            None => {
                let n = spec_str.char_indices().nth(2).map_or(spec_str.len(), |(i, _)| i);
                return Some((spec_str[..n].to_string(), "is not a strftime specifier"));
            }
        }
    }
    None
}

pub const DATE_HELP: &str =
    "%Y year, %m month, %d day, %e day without a leading zero, %b or %B the month's name";

fn check_date_format(s: &str, example: &str) -> Result<String, String> {
    let s = clean_text::<de::value::Error>(s, "the format").map_err(|e| e.to_string())?;
    if s.trim().is_empty() {
        return Err(format!(
            "expected a strftime format like `{example}` ({DATE_HELP}), found an empty string"
        ));
    }
    if let Some((spec, why)) = bad_specifier(&s) {
        return Err(format!(
            "`{spec}` in `{s}` {why}; expected a format like `{example}` ({DATE_HELP})"
        ));
    }
    match NaiveDate::from_ymd_opt(2025, 9, 14).and_then(|d| format_date(&s, d)) {
        Some(_) => Ok(s),
        None => Err(format!(
            "`{s}` cannot format a date; expected a format like `{example}` ({DATE_HELP})"
        )),
    }
}

pub struct DayFormat(pub String);

impl FromConfigStr for DayFormat {
    const EXPECTED: &'static str = "a strftime format like \"%d/%m/%Y\"";
    fn from_config_str(s: &str) -> Result<Self, String> {
        check_date_format(s, "%d/%m/%Y").map(DayFormat)
    }
}

pub struct MonthFormat(pub String);

impl FromConfigStr for MonthFormat {
    const EXPECTED: &'static str = "a strftime format like \"%m/%Y\"";
    fn from_config_str(s: &str) -> Result<Self, String> {
        let s = check_date_format(s, "%m/%Y")?;
        // Day 1 and day 28 of a month must look the same, or it shows a day it does not have.
        let a = NaiveDate::from_ymd_opt(2025, 9, 1).and_then(|d| format_date(&s, d));
        let b = NaiveDate::from_ymd_opt(2025, 9, 28).and_then(|d| format_date(&s, d));
        if a != b {
            return Err(format!(
                "`{s}` shows a day (or weekday), but an article dated to the month has none; expected a \
                 format like `%m/%Y` or `%B %Y`"
            ));
        }
        Ok(MonthFormat(s))
    }
}

crate::deserialize_checked!(DayFormat, MonthFormat);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_column_fits_the_longest_weekday_and_month_together() {
        let f = DateFormat {
            day: "%A, %e %B %Y".into(),
            month: DEFAULT_MONTH_FORMAT.into(),
            column: 0,
        };
        assert_eq!(f.measure(), width("Wednesday, 24 September 2025"));
    }
}
