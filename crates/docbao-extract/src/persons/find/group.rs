//! Within one article: spellings of one person grouped, and a surname or given name written
//! alone resolved to the one full name it can belong to.

use super::*;

/// Groups the candidates of one article into persons and resolves lone surnames and given names.
#[allow(clippy::too_many_lines)] // the in-article grouping rules in the order they apply; rewritten with the persons work of issue 14
pub(super) fn group_mentions(cands: Vec<Cand<'_>>, known: &KnownPeople, vietnamese: bool) -> Vec<Mention> {
    // A learned name of one word (`Rihanna`) is a person as a full name is; elsewhere a
    // word alone is a surname or given name to resolve.
    // Vietnamese syllables alone (`Bảo`, `Chi`) are given names to resolve, never a learned person.
    let one_name = |c: &Cand| c.strength == Strength::Learned && c.name.is_ascii() && c.name.len() >= 4;
    let full = |c: &Cand| c.strength > Strength::Weak && (c.words >= 2 || one_name(c));
    // Full names of persons: strong candidates of two words or more.
    let mut spellings: Vec<&str> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut index: Lookup<usize> = Lookup::new(cands.len());
    for c in cands.iter().filter(|c| full(c)) {
        match index.get(&c.name) {
            Some(i) => counts[i] += 1,
            None => {
                index.insert(&c.name, spellings.len());
                spellings.push(&c.name);
                counts.push(1);
            }
        }
    }
    let mut uf = UnionFind::new(spellings.len());
    let keys: Vec<std::rc::Rc<[String]>> = spellings
        .iter()
        .map(|n| spelling::variant_keys_cached(n))
        .collect();
    let mut by_key: Lookup<usize> = Lookup::new(spellings.len() * 3);
    let mut by_known: FastMap<usize, usize> = FastMap::default();
    for (i, name_keys) in keys.iter().enumerate() {
        for k in name_keys.iter() {
            match by_key.get(k) {
                Some(j) => uf.union(i, j),
                None => {
                    by_key.insert(k, i);
                }
            }
        }
        if let Some(p) = known.lookup_keys(name_keys) {
            match by_known.get(&p) {
                Some(&j) => uf.union(i, j),
                None => {
                    by_known.insert(p, i);
                }
            }
        }
    }
    // A shorter full name that is the start or end of exactly one longer one: `Xuân Son` in an
    // article naming `Nguyễn Xuân Son`. (Quadratic in the names of one article: skipped for a
    // freak article naming hundreds.)
    let parts: Vec<Vec<&str>> = spellings.iter().map(|n| parts_of(n)).collect();
    let few = spellings.len() <= MAX_PAIRWISE;
    for i in (0..spellings.len()).filter(|_| few) {
        let ri = uf.find(i);
        let mut hit: Option<usize> = None;
        let mut many = false;
        for j in 0..spellings.len() {
            let rj = uf.find(j);
            if rj != ri && part_of(&parts[i], &parts[j]) {
                many |= hit.is_some_and(|h| h != rj);
                hit = Some(rj);
            }
        }
        if let (Some(h), false) = (hit, many) {
            uf.union(i, h);
        }
    }
    let roots: Vec<usize> = (0..spellings.len()).map(|i| uf.find(i)).collect();
    // First and last words of each person's spellings → the person, or `None` when two share it.
    let mut ends: Lookup<Option<usize>> = Lookup::new(spellings.len() * 2);
    for (j, n) in spellings.iter().enumerate() {
        for e in [
            spelling::words_iter(n).next(),
            spelling::words_iter(n).next_back(),
        ]
        .into_iter()
        .flatten()
        {
            let r = roots[j];
            match ends.get_mut(e) {
                Some(x) if *x != Some(r) => *x = None,
                Some(_) => {}
                None => ends.insert(e, Some(r)),
            }
        }
    }
    let mut partials: Vec<(&str, u32)> = Vec::new();
    for c in cands.iter().filter(|c| !full(c)) {
        if c.words >= 2 {
            // A weak full name counts when it is a spelling or part of a person's name.
            let p = parts_of(&c.name);
            let mut hit: Option<usize> = None;
            let mut many = false;
            let mut note = |r: usize| {
                many |= hit.is_some_and(|h| h != r);
                hit = Some(r);
            };
            for k in spelling::variant_keys_cached(&c.name).iter() {
                if let Some(j) = by_key.get(k) {
                    note(roots[j]);
                }
            }
            if few {
                for j in (0..spellings.len()).filter(|&j| part_of(&p, &parts[j])) {
                    note(roots[j]);
                }
            }
            if let (Some(h), false) = (hit, many) {
                if let Some(j) = (0..spellings.len()).find(|&j| roots[j] == h) {
                    counts[j] += 1;
                }
            }
            continue;
        }
        if c.strength == Strength::Weak && vietnamese && c.sentence_start {
            // A capitalised first word of a Vietnamese sentence is ordinary text.
            continue;
        }
        match ends.get(&c.name) {
            // One person of the article has it: resolved. Two: ambiguous, dropped.
            Some(_) => {}
            None if c.strength == Strength::Cued => match partials.iter_mut().find(|(n, _)| *n == c.name) {
                Some((_, k)) => *k += 1,
                None => partials.push((&c.name, 1)),
            },
            // A weak word matching nobody.
            None => {}
        }
    }
    // Number groups in order of first appearance.
    // Roots are spellings' indexes: a group per root, numbered as roots are first met.
    let mut group_of: Vec<Option<u16>> = vec![None; spellings.len()];
    let mut groups = 0usize;
    let mut out = Vec::with_capacity(spellings.len() + partials.len());
    for (i, (name, count)) in spellings.iter().zip(counts).enumerate() {
        let g = *group_of[roots[i]].get_or_insert_with(|| {
            groups += 1;
            (groups - 1) as u16
        });
        out.push(Mention {
            name: (*name).into(),
            group: g,
            count,
            partial: false,
        });
    }
    let mut g = groups as u16;
    for (name, count) in partials {
        // `ông Trump`, `HLV Pochettino` with no full name in the article: the person is named,
        // by the one name the article gives. A Vietnamese given name alone (`anh Hùng`) is
        // anyone's: it stays a partial, for the archive to settle.
        out.push(Mention {
            name: name.into(),
            group: g,
            count,
            // In English text a common word after a role is a body's (`director of the
            // Department`), not a person's.
            partial: !foreign_surname(name) || (!vietnamese && is_english_word(name)),
        });
        g = g.saturating_add(1);
    }
    out
}

