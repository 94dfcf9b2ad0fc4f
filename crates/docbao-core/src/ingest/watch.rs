//! Live updates: a file watcher (inotify on Linux, through the notify crate), started before the
//! first load so nothing changed during it is missed, reports files added, changed or removed in
//! the archive. Changes are gathered for a short moment (an editor's save is several events; a
//! copied folder is many), then the touched files are read again and sent as one
//! [`LoadEvent::Changed`]. When the kernel's queue overflowed and events were lost, the whole
//! folder is read again.
//!
//! Each folder is watched on its own (inotify watches one folder at a time anyway), so a
//! folder that cannot be watched (unreadable, or past the system's limit of watches) is
//! reported by name and the others stay live; folders made later are watched as they come.
//! Hidden folders are not watched, as they are not read.

use super::walk::{discover, is_article_name, FileRef, Source};
use super::{load_file_with, read_files_parallel, Extraction, LoadEvent, Problem, Severity};
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long changes are gathered before they are read.
const SETTLE: Duration = Duration::from_millis(200);

/// A running watcher and its events (queued until [`run`] takes them).
pub struct Watch {
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Folders that could not be watched and why, not yet reported.
    unwatched: BTreeMap<PathBuf, String>,
    /// Every folder found unwatchable, so each is reported once.
    reported: BTreeSet<PathBuf>,
    /// Folders refused on purpose (tests stand in for an unreadable folder with it: a test run
    /// as root reads every folder).
    refuse: fn(&Path) -> bool,
}

/// Starts watching `root` and the folders below it; the error says why live updates are off
/// (the archive's folder itself cannot be watched). Folders below that cannot be watched are
/// reported when [`run`] starts.
pub fn start(root: &Path) -> Result<Watch, String> {
    start_refusing(root, |_| false)
}

/// [`start`], with the folders `refuse` names left unwatched as if they could not be.
pub fn start_refusing(root: &Path, refuse: fn(&Path) -> bool) -> Result<Watch, String> {
    let (raw_tx, events) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(raw_tx).map_err(|e| format!("live updates are off: {e}"))?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("live updates are off: {e}"))?;
    let mut w = Watch {
        watcher,
        events,
        root: root.to_path_buf(),
        unwatched: BTreeMap::new(),
        reported: BTreeSet::new(),
        refuse,
    };
    w.add_tree(root);
    Ok(w)
}

impl Watch {
    /// Watches `dir` and every folder below it that is not hidden; the ones that cannot be
    /// watched are kept to report.
    fn add_tree(&mut self, dir: &Path) {
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        // Unreadable folders and link loops come as errors: the folder itself was met (and
        // watched or not) before its entries failed, and `discover` reports loops.
        for entry in walker.flatten() {
            if !entry.file_type().is_dir() || entry.path() == self.root {
                continue;
            }
            let path = entry.path();
            let result = if (self.refuse)(path) {
                Err("permission denied".to_string())
            } else {
                self.watcher
                    .watch(path, RecursiveMode::NonRecursive)
                    .map_err(|e| why_not(&e))
            };
            if let Err(why) = result {
                if !self.reported.contains(path) {
                    self.unwatched.insert(path.to_path_buf(), why);
                }
            }
        }
    }

    /// The folders found unwatchable since the last call, as problems naming each (relative
    /// to the archive), once each.
    fn take_unwatched(&mut self) -> Vec<Problem> {
        let mut out = Vec::new();
        for (path, why) in std::mem::take(&mut self.unwatched) {
            let rel = path.strip_prefix(&self.root).unwrap_or(&path);
            out.push(Problem::new(
                &rel.to_string_lossy(),
                Severity::Note,
                format!("no live updates here ({why}); the rest stays live"),
            ));
            self.reported.insert(path);
        }
        out
    }

    /// After an event: folders made (or moved in) are watched, with what they hold.
    fn follow_new_folders(&mut self, touched: &BTreeSet<PathBuf>) {
        for p in touched {
            let hidden = p
                .strip_prefix(&self.root)
                .map(|r| {
                    r.components()
                        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                })
                .unwrap_or(true);
            if !hidden && p.is_dir() {
                self.add_tree(p);
            }
        }
    }
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
    if !report_unwatched(&mut w, tx) {
        return;
    }
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
                    match start_refusing(root, w.refuse) {
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
            if tx.send(reread_all(root, extraction)).is_err() || !report_unwatched(&mut w, tx) {
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
        // New folders are watched before they are read, so nothing put in them afterwards is
        // missed; what they already hold is read below with them.
        if lost {
            w.add_tree(root);
        } else {
            w.follow_new_folders(&touched);
        }
        let ev = if lost {
            reread_all(root, extraction)
        } else {
            reread(root, touched, extraction)
        };
        if tx.send(ev).is_err() || !report_unwatched(&mut w, tx) {
            return;
        }
    }
}

/// Why a folder could not be watched, in words and without its path (named apart, cleaned).
fn why_not(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Io(io) => io.kind().to_string(),
        notify::ErrorKind::MaxFilesWatch => "the system's limit of inotify watches is reached".into(),
        notify::ErrorKind::PathNotFound => "it went away".into(),
        other => docbao_extract::text::sanitize::sanitize_line(&format!("{other:?}")),
    }
}

