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
    let mut out = String::new();
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    // SAFETY: `fold_bytes_into` appends only whole UTF-8 encodings of chars (ASCII bytes, or
    // `char::encode_utf8`), so `out` stays valid UTF-8.
    fold_bytes_into(s, unsafe { out.as_mut_vec() });
}

/// [`fold`], appended to `out` as UTF-8 bytes. Searching a phrase folds whole article texts,
/// so this keeps off the per-char path for what most text is made of: ASCII is lowered eight
/// bytes at a time up to the next non-ASCII byte, and a two-byte char or one of Latin Extended
/// Additional (every Vietnamese letter) that folds to ASCII is one read of a table. Anything
/// else takes [`fold_char`]. About five times faster than folding char by char.
fn fold_bytes_into(s: &str, out: &mut Vec<u8>) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let t = ascii_folds();
    out.reserve(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let mut a = [0u8; 8];
            a.copy_from_slice(chunk);
            let w = u64::from_le_bytes(a);
            // The ASCII bytes before the first non-ASCII one (all eight if none).
            let ascii = ((w & HIGH).trailing_zeros() / 8) as usize;
            if ascii > 0 {
                // Per byte (all below 0x80 where it counts): high bit set when >= 'A', and
                // when > 'Z'; an upper-case letter gets 0x20 added.
                // Sums past the first non-ASCII byte may carry out of the word: they wrap,
                // and those bytes are not used.
                let ge_a = w.wrapping_add(ONES * (0x80 - b'A' as u64));
                let gt_z = w.wrapping_add(ONES * (0x7F - b'Z' as u64));
                let upper = ge_a & !gt_z & HIGH;
                let lowered = (w | (upper >> 2)).to_le_bytes();
                // All eight go in (one store, where a copy of `ascii` bytes is a call), and
                // what is not ASCII is taken off again.
                out.extend_from_slice(&lowered);
                out.truncate(out.len() - (8 - ascii));
                i += ascii;
                continue;
            }
        }
        let x = b[i];
        if x < 0x80 {
            out.push(x.to_ascii_lowercase());
            i += 1;
            continue;
        }
        // Valid UTF-8: a lead byte below 0xE0 has one continuation byte, 0xE1 two.
        let next = |k: usize| b.get(i + k).map_or(0, |y| (y & 0x3F) as usize);
        let quick = match x {
            0xC0..=0xDF => (t[(x as usize & 0x1F) << 6 | next(1)], 2),
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => {
                (t[0x800 + ((next(1) - 0x38) << 6 | next(2))], 3)
            }
            _ => (0, 0),
        };
        if quick.0 != 0 {
            out.push(quick.0);
            i += quick.1;
        } else {
            let (c, len) = super::chars::decode_at(b, i);
            let mut buf = [0u8; 4];
            out.extend_from_slice(fold_char(c).encode_utf8(&mut buf).as_bytes());
            i += len;
        }
    }
}

/// For every char below U+0800 and of U+1E00–U+1EFF (in that order): its fold when that is
/// ASCII, else 0.
fn ascii_folds() -> &'static [u8; 0x900] {
    static TABLE: std::sync::OnceLock<[u8; 0x900]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; 0x900];
        for (k, cp) in (0..0x800u32).chain(0x1E00..0x1F00).enumerate() {
            if let Some(f) = char::from_u32(cp).map(fold_char).filter(char::is_ascii) {
                t[k] = f as u8;
            }
        }
        t
    })
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
/// `oa`, `oe`, `uy` pairs onto the first vowel. Used for "typed with diacritics" matching, on
/// whole article texts when a query has marks: a char's base and tone come from a table, not
/// from a decomposition per char.
pub fn tone_key(s: &str) -> String {
    let chars: Vec<char> = s.chars().map(lower_one).collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let a = chars[i];
        // A pair starts with `o` or `u`, toneless: most chars are ruled out by one test.
        if let (Some(&b), 'o' | 'u') = (chars.get(i + 1), a) {
            let ((ba, ta), (bb, tb)) = (split_tone(a), split_tone(b));
            let pair = matches!((ba, bb), ('o', 'a') | ('o', 'e') | ('u', 'y'));
            // Only for the open-syllable case: the pair ends the word.
            if pair && ta.is_none() && tb.is_some() && chars.get(i + 2).is_none_or(|c| !c.is_alphabetic()) {
                // The char after a moved pair is not a letter, so pairs never overlap.
                out.push(with_tone(ba, tb));
                out.push(bb);
                i += 2;
                continue;
            }
        }
        out.push(a);
        i += 1;
    }
    out
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A char's base (the char itself unless it is a base letter plus one tone mark) and its tone
/// mark, if any: from a table for ASCII, Latin-1 to Latin Extended-B and Latin Extended
/// Additional (every Vietnamese letter), by decomposition for the rest.
fn split_tone(c: char) -> (char, Option<char>) {
    let cp = c as u32;
    let k = match cp {
        0..0x250 => cp as usize,
        0x1E00..0x1F00 => (cp - 0x1E00) as usize + 0x250,
        _ => return split_tone_slow(c),
    };
    let (base, tone) = tone_table()[k];
    (base, (tone > 0).then(|| TONES[tone as usize - 1]))
}

