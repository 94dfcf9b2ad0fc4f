//! Near-duplicate texts: one story republished with light edits (another title, a paragraph
//! added or cut, other furniture) against two texts that only share a topic.
//!
//! A text is read as its overlapping runs of [`SHINGLE`] words (lowercased alphanumeric runs).
//! Two texts are copies when most of the shorter one's runs are in the longer one and the two
//! share a fair part of all their runs ([`Resemblance::is_copy`]). Comparing every pair of a
//! large archive is out of the question, so each text also gets a [`Sketch`]: a one-permutation
//! MinHash of its runs (each run hashed once, the smallest hash kept in each of [`BINS`] bins,
//! empty bins filled from their neighbours), whose bins agree with a probability equal to the
//! two texts' resemblance. Texts whose sketches agree on a whole band of bins are the only
//! pairs compared exactly (`docbao_core::store::stories`).

use crate::text::chars;

/// Words in a run.
pub const SHINGLE: usize = 6;
/// Bins of a sketch.
pub const BINS: usize = 64;
/// A text with fewer runs than this gets no sketch: too short to tell a copy from a formula.
pub const MIN_SHINGLES: usize = 24;

/// The MinHash of a text's runs, 16 bits of each bin's minimum kept.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Sketch(pub [u16; BINS]);

/// Calls `f` with the hash of every run of [`SHINGLE`] words of some texts, in order (runs go
/// on from one text to the next). A word is a run of letters and digits, lowered (`Theo` and
/// `theo` are one word). Each char is folded into its word's hash as it is read (a rotation
/// and an exclusive or, the word mixed once at its end), never copied; a run's hash is a
/// polynomial of its words' hashes, rolled one word at a time, then mixed.
fn for_each_run<'a>(texts: impl Iterator<Item = &'a str>, mut f: impl FnMut(u64)) {
    const SEED: u64 = 0xcbf2_9ce4_8422_2325;
    const P: u64 = 0x9e37_79b9_7f4a_7c15;
    // P^SHINGLE: what the word leaving the run was multiplied by.
    let out_factor = (0..SHINGLE).fold(1u64, |x, _| x.wrapping_mul(P));
    let mut ring = [0u64; SHINGLE];
    let (mut run, mut seen) = (0u64, 0usize);
    let mut word = |w: u64| {
        let slot = &mut ring[seen % SHINGLE];
        run = run.wrapping_mul(P).wrapping_add(w);
        if seen >= SHINGLE {
            run = run.wrapping_sub(slot.wrapping_mul(out_factor));
        }
        *slot = w;
        seen += 1;
        if seen >= SHINGLE {
            f(mix(run));
        }
    };
    for t in texts {
        let b = t.as_bytes();
        let (mut h, mut len, mut i) = (SEED, 0usize, 0usize);
        while i < b.len() {
            let c = b[i];
            if c < 0x80 {
                i += 1;
                if c.is_ascii_alphanumeric() {
                    h = h.rotate_left(11) ^ u64::from(c | 0x20);
                    len += 1;
                    continue;
                }
            } else {
                let (ch, n) = chars::decode_at(b, i);
                i += n;
                if chars::is_alphanumeric(ch) {
                    h = h.rotate_left(11) ^ u64::from(u32::from(chars::lower(ch)));
                    len += 1;
                    continue;
                }
            }
            if len > 0 {
                word(mix(h ^ len as u64));
                (h, len) = (SEED, 0);
            }
        }
        if len > 0 {
            word(mix(h ^ len as u64));
        }
    }
}

/// splitmix64's finaliser: every bit of the input moves every bit of the output.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Runs a text begins with that [`Resemblance::lead`] looks for in the other text.
pub const LEAD: usize = 32;

/// A text's runs, as [`resemblance`] compares them.
#[derive(Clone, Debug, Default)]
pub struct Runs {
    /// Every distinct run hash, sorted.
    sorted: Vec<u64>,
    /// The first [`LEAD`] runs, in order.
    lead: Vec<u64>,
}

