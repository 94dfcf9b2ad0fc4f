//! Cues before a name: titles, roles, pronouns and honorifics, and the grammar between a title
//! and the name it introduces (bodies, fields, places and kinds of place).

use super::*;

impl<'a> Finder<'_, 'a> {
    /// A title, role or cue at token `i`: its length and kind.
    pub(super) fn cue_at(&self, v: &View, i: usize) -> Option<(usize, Cue)> {
        let s = v.s;
        let t = &s.toks[i];
        // Modifiers before a title (`cựu Thủ tướng`, `former Prime Minister`) are skipped.
        let mut j = i;
        if v.has(i, flag::MODIFIER) && i + 1 < s.len() && s.joined(i) {
            j = i + 1;
        }
        if let Some(len) = v.at(Kind::Title, j) {
            return Some((j - i + len, Cue::Title));
        }
        if j > i {
            return None;
        }
        // Pronouns are cues in lower case or at a sentence start; `Ông`, `Bà` anywhere unless a
        // place starts there (`Bà Rịa`), but a capitalised `Anh` mid-sentence is Britain.
        if v.has(i, flag::PRONOUN) && t.trail == Trail::None {
            let after_break = t.open.is_some() || (i > 0 && s.toks[i - 1].trail != Trail::None);
            let cap_ok = t.first
                || (after_break
                    && !matches!(s.low(i), "anh" | "em" | "cô")
                    && v.at(Kind::Place, i).is_none());
            if !t.cap || cap_ok {
                return Some((1, Cue::Pronoun));
            }
        }
        if t.cap && v.has(i, flag::HONORIFIC) {
            return Some((1, Cue::Pronoun));
        }
        // English role words in lower case (`leader`, `spokeswoman`, `defense minister`).
        let role = |k: usize| !s.toks[k].cap && v.has(k, flag::EN_TITLE | flag::EN_FIELD);
        if role(i) {
            let mut k = i;
            while s.toks[k].trail == Trail::None && k + 1 < s.len() && role(k + 1) {
                k += 1;
            }
            if !v.has(k, flag::EN_TITLE) {
                return None;
            }
            return match s.toks[k].trail {
                Trail::None => Some((k - i + 1, Cue::Title)),
                Trail::Comma => Some((k - i + 1, Cue::Apposition)),
                Trail::Stop => None,
            };
        }
        None
    }

    /// The name after a cue whose last word is at `j - 1`; returns the candidate and where to
    /// go on.
    #[allow(clippy::too_many_lines)] // one cue grammar read left to right (title, body, fields, places, the name); rewritten with the persons work of issue 14
    pub(super) fn after_cue(&self, v: &View<'_, 'a>, mut j: usize, cue: Cue) -> (Option<Cand<'a>>, usize) {
        let s = v.s;
        let n = s.len();
        if j == 0 || j >= n {
            return (None, j);
        }
        if cue == Cue::Apposition {
            if s.toks[j - 1].trail != Trail::Comma {
                return (None, j);
            }
        } else if !s.joined(j - 1) {
            return (None, j);
        }
        if cue == Cue::Pronoun {
            if !(s.toks[j].cap && namey(s.word(j))) {
                return (None, j);
            }
            let end = self.run_end(v, j);
            return (self.classify(v, j, end, true, false).name(), end);
        }
        // Skip what stands between a title and the name: bodies, fields, places, kinds of place.
        let mut in_body = false;
        let mut own_name = false;
        let mut field = false;
        // The own name expected is a place's (`huyện Hậu Lộc`), not a body's.
        let mut own_place = false;
        // A body's name is still being written (no place has closed it).
        let mut body_open = false;
        // The kind of place is a province or city (`UBND tỉnh`), which the gazetteer lists all of.
        let mut province = false;
        let first = j;
        loop {
            if j >= n || (j > first && !s.joined(j - 1)) {
                return (None, j);
            }
            if let Some(len) = v.at(Kind::Title, j) {
                j += len;
                continue;
            }
            if let Some(len) = v.at(Kind::Place, j) {
                // A place names the body or thing before it (`Sở Xây dựng Hà Nội`, `TP Hà Nội`).
                j += len;
                own_name = false;
                own_place = false;
                body_open = false;
                continue;
            }
            if let Some(len) = v.at(Kind::PlaceKind, j) {
                if j + len < n && s.joined(j + len - 1) {
                    // `UBND huyện Hậu Lộc`: a Vietnamese name after a kind of place is the
                    // place's own name (a foreign one may be the person: `Thống đốc tỉnh Denny
                    // Tamaki`).
                    let vn_kind = !matches!(s.low(j), "tại" | "ở" | "of" | "the");
                    own_name = vn_kind && s.toks[j + len].cap && !s.word(j + len).is_ascii();
                    own_place = own_name;
                    province = matches!(s.low(j), "tỉnh" | "tp" | "thành");
                    j += len;
                    continue;
                }
                return (None, j + len);
            }
            if let Some(len) = v
                .at(Kind::NamedBody, j)
                .or_else(|| self.thing_at(v, j, j == first))
            {
                j += len;
                own_name = true;
                in_body = true;
                body_open = true;
                continue;
            }
            if let Some(len) = v.at(Kind::Body, j) {
                j += len;
                in_body = true;
                body_open = true;
                continue;
            }
            if let Some(len) = v.at(Kind::Field, j) {
                j += len;
                field = true;
                continue;
            }
            if is_acronym(s.word(j)) && j + 1 < n && s.joined(j) && s.toks[j + 1].cap {
                // `Chủ tịch HĐQT Eximbank`, `Bộ trưởng GD-ĐT Nguyễn Kim Sơn`: a body's acronym.
                j += 1;
                in_body = true;
                continue;
            }
            if (in_body || field) && matches!(s.low(j), "và" | ",") && j + 1 < n && s.toks[j + 1].cap {
                j += 1;
                continue;
            }
            if !s.toks[j].cap || !namey(s.word(j)) {
                return (None, j);
            }
            let end = self.run_end(v, j);
            if own_name {
                // The body's or place's own name (`Công ty ... Lạc Hồng`, `huyện Hậu Lộc`); a
                // Vietnamese name may follow in the same run (`huyện Hậu Lộc Nguyễn Văn An`).
                // `Chủ tịch UBND tỉnh Phạm Thiện Nghĩa`: no province the gazetteer knows, but a
                // Vietnamese full name: the province is left unsaid.
                if own_place && province && end >= j + 3 && self.surname_at(v, j) {
                    return (self.classify(v, j, end, true, false).name(), end);
                }
                if own_place {
                    if let Some(p) =
                        (j + 2..end.saturating_sub(1)).find(|&p| p <= j + 3 && self.surname_at(v, p))
                    {
                        return (self.classify(v, p, end, true, false).name(), end);
                    }
                }
                own_name = false;
                own_place = false;
                j = end;
                continue;
            }
            if body_open
                && end == j + 1
                && end < n
                && s.joined(j)
                && !s.toks[end].cap
                && s.toks[end].open.is_none()
            {
                // `Đảng Dân chủ`, `Trung tâm Phục vụ hành chính`: still the body's name.
                return (None, end);
            }
            return (self.classify(v, j, end, true, true).name(), end);
        }
    }
}
