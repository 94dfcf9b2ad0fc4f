//! The command line as a script would use it.

use std::io::Read;
use std::process::{Command, Stdio};

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

#[test]
fn list_the_embedded_corpus() {
    let (code, out, _) = docbao(&["list"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 40);
    for l in &lines {
        assert_eq!(l.split('\t').count(), 3, "{l}");
    }
    assert!(lines.last().unwrap().starts_with("undated\t"));
}

#[test]
fn list_json_fields() {
    let (code, out, _) = docbao(&["list", "--json"]);
    assert_eq!(code, 0);
    let mut precisions = std::collections::BTreeSet::new();
    for l in out.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        for k in [
            "path",
            "title",
            "date",
            "date_precision",
            "words",
            "persons",
            "events",
        ] {
            assert!(v.get(k).is_some(), "{k} missing in {l}");
        }
        let p = v["date_precision"].as_str().unwrap().to_string();
        match p.as_str() {
            "day" => assert_eq!(v["date"].as_str().unwrap().len(), 10),
            "month" => assert_eq!(v["date"].as_str().unwrap().len(), 7),
            "undated" => assert!(v["date"].is_null()),
            _ => {}
        }
        precisions.insert(p);
    }
    assert!(precisions.contains("day") && precisions.contains("month") && precisions.contains("undated"));
}

#[test]
fn list_with_a_query_folds_diacritics() {
    let (code, out, _) = docbao(&["list", "--query", "buyt dien"]);
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 3, "{out}");
    assert!(out.to_lowercase().contains("buýt điện"));
    let (_, dated, _) = docbao(&["list", "--query", "2024"]);
    assert!(dated.lines().all(|l| l.starts_with("2024")), "{dated}");
}

#[test]
fn show_prints_one_clean_article() {
    let (_, list, _) = docbao(&["list"]);
    let path = list
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .nth(2)
        .unwrap()
        .to_string();
    let (code, out, err) = docbao(&["show", &path]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().nth(1).unwrap().starts_with("==="));
    // wrapped to the width, but a source URL stays whole so it can be copied
    assert!(out
        .lines()
        .filter(|l| !l.starts_with("source: "))
        .all(|l| unicode_width(l) <= 80));
    let (code, _, err) = docbao(&["show", "no/such/article.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such article"));
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = docbao(&["show", dir.path().to_str().expect("utf-8 temp path")]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is a folder") && err.contains("docbao list"),
        "{err}"
    );
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn check_on_the_sample_is_clean() {
    let (code, out, _) = docbao(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(docbao(&["list", "/no/such/folder"]).0, 2);
    assert_eq!(docbao(&["frobnicate", "x", "y"]).0, 2);
    assert_eq!(docbao(&["list", "--no-such-flag"]).0, 2);
    for sub in ["list", "show", "people", "check"] {
        let (code, out, _) = docbao(&[sub, "--help"]);
        assert_eq!(code, 0);
        assert!(out.contains("Usage"));
    }
}

#[test]
fn closed_pipe_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_docbao"))
        // Tests read their fixtures fresh and leave no cache behind.
        .env("DOCBAO_NO_CACHE", "1")
        .args(["list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101));
}
