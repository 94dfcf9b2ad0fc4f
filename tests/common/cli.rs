//! The real docbao run as a command, with the user's state and configuration kept out and a
//! cache folder of the test's choosing.
#![allow(dead_code)] // each test file uses its own part

use std::path::Path;
use std::process::{Command, Output};

/// `docbao ARGS DIR`, with `cache` as `$XDG_CACHE_HOME` (`None`: no cache at all); fails the
/// test when docbao fails.
pub fn run_cached(args: &[&str], dir: &Path, cache: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docbao"));
    cmd.args(args).arg(dir);
    let state = tempfile::tempdir().expect("temp dir");
    cmd.env("XDG_STATE_HOME", state.path())
        .env("XDG_CONFIG_HOME", state.path());
    match cache {
        Some(c) => cmd.env("XDG_CACHE_HOME", c).env_remove("DOCBAO_NO_CACHE"),
        None => cmd.env("DOCBAO_NO_CACHE", "1"),
    };
    let o = cmd.output().expect("run docbao");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}
