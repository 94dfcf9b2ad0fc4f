//! Parsing the query language. A parse problem never blocks: the term that cannot be read is
//! reported and the rest still filters.

use chrono::NaiveDate;
use docbao_extract::text::fold::{fold, has_marks, tone_key};
use docbao_extract::Date;

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// Does a date (at its own precision) overlap this range?
    pub fn overlaps(&self, d: &Date) -> bool {
        d.span().is_some_and(|(a, b)| self.overlaps_span(a, b))
    }

    /// Does the span of days `a..=b` overlap this range?
    pub fn overlaps_span(&self, a: NaiveDate, b: NaiveDate) -> bool {
        self.from.is_none_or(|f| b >= f) && self.to.is_none_or(|t| a <= t)
    }
}

/// A word as typed, prepared for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub raw: String,
    /// Folded (no marks, lowercase): what is matched when the user typed no diacritics.
    pub folded: String,
    /// Lowercase with tone placement normalised, when the user typed diacritics.
    pub marked: Option<String>,
    /// The user typed a capital: match case exactly (smart case).
    pub case_sensitive: bool,
}

impl Word {
    pub fn new(raw: &str) -> Self {
        Word {
            raw: raw.to_string(),
            folded: fold(raw),
            marked: has_marks(raw).then(|| tone_key(raw)),
            case_sensitive: raw.chars().any(char::is_uppercase),
        }
    }
}

/// One term of a query. All terms of a query must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word: prefix of a word of the title, a person's name or the body (fuzzy on titles).
    Word(Word),
    /// `'word`: exact substring anywhere.
    Exact(Word),
    /// `^word`: the title starts with it.
    TitleStarts(Word),
    /// `word$`: the title ends with it.
    TitleEnds(Word),
    /// `"two words"`: a phrase in the body or title.
    Phrase(Word),
    /// `@name`, `person:name`: an article naming that person under any alias.
    Person(Word),
    /// A publication date or range.
    Date(DateRange),
    /// `event:...`: the text speaks of a date in this range.
    Event(DateRange),
    /// `is:undated`.
    Undated,
    /// `is:unread`.
    Unread,
    /// `is:bookmarked`.
    Bookmarked,
    /// `tag:NAME`: the reader gave the article this tag.
    Tag(Word),
    /// `is:tagged`: the article has a tag.
    Tagged,
    /// `!term`.
    Not(Box<Term>),
    /// `a | b`.
    Or(Vec<Term>),
}

/// Whether a term asks about reading state (`is:unread`, `is:bookmarked`, tags).
fn uses_marks(t: &Term) -> bool {
    match t {
        Term::Unread | Term::Bookmarked | Term::Tag(_) | Term::Tagged => true,
        Term::Not(inner) => uses_marks(inner),
        Term::Or(alts) => alts.iter().any(uses_marks),
        _ => false,
    }
}

/// A parsed query: its terms, and the pieces that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    pub errors: Vec<String>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the query asks about reading state (`is:unread`, `is:bookmarked`, tags).
    pub fn uses_marks(&self) -> bool {
        self.terms.iter().any(uses_marks)
    }

    /// Words worth highlighting in the reader (folded), from positive terms.
    pub fn highlight_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        fn walk(t: &Term, out: &mut Vec<String>) {
            match t {
                Term::Word(w)
                | Term::Exact(w)
                | Term::Phrase(w)
                | Term::TitleStarts(w)
                | Term::TitleEnds(w)
                | Term::Person(w)
                    if !w.folded.trim().is_empty() =>
                {
                    out.push(w.folded.clone())
                }
                Term::Or(v) => v.iter().for_each(|t| walk(t, out)),
                _ => {}
            }
        }
        self.terms.iter().for_each(|t| walk(t, &mut out));
        out
    }
}

/// Longest query read; the rest is ignored (and reported).
pub const MAX_QUERY_CHARS: usize = 1000;

