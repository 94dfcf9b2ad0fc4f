//! One word's posting list: the articles that use it, ascending, each as `id << 1 | in_title`.
//!
//! A list of numbers while the word is rare; two bitmaps (the articles, and those with it in
//! their title) once it is common enough that 2 bits an article take less than 32 bits a
//! posting, that is in more than one article in 16. Words follow Zipf's law, so the few common
//! words hold most postings: as bitmaps they take a fraction of the memory, and marking them in
//! a score column goes 64 articles at a time.

/// Postings of one word; see the module's documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Postings {
    List(Vec<u32>),
    Bits {
        /// Bit `id % 64` of word `id / 64`: the article uses the word.
        present: Vec<u64>,
        /// The same for the title (may be shorter than `present`: missing words are zero).
        title: Vec<u64>,
        len: u32,
    },
}

impl Default for Postings {
    fn default() -> Self {
        Postings::List(Vec::new())
    }
}

impl Postings {
    /// From postings in ascending id order, each id once (not checked here: see
    /// [`Postings::is_ascending`]).
    pub fn from_list(list: Vec<u32>) -> Self {
        Postings::List(list)
    }

    /// From bitmaps (the saved form): the count is taken from the bits.
    pub fn from_bits(present: Vec<u64>, mut title: Vec<u64>) -> Self {
        title.truncate(present.len());
        for (t, p) in title.iter_mut().zip(&present) {
            *t &= p;
        }
        let len = present.iter().map(|w| w.count_ones()).sum();
        Postings::Bits { present, title, len }
    }

    /// Adds a posting; its id must be above every id already there.
    pub fn push(&mut self, p: u32) {
        match self {
            Postings::List(v) => v.push(p),
            Postings::Bits { present, title, len } => {
                let id = (p >> 1) as usize;
                let (w, b) = (id / 64, id % 64);
                if present.len() <= w {
                    present.resize(w + 1, 0);
                }
                present[w] |= 1 << b;
                if p & 1 == 1 {
                    if title.len() <= w {
                        title.resize(w + 1, 0);
                    }
                    title[w] |= 1 << b;
                }
                *len += 1;
            }
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Postings::List(v) => v.len(),
            Postings::Bits { len, .. } => *len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The posting with the highest id.
    pub fn last(&self) -> Option<u32> {
        match self {
            Postings::List(v) => v.last().copied(),
            Postings::Bits { present, title, .. } => {
                let w = present.iter().rposition(|&w| w != 0)?;
                let b = 63 - present[w].leading_zeros() as usize;
                let t = title.get(w).is_some_and(|t| t >> b & 1 == 1);
                Some(((w * 64 + b) as u32) << 1 | t as u32)
            }
        }
    }

    /// Every posting, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.in_range(0, u32::MAX)
    }

    /// The postings whose article id is in `lo..hi`, ascending.
    pub fn in_range(&self, lo: u32, hi: u32) -> Iter<'_> {
        match self {
            Postings::List(v) => {
                let start = v.partition_point(|&p| (p >> 1) < lo);
                let end = v.partition_point(|&p| (p >> 1) < hi);
                Iter::List(v[start..end.max(start)].iter())
            }
            Postings::Bits { present, title, .. } => {
                let (lo, hi) = (lo as usize, (hi as usize).min(present.len() * 64));
                let mut it = Iter::Bits {
                    present,
                    title,
                    word: lo / 64,
                    bits: 0,
                    hi,
                };
                if let Iter::Bits { bits, .. } = &mut it {
                    *bits = present.get(lo / 64).map_or(0, |w| w & (!0u64 << (lo % 64)));
                }
                it
            }
        }
    }

    /// Adds a posting while an archive is being read, switching a list to bitmaps as soon as
    /// they are the smaller form for the ids so far (so a first load never holds every common
    /// word's long list).
    pub fn push_growing(&mut self, p: u32) {
        self.push(p);
        if let Postings::List(v) = self {
            let bound = (p >> 1) as usize + 1;
            if v.len() >= 1024 && v.len() > bound / 16 {
                self.compact(bound);
            }
        }
    }

    /// Calls `f` with every posting whose article id is in `lo..hi`, ascending: what
    /// [`Postings::in_range`] gives, in a tight loop (a bitmap a 64-bit word at a time).
    #[inline]
    pub fn for_each_in(&self, lo: u32, hi: u32, mut f: impl FnMut(u32)) {
        match self {
            Postings::List(v) => {
                let start = v.partition_point(|&p| (p >> 1) < lo);
                for &p in &v[start..] {
                    if p >> 1 >= hi {
                        break;
                    }
                    f(p);
                }
            }
            Postings::Bits { present, title, .. } => {
                let (lo, hi) = (lo as usize, (hi as usize).min(present.len() * 64));
                if lo >= hi {
                    return;
                }
                let first = lo / 64;
                for (w, &word) in present.iter().enumerate().take(hi.div_ceil(64)).skip(first) {
                    let mut bits = word;
                    if w == first {
                        bits &= !0u64 << (lo % 64);
                    }
                    if w == (hi - 1) / 64 && hi % 64 != 0 {
                        bits &= !0u64 >> (64 - hi % 64);
                    }
                    let t = title.get(w).copied().unwrap_or(0);
                    while bits != 0 {
                        let b = bits.trailing_zeros();
                        bits &= bits - 1;
                        f(((w as u32) * 64 + b) << 1 | (t >> b & 1) as u32);
                    }
                }
            }
        }
    }

