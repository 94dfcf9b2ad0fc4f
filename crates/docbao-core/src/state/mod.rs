//! Reading state that lasts: which articles were read, which are bookmarked, their tags, and
//! where the reader was (filter, article, pane, scroll), one file per archive in the XDG state folder
//! (`$XDG_STATE_HOME/docbao/`, by default `~/.local/state/docbao/`).
//!
//! Marks are keyed by content ([`ContentKey`]), so a file moved or renamed within the archive
//! keeps them; the path each mark was last seen at lets a file edited in place keep them too.
//! Saving writes a temporary file beside the real one, syncs it and renames it over, so a crash
//! or `kill -9` at any moment leaves the old state or the new one, never a mix. A file that
//! cannot be read or parsed is set aside under a timestamped name and docbao starts afresh,
//! saying so once.
//!
//! Nothing here knows about terminals; the UI and the command line both read it.

mod history;

pub use history::{clean_name, SavedSearch, HISTORY_MAX, SEARCHES_MAX};

use crate::query::matcher::Marks;
use crate::store::{Article, ContentKey};
use docbao_extract::text::sanitize::sanitize_line;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use unicode_normalization::UnicodeNormalization;

mod file;
mod tags;

pub use crate::tag::{clean_tag, clean_tags, split_tags, MAX_TAG_CHARS};
pub use file::{file_name, write_atomic, Opened, StateFile};

/// What the `format` field of a state file says.
pub const FORMAT: &str = "docbao reading state";
/// The version of the file layout this build writes; it reads this one and the ones before.
/// Version 2 added tags (with the queries typed and the searches saved, which late version 1
/// files also carry): a docbao that knows only version 1 leaves such a file alone instead of
/// saving over it without them.
pub const VERSION: u64 = 2;

/// The marks of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mark {
    /// Where the article was last seen (relative to the archive), to follow a file edited in place.
    pub path: String,
    pub read: bool,
    pub bookmarked: bool,
    /// Sorted, without repeats (see `tags`).
    pub tags: Vec<String>,
}

impl Mark {
    /// Whether the mark holds anything worth keeping.
    fn is_empty(&self) -> bool {
        !self.read && !self.bookmarked && self.tags.is_empty()
    }
}

/// The pane the reader was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SavedPane {
    #[default]
    List,
    Reader,
}

/// Where the reader was when it last saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Last {
    /// The filter, NFC, with no control characters.
    pub query: String,
    /// The selected article.
    pub article: Option<ContentKey>,
    pub pane: SavedPane,
    /// How far the reader was scrolled (lines) when `pane` is the reader.
    pub reader_scroll: usize,
}

/// Read and bookmark marks and tags, the last position, the queries typed and the searches
/// saved, for one archive.
#[derive(Debug, Clone, Default)]
pub struct ReadingState {
    marks: HashMap<ContentKey, Mark>,
    pub last: Last,
    /// Queries typed, oldest first (see `history`).
    history: Vec<String>,
    searches: Vec<SavedSearch>,
    /// Bumped at every change of the marks and the lists, so a caller can tell what it has
    /// saved.
    generation: u64,
}

impl PartialEq for ReadingState {
    /// Equal when the marks, the position and the lists are; the change counter is not compared.
    fn eq(&self, other: &Self) -> bool {
        self.marks == other.marks
            && self.last == other.last
            && self.history == other.history
            && self.searches == other.searches
    }
}

/// Why a state file could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not a state file of any version we know, or damaged: set it aside.
    Corrupt(String),
    /// Written by a newer docbao: leave it alone.
    Newer(u64),
}

impl ReadingState {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts changes of the marks (not of `last`).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many articles have a mark.
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    pub fn mark(&self, key: ContentKey) -> Option<&Mark> {
        self.marks.get(&key)
    }

    pub fn is_read_key(&self, key: ContentKey) -> bool {
        self.marks.get(&key).is_some_and(|m| m.read)
    }

    pub fn is_bookmarked_key(&self, key: ContentKey) -> bool {
        self.marks.get(&key).is_some_and(|m| m.bookmarked)
    }

