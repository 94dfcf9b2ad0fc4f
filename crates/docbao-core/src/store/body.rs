//! An article's body kept compact: its blocks encoded one after another and LZ4-compressed into
//! one allocation. Bodies are most of an archive's bytes but are read only when an article is
//! shown or a term has to look at the text itself (phrases, exact substrings, marks), so they
//! are decoded on demand; a 3 KB body decodes in a few microseconds.
//!
//! The encoding, before compression, is a sequence of blocks, each a kind byte followed by its
//! texts, each a LEB128 length and UTF-8 bytes. The compressed form is what the saved store
//! keeps; a store restored from it leaves the bodies in the file and reads one when asked
//! (a restart then reads and holds only what lists, indexes and ranks articles).

use docbao_extract::Block;
use std::borrow::Cow;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

/// Blocks, encoded and compressed, in memory or in a saved store's file. Decoding is checked:
/// a damaged buffer gives the blocks read before the damage, never a panic; a saved body that
/// cannot be read back whole and unchanged (its checksum) gives no blocks.
#[derive(Clone, Default)]
pub struct Body(Repr);

#[derive(Clone)]
enum Repr {
    /// LEB128 length of the encoded blocks, then the LZ4 block of them. Shared: a load that
    /// finds persons after the articles are searchable reads the text from the same bytes.
    Packed(Arc<[u8]>),
    /// The same bytes, `len` of them at `at` in `file`, with their XXH3-64.
    Saved {
        file: Arc<File>,
        at: u64,
        len: u32,
        sum: u64,
    },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Packed(Arc::default())
    }
}

const HEADING: u8 = 0;
const PARAGRAPH: u8 = 1;
const IMAGE: u8 = 2;
const CAPTION: u8 = 3;
const CAPTION_CREDITED: u8 = 4;
const CREDIT: u8 = 5;

/// LZ4 cannot expand its input more than this (a guard against a damaged length asking for
/// gigabytes).
const MAX_RATIO: usize = 255;

impl Body {
    pub fn pack(blocks: &[Block]) -> Self {
        if blocks.is_empty() {
            return Body::default();
        }
        let mut enc = Vec::with_capacity(blocks.iter().map(|b| text_len(b) + 4).sum());
        for b in blocks {
            match b {
                Block::Heading { text } => put(&mut enc, HEADING, &[text]),
                Block::Paragraph { text } => put(&mut enc, PARAGRAPH, &[text]),
                Block::Image { path } => put(&mut enc, IMAGE, &[path]),
                Block::Caption { text, credit: None } => put(&mut enc, CAPTION, &[text]),
                Block::Caption {
                    text,
                    credit: Some(c),
                } => put(&mut enc, CAPTION_CREDITED, &[text, c]),
                Block::Credit { text } => put(&mut enc, CREDIT, &[text]),
            }
        }
        let compressed = lz4_flex::block::compress(&enc);
        let mut head = Vec::with_capacity(10);
        varint(&mut head, enc.len());
        let mut packed = Vec::with_capacity(head.len() + compressed.len());
        packed.extend_from_slice(&head);
        packed.extend_from_slice(&compressed);
        Body(Repr::Packed(packed.into()))
    }

    /// A body as [`Body::packed`] gave it.
    pub fn from_packed(packed: Box<[u8]>) -> Self {
        Body(Repr::Packed(packed.into()))
    }

    /// Whether `other` is this very body (a clone of it), not another with the same bytes: what
    /// was derived from one article's text is given only to that article, never to the one a
    /// live change put in its place.
    pub fn same(&self, other: &Body) -> bool {
        match (&self.0, &other.0) {
            (Repr::Packed(a), Repr::Packed(b)) => Arc::ptr_eq(a, b),
            (Repr::Saved { file: f, at: a, .. }, Repr::Saved { file: g, at: b, .. }) => {
                Arc::ptr_eq(f, g) && a == b
            }
            _ => false,
        }
    }

    /// A body left in a saved store: `len` bytes at `at` in `file`, whose XXH3-64 is `sum`.
    pub fn saved(file: Arc<File>, at: u64, len: u32, sum: u64) -> Self {
        if len == 0 {
            return Body::default();
        }
        Body(Repr::Saved { file, at, len, sum })
    }

    /// The compressed form (read from the saved store's file for a body left there; empty
    /// when it cannot be read back unchanged).
    pub fn packed(&self) -> Cow<'_, [u8]> {
        match &self.0 {
            Repr::Packed(p) => Cow::Borrowed(p),
            Repr::Saved { file, at, len, sum } => {
                let mut buf = vec![0u8; *len as usize];
                match file.read_exact_at(&mut buf, *at) {
                    Ok(()) if xxhash_rust::xxh3::xxh3_64(&buf) == *sum => Cow::Owned(buf),
                    _ => Cow::Borrowed(&[]),
                }
            }
        }
    }

    /// Length of the compressed form.
    pub fn packed_len(&self) -> usize {
        match &self.0 {
            Repr::Packed(p) => p.len(),
            Repr::Saved { len, .. } => *len as usize,
        }
    }

    /// Whether the text is in memory (not left in a saved store's file).
    pub fn in_memory(&self) -> bool {
        matches!(self.0, Repr::Packed(_))
    }

    pub fn is_empty(&self) -> bool {
        self.packed_len() == 0
    }

    /// The blocks, decoded.
    pub fn blocks(&self) -> Vec<Block> {
        let mut out = Vec::new();
        self.visit(|kind, a, b| {
            out.push(match kind {
                HEADING => Block::Heading { text: a.into() },
                PARAGRAPH => Block::Paragraph { text: a.into() },
                IMAGE => Block::Image { path: a.into() },
                CAPTION => Block::Caption {
                    text: a.into(),
                    credit: None,
                },
                CAPTION_CREDITED => Block::Caption {
                    text: a.into(),
                    credit: Some(b.into()),
                },
                _ => Block::Credit { text: a.into() },
            })
        });
        out
    }

    /// Calls `f` with the text of every searchable block (see [`Block::searchable`]), in order,
    /// without building the blocks.
    pub fn for_each_searchable(&self, mut f: impl FnMut(&str)) {
        self.visit(|kind, a, _| {
            if matches!(kind, HEADING | PARAGRAPH | CAPTION | CAPTION_CREDITED) {
                f(a)
            }
        });
    }

    /// Decodes and calls `f(kind, text, credit)` per block; stops at the first damage.
    fn visit(&self, mut f: impl FnMut(u8, &str, &str)) {
        let packed = self.packed();
        let Some((len, at)) = read_varint(&packed) else {
            return;
        };
        if len > (packed.len() - at) * MAX_RATIO + 16 {
            return;
        }
        let Ok(enc) = lz4_flex::block::decompress(&packed[at..], len) else {
            return;
        };
        let mut r = Reader { bytes: &enc, at: 0 };
        while let Some(kind) = r.byte() {
            let Some(a) = r.text() else { return };
            let b = if kind == CAPTION_CREDITED {
                match r.text() {
                    Some(b) => b,
                    None => return,
                }
            } else {
                ""
            };
            if kind > CREDIT {
                return;
            }
            f(kind, a, b);
        }
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.blocks()).finish()
    }
}

