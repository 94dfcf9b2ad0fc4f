//! A hostile archive at scale, built at run time: many tiny files (empty, one byte, small
//! articles), one huge file, a folder nesting deeper than `PATH_MAX`, names that are not UTF-8 or
//! carry escape sequences, and files deleted, rewritten or swapped for a pipe while loading.
//! `ingest::load` must not panic or hang, keep every good article and report every bad file by
//! name.
//!
//! The normal run uses a smaller archive (10,000 tiny files, a 16 MB file); the full size
//! (100,000 tiny files, a 200 MB file) is ignored by default:
//!
//! ```sh
//! cargo test --release --test hostile_scale -- --ignored --nocapture
//! ```

// Scenario tests read top to bottom, a step per line: their length is their story.
#![allow(clippy::too_many_lines)]

use docbao_core::ingest::{self, Loaded, Source};
use docbao_core::store::{Problem, Severity};
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

struct Scale {
    tiny: usize,
    /// How long the load may take before it counts as a hang.
    deadline_s: u64,
    big_mb: usize,
    depth: usize,
}

/// What the archive holds, by relative path as the loader names it.
#[derive(Default)]
struct Expect {
    good: HashSet<String>,
    bad: HashSet<String>,
}

fn article(i: usize) -> String {
    format!(
        "date 2025-{:02}-{:02} Tin số {i}: Bộ trưởng Quốc phòng thăm Hà Nội\n\nĐoạn một của bài {i}.\n\n\
         Đoạn hai, ông Nguyễn Văn An cho biết ngày 4/11/2025 sẽ họp.\n",
        i % 12 + 1,
        i % 28 + 1
    )
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// Tiny files, 1,000 to a folder: a hundredth empty, one NUL byte, blank, or a lone letter.
fn tiny_files(root: &Path, n: usize, ex: &mut Expect) {
    for i in 0..n {
        let dir = format!("tiny/{:03}", i / 1000);
        if i % 1000 == 0 {
            fs::create_dir_all(root.join(&dir)).expect("mkdir");
        }
        let rel = format!("{dir}/{i:06}.txt");
        let (bytes, good): (Vec<u8>, bool) = match i % 100 {
            0 => (vec![], false),
            1 => (vec![0], false),
            2 => (b" \n\n".to_vec(), false),
            3 => (b"a".to_vec(), true),
            _ => (article(i).into_bytes(), true),
        };
        write(&root.join(&rel), &bytes);
        if good { &mut ex.good } else { &mut ex.bad }.insert(rel);
    }
}

/// One huge file of real text: read in part and reported, never loaded whole.
fn huge_file(root: &Path, mb: usize, ex: &mut Expect) {
    let mut f = File::create(root.join("huge.txt")).expect("create");
    f.write_all(article(7).as_bytes()).expect("write");
    let chunk = "Một câu văn dài lặp đi lặp lại trong tệp khổng lồ. ".repeat(20_000);
    let mut written = 0;
    while written < mb * 1024 * 1024 {
        f.write_all(chunk.as_bytes()).expect("write");
        written += chunk.len();
    }
    ex.good.insert("huge.txt".into());
}

/// A chain of `depth` folders, made one `/proc/self/fd/N/d` at a time so no path is ever longer
/// than `PATH_MAX`; articles at depth 10 and 1,000 are reachable, the one at the bottom is not.
fn deep_nesting(root: &Path, depth: usize, ex: &mut Expect) {
    fs::create_dir(root.join("deep")).expect("mkdir");
    let mut dir = File::open(root.join("deep")).expect("open");
    let mut rel = "deep".to_string();
    for level in 1..=depth {
        let here = PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
        if level == 10 || level == 1000 {
            write(&here.join("reachable.txt"), article(level).as_bytes());
            ex.good.insert(format!("{rel}/reachable.txt"));
        }
        fs::create_dir(here.join("d")).expect("mkdir deep");
        dir = File::open(here.join("d")).expect("open deep");
        rel.push_str("/d");
    }
    let here = PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
    write(&here.join("bottom.txt"), article(1).as_bytes());
}

/// Names that are not UTF-8, or that carry a terminal escape or a newline.
fn odd_names(root: &Path) {
    let odd = root.join("odd");
    fs::create_dir(&odd).expect("mkdir");
    let names: [&[u8]; 5] = [
        b"bad\xff\xfe.txt",
        b"\xc3\x28latin1 caf\xe9.md",
        b"esc\x1b[2J\x1b]0;pwned\x07.txt",
        b"new\nline.txt",
        b"\xed\xa0\x80surrogate.txt",
    ];
    for (i, n) in names.iter().enumerate() {
        write(&odd.join(OsStr::from_bytes(n)), article(100 + i).as_bytes());
    }
    let sub = odd.join(OsStr::from_bytes(b"th\xf0\x28m\xfcc"));
    fs::create_dir(&sub).expect("mkdir");
    write(&sub.join("inside.txt"), article(200).as_bytes());
    // These are checked by count and cleanliness (see `check`), not by name.
}

/// Files that a thread deletes, empties, rewrites, swaps for a pipe or a folder while loading.
fn churn_files(root: &Path, n: usize) -> Vec<PathBuf> {
    let dir = root.join("churn");
    fs::create_dir(&dir).expect("mkdir");
    (0..n)
        .map(|i| {
            let p = dir.join(format!("{i:04}.txt"));
            write(&p, article(300 + i).as_bytes());
            p
        })
        .collect()
}

fn churn(files: Vec<PathBuf>, stage: PathBuf, stop: Arc<AtomicBool>) -> usize {
    let fifo_ok = |p: &Path| Command::new("mkfifo").arg(p).status().is_ok_and(|s| s.success());
    fs::create_dir(&stage).expect("mkdir");
    let fifos: Vec<PathBuf> = (0..16)
        .map(|i| stage.join(format!("fifo{i}")))
        .filter(|p| fifo_ok(p))
        .collect();
    let mut ops = 0;
    let mut round = 0;
    while !stop.load(Ordering::Relaxed) {
        for (i, p) in files.iter().enumerate() {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let _ = match (i + round) % 6 {
                0 => fs::remove_file(p),
                1 => fs::write(p, b""),
                2 => fs::write(p, article(i).repeat(50)),
                3 => fs::write(p, [0u8, 1, 2, 0xff]),
                4 => match fifos.get((i / 6) % fifos.len().max(1)) {
                    Some(f) if f.exists() => fs::rename(f, p),
                    _ => fs::remove_file(p),
                },
                _ => fs::remove_file(p).and_then(|_| fs::create_dir(p)),
            };
            if (i + round) % 6 == 5 {
                let _ = fs::remove_dir(p);
            }
            ops += 1;
        }
        round += 1;
    }
    ops
}

fn load_with_deadline(root: &Path, deadline: Duration) -> Loaded {
    let (tx, rx) = mpsc::channel();
    let src = Source::Dir(root.to_path_buf());
    std::thread::spawn(move || {
        let _ = tx.send(ingest::load(&src));
    });
    match rx.recv_timeout(deadline) {
        Ok(l) => l,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("load did not finish in {deadline:?}: a hang"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("load panicked"),
    }
}

fn check(scale: Scale) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("archive");
    fs::create_dir(&root).expect("mkdir");
    let mut ex = Expect::default();
    let t = Instant::now();
    tiny_files(&root, scale.tiny, &mut ex);
    huge_file(&root, scale.big_mb, &mut ex);
    deep_nesting(&root, scale.depth, &mut ex);
    odd_names(&root);
    let churned = churn_files(&root, 600);
    let built = t.elapsed();

    let stop = Arc::new(AtomicBool::new(false));
    let churner = {
        let stop = stop.clone();
        let stage = tmp.path().join("stage");
        std::thread::spawn(move || churn(churned, stage, stop))
    };
    let t = Instant::now();
    let loaded = load_with_deadline(&root, Duration::from_secs(scale.deadline_s));
    let took = t.elapsed();
    stop.store(true, Ordering::Relaxed);
    let ops = churner.join().expect("churn thread");
    eprintln!(
        "hostile_scale: {} tiny files, {} MB file, {} deep; built in {built:.1?}, loaded in {took:.1?}: \
         {} files read, {} articles, {} problems; {ops} changes made while loading",
        scale.tiny,
        scale.big_mb,
        scale.depth,
        loaded.files,
        loaded.articles.len(),
        loaded.problems.len()
    );

    let articles: HashMap<&str, &docbao_core::store::Article> =
        loaded.articles.iter().map(|a| (a.path.as_str(), a)).collect();
    let errors: HashSet<&str> = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.path.as_str())
        .collect();
    let lost: Vec<&String> = ex
        .good
        .iter()
        .filter(|g| !articles.contains_key(g.as_str()))
        .collect();
    assert!(
        lost.is_empty(),
        "{} good articles lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
    let unreported: Vec<&String> = ex.bad.iter().filter(|b| !errors.contains(b.as_str())).collect();
    assert!(
        unreported.is_empty(),
        "{} bad files not reported, e.g. {:?}",
        unreported.len(),
        &unreported[..unreported.len().min(5)]
    );

    // The huge file: its head is the article, the rest is reported, not read.
    let huge = loaded
        .problems
        .iter()
        .find(|p| p.path == "huge.txt" && p.message.contains("MB"));
    assert!(huge.is_some(), "huge.txt not reported as read in part");
    assert!(articles["huge.txt"].bytes > ingest::MAX_ARTICLE_BYTES);

    // The nesting deeper than PATH_MAX is reported where the walk had to stop, once.
    let deep: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.path.starts_with("deep/d/d/") && p.severity == Severity::Error)
        .collect();
    assert_eq!(deep.len(), 1, "deep nesting: {deep:?}");
    assert!(deep[0].message.contains("cannot read"), "{}", deep[0]);
    let short = |p: &Problem| format!("{}…: {}", &p.path[..40], p.message);
    eprintln!("hostile_scale: deep nesting reported as {}", short(deep[0]));
    if let Some(h) = huge {
        eprintln!("hostile_scale: {h}");
    }

    // Odd names: every article loads, under a name fit for a terminal, and each is noted.
    let odd: Vec<_> = loaded
        .articles
        .iter()
        .filter(|a| a.path.starts_with("odd/"))
        .collect();
    assert_eq!(
        odd.len(),
        6,
        "{:?}",
        odd.iter().map(|a| &a.path).collect::<Vec<_>>()
    );
    for a in &odd {
        assert!(
            !a.path.chars().any(docbao_extract::text::sanitize::is_unsafe),
            "{:?}",
            a.path
        );
        assert!(!a.path.contains('\n'), "{:?}", a.path);
    }
    let noted = loaded
        .problems
        .iter()
        .filter(|p| p.path.starts_with("odd/") && p.message.contains("not valid UTF-8"))
        .count();
    assert_eq!(noted, 4, "non-UTF-8 names noted (three files, one folder)");

    // Nothing a problem names or says reaches a terminal raw.
    for p in &loaded.problems {
        let s = p.to_string();
        assert!(!s.chars().any(docbao_extract::text::sanitize::is_unsafe), "{s:?}");
    }

    // Every file the walk listed gave an article or an error, churned ones included.
    let mut accounted: HashSet<&str> = articles.keys().copied().collect();
    accounted.extend(errors.iter().copied());
    accounted.remove(deep[0].path.as_str());
    let listed_files = accounted.len();
    assert!(
        listed_files >= loaded.files,
        "{} files listed, {} accounted for",
        loaded.files,
        listed_files
    );

    // `rm` removes a tree deeper than PATH_MAX without holding one descriptor per level.
    let _ = Command::new("rm").arg("-rf").arg(root.join("deep")).status();
}

#[test]
fn hostile_archive_loads() {
    check(Scale {
        tiny: 10_000,
        deadline_s: 120,
        big_mb: 16,
        depth: 10_000,
    });
}

/// The full size of issue 6: `cargo test --release --test hostile_scale -- --ignored --nocapture`.
#[test]
#[ignore = "full size (100,000 files, 200 MB); run in release, see the module docs"]
fn hostile_archive_loads_full_size() {
    check(Scale {
        tiny: 100_000,
        deadline_s: 600,
        big_mb: 200,
        depth: 10_000,
    });
}

/// A file the walk saw as regular, swapped for a pipe before it is read: opening it must not
/// wait for a writer that never comes.
#[test]
fn a_file_swapped_for_a_pipe_after_the_walk_does_not_hang() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pipe = tmp.path().join("swapped.txt");
    if !Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .is_ok_and(|s| s.success())
    {
        return; // no mkfifo here
    }
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(ingest::load_file(&ingest::FileRef::disk("swapped.txt", pipe)));
    });
    let out = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("reading a pipe hung");
    assert!(out.article.is_none());
    assert!(
        out.problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.message.contains("not a regular file")),
        "{:?}",
        out.problems
    );
}