/// Parses a query. `extends_person` answers whether a folded name is the start of a known
/// person's name (or alias), so `@lee jae myung 2025` takes three words as the person.
#[allow(clippy::too_many_lines)] // the query grammar, one branch per operator of the help table
pub fn parse(input: &str, extends_person: &dyn Fn(&str) -> bool) -> Query {
    let mut q = Query::default();
    // Article text keeps no invisible format characters (see `text::clean::is_format`); a
    // pasted query keeps none either, so `kiến\u{200b} thức` finds `kiến thức`.
    let cleaned: String;
    let input = if input.chars().any(docbao_extract::text::sanitize::is_format) {
        cleaned = input
            .chars()
            .filter(|c| !docbao_extract::text::sanitize::is_format(*c))
            .collect();
        cleaned.as_str()
    } else {
        input
    };
    let input: String = if input.chars().count() > MAX_QUERY_CHARS {
        q.errors.push(format!(
            "query longer than {MAX_QUERY_CHARS} characters; the rest is ignored"
        ));
        input.chars().take(MAX_QUERY_CHARS).collect()
    } else {
        input.to_string()
    };
    let tokens = tokenize(&input, &mut q.errors);
    let mut i = 0;
    let mut pending_or: Option<Vec<Term>> = None;
    while i < tokens.len() {
        let tok = &tokens[i];
        i += 1;
        if tok.text == "|" && !tok.quoted {
            if let Some(last) = q.terms.pop() {
                let alts = match last {
                    Term::Or(v) => v,
                    t => vec![t],
                };
                pending_or = Some(alts);
            } else {
                q.errors.push("`|` needs a term on each side".into());
            }
            continue;
        }
        // `!@name` and `!person:name` negate a person, who takes following words as `@` does.
        let (negated, text) = match tok.text.strip_prefix('!') {
            Some(rest) if !tok.quoted && person_name(rest).is_some() => (true, rest),
            _ => (false, tok.text.as_str()),
        };
        let person = if tok.quoted { None } else { person_name(text) };
        let term = if let Some(name) = person {
            let person = if tok.quoted_tail {
                if name.trim().is_empty() {
                    None
                } else {
                    Some(Term::Person(Word::new(name.trim())))
                }
            } else if name.is_empty() {
                q.errors.push("`@` needs a name".into());
                None
            } else {
                // Take following words while they still extend a known person.
                let mut full = name.to_string();
                while i < tokens.len() && !tokens[i].quoted {
                    let cand = format!("{full} {}", tokens[i].text);
                    if extends_person(&fold(&cand)) {
                        full = cand;
                        i += 1;
                    } else {
                        break;
                    }
                }
                Some(Term::Person(Word::new(&full)))
            };
            if negated {
                person.map(|p| Term::Not(Box::new(p)))
            } else {
                person
            }
        } else {
            parse_term(tok, &mut q.errors)
        };
        let Some(term) = term else { continue };
        match pending_or.take() {
            Some(mut alts) => {
                alts.push(term);
                q.terms.push(Term::Or(alts));
            }
            None => q.terms.push(term),
        }
    }
    if let Some(alts) = pending_or {
        q.errors.push("`|` needs a term on each side".into());
        q.terms.push(if alts.len() == 1 {
            alts.into_iter().next().unwrap_or(Term::Undated)
        } else {
            Term::Or(alts)
        });
    }
    q
}

/// The name after `@` or `person:` (any case) at the start of a token's text.
fn person_name(text: &str) -> Option<&str> {
    if let Some(n) = text.strip_prefix('@') {
        return Some(n);
    }
    let key = text.get(..7)?;
    key.eq_ignore_ascii_case("person:").then(|| &text[7..])
}

#[derive(Debug)]
struct Token {
    text: String,
    /// The whole token was a quoted phrase.
    quoted: bool,
    /// The token ended in a quoted part (`@"Lee Jae-myung"`).
    quoted_tail: bool,
}