/// [`split_tone`] for the chars of its table: base, and the tone's place in [`TONES`] plus one.
fn tone_table() -> &'static [(char, u8)] {
    static TABLE: std::sync::OnceLock<Vec<(char, u8)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x250u32)
            .chain(0x1E00..0x1F00)
            .map(|cp| {
                let c = char::from_u32(cp).unwrap_or(' ');
                let (base, tone) = split_tone_slow(c);
                let k = tone.and_then(|t| TONES.iter().position(|&x| x == t));
                (base, k.map_or(0, |k| k as u8 + 1))
            })
            .collect()
    })
}

fn split_tone_slow(c: char) -> (char, Option<char>) {
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
    fn folding_in_bulk_equals_folding_each_char() {
        let samples = [
            "",
            "a",
            "Bộ trưởng Quốc phòng Hoa Kỳ PETE HEGSETH, ngày 4/11",
            "ĐẠI HỘI ĐẢNG 2026 — «Ω» İstanbul ß ǅ 𝔘 end",
            "ends in a mark ế",
            "\u{300}combining first, then Ascii",
        ];
        for s in samples {
            let each: String = s.chars().map(fold_char).collect();
            assert_eq!(fold(s), each, "{s:?}");
            let mut appended = String::from("KEPT ");
            fold_into(s, &mut appended);
            assert_eq!(appended, format!("KEPT {each}"));
        }
        // Every char of the planes that hold letters, one per string and all in one.
        let all: String = (0..0x3_0000u32).filter_map(char::from_u32).collect();
        assert_eq!(fold(&all), all.chars().map(fold_char).collect::<String>());
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

    /// `tone_key` as first written: every char decomposed, the pairs moved in a copy.
    fn tone_key_reference(s: &str) -> String {
        let lowered = lower(s);
        let chars: Vec<char> = lowered.chars().collect();
        let mut out: Vec<char> = chars.clone();
        for i in 0..chars.len().saturating_sub(1) {
            let (a, b) = (chars[i], chars[i + 1]);
            let (ba, ta) = split_tone_slow(a);
            let (bb, tb) = split_tone_slow(b);
            let pair = matches!((ba, bb), ('o', 'a') | ('o', 'e') | ('u', 'y'));
            let ends_word = chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
            if pair && ends_word && ta.is_none() && tb.is_some() {
                out[i] = with_tone(ba, tb);
                out[i + 1] = bb;
            }
        }
        out.into_iter().collect()
    }

    #[test]
    fn tone_key_equals_its_reference() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(split_tone(c), split_tone_slow(c), "{c:?}");
        }
        let vowels = [
            "o", "a", "e", "u", "y", "ò", "à", "ó", "á", "ỏ", "ả", "õ", "ã", "ọ", "ạ", "è", "é", "ỳ", "ý",
            "ỷ", "ỹ", "ỵ", "Ò", "À", "Ý", " ", "n", "-",
        ];
        // Every string of one to three of these: pairs at the start, the end, side by side.
        let mut all: Vec<String> = Vec::new();
        let mut last = vec![String::new()];
        for _ in 0..3 {
            last = last
                .iter()
                .flat_map(|s| vowels.iter().map(move |v| format!("{s}{v}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        for s in all
            .iter()
            .chain(&["Hoà Bình, thuỷ điện Hoà Bình; HOÀ, hoè, khoẻ, tuỳ ý".to_string()])
        {
            assert_eq!(tone_key(s), tone_key_reference(s), "{s:?}");
        }
    }

    #[test]
    fn a_marked_or_cased_form_folds_to_the_plain_one() {
        // What lets the matcher check marks and case only where the folded term is found.
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(fold(&tone_key(&s)), fold(&s), "{c:?}");
            assert_eq!(fold(&strip_marks(&s)), fold(&s), "{c:?}");
        }
        for s in ["hoà", "Thuỷ", "khoẻ", "tuỳ"] {
            assert_eq!(fold(&tone_key(s)), fold(s));
        }
    }

    #[test]
    fn old_and_new_tone_placement_match() {
        assert_eq!(tone_key("hoà"), tone_key("hòa"));
        assert_eq!(tone_key("Thuỷ"), tone_key("thủy"));
        assert_ne!(tone_key("hòa"), tone_key("hoa"));
    }
}
