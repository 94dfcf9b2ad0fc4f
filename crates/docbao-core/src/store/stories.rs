//! Stories: the articles that are copies of one text (`docbao_extract::near`), grouped.
//!
//! Each article's sketch is cut into bands of [`BAND`] bins; articles whose sketches agree on a
//! whole band are candidates, and only candidates are compared exactly, on their texts. Copies
//! join one story (a union of sets: copies of copies are one story). Placing an article costs
//! its band lookups and the comparisons with its candidates, so a live update places a new
//! article without grouping the archive again.

use docbao_extract::hash::FastMap;
use docbao_extract::near::{resemblance, Runs, Sketch, BINS};

/// Bins in a band: two texts of resemblance `j` share one of the 21 bands with probability
/// about `1 - (1 - j^3)^21`: 0.93 at 0.5, 0.99 at 0.6, 0.003 at 0.05.
pub const BAND: usize = 3;
const BANDS: usize = BINS / BAND;
/// A band value shared by this many articles is a formula (a footer, a standard notice), not
/// a story: later articles are not compared through it.
const CROWDED: usize = 48;

/// Every article's story.
#[derive(Debug, Default, Clone)]
pub struct Stories {
    /// Per article id: the id its story is known by (itself when alone).
    story: Vec<u32>,
    /// Per story id with more than one article: its articles, ascending.
    members: FastMap<u32, Vec<u32>>,
    /// Articles by band value (the band's number mixed in).
    buckets: FastMap<u64, Vec<u32>>,
    /// Exact comparisons made (what grouping cost).
    pub compared: usize,
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

    /// Places article `id`: compared with every article sharing a band of its sketch, and
    /// joined to the story of each it copies. `shingles(id)` gives an article's runs (see
    /// `near::shingles`), read from its text. Ids must be new (a changed file is a new id).
    pub fn place(&mut self, id: u32, sketch: &Sketch, shingles: &mut dyn FnMut(u32) -> Runs) {
        if self.story.len() <= id as usize {
            self.story.extend(self.story.len() as u32..=id);
        }
        let mut candidates: Vec<u32> = Vec::new();
        for (b, band) in sketch.0.chunks(BAND).enumerate().take(BANDS) {
            let mut key = b as u64;
            for &v in band {
                key = (key << 16) ^ u64::from(v);
            }
            let bucket = self.buckets.entry(key).or_default();
            if bucket.len() < CROWDED {
                candidates.extend(bucket.iter().copied());
                bucket.push(id);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
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
        let mut s = Stories::default();
        for (i, t) in texts.iter().enumerate() {
            let sk = sketch(t.iter().map(String::as_str)).expect("long enough");
            s.place(i as u32, &sk, &mut |id| runs[id as usize].clone());
        }
        assert_eq!(s.members(2), vec![0, 1, 2]);
        assert_eq!(s.story_of(0), s.story_of(2));
        assert_eq!(s.members(3), vec![3]);
        assert_eq!(s.groups().count(), 1);
    }
}
