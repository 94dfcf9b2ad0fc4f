//! The failure classes seen on real archives, each held by an article written for this test
//! (never a copy of real text): the persons listed for it, alone and inside an archive.

use docbao_core::ingest::{LoadOptions, Source};
use docbao_core::session::load_store;
use std::collections::BTreeMap;

/// Loads `files` (name, text) as one archive: each file's persons, by name.
fn archive(files: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let (store, _) = load_store(&Source::Dir(dir.path().to_path_buf()), &LoadOptions::default());
    store
        .newest_first()
        .map(|a| (a.path.clone(), a.persons.iter().map(|p| p.to_string()).collect()))
        .collect()
}

/// The persons of one article read alone.
fn persons(text: &str) -> Vec<String> {
    archive(&[("a.txt", text)]).remove("a.txt").unwrap_or_default()
}

#[test]
fn a_title_line_ending_in_a_name_does_not_take_the_next_line() {
    let p = persons(
        "Bộ trưởng Công Thương Trần Văn Nam\n\
         Chiều nay, ông Nam đã có buổi làm việc với các doanh nghiệp tại Hà Nội về giá điện.\n",
    );
    assert_eq!(p, ["Trần Văn Nam"]);
}

#[test]
fn a_province_starting_with_ba_is_not_the_honorific() {
    let p = persons(
        "date: 2024-05-02\n\nĐội bóng Bà Rịa-Vũng Tàu thắng trận thứ ba liên tiếp. Huấn luyện viên \
         Lê Văn Tùng cho biết cả đội đã chuẩn bị kỹ.\n",
    );
    assert_eq!(p, ["Lê Văn Tùng"]);
}

#[test]
fn a_ship_named_after_a_person_is_not_the_person() {
    let p = persons(
        "date: 2024-05-02\n\nTàu sân bay HMS Queen Elizabeth cập cảng Singapore. Thuyền trưởng Mark \
         Doyle nói chuyến đi kéo dài sáu tháng.\n",
    );
    assert_eq!(p, ["Mark Doyle"]);
}

#[test]
fn a_person_sharing_a_known_persons_surname_keeps_his_own_name() {
    let p = persons(
        "date: 2024-05-02\n\nÔng Kurt Campbell, Thứ trưởng Ngoại giao Mỹ, đến Hà Nội. Ông Campbell gặp \
         lãnh đạo Bộ Ngoại giao.\n",
    );
    assert_eq!(p, ["Kurt Campbell"]);
}

