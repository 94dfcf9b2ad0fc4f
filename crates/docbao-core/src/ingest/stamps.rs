//! The size and time of every file a load finds, taken before any is read: what the saved
//! store's stamps are compared with.

use super::FileRef;
use crate::store::cache::{Stamp, Stamps};
use rayon::prelude::*;
use std::path::Path;

/// Every file's size and time. Files of one folder are looked up from that folder
/// (`fstatat`): a path resolved whole for each of 100,000 files cost more than the rest of a
/// restart's walk. Folders and names are cut from each path's bytes at its last `/`: taking
/// them apart as `Path` components was a tenth of a restart's CPU.
pub(super) fn stamps_of(files: &[FileRef]) -> Stamps {
    let mut groups: Vec<&[FileRef]> = Vec::new();
    let mut rest = files;
    while let Some(first) = rest.first() {
        // Compared as bytes: `Path`'s own equality takes both apart into components.
        let dir = first.disk_path().map(|p| split_last(p).0.as_os_str());
        let n = rest
            .iter()
            .position(|f| f.disk_path().map(|p| split_last(p).0.as_os_str()) != dir)
            .unwrap_or(rest.len());
        groups.push(&rest[..n]);
        rest = &rest[n..];
    }
    groups
        .par_iter()
        .flat_map_iter(|g| {
            let dir = g[0]
                .disk_path()
                .map(split_last)
                .and_then(|(d, _)| Folder::open(d));
            g.iter().filter_map(move |f| {
                let path = f.disk_path()?;
                let stamp = match (&dir, split_last(path).1) {
                    (Some(d), name) if !name.is_empty() => d.stamp(name),
                    _ => Stamp::of(path),
                };
                Some((f.rel.clone(), stamp?))
            })
        })
        .collect()
}

/// A path's folder and name: the parts before and after its last `/` (an empty folder for a
/// bare name, which no folder opens, so such a file is looked up by its whole path).
fn split_last(p: &Path) -> (&Path, &std::ffi::OsStr) {
    use std::os::unix::ffi::OsStrExt;
    let b = p.as_os_str().as_bytes();
    let (dir, name) = match b.iter().rposition(|&c| c == b'/') {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (&b[..0], b),
    };
    (
        Path::new(std::ffi::OsStr::from_bytes(dir)),
        std::ffi::OsStr::from_bytes(name),
    )
}

/// An open folder, to look its files up by name.
struct Folder(std::os::fd::OwnedFd);

impl Folder {
    fn open(path: &Path) -> Option<Folder> {
        use std::os::fd::FromRawFd;
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).ok()?;
        // SAFETY: `c` is a valid C string; the descriptor returned is owned by the result.
        let fd = unsafe { libc::open(c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC) };
        // SAFETY: a descriptor `open` just returned, closed only by `OwnedFd`.
        (fd >= 0).then(|| Folder(unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) }))
    }

    /// Size and modification time of `name` in the folder, following symbolic links (as
    /// `std::fs::metadata` does).
    fn stamp(&self, name: &std::ffi::OsStr) -> Option<Stamp> {
        use std::os::fd::AsRawFd;
        let c = std::ffi::CString::new(name.as_encoded_bytes()).ok()?;
        let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: valid descriptor and C string; `st` is written in full when the call succeeds.
        let r = unsafe { libc::fstatat(self.0.as_raw_fd(), c.as_ptr(), st.as_mut_ptr(), 0) };
        if r != 0 {
            return None;
        }
        // SAFETY: fstatat returned 0, so it filled `st`.
        let st = unsafe { st.assume_init() };
        Some(Stamp {
            size: st.st_size as u64,
            mtime_s: st.st_mtime,
            mtime_ns: st.st_mtime_nsec.clamp(0, 999_999_999) as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_splits_at_its_last_slash_as_its_parent_and_name_would() {
        for p in [
            "a/b.txt",
            "/x/y/z.md",
            "docs/2025/11/bài viết.txt",
            "dir/.hidden.md",
        ] {
            let p = Path::new(p);
            let (dir, name) = split_last(p);
            assert_eq!(Some(dir), p.parent(), "{p:?}");
            assert_eq!(Some(name), p.file_name(), "{p:?}");
        }
        // A bare name has no folder to open: it is looked up by its whole path.
        assert_eq!(
            split_last(Path::new("a.txt")),
            (Path::new(""), std::ffi::OsStr::new("a.txt"))
        );
    }
}
