//! Property tests for the parts that meet untrusted input: the loader (any bytes, alone or behind
//! a valid `date` line or front matter), diacritic folding, width-aware truncation and wrapping,
//! and the query parser. Case counts are kept small so the debug-build run takes seconds; the
//! fuzzers under `fuzz/` run the loader and the parser for much longer.

use docbao_core::ingest::{self, FileOutcome, FileRef, Source};
use docbao_core::query::{self, matcher::NoMarks};
use docbao_core::store::{Article, Store};
use docbao_extract::text::fold;
use docbao_extract::text::fold::tone_key;
use docbao_extract::text::sanitize::is_unsafe;
use docbao_extract::text::width::{truncate, width, wrap};
use docbao_extract::Block;
use proptest::prelude::*;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Byte pieces that steer random input into the loader's interesting corners.
const BYTE_TOKENS: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b"---\n",
    b"date ",
    b"date: 2025-01-02\n",
    b"title: ",
    b"# title = x\n",
    b"2025-11-04",
    b"\x1b[2J",
    b"\x1b]0;pwned\x07",
    b"\x1b",
    b"\x07",
    b"\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xe1\xba",
    "Bộ trưởng Quốc phòng ".as_bytes(),
    "Vie\u{302}\u{323}t".as_bytes(),
    "\u{202e}".as_bytes(),
    "Ảnh: TTXVN\n".as_bytes(),
    b"![](a.jpg)\n",
    b"  ",
    b"\t",
    b":",
    b"\"",
    b"[",
    b"{",
];

fn hostile_bytes(max_pieces: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            2 => any::<u8>().prop_map(|b| vec![b]),
            1 => prop::sample::select(BYTE_TOKENS).prop_map(|t| t.to_vec()),
            1 => "[a-zA-Zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ ]{0,12}"
                .prop_map(String::into_bytes),
        ],
        0..max_pieces,
    )
    .prop_map(|v| v.concat())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every string an article shows must be free of control characters and escape sequences.
fn assert_clean(a: &Article) -> Result<(), TestCaseError> {
    let bad = |s: &str| s.chars().any(is_unsafe);
    prop_assert!(!bad(&a.title) && !a.title.contains('\n'), "title {:?}", a.title);
    for (k, v) in &a.meta {
        prop_assert!(!bad(k) && !bad(v), "meta {k:?}: {v:?}");
    }
    for b in &a.blocks() {
        let texts: Vec<&str> = match b {
            Block::Heading { text } | Block::Paragraph { text } | Block::Credit { text } => vec![text],
            Block::Image { path } => vec![path],
            Block::Caption { text, credit } => {
                std::iter::once(text.as_str()).chain(credit.as_deref()).collect()
            }
        };
        for t in texts {
            prop_assert!(!bad(t), "block {b:?}");
        }
    }
    for p in &a.persons {
        prop_assert!(!bad(p), "person {p:?}");
    }
    Ok(())
}

/// Loads `bytes` from a real file and from memory: the two agree, and the outcome is an article
/// or an error naming the file.
fn load_both(bytes: &[u8]) -> Result<FileOutcome, TestCaseError> {
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join("bài.txt");
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let rel = "thư mục/bài.txt";
    let from_disk = ingest::load_file(&FileRef::disk(rel, path));
    let from_memory = ingest::load_bytes(rel, bytes);
    prop_assert_eq!(&from_disk.problems, &from_memory.problems);
    prop_assert_eq!(from_disk.article.is_some(), from_memory.article.is_some());
    for p in &from_disk.problems {
        prop_assert_eq!(&p.path, rel);
    }
    match &from_disk.article {
        Some(a) => {
            prop_assert_eq!(&a.path, rel);
            assert_clean(a)?;
        }
        None => prop_assert!(
            from_disk
                .problems
                .iter()
                .any(|p| p.severity == docbao_core::store::Severity::Error),
            "no article and no error: {:?}",
            from_disk.problems
        ),
    }
    Ok(from_disk)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn loader_takes_any_bytes(bytes in hostile_bytes(120)) {
        load_both(&bytes)?;
    }

    #[test]
    fn loader_takes_any_body_behind_a_date_line(body in hostile_bytes(120)) {
        let mut bytes = "date 2025-01-02 Tiêu đề bài báo\n\n".as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        load_both(&bytes)?;
    }

    #[test]
    fn loader_takes_any_body_behind_front_matter(
        value in hostile_bytes(8),
        body in hostile_bytes(120),
    ) {
        let mut bytes = b"---\ntitle: \"Tin \xc4\x91\xc3\xa3 l\xc6\xb0u\"\ndate: 2025-01-02\nsource: ".to_vec();
        bytes.extend_from_slice(&value);
        bytes.extend_from_slice(b"\n---\n\n");
        bytes.extend_from_slice(&body);
        let out = load_both(&bytes)?;
        // The front matter opens with valid UTF-8 text: there is always something to show.
        if !bytes.contains(&0) {
            prop_assert!(out.article.is_some(), "{:?}", out.problems);
        }
    }
}

