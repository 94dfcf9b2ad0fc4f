//! Comparing spellings of personal names.
//!
//! Two spellings are taken for one name when they share a *variant key*: the words lowercased,
//! hyphens dropped (`Gyu-back` = `Gyu Back`), common romanisation variants of words written
//! without Vietnamese marks evened out (`-baek` = `-back`, `seop` = `sup`, `ō` = `o`), and the
//! words concatenated in every rotation (`Koizumi Shinjiro` = `Shinjiro Koizumi`). Words with
//! Vietnamese marks keep them: `Phước` and `Phúc` are different names.

use crate::text::fold::tone_key;
use crate::text::{fold, has_marks};

/// Words of a name, without name suffixes (`Jr.`, `III`).
pub fn words(name: &str) -> Vec<&str> {
    words_iter(name).collect()
}

/// [`words`] without collecting them.
pub fn words_iter(name: &str) -> impl DoubleEndedIterator<Item = &str> {
    name.split_whitespace().filter(|w| !is_suffix(w))
}

/// `Jr.`, `Sr.`, `II`, `III`, `IV`.
pub fn is_suffix(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    ["jr", "sr", "ii", "iii", "iv"]
        .iter()
        .any(|s| w.eq_ignore_ascii_case(s))
}

/// The first and last word (suffixes skipped), lowercased: where a surname or a given name
/// written alone can stand (`Hegseth` in `Pete Hegseth`, `Nakatani` in `Nakatani Gen`,
/// `Hùng` in `Nguyễn Văn Hùng`).
pub fn ends(name: &str) -> Option<(String, String)> {
    let first = words_iter(name).next()?;
    let last = words_iter(name).next_back()?;
    Some((first.to_lowercase(), last.to_lowercase()))
}

/// Number of syllables (words and hyphenated parts): how full a spelling is.
pub fn syllables(name: &str) -> usize {
    words_iter(name)
        .map(|w| w.split('-').filter(|p| !p.is_empty()).count())
        .sum()
}

/// One word, normalised for comparing spellings.
pub fn norm_word(w: &str) -> String {
    let lower = w.to_lowercase();
    if is_vietnamese(&lower) {
        // Vietnamese: marks carry meaning (old and new tone placement compare equal); only
        // the hyphen goes.
        return tone_key(&lower).chars().filter(|c| c.is_alphanumeric()).collect();
    }
    // Romanised foreign names: drop macrons and punctuation, even out common variants.
    let plain: String = fold(&lower)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let mut out = String::with_capacity(plain.len());
    let b = plain.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let pair = (b[i], b.get(i + 1).copied());
        match pair {
            (b'c', Some(b'k')) => {
                out.push('k');
                i += 2;
            }
            (b'a', Some(b'e')) => {
                out.push('a');
                i += 2;
            }
            (b'e', Some(b'o')) | (b'o', Some(b'o')) | (b'o', Some(b'u')) => {
                out.push('u');
                i += 2;
            }
            (b'x', _) => {
                out.push_str("ks");
                i += 1;
            }
            _ => {
                out.push(b[i] as char);
                i += 1;
            }
        }
    }
    out
}

/// Written with Vietnamese marks (macrons of romanised Japanese do not count).
pub fn is_vietnamese(name: &str) -> bool {
    has_marks(name) && !name.chars().any(is_macron_vowel)
}

fn is_macron_vowel(c: char) -> bool {
    matches!(c, 'ā' | 'ē' | 'ī' | 'ō' | 'ū')
}

/// Normalised words of a name, hyphenated words joined.
pub fn norm_words(name: &str) -> Vec<String> {
    words(name)
        .into_iter()
        .map(norm_word)
        .filter(|w| !w.is_empty())
        .collect()
}

/// [`variant_keys`] remembered per thread: the same names come back article after article.
pub fn variant_keys_cached(name: &str) -> std::rc::Rc<[String]> {
    use crate::hash::WordMap;
    use std::cell::RefCell;
    use std::rc::Rc;
    thread_local! {
        static CACHE: RefCell<WordMap<String, Rc<[String]>>> = RefCell::new(WordMap::default());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(k) = c.get(name) {
            return k.clone();
        }
        if c.len() >= 8192 {
            c.clear();
        }
        let k: Rc<[String]> = variant_keys(name).into();
        c.insert(name.to_string(), k.clone());
        k
    })
}

