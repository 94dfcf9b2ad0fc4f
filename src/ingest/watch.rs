//! Live updates: a file watcher (inotify on Linux, through the notify crate), started before the
//! first load so nothing changed during it is missed, reports files added, changed or removed in
//! the archive. Changes are gathered for a short moment (an editor's save is several events; a
//! copied folder is many), then the touched files are read again and sent as one
//! [`LoadEvent::Changed`]. When the kernel's queue overflowed and events were lost, the whole
//! folder is read again.

use super::walk::{discover, is_article_name, FileRef, Source};
use super::{load_file, read_files_parallel, LoadEvent, Problem, Severity};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long changes are gathered before they are read.
const SETTLE: Duration = Duration::from_millis(200);

/// A running watcher and its events (queued until [`run`] takes them).
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
}

/// Starts watching `root`; the error says why live updates are off.
pub fn start(root: &Path) -> Result<Watch, String> {
    let (raw_tx, events) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(raw_tx).map_err(|e| format!("live updates are off: {e}"))?;
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(|e| format!("live updates are off: {e}"))?;
    Ok(Watch {
        _watcher: watcher,
        events,
    })
}

/// Sends the changes `w` sees until the receiving side of `tx` is gone. Runs on the caller's
/// thread.
pub fn run(root: &Path, w: Watch, tx: &Sender<LoadEvent>) {
    loop {
        // Wait for a first event, then gather until things are quiet.
        let first = match w.events.recv() {
            Ok(ev) => ev,
            Err(_) => return,
        };
        let mut touched = BTreeSet::new();
        let mut lost = collect(first, &mut touched);
        loop {
            match w.events.recv_timeout(SETTLE) {
                Ok(ev) => lost |= collect(ev, &mut touched),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let ev = if lost {
            reread_all(root)
        } else {
            reread(root, touched)
        };
        if tx.send(ev).is_err() {
            return;
        }
    }
}

/// Tells the reader that live updates are off, and why.
pub fn report(tx: &Sender<LoadEvent>, root: &Path, message: &str) {
    let _ = tx.send(LoadEvent::Changed {
        articles: vec![],
        removed: vec![],
        problems: vec![Problem::new(&root.display().to_string(), Severity::Note, message)],
        complete: false,
    });
}

/// Adds an event's paths; true when events were lost and the folder must be read again.
fn collect(ev: notify::Result<notify::Event>, touched: &mut BTreeSet<PathBuf>) -> bool {
    match ev {
        Ok(ev) if ev.need_rescan() => true,
        Ok(ev) => {
            if !ev.kind.is_access() {
                touched.extend(ev.paths);
            }
            false
        }
        Err(_) => false,
    }
}

/// The whole folder read again: the articles are the complete archive.
fn reread_all(root: &Path) -> LoadEvent {
    let found = discover(&Source::Dir(root.to_path_buf()));
    let (articles, read) = read_files_parallel(&found.files);
    let mut problems = found.problems;
    problems.extend(read);
    LoadEvent::Changed {
        articles,
        removed: vec![],
        problems,
        complete: true,
    }
}

/// Reads the touched paths again: files that exist are loaded (a folder, everything in it);
/// paths that are gone are removed (a folder, everything under it).
pub fn reread(root: &Path, touched: BTreeSet<PathBuf>) -> LoadEvent {
    let mut articles = Vec::new();
    let mut removed = Vec::new();
    let mut problems = Vec::new();
    // Folders read whole: the events of the files inside them name those files again.
    let mut read_whole: Vec<PathBuf> = Vec::new();
    for path in touched {
        if read_whole.iter().any(|f| path.starts_with(f)) {
            continue;
        }
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.is_empty() || rel.split('/').any(|c| c.starts_with('.')) {
            continue;
        }
        let meta = std::fs::metadata(&path);
        match meta {
            Ok(m) if m.is_dir() => {
                // Named from the archive's root, not the folder's.
                let files: Vec<FileRef> = discover(&Source::Dir(path.clone()))
                    .files
                    .iter()
                    .filter_map(|f| {
                        Some(FileRef::disk(
                            format!("{rel}/{}", f.rel),
                            f.disk_path()?.to_path_buf(),
                        ))
                    })
                    .collect();
                let (a, p) = read_files_parallel(&files);
                articles.extend(a);
                problems.extend(p);
                read_whole.push(path);
            }
            Ok(_) => {
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                if is_article_name(name) {
                    let out = load_file(&FileRef::disk(rel.clone(), path.clone()));
                    match out.article {
                        Some(a) => articles.push(a),
                        // Unreadable now: it no longer stands as it was.
                        None => removed.push(rel.clone()),
                    }
                    problems.extend(out.problems);
                }
            }
            Err(_) => removed.push(rel),
        }
    }
    LoadEvent::Changed {
        articles,
        removed,
        problems,
        complete: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_copied_in_is_read_once_though_its_files_are_named_too() {
        let root = tempfile::tempdir().expect("temp dir");
        let folder = root.path().join("003");
        std::fs::create_dir_all(&folder).expect("mkdir");
        let mut touched = BTreeSet::new();
        touched.insert(folder.clone());
        for i in 0..3 {
            let file = folder.join(format!("a{i}.txt"));
            std::fs::write(&file, format!("2025-01-0{}\n\nBài {i}.\n", i + 1)).expect("write");
            touched.insert(file);
        }
        // A file beside the folder whose name sorts between the folder and its files.
        let beside = root.path().join("003-b.txt");
        std::fs::write(&beside, "2025-02-01\n\nBên cạnh.\n").expect("write");
        touched.insert(beside);
        let LoadEvent::Changed {
            articles, removed, ..
        } = reread(root.path(), touched)
        else {
            panic!("a change");
        };
        let mut paths: Vec<&str> = articles.iter().map(|a| a.path.as_str()).collect();
        paths.sort();
        assert_eq!(paths, ["003-b.txt", "003/a0.txt", "003/a1.txt", "003/a2.txt"]);
        assert!(removed.is_empty());
    }
}
