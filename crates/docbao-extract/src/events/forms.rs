//! How dates are written: the cue words before them and the numbers that make a day, a month,
//! a year or a range of them.

use crate::sentence::Sentence;

/// Time words before a bare day and month.
pub(super) fn time_word(w: &str) -> bool {
    matches!(
        w,
        "ngày"
            | "mùng"
            | "mồng"
            | "sáng"
            | "trưa"
            | "chiều"
            | "tối"
            | "đêm"
            | "khuya"
            | "hôm"
            | "lễ"
            | "dịp"
            | "phiên"
    )
}

/// Words after which a four-digit number in English text is a year.
pub(super) fn year_cue(w: &str) -> bool {
    w.is_ascii()
        && matches!(
            w,
            "in" | "by"
                | "since"
                | "for"
                | "until"
                | "till"
                | "from"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "before"
                | "after"
                | "and"
                | "or"
                | "through"
                | "to"
                | "between"
                | "during"
                | "year"
                | "least"
                | "around"
                | "circa"
                | "summer"
                | "winter"
                | "spring"
                | "autumn"
                | "fall"
        )
}

/// An English month name or abbreviation, lowercased.
pub(super) fn month_name(low: &str) -> Option<u32> {
    if !low.is_ascii() || low.len() < 3 {
        return None;
    }
    Some(match low {
        "january" | "jan." => 1,
        "february" | "feb." => 2,
        "march" | "mar." => 3,
        "april" | "apr." => 4,
        "may" => 5,
        "june" | "jun." => 6,
        "july" | "jul." => 7,
        "august" | "aug." => 8,
        "september" | "sep." | "sept." => 9,
        "october" | "oct." => 10,
        "november" | "nov." => 11,
        "december" | "dec." => 12,
        _ => return None,
    })
}

/// A day, month and optional year written with separators, or a range of days in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dm {
    Day(u32, u32, Option<i32>),
    /// `15-17/3`
    Range(u32, u32, u32, Option<i32>),
    /// `10/2017`: a month and year.
    MonthYear(u32, i32),
}

pub(super) fn number(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

pub(super) fn year(w: &str) -> Option<i32> {
    (w.len() == 4)
        .then(|| number(w))
        .flatten()
        .map(|y| y as i32)
        .filter(|y| (1000..=2999).contains(y))
}

pub(super) fn valid_dm(d: u32, m: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in(m)
}

/// Days in a month of a leap year (a year-less date may be 29 February).
pub(super) fn days_in(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `4/11`, `31-1`, `10.2`, `1.3.2025`, `3/12/2024`, `15-17/3`, `10/2017`.
pub(super) fn day_month(w: &str) -> Option<Dm> {
    // Digits split by at most two of `/`, `-`, `.` (no form has more parts), read in place.
    let mut parts = [""; 3];
    let mut seps = [0u8; 2];
    let mut n = 0;
    let mut start = 0;
    for (i, &b) in w.as_bytes().iter().enumerate() {
        if matches!(b, b'/' | b'-' | b'.') {
            if n == seps.len() {
                return None;
            }
            parts[n] = &w[start..i];
            seps[n] = b;
            n += 1;
            start = i + 1;
        } else if !b.is_ascii_digit() {
            return None;
        }
    }
    parts[n] = &w[start..];
    let (parts, seps) = (&parts[..=n], &seps[..n]);
    if parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    match (parts, seps) {
        ([m, y], [b'/']) if y.len() == 4 => {
            let m = number(m)?;
            let y = year(y)?;
            (1..=12).contains(&m).then_some(Dm::MonthYear(m, y))
        }
        ([d, m], _) if d.len() <= 2 && m.len() <= 2 => {
            let (d, m) = (number(d)?, number(m)?);
            valid_dm(d, m).then_some(Dm::Day(d, m, None))
        }
        ([d, m, y], [a, b]) if a == b && y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            let (d, m, y) = (number(d)?, number(m)?, year(y)?);
            valid_dm(d, m).then_some(Dm::Day(d, m, Some(y)))
        }
        ([d1, d2, m], [b'-', b'/']) if d1.len() <= 2 && d2.len() <= 2 && m.len() <= 2 => {
            let (d1, d2, m) = (number(d1)?, number(d2)?, number(m)?);
            (valid_dm(d1, m) && valid_dm(d2, m) && d1 < d2).then_some(Dm::Range(d1, d2, m, None))
        }
        _ => None,
    }
}

/// An English day number: `4`, `4,`, `4th`.
pub(super) fn day_number(w: &str) -> Option<u32> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[d.len()..];
    if !suffix.is_empty() && !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    number(d).filter(|d| (1..=31).contains(d))
}

