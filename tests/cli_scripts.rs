//! The command line in scripts and pipes, on the fixture archive `tests/fixtures/cli` (and on
//! folders made at run time for names no repository should hold): what a shell user chains,
//! what a script can trust.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

/// Runs docbao with no cache, no configuration and its reading state under `state` (a fresh
/// folder when `None`); returns the exit code, stdout and stderr.
fn run_in(state: Option<&Path>, args: &[&str]) -> (i32, String, String) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let state = state.unwrap_or(tmp.path());
    let out = Command::new(env!("CARGO_BIN_EXE_docbao"))
        .env("DOCBAO_NO_CACHE", "1")
        .env("XDG_STATE_HOME", state)
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env_remove("DOCBAO_CONFIG")
        .args(args)
        .output()
        .expect("run docbao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn docbao(args: &[&str]) -> (i32, String, String) {
    run_in(None, args)
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
        for extra in [&[][..], &["--json"][..]] {
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