/// Text heavy in what folding and width care about: Vietnamese letters, NFD marks, wide and
/// zero-width characters, emoji sequences, controls.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        3 => any::<char>().prop_map(String::from),
        3 => prop::sample::select(&[
            "ộ", "Đ", "đ", "ư", "Ư", "ơ", "ỷ", "hoà", "hòa", "thuỷ", "thủy", "uý", "oé", "e\u{302}\u{301}",
            "o\u{31b}\u{309}", "\u{301}", "\u{323}", " ", "  ", "\n", "\t", "日本", "한국", "\u{200b}",
            "\u{200d}", "👨\u{200d}👩\u{200d}👧", "🇻🇳", "❤\u{fe0f}", "\u{fe0f}", "\u{600} ", "ل", "ا",
            "\u{1b}", "\r\n", "İ", "ẞ", "ǅ", "Ω", "K", "\u{0345}", "ﬁ", "ß",
        ][..]).prop_map(str::to_string),
        2 => "[a-zA-Z ]{1,6}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..config() })]

    #[test]
    fn fold_keeps_char_count_and_is_idempotent(s in hostile_text()) {
        let f = fold(&s);
        prop_assert_eq!(f.chars().count(), s.chars().count());
        prop_assert_eq!(fold(&f), f.clone());
        // Folding adds no mark: a combining mark in the output was one in the input already.
        for (a, b) in s.chars().zip(f.chars()) {
            prop_assert!(!is_combining_mark(b) || is_combining_mark(a), "{a:?} folded to {b:?}");
        }
    }

    #[test]
    fn fold_of_vietnamese_letters_is_plain_ascii(
        s in "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ ]{0,40}"
    ) {
        let f = fold(&s);
        prop_assert!(f.chars().all(|c| c.is_ascii_lowercase() || c == ' '), "{s:?} -> {f:?}");
    }

    #[test]
    fn tone_key_is_idempotent_and_folds_alike(s in hostile_text()) {
        let k = tone_key(&s);
        prop_assert_eq!(tone_key(&k), k.clone());
        prop_assert_eq!(fold(&k), fold(&s));
    }

    #[test]
    fn truncate_fits_and_cuts_on_graphemes(s in hostile_text(), max in 0usize..30) {
        let t = truncate(&s, max);
        prop_assert!(width(&t) <= max, "{s:?} at {max}: {t:?} is {} wide", width(&t));
        if width(&s) <= max {
            prop_assert_eq!(&t, &s);
        } else if max > 0 {
            let kept = t.strip_suffix('…');
            prop_assert!(kept.is_some(), "{t:?} has no ellipsis");
            let kept = kept.unwrap_or_default();
            prop_assert!(s.starts_with(kept), "{kept:?} is not a prefix of {s:?}");
            let on_boundary = s.grapheme_indices(true).any(|(i, _)| i == kept.len());
            prop_assert!(on_boundary, "{s:?} cut inside a grapheme at byte {}", kept.len());
        } else {
            prop_assert_eq!(t, "");
        }
    }

    #[test]
    fn wrap_fits_and_cuts_on_graphemes(s in hostile_text(), max in 0usize..30) {
        let lines = wrap(&s, max);
        let boundaries: Vec<usize> =
            s.grapheme_indices(true).map(|(i, _)| i).chain(std::iter::once(s.len())).collect();
        let mut end = 0;
        for r in &lines {
            prop_assert!(r.start >= end && r.start <= r.end, "{lines:?}");
            prop_assert!(boundaries.contains(&r.start) && boundaries.contains(&r.end), "{s:?}: {lines:?}");
            let line = &s[r.clone()];
            let one_grapheme = line.graphemes(true).count() <= 1;
            prop_assert!(
                width(line) <= max.max(1) || one_grapheme,
                "{s:?} at {max}: line {line:?} is {} wide",
                width(line)
            );
            end = r.end;
        }
    }
}

