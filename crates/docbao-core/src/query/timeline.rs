//! The timeline of a result: its articles counted by year, month or day, with a cursor on one
//! period. The terminal reader draws it; here it is only numbers.

use crate::store::Store;
use chrono::{Datelike, NaiveDate};
use docbao_extract::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    Year,
    Month,
    Day,
}

impl Zoom {
    pub fn label(self) -> &'static str {
        match self {
            Zoom::Year => "year",
            Zoom::Month => "month",
            Zoom::Day => "day",
        }
    }
    pub fn finer(self) -> Zoom {
        match self {
            Zoom::Year => Zoom::Month,
            _ => Zoom::Day,
        }
    }
    pub fn coarser(self) -> Zoom {
        match self {
            Zoom::Day => Zoom::Month,
            _ => Zoom::Year,
        }
    }
}

/// One period and how many articles fall in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub count: usize,
}

impl Bucket {
    pub fn label(&self, zoom: Zoom) -> String {
        match zoom {
            Zoom::Year => self.from.format("%Y").to_string(),
            Zoom::Month => self.from.format("%Y-%m").to_string(),
            Zoom::Day => self.from.format("%Y-%m-%d").to_string(),
        }
    }
    pub fn date(&self, zoom: Zoom) -> Date {
        match zoom {
            Zoom::Year => Date::Year(self.from.year()),
            Zoom::Month => Date::Month(self.from.year(), self.from.month()),
            Zoom::Day => Date::Day(self.from),
        }
    }
}

/// The histogram for the current filter and zoom.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub zoom: Zoom,
    pub buckets: Vec<Bucket>,
    pub undated: usize,
    /// Articles dated less precisely than the zoom (a month-only article at day zoom).
    pub coarser: usize,
    /// Index into `buckets`, or `buckets.len()` for the undated bucket.
    pub cursor: usize,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            zoom: Zoom::Year,
            buckets: vec![],
            undated: 0,
            coarser: 0,
            cursor: 0,
        }
    }
}

fn period_start(d: NaiveDate, zoom: Zoom) -> NaiveDate {
    match zoom {
        Zoom::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        Zoom::Month => NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d),
        Zoom::Day => d,
    }
}

pub fn next_period(d: NaiveDate, zoom: Zoom) -> Option<NaiveDate> {
    match zoom {
        Zoom::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
        Zoom::Month if d.month() == 12 => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
        Zoom::Month => NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1),
        Zoom::Day => d.succ_opt(),
    }
}

/// Can this date be placed in one period at this zoom?
fn placeable(d: &Date, zoom: Zoom) -> bool {
    matches!(
        (d, zoom),
        (Date::Day(_), _) | (Date::Month(..), Zoom::Year | Zoom::Month) | (Date::Year(_), Zoom::Year)
    )
}

/// Most buckets kept (a century of days is more than any screen needs).
const MAX_BUCKETS: usize = 40_000;

impl Timeline {
    /// Counts the articles `ids` at `zoom`, keeping the cursor on the period it was on.
    pub fn compute(
        store: &Store,
        ids: impl Iterator<Item = crate::store::ArticleId>,
        zoom: Zoom,
        keep: Option<NaiveDate>,
    ) -> Self {
        let mut undated = 0;
        let mut coarser = 0;
        let mut starts: Vec<NaiveDate> = Vec::new();
        for id in ids {
            let d = store.get(id).date;
            if !d.is_dated() {
                undated += 1;
            } else if !placeable(&d, zoom) {
                coarser += 1;
            } else if let Some((a, _)) = d.span() {
                starts.push(period_start(a, zoom));
            }
        }
        starts.sort_unstable();
        let mut buckets: Vec<Bucket> = Vec::new();
        if let (Some(&first), Some(&last)) = (starts.first(), starts.last()) {
            let mut p = first;
            let mut i = 0;
            while p <= last && buckets.len() < MAX_BUCKETS {
                let next = next_period(p, zoom);
                let mut count = 0;
                while i < starts.len() && starts[i] == p {
                    count += 1;
                    i += 1;
                }
                let to = next.and_then(|n| n.pred_opt()).unwrap_or(p);
                buckets.push(Bucket { from: p, to, count });
                match next {
                    Some(n) => p = n,
                    None => break,
                }
            }
        }
        let cursor = keep
            .and_then(|k| buckets.iter().position(|b| b.from <= k && k <= b.to))
            .unwrap_or(buckets.len().saturating_sub(1));
        Timeline {
            zoom,
            buckets,
            undated,
            coarser,
            cursor,
        }
    }

