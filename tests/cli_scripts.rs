//! The command line in scripts and pipes, on the fixture archive `tests/fixtures/cli` (and on
//! folders made at run time for names no repository should hold): what a shell user chains,
//! what a script can trust.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

/// Where a run keeps its reading state (a fresh folder unless given) and its cache (none
/// unless given).
#[derive(Default)]
struct Homes<'a> {
    state: Option<&'a Path>,
    cache: Option<&'a Path>,
}

/// Runs docbao with no configuration, its reading state and cache where `homes` says (no
/// cache unless one is given); returns the exit code, stdout and stderr.
fn run_in(homes: Homes<'_>, args: &[&str]) -> (i32, String, String) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docbao"));
    cmd.env("XDG_STATE_HOME", homes.state.unwrap_or(tmp.path()))
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env_remove("DOCBAO_CONFIG")
        .env_remove("DOCBAO_NO_CACHE")
        .env("COLUMNS", "80");
    match homes.cache {
        Some(c) => cmd.env("XDG_CACHE_HOME", c),
        None => cmd.env("DOCBAO_NO_CACHE", "1"),
    };
    let out = cmd.args(args).output().expect("run docbao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn docbao(args: &[&str]) -> (i32, String, String) {
    run_in(Homes::default(), args)
}

#[test]
fn an_unreadable_query_term_lists_nothing_and_exits_2() {
    let dir = fixture();
    let dir = dir.to_str().expect("utf-8 path");
    for (query, named) in [
        ("since:2025-13", "since:2025-13"),
        ("bao 2025-02-30", "2025-02-30"),
        ("@", "`@`"),
        ("is:foo", "is:foo"),
        ("metro until:2025-02-30", "until:2025-02-30"),
    ] {
        for extra in [&[][..], &["--json"][..], &["--format", "csv"][..]] {
            let mut args = vec!["list", dir, "--query", query];
            args.extend_from_slice(extra);
            let (code, out, err) = docbao(&args);
            assert_eq!(code, 2, "{query} {extra:?}: {err}");
            assert_eq!(out, "", "{query} {extra:?}: nothing on stdout");
            assert!(err.contains(named), "{query}: {err}");
            assert!(err.contains("nothing listed"), "{query}: {err}");
        }
    }
    // The same terms written right still filter.
    let (code, out, _) = docbao(&["list", dir, "--query", "since:2025-11"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "{out}");
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

#[test]
fn counts_read_in_the_singular_and_plural() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "mot.txt", "date 2025-01-02 Tin vắn.\n".as_bytes());
    write(dir.path(), "rong.txt", b"");
    write(dir.path(), "anh.jpg", b"\xff\xd8");
    write(dir.path(), "khong-ngay.txt", "Tin ngắn\n\nMưa.\n".as_bytes());
    let d = dir.path().to_str().expect("utf-8 path");
    let (code, out, _) = docbao(&["check", d]);
    assert_eq!(code, 1, "{out}");
    let summary = out.lines().last().unwrap_or_default();
    assert!(
        summary.contains(
            ": 3 article files, 2 loaded; 1 error, 0 warnings in 1 file; 0 notes; 1 other file skipped"
        ),
        "{summary}"
    );
    let (code, out, err) = docbao(&["show", &format!("{d}/khong-ngay.txt")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("undated · 1 word · "), "{out}");
    assert!(!out.contains("undated (undated)"), "{out}");
    let (_, out, _) = docbao(&["show", &format!("{d}/mot.txt")]);
    assert!(out.contains("2025-01-02 (day) · 2 words · "), "{out}");
}

/// The `article files:` figure of `list --stats`.
fn stats_files(err: &str) -> usize {
    let at = err.find("article files: ").expect("the figure") + "article files: ".len();
    err[at..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

#[test]
fn stats_count_the_same_files_with_the_cache_and_without() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..4 {
        let text = format!(
            "date 2025-01-0{} Bài số {i} về giao thông.\n\nNội dung bài {i}.",
            i + 1
        );
        write(dir.path(), &format!("a{i}.txt"), text.as_bytes());
    }
    write(dir.path(), "rong.txt", b"");
    write(dir.path(), "nhi-phan.md", b"\x00\x01\x02\x03 binary");
    let d = dir.path().to_str().expect("utf-8 path");
    let cache = tempfile::tempdir().expect("temp dir");
    let with_cache = || {
        run_in(
            Homes {
                cache: Some(cache.path()),
                ..Homes::default()
            },
            &["list", d, "--stats"],
        )
    };
    let (_, _, fresh) = docbao(&["list", d, "--stats"]);
    let (_, _, first) = with_cache();
    let (_, _, restored) = with_cache();
    assert!(std::fs::read_dir(cache.path()).expect("a cache").count() > 0);
    for err in [&fresh, &first, &restored] {
        assert_eq!(stats_files(err), 6, "{err}");
        assert!(err.contains("articles: 4 "), "{err}");
    }
}

#[test]
fn check_gives_the_line_of_removed_control_characters() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "ban-tin.txt",
        "date 2025-03-01 Bản tin sáng.\n\nDòng ba có \x1b[31mmàu\x1b[0m.\nDòng bốn.\nDòng năm kêu \x07.\n"
            .as_bytes(),
    );
    write(
        dir.path(),
        "yaml.md",
        b"---\ncreated_at: \"2025-03-02\"\ntitle: \"Tin \\u001b[2Jmoi\"\n---\n\nNoi dung.\n",
    );
    let d = dir.path().to_str().expect("utf-8 path");
    let (code, out, _) = docbao(&["check", d]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "ban-tin.txt:3: warning: 3 control characters or terminal escape sequences removed (lines 3 and 5)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "yaml.md:3: warning: 1 control character or terminal escape sequence removed from the front matter's values (first in `title`)"
        ),
        "{out}"
    );
    let (_, json, _) = docbao(&["check", d, "--json"]);
    for l in json.lines().filter(|l| l.contains("removed")) {
        let v: serde_json::Value = serde_json::from_str(l).expect("json");
        assert_eq!(v["line"], 3, "{l}");
    }
}