    /// Changes one article's mark; returns whether anything changed. An article with no mark
    /// left is forgotten, so the file only holds what was marked.
    fn change(&mut self, a: &Article, f: impl FnOnce(&mut Mark)) -> bool {
        let m = self.marks.entry(a.key).or_default();
        let before = (m.read, m.bookmarked, m.tags.clone());
        f(m);
        m.path.clone_from(&a.path);
        let changed = before != (m.read, m.bookmarked, m.tags.clone());
        if m.is_empty() {
            self.marks.remove(&a.key);
        }
        if changed {
            self.generation += 1;
        }
        changed
    }

    /// Marks an article read or unread; returns whether that changed anything.
    pub fn set_read(&mut self, a: &Article, read: bool) -> bool {
        self.change(a, |m| m.read = read)
    }

    /// Bookmarks an article or removes its bookmark; returns whether that changed anything.
    pub fn set_bookmarked(&mut self, a: &Article, on: bool) -> bool {
        self.change(a, |m| m.bookmarked = on)
    }

    /// Sets a mark directly (tests, tools); its tags are cleaned and sorted.
    pub fn insert(&mut self, key: ContentKey, mut mark: Mark) {
        mark.tags = clean_tags(&mark.tags);
        if !mark.is_empty() {
            self.marks.insert(key, mark);
        } else {
            self.marks.remove(&key);
        }
        self.generation += 1;
    }

    /// Follows the archive as it is now: a mark whose article is found under another path takes
    /// that path (moved, renamed); a mark whose content is gone but whose path now holds an
    /// unmarked article moves to it (the file was edited in place). Marks of files that are
    /// nowhere are kept: the file may come back. Returns whether anything changed.
    pub fn reconcile<'a>(&mut self, articles: impl IntoIterator<Item = &'a Article>) -> bool {
        let mut by_key: HashMap<ContentKey, &Article> = HashMap::new();
        let mut by_path: HashMap<&str, &Article> = HashMap::new();
        for a in articles {
            by_key.entry(a.key).or_insert(a);
            by_path.insert(a.path.as_str(), a);
        }
        let mut changed = false;
        let mut rekey = Vec::new();
        for (k, m) in self.marks.iter_mut() {
            if let Some(a) = by_key.get(k) {
                if m.path != a.path {
                    m.path.clone_from(&a.path);
                    changed = true;
                }
            } else if let Some(a) = by_path.get(m.path.as_str()) {
                rekey.push((*k, a.key));
            }
        }
        rekey.sort();
        for (old, new) in rekey {
            if self.marks.contains_key(&new) {
                continue;
            }
            if let Some(m) = self.marks.remove(&old) {
                self.marks.insert(new, m);
                if self.last.article == Some(old) {
                    self.last.article = Some(new);
                }
                changed = true;
            }
        }
        if changed {
            self.generation += 1;
        }
        changed
    }

    /// The file's text: a header, then one marked article a line, sorted, so the file reads
    /// well and diffs small.
    pub fn to_json(&self, archive: &str) -> Vec<u8> {
        let last = LastV1 {
            query: self.last.query.clone(),
            article: self.last.article.map(|k| k.to_string()),
            pane: self.last.pane,
            reader_scroll: self.last.reader_scroll,
        };
        let mut marks: Vec<(&ContentKey, &Mark)> = self.marks.iter().collect();
        marks.sort_by(|a, b| a.1.path.cmp(&b.1.path).then(a.0.cmp(b.0)));
        let mut out = Vec::with_capacity(160 + marks.len() * 100);
        let s = |v: &str| serde_json::to_string(v).unwrap_or_else(|_| "\"\"".into());
        out.extend_from_slice(b"{\n");
        let _ = writeln!(out, "\"format\": {},", s(FORMAT));
        let _ = writeln!(out, "\"version\": {VERSION},");
        let _ = writeln!(out, "\"archive\": {},", s(archive));
        let _ = writeln!(
            out,
            "\"last\": {},",
            serde_json::to_string(&last).unwrap_or_else(|_| "{}".into())
        );
        self.write_saved(&mut out);
        out.extend_from_slice(b"\"articles\": [");
        for (i, (k, m)) in marks.iter().enumerate() {
            let row = MarkV1 {
                key: k.to_string(),
                path: m.path.clone(),
                read: m.read,
                bookmarked: m.bookmarked,
                tags: m.tags.clone(),
            };
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            let _ = serde_json::to_writer(&mut out, &row);
        }
        out.extend_from_slice(b"\n]\n}\n");
        out
    }

    /// Reads a state file's text. Anything that is not a well-formed file of this version is
    /// an error: a half-understood file is not trusted.
    pub fn from_json(bytes: &[u8]) -> Result<ReadingState, LoadError> {
        let header: Header = serde_json::from_slice(bytes).map_err(|e| LoadError::Corrupt(e.to_string()))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(LoadError::Corrupt("not a docbao reading state file".into()));
        }
        match header.version.as_ref().and_then(serde_json::Value::as_u64) {
            Some(1..=VERSION) => {}
            Some(v) if v > VERSION => return Err(LoadError::Newer(v)),
            _ => return Err(LoadError::Corrupt("no version this docbao knows".into())),
        }
        let file: FileV1 = serde_json::from_slice(bytes).map_err(|e| LoadError::Corrupt(e.to_string()))?;
        let key = |s: &str| {
            ContentKey::from_hex(s)
                .ok_or_else(|| LoadError::Corrupt(format!("bad article key `{}`", sanitize_line(s))))
        };
        let mut state = ReadingState::new();
        for m in file.articles {
            let k = key(&m.key)?;
            let mark = Mark {
                path: m.path,
                read: m.read,
                bookmarked: m.bookmarked,
                tags: clean_tags(&m.tags),
            };
            if !mark.is_empty() {
                state.marks.insert(k, mark);
            }
        }
        state.last = Last {
            query: clean_query(&file.last.query),
            article: file.last.article.as_deref().map(key).transpose()?,
            pane: file.last.pane,
            reader_scroll: file.last.reader_scroll,
        };
        state.take_saved(file.history, file.searches);
        Ok(state)
    }
}