    /// The bucket index holding a date, if any.
    pub fn bucket_of(&self, d: &Date) -> Option<usize> {
        if !d.is_dated() {
            return (self.undated > 0).then_some(self.buckets.len());
        }
        if !placeable(d, self.zoom) {
            return None;
        }
        let (a, _) = d.span()?;
        let i = self.buckets.partition_point(|b| b.to < a);
        (i < self.buckets.len() && self.buckets[i].from <= a).then_some(i)
    }

    /// The period with articles a zoom from the period `from..=to` lands on: the first inside
    /// it that has articles (zooming in), the one holding `from` (zooming out), else the one
    /// with articles nearest to it; `None` when no period has articles.
    pub fn nearest_with_articles(&self, from: NaiveDate, to: NaiveDate) -> Option<usize> {
        let inside = |b: &Bucket| b.to >= from && b.from <= to;
        if let Some(i) = self.buckets.iter().position(|b| b.count > 0 && inside(b)) {
            return Some(i);
        }
        let distance = |b: &Bucket| {
            if b.to < from {
                (from - b.to).num_days()
            } else {
                (b.from - to).num_days().max(0)
            }
        };
        self.buckets
            .iter()
            .enumerate()
            .filter(|(_, b)| b.count > 0)
            .min_by_key(|(_, b)| distance(b))
            .map(|(i, _)| i)
    }

    /// Number of cursor positions (the undated bucket counts when it has articles).
    pub fn positions(&self) -> usize {
        self.buckets.len() + usize::from(self.undated > 0)
    }

    /// The period under the cursor: `Some(None)` is the undated bucket.
    pub fn cursor_period(&self) -> Option<Option<&Bucket>> {
        if self.cursor < self.buckets.len() {
            Some(Some(&self.buckets[self.cursor]))
        } else if self.undated > 0 && self.cursor == self.buckets.len() {
            Some(None)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    #[test]
    fn a_zoom_lands_on_a_period_with_articles() {
        let month = |m: u32, count: usize| Bucket {
            from: ymd(2025, m, 1),
            to: next_period(ymd(2025, m, 1), Zoom::Month)
                .and_then(|d| d.pred_opt())
                .expect("a month's end"),
            count,
        };
        let tl = Timeline {
            zoom: Zoom::Month,
            buckets: vec![month(1, 0), month(2, 0), month(3, 4), month(4, 0), month(5, 2)],
            undated: 0,
            coarser: 0,
            cursor: 0,
        };
        // The year 2025 zoomed in: January is empty, March is the first with articles.
        assert_eq!(
            tl.nearest_with_articles(ymd(2025, 1, 1), ymd(2025, 12, 31)),
            Some(2)
        );
        // A day of April zoomed out to its empty month: the nearest month with articles.
        assert_eq!(
            tl.nearest_with_articles(ymd(2025, 4, 20), ymd(2025, 4, 20)),
            Some(4)
        );
        assert_eq!(
            tl.nearest_with_articles(ymd(2025, 4, 2), ymd(2025, 4, 2)),
            Some(2)
        );
        let empty = Timeline::default();
        assert_eq!(
            empty.nearest_with_articles(ymd(2025, 1, 1), ymd(2025, 1, 1)),
            None
        );
    }

    #[test]
    fn month_only_articles_never_land_on_day_one() {
        assert!(!placeable(&Date::Month(2025, 3), Zoom::Day));
        assert!(placeable(&Date::Month(2025, 3), Zoom::Month));
        assert!(!placeable(&Date::Undated, Zoom::Year));
    }
}
