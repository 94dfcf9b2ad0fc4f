//! Stories: the articles that are copies of one text (`docbao_extract::near`), grouped.
//!
//! A whole archive is grouped at once ([`Stories::group`]): each article's sketch is cut into
//! bands of [`BAND`] bins, the (band value, article) pairs of each band sorted, and articles
//! side by side with the same value are candidates; a candidate whose sketch agrees on enough
//! bins is compared exactly, on the two texts. Copies join one story (a union of sets: copies
//! of copies are one story). The pairs live only while grouping: nothing per band is kept. An
//! article a live update adds is placed alone ([`Stories::place`]): its sketch against every
//! other's (a pass over 128 bytes an article), then the same exact comparison; no regrouping.

use docbao_extract::hash::FastMap;
use docbao_extract::near::{resemblance, Runs, Sketch, BINS};
use rayon::prelude::*;

/// Bins in a band: two texts of resemblance `j` share one of the 21 bands with probability
/// about `1 - (1 - j^3)^21`: 0.93 at 0.5, 0.99 at 0.6, 0.003 at 0.05.
pub const BAND: usize = 3;
const BANDS: usize = BINS / BAND;
/// A band value shared by more articles than this is a formula (a footer, a standard notice),
/// not a story: each is a candidate of only its next few neighbours in that band.
const CROWDED: usize = 8;
/// Bins (of 64) two sketches must agree on before their texts are compared: about a third, as
/// texts sharing a third of their runs do; a copy shares more (see `is_copy`).
const AGREE: usize = 22;

/// Every article's story.
#[derive(Debug, Default, Clone)]
pub struct Stories {
    /// Per article id: the id its story is known by (itself when alone).
    story: Vec<u32>,
    /// Per story id with more than one article: its articles, ascending.
    members: FastMap<u32, Vec<u32>>,
    /// Exact comparisons made (what grouping cost).
    pub compared: usize,
}

/// Whether two sketches agree on enough bins to compare the texts.
fn alike(a: &Sketch, b: &Sketch) -> bool {
    a.0.iter().zip(b.0.iter()).filter(|(x, y)| x == y).count() >= AGREE
}

impl Stories {
    /// The story of article `id` (itself when it has no copy or is not placed).
    pub fn story_of(&self, id: u32) -> u32 {
        self.story.get(id as usize).copied().unwrap_or(id)
    }

    /// The articles of `id`'s story, `id` among them, ascending (just `id` when alone).
    pub fn members(&self, id: u32) -> Vec<u32> {
        self.members
            .get(&self.story_of(id))
            .cloned()
            .unwrap_or_else(|| vec![id])
    }

    /// Stories of two articles or more.
    pub fn groups(&self) -> impl Iterator<Item = &[u32]> {
        self.members.values().map(Vec::as_slice)
    }

    /// The stories of a restored store: each group's articles (the rest alone).
    pub fn from_groups(groups: Vec<Vec<u32>>, id_bound: usize) -> Self {
        let mut s = Stories {
            story: (0..id_bound as u32).collect(),
            ..Stories::default()
        };
        for mut g in groups {
            g.sort_unstable();
            g.dedup();
            let Some(&first) = g.first() else { continue };
            if g.len() < 2 || g.iter().any(|&m| m as usize >= id_bound) {
                continue;
            }
            for &m in &g {
                s.story[m as usize] = first;
            }
            s.members.insert(first, g);
        }
        s
    }

