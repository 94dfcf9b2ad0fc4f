//! The known people of a run, read from their files: the bundled list, the user's own
//! `people.yaml` in the configuration folder, and the configuration's `people:` entries.

use crate::settings::{clean_text, FromConfigStr};
use docbao_extract::persons::{KnownPeople, KnownPerson, PeopleFileError};
use serde::{de, Deserialize};
use std::path::{Path, PathBuf};

/// Where the user's own people file lives: `$XDG_CONFIG_HOME/docbao/people.yaml`, else
/// `~/.config/docbao/people.yaml`.
pub fn user_people_path() -> Option<PathBuf> {
    Some(crate::paths::config_dir()?.join("people.yaml"))
}

/// The known people: the bundled list with the user's file merged over it when there is one.
/// A file that cannot be read or parsed is an error naming the file, the line and what was
/// expected; a missing file is not an error.
pub fn load_user_people() -> Result<KnownPeople, PeopleFileError> {
    match user_people_path() {
        Some(p) if p.is_file() => load_people_file(&p),
        _ => Ok(KnownPeople::builtin().clone()),
    }
}

/// The bundled list with one people file merged over it.
pub fn load_people_file(path: &Path) -> Result<KnownPeople, PeopleFileError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| PeopleFileError {
        path: shown.clone(),
        line: None,
        column: None,
        message: format!("cannot read: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| PeopleFileError {
        path: shown.clone(),
        line: None,
        column: None,
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let user = KnownPeople::parse(text.trim_start_matches('\u{feff}'), &shown)?;
    Ok(KnownPeople::builtin().merged(&user))
}

/// A name in a people list: trimmed, NFC, not empty.
pub struct PersonName(pub String);

impl FromConfigStr for PersonName {
    const EXPECTED: &'static str = "a name like \"Nguyễn Văn An\"";
    fn from_config_str(s: &str) -> Result<Self, String> {
        let s: String = clean_text::<de::value::Error>(s.trim(), "the name").map_err(|e| e.to_string())?;
        if s.is_empty() {
            return Err("expected a name like \"Nguyễn Văn An\", found an empty string".into());
        }
        Ok(PersonName(s))
    }
}

/// One entry of `people:`, the shape of `people.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigPerson {
    name: PersonName,
    #[serde(default)]
    aliases: Vec<PersonName>,
    #[serde(default)]
    role: Option<PersonName>,
}

impl ConfigPerson {
    pub fn into_known(self) -> KnownPerson {
        KnownPerson {
            name: self.name.0,
            aliases: self.aliases.into_iter().map(|a| a.0).collect(),
            role: self.role.map(|r| r.0),
            chosen: true,
        }
    }
}

/// The known people for a run: the bundled list, the user's `people.yaml` and the
/// configuration's `people:` merged in that order. A broken `people.yaml` is left out, and what
/// was wrong with it comes back to be told.
pub fn known_people(config_people: &[KnownPerson]) -> (KnownPeople, Option<PeopleFileError>) {
    let (base, problem) = match load_user_people() {
        Ok(k) => (k, None),
        Err(e) => (KnownPeople::builtin().clone(), Some(e)),
    };
    let known = if config_people.is_empty() {
        base
    } else {
        base.merged(&KnownPeople::from_list(config_people.to_vec()))
    };
    (known, problem)
}

crate::deserialize_checked!(PersonName);