fn text_len(b: &Block) -> usize {
    match b {
        Block::Heading { text } | Block::Paragraph { text } | Block::Credit { text } => text.len(),
        Block::Image { path } => path.len(),
        Block::Caption { text, credit } => text.len() + credit.as_ref().map_or(0, |c| c.len()),
    }
}

fn put(enc: &mut Vec<u8>, kind: u8, texts: &[&str]) {
    enc.push(kind);
    for t in texts {
        varint(enc, t.len());
        enc.extend_from_slice(t.as_bytes());
    }
}

fn varint(out: &mut Vec<u8>, mut v: usize) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A LEB128 number and the bytes it took.
fn read_varint(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut v = 0usize;
    for (i, &b) in bytes.iter().enumerate().take(9) {
        v |= ((b & 0x7f) as usize) << (7 * i);
        if b < 0x80 {
            return Some((v, i + 1));
        }
    }
    None
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn text(&mut self) -> Option<&'a str> {
        let (len, n) = read_varint(self.bytes.get(self.at..)?)?;
        let start = self.at + n;
        let s = self.bytes.get(start..start.checked_add(len)?)?;
        self.at = start + len;
        simdutf8::basic::from_utf8(s).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading {
                text: "Bộ trưởng Quốc phòng".into(),
            },
            Block::Paragraph {
                text: "Hội nghị diễn ra ngày 4/11/2025 tại Kuala Lumpur.".into(),
            },
            Block::Image { path: "a.jpg".into() },
            Block::Caption {
                text: "Quang cảnh".into(),
                credit: Some("Ảnh: TTXVN".into()),
            },
            Block::Caption {
                text: "".into(),
                credit: None,
            },
            Block::Credit {
                text: "Photo: YONHAP".into(),
            },
            Block::Paragraph {
                text: "x".repeat(300),
            },
        ]
    }

    #[test]
    fn blocks_come_back_as_they_went_in() {
        let blocks = sample();
        let body = Body::pack(&blocks);
        assert_eq!(body.blocks(), blocks);
        assert_eq!(Body::from_packed(body.packed().into()).blocks(), blocks);
        assert!(Body::pack(&[]).is_empty());
        assert_eq!(Body::pack(&[]).blocks(), vec![]);
    }

    #[test]
    fn a_saved_body_is_read_from_its_file_and_checked() {
        use std::io::Write;
        let blocks = sample();
        let packed = Body::pack(&blocks).packed().into_owned();
        let mut f = tempfile::tempfile().expect("temp file");
        f.write_all(b"before").expect("write");
        f.write_all(&packed).expect("write");
        let f = Arc::new(f);
        let sum = xxhash_rust::xxh3::xxh3_64(&packed);
        let saved = Body::saved(f.clone(), 6, packed.len() as u32, sum);
        assert!(!saved.in_memory());
        assert_eq!(saved.packed_len(), packed.len());
        assert_eq!(saved.blocks(), blocks);
        // Wrong place, wrong checksum, past the end: no blocks, no panic.
        assert_eq!(
            Body::saved(f.clone(), 5, packed.len() as u32, sum).blocks(),
            vec![]
        );
        assert_eq!(
            Body::saved(f.clone(), 6, packed.len() as u32, sum ^ 1).blocks(),
            vec![]
        );
        assert_eq!(Body::saved(f, 1 << 40, 10, sum).blocks(), vec![]);
    }

    #[test]
    fn searchable_texts_are_the_blocks_searchable_ones() {
        let blocks = sample();
        let mut seen = Vec::new();
        Body::pack(&blocks).for_each_searchable(|t| seen.push(t.to_string()));
        let want: Vec<String> = blocks
            .iter()
            .filter_map(Block::searchable)
            .map(String::from)
            .collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn damage_never_panics() {
        let packed = Body::pack(&sample()).packed().to_vec();
        for cut in 0..packed.len() {
            let _ = Body::from_packed(packed[..cut].into()).blocks();
        }
        for i in 0..packed.len() {
            for x in [0x00, 0xff, 0x80, 0x7f] {
                let mut p = packed.clone();
                p[i] ^= x;
                let _ = Body::from_packed(p.into()).blocks();
            }
        }
        // A length asking for far more than is there.
        let _ = Body::from_packed(vec![0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3].into()).blocks();
    }
}