    /// Once a list is done growing: the smaller of the two forms for an archive whose ids are
    /// below `id_bound`, without spare capacity.
    pub fn compact(&mut self, id_bound: usize) {
        let list_bytes = self.len() * 4;
        let bits_bytes = id_bound.div_ceil(64) * 8 * 2;
        match self {
            Postings::List(v) if bits_bytes < list_bytes => {
                let list = std::mem::take(v);
                let mut bits = Postings::Bits {
                    present: Vec::with_capacity(id_bound.div_ceil(64)),
                    title: Vec::new(),
                    len: 0,
                };
                for p in list {
                    bits.push(p);
                }
                *self = bits;
                self.compact(id_bound);
            }
            Postings::Bits { .. } if list_bytes < bits_bytes / 2 => {
                // Common once, rare since: back to a list.
                *self = Postings::List(self.iter().collect());
            }
            Postings::List(v) => v.shrink_to_fit(),
            Postings::Bits { present, title, .. } => {
                while title.last() == Some(&0) {
                    title.pop();
                }
                present.shrink_to_fit();
                title.shrink_to_fit();
            }
        }
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Postings::List(v) => v.capacity() * 4,
            Postings::Bits { present, title, .. } => (present.capacity() + title.capacity()) * 8,
        }
    }

    /// Ascending ids, each once (what a saved list must be).
    pub fn is_ascending(list: &[u32]) -> bool {
        list.windows(2).all(|p| p[0] >> 1 < p[1] >> 1)
    }
}

/// See [`Postings::in_range`].
pub enum Iter<'a> {
    List(std::slice::Iter<'a, u32>),
    Bits {
        present: &'a [u64],
        title: &'a [u64],
        word: usize,
        /// What is left of `present[word]`.
        bits: u64,
        hi: usize,
    },
}

impl Iterator for Iter<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self {
            Iter::List(it) => it.next().copied(),
            Iter::Bits {
                present,
                title,
                word,
                bits,
                hi,
            } => loop {
                if *bits != 0 {
                    let b = bits.trailing_zeros() as usize;
                    *bits &= *bits - 1;
                    let id = *word * 64 + b;
                    if id >= *hi {
                        *bits = 0;
                        *word = present.len();
                        return None;
                    }
                    let t = title.get(*word).is_some_and(|t| t >> b & 1 == 1);
                    return Some((id as u32) << 1 | t as u32);
                }
                *word += 1;
                if *word * 64 >= *hi {
                    return None;
                }
                *bits = *present.get(*word)?;
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: u32, step: u32) -> Vec<u32> {
        (0..n)
            .step_by(step as usize)
            .map(|id| id << 1 | (id % 3 == 0) as u32)
            .collect()
    }

    #[test]
    fn both_forms_give_the_same_postings() {
        for (n, step) in [
            (1000, 1),
            (1000, 2),
            (1000, 7),
            (1000, 40),
            (130, 1),
            (64, 1),
            (65, 64),
        ] {
            let list = sample(n, step);
            let mut p = Postings::from_list(list.clone());
            p.compact(n as usize);
            if step < 16 && n >= 64 {
                assert!(matches!(p, Postings::Bits { .. }), "{n} {step}");
            }
            let mut grown = Postings::default();
            list.iter().for_each(|&x| grown.push_growing(x));
            assert_eq!(grown.iter().collect::<Vec<_>>(), list);
            // A bitmap that stopped being dense goes back to a list.
            let mut sparse = p.clone();
            sparse.compact(n as usize * 1000);
            assert_eq!(sparse.iter().collect::<Vec<_>>(), list);
            assert_eq!(p.len(), list.len());
            assert_eq!(p.iter().collect::<Vec<_>>(), list);
            assert_eq!(p.last(), list.last().copied());
            for (lo, hi) in [
                (0, 0),
                (0, 1),
                (3, 70),
                (63, 64),
                (64, 128),
                (500, 10_000),
                (999, 1000),
            ] {
                let want: Vec<u32> = list
                    .iter()
                    .copied()
                    .filter(|p| (lo..hi).contains(&(p >> 1)))
                    .collect();
                assert_eq!(
                    p.in_range(lo, hi).collect::<Vec<_>>(),
                    want,
                    "{n} {step} {lo}..{hi}"
                );
            }
            // Growing after compaction (articles added later).
            let mut grown = p.clone();
            grown.push((n + 5) << 1 | 1);
            let mut want = list.clone();
            want.push((n + 5) << 1 | 1);
            assert_eq!(grown.iter().collect::<Vec<_>>(), want);
            assert_eq!(grown.len(), want.len());
        }
    }

    #[test]
    fn bits_from_saved_parts_are_checked() {
        let p = Postings::from_bits(vec![0b1011], vec![0b1110, 0xff]);
        assert_eq!(p.iter().collect::<Vec<_>>(), vec![0, 1 << 1 | 1, 3 << 1 | 1]);
        assert_eq!(p.len(), 3);
        assert_eq!(Postings::from_bits(vec![], vec![]).last(), None);
    }
}
