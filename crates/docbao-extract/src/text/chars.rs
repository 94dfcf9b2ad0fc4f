//! Character classes and case mapping, quick for the letters of Vietnamese text.
//!
//! The standard library's `char::is_alphabetic`, `is_uppercase` and `to_lowercase` search
//! Unicode tables for every character past ASCII; every Vietnamese letter is in Latin-1,
//! Latin Extended-A/B or Latin Extended Additional, where plain ranges answer. Each function
//! agrees with the standard library on every character (see the tests).

/// `c.is_uppercase()`.
#[inline]
pub fn is_upper(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A => true,
        0..=0x7F => false,
        // Latin-1 capitals (À–Þ but ×), and their small letters.
        0xC0..=0xDE => c != '×',
        0xDF..=0xFF => false,
        // Latin Extended-A and Vietnamese Ơ Ư: capitals are the even code points.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => (c as u32).is_multiple_of(2),
        0x1A0 | 0x1AF => true,
        0x1A1 | 0x1B0 => false,
        // Latin Extended Additional (Ạ ạ Ả ả ... Ỹ ỹ): capitals are even.
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => (c as u32).is_multiple_of(2),
        _ => c.is_uppercase(),
    }
}

/// `c.to_lowercase()` when that is one character, else `c`.
#[inline]
pub fn lower(c: char) -> char {
    let u = c as u32;
    let quick = match u {
        0x41..=0x5A => u + 0x20,
        0..=0x7F => u,
        // Latin-1 punctuation and signs, `ª`, `µ`, `º`: no case.
        0x80..=0xBF => u,
        0xC0..=0xDE if c != '×' => u + 0x20,
        0xD7..=0xFF => u,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => u | 1,
        0x1A0 | 0x1AF => u + 1,
        0x1A1 | 0x1B0 => u,
        // Combining marks (text not yet composed).
        0x300..=0x36F => u,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => u | 1,
        _ => return lower_slow(c),
    };
    // Every value above is a valid scalar value (no surrogates in these ranges).
    char::from_u32(quick).unwrap_or(c)
}

#[cold]
fn lower_slow(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// `c.is_alphabetic()`.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F => false,
        0xC0..=0x24F => c != '×' && c != '÷',
        0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F => false,
        0xC0..=0x24F => c != '×' && c != '÷',
        0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// `c.is_whitespace()`.
#[inline]
pub fn is_whitespace(c: char) -> bool {
    match c as u32 {
        0x09..=0x0D | 0x20 => true,
        0..=0x84 => false,
        0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 => true,
        _ => false,
    }
}

/// Whether `hay` contains `needle`, with a searcher built once per call site (building one
/// costs more than searching a sentence): `contains!(text.as_bytes(), "…")`.
#[macro_export]
macro_rules! contains {
    ($hay:expr, $needle:expr) => {{
        static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
        FINDER
            .get_or_init(|| memchr::memmem::Finder::new($needle))
            .find($hay)
            .is_some()
    }};
}

/// The index of the first byte at or after `from` for which `maybe` holds. Runs of 32 bytes
/// without one are passed over a whole run at a time (the test compiles to vector compares),
/// so `maybe` should be cheap, without branches, and rare in text.
#[inline]
pub fn find_byte(b: &[u8], from: usize, maybe: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from;
    while let Some(Ok(chunk)) = b.get(i..i + 32).map(<&[u8; 32]>::try_from) {
        let mut any = 0u8;
        for &x in chunk {
            any |= maybe(x) as u8;
        }
        if any != 0 {
            break;
        }
        i += 32;
    }
    b.get(i..)?.iter().position(|&x| maybe(x)).map(|p| i + p)
}

/// The character starting at byte `i` of valid UTF-8 text, and its length in bytes. `i` must be
/// on a character boundary below `b.len()`.
#[inline]
pub fn decode_at(b: &[u8], i: usize) -> (char, usize) {
    let c0 = b[i] as u32;
    if c0 < 0x80 {
        return (c0 as u8 as char, 1);
    }
    let cont = |k: usize| b.get(i + k).map_or(0, |x| *x as u32 & 0x3F);
    let (u, len) = if c0 < 0xE0 {
        ((c0 & 0x1F) << 6 | cont(1), 2)
    } else if c0 < 0xF0 {
        ((c0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        ((c0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    };
    (char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER), len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_the_standard_library_on_every_char() {
        for c in char::MIN..=char::MAX {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
            let mut l = c.to_lowercase();
            let want = match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => c,
            };
            assert_eq!(lower(c), want, "{c:?}");
        }
    }

    #[test]
    fn finds_bytes_past_whole_runs() {
        let mut b = vec![b'a'; 200];
        for at in [0, 31, 32, 33, 63, 64, 100, 199] {
            b[at] = b'.';
            for from in [0, 1, 31, 32, 40, 150] {
                let want = (from..b.len()).find(|&i| b[i] == b'.');
                assert_eq!(find_byte(&b, from, |x| x == b'.'), want, "{at} {from}");
            }
            b[at] = b'a';
        }
        assert_eq!(find_byte(&b, 0, |x| x == b'.'), None);
        assert_eq!(find_byte(&b, 500, |x| x == b'a'), None);
    }

    #[test]
    fn decodes_every_char() {
        for c in char::MIN..=char::MAX {
            let mut buf = [0u8; 6];
            let n = c.encode_utf8(&mut buf[1..5]).len();
            assert_eq!(decode_at(&buf, 1), (c, n), "{c:?}");
        }
    }

    #[test]
    fn lowering_keeps_words_words() {
        // Lowering a text word by word equals splitting the lowered text into words.
        for c in char::MIN..=char::MAX {
            assert_eq!(is_alphanumeric(lower(c)), is_alphanumeric(c), "{c:?}");
        }
    }
}
