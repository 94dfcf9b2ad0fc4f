//! A reading state's file: where it is, opening it (setting a damaged one aside), reading it
//! without touching it, and saving it atomically.

use super::{LoadError, ReadingState};
use crate::ingest::Source;
use crate::paths;
use docbao_extract::text::sanitize::sanitize_line;
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The state file's name for a source: a readable slug of the archive's canonical path and a
/// short hash of it (`home-an-news-3f2a91c04b7e.json`); the built-in sample has its own.
pub fn file_name(source: &Source) -> String {
    match source {
        Source::Sample => "sample-corpus.json".to_string(),
        Source::Dir(p) | Source::File(p) => paths::name_for_archive(p),
    }
}

/// What the reader names the archive by, inside the file (for people reading it).
fn archive_label(source: &Source) -> String {
    match source {
        Source::Sample => "sample corpus (built in)".to_string(),
        Source::Dir(p) | Source::File(p) => paths::canonical(p).to_string_lossy().into_owned(),
    }
}

/// A state file opened for the reader: what it held, a message to show once, and whether
/// saving is allowed.
#[derive(Debug)]
pub struct Opened {
    pub state: ReadingState,
    pub message: Option<String>,
    pub writable: bool,
}

/// One archive's state file.
#[derive(Debug, Clone)]
pub struct StateFile {
    pub path: PathBuf,
    archive: String,
}

impl StateFile {
    /// The state file for a source, from the environment; `None` when there is neither
    /// `$XDG_STATE_HOME` nor `$HOME`.
    pub fn for_source(source: &Source) -> Option<StateFile> {
        Some(StateFile {
            path: paths::state_dir()?.join(file_name(source)),
            archive: archive_label(source),
        })
    }

    /// A state file at a given path.
    pub fn at(path: PathBuf, archive: impl Into<String>) -> StateFile {
        StateFile {
            path,
            archive: archive.into(),
        }
    }

    fn display_name(&self) -> String {
        sanitize_line(
            &self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )
    }

    /// Opens the state for reading and writing: a missing file is an empty state; a damaged
    /// or unreadable one is renamed `NAME.corrupt-YYYYmmddTHHMMSS` and the state starts empty,
    /// with a message saying so; one from a newer docbao is left alone and nothing is saved.
    /// Temporary files that crashed writers left behind are removed.
    pub fn open(&self) -> Opened {
        remove_stale_temps(&self.path);
        let why = match fs::read(&self.path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Opened {
                    state: ReadingState::new(),
                    message: None,
                    writable: true,
                }
            }
            Err(e) => format!("cannot read it: {e}"),
            Ok(bytes) => match ReadingState::from_json(&bytes) {
                Ok(state) => {
                    return Opened {
                        state,
                        message: None,
                        writable: true,
                    }
                }
                Err(LoadError::Newer(v)) => {
                    return Opened {
                        state: ReadingState::new(),
                        message: Some(format!(
                            "reading state {} is from a newer docbao (format {v}); it is left as it is and \
                             nothing is saved this time",
                            self.display_name()
                        )),
                        writable: false,
                    }
                }
                Err(LoadError::Corrupt(why)) => why,
            },
        };
        let why = sanitize_line(&why);
        let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
        let aside = set_aside_path(&self.path, &stamp);
        match fs::rename(&self.path, &aside) {
            Ok(()) => Opened {
                state: ReadingState::new(),
                message: Some(format!(
                    "reading state damaged, set aside as {}; starting afresh ({why})",
                    sanitize_line(&aside.file_name().unwrap_or_default().to_string_lossy())
                )),
                writable: true,
            },
            Err(e) => Opened {
                state: ReadingState::new(),
                message: Some(format!(
                    "reading state {} is damaged ({why}) and cannot be set aside ({e}); nothing is saved \
                     this time",
                    self.display_name()
                )),
                writable: false,
            },
        }
    }

    /// Reads the state without changing anything on disk (for `docbao list`): a missing file
    /// is an empty state; any other problem is an empty state and a message.
    pub fn read_only(&self) -> (ReadingState, Option<String>) {
        match fs::read(&self.path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => (ReadingState::new(), None),
            Err(e) => (
                ReadingState::new(),
                Some(format!("cannot read reading state {}: {e}", self.display_name())),
            ),
            Ok(bytes) => match ReadingState::from_json(&bytes) {
                Ok(s) => (s, None),
                Err(LoadError::Newer(v)) => (
                    ReadingState::new(),
                    Some(format!(
                        "reading state {} is from a newer docbao (format {v})",
                        self.display_name()
                    )),
                ),
                Err(LoadError::Corrupt(why)) => (
                    ReadingState::new(),
                    Some(format!(
                        "reading state {} is damaged ({}); the reader will set it aside",
                        self.display_name(),
                        sanitize_line(&why)
                    )),
                ),
            },
        }
    }

    /// Saves the state atomically.
    pub fn save(&self, state: &ReadingState) -> io::Result<()> {
        write_atomic(&self.path, &state.to_json(&self.archive))
    }
}

/// `NAME.corrupt-STAMP`, or `NAME.corrupt-STAMP-2`… when that is taken.
pub(super) fn set_aside_path(path: &Path, stamp: &str) -> PathBuf {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!("-{n}") };
        let p = path.with_file_name(format!("{name}.corrupt-{stamp}{suffix}"));
        if fs::symlink_metadata(&p).is_err() {
            return p;
        }
        n += 1;
    }
}

/// The prefix of the temporary files beside `path`: `.NAME.tmp-`.
fn temp_prefix(path: &Path) -> String {
    format!(".{}.tmp-", path.file_name().unwrap_or_default().to_string_lossy())
}

/// Writes `bytes` to `path` so that `path` always holds either its old content or all of the
/// new: a temporary file in the same folder, written and synced, renamed over `path`, then the
/// folder synced so the rename itself survives a power cut. The folder is made (0700) if need
/// be; the file is 0600.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let tmp = dir.join(format!(
        "{}{}-{}",
        temp_prefix(path),
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files left beside `path` by writers that no longer run (killed mid-save).
fn remove_stale_temps(path: &Path) {
    let Some(dir) = path.parent() else { return };
    let Ok(entries) = fs::read_dir(dir) else { return };
    let prefix = temp_prefix(path);
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
        if pid.is_some_and(|p| p > 0 && !process_alive(p)) {
            let _ = fs::remove_file(e.path());
        }
    }
}

fn process_alive(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists; `pid` is positive, so this never
    // addresses a process group.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}
