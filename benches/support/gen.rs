//! A generator of synthetic article archives in every shape of formats.md, for benches and
//! scale tests. Deterministic: the same seed writes the same files.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// A small xorshift generator: no dependency, stable across versions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PERSONS: &[&str] = &[
    "Bộ trưởng Quốc phòng Hàn Quốc Ahn Gyu-back",
    "Bộ trưởng Quốc phòng Mỹ Pete Hegseth",
    "ông Hegseth",
    "Bộ trưởng Quốc phòng Nhật Bản Nakatani Gen",
    "Bộ trưởng Nakatani",
    "Tổng thống Lee Jae-myung",
    "Thủ tướng Nguyễn Văn An",
    "bà Trần Thị Bích Ngọc",
    "ông Lê Minh Quân",
    "Chủ tịch Phạm Quốc Hưng",
    "Đại sứ Hoàng Thu Trang",
    "Tướng Kim Myung-soo",
    "ông Koizumi Shinjiro",
    "người phát ngôn Đặng Hoài Nam",
];
const PLACES: &[&str] = &[
    "Hà Nội",
    "TP.HCM",
    "Đà Nẵng",
    "Huế",
    "Seoul",
    "Tokyo",
    "Washington",
    "Bình Nhưỡng",
    "Kuala Lumpur",
    "Cần Thơ",
    "Quảng Trị",
    "Hải Phòng",
];
const TOPICS: &[&str] = &[
    "hợp tác quốc phòng",
    "tuyến metro",
    "xe buýt điện",
    "mùa mưa lũ",
    "đầu tư công",
    "giáo dục đại học",
    "chuyển đổi số",
    "an ninh mạng",
    "giá cà phê",
    "xuất khẩu gạo",
    "du lịch biển",
    "y tế cơ sở",
];
const VERBS: &[&str] = &[
    "đã chủ trì cuộc họp về",
    "nhấn mạnh tầm quan trọng của",
    "kêu gọi đẩy nhanh",
    "ký thỏa thuận về",
    "đánh giá cao kết quả",
    "đề nghị tăng cường",
    "công bố kế hoạch cho",
    "thảo luận chi tiết về",
];
const FILLER: &[&str] = &[
    "Theo báo cáo, tổng vốn dự kiến đạt 28.500 tỷ đồng trong giai đoạn tới.",
    "Các chuyên gia cho rằng kết quả này phản ánh nỗ lực kéo dài nhiều năm.",
    "Người dân bày tỏ kỳ vọng các cam kết sẽ sớm được thực hiện trên thực tế.",
    "Cuộc gặp diễn ra trong bầu không khí thẳng thắn và cởi mở.",
    "Hai bên nhất trí duy trì kênh liên lạc thường xuyên ở nhiều cấp.",
    "Số liệu cho thấy tỷ lệ tăng trưởng đạt 6,5% so với cùng kỳ năm trước.",
    "Officials said the talks would continue next month in the capital.",
    "Dự án gồm 12 hạng mục, trong đó 1/3 đã hoàn thành trước thời hạn.",
];

fn sentence(r: &mut Rng) -> String {
    match r.below(4) {
        0 => r.pick(FILLER).to_string(),
        1 => format!(
            "Ngày {}/{}, {} {} {} tại {}.",
            1 + r.below(28),
            1 + r.below(12),
            r.pick(PERSONS),
            r.pick(VERBS),
            r.pick(TOPICS),
            r.pick(PLACES)
        ),
        2 => format!(
            "Tại {}, {} cho biết vấn đề {} sẽ được ưu tiên trong năm {}.",
            r.pick(PLACES),
            r.pick(PERSONS),
            r.pick(TOPICS),
            2015 + r.below(12)
        ),
        _ => format!("{} {} {}.", r.pick(PERSONS), r.pick(VERBS), r.pick(TOPICS)),
    }
}

fn paragraph(r: &mut Rng, glue: bool) -> String {
    let n = 3 + r.below(4);
    let parts: Vec<String> = (0..n).map(|_| sentence(r)).collect();
    let sep = if glue && r.below(3) == 0 { "" } else { " " };
    let mut s = parts.join(sep);
    // capitalise the first letter
    if let Some(c) = s.chars().next() {
        let up: String = c.to_uppercase().collect();
        s.replace_range(..c.len_utf8(), &up);
    }
    s
}

/// Writes one article's bytes for index `i`.
pub fn article(i: usize, r: &mut Rng) -> (String, Vec<u8>) {
    let year = 2015 + r.below(12);
    let month = 1 + r.below(12);
    let day = 1 + r.below(28);
    let topic = r.pick(TOPICS);
    let place = r.pick(PLACES);
    let title = format!(
        "{} {} tại {}",
        topic,
        r.pick(&["tiến triển mới", "thêm cam kết", "đạt kết quả"]),
        place
    );
    let paras: Vec<String> = (0..5 + r.below(4)).map(|_| paragraph(r, true)).collect();
    let shape = i % 4;
    let folder = format!("{:03}", i / 1000);
    let (name, text) = match shape {
        0 => {
            let date = if r.below(10) == 0 {
                format!("{year}-{month:02}")
            } else {
                format!("{year}-{month:02}-{day:02}")
            };
            (
                format!("{folder}/a{i:07}.txt"),
                format!(" date {date} {}\n\n{}\n", paras[0], paras[1..].join("\n\n")),
            )
        }
        1 => {
            let body = format!(
                "# {title}\n\n## {}\n\n![](/images/{i}.webp)\n{} làm việc tại {place}. [Ảnh: AFP = Yonhap]\n\n{}\n",
                r.pick(TOPICS),
                r.pick(PERSONS),
                paras.join("\n\n")
            );
            (
                format!("{folder}/b{i:07}.md"),
                format!(
                    "---\ntitle: \"{title}\"\nslug: \"bai-{i}\"\nuse: true\ncreated_at: \"{year}-{month:02}-{day:02} 08:15:00\"\n---\n\n{body}"
                ),
            )
        }
        2 => {
            let furniture =
                "\nTối đa: 1500 ký tự\nHiện chưa có bình luận nào, hãy là người đầu tiên bình luận\n";
            (
                format!("{folder}/c{i:07}.txt"),
                format!("{title}\n\n{}\n{furniture}", paras.join("\n\n")),
            )
        }
        _ => {
            let lines: Vec<String> = paras
                .iter()
                .flat_map(|p| {
                    p.split(". ")
                        .map(|s| s.trim_end_matches('.').to_string() + ".")
                        .collect::<Vec<_>>()
                })
                .collect();
            (
                format!("{folder}/d{i:07}.txt"),
                format!(
                    "# doc_id = gen_{i}\n# url = https://example.vn/bai-{i}.htm\n# date = {year}{month:02}{day:02}\n{title}\n{}\n",
                    lines.join("\n")
                ),
            )
        }
    };
    let bytes = if i % 50 == 7 {
        text.replace('\n', "\r\n").into_bytes()
    } else {
        text.into_bytes()
    };
    (name, bytes)
}

/// Writes `n` articles under `dir` (1,000 per subfolder). Returns the bytes written.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> io::Result<u64> {
    let mut r = Rng::new(seed);
    let mut total = 0;
    for i in 0..n {
        let (name, bytes) = article(i, &mut r);
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut f = fs::File::create(&path)?;
        f.write_all(&bytes)?;
        total += bytes.len() as u64;
    }
    Ok(total)
}
