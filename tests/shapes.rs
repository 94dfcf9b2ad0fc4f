//! Every file shape and every kind of damage in formats.md, read from fixtures written for the
//! test: title, date and precision, and the cleaned body.

use docbao_core::ingest::{self, FileRef, Source};
use docbao_core::store::Article;
use docbao_core::store::{Problem, Severity, Shape};
use docbao_extract::{Block, Date};
use std::path::PathBuf;

fn fixture(name: &str) -> (Article, Vec<Problem>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shapes")
        .join(name);
    let out = ingest::load_file(&FileRef::disk(name, path));
    let article = out
        .article
        .unwrap_or_else(|| panic!("{name} did not load: {:?}", out.problems));
    (article, out.problems)
}

fn body_text(a: &Article) -> String {
    a.blocks()
        .iter()
        .filter_map(|b| b.searchable())
        .collect::<Vec<_>>()
        .join("\n")
}

fn paragraphs(a: &Article) -> Vec<String> {
    a.blocks()
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text),
            _ => None,
        })
        .collect()
}

#[test]
fn shape_a_date_line_with_lead() {
    let (a, problems) = fixture("a_date_line.txt");
    assert_eq!(a.shape, Shape::DateLine);
    assert_eq!(a.date.to_string(), "2025-03-14");
    assert_eq!(a.date.precision(), "day");
    assert_eq!(
        a.title,
        "Sáng 14/3, Thủ tướng Nguyễn Văn An đã chủ trì phiên họp Chính phủ thường kỳ tháng 3 tại Hà Nội"
    );
    let p = paragraphs(&a);
    assert_eq!(p.len(), 3);
    // glued sentences mended, numbers kept, end mark dropped
    assert!(p[1].contains("quý I. Tổng cục"), "{}", p[1]);
    assert!(p[2].contains("28.500 tỷ đồng"));
    assert!(p[2].ends_with("trước tháng 6."), "{}", p[2]);
    assert!(problems.iter().all(|p| !p.severity.is_problem()));
}

#[test]
fn shape_a_month_precision_and_caption_is_never_the_title() {
    let (a, _) = fixture("a_caption_first.txt");
    assert_eq!(a.date, Date::Month(2024, 7));
    assert_eq!(a.date.to_string(), "2024-07");
    assert_eq!(a.date.precision(), "month");
    assert!(
        a.title
            .starts_with("Hội nghị tổng kết công tác phòng chống thiên tai"),
        "{}",
        a.title
    );
    assert!(matches!(&a.blocks()[0], Block::Caption { credit: Some(c), .. } if c == "Ảnh: TTXVN"));
    // TP.HCM and 2.5 stay whole
    let text = body_text(&a);
    assert!(text.contains("TP.HCM"));
    assert!(text.contains("phiên bản 2.5"));
    assert!(!text.contains("TTXVN"), "credits are not article text");
}

