//! A set of article ids as one bit per id: what a million-article filter tests per article
//! without a hash lookup.

/// One bit per article id; ids past the end are not in the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdBits(Vec<u64>);

impl IdBits {
    /// The set of `ids`, with room for ids below `bound`.
    pub fn of(ids: impl IntoIterator<Item = usize>, bound: usize) -> Self {
        let mut bits = IdBits::default();
        bits.grow(bound);
        for i in ids {
            if i < bound {
                bits.set(i, true);
            }
        }
        bits
    }

    /// Makes room for ids below `bound` (never shrinks).
    pub fn grow(&mut self, bound: usize) {
        let words = bound.div_ceil(64);
        if self.0.len() < words {
            self.0.resize(words, 0);
        }
    }

    /// Puts `i` in or takes it out; `i` must be below the room made by [`IdBits::grow`].
    pub fn set(&mut self, i: usize, on: bool) {
        let (w, b) = (i / 64, i % 64);
        if let Some(word) = self.0.get_mut(w) {
            if on {
                *word |= 1 << b;
            } else {
                *word &= !(1 << b);
            }
        }
    }

    /// Whether `i` is in the set.
    pub fn has(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_in_and_out() {
        let mut s = IdBits::of([0, 63, 64, 200], 130);
        assert!(s.has(0) && s.has(63) && s.has(64));
        assert!(!s.has(1) && !s.has(200), "200 is past the room made");
        s.set(63, false);
        assert!(!s.has(63));
        s.grow(300);
        s.set(299, true);
        assert!(s.has(299) && s.has(64));
    }
}
