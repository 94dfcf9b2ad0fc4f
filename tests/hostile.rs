//! A folder of hostile files, built at run time: `check` reports every one, exits 1, never
//! panics, and the good article beside them still loads.

use std::fs;
use std::path::Path;
use std::process::Command;

fn docbao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_docbao"))
        // Tests read their fixtures fresh and leave no cache behind.
        .env("DOCBAO_NO_CACHE", "1")
        .args(args)
        .output()
        .expect("run docbao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn build_hostile(dir: &Path) {
    let w = |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).unwrap();
    w(
        "good.txt",
        " date 2025-01-02 Một bài báo bình thường về thời tiết.\n\nTrời nắng đẹp.".as_bytes(),
    );
    w("empty.txt", b"");
    w("blank.md", b"   \n\n  \n");
    w(
        "binary.txt",
        &[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 1,
        ],
    );
    let mut invalid = "date 2024-05-06 Văn bản hỏng ".as_bytes().to_vec();
    invalid.extend_from_slice(&[0xff, 0xfe, 0xfd]);
    invalid.extend_from_slice(" ở giữa câu.\n\nĐoạn hai vẫn đọc được.".as_bytes());
    w("invalid_utf8.txt", &invalid);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Tin UTF-16\n\nBài viết mã hoá UTF-16 vẫn phải đọc được.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    w("utf16.txt", &utf16);
    w(
        "nfd.txt",
        "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t\n\nVa\u{306}n ba\u{309}n da\u{323}ng NFD.".as_bytes(),
    );
    w("crlf.txt", b"date 2023-01-01 Dong mot.\r\n\r\nDong hai.\r\n");
    w(
        "unclosed.md",
        "---\ntitle: \"Không đóng\"\n\nThân bài còn đây.".as_bytes(),
    );
    w(
        "bad_yaml.md",
        "---\ntitle: [x\n---\n\nThân bài vẫn phải còn.".as_bytes(),
    );
    w(
        "escapes.txt",
        b"Tieu de\n\nText \x1b]0;pwned\x07 and \x1b[2J clear.",
    );
    // 50 MB of text
    let chunk = "Một câu văn rất dài lặp đi lặp lại trong tệp khổng lồ. ".repeat(1000);
    let mut big = Vec::with_capacity(51 * 1024 * 1024);
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(chunk.as_bytes());
    }
    w("huge.txt", &big);
    // unreadable: a dangling link, and a file with no permissions (still readable by root)
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    w("noperm.txt", b"date 2022-02-02 Khong co quyen doc.");
    let mut perm = fs::metadata(dir.join("noperm.txt")).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o000);
    fs::set_permissions(dir.join("noperm.txt"), perm).unwrap();
    // a symlink loop
    fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink(dir, dir.join("sub/loop")).unwrap();
    // a FIFO named like an article must not hang the loader
    let fifo = dir.join("pipe.txt");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
    let _ = unsafe_mkfifo(&c);
    w("photo.jpg", &[0xff, 0xd8, 0xff, 0xe0]);
}

fn unsafe_mkfifo(path: &std::ffi::CStr) -> i32 {
    // `mkfifo` from the shell keeps this test free of unsafe code.
    Command::new("mkfifo")
        .arg(path.to_string_lossy().as_ref())
        .status()
        .map(|s| s.code().unwrap_or(1))
        .unwrap_or(1)
}

#[test]
fn check_reports_every_hostile_file() {
    let tmp = tempfile::tempdir().unwrap();
    build_hostile(tmp.path());
    let dir = tmp.path().to_str().unwrap();
    let (code, out, err) = docbao(&["check", dir]);
    assert_eq!(code, 1, "exit code\n{out}\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    let line_for = |name: &str| -> String {
        out.lines()
            .filter(|l| l.starts_with(name))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (name, what) in [
        ("empty.txt", "empty"),
        ("blank.md", "empty"),
        ("binary.txt", "binary"),
        ("invalid_utf8.txt", "invalid UTF-8"),
        ("utf16.txt", "UTF-16"),
        ("nfd.txt", "NFC"),
        ("crlf.txt", "CRLF"),
        ("unclosed.md", "not closed"),
        ("bad_yaml.md", "YAML"),
        ("escapes.txt", "escape"),
        ("huge.txt", "MB"),
        ("dangling.txt", "cannot read"),
        ("sub/loop", "loop"),
        ("photo.jpg", "not an article"),
    ] {
        let l = line_for(name);
        assert!(
            l.contains(what),
            "{name}: expected `{what}` in {l:?}\nfull output:\n{out}"
        );
    }
    if Path::new("/usr/bin/mkfifo").exists() || Path::new("/bin/mkfifo").exists() {
        assert!(line_for("pipe.txt").contains("not a regular file"), "{out}");
    }
    assert!(out.lines().last().unwrap_or("").starts_with("checked "), "{out}");
}

#[test]
fn good_articles_survive_hostile_neighbours() {
    let tmp = tempfile::tempdir().unwrap();
    build_hostile(tmp.path());
    let dir = tmp.path().to_str().unwrap();
    let (code, out, err) = docbao(&["list", dir, "--json"]);
    assert_eq!(code, 0, "{err}");
    let paths: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    for keep in [
        "good.txt",
        "invalid_utf8.txt",
        "utf16.txt",
        "nfd.txt",
        "crlf.txt",
        "unclosed.md",
        "bad_yaml.md",
        "escapes.txt",
        "huge.txt",
    ] {
        assert!(paths.iter().any(|p| p == keep), "{keep} lost: {paths:?}");
    }
    // the escape sequences never reach the output
    assert!(!out.contains('\u{1b}'));
    assert!(!out.contains('\u{7}'));
}

#[test]
fn escape_sequences_written_as_yaml_escapes_go_whole_and_check_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("yaml_escape.md"),
        "---\ntitle: \"Tin \\u001b[31mđỏ\\u001b[0m hôm nay\"\ndate: 2025-03-04\n---\n\nThân bài.\n",
    )
    .expect("write");
    let d = dir.path().to_str().expect("utf-8 temp path");
    let (code, out, err) = docbao(&["list", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\tTin đỏ hôm nay\t"), "{out}");
    let (code, out, _) = docbao(&["check", d]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("yaml_escape.md") && out.contains("escape sequence"),
        "{out}"
    );
}
