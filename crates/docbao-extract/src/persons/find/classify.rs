//! Whether a run of capitalised words is a person, a place, a thing, or nothing to say.

use super::*;

impl<'a> Finder<'_, 'a> {
    /// Judges the capitalised run `start..end`.
    #[allow(clippy::too_many_lines)] // the verdicts on a capitalised run, strongest evidence first; rewritten with the persons work of issue 14
    pub(super) fn classify(
        &self,
        v: &View<'_, 'a>,
        start: usize,
        end: usize,
        cued: bool,
        strip: bool,
    ) -> Judged<'a> {
        let s = v.s;
        let mut k = start;
        let mut titled = cued;
        if strip {
            while k < end {
                if let Some(len) = v.at(Kind::Place, k).filter(|l| k + l <= end) {
                    k += len;
                } else if possessive(s.word(k)).is_some() && k + 1 < end {
                    // `Japan's`, `People's`
                    k += 1;
                } else if v.has(k, flag::NATIONALITY) && k + 1 < end {
                    k += 1;
                } else if v.has(k, flag::EN_TITLE) && !v.has(k, flag::SURNAME) {
                    titled = true;
                    k += 1;
                } else if v.has(k, flag::EN_FIELD) && k + 1 < end {
                    k += 1;
                } else if k == start && k + 1 < end && matches!(s.low(k), "ông" | "bà" | "chị") {
                    // `Ông` capitalised inside a sentence, without a break before it.
                    k += 1;
                } else if v.has(k, flag::FUNCTION | flag::CALENDAR) && k == start {
                    k += 1;
                } else if end - k >= 3 && (is_acronym(s.word(k)) || is_brand(s.word(k))) {
                    // `Chủ tịch HĐQT Trần Đình Long`, `Bộ trưởng GD-ĐT Nguyễn Kim Sơn`
                    k += 1;
                } else {
                    break;
                }
            }
            if k < end && v.has(k, flag::EN_THING_PREFIX) && !titled {
                return Judged::Nothing;
            }
            // `Hanoi People's Committee Tran Sy Thanh`: the body ends at its last head word
            // (never the first word: `Park Hang-seo` is a name).
            if let Some(last) = (k + 1..end)
                .rev()
                .find(|&x| v.has(x, flag::EN_THING) || business_word(s.low(x)))
            {
                k = last + 1;
            }
            // `Học viện Múa Việt Nam Trần Văn Hải`: a place of two words or more inside the run
            // ends a body's name, unless the run is a Vietnamese name (`Nguyễn Hòa Bình`).
            if k < end && !self.surname_at(v, k) {
                let mut x = k + 1;
                while x < end {
                    match v.at(Kind::Place, x).filter(|&l| l >= 2 && x + l <= end) {
                        Some(l) => {
                            k = x + l;
                            x = k + 1;
                        }
                        None => x += 1,
                    }
                }
            }
        }
        if k >= end {
            return if titled && !cued {
                Judged::TitleOnly
            } else {
                Judged::Nothing
            };
        }
        let nwords = end - k;
        if nwords > 5 || (k..end).all(|x| is_acronym(s.word(x))) {
            return Judged::Nothing;
        }
        // An anonymised or cut name (`Nguyễn Văn H.`, `Lê Thị`, `cháu M.`) names nobody for sure.
        let last = s.low(end - 1);
        // (`Nguyễn Sơn Văn` is whole: `văn` is cut only after the surname.)
        if is_initial(s.word(end - 1))
            || is_initial(s.word(k))
            || (nwords == 2 && matches!(last, "thị" | "văn"))
        {
            return Judged::Nothing;
        }
        if (k..end).any(|x| v.has(x, flag::CALENDAR)) && !titled {
            return Judged::Nothing;
        }
        let mut name = name_of(s, k, end);
        if let Some(p) = possessive(&name).or_else(|| glued_word(&name)) {
            match &mut name {
                Cow::Borrowed(b) => *b = &b[..p],
                Cow::Owned(o) => o.truncate(p),
            }
        }
        if name.is_empty()
            || v.at(Kind::Place, k) == Some(nwords)
            || (nwords == 1 && name.chars().count() < 2)
        {
            return Judged::Nothing;
        }
        let strength = if titled {
            Strength::Cued
        } else if nwords >= 2
            && !(k == 0 && end == s.len())
            && !(k > 0 && matches!(s.low(k - 1), "ảnh" | "nguồn" | "photo" | "clip" | "video"))
            && self.known.may_spell(s.low(k), s.low(end - 1))
            && self.known.lookup(&name).is_some()
        {
            // A name that is its whole line (a byline: `Lệ Thu` signing a report) or a photo
            // credit (`Ảnh: Lệ Thu`) is left to the judge, whatever famous person shares it.
            Strength::Known
        } else if vietnamese_shape(v, k, end) && shape_evidence(v, end) {
            Strength::Shape
        } else if nwords >= 2 && s.toks[k].first && !self.surname_at(v, k) {
            // `Theo Nguyễn Văn An`: try without the sentence's first word (not a surname:
            // `Châu Như Quỳnh` alone on a byline line is whole).
            if let Judged::Name(c) = self.classify(v, k + 1, end, false, false) {
                if c.strength > Strength::Weak {
                    return Judged::Name(c);
                }
            }
            Strength::Weak
        } else {
            Strength::Weak
        };
        if strength == Strength::Weak && nwords == 1 && s.toks[k].first && self.vietnamese_sentence {
            // A capitalised first word of a Vietnamese sentence is ordinary text.
            return Judged::Nothing;
        }
        Judged::Name(Cand {
            name,
            words: nwords,
            strength,
            sentence_start: s.toks[k].first,
            span: (k, end),
            score: 0.0,
        })
    }
}

