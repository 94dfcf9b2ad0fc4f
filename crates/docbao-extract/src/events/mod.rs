//! Events: dates written in the article text, resolved against the publication date.
//!
//! Vietnamese forms, all day first: `ngày 4/11`, `ngày 31-1`, `ngày 5.2`, `ngày 1.3.2025`,
//! `ngày 26 tháng 10`, `ngày 30 tháng 9 năm 2025`, a time word before a bare date (`sáng 14/3`,
//! `hôm 30/3`), a date in parentheses (`hôm nay (6-2)`, `(4/11)`), ranges (`từ ngày 15 đến 26/3`,
//! `từ ngày 30 tháng 10 đến ngày 2 tháng 11`, `từ ngày 30/5 đến 1/6`), months (`tháng 10/2017`,
//! `tháng 9 năm 2023`) and years (`năm 2026`, `các năm 2008 và 2018`). A bare `4/11` with no
//! cue is a fraction, not a date. English: `November 4`, `Nov. 4, 2025`, `4 November`,
//! `October 2017`, and a year after `in`, `by`, `since`...
//!
//! A day and month without a year take the year that puts them nearest the publication date;
//! in an undated article they stay without a year (`--11-04`).

use super::body::Block;
use super::date::Date;
use super::sentence::{sentences, Sentence, Trail};
use chrono::{Datelike, NaiveDate};

mod forms;
use forms::*;

/// A date the text speaks of, with where its sentence stands (the sentence is not copied: a
/// long archive speaks of millions of dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub date: Date,
    pub at: Span,
}