fn sample() -> &'static Store {
    static S: OnceLock<Store> = OnceLock::new();
    S.get_or_init(|| docbao_core::session::load_store(&Source::Sample, &Default::default()).0)
}

fn query_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        2 => any::<char>().prop_map(String::from),
        3 => prop::sample::select(&[
            " ", "\"", "'", "^", "$", "@", "!", "|", "..", "-", ":", "date:", "since:", "until:", "event:",
            "person:", "is:", "is:undated", "is:unread", "is:bookmarked", "2025", "2025-11", "2025-11-04",
            "2025-13-40", "-12", "9999-99", "0000-00-00", "buýt", "hòa", "Bộ", "quốc", "lee", "(", ")",
            "\u{1b}[2J", "\u{301}", "日本",
        ][..]).prop_map(str::to_string),
        1 => "[a-zđơư]{1,8}",
    ];
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn run_query(q: &str) -> query::Query {
    let store = sample();
    let parsed = query::parse(q, &|p: &str| "lee jae myung".starts_with(p));
    let people = store.people();
    let m = query::Matcher::new(&parsed, &|w| people.resolve(&w.raw));
    let hits = query::filter(store, &parsed, &m, &NoMarks);
    assert!(hits.len() <= store.articles().len());
    parsed
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..config() })]

    #[test]
    fn query_parser_takes_any_text(q in query_text()) {
        run_query(&q);
    }

    #[test]
    fn query_parser_takes_any_string(q in any::<String>()) {
        run_query(&q);
    }

    #[test]
    fn very_long_queries_are_cut_and_reported(piece in query_text(), n in 1usize..400) {
        let q = format!("{piece} ").repeat(n);
        let parsed = run_query(&q);
        // Invisible format characters are taken out before the length is counted.
        let visible = q.chars().filter(|c| !docbao_extract::text::sanitize::is_format(*c)).count();
        if visible > query::parse::MAX_QUERY_CHARS {
            prop_assert!(
                parsed.errors.iter().any(|e| e.contains("longer than")),
                "{:?}",
                parsed.errors
            );
        }
    }

    #[test]
    fn unreadable_terms_are_listed_not_thrown(word in "[a-z]{1,8}") {
        for bad in ["\"unclosed", "date:2025-13", "is:what"] {
            let parsed = run_query(&format!("{word} {bad}"));
            prop_assert!(!parsed.errors.is_empty(), "{bad}: no error listed");
        }
    }
}

/// Every input a fuzzer crashed on (`tests/fixtures/fuzz/<target>/`) stays fixed.
#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let files = |target: &str| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(dir.join(target))
            .expect("fixtures folder")
            .map(|e| {
                let p = e.expect("entry").path();
                (p.display().to_string(), std::fs::read(&p).expect("fixture"))
            })
            .collect();
        v.sort();
        v
    };
    let loader = files("loader");
    assert!(!loader.is_empty());
    for (name, bytes) in loader {
        let out = ingest::load_bytes("fuzz.txt", &bytes);
        if let Some(a) = &out.article {
            assert_clean(a).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    for (_, bytes) in files("query") {
        run_query(&String::from_utf8_lossy(&bytes));
    }
}