impl Marks for ReadingState {
    fn is_read(&self, a: &Article) -> bool {
        self.is_read_key(a.key)
    }
    fn is_bookmarked(&self, a: &Article) -> bool {
        self.is_bookmarked_key(a.key)
    }
    fn tags(&self, a: &Article) -> &[String] {
        self.tags_key(a.key)
    }
}

/// A query as kept and shown: NFC, one line, no control or invisible format characters (the
/// file is not trusted).
pub fn clean_query(q: &str) -> String {
    docbao_extract::text::sanitize::sanitize_text(&q.nfc().collect::<String>())
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

/// Versions 1 and 2 as read (2 adds `tags`); fields this version does not know are ignored.
#[derive(Deserialize)]
struct FileV1 {
    #[serde(default)]
    last: LastV1,
    #[serde(default)]
    history: Vec<String>,
    #[serde(default)]
    searches: Vec<SavedSearch>,
    articles: Vec<MarkV1>,
}

#[derive(Serialize, Deserialize, Default)]
struct LastV1 {
    #[serde(default)]
    query: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    article: Option<String>,
    #[serde(default)]
    pane: SavedPane,
    #[serde(default)]
    reader_scroll: usize,
}

#[derive(Serialize, Deserialize)]
struct MarkV1 {
    key: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    read: bool,
    #[serde(default)]
    bookmarked: bool,
    /// Since version 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::file::set_aside_path;
    use super::*;
    use crate::ingest::Source;
    use crate::ingest::{load_file, FileRef};
    use crate::paths::{name_for_path, state_dir_from};
    use std::ffi::OsStr;
    use std::fs;
    use std::path::{Path, PathBuf};

    fn article(dir: &Path, rel: &str) -> Article {
        load_file(&FileRef::disk(rel, dir.join(rel)))
            .article
            .expect("an article")
    }

    fn write(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    #[test]
    fn content_keys_are_fixed_forever() {
        // XXH3-128 of these bytes, as published; a change here would lose every user's marks.
        assert_eq!(
            ContentKey::of(b"").to_string(),
            "99aa06d3014798d86001c324468d497f"
        );
        let k = ContentKey::of("Bộ trưởng".as_bytes());
        assert_eq!(ContentKey::from_hex(&k.to_string()), Some(k));
        assert_eq!(ContentKey::from_hex("xyz"), None);
        assert_eq!(ContentKey::from_hex(&"g".repeat(32)), None);
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", "date 2025-01-01 Một bài.\n\nNội dung.");
        write(dir.path(), "b/c.md", "---\ntitle: Hai\n---\nThân bài.");
        let a = article(dir.path(), "a.txt");
        let c = article(dir.path(), "b/c.md");
        let mut s = ReadingState::new();
        assert!(s.set_read(&a, true));
        assert!(!s.set_read(&a, true), "no change, no new generation");
        assert!(s.set_bookmarked(&c, true));
        s.last = Last {
            query: "bộ trưởng is:unread".into(),
            article: Some(c.key),
            pane: SavedPane::Reader,
            reader_scroll: 7,
        };
        let file = StateFile::at(dir.path().join("state/x.json"), "/news");
        file.save(&s).unwrap();
        let o = file.open();
        assert_eq!(o.message, None);
        assert!(o.writable);
        assert_eq!(o.state, s);
        assert!(o.state.is_read(&a) && !o.state.is_bookmarked(&a));
        assert!(!o.state.is_read(&c) && o.state.is_bookmarked(&c));
        // unmarking forgets the article
        assert!(s.set_read(&a, false));
        assert_eq!(s.len(), 1);
        assert_eq!(s.generation(), 3);
        // the file is private
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }

    #[test]
    fn tags_are_kept_as_bookmarks_are() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", "date 2025-01-01 Một bài.\n\nNội dung.");
        let a = article(dir.path(), "a.txt");
        let mut s = ReadingState::new();
        let tags = |t: &[&str]| t.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(s.set_tags(&a, &tags(&["Quốc phòng", "korea", "korea"])));
        assert!(!s.set_tags(&a, &tags(&["korea", "quốc-phòng"])), "the same set");
        assert_eq!(s.tags_key(a.key), ["korea", "quốc-phòng"]);
        assert_eq!(s.generation(), 1);
        assert_eq!(
            s.tag_counts(),
            [("korea".to_string(), 1), ("quốc-phòng".to_string(), 1)]
        );
        // A tag alone keeps the article's mark; saved and read back whole.
        assert!(!s.is_read_key(a.key) && !s.is_bookmarked_key(a.key));
        let file = StateFile::at(dir.path().join("x.json"), "/news");
        file.save(&s).unwrap();
        let text = fs::read_to_string(&file.path).unwrap();
        assert!(text.contains("\"version\": 2,"), "{text}");
        assert!(text.contains("\"tags\":[\"korea\",\"quốc-phòng\"]"), "{text}");
        assert_eq!(file.open().state, s);
        // Removing the last tag forgets the article.
        assert!(s.set_tags(&a, &[]));
        assert!(s.is_empty());
        // A version 1 file (before tags) reads as it was; tags from the file are cleaned.
        let v1 = format!(
            "{{\"format\": \"docbao reading state\", \"version\": 1, \"articles\": [\
             {{\"key\": \"{}\", \"path\": \"a.txt\", \"read\": true}}]}}",
            a.key
        );
        let s1 = ReadingState::from_json(v1.as_bytes()).unwrap();
        assert!(s1.is_read_key(a.key) && s1.tags_key(a.key).is_empty());
        let v2 = format!(
            "{{\"format\": \"docbao reading state\", \"version\": 2, \"articles\": [\
             {{\"key\": \"{}\", \"tags\": [\"B\", \"a\\u001b\", \" \"]}}]}}",
            a.key
        );
        assert_eq!(
            ReadingState::from_json(v2.as_bytes()).unwrap().tags_key(a.key),
            ["a", "b"]
        );
    }

    #[test]
    fn a_damaged_file_is_set_aside_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        for junk in [
            &b"{\"format\": \"docbao reading state\", \"version\": 1, \"articles\": [{\"ke"[..],
            b"",
            b"\x00\xff\xfe garbage",
            b"{\"format\": \"something else\", \"version\": 1, \"articles\": []}",
            b"{\"format\": \"docbao reading state\", \"version\": 1, \"articles\": [{\"key\": \"zz\"}]}",
            b"{\"format\": \"docbao reading state\", \"version\": 0, \"articles\": []}",
        ] {
            fs::write(&path, junk).unwrap();
            let o = StateFile::at(path.clone(), "t").open();
            let m = o.message.expect("a message");
            assert!(m.contains("set aside as x.json.corrupt-"), "{m}");
            assert!(!m.chars().any(|c| c.is_control()), "{m:?}");
            assert!(o.writable && o.state.is_empty());
            assert!(!path.exists());
            let aside: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("x.json.corrupt-"))
                .collect();
            assert_eq!(aside.len(), 1);
            assert_eq!(fs::read(aside[0].path()).unwrap(), junk, "kept as it was");
            fs::remove_file(aside[0].path()).unwrap();
        }
    }

    #[test]
    fn two_damaged_files_in_one_second_both_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let a = set_aside_path(&path, "20250101T000000");
        fs::write(&a, "one").unwrap();
        let b = set_aside_path(&path, "20250101T000000");
        assert_ne!(a, b);
        assert!(b.to_string_lossy().ends_with("-2"));
    }

    #[test]
    fn an_unreadable_file_is_set_aside() {
        // A folder where the file should be cannot be read, even by root.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        fs::create_dir(&path).unwrap();
        let o = StateFile::at(path.clone(), "t").open();
        let m = o.message.expect("a message");
        assert!(m.contains("cannot read it") && m.contains("set aside"), "{m}");
        assert!(!path.exists());
        // and saving works again
        StateFile::at(path.clone(), "t")
            .save(&ReadingState::new())
            .unwrap();
        assert!(path.is_file());
    }

    #[test]
    fn read_only_never_touches_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        fs::write(&path, "{ broken").unwrap();
        let (s, m) = StateFile::at(path.clone(), "t").read_only();
        assert!(s.is_empty());
        assert!(m.unwrap().contains("damaged"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "{ broken");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let (s, m) = StateFile::at(dir.path().join("none.json"), "t").read_only();
        assert!(s.is_empty() && m.is_none());
        assert!(!dir.path().join("none.json").exists());
    }

    #[test]
    fn a_newer_version_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        let text =
            "{\"format\": \"docbao reading state\", \"version\": 3, \"articles\": {\"new\": \"layout\"}}";
        fs::write(&path, text).unwrap();
        let o = StateFile::at(path.clone(), "t").open();
        assert!(o.message.unwrap().contains("newer docbao (format 3)"));
        assert!(!o.writable);
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert_eq!(ReadingState::from_json(text.as_bytes()), Err(LoadError::Newer(3)));
    }

    #[test]
    fn hostile_text_in_the_file_is_cleaned() {
        let text = "{\"format\": \"docbao reading state\", \"version\": 1, \"archive\": \"x\", \
                    \"last\": {\"query\": \"ho\\u0300a \\u001b]0;pwned\\u0007x\"}, \"articles\": [], \"extra\": 1}";
        let s = ReadingState::from_json(text.as_bytes()).unwrap();
        assert!(
            !s.last.query.chars().any(|c| c.is_control()),
            "{:?}",
            s.last.query
        );
        assert!(s.last.query.starts_with("hòa "), "NFC: {:?}", s.last.query);
    }

    #[test]
    fn moved_renamed_and_edited_files_keep_their_marks() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "2025/a.txt",
            "date 2025-01-01 Bài một.\n\nNội dung một.",
        );
        write(
            dir.path(),
            "2025/b.txt",
            "date 2025-01-02 Bài hai.\n\nNội dung hai.",
        );
        write(
            dir.path(),
            "2025/c.txt",
            "date 2025-01-03 Bài ba.\n\nNội dung ba.",
        );
        let a = article(dir.path(), "2025/a.txt");
        let b = article(dir.path(), "2025/b.txt");
        let mut s = ReadingState::new();
        s.set_read(&a, true);
        s.set_bookmarked(&b, true);
        s.last.article = Some(b.key);
        // a is moved and renamed; b is edited in place
        fs::create_dir_all(dir.path().join("old")).unwrap();
        fs::rename(dir.path().join("2025/a.txt"), dir.path().join("old/một.txt")).unwrap();
        write(
            dir.path(),
            "2025/b.txt",
            "date 2025-01-02 Bài hai, sửa.\n\nNội dung hai.",
        );
        let loaded = crate::ingest::load(&Source::Dir(dir.path().to_path_buf()));
        let moved = loaded.articles.iter().find(|x| x.path == "old/một.txt").unwrap();
        let edited = loaded.articles.iter().find(|x| x.path == "2025/b.txt").unwrap();
        let other = loaded.articles.iter().find(|x| x.path == "2025/c.txt").unwrap();
        assert!(s.is_read(moved), "the key follows the content");
        assert!(!s.is_bookmarked(edited), "new content, new key");
        assert!(s.reconcile(&loaded.articles));
        assert!(s.is_read(moved) && s.is_bookmarked(edited));
        assert!(!s.is_read(other) && !s.is_bookmarked(other));
        assert_eq!(s.mark(moved.key).unwrap().path, "old/một.txt");
        assert_eq!(s.last.article, Some(edited.key));
        assert!(!s.reconcile(&loaded.articles), "settled");
        // a vanished file's marks stay, in case it comes back
        fs::remove_file(dir.path().join("old/một.txt")).unwrap();
        let loaded = crate::ingest::load(&Source::Dir(dir.path().to_path_buf()));
        s.reconcile(&loaded.articles);
        assert!(s.is_read_key(moved.key));
    }

    #[test]
    fn state_folder_and_file_names() {
        let d = state_dir_from(Some(OsStr::new("/x/state")), Some(OsStr::new("/home/an")));
        assert_eq!(d, Some(PathBuf::from("/x/state/docbao")));
        // a relative XDG_STATE_HOME is ignored, as the specification says
        let d = state_dir_from(Some(OsStr::new("rel")), Some(OsStr::new("/home/an")));
        assert_eq!(d, Some(PathBuf::from("/home/an/.local/state/docbao")));
        assert_eq!(state_dir_from(None, None), None);
        let n = name_for_path(Path::new("/home/an/Tin tức/Báo Đà Nẵng"));
        assert!(n.starts_with("home-an-tin-tuc-bao-da-nang-"), "{n}");
        assert!(n.ends_with(".json") && n.is_ascii());
        assert_ne!(n, name_for_path(Path::new("/home/an/tin tuc/bao da nang")));
        assert_eq!(n, name_for_path(Path::new("/home/an/Tin tức/Báo Đà Nẵng")));
        let long = name_for_path(Path::new(&format!("/{}", "a/".repeat(100))));
        assert!(long.len() < 70, "{long}");
        assert!(name_for_path(Path::new("/")).starts_with("archive-"));
        assert_eq!(file_name(&Source::Sample), "sample-corpus.json");
    }

    #[test]
    fn stale_temp_files_are_removed_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        // pid 0x7ffffff0 does not run; ours does
        let dead = dir.path().join(".x.json.tmp-2147483632-0");
        let live = dir.path().join(format!(".x.json.tmp-{}-99", std::process::id()));
        fs::write(&dead, "half").unwrap();
        fs::write(&live, "half").unwrap();
        let _ = StateFile::at(path, "t").open();
        assert!(!dead.exists());
        assert!(live.exists());
    }
}
