//! Live updates: a file watcher (inotify on Linux, through the notify crate), started before the
//! first load so nothing changed during it is missed, reports files added, changed or removed in
//! the archive. Changes are gathered for a short moment (an editor's save is several events; a
//! copied folder is many), then the touched files are read again and sent as one
//! [`LoadEvent::Changed`]. When the kernel's queue overflowed and events were lost, the whole
//! folder is read again.

use super::walk::{discover, is_article_name, FileRef, Source};
use super::{load_file_with, read_files_parallel, Extraction, LoadEvent, Problem, Severity};
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

/// How often a folder that was removed is looked for again.
const LOOK_AGAIN: Duration = Duration::from_millis(500);

/// The identity of the folder at `root` (device and inode), `None` when there is none.
fn folder_id(root: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(root).ok().filter(|m| m.is_dir())?;
    Some((m.dev(), m.ino()))
}

/// Sends the changes `w` sees until the receiving side of `tx` is gone. Runs on the caller's
/// thread. When the archive's folder itself is removed (or replaced: moved away and made
/// again), the kernel stops reporting on it; the folder is then looked for every
/// [`LOOK_AGAIN`], watched again once it is back, and read whole.
pub fn run(root: &Path, mut w: Watch, extraction: Extraction, tx: &Sender<LoadEvent>) {
    let mut id = folder_id(root);
    // An event said the folder itself was removed or moved: watch it anew.
    let mut renew = false;
    loop {
        if renew || folder_id(root) != id {
            renew = false;
            if folder_id(root).is_none() {
                // Gone: whatever it held is gone too, until it is back.
                let gone = LoadEvent::Changed {
                    articles: vec![],
                    removed: vec![],
                    problems: vec![],
                    complete: true,
                };
                if tx.send(gone).is_err() {
                    return;
                }
            }
            loop {
                if folder_id(root).is_some() {
                    match start(root) {
                        Ok(again) => {
                            w = again;
                            break;
                        }
                        // As at the start: live updates are off, and the reader says why
                        // (walking the tree again every half second would not mend it).
                        Err(message) => return report(tx, root, &message),
                    }
                }
                std::thread::sleep(LOOK_AGAIN);
            }
            id = folder_id(root);
            if tx.send(reread_all(root, extraction)).is_err() {
                return;
            }
            continue;
        }
        // Wait for a first event, then gather until things are quiet. The folder's identity
        // is checked now and then meanwhile: its removal may come with no event to wake on.
        let first = match w.events.recv_timeout(LOOK_AGAIN) {
            Ok(ev) => ev,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut touched = BTreeSet::new();
        renew = names_root_leaving(&first, root);
        let mut lost = collect(first, &mut touched);
        loop {
            match w.events.recv_timeout(SETTLE) {
                Ok(ev) => {
                    renew |= names_root_leaving(&ev, root);
                    lost |= collect(ev, &mut touched);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if renew {
            // Read whole once it is watched again (the same inode may come back: a check of
            // its identity alone would miss that).
            continue;
        }
        let ev = if lost {
            reread_all(root, extraction)
        } else {
            reread(root, touched, extraction)
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

/// Whether `ev` says the folder `root` itself was removed or moved (its watch is then dead).
fn names_root_leaving(ev: &notify::Result<notify::Event>, root: &Path) -> bool {
    use notify::event::{EventKind, ModifyKind};
    ev.as_ref().is_ok_and(|ev| {
        matches!(
            ev.kind,
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        ) && ev.paths.iter().any(|p| p == root)
    })
}

/// The whole folder read again: the articles are the complete archive.
fn reread_all(root: &Path, extraction: Extraction) -> LoadEvent {
    let found = discover(&Source::Dir(root.to_path_buf()));
    let (articles, read) = read_files_parallel(&found.files, extraction);
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
pub fn reread(root: &Path, touched: BTreeSet<PathBuf>, extraction: Extraction) -> LoadEvent {
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
                let (a, p) = read_files_parallel(&files, extraction);
                articles.extend(a);
                problems.extend(p);
                read_whole.push(path);
            }
            Ok(_) => {
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                if is_article_name(name) {
                    let out = load_file_with(&FileRef::disk(rel.clone(), path.clone()), extraction);
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
    fn an_archive_folder_removed_and_made_again_is_watched_again() {
        let base = tempfile::tempdir().expect("temp dir");
        let root = base.path().join("archive");
        std::fs::create_dir_all(&root).expect("mkdir");
        std::fs::write(root.join("a.txt"), "2025-01-01\n\nBài một.\n").expect("write");
        let w = start(&root).expect("watch");
        let (tx, rx) = mpsc::channel();
        let r = root.clone();
        std::thread::spawn(move || run(&r, w, Extraction::default(), &tx));
        std::fs::remove_dir_all(&root).expect("rm");
        std::fs::create_dir_all(&root).expect("mkdir again");
        std::fs::write(root.join("b.txt"), "2025-01-02\n\nBài hai.\n").expect("write");
        // Changes arrive until the new file is among them (or a deadline, so a failure ends).
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut seen = false;
        while !seen && std::time::Instant::now() < deadline {
            if let Ok(LoadEvent::Changed { articles, .. }) = rx.recv_timeout(Duration::from_millis(200)) {
                seen = articles.iter().any(|a| a.path == "b.txt");
            }
        }
        assert!(seen, "the new folder's file was never read");
    }

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
        } = reread(root.path(), touched, Extraction::default())
        else {
            panic!("a change");
        };
        let mut paths: Vec<&str> = articles.iter().map(|a| a.path.as_str()).collect();
        paths.sort();
        assert_eq!(paths, ["003-b.txt", "003/a0.txt", "003/a1.txt", "003/a2.txt"]);
        assert!(removed.is_empty());
    }
}