/// Whether a time word stands before word `i`, maybe with a relative word between (`sáng 14/3`,
/// `hôm nay 29/4`, `sáng sớm nay 24/4`, `dịp 30/4`).
pub(super) fn cued_day(s: &Sentence, i: usize) -> bool {
    let mut j = i;
    while j > 0 && j + 2 >= i && matches!(s.low(j - 1), "nay" | "qua" | "sớm" | "mai") {
        j -= 1;
    }
    j > 0 && time_word(s.low(j - 1))
}

/// Whether a dash stands alone between words `i` and `i + 1` (`30/4 - 1/5`).
pub(super) fn dash_after(s: &Sentence, i: usize) -> bool {
    let (Some(a), Some(b)) = (s.toks.get(i), s.toks.get(i + 1)) else {
        return false;
    };
    let between = s.text.get(a.range().end..b.range().start).unwrap_or("").trim();
    matches!(between, "-" | "–" | "—" | "--")
}

/// A day and month as written in a range: the first end may lack its month (`14 - 18/9`).
pub(super) type End = (u32, u32, Option<i32>);

/// A range of two dates at word `i` (`dm` is its reading): the first end (`None` when it does not
/// make a date), the second, and the words used.
pub(super) fn range_at(s: &Sentence, i: usize, dm: Option<Dm>) -> Option<(Option<End>, End, usize)> {
    let word = s.word(i);
    // `30/4-1/5`, `23/2-10/3/2021`: one word.
    if dm.is_none() {
        let (a, b) = word.split_once(['-', '–'])?;
        let b = b.trim_start_matches(['-', '–']);
        if let (Some(Dm::Day(d1, m1, y1)), Some(Dm::Day(d2, m2, y2))) = (day_month(a), day_month(b)) {
            return ordered((d1, m1, y1.or(y2)), (d2, m2, y2)).then_some((
                Some((d1, m1, y1)),
                (d2, m2, y2),
                1,
            ));
        }
    }
    if !dash_after(s, i) {
        return None;
    }
    let Some(Dm::Day(d2, m2, y2)) = day_month(s.word(i + 1)) else {
        return None;
    };
    match dm {
        Some(Dm::Day(d1, m1, y1)) if ordered((d1, m1, y1.or(y2)), (d2, m2, y2)) => {
            Some((Some((d1, m1, y1)), (d2, m2, y2), 2))
        }
        // `14 - 18/9`: a day number, then a date of the same month.
        None => {
            let d1 = number(word).filter(|&d| d < d2 && valid_dm(d, m2))?;
            Some((Some((d1, m2, y2)), (d2, m2, y2), 2))
        }
        _ => None,
    }
}

/// Whether `a` comes before `b` (a range ends later than it starts; across a new year when no
/// year says otherwise).
pub(super) fn ordered(a: End, b: End) -> bool {
    if !valid_dm(a.0, a.1) || !valid_dm(b.0, b.1) {
        return false;
    }
    match (a.2, b.2) {
        (Some(ya), Some(yb)) if ya != yb => ya < yb,
        _ => (a.1, a.0) < (b.1, b.0) || (a.1 == 12 && b.1 == 1),
    }
}

/// `tháng M [năm Y]` or `/M[/Y]`-less forms after a day number: (month, year, words used).
pub(super) fn month_after(s: &Sentence, j: usize) -> Option<(u32, Option<i32>, usize)> {
    if s.low(j) != "tháng" {
        return None;
    }
    if let Some(Dm::MonthYear(m, y)) = day_month(s.word(j + 1)) {
        return Some((m, Some(y), 2));
    }
    let m = number(s.word(j + 1)).filter(|m| (1..=12).contains(m))?;
    if s.low(j + 2) == "năm" {
        if let Some(y) = year(s.word(j + 3)) {
            return Some((m, Some(y), 4));
        }
    }
    Some((m, None, 2))
}