/// Runs a shell pipeline with `docbao` on the PATH of a fresh folder; returns its code, stdout
/// and stderr.
fn pipeline(script: &str, cwd: &Path) -> (i32, String, String) {
    let bin = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_docbao"), bin.path().join("docbao")).expect("link");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let homes = tempfile::tempdir().expect("temp dir");
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(cwd)
        .env("PATH", path)
        .env("DOCBAO_NO_CACHE", "1")
        .env("XDG_STATE_HOME", homes.path())
        .env("XDG_CONFIG_HOME", homes.path())
        .env_remove("DOCBAO_CONFIG")
        .output()
        .expect("run sh");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_and_show_chain_in_a_pipe() {
    let dir = fixture();
    let d = dir.to_str().expect("utf-8 path");
    let first_title = "Bộ trưởng Quốc phòng ba nước họp trực tuyến";
    // The issue's own line, with the folder given whole, and relative to where it runs.
    let (code, out, err) = pipeline(
        &format!("docbao list '{d}' | head -1 | cut -f3 | xargs docbao show"),
        Path::new("/"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(first_title), "{out}");
    let (code, out, err) = pipeline(
        "docbao list cli | head -1 | cut -f3 | xargs docbao show --json",
        &dir.join(".."),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert!(
        v["title"].as_str().is_some_and(|t| t.starts_with(first_title)),
        "{out}"
    );
    // Every article at once, names with spaces included; the articles come one after another.
    let (code, out, err) = pipeline(
        &format!("docbao list '{d}' | cut -f3 | tr '\\n' '\\0' | xargs -0 docbao show"),
        Path::new("/"),
    );
    assert_eq!(code, 0, "{err}");
    for title in [
        first_title,
        "Tuyến metro số 2",
        "Bão số 5 đổ bộ",
        "Ghi chú buổi sáng về chợ hoa",
    ] {
        assert!(out.contains(title), "{title}: {out}");
    }
    // `list --json` paths are relative to the folder: `show --dir` reads them there.
    let (code, out, err) = pipeline(
        &format!("docbao list '{d}' --json | head -1 | sed 's/.*\"path\":\"\\([^\"]*\\)\".*/\\1/' | xargs docbao show -C '{d}'"),
        Path::new("/"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(first_title), "{out}");
    // The sample corpus as before: its paths as `list` prints them.
    let (code, out, err) = pipeline(
        "docbao list | head -1 | cut -f3 | xargs docbao show",
        Path::new("/"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("===")), "{out}");
    // A path that is nowhere prints nothing, even beside good ones.
    let good = format!("{d}/2025/metro-thong-tuyen.txt");
    let (code, out, err) = docbao(&["show", &good, "2025/none.txt"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("no such article: 2025/none.txt"), "{err}");
}

#[test]
fn a_file_name_with_an_escape_sequence_is_listed_so_show_opens_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let odd: &[u8] = b"esc\x1b[31mred\x07.txt";
    std::fs::write(
        dir.path().join(std::ffi::OsStr::from_bytes(odd)),
        "date 2025-05-01 Bài có tên tệp lạ.\n\nNội dung bài có tên tệp lạ.",
    )
    .expect("write");
    // A name that only looks like an escape, and the file it would decode to: two articles.
    write(
        dir.path(),
        "giam 50%41.txt",
        "date 2025-05-02 Bài giảm giá thật.\n\nMột.".as_bytes(),
    );
    write(
        dir.path(),
        "giam 50A.txt",
        "date 2025-05-03 Bài chữ A.\n\nHai.".as_bytes(),
    );
    let d = dir.path().to_str().expect("utf-8 path");
    let (code, out, _) = docbao(&["list", d]);
    assert_eq!(code, 0);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    let paths: Vec<&str> = out.lines().filter_map(|l| l.split('\t').nth(2)).collect();
    assert_eq!(
        paths,
        [
            format!("{d}/giam 50A.txt"),
            format!("{d}/giam 50%2541.txt"),
            format!("{d}/esc%1B[31mred%07.txt"),
        ]
    );
    for (p, title) in paths
        .iter()
        .zip(["Bài chữ A", "Bài giảm giá thật", "Bài có tên tệp lạ"])
    {
        let (code, out, err) = docbao(&["show", p]);
        assert_eq!(code, 0, "{p}: {err}");
        assert!(out.starts_with(title), "{p}: {out}");
        assert!(!out.contains('\u{1b}'), "{out:?}");
    }
    // JSON names it the same way, relative to the folder; `show --dir` opens it.
    let (_, json, _) = docbao(&["list", d, "--json", "--query", "tên tệp"]);
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("json");
    assert_eq!(v["path"], "esc%1B[31mred%07.txt");
    let (code, out, _) = docbao(&["show", "--dir", d, "esc%1B[31mred%07.txt"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Bài có tên tệp lạ"), "{out}");
    // check names it so too.
    let (_, out, _) = docbao(&["check", d]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

#[test]
fn titles_are_whole_in_list_and_json() {
    let dir = fixture();
    let d = dir.to_str().expect("utf-8 path");
    let title = "Bộ trưởng Quốc phòng ba nước họp trực tuyến, thống nhất tăng cường chia sẻ dữ liệu \
                 cảnh báo tên lửa và mở rộng diễn tập chung trong năm tới";
    let (_, out, _) = docbao(&["list", d]);
    assert_eq!(
        out.lines().next().and_then(|l| l.split('\t').nth(1)),
        Some(title),
        "{out}"
    );
    let (_, out, _) = docbao(&["list", d, "--json"]);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap_or_default()).expect("json");
    assert_eq!(v["title"], title);
    assert!(!out.contains('…'), "{out}");
}

/// Gives the fixture's articles these tags (by path inside it) in a reading state under `state`,
/// as the reader would have saved it.
fn tag_fixture(state: &Path, tags: &[(&str, &[&str])]) {
    use docbao_core::ingest::{self, Source};
    use docbao_core::state::{file_name, ReadingState, StateFile};
    let source = Source::Dir(fixture());
    let loaded = ingest::load(&source);
    let mut marks = ReadingState::new();
    for (path, t) in tags {
        let a = loaded
            .articles
            .iter()
            .find(|a| a.path == *path)
            .expect("an article");
        let t: Vec<String> = t.iter().map(|s| s.to_string()).collect();
        assert!(marks.set_tags(a, &t));
    }
    StateFile::at(state.join("docbao").join(file_name(&source)), "fixture")
        .save(&marks)
        .expect("save");
}

#[test]
fn list_exports_json_lines_csv_and_markdown_with_tags() {
    let state = tempfile::tempdir().expect("temp dir");
    tag_fixture(
        state.path(),
        &[
            ("2025/hoi-nghi-quoc-phong.md", &["quốc-phòng", "an-ninh"]),
            ("2024/bao-so-5.txt", &["thời-tiết"]),
        ],
    );
    let dir = fixture();
    let d = dir.to_str().expect("utf-8 path");
    let run = |args: &[&str]| {
        run_in(
            Homes {
                state: Some(state.path()),
                ..Homes::default()
            },
            args,
        )
    };
    let (code, json, err) = run(&["list", d, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(run(&["list", d, "--format", "jsonl"]).1, json);
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["tags"], serde_json::json!(["an-ninh", "quốc-phòng"]));
    assert_eq!(rows[1]["tags"], serde_json::json!([]));

    let (code, csv, err) = run(&["list", d, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("path,title,date,date_precision,words,persons,events,shape,url,tags")
    );
    let first = lines.next().unwrap_or_default();
    assert!(
        first.starts_with("2025/hoi-nghi-quoc-phong.md,\"Bộ trưởng Quốc phòng ba nước"),
        "{first}"
    );
    assert!(first.ends_with(",an-ninh; quốc-phòng"), "{first}");
    assert_eq!(csv.lines().count(), 5);

    let (code, md, err) = run(&["list", d, "--format", "md", "--query", "is:tagged"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        md.matches("\n## ").count() + usize::from(md.starts_with("## ")),
        2,
        "{md}"
    );
    assert!(md.contains("- tags: an-ninh, quốc-phòng\n"), "{md}");
    assert!(md.contains("- tags: thời-tiết\n"), "{md}");

    // tag:NAME, without diacritics too; the lines stay date, title, path.
    for q in ["tag:quốc-phòng", "tag:quoc-phong", "tag:An-Ninh"] {
        let (code, out, err) = run(&["list", d, "--query", q]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().count(), 1, "{q}: {out}");
        assert!(out.ends_with("2025/hoi-nghi-quoc-phong.md\n"), "{out}");
    }
    let (_, out, _) = run(&["list", d, "--query", "!tag:thoi-tiet"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    // show --json finds the archive's state above the file.
    let (code, out, err) = run(&["show", "--json", &format!("{d}/2024/bao-so-5.txt")]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(v["tags"], serde_json::json!(["thời-tiết"]));
    // One format at a time; an unknown one is a usage error.
    assert_eq!(run(&["list", d, "--json", "--format", "csv"]).0, 2);
    assert_eq!(run(&["list", d, "--format", "xml"]).0, 2);
}
