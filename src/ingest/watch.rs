//! Live updates: after the first load, a file watcher (inotify on Linux, through the notify
//! crate) reports files added, changed or removed in the archive. Changes are gathered for a
//! short moment (an editor's save is several events; a copied folder is many), then the touched
//! files are read again and sent as one [`LoadEvent::Changed`].

use super::walk::{discover, is_article_name, FileRef, Source};
use super::{load_file, LoadEvent, Problem, Severity};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long changes are gathered before they are read.
const SETTLE: Duration = Duration::from_millis(200);

/// Watches `root` until the receiving side of `tx` is gone. Runs on the caller's thread.
pub fn watch(root: &Path, tx: &Sender<LoadEvent>) {
    let (raw_tx, raw_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = match notify::recommended_watcher(raw_tx) {
        Ok(w) => w,
        Err(e) => return report(tx, root, &format!("live updates are off: {e}")),
    };
    if let Err(e) = watcher.watch(root, RecursiveMode::Recursive) {
        return report(tx, root, &format!("live updates are off: {e}"));
    }
    loop {
        // Wait for a first event, then gather until things are quiet.
        let first = match raw_rx.recv() {
            Ok(ev) => ev,
            Err(_) => return,
        };
        let mut touched = BTreeSet::new();
        collect(first, &mut touched);
        loop {
            match raw_rx.recv_timeout(SETTLE) {
                Ok(ev) => collect(ev, &mut touched),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let ev = reread(root, touched);
        if tx.send(ev).is_err() {
            return;
        }
    }
}

fn report(tx: &Sender<LoadEvent>, root: &Path, message: &str) {
    let _ = tx.send(LoadEvent::Changed {
        articles: vec![],
        removed: vec![],
        problems: vec![Problem::new(&root.display().to_string(), Severity::Note, message)],
    });
}

fn collect(ev: notify::Result<notify::Event>, touched: &mut BTreeSet<PathBuf>) {
    if let Ok(ev) = ev {
        if ev.kind.is_access() {
            return;
        }
        touched.extend(ev.paths);
    }
}

/// Reads the touched paths again: files that exist are loaded (a folder, everything in it);
/// paths that are gone are removed (a folder, everything under it).
pub fn reread(root: &Path, touched: BTreeSet<PathBuf>) -> LoadEvent {
    let mut articles = Vec::new();
    let mut removed = Vec::new();
    let mut problems = Vec::new();
    for path in touched {
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
                let found = discover(&Source::Dir(path.clone()));
                for f in found.files {
                    let Some(p) = f.disk_path() else { continue };
                    let out = load_file(&FileRef::disk(format!("{rel}/{}", f.rel), p.to_path_buf()));
                    articles.extend(out.article);
                    problems.extend(out.problems);
                }
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
    }
}