impl Runs {
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    fn has(&self, h: u64) -> bool {
        self.sorted.binary_search(&h).is_ok()
    }
}

/// The runs of some texts: what [`resemblance`] compares.
pub fn shingles<'a>(texts: impl Iterator<Item = &'a str>) -> Runs {
    let mut v: Vec<u64> = Vec::with_capacity(1024);
    for_each_run(texts, |h| v.push(h));
    let lead = v[..v.len().min(LEAD)].to_vec();
    v.sort_unstable();
    v.dedup();
    Runs { sorted: v, lead }
}

/// The sketch of some texts, or `None` when they hold fewer than [`MIN_SHINGLES`] runs.
pub fn sketch<'a>(texts: impl Iterator<Item = &'a str>) -> Option<Sketch> {
    let mut min = [u64::MAX; BINS];
    let mut runs = 0usize;
    for_each_run(texts, |h| {
        runs += 1;
        // The top bits choose the bin, the rest are compared.
        let bin = (h >> 58) as usize;
        let v = h & ((1 << 58) - 1);
        if v < min[bin] {
            min[bin] = v;
        }
    });
    if runs < MIN_SHINGLES {
        return None;
    }
    // An empty bin takes the next filled one's value (cyclically), mixed with the distance,
    // so that two texts fill it alike exactly when they agree there.
    let mut out = [0u16; BINS];
    for (i, slot) in out.iter_mut().enumerate() {
        let (d, v) = (0..BINS)
            .map(|d| (d, min[(i + d) % BINS]))
            .find(|(_, v)| *v != u64::MAX)
            .unwrap_or((0, 0));
        *slot = if d == 0 {
            v as u16
        } else {
            mix(v ^ (d as u64) << 58) as u16
        };
    }
    Some(Sketch(out))
}

/// How much two texts' runs overlap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resemblance {
    /// Shared runs over all runs of either (Jaccard).
    pub jaccard: f32,
    /// Shared runs over the runs of the shorter text.
    pub containment: f32,
    /// The share of a text's opening runs the other text has, the lower of the two ways: copies
    /// open alike, where a second article reusing the first's passages opens its own way.
    pub lead: f32,
}

impl Resemblance {
    /// One story twice: most of the shorter text is in the longer one, what they share is a
    /// fair part of both, and each opens as the other does. Two articles on one event that share
    /// a long passage but open each its own way (a second piece on another angle, a follow-up
    /// quoting the first) are related, not copies.
    pub fn is_copy(&self) -> bool {
        self.containment >= 0.6 && self.jaccard >= 0.3 && self.lead >= 0.5
    }
}