fn tokenize(input: &str, errors: &mut Vec<String>) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '|' {
            chars.next();
            out.push(Token {
                text: "|".into(),
                quoted: false,
                quoted_tail: false,
            });
            continue;
        }
        let mut text = String::new();
        let mut quoted = false;
        let mut quoted_tail = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '|' {
                break;
            }
            if c == '"' || c == '“' {
                chars.next();
                let whole = text.is_empty() || text == "!";
                let mut inner = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '"' || c == '”' {
                        closed = true;
                        break;
                    }
                    inner.push(c);
                }
                if !closed {
                    errors.push(format!("unclosed quote in `\"{inner}`"));
                }
                if whole {
                    quoted = true;
                } else {
                    quoted_tail = true;
                }
                text.push_str(&inner);
                continue;
            }
            text.push(c);
            chars.next();
        }
        if quoted && text.starts_with('!') {
            // `!"phrase"`
        }
        out.push(Token {
            text,
            quoted,
            quoted_tail,
        });
    }
    out
}

#[allow(clippy::too_many_lines)] // one branch per term kind, each short; the table reads as the language
fn parse_term(tok: &Token, errors: &mut Vec<String>) -> Option<Term> {
    let t = tok.text.as_str();
    if tok.quoted {
        if let Some(rest) = t.strip_prefix('!') {
            return (!rest.trim().is_empty())
                .then(|| Term::Not(Box::new(Term::Phrase(Word::new(rest.trim())))));
        }
        return (!t.trim().is_empty()).then(|| Term::Phrase(Word::new(t.trim())));
    }
    if let Some(rest) = t.strip_prefix('!') {
        if rest.is_empty() {
            errors.push("`!` needs a term after it".into());
            return None;
        }
        let inner = Token {
            text: rest.to_string(),
            quoted: false,
            quoted_tail: tok.quoted_tail,
        };
        return parse_term(&inner, errors).map(|x| Term::Not(Box::new(x)));
    }
    let lower = t.to_lowercase();
    if let Some((key, val)) = lower.split_once(':') {
        match key {
            "date" | "since" | "until" | "event" | "on" => {
                let Some(r) = parse_range(val) else {
                    errors.push(format!("cannot read the date in `{t}`"));
                    return None;
                };
                if r.from.zip(r.to).is_some_and(|(from, to)| from > to) {
                    errors.push(format!("the range `{t}` ends before it starts"));
                    return None;
                }
                let r = match key {
                    "since" => DateRange {
                        from: r.from,
                        to: None,
                    },
                    "until" => DateRange { from: None, to: r.to },
                    _ => r,
                };
                return Some(if key == "event" {
                    Term::Event(r)
                } else {
                    Term::Date(r)
                });
            }
            "is" => {
                return match val {
                    "undated" => Some(Term::Undated),
                    "unread" => Some(Term::Unread),
                    "bookmarked" | "bookmark" => Some(Term::Bookmarked),
                    "tagged" => Some(Term::Tagged),
                    _ => {
                        errors.push(format!(
                            "unknown `{t}` (try is:undated, is:unread, is:bookmarked, is:tagged)"
                        ));
                        None
                    }
                };
            }
            "tag" => {
                let name = t.split_once(':').map_or("", |x| x.1).trim();
                let Some(tag) = crate::tag::clean_tag(name) else {
                    errors.push("`tag:` needs a tag name (`tag:korea`)".into());
                    return None;
                };
                return Some(Term::Tag(Word::new(&tag)));
            }
            _ => {}
        }
    }
    if t.starts_with(|c: char| c.is_ascii_digit()) || t.starts_with("..") {
        if let Some(r) = parse_range(t) {
            if r.from.zip(r.to).is_some_and(|(from, to)| from > to) {
                errors.push(format!("the range `{t}` ends before it starts"));
                return None;
            }
            return Some(Term::Date(r));
        }
        if t.contains("..") {
            errors.push(format!("cannot read the date range `{t}`"));
            return None;
        }
        if date_shaped(t) {
            errors.push(format!("no such date `{t}` (to find the text, type `'{t}`)"));
            return None;
        }
    }
    if let Some(rest) = t.strip_prefix('\'') {
        return (!rest.is_empty()).then(|| Term::Exact(Word::new(rest)));
    }
    if let Some(rest) = t.strip_prefix('^') {
        return (!rest.is_empty()).then(|| Term::TitleStarts(Word::new(rest)));
    }
    if let Some(rest) = t.strip_suffix('$') {
        return (!rest.is_empty()).then(|| Term::TitleEnds(Word::new(rest)));
    }
    // Punctuation at the end of a word is what the user has not finished typing (`2025-` on the
    // way to `2025-11`, `covid-` to `covid-19`): it filters as the word so far, and the list
    // does not blink empty (nor the filter check every article's text) at each such key.
    let trimmed = t.trim_end_matches(|c: char| !c.is_alphanumeric());
    Some(Term::Word(Word::new(if trimmed.is_empty() {
        t
    } else {
        trimmed
    })))
}