#[test]
fn ordinary_words_that_are_also_names_name_nobody() {
    // `Tim mạch` (cardiology) is not Tim Cook; `Chính sách` (policy) is not a minister Chính.
    let p = persons(
        "date: 2024-05-02\n\nTrưởng khoa Tim mạch Bệnh viện tỉnh cho biết số ca bệnh tăng. Chính sách \
         mới về thuế có hiệu lực từ tháng 7.\n",
    );
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn clubs_and_continents_are_not_people() {
    let p = persons(
        "date: 2024-05-03\n\nReal Madrid và Manchester United gặp nhau ở Bắc Mỹ trong chuyến du đấu \
         hè. Châu Âu theo dõi trận đấu.\n",
    );
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn one_person_under_two_names_in_one_article_is_one() {
    let p = persons(
        "date: 2024-05-04\n\nThủ tướng Lý Hiển Long (Lee Hsien Loong) tiếp đoàn Việt Nam. Ông Lý nói \
         hai nước cần hợp tác hơn.\n",
    );
    assert_eq!(p.len(), 1, "{p:?}");
}

#[test]
fn a_name_after_a_nationality_or_trade_is_a_person() {
    let p = persons(
        "date: 2024-05-04\n\nTỉ phú Ấn Độ Ravi Mehta mua lại công ty. Nhà kinh tế học người Đức Hans \
         Weber nói thương vụ lớn.\n",
    );
    assert_eq!(p, ["Ravi Mehta", "Hans Weber"]);
}

#[test]
fn full_names_in_a_list_without_cues_are_people() {
    let p = persons(
        "date: 2024-05-05\n\nTổng thống Joe Biden gặp các cố vấn Peter Navarro, Stephen Miller và \
         Kellyanne Conway tại Nhà Trắng.\n",
    );
    assert_eq!(
        p,
        ["Joe Biden", "Peter Navarro", "Stephen Miller", "Kellyanne Conway"]
    );
}

#[test]
fn a_surname_shared_by_two_people_of_an_archive_joins_neither_to_the_other() {
    // Each article names its own Silva, then writes `Silva` alone: across the archive the bare
    // surname must not make the two men one.
    let got = archive(&[
        (
            "a.txt",
            "date: 2024-06-01\n\nTiền vệ David Silva ghi bàn ở phút 80. Silva nói anh rất vui với \
             chiến thắng.\n",
        ),
        (
            "b.txt",
            "date: 2024-06-02\n\nTiền vệ Bernardo Silva kiến tạo hai bàn. Silva được chọn là cầu thủ \
             xuất sắc nhất trận.\n",
        ),
    ]);
    assert_eq!(got["a.txt"], ["David Silva"]);
    assert_eq!(got["b.txt"], ["Bernardo Silva"]);
}

#[test]
fn the_list_and_show_give_an_article_the_same_persons() {
    let text = "date: 2024-05-05\n\nTổng thống Joe Biden gặp các cố vấn Peter Navarro và Stephen \
                Miller tại Nhà Trắng. Ông Navarro nói về thuế quan.\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a.txt");
    std::fs::write(&path, text).expect("write");
    let listed = persons(text);
    let shown = std::process::Command::new(env!("CARGO_BIN_EXE_docbao"))
        .args(["show", "--json"])
        .arg(&path)
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .expect("run docbao show");
    let json: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    let shown: Vec<String> = json["persons"]
        .as_array()
        .expect("persons")
        .iter()
        .filter_map(|p| p.as_str().map(String::from))
        .collect();
    assert_eq!(shown, listed);
}

#[test]
fn a_sentences_first_word_is_not_glued_to_the_name() {
    let p = persons(
        "date: 2024-05-02\n\nĐội tuyển lại nhận tin xấu về lực lượng. Sau Đỗ Hùng Dũng, tới lượt hậu vệ \
         Bùi Tiến Dũng dính chấn thương trước trận đấu.\n",
    );
    assert!(!p.iter().any(|n| n.starts_with("Sau ")), "{p:?}");
    assert!(p.contains(&"Bùi Tiến Dũng".to_string()), "{p:?}");
}

#[test]
fn ho_is_a_surname_before_a_name_and_a_lake_before_a_place() {
    let p = persons(
        "date: 2024-05-02\n\nCa sĩ Hồ Minh Thư dạo quanh Hồ Tây rồi tới viếng Chủ tịch Hồ Chí Minh. \
         Buổi diễn ở TP Hồ Chí Minh dời sang tháng sau.\n",
    );
    assert_eq!(p, ["Hồ Minh Thư", "Hồ Chí Minh"]);
}

#[test]
fn a_street_after_a_house_number_is_not_a_person() {
    let p = persons(
        "date: 2024-05-02\n\nCửa hàng ở số 12/4 Trần Quang Khải và 45B Nguyễn Chí Thanh bị kiểm tra. \
         Bà Lê Thị Hoa, chủ cửa hàng, cho biết sẽ nộp phạt.\n",
    );
    assert_eq!(p, ["Lê Thị Hoa"]);
}

#[test]
fn a_foreign_surname_alone_is_the_person_and_stays_in_its_article() {
    let a = archive(&[
        (
            "a.txt",
            "date: 2024-05-02\n\nHLV Mauricio Alvarenga hài lòng với trận thắng. Tiền đạo Tom Walker ghi \
             bàn thắng duy nhất.\n",
        ),
        (
            "b.txt",
            "date: 2024-05-03\n\nTrợ lý Alvarenga nói đội sẽ nghỉ hai ngày. Hậu vệ Walker bị treo giò \
             ở trận tới.\n",
        ),
    ]);
    assert_eq!(a["a.txt"], ["Mauricio Alvarenga", "Tom Walker"]);
    // The other story's Walker may be anyone: he is not given Tom Walker's name.
    assert_eq!(a["b.txt"], ["Alvarenga", "Walker"]);
}

#[test]
fn every_name_of_a_team_line_up_is_a_player() {
    // Two sides on consecutive lines (one paragraph once read), their formations, substitutes
    // in brackets with their minutes and ratings; a Vietnamese side by given names; a list of
    // provinces under a capitalised head is no side.
    let mut p = persons(
        "date: 2024-05-04\n\nĐội khách thắng 2-1 nhờ cú đúp ở hiệp hai.\n\n\
         Northfield (4-3-3): Karsten 6; Obuya 7, Halvorsen, Petrakis 6.5 (Lindqvist 70), Moreau; \
         Santoro, Okafor (Brennan, 81), Vukovic; Delacroix, Tanaka 5 (Ribeiro 64'), Fontaine\n\
         Westbrook City (4-4-2): Marlow; Quaresma, Dunleavy, Achterberg, Sowande; Ilkovski, Castellano, \
         Oyelaran, Whitcombe; Tsubakita (Osei 77), Gallardo\n\n\
         CLB Sông Lam: Văn Khải, Đình Lộc, Xuân Hiển, Minh Trí, Hữu Toàn, Thế Vinh, Bá Lực, Văn Nhã, \
         Quốc Trung, Đức Phong, Kovalenko\n\n\
         Miền Trung: Quảng Bình, Quảng Trị, Quảng Nam, Quảng Ngãi, Bình Định, Phú Yên, Khánh Hòa, Ninh \
         Thuận, Bình Thuận.\n",
    );
    p.sort();
    let mut want = vec![
        "Karsten",
        "Obuya",
        "Halvorsen",
        "Petrakis",
        "Lindqvist",
        "Moreau",
        "Santoro",
        "Okafor",
        "Brennan",
        "Vukovic",
        "Delacroix",
        "Tanaka",
        "Ribeiro",
        "Fontaine",
        "Marlow",
        "Quaresma",
        "Dunleavy",
        "Achterberg",
        "Sowande",
        "Ilkovski",
        "Castellano",
        "Oyelaran",
        "Whitcombe",
        "Tsubakita",
        "Osei",
        "Gallardo",
        "Văn Khải",
        "Đình Lộc",
        "Xuân Hiển",
        "Minh Trí",
        "Hữu Toàn",
        "Thế Vinh",
        "Bá Lực",
        "Văn Nhã",
        "Quốc Trung",
        "Đức Phong",
        "Kovalenko",
    ];
    want.sort_unstable();
    assert_eq!(p, want);
}

#[test]
fn common_role_words_cue_a_name_and_end_the_one_before() {
    // A role after a name with no comma (`Giảng viên`) is not the name's last word; `Bác` and
    // `Ngài` at a sentence start are the honorific; a tower named after someone is a thing.
    let p = persons(
        "date: 2024-05-05\n\nDiễn giả chính là PGS.TS Hoàng Minh Đạt Giảng viên cao cấp của học viện. \
         Bác Lò Văn Sính năm nay đã ngoài 80 tuổi. Ngài Oliver Pemberton gửi thư chúc mừng hội \
         thảo. Khách tham quan chụp ảnh bên tháp Quentin Harrow ở trung tâm thị trấn.\n",
    );
    assert_eq!(p, ["Hoàng Minh Đạt", "Lò Văn Sính", "Oliver Pemberton"]);
}

#[test]
fn a_business_named_after_its_trade_is_not_a_person() {
    // A title before a business's name (`Giám đốc điều hành`) names the business, not a person,
    // when the name ends in its trade (`Design`, `Property`, `Forex`).
    let p = persons(
        "date: 2024-05-06\n\nGiám đốc điều hành Redwood Valley Forex nhận định tỷ giá sẽ ổn định. Nhà \
         sáng lập Lantern Harbor Design cho biết đơn hàng tăng. Phó Tổng giám đốc Crescent Property \
         Nguyễn Thị Mai Hương trả lời báo chí.\n",
    );
    assert_eq!(p, ["Nguyễn Thị Mai Hương"]);
}

#[test]
fn a_given_name_that_is_also_a_title_word_stays_in_the_name() {
    // `Tân` (newly appointed), `Quốc Vương` (king) are titles before a name, but after a
    // surname they are the given name; `Văn` ends a full name of three syllables.
    let p = persons(
        "date: 2024-05-07\n\nThiếu tướng Hoàng Tân Lực - Phó Tư lệnh Quân khu dự buổi lễ. Theo ông Lý Quốc \
         Vương - Trưởng phòng Nông nghiệp huyện, mùa màng năm nay khá. Đại tá Trịnh Bảo Văn kể lại \
         trận đánh năm xưa. Đoàn Luật sư thành phố cử người hỗ trợ.\n",
    );
    assert_eq!(p, ["Hoàng Tân Lực", "Lý Quốc Vương", "Trịnh Bảo Văn"]);
}

#[test]
fn a_full_name_after_an_unnamed_province_is_the_person() {
    // `UBND tỉnh` with the province left unsaid: the Vietnamese full name after it is the
    // chairman's; a ward named after a hero stays a place.
    let p = persons(
        "date: 2024-05-08\n\nChủ tịch UBND tỉnh Lạc Minh Tường yêu cầu các sở rà soát lại dự án. Chủ \
         tịch UBND phường Trần Hưng Đạo cho biết đã nhận được văn bản.\n",
    );
    assert_eq!(p, ["Lạc Minh Tường"]);
}
