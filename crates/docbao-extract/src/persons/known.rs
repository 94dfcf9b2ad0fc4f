//! The known people: the bundled list (`assets/people.yaml`) and any list merged over it (the
//! user's `people.yaml`, the configuration's `people:`), with lookups by spelling and by surname.

use super::spelling;
use crate::hash::WordMap;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

/// The bundled list of known people.
pub const PEOPLE_YAML: &str = include_str!("../../../../assets/people.yaml");

/// One known person.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KnownPerson {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: Option<String>,
    /// The name is the user's choice (their people file or configuration): it is shown as it
    /// is, where a bundled person is shown as the archive writes him.
    #[serde(skip)]
    pub chosen: bool,
}

/// The known people, with lookups by spelling and by surname.
#[derive(Debug, Clone, Default)]
pub struct KnownPeople {
    people: Vec<KnownPerson>,
    /// Variant key of every name and alias of two words or more → person.
    by_key: WordMap<String, usize>,
    /// A one-word alias (`Jokowi`), lowercased → person.
    single: WordMap<String, usize>,
    /// First and last word of every name and alias, lowercased → persons.
    by_end: WordMap<String, Vec<usize>>,
}

/// A user's people file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleFileError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for PeopleFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(
            f,
            ": {}; expected a list of entries like `- name: \"Nguyễn Văn An\"` with optional \
             `aliases: [\"Nguyen Van An\"]` and `role: \"...\"`",
            self.message
        )
    }
}

impl std::error::Error for PeopleFileError {}

impl KnownPeople {
    /// A hash of the list, for telling whether persons resolved with another list are stale.
    pub fn fingerprint(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(format!("{:?}", self.people).as_bytes())
    }