/// Tells the reader which folders are not watched (each once); false when nobody listens.
fn report_unwatched(w: &mut Watch, tx: &Sender<LoadEvent>) -> bool {
    let problems = w.take_unwatched();
    problems.is_empty()
        || tx
            .send(LoadEvent::Changed {
                articles: vec![],
                removed: vec![],
                problems,
                complete: false,
            })
            .is_ok()
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
        // Named as the walk names it (see `names`).
        let rel = super::names::written_path(rel);
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

    /// Changes until one holds an article at `path` (or a deadline, so a failure ends); the
    /// problems seen on the way.
    fn until_article(rx: &mpsc::Receiver<LoadEvent>, path: &str) -> (bool, Vec<Problem>) {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut problems = Vec::new();
        while std::time::Instant::now() < deadline {
            if let Ok(LoadEvent::Changed {
                articles,
                problems: p,
                ..
            }) = rx.recv_timeout(Duration::from_millis(200))
            {
                problems.extend(p);
                if articles.iter().any(|a| a.path == path) {
                    return (true, problems);
                }
            }
        }
        (false, problems)
    }

    #[test]
    fn a_folder_that_cannot_be_watched_is_named_and_the_others_stay_live() {
        let root = tempfile::tempdir().expect("temp dir");
        for d in ["2024", "2025/bi-mat", "2025/cong-khai"] {
            std::fs::create_dir_all(root.path().join(d)).expect("mkdir");
        }
        // Stands in for a folder the user cannot read (the tests may run as root).
        let w = start_refusing(root.path(), |p| p.ends_with("bi-mat")).expect("the root watched");
        let (tx, rx) = mpsc::channel();
        let r = root.path().to_path_buf();
        std::thread::spawn(move || run(&r, w, Extraction::default(), &tx));
        // Named first, once.
        let Ok(LoadEvent::Changed { problems, .. }) = rx.recv_timeout(Duration::from_secs(20)) else {
            panic!("no report of the folder not watched");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "2025/bi-mat");
        assert!(problems[0].message.contains("no live updates here"));
        // New files in the other folders, old and new, still arrive.
        std::fs::write(
            root.path().join("2025/cong-khai/a.txt"),
            "2025-01-01\n\nBài một.\n",
        )
        .expect("write");
        assert!(until_article(&rx, "2025/cong-khai/a.txt").0);
        std::fs::create_dir_all(root.path().join("2026/01")).expect("mkdir");
        std::fs::write(root.path().join("2026/01/b.txt"), "2026-01-02\n\nBài hai.\n").expect("write");
        assert!(
            until_article(&rx, "2026/01/b.txt").0,
            "a folder made later is watched"
        );
        std::fs::write(root.path().join("2026/01/c.txt"), "2026-01-03\n\nBài ba.\n").expect("write");
        let (seen, problems) = until_article(&rx, "2026/01/c.txt");
        assert!(seen, "and what is put in it afterwards");
        assert!(problems.is_empty(), "reported once: {problems:?}");
    }

    #[test]
    fn an_unreadable_folder_leaves_the_rest_live() {
        // The folder as a user meets it; root reads every folder, so there it proves nothing
        // (the test above stands in for it).
        // SAFETY: geteuid has no preconditions and only reads.
        if unsafe { libc::geteuid() } == 0 {
            eprintln!("run as root: an unreadable folder cannot be made; see the test above");
            return;
        }
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("temp dir");
        let secret = root.path().join("bi-mat");
        std::fs::create_dir_all(secret.join("trong")).expect("mkdir");
        std::fs::create_dir_all(root.path().join("mo")).expect("mkdir");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        let w = start(root.path()).expect("the root watched");
        let (tx, rx) = mpsc::channel();
        let r = root.path().to_path_buf();
        std::thread::spawn(move || run(&r, w, Extraction::default(), &tx));
        std::fs::write(root.path().join("mo/a.txt"), "2025-01-01\n\nBài một.\n").expect("write");
        let (seen, problems) = until_article(&rx, "mo/a.txt");
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
        assert!(seen, "a readable folder stays live");
        assert!(problems.iter().any(|p| p.path == "bi-mat"), "{problems:?}");
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
