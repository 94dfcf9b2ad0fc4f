//! The configuration file as the command line reads it: every run has its own
//! `$XDG_CONFIG_HOME`, so the user's own files never reach these tests.

use std::path::Path;
use std::process::Command;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A config folder holding `config.yaml` (when given).
    fn with(config: Option<&str>) -> Home {
        let dir = tempfile::tempdir().expect("temp dir");
        if let Some(c) = config {
            std::fs::create_dir_all(dir.path().join("docbao")).expect("mkdir");
            std::fs::write(dir.path().join("docbao/config.yaml"), c).expect("write config");
        }
        Home { dir }
    }

    fn config_path(&self) -> std::path::PathBuf {
        self.dir.path().join("docbao/config.yaml")
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_docbao"))
            // Tests read their fixtures fresh and leave no cache behind.
            .env("DOCBAO_NO_CACHE", "1")
            .args(args)
            .env("XDG_CONFIG_HOME", self.dir.path())
            .env("HOME", self.dir.path())
            .env_remove("DOCBAO_CONFIG")
            .output()
            .expect("run docbao");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

#[test]
fn a_broken_file_stops_every_command_with_line_and_key() {
    let home = Home::with(Some("date_format: \"%d/%m/%Y\"\nthme:\n  title: red\n"));
    for args in [
        &["list"][..],
        &["people"],
        &["check"],
        &["show", "2025/scm-seoul-hegseth-ahn.md"],
        &["config"],
    ] {
        let (code, out, err) = home.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            out.is_empty(),
            "{args:?} printed output from half a config: {out}"
        );
        assert!(err.contains("config.yaml line 2"), "{err}");
        assert!(err.contains("key `thme`"), "{err}");
        assert!(err.contains("did you mean `theme`?"), "{err}");
    }
    // the reader too, before it looks for a terminal
    let (code, _, err) = home.run(&[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line 2") && !err.contains("needs a terminal"),
        "{err}"
    );
}

#[test]
fn kinds_of_mistakes_name_what_was_expected() {
    let cases = [
        (
            "keys:\n  browse:\n    down: Ctrl+x\n",
            "line 3",
            "keys.browse.down",
            "did you mean `C-x`?",
        ),
        (
            "keys:\n  browse:\n    dwon: x\n",
            "line 3",
            "keys.browse.dwon",
            "did you mean `down`?",
        ),
        (
            "theme:\n  title: purple\n",
            "line 2",
            "theme.title",
            "`purple` is not a colour",
        ),
        ("date_format: \"%Y-%m-%Q\"\n", "line 1", "date_format", "`%Q`"),
        (
            "keys:\n  browse:\n    down: k\n",
            "line 3",
            "keys.browse.down",
            "already bound to `up`",
        ),
        ("archive: [1, 2]\n", "line 1", "archive", "expected a folder path"),
        (
            "people:\n  - name: An\n    alias: [x]\n",
            "line 3",
            "alias",
            "did you mean `aliases`?",
        ),
    ];
    for (yaml, line, key, what) in cases {
        let home = Home::with(Some(yaml));
        let (code, _, err) = home.run(&["list"]);
        assert_eq!(code, 2, "{yaml}");
        assert!(err.contains(line), "{yaml}: {err}");
        assert!(err.contains(key), "{yaml}: {err}");
        assert!(err.contains(what), "{yaml}: {err}");
    }
}

#[test]
fn the_default_file_is_a_valid_file_that_changes_nothing() {
    let home = Home::with(None);
    let (code, yaml, _) = home.run(&["config", "--default"]);
    assert_eq!(code, 0);
    assert!(
        yaml.lines().filter(|l| l.starts_with('#')).count() > 10,
        "not commented"
    );
    let (_, plain, _) = home.run(&["list"]);
    std::fs::create_dir_all(home.dir.path().join("docbao")).unwrap();
    std::fs::write(home.config_path(), &yaml).unwrap();
    let (code, out, err) = home.run(&["config"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(": ok; archive: the built-in sample; 0 key bindings changed; 0 colours changed"),
        "{out}"
    );
    let (code, with_default, err) = home.run(&["list"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(plain, with_default);
}

#[test]
fn config_path_and_the_flag_and_the_environment() {
    let home = Home::with(None);
    let (code, out, _) = home.run(&["config", "--path"]);
    assert_eq!(code, 0);
    assert_eq!(Path::new(out.trim()), home.config_path());
    let (code, out, _) = home.run(&["config"]);
    assert_eq!(code, 0);
    assert!(out.contains("no such file; using the defaults"), "{out}");
    // --config names another file, anywhere on the command line; it must exist
    let other = home.dir.path().join("other.yaml");
    std::fs::write(&other, "date_format: \"%d/%m/%Y\"\n").unwrap();
    let other_s = other.to_str().unwrap();
    let with_equals = format!("--config={other_s}");
    for args in [
        vec!["list", "--config", other_s],
        vec!["--config", other_s, "list"],
        vec![with_equals.as_str(), "list"],
    ] {
        let (code, out, err) = home.run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            out.lines().next().unwrap().starts_with("10/02/2026\t"),
            "{args:?}: {out}"
        );
    }
    // A folder goes after its subcommand; before it, it is an error, not silently dropped.
    let (code, out, err) = home.run(&["/no/such/folder", "list"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("docbao list /no/such/folder"), "{err}");
    let (code, _, err) = home.run(&["/no/such/folder", "config"]);
    assert_eq!(code, 2);
    assert!(err.contains("takes no folder"), "{err}");
    let (code, _, err) = home.run(&["--config", "/no/such/config.yaml", "list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/no/such/config.yaml") && err.contains("no such file"),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_docbao"))
        // Tests read their fixtures fresh and leave no cache behind.
        .env("DOCBAO_NO_CACHE", "1")
        .args(["config", "--path"])
        .env("XDG_CONFIG_HOME", home.dir.path())
        .env("DOCBAO_CONFIG", other_s)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), other_s);
}

#[test]
fn date_format_in_text_output_but_not_in_json() {
    let home = Home::with(Some(
        "date_format: \"%e tháng %m, %Y\"\nmonth_format: \"%m/%Y\"\n",
    ));
    let (code, out, err) = home.run(&["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l.starts_with("10 tháng 02, 2026\t")), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("02/2026\t")),
        "month precision: {out}"
    );
    let (_, json, _) = home.run(&["list", "--json"]);
    assert!(json.contains("\"date\":\"2026-02-10\""), "{json}");
    let (code, show, _) = home.run(&["show", "2025/scm-seoul-hegseth-ahn.md"]);
    assert_eq!(code, 0);
    assert!(show.contains(" 4 tháng 11, 2025 (day)"), "{show}");
}

#[test]
fn archive_default_is_used_when_no_folder_is_given() {
    let home = Home::with(None);
    let news = home.dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        news.join("a.txt"),
        "date 2025-01-02 Một bài báo duy nhất.\n\nNội dung.",
    )
    .unwrap();
    std::fs::create_dir_all(home.dir.path().join("docbao")).unwrap();
    std::fs::write(home.config_path(), "archive: ~/news\n").unwrap();
    let (code, out, err) = home.run(&["list"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("a.txt"));
    // a folder on the command line still wins
    let (_, sample, _) = home.run(&["list", home.dir.path().join("news").to_str().unwrap()]);
    assert_eq!(sample, out);
    // a relative archive is read from the config file's folder (and its paths, that `show`
    // opens, go through it)
    std::fs::write(home.config_path(), "archive: ../news\n").unwrap();
    let relative = home.run(&["list"]).1;
    assert_eq!(relative.replace("/docbao/../news/", "/news/"), out);
    let path = relative.trim_end().rsplit('\t').next().unwrap_or_default();
    let (code, shown, err) = home.run(&["show", path]);
    assert_eq!(code, 0, "{err}");
    assert!(shown.starts_with("Một bài báo duy nhất"), "{shown}");
    // and a missing one is named with where it came from
    std::fs::write(home.config_path(), "archive: ~/gone\n").unwrap();
    let (code, _, err) = home.run(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("gone") && err.contains("the `archive` of"), "{err}");
}

#[test]
fn people_aliases_from_the_config_are_merged() {
    let before = Home::with(None).run(&["people"]).1;
    assert!(before.lines().any(|l| l.contains("\tAhn Gyu-back")), "{before}");
    let home = Home::with(Some(
        "people:\n  - name: \"An Quý Bách\"\n    aliases: [\"Ahn Gyu-back\", \"An Gyu-baek\"]\n",
    ));
    let (code, out, err) = home.run(&["people"]);
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains("An Quý Bách"))
        .unwrap_or_else(|| panic!("alias not merged:\n{out}"));
    assert!(line.contains("\tAn Quý Bách"), "{line}");
    assert!(
        !out.lines().any(|l| l.split('\t').nth(1) == Some("Ahn Gyu-back")),
        "{out}"
    );
    // NFD in the file is read as NFC
    let nfd: String = "An Quý Bách".chars().flat_map(decompose).collect();
    assert_ne!(nfd, "An Quý Bách");
    let home = Home::with(Some(&format!(
        "people:\n  - name: \"{nfd}\"\n    aliases: [\"Ahn Gyu-back\"]\n"
    )));
    let (_, out, _) = home.run(&["people"]);
    assert!(out.contains("\tAn Quý Bách"), "{out}");
}

/// NFD for the letters of the test name: ý and á split into base and mark.
fn decompose(c: char) -> Vec<char> {
    match c {
        'ý' => vec!['y', '\u{301}'],
        'á' => vec!['a', '\u{301}'],
        c => vec![c],
    }
}
