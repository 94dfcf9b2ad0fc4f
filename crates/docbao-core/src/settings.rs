//! Values read from the configuration file, checked where they are defined: each section's owner
//! (the key table, the theme, the date format, the known people) implements [`FromConfigStr`]
//! for its values, and the configuration loader only finds the file and explains errors.

use serde::de::{self, Visitor};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// Text from the configuration: NFC, no control characters.
pub fn clean_text<E: de::Error>(s: &str, what: &str) -> Result<String, E> {
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(E::custom(format!(
            "{what} holds a control character (U+{:04X}); expected plain text",
            c as u32
        )));
    }
    Ok(s.nfc().collect())
}

/// A string read with a check: `T::from_str` names what was expected.
pub struct Checked<T>(pub std::marker::PhantomData<T>);

pub trait FromConfigStr: Sized {
    /// What a right value looks like, for "invalid type" errors.
    const EXPECTED: &'static str;
    fn from_config_str(s: &str) -> Result<Self, String>;
}

impl<'de, T: FromConfigStr> Visitor<'de> for Checked<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        T::from_config_str(s).map_err(E::custom)
    }
}

/// `Deserialize` for types that implement [`FromConfigStr`]: a string, checked.
#[macro_export]
macro_rules! deserialize_checked {
    ($($t:ty),*) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str($crate::settings::Checked::<$t>(std::marker::PhantomData))
            }
        }
    )*};
}

/// The valid name nearest to a misspelt one, when it is near enough to be the likely intent.
pub fn nearest<'a>(name: &str, valid: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    valid
        .iter()
        .map(|v| (edit_distance(&name, &v.to_lowercase()), *v))
        .filter(|(d, v)| *d <= 2.max(v.len() / 2) && *d < v.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

/// Levenshtein distance over chars, with a swap of neighbours counted as one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// A string as a double-quoted YAML scalar.
pub fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
