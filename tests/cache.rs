//! The saved store (`store::cache`): a second run gives exactly what reading every file gives,
//! after files change, appear and vanish, and whatever happened to the cache file.

mod common;

use std::path::{Path, PathBuf};

/// `docbao list --json` (with persons and events) and `docbao people --json`, run with the
/// given cache folder (`None`: no cache at all).
fn run(archive: &Path, cache: Option<&Path>, query: &str) -> String {
    let mut out = String::new();
    for args in [vec!["list", "--json", "--query", query], vec!["people", "--json"]] {
        let o = common::cli::run_cached(&args, archive, cache);
        out.push_str(&String::from_utf8_lossy(&o.stdout));
    }
    out
}

fn cache_file(cache: &Path) -> PathBuf {
    let dir = cache.join("docbao");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("cache folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cache"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.remove(0)
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).expect("read fixtures") {
        let e = e.expect("entry");
        let t = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&t).expect("mkdir");
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).expect("copy");
        }
    }
}

#[test]
fn a_cached_archive_reads_the_same_as_a_fresh_one_through_every_change() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labelled");
    let archive = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixtures, archive.path());
    let a = archive.path();
    let cache = tempfile::tempdir().expect("temp dir");
    let c = Some(cache.path());
    let queries = ["", "bo truong", "@nguyen", "2025", "\"quốc hội\"", "'ong !ha"];

    let fresh = run(a, None, "");
    assert!(fresh.lines().count() > 60);
    assert_eq!(run(a, c, ""), fresh, "first run, writing the cache");
    let f = cache_file(cache.path());
    let written = std::fs::metadata(&f).expect("cache").modified().expect("mtime");
    for q in queries {
        assert_eq!(run(a, c, q), run(a, None, q), "from the cache, query {q:?}");
    }
    assert_eq!(
        std::fs::metadata(&f).expect("cache").modified().expect("mtime"),
        written,
        "an unchanged archive does not rewrite its cache"
    );

    // A file rewritten (same size is not enough to hide it: the time changes), one added, one
    // removed, one moved.
    let names: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(a)
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        v.sort();
        v
    };
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        &names[0],
        "date: 2024-05-06\n\nTin mới thay bài cũ\n\nBộ trưởng Nguyễn Văn An nói.\n",
    )
    .expect("write");
    std::fs::write(
        a.join("moi.txt"),
        "date: 2026-01-02\n\nMột bài thêm vào\n\nBà Lê Thị Hoa phát biểu.\n",
    )
    .expect("write");
    std::fs::remove_file(&names[1]).expect("remove");
    std::fs::create_dir_all(a.join("sub")).expect("mkdir");
    std::fs::rename(&names[2], a.join("sub/moved.txt")).expect("move");
    for q in queries {
        assert_eq!(run(a, c, q), run(a, None, q), "after changes, query {q:?}");
    }

    // Removed articles do not pile up in the cache: half the archive goes, the cache shrinks.
    let before = std::fs::metadata(&f).expect("cache").len();
    for p in names.iter().skip(3).step_by(2) {
        std::fs::remove_file(p).expect("remove");
    }
    assert_eq!(run(a, c, ""), run(a, None, ""), "after removing half");
    let after = std::fs::metadata(&f).expect("cache").len();
    assert!(after < before * 3 / 4, "cache {before} -> {after} bytes");
}

#[test]
fn a_damaged_cache_is_never_trusted() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes");
    let archive = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixtures, archive.path());
    let a = archive.path();
    let cache = tempfile::tempdir().expect("temp dir");
    let c = Some(cache.path());
    let fresh = run(a, None, "");
    run(a, c, "");
    let f = cache_file(cache.path());
    let good = std::fs::read(&f).expect("cache");
    assert!(good.len() > 1000);
    let mut damages: Vec<Vec<u8>> = vec![
        vec![],
        good[..good.len() / 2].to_vec(),
        b"not a cache at all".to_vec(),
        [good.as_slice(), b"trailing"].concat(),
    ];
    // 20: the texts' length; 40: inside the texts (left in the file by a restore, checked whole).
    for at in [20, 40, good.len() / 3, good.len() / 2, good.len() - 3] {
        let mut d = good.clone();
        d[at] ^= 0x5a;
        damages.push(d);
    }
    for (i, d) in damages.iter().enumerate() {
        std::fs::write(&f, d).expect("damage");
        assert!(
            run(a, c, "") == fresh,
            "damage {i}: not the same as reading every file"
        );
        // Written again, whole: the next run takes it and leaves it be.
        let rewritten = std::fs::read(&f).expect("cache");
        assert!(rewritten != *d, "damage {i}: the cache is written again");
        assert!(run(a, c, "") == fresh, "damage {i}: from the rewritten cache");
        assert!(
            std::fs::read(&f).expect("cache") == rewritten,
            "damage {i}: used, not rewritten"
        );
    }
}