    /// The bundled list.
    pub fn builtin() -> &'static KnownPeople {
        static BUILTIN: OnceLock<KnownPeople> = OnceLock::new();
        BUILTIN.get_or_init(|| KnownPeople::parse(PEOPLE_YAML, "assets/people.yaml").unwrap_or_default())
    }

    /// Reads a people file (`source` names it in errors).
    pub fn parse(yaml: &str, source: &str) -> Result<KnownPeople, PeopleFileError> {
        let err = |line, column, message: String| PeopleFileError {
            path: source.to_string(),
            line,
            column,
            message,
        };
        if yaml.trim().is_empty() {
            return Ok(KnownPeople::default());
        }
        let people: Option<Vec<KnownPerson>> = serde_yaml::from_str(yaml).map_err(|e| {
            let loc = e.location();
            err(
                loc.as_ref().map(|l| l.line()),
                loc.as_ref().map(|l| l.column()),
                e.to_string(),
            )
        })?;
        let people = people.unwrap_or_default();
        for (i, p) in people.iter().enumerate() {
            if p.name.trim().is_empty() {
                return Err(err(None, None, format!("entry {} has an empty name", i + 1)));
            }
        }
        Ok(KnownPeople::from_list(people))
    }

    /// Builds the lookups over a list.
    pub fn from_list(people: Vec<KnownPerson>) -> KnownPeople {
        let mut k = KnownPeople {
            people,
            ..KnownPeople::default()
        };
        for (i, p) in k.people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                let n = n.trim();
                if spelling::words(n).len() >= 2 {
                    for key in spelling::variant_keys(n) {
                        k.by_key.entry(key).or_insert(i);
                    }
                    if let Some((a, b)) = spelling::ends(n) {
                        for e in [a, b] {
                            let v = k.by_end.entry(e).or_default();
                            if !v.contains(&i) {
                                v.push(i);
                            }
                        }
                    }
                } else if !n.is_empty() {
                    k.single.entry(n.to_lowercase()).or_insert(i);
                }
            }
        }
        k
    }

    /// This list with `user`'s entries merged over it: an entry naming a known person (by any
    /// of its spellings) adds its aliases to that person and its name becomes the canonical one;
    /// other entries are new people.
    pub fn merged(&self, user: &KnownPeople) -> KnownPeople {
        let mut people = self.people.clone();
        for u in &user.people {
            let hit = std::iter::once(&u.name).chain(&u.aliases).find_map(|n| {
                self.lookup(n)
                    .or_else(|| self.single.get(&n.to_lowercase()).copied())
            });
            match hit {
                Some(i) => {
                    let p = &mut people[i];
                    p.chosen = true;
                    if p.name != u.name {
                        let old = std::mem::replace(&mut p.name, u.name.clone());
                        p.aliases.push(old);
                    }
                    for a in &u.aliases {
                        if !p.aliases.contains(a) && *a != p.name {
                            p.aliases.push(a.clone());
                        }
                    }
                    if u.role.is_some() {
                        p.role = u.role.clone();
                    }
                }
                None => people.push(KnownPerson {
                    chosen: true,
                    ..u.clone()
                }),
            }
        }
        KnownPeople::from_list(people)
    }

    pub fn people(&self) -> &[KnownPerson] {
        &self.people
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The known person a full name (two words or more) spells, by variant key.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.lookup_keys(&spelling::variant_keys_cached(name))
    }

    /// [`KnownPeople::lookup`] by a name's variant keys, when they are at hand already.
    pub fn lookup_keys(&self, keys: &[String]) -> Option<usize> {
        keys.iter().find_map(|k| self.by_key.get(k).copied())
    }

    /// Cheap test before [`KnownPeople::lookup`]: could a name with this first and last word
    /// (lowercased) be a known person's?
    pub fn may_spell(&self, first: &str, last: &str) -> bool {
        self.by_end.contains_key(first) || self.by_end.contains_key(last)
    }

    /// The known person a one-word alias names (`Jokowi`).
    pub fn single(&self, word: &str) -> Option<usize> {
        self.single.get(&word.to_lowercase()).copied()
    }

    /// Whether `word` (lowercase) is the legal surname of known person `k`, who goes by a
    /// nickname of one word instead (`Marquinhos`, born Marcos Aoás Corrêa): a word alone then
    /// calls him by that nickname, never by the surname. Only a long legal name (three words or
    /// more, as Brazilian footballers' are) with a nickname that is not a spelling of the
    /// surname (`Zelenskyy` is one of `Zelensky`) nor an acronym (`AOC`): Zelensky, Widodo
    /// (`Jokowi`) and Kiatisuk Senamuang (`Zico`) are still called by their names.
    pub fn only_legal_surname(&self, k: usize, word: &str) -> bool {
        let Some(p) = self.people.get(k) else { return false };
        let words = spelling::words(&p.name);
        let Some(last) = words.last().filter(|_| words.len() >= 3) else {
            return false;
        };
        let last = spelling::fold_key(last);
        let stem = |w: &str| w.chars().take(4).collect::<String>();
        let nickname = p.aliases.iter().any(|a| {
            let a = a.trim();
            spelling::words(a).len() == 1
                && a.chars().any(char::is_lowercase)
                && stem(&spelling::fold_key(a)) != stem(&last)
        });
        nickname && last == spelling::fold_key(word)
    }

    /// Known people whose name or alias starts or ends with `word` (lowercase).
    pub fn sharing_end(&self, word: &str) -> &[usize] {
        self.by_end.get(word).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_loads() {
        let k = KnownPeople::builtin();
        assert!(k.len() >= 70);
        // Real public figures only: the sample corpus brings its made-up people itself.
        for p in k.people() {
            let role = p.role.as_deref().unwrap_or("");
            assert!(!role.contains("hư cấu"), "{} is made up", p.name);
        }
        assert_eq!(k.lookup("Ahn Gyu Baek"), k.lookup("Ahn Gyu-back"));
        assert!(k.lookup("Ahn Gyu-back").is_some());
        assert!(k.sharing_end("lee").len() >= 2);
        assert_eq!(k.sharing_end("hegseth").len(), 1);
    }

    #[test]
    fn user_entries_merge_over_builtin() {
        let user = KnownPeople::parse(
            "- name: \"Pete Hegseth\"\n  aliases: [\"Hegsett\"]\n- name: \"Nguyễn Văn Mới\"\n",
            "user",
        )
        .unwrap();
        let m = KnownPeople::builtin().merged(&user);
        assert_eq!(m.len(), KnownPeople::builtin().len() + 1);
        assert_eq!(m.single("hegsett"), m.lookup("Pete Hegseth"));
        assert!(m.lookup("Nguyễn Văn Mới").is_some());
    }

    #[test]
    fn broken_user_file_is_a_clear_error() {
        let e = KnownPeople::parse("- name: \"A B\"\n  alias: [x]\n", "people.yaml").unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("people.yaml:2"), "{msg}");
        assert!(msg.contains("alias"), "{msg}");
        assert!(msg.contains("expected"), "{msg}");
        let e = KnownPeople::parse("name: [unclosed\n", "p.yaml").unwrap_err();
        assert!(e.line.is_some(), "{e}");
        let e = KnownPeople::parse("- name: \"\"\n", "p.yaml").unwrap_err();
        assert!(e.to_string().contains("empty name"));
        assert!(KnownPeople::parse("", "p.yaml").unwrap().is_empty());
    }
}
