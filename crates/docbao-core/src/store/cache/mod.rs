//! The store saved to disk, so an unchanged archive opens without reading its files again.
//!
//! One file per archive folder in `$XDG_CACHE_HOME/docbao/` (default `~/.cache/docbao/`), named
//! like the reading state. It holds every article as derived (persons resolved), the word index,
//! the person index, and the size and modification time of every file it came from. On the next
//! start each file is checked against its stamp: unchanged files come from the cache, changed
//! and new files are read again, files gone are dropped. Anything wrong with the cache file (a
//! checksum, the version, a truncated section, a value out of range) means it is not used: the
//! archive is read as if it had none, never half-trusted.
//!
//! The layout is a plain binary encoding written by hand (no serde: the JSON forms of these
//! types are for people). Sections carry a length and an XXH3 checksum and are encoded and
//! decoded in parallel: the header (stamps, order, problems, persons), the word index, and the
//! articles in chunks.

use crate::paths;
use crate::store::index::WordIndex;
use crate::store::{Article, ArticleId, Store};
use docbao_extract::hash::FastMap;
use docbao_extract::Name;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod codec;
mod sections;

use codec::{R, W};
use sections::{article, header, index, read_article, read_header, read_index, Header};

const MAGIC: &[u8; 8] = b"DOCBAO\x00C";
/// Bumped whenever the layout or anything derived changes meaning.
const VERSION: u32 = 11;
/// Articles per section.
const CHUNK: usize = 2048;

/// A file's size and modification time, as seen before it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_s: i64,
    pub mtime_ns: u32,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(Stamp {
            size: m.len(),
            mtime_s: m.mtime(),
            mtime_ns: m.mtime_nsec().clamp(0, 999_999_999) as u32,
        })
    }
}

/// Stamps by path relative to the archive root (FNV-hashed: a restart looks up every file twice).
pub type Stamps = FastMap<String, Stamp>;

/// Where the cache of an archive folder lives (see [`paths::cache_dir`]): a file named like the
/// archive's reading state.
pub fn path_for(root: &Path) -> Option<PathBuf> {
    let dir = paths::cache_dir()?;
    let name = paths::name_for_archive(root);
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    Some(dir.join(format!("{stem}.cache")))
}

/// What a cache file gives back.
pub struct Snapshot {
    pub store: Store,
    pub stamps: Stamps,
}