    /// Groups a whole archive: `sketches[id]` is each article's sketch (`None`: not grouped),
    /// `shingles(id)` its runs, read from its text (called from several threads).
    pub fn group(sketches: &[Option<Sketch>], shingles: &(dyn Fn(u32) -> Runs + Sync)) -> Self {
        let mut s = Stories {
            story: (0..sketches.len() as u32).collect(),
            ..Stories::default()
        };
        // Candidate pairs, band by band: neighbours in the sorted (value, id) pairs.
        let mut pairs: Vec<(u32, u32)> = (0..BANDS)
            .into_par_iter()
            .flat_map_iter(|b| {
                let mut keyed: Vec<(u64, u32)> = sketches
                    .iter()
                    .enumerate()
                    .filter_map(|(i, sk)| sk.as_ref().map(|sk| (band_key(sk, b), i as u32)))
                    .collect();
                keyed.sort_unstable();
                // Only pairs whose sketches agree are kept: a crowded band (text many
                // articles share) makes many pairs, nearly none alike.
                let mut out = Vec::new();
                for (x, &(k, a)) in keyed.iter().enumerate() {
                    for &(k2, c) in keyed[x + 1..].iter().take(CROWDED) {
                        if k2 != k {
                            break;
                        }
                        if let (Some(p), Some(q)) = (&sketches[a as usize], &sketches[c as usize]) {
                            if alike(p, q) {
                                out.push((a.min(c), a.max(c)));
                            }
                        }
                    }
                }
                out
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        let alike_pairs = pairs;
        s.compared = alike_pairs.len();
        let copies: Vec<(u32, u32)> = alike_pairs
            .into_par_iter()
            .filter(|&(a, c)| resemblance(&shingles(a), &shingles(c)).is_copy())
            .collect();
        for (a, c) in copies {
            if s.story_of(a) != s.story_of(c) {
                s.join(a, c);
            }
        }
        s
    }

    /// Places article `id` (new: a changed file is a new id) among the stories of the others:
    /// compared with each whose sketch agrees with its own, and joined to the story of each it
    /// copies. `others` gives every other article's id and sketch.
    pub fn place<'a>(
        &mut self,
        id: u32,
        sketch: &Sketch,
        others: impl Iterator<Item = (u32, &'a Sketch)>,
        shingles: &mut dyn FnMut(u32) -> Runs,
    ) {
        if self.story.len() <= id as usize {
            self.story.extend(self.story.len() as u32..=id);
        }
        let candidates: Vec<u32> = others
            .filter(|(c, sk)| *c != id && alike(sketch, sk))
            .map(|(c, _)| c)
            .collect();
        if candidates.is_empty() {
            return;
        }
        let mine = shingles(id);
        for c in candidates {
            if self.story_of(c) == self.story_of(id) {
                continue;
            }
            self.compared += 1;
            if resemblance(&mine, &shingles(c)).is_copy() {
                self.join(id, c);
            }
        }
    }

    /// One story of the stories of `a` and `b`: the smaller's articles move to the larger.
    fn join(&mut self, a: u32, b: u32) {
        let (sa, sb) = (self.story_of(a), self.story_of(b));
        if self.story.len() <= sa.max(sb) as usize {
            self.story.extend(self.story.len() as u32..=sa.max(sb));
        }
        let ma = self.members.remove(&sa).unwrap_or_else(|| vec![sa]);
        let mb = self.members.remove(&sb).unwrap_or_else(|| vec![sb]);
        let (mut keep, keep_id, moved) = if ma.len() >= mb.len() {
            (ma, sa, mb)
        } else {
            (mb, sb, ma)
        };
        for &m in &moved {
            self.story[m as usize] = keep_id;
        }
        keep.extend(moved);
        keep.sort_unstable();
        self.members.insert(keep_id, keep);
    }
}

/// The value of band `b` of a sketch, the band's number mixed in.
fn band_key(sketch: &Sketch, b: usize) -> u64 {
    sketch.0[b * BAND..(b + 1) * BAND]
        .iter()
        .fold(b as u64, |key, &v| (key << 16) ^ u64::from(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use docbao_extract::near::{shingles, sketch};

    fn para(i: usize) -> String {
        format!(
            "Đoạn số {i} kể rằng đoàn công tác thứ {i} đã đến làm việc với địa phương về dự án đường ven biển, \
             nghe báo cáo tiến độ và yêu cầu hoàn thành hạng mục {i} trước mùa mưa năm nay."
        )
    }

    #[test]
    fn copies_of_copies_are_one_story_and_others_stay_alone() {
        let base: Vec<String> = (0..6).map(para).collect();
        let cut: Vec<String> = base[..5].to_vec();
        let mut cut_more = cut[1..].to_vec();
        cut_more.push("Xem thêm các tin liên quan trên trang của chúng tôi.".into());
        let other: Vec<String> = (0..6)
            .map(|i| format!("Một bài khác hẳn, đoạn {i}: thời tiết miền núi phía bắc chuyển lạnh, nhiệt độ thấp nhất xuống dưới mười độ ở nhiều nơi, người dân cần giữ ấm cho trẻ nhỏ và người già."))
            .collect();
        let texts = [base, cut, cut_more, other];
        let runs: Vec<Runs> = texts
            .iter()
            .map(|t| shingles(t.iter().map(String::as_str)))
            .collect();
        let sketches: Vec<Option<Sketch>> = texts
            .iter()
            .map(|t| sketch(t.iter().map(String::as_str)))
            .collect();
        let s = Stories::group(&sketches, &|id| runs[id as usize].clone());
        assert_eq!(s.members(2), vec![0, 1, 2]);
        assert_eq!(s.story_of(0), s.story_of(2));
        assert_eq!(s.members(3), vec![3]);
        assert_eq!(s.groups().count(), 1);
        // Placed one by one, as live updates do, the same stories.
        let mut one = Stories::default();
        for (i, sk) in sketches.iter().enumerate() {
            let others = sketches[..i]
                .iter()
                .enumerate()
                .filter_map(|(c, o)| o.as_ref().map(|o| (c as u32, o)));
            one.place(i as u32, sk.as_ref().expect("long enough"), others, &mut |id| {
                runs[id as usize].clone()
            });
        }
        assert_eq!(one.members(2), vec![0, 1, 2]);
        assert_eq!(one.members(3), vec![3]);
    }
}