/// A stretch of an article's text: in the title or in one block, by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// [`Span::TITLE`], or the index of a block.
    pub source: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const TITLE: u32 = u32::MAX;

    /// `range` of `text`, the title (`source` [`Span::TITLE`]) or block `source`.
    pub fn new(source: u32, range: std::ops::Range<usize>) -> Self {
        Span {
            source,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// The text it covers (empty if it does not fit: never a panic).
    pub fn text<'a>(&self, title: &'a str, blocks: &'a [Block]) -> &'a str {
        let whole = if self.source == Self::TITLE {
            title
        } else {
            blocks
                .get(self.source as usize)
                .and_then(Block::searchable)
                .unwrap_or("")
        };
        whole.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

impl Event {
    /// "day", "month" or "year".
    pub fn precision(&self) -> &'static str {
        self.date.precision()
    }

    /// The sentence the date stands in.
    pub fn text<'a>(&self, title: &'a str, blocks: &'a [Block]) -> &'a str {
        self.at.text(title, blocks)
    }
}

/// Finds the dates written in the title (when it is not simply the lead's first sentence) and
/// the body, in reading order, one event per date and sentence.
pub fn find(title: &str, blocks: &[Block], published: &Date) -> Vec<Event> {
    let mut c = Collector::new(published);
    if reads_title(title, blocks) {
        c.text(title, Span::TITLE);
    }
    for (i, b) in blocks.iter().enumerate() {
        if let Some(t) = b.searchable() {
            c.text(t, i as u32);
        }
    }
    c.finish()
}

/// Whether the title is read for dates: not when it is the lead's first sentence (or a cut of
/// it), which the body gives whole.
pub fn reads_title(title: &str, blocks: &[Block]) -> bool {
    let first = blocks.iter().find_map(Block::searchable).unwrap_or("");
    let core = title.trim_end_matches('…').trim();
    !core.is_empty() && !first.starts_with(core)
}

/// Collects the events of one article, sentence by sentence.
pub struct Collector<'d> {
    published: &'d Date,
    out: Vec<Event>,
    /// A hash of each event's sentence: the same sentence twice gives its dates once.
    seen: Vec<(Date, u64)>,
    found: Vec<Date>,
}

impl<'d> Collector<'d> {
    pub fn new(published: &'d Date) -> Self {
        Collector {
            published,
            out: Vec::with_capacity(16),
            seen: Vec::with_capacity(16),
            found: Vec::with_capacity(4),
        }
    }

    /// Reads a text: the title ([`Span::TITLE`]) or block `source`.
    pub fn text(&mut self, text: &str, source: u32) {
        // Cheap test first: most sentences of a long article name no date at all.
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for r in sentences(text) {
            let sentence = &text[r.clone()];
            if sentence.bytes().any(|b| b.is_ascii_digit()) {
                self.sentence(&Sentence::new(sentence), Span::new(source, r));
            }
        }
    }

    /// Reads one sentence, found at `at`.
    pub fn sentence(&mut self, s: &Sentence, at: Span) {
        if s.text.bytes().any(|b| b.is_ascii_digit()) {
            self.sentence_with_digit(s, at);
        }
    }

    /// [`Collector::sentence`] for a sentence known to hold a digit (no date without one).
    pub fn sentence_with_digit(&mut self, s: &Sentence, at: Span) {
        self.found.clear();
        dates_in(s, self.published, &mut self.found);
        // Most sentences with a digit hold no date: no need to hash them.
        if self.found.is_empty() {
            return;
        }
        let hash = xxhash_rust::xxh3::xxh3_64(s.text.as_bytes());
        for &d in &self.found {
            if !self.seen.contains(&(d, hash)) {
                self.seen.push((d, hash));
                self.out.push(Event { date: d, at });
            }
        }
    }

    pub fn finish(self) -> Vec<Event> {
        self.out
    }
}

#[allow(clippy::too_many_lines)] // one reader of a sentence's date forms, each branch a form of formats.md; splitting it would pass the same cursor state through every piece
fn dates_in(s: &Sentence, published: &Date, out: &mut Vec<Date>) {
    let n = s.len();
    // The word's first byte, read without slicing the word out of its sentence.
    let bytes = s.text.as_bytes();
    let digit = |i: usize| {
        s.toks.get(i).is_some_and(|t| {
            let r = t.range();
            r.start < r.end && bytes[r.start].is_ascii_digit()
        })
    };
    let mut i = 0;
    // The previous token closed a date: `đến 1/6` continues a range.
    let mut after_date = false;
    while i < n {
        // Every form has a number at this word or the next.
        if !digit(i) && !digit(i + 1) {
            if after_date {
                after_date = matches!(s.low(i), "đến" | "tới" | "và");
                i += 1;
            } else {
                // Nothing carries over: on to the word before the next number.
                i = (i + 2..n).find(|&j| digit(j)).map_or(n, |d| d - 1);
            }
            continue;
        }
        let low = s.low(i);
        let word = s.word(i);
        let next_low = s.low(i + 1);

        // ngày D tháng M [năm Y], ngày D đến [ngày] D2 tháng M / D2/M
        if matches!(low, "ngày" | "mùng" | "mồng") || (after_date && matches!(low, "đến" | "tới")) {
            if let Some(d) = number(s.word(i + 1)).filter(|d| (1..=31).contains(d)) {
                if let Some((m, y, used)) = month_after(s, i + 2) {
                    if valid_dm(d, m) {
                        out.extend(resolve(d, m, y, published));
                        i += 2 + used;
                        after_date = true;
                        continue;
                    }
                }
                let dash = dash_after(s, i + 1);
                if dash || matches!(s.low(i + 2), "đến" | "tới" | "và" | "-") {
                    let mut j = if dash { i + 2 } else { i + 3 };
                    if matches!(s.low(j), "ngày" | "mùng") {
                        j += 1;
                    }
                    let end = if let Some(d2) = number(s.word(j)).filter(|d| (1..=31).contains(d)) {
                        month_after(s, j + 1).map(|(m, y, used)| (d2, m, y, j + 1 + used))
                    } else if let Some(Dm::Day(d2, m, y)) = day_month(s.word(j)) {
                        Some((d2, m, y, j + 1))
                    } else {
                        None
                    };
                    if let Some((d2, m, y, next)) = end {
                        if valid_dm(d, m) && valid_dm(d2, m) {
                            out.extend(resolve(d, m, y, published));
                            out.extend(resolve(d2, m, y, published));
                            i = next;
                            after_date = true;
                            continue;
                        }
                    }
                }
            }
        }

        let dm = day_month(word);
        // Two dates as a range, which no fraction or score is: `30/4 - 1/5`, `10/5/2021 -
        // 31/5/2021`, `30/4-1/5`, `23/2-10/3/2021`, `14 - 18/9`.
        if let Some((a, b, used)) = range_at(s, i, dm) {
            out.extend(a.and_then(|(d, m, y)| resolve(d, m, y.or(b.2), published)));
            out.extend(resolve(b.0, b.1, b.2, published));
            i += used;
            after_date = true;
            continue;
        }
        // A time word, a range word after a date, or parentheses before `D/M`; a year written
        // (`31/3/2021`) or a range of days (`14-18/9`) needs none.
        let cue_before =
            i > 0 && (cued_day(s, i) || (matches!(s.low(i - 1), "đến" | "tới" | "và") && after_date));
        let in_parens = s.toks[i].open == Some('(');
        let sure = matches!(dm, Some(Dm::Day(_, _, Some(_)) | Dm::Range(..)));
        if cue_before || in_parens || sure {
            match dm {
                Some(Dm::Day(d, m, y)) => {
                    out.extend(resolve(d, m, y, published));
                    i += 1;
                    after_date = true;
                    continue;
                }
                Some(Dm::Range(d1, d2, m, y)) => {
                    out.extend(resolve(d1, m, y, published));
                    out.extend(resolve(d2, m, y, published));
                    i += 1;
                    after_date = true;
                    continue;
                }
                _ => {}
            }
        }

        // tháng M/YYYY, tháng M năm YYYY
        if low == "tháng" {
            if let Some(Dm::MonthYear(m, y)) = day_month(s.word(i + 1)) {
                out.extend(Date::ym(y, m));
                i += 2;
                after_date = true;
                continue;
            }
            if let Some(m) = number(s.word(i + 1)).filter(|m| (1..=12).contains(m)) {
                if s.low(i + 2) == "năm" {
                    if let Some(y) = year(s.word(i + 3)) {
                        out.extend(Date::ym(y, m));
                        i += 4;
                        after_date = true;
                        continue;
                    }
                }
            }
        }

        // năm YYYY [và YYYY]
        if low == "năm" {
            if let Some(y) = year(s.word(i + 1)) {
                out.push(Date::Year(y));
                let mut j = i + 2;
                while matches!(s.toks.get(j - 1).map(|t| t.trail), Some(Trail::Comma))
                    || matches!(s.low(j), "và" | "hoặc")
                {
                    if matches!(s.low(j), "và" | "hoặc") {
                        j += 1;
                    }
                    match year(s.word(j)) {
                        Some(y2) => {
                            out.push(Date::Year(y2));
                            j += 1;
                        }
                        None => break,
                    }
                }
                i = j;
                after_date = true;
                continue;
            }
        }

        // English: Month D[, YYYY] / Month YYYY
        if s.toks[i].cap {
            if let Some(m) = month_name(low) {
                if let Some(d) = day_number(s.word(i + 1)).filter(|&d| valid_dm(d, m)) {
                    let y = if s.toks[i + 1].trail == Trail::Comma {
                        year(s.word(i + 2))
                    } else {
                        None
                    };
                    out.extend(resolve(d, m, y, published));
                    i += if y.is_some() { 3 } else { 2 };
                    after_date = true;
                    continue;
                }
                if let Some(y) = year(s.word(i + 1)) {
                    out.extend(Date::ym(y, m));
                    i += 2;
                    after_date = true;
                    continue;
                }
            }
        }
        // English: D Month [YYYY]
        if let (Some(d), Some(m)) = (day_number(word), month_name(next_low)) {
            if s.toks.get(i + 1).is_some_and(|t| t.cap) && valid_dm(d, m) && s.toks[i].trail == Trail::None {
                let y = year(s.word(i + 2));
                out.extend(resolve(d, m, y, published));
                i += if y.is_some() { 3 } else { 2 };
                after_date = true;
                continue;
            }
        }
        // English: in 2019, by 2035, since 2015
        if i > 0 && year_cue(s.low(i - 1)) && s.toks[i].open.is_none() {
            if let Some(y) = year(word).filter(|y| (1900..=2100).contains(y)) {
                out.push(Date::Year(y));
                i += 1;
                after_date = true;
                continue;
            }
        }

        after_date = after_date && matches!(low, "đến" | "tới" | "và");
        i += 1;
    }
}

/// A day and month (and year when written) as a date: without a year, the year nearest the
/// publication date; in an undated article, a year-less date.
pub fn resolve(d: u32, m: u32, y: Option<i32>, published: &Date) -> Option<Date> {
    if let Some(y) = y {
        return Date::ymd(y, m, d);
    }
    let (from, to) = match published {
        Date::Day(p) => (*p, *p),
        Date::Month(..) | Date::Year(_) => published.span()?,
        Date::MonthDay(..) | Date::Undated => {
            return valid_dm(d, m).then_some(Date::MonthDay(m, d));
        }
    };
    let py = from.year();
    let distance = |x: NaiveDate| -> i64 {
        if x < from {
            (from - x).num_days()
        } else if x > to {
            (x - to).num_days()
        } else {
            0
        }
    };
    [py, py - 1, py + 1]
        .into_iter()
        .filter_map(|yy| NaiveDate::from_ymd_opt(yy, m, d))
        .min_by_key(|&x| (distance(x), (x.year() - py).abs()))
        .map(Date::Day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, published: &str) -> Vec<String> {
        let p = Date::parse(published).unwrap_or(Date::Undated);
        let blocks = vec![Block::Paragraph {
            text: text.to_string(),
        }];
        find("", &blocks, &p)
            .into_iter()
            .map(|e| e.date.to_string())
            .collect()
    }

    #[test]
    fn vietnamese_day_forms() {
        assert_eq!(
            dates("Ngày 4/11, hai bên gặp nhau.", "2025-11-05"),
            vec!["2025-11-04"]
        );
        assert_eq!(
            dates("Hội nghị ngày 26 tháng 10.", "2025-11-05"),
            vec!["2025-10-26"]
        );
        assert_eq!(
            dates("Nghị định ban hành ngày 30 tháng 9 năm 2025.", "2025-11-05"),
            vec!["2025-09-30"]
        );
        assert_eq!(
            dates("Trận giao hữu ngày 31-1 thắng 2-1.", "2025-02-05"),
            vec!["2025-01-31"]
        );
        assert_eq!(
            dates("Hai trận vào ngày 10.2 và ngày 14.2.", "2025-02-05"),
            vec!["2025-02-10", "2025-02-14"]
        );
        assert_eq!(
            dates("Hoạt động từ ngày 1.3.2025.", "2025-02-12"),
            vec!["2025-03-01"]
        );
        assert_eq!(dates("Sự kiện ngày 3/12/2024.", "2025-11-20"), vec!["2024-12-03"]);
    }

    #[test]
    fn time_words_and_parentheses() {
        assert_eq!(
            dates("Sáng 14/3, Thủ tướng chủ trì.", "2025-03-14"),
            vec!["2025-03-14"]
        );
        assert_eq!(
            dates("Hôm nay (6-2), đội tập nhẹ.", "2025-02-06"),
            vec!["2025-02-06"]
        );
        assert_eq!(
            dates("Trong tuyên bố công bố chiều nay (4/11).", "2025-11-04"),
            vec!["2025-11-04"]
        );
        assert_eq!(
            dates("Tại cuộc họp hôm thứ Hai (10/11), bà nói.", ""),
            vec!["--11-10"]
        );
        assert_eq!(
            dates("Ông tới Seoul vào tối 29/9.", "2025-09-30"),
            vec!["2025-09-29"]
        );
    }

    #[test]
    fn fractions_and_bare_numbers_are_not_dates() {
        assert!(dates("Khoảng 1/3 số hộ bị ảnh hưởng.", "2025-10-30").is_empty());
        assert!(dates("Chỉ có 4/11 thành viên tán thành.", "2025-10").is_empty());
        assert!(dates("Phiên bản 2.5 có 28.500 lượt dùng, PM2.5 cao.", "2025-10-30").is_empty());
        assert!(dates("Sau 10 năm, 80 năm chiến thắng, 44 tuổi.", "2025-10-30").is_empty());
        assert!(dates("Đội thắng 3-2 ở phút 88, vòng 12.", "2025-10-30").is_empty());
    }

    #[test]
    fn ranges() {
        assert_eq!(
            dates("Hội sách diễn ra từ ngày 15 đến 26/3.", "2025-03-20"),
            vec!["2025-03-15", "2025-03-26"]
        );
        assert_eq!(
            dates("Kéo dài từ ngày 30 tháng 10 đến ngày 2 tháng 11.", "2025-11-01"),
            vec!["2025-10-30", "2025-11-02"]
        );
        assert_eq!(
            dates("Kỳ họp từ ngày 12 đến ngày 19 tháng 2.", "2025-02-12"),
            vec!["2025-02-12", "2025-02-19"]
        );
        assert_eq!(
            dates("Diễn đàn từ ngày 30/5 đến 1/6.", "2025-05-14"),
            vec!["2025-05-30", "2025-06-01"]
        );
        assert_eq!(
            dates("Tàu chạy từ ngày 31/12 đến ngày 4/1.", "2025-12-30"),
            vec!["2025-12-31", "2026-01-04"]
        );
        assert_eq!(
            dates("Mưa từ đêm 27/10 đến sáng 28/10.", ""),
            vec!["--10-27", "--10-28"]
        );
    }

    #[test]
    fn holidays_ranges_and_relative_days_with_their_date() {
        let d = |t: &str| dates(t, "2021-04-25");
        assert_eq!(
            d("Dịp nghỉ lễ 30/4 và 1/5 năm nay."),
            vec!["2021-04-30", "2021-05-01"]
        );
        assert_eq!(
            d("Lượng khách tăng dịp 30/4-1/5."),
            vec!["2021-04-30", "2021-05-01"]
        );
        assert_eq!(d("Kỳ nghỉ 30/4 - 1/5 kéo dài."), vec!["2021-04-30", "2021-05-01"]);
        assert_eq!(d("Chiều nay 21/4, đoàn đến."), vec!["2021-04-21"]);
        assert_eq!(d("Hôm qua 14/4 mưa lớn."), vec!["2021-04-14"]);
        assert_eq!(d("Sáng sớm nay 24/4, cháy nhà."), vec!["2021-04-24"]);
        assert_eq!(d("Tại phiên 23/4, cổ phiếu tăng."), vec!["2021-04-23"]);
        assert_eq!(
            d("Chạy thử từ ngày 12/12 - 31/12/2020."),
            vec!["2020-12-12", "2020-12-31"]
        );
        assert_eq!(
            d("Đăng ký từ 10/5/2021 - 31/5/2021."),
            vec!["2021-05-10", "2021-05-31"]
        );
        assert_eq!(
            d("Giãn cách ngày 23/2-10/3/2021."),
            vec!["2021-02-23", "2021-03-10"]
        );
        assert_eq!(
            d("Lịch thi đấu 14-18/9 tại Hà Nội."),
            vec!["2021-09-14", "2021-09-18"]
        );
        assert_eq!(
            d("Các trường lọc ảo từ ngày mùng 2 - 4/10."),
            vec!["2021-10-02", "2021-10-04"]
        );
        assert_eq!(d("Hạn chót là 31/3/2021 theo quy định."), vec!["2021-03-31"]);
        // Still no date: a fraction, a score, a house number with no year.
        assert!(d("Có 4/5 thành viên đồng ý, tỷ số 2-1.").is_empty());
    }

    #[test]
    fn months_and_years() {
        assert_eq!(
            dates("Thảo luận kể từ tháng 10/2017.", "2025-11-04"),
            vec!["2017-10"]
        );
        assert_eq!(dates("Hoàn tất trước năm 2030.", "2025-11-04"), vec!["2030"]);
        assert_eq!(
            dates("Sau các năm 2008 và 2018.", "2025-01-06"),
            vec!["2008", "2018"]
        );
        assert_eq!(
            dates("Điện đàm hồi tháng 9 năm 2025.", "2025-11-01"),
            vec!["2025-09"]
        );
        assert_eq!(
            dates("Ngày 6 tháng 8 năm 1945.", "2025-08-06"),
            vec!["1945-08-06"]
        );
    }

    #[test]
    fn year_nearest_the_publication_date() {
        assert_eq!(dates("Kiểm tra ngày 28/12.", "2026-01-05"), vec!["2025-12-28"]);
        assert_eq!(dates("Hội nghị ngày 2/1.", "2025-12-30"), vec!["2026-01-02"]);
        assert_eq!(dates("Phê duyệt ngày 5-5.", "2025-06"), vec!["2025-05-05"]);
        assert_eq!(dates("Ngày 15/1 xuất khẩu.", "2025-12-09"), vec!["2026-01-15"]);
        assert_eq!(dates("Có hiệu lực ngày 4/11.", ""), vec!["--11-04"]);
        assert_eq!(dates("Ngày 29/2 đặc biệt.", ""), vec!["--02-29"]);
        assert!(dates("Ngày 31/2 không có.", "2025-03-01").is_empty());
    }

    #[test]
    fn english_dates() {
        assert_eq!(
            dates("Talks in Seoul on November 4.", "2025-11-05"),
            vec!["2025-11-04"]
        );
        assert_eq!(
            dates("A communiqué dated Nov. 4, 2025, was signed.", "2025-11-05"),
            vec!["2025-11-04"]
        );
        assert_eq!(
            dates("Stalled since talks in October 2017.", "2025-11-05"),
            vec!["2017-10"]
        );
        assert_eq!(
            dates("Martial law on December 3, 2024.", "2025-12-15"),
            vec!["2024-12-03"]
        );
        assert_eq!(
            dates("Next hearing on Dec. 22.", "2025-12-15"),
            vec!["2025-12-22"]
        );
        assert_eq!(
            dates("Approved in 2019 and built by 2027.", ""),
            vec!["2019", "2027"]
        );
        assert_eq!(dates("A vote on 4 November 2025.", ""), vec!["2025-11-04"]);
        assert!(dates("About 28,500 troops; 400 Tomahawks; May we go.", "2025-11-05").is_empty());
    }

    #[test]
    fn one_event_per_date_and_sentence_with_its_text() {
        let p = Date::parse("2025-11-04").unwrap();
        let blocks = vec![Block::Paragraph {
            text: "Ngày 4/11, ông nói. Hôm nay (4/11) bà nói ngày 4/11.".into(),
        }];
        let ev = find("", &blocks, &p);
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0].text("", &blocks), "Ngày 4/11, ông nói.");
        assert_eq!(ev[0].precision(), "day");
    }

    #[test]
    fn never_panics() {
        for t in [
            "ngày",
            "ngày 4",
            "ngày 4 tháng",
            "tháng 13/2020",
            "năm",
            "(",
            "ngày 99/99/9999",
            "Nov.",
            "4 Nov",
        ] {
            let _ = dates(t, "2025-01-01");
            let _ = dates(t, "");
        }
    }
}
