//! What each section of a cache file holds, written and read back: the header (stamps, order,
//! problems, persons), the word index, and the articles.

use super::codec::{R, W};
use super::{Stamp, Stamps, Texts};
use crate::store::index::{Entry, WordIndex};
use crate::store::postings::Postings;
use crate::store::{Article, ArticleId, ArticleWords, Body, ContentKey, Store};
use crate::store::{Problem, Severity, Shape};
use chrono::Datelike;
use docbao_extract::hash::FastMap;
use docbao_extract::near::{Sketch, BINS};
use docbao_extract::persons::{Person, PersonIndex};
use docbao_extract::{Date, Event, Mention, Name, Span};
use std::io;

pub(super) struct Header {
    pub(super) stamps: Stamps,
    pub(super) order: Vec<u32>,
    pub(super) problems: Vec<Problem>,
    pub(super) people: PersonIndex,
    /// Stories of two copies or more (new ids).
    pub(super) stories: Vec<Vec<u32>>,
}

pub(super) fn header(
    store: &Store,
    stamps: &Stamps,
    new_id: &[u32],
    fingerprint: u64,
) -> io::Result<Vec<u8>> {
    let mut w = W::default();
    w.u64(fingerprint);
    w.u32(stamps.len() as u32);
    for (rel, s) in stamps {
        w.str(rel);
        w.u64(s.size);
        w.u64(s.mtime_s as u64);
        w.u32(s.mtime_ns);
    }
    w.u32(store.order.len() as u32);
    for id in &store.order {
        w.u32(new_id[id.0 as usize]);
    }
    w.u32(store.problems.len() as u32);
    for p in &store.problems {
        w.str(&p.path);
        w.u64(p.line.map_or(u64::MAX, |l| l as u64));
        w.u8(p.severity as u8);
        w.str(&p.message);
    }
    let (persons, search) = store.people.parts();
    w.u32(persons.len() as u32);
    for p in persons {
        w.str(&p.name);
        w.strs(&p.aliases);
        w.u64(p.articles as u64);
        w.opt_str(p.role.as_deref());
    }
    w.u32(search.len() as u32);
    for (s, i) in search {
        w.str(s);
        w.u32(*i as u32);
    }
    // Stories, their live articles by new id.
    let groups: Vec<Vec<u32>> = store
        .stories
        .groups()
        .map(|g| {
            g.iter()
                .map(|&m| new_id.get(m as usize).copied().unwrap_or(u32::MAX))
                .filter(|&m| m != u32::MAX)
                .collect::<Vec<u32>>()
        })
        .filter(|g| g.len() >= 2)
        .collect();
    w.u32(groups.len() as u32);
    for g in &groups {
        w.u32(g.len() as u32);
        g.iter().for_each(|&m| w.u32(m));
    }
    Ok(w.0)
}

pub(super) fn read_header(r: &mut R<'_>, fingerprint: u64) -> Result<Header, String> {
    if r.u64()? != fingerprint {
        return Err("made by another docbao or with another list of known people".into());
    }
    let n = r.u32()? as usize;
    let mut stamps = Stamps::with_capacity_and_hasher(n.min(1 << 20), Default::default());
    for _ in 0..n {
        let rel = r.str()?;
        let size = r.u64()?;
        let mtime_s = r.u64()? as i64;
        let mtime_ns = r.u32()?;
        stamps.insert(
            rel,
            Stamp {
                size,
                mtime_s,
                mtime_ns,
            },
        );
    }
    let n = r.u32()? as usize;
    let mut order = Vec::with_capacity(n.min(1 << 24));
    for _ in 0..n {
        order.push(r.u32()?);
    }
    let n = r.u32()? as usize;
    let mut problems = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let path = r.str()?;
        let line = r.u64()?;
        let severity = match r.u8()? {
            0 => Severity::Skipped,
            1 => Severity::Note,
            2 => Severity::Warning,
            3 => Severity::Error,
            s => return Err(format!("bad severity {s}")),
        };
        let message = r.str()?;
        problems.push(Problem {
            path,
            line: (line != u64::MAX).then_some(line as usize),
            severity,
            message,
        });
    }
    let n = r.u32()? as usize;
    let mut persons = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        persons.push(Person {
            name: r.str()?,
            aliases: r.strs()?,
            articles: r.u64()? as usize,
            role: r.opt_str()?,
        });
    }
    let n = r.u32()? as usize;
    let mut search = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let s = r.str()?;
        let i = r.u32()? as usize;
        if i >= persons.len() {
            return Err("a person out of range".into());
        }
        search.push((s, i));
    }
    let stories = read_groups(r)?;
    Ok(Header {
        stamps,
        order,
        problems,
        people: PersonIndex::from_parts(persons, search),
        stories,
    })
}