/// `YYYY-M` or `YYYY-M-D` (one or two digits each): what a date term looks like, whether or
/// not it names a real day. A season (`2019-20`, the year after's last two digits) is text.
fn date_shaped(t: &str) -> bool {
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = t.split('-').collect();
    let (year, rest) = match parts.split_first() {
        Some((y, rest)) if digits(y, 4..=4) && (1..=2).contains(&rest.len()) => (*y, rest),
        _ => return false,
    };
    let season = match (rest, year.parse::<u32>()) {
        ([next], Ok(y)) => next.len() == 2 && next.parse::<u32>() == Ok((y + 1) % 100),
        _ => false,
    };
    !season && rest.iter().all(|p| digits(p, 1..=2))
}

/// `2025`, `2025-11`, `2025-11-04`, `A..B`, `..B`, `A..`.
pub fn parse_range(s: &str) -> Option<DateRange> {
    if let Some((a, b)) = s.split_once("..") {
        let from = if a.is_empty() {
            None
        } else {
            Some(Date::parse(a)?.span()?.0)
        };
        let to = if b.is_empty() {
            None
        } else {
            Some(Date::parse(b)?.span()?.1)
        };
        if from.is_none() && to.is_none() {
            return None;
        }
        return Some(DateRange { from, to });
    }
    if s.len() < 4 {
        return None;
    }
    let (a, b) = Date::parse(s)?.span()?;
    Some(DateRange {
        from: Some(a),
        to: Some(b),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Query {
        parse(s, &|n: &str| {
            "lee jae myung".starts_with(n) || "lee jae-myung".starts_with(n)
        })
    }

    #[test]
    fn impossible_dates_and_backward_ranges_are_reported_and_left_out() {
        for text in [
            "2025-13",
            "2025-02-30",
            "2025-00",
            "2025-11..2025-10",
            "2026..2025",
        ] {
            let q = p(&format!("bo {text}"));
            assert_eq!(q.terms.len(), 1, "{text}: {:?}", q.terms);
            assert_eq!(q.errors.len(), 1, "{text}");
            assert!(q.errors[0].contains(text), "{:?}", q.errors);
        }
        // Not date-shaped: words as before; a range within one day is fine.
        for text in [
            "2025-13-1-1",
            "20251",
            "2025-11-04..2025-11-04",
            "2019-20",
            "1999-00",
        ] {
            let q = p(text);
            assert!(q.errors.is_empty(), "{text}: {:?}", q.errors);
            assert_eq!(q.terms.len(), 1, "{text}");
        }
    }

    #[test]
    fn a_negated_person_takes_its_name_words() {
        for (text, name) in [
            ("!@lee jae myung 2025", "lee jae myung"),
            ("!person:Lee jae 2025", "Lee jae"),
            ("!@\"Lee Jae-myung\" 2025", "Lee Jae-myung"),
        ] {
            let q = p(text);
            assert_eq!(q.terms.len(), 2, "{text}: {:?}", q.terms);
            match &q.terms[0] {
                Term::Not(inner) => match &**inner {
                    Term::Person(w) => assert_eq!(w.raw, name, "{text}"),
                    t => panic!("{text}: {t:?}"),
                },
                t => panic!("{text}: {t:?}"),
            }
            assert!(matches!(q.terms[1], Term::Date(_)), "{text}");
        }
        // Quoted whole, it is a phrase; `!@` alone names nobody.
        assert!(matches!(p("\"@lee\"").terms[0], Term::Phrase(_)));
        let q = p("!@");
        assert!(q.terms.is_empty() && !q.errors.is_empty(), "{q:?}");
    }

    #[test]
    fn words_and_dates() {
        let q = p("bo truong 2025-11");
        assert_eq!(q.terms.len(), 3);
        assert!(matches!(q.terms[2], Term::Date(_)));
        assert!(q.errors.is_empty());
    }

    #[test]
    fn person_span() {
        let q = p("@lee jae myung 2025");
        assert_eq!(q.terms.len(), 2);
        assert!(matches!(&q.terms[0], Term::Person(w) if w.folded == "lee jae myung"));
        let q = p("@\"Lee Jae-myung\" x");
        assert!(matches!(&q.terms[0], Term::Person(w) if w.raw == "Lee Jae-myung"));
    }

    #[test]
    fn operators() {
        let q =
            p("'exact ^start end$ !not a | b \"two words\" is:undated event:2025-11-04 since:2024 ..2023");
        assert!(q.errors.is_empty(), "{:?}", q.errors);
        assert!(matches!(q.terms[0], Term::Exact(_)));
        assert!(matches!(q.terms[1], Term::TitleStarts(_)));
        assert!(matches!(q.terms[2], Term::TitleEnds(_)));
        assert!(matches!(q.terms[3], Term::Not(_)));
        assert!(matches!(&q.terms[4], Term::Or(v) if v.len() == 2));
        assert!(matches!(q.terms[5], Term::Phrase(_)));
        assert!(matches!(q.terms[6], Term::Undated));
        assert!(matches!(q.terms[7], Term::Event(_)));
        assert!(matches!(
            q.terms[8],
            Term::Date(DateRange {
                from: Some(_),
                to: None
            })
        ));
        assert!(matches!(
            q.terms[9],
            Term::Date(DateRange {
                from: None,
                to: Some(_)
            })
        ));
    }

    #[test]
    fn punctuation_still_being_typed_is_left_out() {
        assert_eq!(p("2025-").terms, vec![Term::Word(Word::new("2025"))]);
        assert_eq!(p("covid-").terms, vec![Term::Word(Word::new("covid"))]);
        assert_eq!(p("covid-19").terms, vec![Term::Word(Word::new("covid-19"))]);
        assert_eq!(p("-").terms, vec![Term::Word(Word::new("-"))]);
    }

    #[test]
    fn tags() {
        let q = p("tag:Korea !tag:quốc-phòng is:tagged");
        assert!(q.errors.is_empty(), "{:?}", q.errors);
        assert_eq!(q.terms[0], Term::Tag(Word::new("korea")));
        assert!(matches!(&q.terms[1], Term::Not(t) if **t == Term::Tag(Word::new("quốc-phòng"))));
        assert_eq!(q.terms[2], Term::Tagged);
        assert!(q.uses_marks());
        let q = p("tag: x");
        assert_eq!(q.errors.len(), 1, "{q:?}");
        assert!(q.errors[0].contains("`tag:` needs a tag name"), "{q:?}");
    }

    #[test]
    fn bad_queries_do_not_block() {
        for s in [
            "\"unclosed",
            "..",
            "@",
            "|",
            "a |",
            "!",
            "2025-13..x",
            "is:nothing",
            "date:",
        ] {
            let _ = p(s);
        }
        let q = p(".. word");
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.errors.len(), 1);
        let long = "a ".repeat(10_000);
        let q = p(&long);
        assert!(!q.errors.is_empty());
    }
}
