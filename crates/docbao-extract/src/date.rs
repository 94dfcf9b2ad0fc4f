//! Dates at their own precision: a day, a month, a year, a day and month with no year, or none.

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// A date as precise as its source: never invents a day or a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Date {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    /// Day and month known, year not (an event in an undated article).
    MonthDay(u32, u32),
    Undated,
}

impl Date {
    pub fn precision(&self) -> &'static str {
        match self {
            Date::Day(_) | Date::MonthDay(..) => "day",
            Date::Month(..) => "month",
            Date::Year(_) => "year",
            Date::Undated => "undated",
        }
    }

    pub fn is_dated(&self) -> bool {
        !matches!(self, Date::Undated | Date::MonthDay(..))
    }

    pub fn year(&self) -> Option<i32> {
        match self {
            Date::Day(d) => Some(d.year()),
            Date::Month(y, _) | Date::Year(y) => Some(*y),
            _ => None,
        }
    }

    pub fn month(&self) -> Option<u32> {
        match self {
            Date::Day(d) => Some(d.month()),
            Date::Month(_, m) | Date::MonthDay(m, _) => Some(*m),
            _ => None,
        }
    }

    /// The first and last day the date covers; `None` when it has no year.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        match *self {
            Date::Day(d) => Some((d, d)),
            Date::Month(y, m) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)?
                };
                Some((first, next.pred_opt()?))
            }
            Date::Year(y) => Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            )),
            _ => None,
        }
    }

    /// Parses a publication date as files write it: `2025-03-14`, `2025-03`, `2025`, `20250314`,
    /// `202503`, `2025/03/14`, `14/03/2025`, with an optional time after a space or `T`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let s = s.split([' ', 'T']).next().unwrap_or(s);
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let num = |p: &str| -> Option<u32> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        };
        match parts.as_slice() {
            // Sliced by bytes below, so only all-digit (ASCII) parts qualify.
            [one] if one.len() == 8 && one.is_ascii() => {
                let y = num(&one[..4])? as i32;
                Date::ymd(y, num(&one[4..6])?, num(&one[6..])?)
            }
            [one] if one.len() == 6 && one.is_ascii() => Date::ym(num(&one[..4])? as i32, num(&one[4..])?),
            [one] if one.len() == 4 => Some(Date::Year(valid_year(num(one)? as i32)?)),
            [y, m] if y.len() == 4 => Date::ym(num(y)? as i32, num(m)?),
            [y, m, d] if y.len() == 4 => Date::ymd(num(y)? as i32, num(m)?, num(d)?),
            [d, m, y] if y.len() == 4 => Date::ymd(num(y)? as i32, num(m)?, num(d)?),
            _ => None,
        }
    }

    pub fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(valid_year(y)?, m, d).map(Date::Day)
    }

    pub fn ym(y: i32, m: u32) -> Option<Date> {
        ((1..=12).contains(&m)).then_some(Date::Month(valid_year(y)?, m))
    }

    /// A key that sorts newest first when compared descending: by start day, then finer
    /// precision first within the same start. Computed without building dates: a store of a
    /// million articles compares keys tens of millions of times while it loads.
    pub fn sort_key(&self) -> (i32, u8) {
        match *self {
            Date::Day(d) => (d.num_days_from_ce(), 3),
            Date::Month(y, m) if calendar(y, m) => (days_from_ce(y, m, 1), 2),
            Date::Year(y) if calendar(y, 1) => (days_from_ce(y, 1, 1), 1),
            _ => (i32::MIN, 0),
        }
    }
}

/// A year and month chrono could hold (a damaged date sorts with the undated).
fn calendar(y: i32, m: u32) -> bool {
    (1..=12).contains(&m) && (-200_000..=200_000).contains(&y)
}

/// Days from 0001-01-01 (day 1, as chrono counts) to the first of a month, by the usual
/// civil-calendar arithmetic.
fn days_from_ce(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // 0000-03-01 is day -305 of the common era.
    era * 146_097 + doe - 305
}

fn valid_year(y: i32) -> Option<i32> {
    (1000..=9999).contains(&y).then_some(y)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Date::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Date::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Date::Year(y) => write!(f, "{y:04}"),
            Date::MonthDay(m, d) => write!(f, "--{m:02}-{d:02}"),
            Date::Undated => Ok(()),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Date::Undated => s.serialize_none(),
            d => s.collect_str(d),
        }
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_key_counts_days_as_chrono_does() {
        for y in [1000, 1600, 1899, 1900, 1999, 2000, 2024, 2025, 2100, 9999] {
            for m in 1..=12 {
                let first = NaiveDate::from_ymd_opt(y, m, 1).expect("a real day");
                assert_eq!(
                    Date::Month(y, m).sort_key().0,
                    first.num_days_from_ce(),
                    "{y}-{m}"
                );
                assert_eq!(Date::Day(first).sort_key().0, first.num_days_from_ce());
            }
            let jan = NaiveDate::from_ymd_opt(y, 1, 1).expect("a real day");
            assert_eq!(Date::Year(y).sort_key(), (jan.num_days_from_ce(), 1));
        }
        // Same start: the finer date first when sorted newest first.
        let day = Date::ymd(2025, 3, 1).expect("a real day");
        assert!(day > Date::Month(2025, 3) && Date::Month(2025, 3) > Date::Year(2025));
        assert!(Date::Year(2025) < Date::ymd(2025, 1, 2).expect("a real day"));
        assert!(Date::Undated < Date::Year(1000));
    }

    #[test]
    fn non_ascii_of_date_length_is_no_date() {
        // Found by the fuzzers: byte slicing inside a multi-byte character panicked.
        assert_eq!(Date::parse("2\u{fffd}45678"), None);
        assert_eq!(Date::parse("20\u{fffd}456"), None);
        assert_eq!(Date::parse("đđđđ"), None);
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(Date::parse("2025-03-14").unwrap().to_string(), "2025-03-14");
        assert_eq!(Date::parse("2025-03").unwrap(), Date::Month(2025, 3));
        assert_eq!(Date::parse("20210315").unwrap().to_string(), "2021-03-15");
        assert_eq!(
            Date::parse("2025-06-02 08:15:00").unwrap().to_string(),
            "2025-06-02"
        );
        assert_eq!(Date::parse("2024").unwrap(), Date::Year(2024));
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("2025-02-30").is_none());
        assert!(Date::parse("hôm qua").is_none());
    }

    #[test]
    fn month_spans_whole_month() {
        let (a, b) = Date::Month(2024, 2).span().unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
    }

    #[test]
    fn newest_first_order() {
        let mut v = [
            Date::Undated,
            Date::Month(2025, 3),
            Date::ymd(2025, 3, 1).unwrap(),
            Date::Year(2026),
        ];
        v.sort_by(|a, b| b.cmp(a));
        assert_eq!(v[0], Date::Year(2026));
        assert_eq!(v[1], Date::ymd(2025, 3, 1).unwrap());
        assert_eq!(v[3], Date::Undated);
    }
}