pub(super) fn index(ix: &WordIndex, new_id: &[u32]) -> Vec<u8> {
    let mut w = W::default();
    let entries = ix.entries();
    w.u32(entries.len() as u32);
    let live = new_id.iter().filter(|&&id| id != u32::MAX).count();
    for e in entries {
        w.str(&e.word);
        w.str(&e.folded);
        w.str(&e.marked);
        w.u8(e.in_title as u8);
        let mut list = Vec::with_capacity(e.postings.len());
        list.extend(e.postings.iter().filter_map(|p| {
            let id = *new_id.get((p >> 1) as usize)?;
            (id != u32::MAX).then_some(id << 1 | (p & 1))
        }));
        let mut p = Postings::from_list(list);
        p.compact(live);
        match &p {
            Postings::List(list) => {
                w.u8(0);
                w.u32(list.len() as u32);
                list.iter().for_each(|p| w.u32(*p));
            }
            Postings::Bits { present, title, .. } => {
                w.u8(1);
                w.u64s(present);
                w.u64s(title);
            }
        }
    }
    w.0
}

pub(super) fn read_index(r: &mut R<'_>) -> Result<WordIndex, String> {
    let n = r.u32()? as usize;
    let mut entries = Vec::with_capacity(n.min(1 << 24));
    for _ in 0..n {
        let word: Box<str> = r.str()?.into();
        let folded: Box<str> = r.str()?.into();
        let marked: Box<str> = r.str()?.into();
        let in_title = r.u8()? != 0;
        // Ascending ids, each once: what the filter relies on (the highest is checked against
        // the article count once every section is read). Bitmaps are so by construction.
        let postings = match r.u8()? {
            0 => {
                let k = r.u32()? as usize;
                let raw = r.take(k.checked_mul(4).ok_or("postings too long")?)?;
                let list: Vec<u32> = raw
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                if !Postings::is_ascending(&list) {
                    return Err("a posting list out of order".into());
                }
                Postings::from_list(list)
            }
            1 => {
                let (present, title) = (r.u64s()?, r.u64s()?);
                // Ids fit in 31 bits (postings are `id << 1 | title`).
                if present.len() > 1 << 25 {
                    return Err("a posting bitmap too long".into());
                }
                Postings::from_bits(present, title)
            }
            t => return Err(format!("bad postings kind {t}")),
        };
        entries.push(Entry {
            word,
            folded,
            marked,
            in_title,
            postings,
        });
    }
    Ok(WordIndex::from_entries(entries))
}