/// A one-word name that is a foreign surname or name (`Trump`, `Hudson-Odoi`, `Neymar`), not a
/// Vietnamese syllable written without marks (`Tuan`, `Minh`) nor an acronym.
pub(crate) fn foreign_surname(w: &str) -> bool {
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    let letters = w
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b'\'');
    let lower = w.bytes().skip(1).any(|b| b.is_ascii_lowercase());
    first_upper && letters && lower && w.len() >= 3 && !w.split('-').all(vietnamese_syllable)
}

/// A common English word (`Department`, `Walker`).
fn is_english_word(w: &str) -> bool {
    super::model::en_words().contains(w.to_ascii_lowercase().as_str())
}

/// Whether a lowercase-able ASCII word has the shape of a Vietnamese syllable: an onset, one to
/// three vowels, a coda (`nguyen`, `thanh`, `hung`), as names are written without marks.
fn vietnamese_syllable(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    let onsets = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "g", "h", "k", "l",
        "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    let codas = ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];
    onsets.iter().filter(|o| w.starts_with(*o)).any(|o| {
        let rest = &w[o.len()..];
        let vowels = rest.bytes().take_while(|b| b"aeiouy".contains(b)).count();
        (1..=3).contains(&vowels) && codas.contains(&&rest[vowels..])
    })
}

/// A map from names to values: a list searched in order while small (most articles name a
/// handful of people), a hash map beyond.
pub(super) enum Lookup<'a, V> {
    Few(Vec<(&'a str, V)>),
    Many(FastMap<&'a str, V>),
}

impl<'a, V: Copy> Lookup<'a, V> {
    fn new(expected: usize) -> Self {
        if expected <= 32 {
            Lookup::Few(Vec::with_capacity(expected))
        } else {
            Lookup::Many(FastMap::with_capacity_and_hasher(expected, Default::default()))
        }
    }

    fn get(&self, k: &str) -> Option<V> {
        match self {
            Lookup::Few(v) => v.iter().find(|(x, _)| *x == k).map(|(_, v)| *v),
            Lookup::Many(m) => m.get(k).copied(),
        }
    }

    fn get_mut(&mut self, k: &str) -> Option<&mut V> {
        match self {
            Lookup::Few(v) => v.iter_mut().find(|(x, _)| *x == k).map(|(_, v)| v),
            Lookup::Many(m) => m.get_mut(k),
        }
    }

    fn insert(&mut self, k: &'a str, val: V) {
        match self {
            Lookup::Few(v) if v.len() < 64 => v.push((k, val)),
            Lookup::Few(v) => {
                let mut m: FastMap<&'a str, V> = v.drain(..).collect();
                m.insert(k, val);
                *self = Lookup::Many(m);
            }
            Lookup::Many(m) => {
                m.insert(k, val);
            }
        }
    }
}

/// Above this many full names in one article, shorter names are not matched against longer ones.
pub(super) const MAX_PAIRWISE: usize = 300;

/// Words and hyphenated parts of a name, as written (`Nguyễn Xuân Son` → 3 parts).
pub(crate) fn parts_of(name: &str) -> Vec<&str> {
    // Split by hand: the iterator chain (a `Split` per word, flattened and filtered) cost
    // more than the rest of grouping an article's names.
    let mut out = Vec::with_capacity(4);
    for w in spelling::words_iter(name) {
        let mut start = 0;
        for (i, b) in w.bytes().enumerate() {
            if b == b'-' {
                if i > start {
                    out.push(&w[start..i]);
                }
                start = i + 1;
            }
        }
        if start < w.len() {
            out.push(&w[start..]);
        }
    }
    out
}

/// `short` is a proper start or end of `long`, by whole parts.
pub(crate) fn part_of(short: &[&str], long: &[&str]) -> bool {
    !short.is_empty() && short.len() < long.len() && (long.starts_with(short) || long.ends_with(short))
}

/// A small union-find over indexes.
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays root: the first spelling seen names the group.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_surnames_are_told_from_vietnamese_syllables() {
        for w in [
            "Trump",
            "Pochettino",
            "Neymar",
            "Hudson-Odoi",
            "Mount",
            "Dias",
            "Kane",
        ] {
            assert!(foreign_surname(w), "{w}");
        }
        for w in [
            "Tuan", "Nguyen", "Thanh", "Minh", "Hùng", "NATO", "Lee", "Kim", "Ngoc",
        ] {
            assert!(!foreign_surname(w), "{w}");
        }
    }
}