/// Where a word glued to a name's end starts, when the text lost a space (`Nguyễn Phú
/// Trọngmong`, `Trần Văn Thuầnvà`, `Bùi Xuân Khuđược`): the byte offset to cut at.
fn glued_word(name: &str) -> Option<usize> {
    const GLUED: [&str; 14] = [
        "và", "mà", "mong", "trong", "được", "cho", "thì", "là", "có", "đã", "sẽ", "với", "về", "đề",
    ];
    let last_start = name.rfind(' ')? + 1;
    let last = &name[last_start..];
    if last.chars().next().is_none_or(|c| !c.is_uppercase()) {
        return None;
    }
    GLUED.iter().find_map(|g| {
        let head = last.strip_suffix(g)?;
        // A Vietnamese syllable before it (marks on one side: `Trọng|mong`, never `Arms|trong`
        // or `Pan|cho`), two letters at least.
        let marked = crate::text::has_marks(head) || crate::text::has_marks(g);
        (head.chars().count() >= 2 && marked).then(|| last_start + head.len())
    })
}

/// English words that end the name of a business or a field (`Hexagon Design`, `Sun Property`,
/// `Bannockburn Global Forex`), as the English head words do; kept out of the lexicon's flags,
/// which the learned model reads.
fn business_word(low: &str) -> bool {
    matches!(
        low,
        "design"
            | "property"
            | "properties"
            | "trust"
            | "forex"
            | "engineering"
            | "series"
            | "coffee"
            | "marketing"
            | "capital"
            | "partners"
            | "ventures"
            | "consulting"
            | "solutions"
            | "studio"
            | "studios"
            | "labs"
            | "software"
            | "energy"
            | "foods"
            | "pharma"
            | "securities"
            | "insurance"
            | "investment"
            | "investments"
            | "logistics"
            | "realty"
            | "retail"
            | "industries"
            | "electronics"
            | "entertainment"
            | "restaurant"
            | "apartments"
            | "residences"
    )
}