/// Writes the store and the stamps of its files, section by section (a few sections in memory
/// at a time), to a temporary file renamed over the old one: a reader sees the old cache or the
/// new one, never half of one.
pub fn save(store: &Store, stamps: &Stamps, path: &Path, fingerprint: u64) -> io::Result<()> {
    use std::io::{Seek, Write};
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    // Left by a save that was cut short (the reader quit while saving): a cache is big.
    if let Ok(entries) = std::fs::read_dir(dir) {
        let prefix = format!(".{name}.tmp-");
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let result = (|| {
        let mut f = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        let (live, new_id) = live_articles(store);
        let chunks: Vec<&[&Article]> = live.chunks(CHUNK).collect();
        f.write_all(MAGIC)?;
        f.write_all(&VERSION.to_le_bytes())?;
        f.write_all(&(2 + chunks.len() as u32).to_le_bytes())?;
        // The texts first, one after another; the sections say where each is. A restore
        // skips them and reads one when it is shown or searched.
        // Each text read once (from the old cache file for a restored store): written, and
        // summed on the way; the texts' checksum goes into the header afterwards.
        let total: u64 = live.iter().map(|a| a.body.packed_len() as u64).sum();
        f.write_all(&total.to_le_bytes())?;
        f.write_all(&0u64.to_le_bytes())?;
        let mut texts: Vec<(u64, u64)> = Vec::with_capacity(live.len());
        let mut whole = xxhash_rust::xxh3::Xxh3::new();
        let mut rel = 0u64;
        for a in &live {
            let p = a.body.packed();
            if p.len() != a.body.packed_len() {
                return Err(io::Error::other(format!(
                    "the text of {} could not be read back",
                    a.path
                )));
            }
            f.write_all(&p)?;
            whole.update(&p);
            texts.push((rel, xxhash_rust::xxh3::xxh3_64(&p)));
            rel += p.len() as u64;
        }
        f.seek(io::SeekFrom::Start(TEXTS_AT - 8))?;
        f.write_all(&whole.digest().to_le_bytes())?;
        f.seek(io::SeekFrom::End(0))?;
        let text_chunks: Vec<&[(u64, u64)]> = texts.chunks(CHUNK).collect();
        let mut put = |s: &[u8]| -> io::Result<()> {
            f.write_all(&(s.len() as u64).to_le_bytes())?;
            f.write_all(&xxhash_rust::xxh3::xxh3_64(s).to_le_bytes())?;
            f.write_all(s)
        };
        put(&header(store, stamps, &new_id, fingerprint)?)?;
        put(&index(&store.words, &new_id))?;
        for (group, texts) in chunks.chunks(IN_FLIGHT).zip(text_chunks.chunks(IN_FLIGHT)) {
            let encoded: io::Result<Vec<Vec<u8>>> = group
                .par_iter()
                .zip(texts)
                .map(|(c, t)| encode_chunk(c, t))
                .collect();
            for e in encoded? {
                put(&e)?;
            }
        }
        f.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Only the articles still in the archive, renumbered densely in id order (so posting lists
/// stay ascending): removed ones do not pile up from one run to the next. Returns them and each
/// old id's new one (`u32::MAX` for the removed).
fn live_articles(store: &Store) -> (Vec<&Article>, Vec<u32>) {
    let mut new_id = vec![u32::MAX; store.articles.len()];
    let mut live: Vec<&Article> = Vec::with_capacity(store.order.len());
    let mut in_order = vec![false; store.articles.len()];
    for id in &store.order {
        in_order[id.0 as usize] = true;
    }
    for a in &store.articles {
        if in_order[a.id.0 as usize] {
            new_id[a.id.0 as usize] = live.len() as u32;
            live.push(a);
        }
    }
    (live, new_id)
}

/// Sections encoded or decoded at once (bounds the memory a save or a load needs beside the
/// store itself).
const IN_FLIGHT: usize = 8;

/// A section: its person names once, then its articles, which refer to the names by number
/// (most articles name people other articles name too; restoring shares one copy of each).
fn encode_chunk(c: &[&Article], texts: &[(u64, u64)]) -> io::Result<Vec<u8>> {
    let mut w = W(Vec::with_capacity(c.len() * 4096));
    let mut names: FastMap<&str, u32> = FastMap::default();
    let mut table: Vec<&str> = Vec::new();
    for a in c {
        let all = a.persons.iter().chain(a.mentions.iter().map(|m| &m.name));
        for n in all {
            names.entry(&**n).or_insert_with(|| {
                table.push(n);
                table.len() as u32 - 1
            });
        }
    }
    w.u32(table.len() as u32);
    table.iter().for_each(|n| w.str(n));
    w.u32(c.len() as u32);
    for (a, t) in c.iter().zip(texts) {
        article(&mut w, a, &names, *t)?;
    }
    Ok(w.0)
}

/// Reads a cache file; any problem is an error saying what was wrong. Sections are read a few at
/// a time and decoded on every core.
pub fn load(path: &Path, fingerprint: u64) -> Result<Snapshot, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let size = file.metadata().map_err(|e| format!("cannot read: {e}"))?.len();
    // The articles' texts are read from this handle when asked for, for as long as the store
    // lives: a newer cache renamed over this one later leaves this file readable.
    let text_file = Arc::new(file.try_clone().map_err(|e| format!("cannot read: {e}"))?);
    let mut f = io::BufReader::with_capacity(1 << 20, file);
    let read = |f: &mut io::BufReader<std::fs::File>, n: usize| -> Result<Vec<u8>, String> {
        let mut b = vec![0u8; n];
        f.read_exact(&mut b).map_err(|_| "truncated".to_string())?;
        Ok(b)
    };
    let head = read(&mut f, TEXTS_AT as usize)?;
    if &head[..8] != MAGIC {
        return Err("not a docbao cache".into());
    }
    let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
    if version != VERSION {
        return Err(format!("cache version {version}, this docbao writes {VERSION}"));
    }
    let n = u32::from_le_bytes([head[12], head[13], head[14], head[15]]) as usize;
    if n < 2 {
        return Err("no sections".into());
    }
    let texts_len = u64::from_le_bytes(head[16..24].try_into().map_err(|_| "truncated")?);
    let texts_sum = u64::from_le_bytes(head[24..32].try_into().map_err(|_| "truncated")?);
    let at: u64 = TEXTS_AT.saturating_add(texts_len);
    if at > size {
        return Err("truncated".into());
    }
    f.seek_relative(texts_len as i64)
        .map_err(|e| format!("cannot read: {e}"))?;
    let texts = Texts {
        file: text_file,
        base: TEXTS_AT,
        len: texts_len,
    };
    std::thread::scope(|s| {
        // The texts are checked whole while the sections are read (a damaged cache is never
        // trusted), through one small buffer: none of them is kept.
        let check = s.spawn(|| texts.checksum() == Some(texts_sum));
        let parts = read_sections(&mut f, (n, size, at), &texts, fingerprint);
        match check.join() {
            Ok(true) => parts,
            _ => Err("the articles' texts are damaged".into()),
        }
    })
    .and_then(assemble)
}

/// The sections after the texts, `n` of them, ending at `size`.
fn read_sections(
    f: &mut io::BufReader<std::fs::File>,
    (n, size, mut at): (usize, u64, u64),
    texts: &Texts,
    fingerprint: u64,
) -> Result<Vec<Part>, String> {
    use std::io::Read;
    let read = |f: &mut io::BufReader<std::fs::File>, n: usize| -> Result<Vec<u8>, String> {
        let mut b = vec![0u8; n];
        f.read_exact(&mut b).map_err(|_| "truncated".to_string())?;
        Ok(b)
    };
    let mut parts = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let mut group = Vec::with_capacity(IN_FLIGHT);
        while group.len() < IN_FLIGHT && i < n {
            let lens = read(f, 16)?;
            let len = u64::from_le_bytes(lens[..8].try_into().map_err(|_| "truncated")?);
            let sum = u64::from_le_bytes(lens[8..].try_into().map_err(|_| "truncated")?);
            at = at.saturating_add(16).saturating_add(len);
            if at > size {
                return Err("truncated".into());
            }
            group.push((i, sum, read(f, len as usize)?));
            i += 1;
        }
        let decoded: Vec<Result<Part, String>> = group
            .par_iter()
            .map(|(i, sum, s)| decode_section(*i, *sum, s, texts, fingerprint))
            .collect();
        for d in decoded {
            parts.push(d?);
        }
    }
    if at != size {
        return Err("trailing bytes".into());
    }
    Ok(parts)
}

/// The store the sections describe.
fn assemble(parts: Vec<Part>) -> Result<Snapshot, String> {
    let mut head = None;
    let mut words = None;
    let total = parts
        .iter()
        .map(|p| match p {
            Part::Articles(v) => v.len(),
            _ => 0,
        })
        .sum();
    let mut articles = Vec::with_capacity(total);
    for d in parts {
        match d {
            Part::Header(h) => head = Some(h),
            Part::Index(ix) => words = Some(ix),
            Part::Articles(v) => articles.extend(v),
        }
    }
    let (Some(head), Some(words)) = (head, words) else {
        return Err("sections out of order".into());
    };
    let n = articles.len();
    if head.order.iter().any(|&i| i as usize >= n) || words.max_id().is_some_and(|m| m as usize >= n) {
        return Err("an article id out of range".into());
    }
    let mut seen = vec![false; n];
    for &i in &head.order {
        if std::mem::replace(&mut seen[i as usize], true) {
            return Err("an article listed twice".into());
        }
    }
    for (i, a) in articles.iter_mut().enumerate() {
        a.id = ArticleId(i as u32);
    }
    let mut store = Store {
        order: head.order.into_iter().map(ArticleId).collect(),
        problems: head.problems,
        people: head.people,
        stories: super::stories::Stories::from_groups(head.stories, n),
        words,
        generation: super::next_generation(),
        resolved: true,
        ..Store::default()
    };
    store.articles = articles;
    // The two lookups by path and by person, one on each core.
    let mut live: Vec<ArticleId> = store.order.clone();
    live.sort_unstable();
    let arts = &store.articles;
    let (by_path, persons) = rayon::join(
        || {
            let mut m = super::PathMap::with_capacity_and_hasher(live.len(), Default::default());
            m.extend(live.iter().map(|&id| (arts[id.0 as usize].path.clone(), id)));
            m
        },
        || {
            let mut p = super::PersonPostings::default();
            for &id in &live {
                p.add(id, arts[id.0 as usize].folded_persons());
            }
            p
        },
    );
    store.by_path = by_path;
    store.persons = persons;
    Ok(Snapshot {
        store,
        stamps: head.stamps,
    })
}

/// Where a cache file's texts are.
pub(super) struct Texts {
    file: Arc<std::fs::File>,
    base: u64,
    len: u64,
}

impl Texts {
    /// XXH3-64 of all the texts, read a megabyte at a time.
    fn checksum(&self) -> Option<u64> {
        use std::os::unix::fs::FileExt;
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut done = 0u64;
        while done < self.len {
            let n = (self.len - done).min(buf.len() as u64) as usize;
            self.file.read_exact_at(&mut buf[..n], self.base + done).ok()?;
            h.update(&buf[..n]);
            done += n as u64;
        }
        Some(h.digest())
    }
}

/// Where the texts start: after the magic, version, section count, texts' length and checksum.
const TEXTS_AT: u64 = 32;

fn decode_section(i: usize, sum: u64, s: &[u8], texts: &Texts, fingerprint: u64) -> Result<Part, String> {
    if xxhash_rust::xxh3::xxh3_64(s) != sum {
        return Err(format!("section {i}: checksum mismatch"));
    }
    let mut r = R { b: s, at: 0 };
    let part = match i {
        0 => Part::Header(read_header(&mut r, fingerprint)?),
        1 => Part::Index(read_index(&mut r)?),
        _ => {
            let k = r.u32()? as usize;
            let mut names: Vec<Name> = Vec::with_capacity(k.min(1 << 16));
            for _ in 0..k {
                names.push(r.str()?.into());
            }
            let k = r.u32()? as usize;
            let mut v = Vec::with_capacity(k.min(CHUNK));
            for _ in 0..k {
                v.push(read_article(&mut r, &names, texts)?);
            }
            Part::Articles(v)
        }
    };
    if r.at != s.len() {
        return Err(format!("section {i}: trailing bytes"));
    }
    Ok(part)
}

enum Part {
    Header(Header),
    Index(WordIndex),
    Articles(Vec<Article>),
}