/// How much two texts' runs (see [`shingles`]) overlap.
pub fn resemblance(a: &Runs, b: &Runs) -> Resemblance {
    let (a_s, b_s) = (&a.sorted, &b.sorted);
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a_s.len() && j < b_s.len() {
        match a_s[i].cmp(&b_s[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a_s.len() + b_s.len() - shared;
    let smaller = a_s.len().min(b_s.len());
    let lead_in = |x: &Runs, y: &Runs| {
        if x.lead.is_empty() {
            return 0.0;
        }
        x.lead.iter().filter(|h| y.has(**h)).count() as f32 / x.lead.len() as f32
    };
    Resemblance {
        jaccard: if union == 0 {
            0.0
        } else {
            shared as f32 / union as f32
        },
        containment: if smaller == 0 {
            0.0
        } else {
            shared as f32 / smaller as f32
        },
        lead: lead_in(a, b).min(lead_in(b, a)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(paragraphs: &[&str]) -> Vec<String> {
        paragraphs.iter().map(|p| p.to_string()).collect()
    }

    const STORY: [&str; 5] = [
        "Sáng nay, ủy ban nhân dân thành phố đã họp để bàn kế hoạch mở thêm ba tuyến xe buýt điện nối các khu dân cư mới với trung tâm.",
        "Theo kế hoạch, các tuyến mới sẽ chạy thử từ tháng sau, mỗi chuyến cách nhau mười lăm phút vào giờ cao điểm và hai mươi phút vào giờ thường.",
        "Người dân ở các khu đô thị phía tây nói họ đã chờ tuyến xe này từ lâu, vì đường đi làm hiện mất gần một giờ mỗi buổi.",
        "Đại diện sở giao thông cho biết giá vé giữ nguyên như các tuyến hiện có, người cao tuổi và học sinh được miễn hoặc giảm giá.",
        "Dự kiến đến cuối năm, toàn thành phố sẽ có hơn năm mươi tuyến xe buýt điện, thay cho phần lớn xe chạy dầu đang hoạt động.",
    ];

    fn of(t: &[String]) -> (Option<Sketch>, Runs) {
        (
            sketch(t.iter().map(String::as_str)),
            shingles(t.iter().map(String::as_str)),
        )
    }

    #[test]
    fn a_copy_with_a_paragraph_cut_and_case_changed_is_a_copy() {
        let a = text(&STORY);
        let mut b = text(&STORY[..4]);
        b[0] = b[0].to_uppercase();
        b.push("Nguồn: báo điện tử, ảnh minh họa.".into());
        let (sa, ha) = of(&a);
        let (sb, hb) = of(&b);
        let r = resemblance(&ha, &hb);
        assert!(r.is_copy(), "{r:?}");
        let (sa, sb) = (sa.expect("long enough"), sb.expect("long enough"));
        let agree = sa.0.iter().zip(sb.0.iter()).filter(|(x, y)| x == y).count();
        assert!(agree >= BINS / 2, "{agree} bins agree");
    }

    #[test]
    fn another_report_of_the_same_topic_is_not_a_copy() {
        let a = text(&STORY);
        let b = text(&[
            "Thành phố vừa công bố ba tuyến xe buýt điện mới, nối các khu dân cư phía tây với trung tâm, chạy thử từ tháng sau.",
            "Nhiều người đi làm hằng ngày cho rằng tuyến mới giúp họ bớt phụ thuộc vào xe máy, nhất là trong mùa mưa.",
            "Sở giao thông chưa nói rõ số xe của mỗi tuyến, nhưng khẳng định giá vé không đổi so với hiện nay.",
            "Các chuyên gia đề nghị thêm làn ưu tiên để xe buýt không bị kẹt cùng dòng xe cá nhân vào giờ cao điểm.",
        ]);
        let r = resemblance(&of(&a).1, &of(&b).1);
        assert!(!r.is_copy(), "{r:?}");
        assert!(r.jaccard < 0.1, "{r:?}");
    }

    #[test]
    fn a_second_piece_reusing_the_first_ones_passages_opens_its_own_way() {
        let first = text(&STORY);
        let mut second = vec![
            "Một bài khác về cùng cuộc họp: người dân hỏi vì sao tuyến xe buýt qua khu phía đông chưa có trong kế hoạch năm nay của thành phố.".to_string(),
            "Ông phó giám đốc sở trả lời rằng khu phía đông sẽ được khảo sát trong quý tới, sau khi các tuyến phía tây chạy ổn định.".to_string(),
        ];
        second.extend(text(&STORY[1..4]));
        let r = resemblance(&of(&first).1, &of(&second).1);
        assert!(r.containment > 0.5 && r.jaccard > 0.3, "{r:?}");
        assert!(!r.is_copy(), "{r:?}");
    }

    #[test]
    fn a_short_text_gets_no_sketch() {
        assert!(sketch(["Tin ngắn: trời mưa to ở Hà Nội."].into_iter()).is_none());
        assert!(sketch(STORY.iter().copied()).is_some());
    }

    #[test]
    fn identical_texts_have_identical_sketches() {
        let a = text(&STORY);
        assert_eq!(of(&a).0, of(&a).0);
        let r = resemblance(&of(&a).1, &of(&a).1);
        assert_eq!((r.jaccard, r.containment), (1.0, 1.0));
    }
}
