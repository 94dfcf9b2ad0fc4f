//! Diacritic folding for search: `Bộ trưởng` → `bo truong`, `Đặng` → `dang`.
//!
//! Folding maps one character to exactly one character, so a match position found in folded text
//! is also a position in the original (NFC) text; highlighting relies on this.

use unicode_normalization::char::decompose_canonical;

/// Folds one character: strips Vietnamese (and other Latin) marks, maps `đ`/`Đ` to `d`, lowercases.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let cp = c as u32;
    if (0xC0..0x250).contains(&cp) {
        return table()[(cp - 0xC0) as usize];
    }
    if (0x1E00..0x1F00).contains(&cp) {
        return table()[(cp - 0x1E00) as usize + (0x250 - 0xC0)];
    }
    fold_slow(c)
}

/// Folds of Latin-1 to Latin Extended-B and Latin Extended Additional (all Vietnamese letters),
/// computed once.
fn table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0xC0..0x250u32)
            .chain(0x1E00..0x1F00)
            .map(|cp| char::from_u32(cp).map_or(' ', fold_slow))
            .collect()
    })
}

fn fold_slow(c: char) -> char {
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => return 'd',
        _ => {}
    }
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    lower_one(base)
}

/// Lowercases a character only when its lowercase form is a single character.
#[inline]
fn lower_one(c: char) -> char {
    super::chars::lower(c)
}

/// Folds a whole string (see [`fold_char`]); the result has exactly as many chars as the input.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Lowercases without folding marks, with the same one-to-one guarantee as [`fold`].
pub fn lower(s: &str) -> String {
    s.chars().map(lower_one).collect()
}

/// True when the text carries any mark that folding would remove (so the user typed diacritics).
pub fn has_marks(s: &str) -> bool {
    s.chars().any(|c| !c.is_ascii() && fold_char(c) != lower_one(c))
}

/// Normalises the placement of tone marks so the old (`hoà`) and new (`hòa`) styles compare equal:
/// folds every character to its lowercase NFC form and, inside a word, moves a tone mark from
/// `oa`, `oe`, `uy` pairs onto the first vowel. Used for "typed with diacritics" matching.
pub fn tone_key(s: &str) -> String {
    let lowered = lower(s);
    let chars: Vec<char> = lowered.chars().collect();
    let mut out: Vec<char> = chars.clone();
    for i in 0..chars.len().saturating_sub(1) {
        let (a, b) = (chars[i], chars[i + 1]);
        let (ba, ta) = split_tone(a);
        let (bb, tb) = split_tone(b);
        let pair = matches!((ba, bb), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        // Only for the open-syllable case: the pair ends the word.
        let ends_word = chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
        if pair && ends_word && ta.is_none() && tb.is_some() {
            out[i] = with_tone(ba, tb);
            out[i + 1] = bb;
        }
    }
    out.into_iter().collect()
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn split_tone(c: char) -> (char, Option<char>) {
    let mut parts = Vec::with_capacity(3);
    unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
    let tone = parts.iter().copied().find(|d| TONES.contains(d));
    if tone.is_none() || parts.len() != 2 {
        return (c, tone);
    }
    (parts[0], tone)
}

fn with_tone(base: char, tone: Option<char>) -> char {
    match tone {
        Some(t) => unicode_normalization::char::compose(base, t).unwrap_or(base),
        None => base,
    }
}

/// Strips marks but keeps case: `Bộ` → `Bo`. One char per char, like [`fold`].
pub fn strip_marks(s: &str) -> String {
    s.chars()
        .map(|c| {
            let f = fold_char(c);
            if c.is_uppercase() {
                let mut u = f.to_uppercase();
                match (u.next(), u.next()) {
                    (Some(x), None) => x,
                    _ => f,
                }
            } else {
                f
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Bộ trưởng Quốc phòng"), "bo truong quoc phong");
        assert_eq!(fold("Đặng"), "dang");
        assert_eq!(fold("HÒA BÌNH"), "hoa binh");
        assert_eq!(fold("Nguyễn Ánh Ơ Ư"), "nguyen anh o u");
    }

    #[test]
    fn one_char_per_char() {
        let s = "Thủ tướng Nguyễn Văn An — İstanbul ß";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }

    #[test]
    fn detects_marks() {
        assert!(has_marks("trưởng"));
        assert!(has_marks("đi"));
        assert!(!has_marks("truong"));
        assert!(!has_marks("Truong"));
    }

    #[test]
    fn old_and_new_tone_placement_match() {
        assert_eq!(tone_key("hoà"), tone_key("hòa"));
        assert_eq!(tone_key("Thuỷ"), tone_key("thủy"));
        assert_ne!(tone_key("hòa"), tone_key("hoa"));
    }
}
