//! Finding article files: a recursive walk of a folder (hidden folders skipped, symlink loops
//! and unreadable folders reported) or of the sample corpus embedded in the binary.

use super::{Problem, Severity};
use include_dir::{include_dir, Dir};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../assets/corpus");

/// Where articles come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A folder on disk, walked recursively.
    Dir(PathBuf),
    /// One file on disk.
    File(PathBuf),
    /// The sample corpus built into the binary.
    Sample,
}

impl Source {
    /// A short name for titles and messages.
    pub fn label(&self) -> String {
        match self {
            Source::Dir(p) | Source::File(p) => {
                docbao_extract::text::sanitize::sanitize_line(&p.display().to_string())
            }
            Source::Sample => "sample corpus (built in)".to_string(),
        }
    }

    /// The root folder on disk, for opening files in an editor.
    pub fn root(&self) -> Option<&Path> {
        match self {
            Source::Dir(p) => Some(p),
            Source::File(p) => p.parent(),
            Source::Sample => None,
        }
    }
}

/// One article file to read.
#[derive(Debug, Clone)]
pub struct FileRef {
    /// Path relative to the source root, `/`-separated.
    pub rel: String,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

impl FileRef {
    /// A file on disk, named `rel` in messages.
    pub fn disk(rel: impl Into<String>, path: PathBuf) -> Self {
        FileRef {
            rel: rel.into(),
            origin: Origin::Disk(path),
        }
    }

    /// The file's path on disk, if it has one.
    pub fn disk_path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Disk(p) => Some(p),
            Origin::Embedded(_) => None,
        }
    }

    /// Reads at most `limit` bytes; returns them with the file's full size.
    pub fn read(&self, limit: u64) -> std::io::Result<(Vec<u8>, u64)> {
        match &self.origin {
            Origin::Embedded(b) => Ok((b[..b.len().min(limit as usize)].to_vec(), b.len() as u64)),
            Origin::Disk(p) => {
                // Non-blocking, so a file swapped for a FIFO after the walk cannot hang the open;
                // it changes nothing for a regular file.
                let f = std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_NONBLOCK)
                    .open(p)?;
                let meta = f.metadata()?;
                if !meta.is_file() {
                    return Err(std::io::Error::other("not a regular file"));
                }
                let mut buf = Vec::with_capacity(meta.len().min(limit) as usize);
                f.take(limit).read_to_end(&mut buf)?;
                let size = meta.len().max(buf.len() as u64);
                Ok((buf, size))
            }
        }
    }
}

/// What a walk found: the article files, and problems and skipped files.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<FileRef>,
    pub problems: Vec<Problem>,
}

/// Extensions read as articles.
pub fn is_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".txt", ".md", ".markdown", ".text"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Lists the article files of a source, in path order.
pub fn discover(source: &Source) -> Discovery {
    match source {
        Source::Sample => {
            let mut d = Discovery::default();
            walk_embedded(&SAMPLE, &mut d);
            d.files.sort_by(|a, b| a.rel.cmp(&b.rel));
            d
        }
        Source::File(p) => {
            let rel = p
                .file_name()
                .map(|n| super::names::written_path(Path::new(n)))
                .unwrap_or_default();
            Discovery {
                files: vec![FileRef::disk(rel, p.clone())],
                problems: vec![],
            }
        }
        Source::Dir(root) => walk_disk(root),
    }
}

fn walk_embedded(dir: &'static Dir<'static>, d: &mut Discovery) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        if name.starts_with('.') {
            continue;
        }
        if is_article_name(name) {
            d.files.push(FileRef {
                rel,
                origin: Origin::Embedded(f.contents()),
            });
        } else {
            d.problems.push(Problem::new(
                &rel,
                Severity::Skipped,
                "not an article file (only .txt, .md, .markdown and .text are read)",
            ));
        }
    }
    for sub in dir.dirs() {
        let hidden = sub
            .path()
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden {
            walk_embedded(sub, d);
        }
    }
}

fn walk_disk(root: &Path) -> Discovery {
    let mut d = Discovery::default();
    // The name shown and kept in the article: a file name may hold any byte but `/` and NUL,
    // escape sequences and newlines included, and it is shown in the list and the reader:
    // written so it can be shown and still names the file (see `names`).
    let rel_of = |p: &Path| -> String {
        let r = p.strip_prefix(root).unwrap_or(p);
        super::names::written_path(if r.as_os_str().is_empty() { p } else { r })
    };
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(rel_of)
                    .unwrap_or_else(|| root.display().to_string());
                let msg = if let Some(anc) = err.loop_ancestor() {
                    format!("symbolic link loop: leads back to {}; not followed", rel_of(anc))
                } else if let Some(io) = err.io_error() {
                    if err.depth() == 0 {
                        format!("cannot read the archive folder: {io}")
                    } else {
                        format!("cannot read: {io}")
                    }
                } else {
                    format!("cannot read: {err}")
                };
                d.problems.push(Problem::new(&path, Severity::Error, msg));
                continue;
            }
        };
        let ft = entry.file_type();
        let rel = rel_of(entry.path());
        if ft.is_dir() {
            if entry.file_name().to_str().is_none() {
                d.problems.push(Problem::new(
                    &rel,
                    Severity::Note,
                    "folder name is not valid UTF-8; shown with %XX for the bytes that are not",
                ));
            }
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if entry.file_name().to_str().is_none() {
            d.problems.push(Problem::new(
                &rel,
                Severity::Note,
                "file name is not valid UTF-8; shown with %XX for the bytes that are not",
            ));
        }
        if !is_article_name(&name) {
            d.problems.push(Problem::new(
                &rel,
                Severity::Skipped,
                "not an article file (only .txt, .md, .markdown and .text are read)",
            ));
            continue;
        }
        if !ft.is_file() {
            d.problems.push(Problem::new(
                &rel,
                Severity::Error,
                "not a regular file (a pipe, socket or device); not read",
            ));
            continue;
        }
        d.files.push(FileRef::disk(rel, entry.into_path()));
    }
    d
}