/// Every variant key of a name: one per rotation of its words for a foreign name (`Koizumi
/// Shinjiro` = `Shinjiro Koizumi`); a Vietnamese name written with marks keeps its order
/// (`Tuấn Anh` and `Anh Tuấn` are different names).
pub fn variant_keys(name: &str) -> Vec<String> {
    let w = norm_words(name);
    let rotations = if is_vietnamese(name) {
        w.len().min(1)
    } else {
        w.len()
    };
    (0..rotations)
        .map(|r| {
            let mut k = String::new();
            for j in 0..w.len() {
                k.push_str(&w[(r + j) % w.len()]);
            }
            k
        })
        .collect()
}

/// The key of a name in its written order.
pub fn primary_key(name: &str) -> String {
    norm_words(name).concat()
}

/// A name folded to ASCII words (`Trần Sỹ Thanh` → `tran sy thanh`): links a spelling written
/// without marks to the marked one.
pub fn fold_key(name: &str) -> String {
    let f = fold(name);
    let mut out = String::with_capacity(f.len());
    for w in f.split(|c: char| c.is_whitespace() || c == '-') {
        let w: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
        if w.is_empty() || is_suffix(&w) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// Lowercase words split at spaces and hyphens, for prefix and suffix tests.
pub fn parts(name: &str) -> Vec<String> {
    words(name)
        .iter()
        .flat_map(|w| w.split('-'))
        .filter(|p| !p.is_empty())
        .map(|p| p.to_lowercase())
        .collect()
}

/// `short` is a proper prefix or suffix (by whole parts) of `long`.
pub fn is_part_of(short: &[String], long: &[String]) -> bool {
    !short.is_empty() && short.len() < long.len() && (long.starts_with(short) || long.ends_with(short))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        let ka = variant_keys(a);
        variant_keys(b).iter().any(|k| ka.contains(k))
    }

    #[test]
    fn variant_spellings_share_a_key() {
        assert!(same("Ahn Gyu-back", "Ahn Gyu Back"));
        assert!(same("Ahn Gyu-back", "Ahn Gyu-baek"));
        assert!(same("Koizumi Shinjiro", "Shinjiro Koizumi"));
        assert!(same("Koizumi Shinjirō", "Koizumi Shinjiro"));
        assert!(same("Nakatani Gen", "Gen Nakatani"));
        assert!(same("Lee Jae Myung", "Lee Jae-myung"));
        assert!(same("Lee Jong-sup", "Lee Jong-seop"));
        assert!(same("Kim Jong Un", "Kim Jong-un"));
        assert!(same("Ferdinand Marcos Jr.", "Ferdinand Marcos"));
        assert!(same("Alexander Ceferin", "Aleksander Ceferin"));
    }

    #[test]
    fn different_names_do_not() {
        assert!(!same("Koizumi Shinjiro", "Koizumi Junichiro"));
        assert!(!same("Đặng Hữu Phước", "Đặng Hữu Phúc"));
        assert!(same("Nguyễn Hoà Bình", "Nguyễn Hòa Bình"));
        assert!(!same("Nguyễn Tuấn Anh", "Tuấn Anh Nguyễn"));
        assert!(!same("Tuấn Anh", "Anh Tuấn"));
        assert!(!same("Kim Jong-un", "Kim Yo-jong"));
        assert!(!same("Lee Jae-myung", "Lee Sang-min"));
    }

    #[test]
    fn folds_and_parts() {
        assert_eq!(fold_key("Trần Sỹ Thanh"), "tran sy thanh");
        assert_eq!(fold_key("Tran Sy Thanh"), "tran sy thanh");
        assert_eq!(syllables("Ahn Gyu-back"), 3);
        assert_eq!(
            ends("Ferdinand Marcos Jr."),
            Some(("ferdinand".into(), "marcos".into()))
        );
        assert!(is_part_of(&parts("Xuân Son"), &parts("Nguyễn Xuân Son")));
        assert!(!is_part_of(&parts("Văn Son"), &parts("Nguyễn Xuân Son")));
    }
}
