//! Person and event extraction never panics, whatever the text: random mixes of Vietnamese
//! letters, capitals, digits, separators and punctuation, at every publication precision.

use docbao_core::store::Store;
use docbao_extract::{persons_and_events, Block, Date, KnownPeople};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "ông",
    "Ông",
    "bà",
    "Anh",
    "anh",
    "Bộ trưởng",
    "Quốc phòng",
    "Hàn Quốc",
    "Nguyễn",
    "Văn",
    "Ạ",
    "ạ",
    "Đ",
    "Mr.",
    "Jr.",
    "J.",
    "Lee",
    "Kim",
    "Jong-un",
    "Gyu-back",
    "ngày",
    "tháng",
    "năm",
    "sáng",
    "hôm nay",
    "đến",
    "từ",
    "4/11",
    "31-1",
    "5.2",
    "1.3.2025",
    "15-17/3",
    "10/2017",
    "2025",
    "1",
    "99",
    "(",
    ")",
    "(4/11)",
    ",",
    ".",
    "…",
    "!",
    "?",
    "–",
    "-",
    "“",
    "”",
    "'s",
    "’",
    "November",
    "Nov.",
    "4,",
    "in",
    "by",
    "the",
    "Committee",
    "of",
    "phố",
    "Trường",
    "tàu",
    "căn cứ",
    "UBND",
    "tỉnh",
    "TP",
    "Hà Nội",
    "\u{a0}",
    "\u{300}",
    "x\u{301}",
    "🙂",
    "\t",
    "  ",
    "Thị",
    "H.",
    "VPBank",
    "HĐQT",
    "Công ty",
    "và",
];

fn random_text(r: &mut Rng) -> String {
    let n = r.below(40);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(PIECES[r.below(PIECES.len())]);
        if r.below(3) > 0 {
            s.push(' ');
        }
    }
    s
}

#[test]
fn never_panics_on_random_text() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let dates = [
        Date::Undated,
        Date::parse("2025-11-04").unwrap_or(Date::Undated),
        Date::parse("2025-12").unwrap_or(Date::Undated),
        Date::Year(2026),
        Date::MonthDay(2, 29),
    ];
    let mut articles = Vec::new();
    for i in 0..3000 {
        let title = random_text(&mut r);
        let blocks = vec![
            Block::Paragraph {
                text: random_text(&mut r),
            },
            Block::Caption {
                text: random_text(&mut r),
                credit: None,
            },
        ];
        let (mentions, events) = persons_and_events(&title, &blocks, &dates[i % dates.len()]);
        for e in &events {
            assert!(!e.text(&title, &blocks).is_empty());
        }
        articles.push(mentions);
    }
    // The store pass over the same mentions.
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..200 {
        let text = format!(
            " date 2025-11-04 {}\n\n{}\n",
            random_text(&mut r),
            random_text(&mut r)
        );
        std::fs::write(dir.path().join(format!("{i}.txt")), text).expect("write");
    }
    let loaded = docbao_core::ingest::load(&docbao_core::ingest::Source::Dir(dir.path().to_path_buf()));
    let mut store = Store::from_parts(loaded.articles, loaded.problems);
    store.resolve_persons(KnownPeople::builtin());
    let _ = store.people().matching("");
    let _ = store.people().resolve("-");
}
