//! docbao's own folders, looked up in one place from the environment (the XDG base directories):
//! configuration, reading state, caches.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// A variable that is set and not empty.
fn var(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// The folder docbao's configuration lives in: `$XDG_CONFIG_HOME/docbao`, else
/// `~/.config/docbao`.
pub fn config_dir() -> Option<PathBuf> {
    let base = var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("docbao"))
}

/// The state folder: `$XDG_STATE_HOME/docbao` when that is an absolute path (the XDG rule),
/// else `$HOME/.local/state/docbao`.
pub fn state_dir_from(xdg_state_home: Option<&OsStr>, home: Option<&OsStr>) -> Option<PathBuf> {
    if let Some(x) = xdg_state_home.filter(|x| Path::new(x).is_absolute()) {
        return Some(Path::new(x).join("docbao"));
    }
    home.filter(|h| !h.is_empty())
        .map(|h| Path::new(h).join(".local/state/docbao"))
}

/// The state folder from the environment.
pub fn state_dir() -> Option<PathBuf> {
    state_dir_from(
        std::env::var_os("XDG_STATE_HOME").as_deref(),
        std::env::var_os("HOME").as_deref(),
    )
}

/// The folder caches go in: `$XDG_CACHE_HOME/docbao/`, else `~/.cache/docbao/`; `None` with
/// neither, or when `DOCBAO_NO_CACHE` is set.
pub fn cache_dir() -> Option<PathBuf> {
    if var("DOCBAO_NO_CACHE").is_some() {
        return None;
    }
    let base = match var("XDG_CACHE_HOME") {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(var("HOME")?).join(".cache"),
    };
    Some(base.join("docbao"))
}

/// The name of an archive's own files (reading state, cache): a readable slug of its
/// canonical path and a short hash of it (`home-an-news-3f2a91c04b7e.json`).
pub fn name_for_archive(p: &Path) -> String {
    name_for_path(&canonical(p))
}

/// The path as the archive is known by: resolved when it exists, else made absolute.
pub fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// `{slug}-{hash}.json` for an absolute path.
pub fn name_for_path(p: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let text: String = p.to_string_lossy().nfc().collect();
    let mut slug = String::new();
    for c in docbao_extract::text::fold(&text).chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    // The end of the path says the most: keep its last 40 characters (all ASCII here).
    let slug = slug[slug.len().saturating_sub(40)..].trim_start_matches('-');
    let slug = if slug.is_empty() { "archive" } else { slug };
    let hash = xxhash_rust::xxh3::xxh3_64(p.as_os_str().as_bytes());
    format!("{slug}-{:012x}.json", hash >> 16)
}
