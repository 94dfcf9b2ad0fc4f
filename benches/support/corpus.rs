//! The generated archives the benches share, written once under `target/bench-corpus/`, and the
//! cache folder they load through.

use std::path::PathBuf;

/// A generated archive of `n` articles (seed 7), written on first use.
pub fn corpus(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-corpus/{n}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("corpus dir");
        super::gen::write_corpus(&dir, n, 7).expect("generate");
        std::fs::write(&done, b"").expect("marker");
    }
    dir
}

/// Points the store cache at `target/bench-cache/`.
pub fn use_bench_cache() {
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-cache");
    std::env::set_var("XDG_CACHE_HOME", cache);
}
