//! End-to-end: the archive changes while docbao runs (the real binary in a pseudo-terminal):
//! a file dropped in appears, a rewritten file updates, a deleted one goes, and the filter and
//! the selection stay as they were.

mod common;

use common::tui::{status_line, Tui};
use std::path::Path;

fn article(dir: &Path, name: &str, date: &str, title: &str, body: &str) {
    std::fs::write(dir.join(name), format!("date: {date}\n\n{title}\n\n{body}\n")).expect("write article");
}

#[test]
fn files_dropped_in_changed_and_removed_show_up_while_it_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    article(
        root,
        "a.txt",
        "2025-01-02",
        "Cầu Long Biên sửa xong",
        "Cây cầu mở lại cho xe máy.",
    );
    article(
        root,
        "b.txt",
        "2025-01-03",
        "Chợ hoa Tết mở sớm",
        "Người bán hoa về từ sáng.",
    );
    let path = root.to_str().expect("utf-8 temp path");
    let mut t = Tui::start(&[path], 100, 24, &[]);
    t.wait_text("Chợ hoa Tết mở sớm");
    t.wait_for("2 articles", |s| status_line(s).contains("2/2"));

    // A filter typed before the change stays, and new matches join it.
    t.send("/");
    t.send("cau");
    t.send("\r");
    t.wait_for("the filter applied", |s| status_line(s).contains("1/2"));

    std::fs::create_dir(root.join("moi")).expect("mkdir");
    article(
        &root.join("moi"),
        "c.txt",
        "2025-02-01",
        "Cầu Thăng Long thông xe",
        "Cầu mới sơn lại.",
    );
    let s = t.wait_text("Cầu Thăng Long thông xe");
    assert!(s.contains("Cầu Long Biên sửa xong"), "{s}");
    assert!(!s.contains("Chợ hoa Tết"), "the filter still holds: {s}");
    t.wait_for("3 articles, 2 shown", |s| status_line(s).contains("2/3"));

    // A rewritten file shows its new title in place.
    article(
        root,
        "a.txt",
        "2025-01-02",
        "Cầu Long Biên sửa xong lần hai",
        "Cây cầu mở lại.",
    );
    t.wait_text("Cầu Long Biên sửa xong lần hai");

    // A deleted file goes.
    std::fs::remove_file(root.join("moi/c.txt")).expect("remove");
    t.wait_for("the removed article gone", |s| {
        !s.contains("Cầu Thăng Long") && status_line(s).contains("1/2")
    });

    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn a_restart_comes_back_from_the_cache_with_changes_since() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for i in 0..30 {
        article(
            root,
            &format!("t{i:02}.txt"),
            "2025-03-04",
            &format!("Tin số {i} về đê sông Hồng"),
            "Nước lên.",
        );
    }
    let cache = tempfile::tempdir().expect("temp dir");
    let c = cache.path().to_str().expect("utf-8 temp path");
    let path = root.to_str().expect("utf-8 temp path");
    let mut t = Tui::start(&[path], 100, 24, &[("XDG_CACHE_HOME", c)]);
    // The load is over (not only its articles shown: under load its end came after `q`, and
    // a load cut short by a quit leaves no cache).
    t.wait_for("30 articles loaded", |s| {
        status_line(s).contains("30 articles loaded")
    });
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    // Quitting at once still leaves a whole cache, not a temporary file cut short.
    let saved: Vec<String> = std::fs::read_dir(cache.path().join("docbao"))
        .expect("a cache folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        saved.iter().any(|n| !n.starts_with('.')) && !saved.iter().any(|n| n.contains(".tmp-")),
        "{saved:?}"
    );

    std::fs::remove_file(root.join("t00.txt")).expect("remove");
    article(root, "t01.txt", "2025-03-05", "Tin số 1 viết lại", "Nước rút.");
    article(
        root,
        "moi.txt",
        "2025-03-06",
        "Bài mới sau khi đóng",
        "Trời nắng.",
    );
    let mut t = Tui::start(&[path], 100, 24, &[("XDG_CACHE_HOME", c)]);
    let s = t.wait_for("30 articles again", |s| status_line(s).contains("30/30"));
    assert!(
        s.contains("Bài mới sau khi đóng") && s.contains("Tin số 1 viết lại"),
        "{s}"
    );
    assert!(!s.contains("Tin số 0 về"), "{s}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
