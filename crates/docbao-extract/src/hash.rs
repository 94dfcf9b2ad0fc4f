//! The hashers of the maps hit on every word of every article: FNV-1a for short keys and a
//! multiply-fold hasher for words and names. Their keys come from the binary's own word lists or
//! from article text that is never adversarial to a reader's own archive, so no defence against
//! crafted keys is needed.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the maps here are hit once or twice per word of every article, with short keys
/// (measured faster than SipHash and than an FxHash-style multiply-rotate on this workload);
/// their keys are built into the binary, so no defence against crafted keys is needed.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map hashed by [`Fnv`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A hasher for the lexicon's words (hit for most words of every sentence near a capital) and
/// for names:
/// eight bytes per multiply (a word of up to eight bytes costs two), where FNV takes a
/// dependent multiply per byte.
#[derive(Default)]
pub struct WordHasher(u64);

/// A map looked up by words or names on every article: hashed by [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The high and low halves of a full product, folded: every input bit reaches the result.
#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let r = a as u128 * b as u128;
    r as u64 ^ (r >> 64) as u64
}

const WORD_MUL: u64 = 0xa076_1d64_78bd_642f;

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        fold_mul(self.0 ^ 0xe703_7ed1_a0b4_28db, WORD_MUL)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut rest = bytes;
        while let [a, b, c, d, e, f, g, k, tail @ ..] = rest {
            if tail.is_empty() {
                break;
            }
            h = fold_mul(h ^ u64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *k]), WORD_MUL);
            rest = tail;
        }
        // The last one to eight bytes (the length, mixed in above, tells the forms apart).
        let n = rest.len();
        let last = match rest {
            [] => 0,
            [a, ..] if n < 4 => (*a as u64) << 16 | (rest[n / 2] as u64) << 8 | rest[n - 1] as u64,
            [a, b, c, d, ..] => {
                let lo = u32::from_le_bytes([*a, *b, *c, *d]) as u64;
                let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
                lo | hi << 32
            }
            _ => 0,
        };
        self.0 = fold_mul(h ^ last, WORD_MUL);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        // `str` hashes end with a 0xFF marker byte: no need for another multiply.
        self.0 ^= i as u64;
    }
}
/// A set hashed by [`Fnv`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;
