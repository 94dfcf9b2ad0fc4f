//! Team line-ups: a line that lists a side's players after its name (`Arsenal (4-3-3): Leno;
//! Bellerin, Gabriel, Tierney; Partey (Willian 70), ...`, `Dự bị: ...`). Every name in such a
//! list is a player, a bare surname or given name included (`Kante`, `Văn Toàn`), which no cue
//! says elsewhere in the line.

use super::*;

/// The fewest names a list needs to be a side (a bench may be short, a side has eleven).
const FEWEST_NAMES: usize = 7;
/// The fewest names a list under a bare team name needs (no formation, no line-up word).
const FEWEST_UNMARKED: usize = 9;

impl<'a> Finder<'_, 'a> {
    /// Reads the sentence as a line-up when it is one, taking each name of the list; `false`
    /// when it is no line-up (it is then read as any other sentence).
    pub(super) fn lineup(&mut self, v: &View<'_, 'a>) -> bool {
        let s = v.s;
        let Some(from) = list_start(v) else {
            return false;
        };
        let items = items(v, from);
        let names = items.iter().filter(|i| matches!(i, Item::Name(..))).count();
        let others = items.len() - names;
        let marked = (0..from).any(|i| formation(s.word(i)) || lineup_words(s.low(i), s.low(i + 1)));
        let fewest = if marked { FEWEST_NAMES } else { FEWEST_UNMARKED };
        // Places listed (`Miền Bắc: Hà Giang, Cao Bằng, ...`) are no side.
        let places = items
            .iter()
            .filter(|i| matches!(i, Item::Name(a, b) if v.at(Kind::Place, *a) == Some(b - a)))
            .count();
        if names < fewest || others * 5 > items.len() || places * 3 > names {
            return false;
        }
        for item in items {
            if let Item::Name(k, end) = item {
                let name = name_of(s, k, end);
                // A player named by one word (`Kante`, `Diop`) is a person as a learned one-word
                // name is, whatever its shape; a Vietnamese given name alone stays to resolve.
                let strength = if end - k == 1 && name.is_ascii() && name.len() >= 4 {
                    Strength::Learned
                } else {
                    Strength::Cued
                };
                self.cands.push(Cand {
                    name,
                    words: end - k,
                    strength,
                    sentence_start: false,
                    span: (k, end),
                    score: 0.0,
                });
            }
        }
        true
    }
}

/// One piece of a list between its separators.
enum Item {
    /// The words `k..end` of the sentence, a name by their shape.
    Name(usize, usize),
    /// Anything else (`thủ môn`, a word in lower case).
    Other,
}

/// Where the list of a line-up starts: after a short head (a team name, perhaps with its
/// formation, or a line-up word) ending in a colon, or after a formation (`Aston Villa
/// (4-2-3-1) Martinez; ...`).
fn list_start(v: &View) -> Option<usize> {
    let s = v.s;
    // The head ends at the first punctuation, within six words: a colon, or a formation's bracket.
    let head_end = (0..s.len().min(7)).find(|&i| s.toks[i].trail != Trail::None)?;
    let after = &s.text[s.toks[head_end].range().end..];
    let colon = after.starts_with(':') || after.starts_with("):");
    if s.toks[head_end].trail != Trail::Stop || !(colon || formation(s.word(head_end))) {
        return None;
    }
    let mut from = head_end + 1;
    // `Man City: (4-3-3) Ederson; ...`: the formation after the colon.
    if from < s.len() && formation(s.word(from)) {
        from += 1;
    }
    // The head is a name (every word capitalised: `Manchester United`, `CLB Hà Nội`, `SL Nghệ
    // An`), perhaps with its formation, or a line-up word (`Dự bị`, `Đội hình xuất phát`).
    let head_ok = (0..=head_end).all(|i| s.toks[i].cap || formation(s.word(i)) || v.has(i, flag::PARTICLE))
        || (0..head_end).any(|i| lineup_words(s.low(i), s.low(i + 1)));
    (head_ok && from < s.len()).then_some(from)
}

/// The pieces of the list from token `from`: split at commas, semicolons, colons and brackets,
/// with the numbers in it (shirt numbers, ratings, minutes: `Foyth 7.5 (Gaspar 70, 6)`) left out.
/// Lines of one paragraph are joined: the next side's head is glued to the last player
/// (`..., Rimario CLB Thanh Hóa: Thanh Diệp, ...`), and cut off him.
fn items(v: &View, from: usize) -> Vec<Item> {
    let s = v.s;
    let mut out = Vec::new();
    let mut k = from;
    while k < s.len() {
        let mut end = k;
        loop {
            end += 1;
            if end >= s.len() || s.toks[end - 1].trail != Trail::None || s.toks[end].open.is_some() {
                break;
            }
        }
        let mut words: Vec<usize> = (k..end)
            .filter(|&w| !number(s.word(w)) && !formation(s.word(w)))
            .collect();
        let head = s.text[s.toks[end - 1].range().end..].starts_with(':')
            || (end < s.len() && formation(s.word(end)));
        // After a bracket closing the last line (`Werner (Abraham) West Ham United (3-4-1-2):`)
        // the head stands alone.
        let after_bracket = k > 0 && s.text[s.toks[k - 1].range().end..].starts_with(')');
        if head && words.len() >= 2 && !after_bracket {
            // The player is the first word, or all before the team's acronym or place.
            let (a, b) = (words[0], words[words.len() - 1] + 1);
            let cut = (a + 1..b)
                .find(|&p| is_acronym(s.word(p)) || v.at(Kind::Place, p) == Some(b - p))
                .unwrap_or(a + 1);
            words.retain(|&w| w < cut);
        } else if head {
            words.clear();
        }
        if let (Some(&a), Some(&b)) = (words.first(), words.last()) {
            let contiguous = b + 1 - a == words.len();
            // Four words only for a Vietnamese name (`Raul Albiol Alberto Moreno` lost a comma).
            let name = contiguous
                && (words.len() <= 3 || (words.len() == 4 && v.has(a, flag::SURNAME)))
                && s.toks[a].cap
                && s.toks[b].cap
                && words
                    .iter()
                    .all(|&w| (s.toks[w].cap && namey(s.word(w))) || v.has(w, flag::PARTICLE));
            out.push(if name { Item::Name(a, b + 1) } else { Item::Other });
        }
        k = end;
    }
    out
}

/// A team's formation: `4-3-3`, `3-4-2-1`.
fn formation(w: &str) -> bool {
    let parts: Vec<&str> = w.split('-').collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Words that name a line-up: `Dự bị`, `Đội hình`.
fn lineup_words(a: &str, b: &str) -> bool {
    matches!((a, b), ("dự", "bị") | ("đội", "hình"))
}

/// A number in a list: a shirt number, a rating, a minute (`7.5`, `46'`, `90+5`).
fn number(w: &str) -> bool {
    w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && w.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'+' | b'\''))
}