#[test]
fn shape_b_front_matter_markdown() {
    let (a, problems) = fixture("b_front_matter.md");
    assert_eq!(a.shape, Shape::FrontMatter);
    assert_eq!(a.title, "Hà Nội mở thêm tuyến buýt điện");
    assert_eq!(a.date.to_string(), "2025-06-02");
    assert_eq!(a.meta("slug"), Some("ha-noi-mo-them-tuyen-buyt-dien"));
    assert_eq!(a.meta("editor"), Some("Bàn biên tập"), "unknown keys are kept");
    assert_eq!(a.meta("use"), Some("true"));
    // the repeated `# title` is not a block; `##` is a subheading
    assert_eq!(
        a.blocks()[0],
        Block::Heading {
            text: "Ba tuyến mới từ tháng 6".into()
        }
    );
    assert_eq!(
        a.blocks()[1],
        Block::Image {
            path: "/images/20250602-0001-view.webp".into()
        }
    );
    assert_eq!(
        a.blocks()[2],
        Block::Caption {
            text: "Hành khách lên xe tại bến Long Biên ngày 1 tháng 6 năm 2025.".into(),
            credit: Some("Ảnh: VnExpress".into())
        }
    );
    assert!(a.blocks().contains(&Block::Caption {
        text: "Xe buýt điện chờ xuất bến.".into(),
        credit: Some("Getty = Kyodo".into())
    }));
    assert!(paragraphs(&a)[0].contains("buýt điện mới. Mỗi tuyến"));
    assert!(paragraphs(&a)[1].contains("9.000 đồng"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn shape_c_bare_text_headline_subheading_and_furniture() {
    let (a, _) = fixture("c_bare_headline.txt");
    assert_eq!(a.shape, Shape::Bare);
    assert_eq!(a.title, "Lũ lớn ở miền Trung");
    assert_eq!(a.date, Date::Undated);
    assert_eq!(a.date.precision(), "undated");
    assert!(a.blocks().contains(&Block::Heading {
        text: "Người dân sơ tán".into()
    }));
    let text = body_text(&a);
    assert!(!text.contains("Tối đa"), "comment box dropped: {text}");
    assert!(!text.contains("bình luận"), "comment box dropped: {text}");
    let words =
        docbao_core::store::ArticleWords::new(&a.title, a.blocks().iter().filter_map(Block::searchable));
    assert!(
        !format!("{words:?}").contains("bình luận"),
        "comment box not searchable"
    );
    assert!(text.contains("chia cắt. Chính quyền"));
    assert!(text.contains("2.000 hộ"));
}

#[test]
fn shape_c_one_long_line() {
    let (a, _) = fixture("c_one_long_line.txt");
    assert_eq!(
        a.title,
        "Giá cà phê xuất khẩu tăng mạnh trong tháng qua do nguồn cung từ Brazil giảm"
    );
    assert_eq!(a.date, Date::Undated);
    let text = body_text(&a);
    assert!(text.contains("gấp đôi. Nông dân"));
    assert!(text.contains("120.000 đồng mỗi kg. Nhiều hộ"));
}

#[test]
fn shape_d_header_lines() {
    let (a, _) = fixture("d_headers.txt");
    assert_eq!(a.shape, Shape::Headers);
    assert_eq!(a.title, "Hàn Quốc và Mỹ bắt đầu tập trận chung mùa xuân");
    assert_eq!(a.date.to_string(), "2021-03-15");
    assert_eq!(a.url(), Some("https://example.vn/the-gioi/bai-viet-123.htm"));
    assert_eq!(a.meta("doc_id"), Some("news_world_042"));
    let text = body_text(&a);
    assert!(text.starts_with("Quân đội Hàn Quốc"));
    assert!(!text.contains("tập trận chung mùa xuân"), "headline is not body");
    assert_eq!(a.words, text.split_whitespace().count());
}

#[test]
fn photo_credit_first_line_is_not_the_title() {
    let (a, _) = fixture("credit_photo_line.txt");
    assert_eq!(
        a.title,
        "Bộ trưởng Quốc phòng Hàn Quốc đã thăm một đơn vị phòng không gần Seoul vào cuối tuần"
    );
    assert_eq!(
        a.blocks()[0],
        Block::Credit {
            text: "Photo : YONHAP News".into()
        }
    );
}

#[test]
fn english_article() {
    let (a, _) = fixture("english_date_line.txt");
    assert_eq!(
        a.title,
        "Defense ministers from the two allies met in Seoul on Monday"
    );
    assert!(body_text(&a).contains("three hours. Officials"));
}

#[test]
fn typographic_quotes_dashes_urls() {
    let (a, _) = fixture("damage_typography.txt");
    assert!(a
        .title
        .starts_with("Ông Trần Văn Bình – Giám đốc Sở Giao thông – nói: “Chúng tôi"));
    let text = body_text(&a);
    assert!(text.contains("15.000 tỷ đồng. Theo kế hoạch"));
    assert!(text.contains("https://example.vn/Du.An"));
    assert!(text.contains("www.Example.vn"));
}

#[test]
fn nfd_is_composed() {
    let (a, problems) = fixture("damage_nfd.txt");
    let (b, _) = fixture("a_date_line.txt");
    assert_eq!(a.title, b.title);
    assert_eq!(a.blocks(), b.blocks());
    assert!(problems.iter().any(|p| p.message.contains("NFC")));
}

#[test]
fn bom_and_crlf() {
    let (a, _) = fixture("damage_bom_crlf.md");
    let (b, _) = fixture("b_front_matter.md");
    assert_eq!(a.title, b.title);
    assert_eq!(a.date, b.date);
    assert_eq!(a.blocks(), b.blocks());
}

#[test]
fn utf16_with_bom() {
    let (a, _) = fixture("damage_utf16.txt");
    let (b, _) = fixture("c_bare_headline.txt");
    assert_eq!(a.encoding, "UTF-16LE");
    assert_eq!(a.blocks(), b.blocks());
}

#[test]
fn legacy_windows_1258() {
    let (a, problems) = fixture("damage_cp1258.txt");
    let (b, _) = fixture("d_headers.txt");
    assert_eq!(a.encoding, "Windows-1258");
    assert_eq!(a.title, b.title);
    assert_eq!(a.blocks(), b.blocks());
    assert!(problems.iter().any(|p| p.message.contains("Windows-1258")));
}

#[test]
fn broken_yaml_keeps_the_body_and_reports() {
    let (a, problems) = fixture("broken_yaml.md");
    assert!(body_text(&a).contains("Nội dung bài viết vẫn phải được giữ lại"));
    assert_eq!(a.date.to_string(), "2024-02-03", "salvaged created_at");
    assert_eq!(a.title, "Bài viết có front matter hỏng");
    let p = problems
        .iter()
        .find(|p| p.message.contains("YAML"))
        .expect("reported");
    assert_eq!(p.severity, Severity::Warning);
    assert!(p.line.is_some());
}

#[test]
fn unclosed_front_matter_keeps_the_body() {
    let (a, problems) = fixture("unclosed_front_matter.md");
    assert_eq!(a.title, "Front matter không đóng");
    assert_eq!(a.date.to_string(), "2024-02-04");
    assert!(body_text(&a).contains("Thân bài vẫn còn đây"));
    assert!(problems.iter().any(|p| p.message.contains("not closed")));
}

#[test]
fn whole_fixture_folder_loads_newest_first() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes");
    let (store, _) = docbao_core::session::load_store(&Source::Dir(dir), &Default::default());
    assert_eq!(store.len(), 15);
    let dates: Vec<Date> = store.newest_first().map(|a| a.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(store.newest_first().last().map(|a| a.date), Some(Date::Undated));
}
