//! Persons: found in one article (`find`), spellings compared (`spelling`), the known people
//! and the pass that settles every article's persons across an archive (`archive`).

pub mod archive;
pub mod find;
pub mod known;
pub mod spelling;

pub use archive::{Mentions, Person, PersonIndex};
pub use find::{display_names, Finder, Mention, Model, Name, Traced};
pub use known::{KnownPeople, KnownPerson, PeopleFileError};