/// Encodings an article can name (the decoder's names).
pub(super) const ENCODINGS: [&str; 5] = ["UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "Windows-1258"];
pub(super) const SHAPES: [Shape; 4] = [Shape::DateLine, Shape::FrontMatter, Shape::Bare, Shape::Headers];

/// One article; `text` is where its body stands among the texts and the body's checksum.
pub(super) fn article(
    w: &mut W,
    a: &Article,
    names: &FastMap<&str, u32>,
    text: (u64, u64),
) -> io::Result<()> {
    let enc = ENCODINGS
        .iter()
        .position(|e| *e == a.encoding)
        .ok_or_else(|| io::Error::other(format!("unknown encoding name {}", a.encoding)))?;
    w.u128(a.key.0);
    w.str(&a.path);
    w.u8(SHAPES.iter().position(|s| *s == a.shape).unwrap_or(0) as u8);
    w.u8(enc as u8);
    w.u64(a.bytes);
    w.str(&a.title);
    date(w, &a.date);
    w.u32(a.meta.len() as u32);
    for (k, v) in &a.meta {
        w.str(k);
        w.str(v);
    }
    w.u64(text.0);
    w.u32(a.body.packed_len() as u32);
    w.u64(text.1);
    w.u64(a.words as u64);
    let name = |n: &str| names.get(n).copied().unwrap_or(u32::MAX);
    w.u32(a.persons.len() as u32);
    a.persons.iter().for_each(|p| w.u32(name(p)));
    w.u32(a.mentions.len() as u32);
    for m in &a.mentions {
        w.u32(name(&m.name));
        w.u32(m.group as u32);
        w.u32(m.count);
        w.u8(m.partial as u8);
    }
    w.u32(a.events.len() as u32);
    for e in &a.events {
        date(w, &e.date);
        w.u32(e.at.source);
        w.u32(e.at.start);
        w.u32(e.at.end);
    }
    w.str(&a.folded);
    match &a.sketch {
        Some(sk) => {
            w.u8(1);
            for v in sk.0 {
                w.0.extend_from_slice(&v.to_le_bytes());
            }
        }
        None => w.u8(0),
    }
    Ok(())
}

pub(super) fn read_article(r: &mut R<'_>, names: &[Name], texts: &Texts) -> Result<Article, String> {
    let name = |r: &mut R<'_>| -> Result<Name, String> {
        let i = r.u32()? as usize;
        names
            .get(i)
            .cloned()
            .ok_or_else(|| "a name out of range".to_string())
    };
    let key = ContentKey(r.u128()?);
    let path = r.str()?;
    let shape = *SHAPES.get(r.u8()? as usize).ok_or("bad shape")?;
    let encoding = *ENCODINGS.get(r.u8()? as usize).ok_or("bad encoding")?;
    let bytes = r.u64()?;
    let title = r.str()?;
    let date = read_date(r)?;
    let n = r.u32()? as usize;
    let mut meta = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        meta.push((r.str()?, r.str()?));
    }
    let (at, len, sum) = (r.u64()?, r.u32()?, r.u64()?);
    if at.checked_add(len as u64).is_none_or(|end| end > texts.len) {
        return Err("a text out of range".into());
    }
    let body = Body::saved(texts.file.clone(), texts.base + at, len, sum);
    let words = r.u64()? as usize;
    let n = r.u32()? as usize;
    let mut persons = Vec::with_capacity(n.min(4096));
    for _ in 0..n {
        persons.push(name(r)?);
    }
    let n = r.u32()? as usize;
    let mut mentions = Vec::with_capacity(n.min(4096));
    for _ in 0..n {
        mentions.push(Mention {
            name: name(r)?,
            group: u16::try_from(r.u32()?).map_err(|_| "bad mention group")?,
            count: r.u32()?,
            partial: r.u8()? != 0,
        });
    }
    let n = r.u32()? as usize;
    let mut events = Vec::with_capacity(n.min(4096));
    for _ in 0..n {
        let date = read_date(r)?;
        events.push(Event {
            date,
            at: Span {
                source: r.u32()?,
                start: r.u32()?,
                end: r.u32()?,
            },
        });
    }
    let folded = r.str()?.into();
    let sketch = read_sketch(r)?;
    Ok(Article {
        id: ArticleId::default(),
        key,
        path,
        shape,
        encoding,
        bytes,
        title,
        date,
        meta,
        body,
        words,
        persons,
        mentions,
        events,
        words_for_index: ArticleWords::default(),
        folded,
        sketch,
    })
}

/// Stories of two copies or more, each its articles' ids.
fn read_groups(r: &mut R<'_>) -> Result<Vec<Vec<u32>>, String> {
    let n = r.u32()? as usize;
    let mut stories = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let k = r.u32()? as usize;
        let mut g = Vec::with_capacity(k.min(1 << 16));
        for _ in 0..k {
            g.push(r.u32()?);
        }
        stories.push(g);
    }
    Ok(stories)
}

/// An article's sketch, if it has one.
fn read_sketch(r: &mut R<'_>) -> Result<Option<Sketch>, String> {
    if r.u8()? == 0 {
        return Ok(None);
    }
    let bytes = r.take(BINS * 2)?;
    let mut sk = [0u16; BINS];
    for (v, b) in sk.iter_mut().zip(bytes.chunks_exact(2)) {
        *v = u16::from_le_bytes([b[0], b[1]]);
    }
    Ok(Some(Sketch(sk)))
}

pub(super) fn date(w: &mut W, d: &Date) {
    match *d {
        Date::Day(x) => {
            w.u8(0);
            w.u32(x.year() as u32);
            w.u32(x.month());
            w.u32(x.day());
        }
        Date::Month(y, m) => {
            w.u8(1);
            w.u32(y as u32);
            w.u32(m);
        }
        Date::Year(y) => {
            w.u8(2);
            w.u32(y as u32);
        }
        Date::MonthDay(m, d) => {
            w.u8(3);
            w.u32(m);
            w.u32(d);
        }
        Date::Undated => w.u8(4),
    }
}

pub(super) fn read_date(r: &mut R<'_>) -> Result<Date, String> {
    Ok(match r.u8()? {
        0 => {
            let (y, m, d) = (r.u32()? as i32, r.u32()?, r.u32()?);
            Date::Day(chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("bad date")?)
        }
        1 => Date::Month(r.u32()? as i32, r.u32()?),
        2 => Date::Year(r.u32()? as i32),
        3 => Date::MonthDay(r.u32()?, r.u32()?),
        4 => Date::Undated,
        t => return Err(format!("bad date kind {t}")),
    })
}
