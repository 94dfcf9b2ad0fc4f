//! The query language against a real store (the shape fixtures and the sample corpus): every
//! operator, smart diacritics and case, dates at each precision, bad queries.

// Scenario tests read top to bottom, a step per line: their length is their story.
#![allow(clippy::too_many_lines)]

use docbao_core::ingest::Source;
use docbao_core::query::{self, matcher::NoMarks};
use docbao_core::store::Store;
use std::path::PathBuf;
use std::sync::OnceLock;

fn sample() -> &'static Store {
    static S: OnceLock<Store> = OnceLock::new();
    S.get_or_init(|| docbao_core::session::load_store(&Source::Sample, &Default::default()).0)
}

fn fixtures() -> &'static Store {
    static S: OnceLock<Store> = OnceLock::new();
    S.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes");
        docbao_core::session::load_store(&Source::Dir(dir), &Default::default()).0
    })
}

/// Paths matching a query, in rank order.
fn run(store: &Store, q: &str) -> Vec<String> {
    let names: Vec<String> = store
        .articles()
        .iter()
        .flat_map(|a| a.persons.iter().map(|p| docbao_extract::text::fold(p)))
        .collect();
    let parsed = query::parse(q, &|p: &str| names.iter().any(|n| n.starts_with(p)));
    let m = query::Matcher::new(&parsed, &|_| None);
    query::filter(store, &parsed, &m, &NoMarks)
        .into_iter()
        .map(|h| store.get(h.id).path.clone())
        .collect()
}

#[test]
fn words_without_diacritics_match_with_them() {
    let with = run(fixtures(), "buýt điện");
    let without = run(fixtures(), "buyt dien");
    assert!(!with.is_empty());
    assert_eq!(with, without);
    assert!(without.contains(&"b_front_matter.md".to_string()));
}

#[test]
fn typed_diacritics_match_exactly() {
    // `tướng` must not match `tượng`; without marks both fold to `tuong`
    let s = sample();
    let exact = run(s, "tướng");
    let loose = run(s, "tuong");
    assert!(loose.len() >= exact.len());
    for p in &exact {
        let a = s.by_path(p).unwrap();
        let text = docbao_core::query::matcher::original_text(a).to_lowercase();
        assert!(text.contains("tướng"), "{p}");
    }
}

#[test]
fn old_and_new_tone_placement_are_the_same() {
    assert_eq!(run(sample(), "hoà"), run(sample(), "hòa"));
}

#[test]
fn prefix_of_a_word_is_enough() {
    let r = run(fixtures(), "tuye");
    assert!(r.contains(&"b_front_matter.md".to_string()), "{r:?}");
    assert!(
        run(fixtures(), "uyen").iter().all(|p| p != "b_front_matter.md"),
        "matches start at a word start"
    );
}

#[test]
fn smart_case() {
    let lower = run(fixtures(), "brazil");
    let upper = run(fixtures(), "Brazil");
    assert_eq!(lower, upper);
    assert!(
        run(fixtures(), "BRAZIL").is_empty(),
        "capitals typed are matched exactly"
    );
}

#[test]
fn exact_title_start_end_not_or_phrase() {
    let f = fixtures();
    let exact = run(f, "'28.500");
    assert!(
        exact.contains(&"a_date_line.txt".to_string()) && exact.contains(&"damage_nfd.txt".to_string()),
        "{exact:?}"
    );
    assert!(!exact.contains(&"b_front_matter.md".to_string()));
    assert!(run(f, "^ha noi").contains(&"b_front_matter.md".to_string()));
    assert!(!run(f, "^buyt").contains(&"b_front_matter.md".to_string()));
    assert!(run(f, "buyt dien$").contains(&"b_front_matter.md".to_string()));
    let all = run(f, "").len();
    let ha_noi = run(f, "\"ha noi\"").len();
    assert_eq!(run(f, "!\"ha noi\"").len(), all - ha_noi);
    let either = run(f, "brazil | \"quang tri\"");
    assert!(either.contains(&"c_one_long_line.txt".to_string()));
    assert!(either.contains(&"c_bare_headline.txt".to_string()));
    assert!(run(f, "\"sơ tán hơn\"").contains(&"c_bare_headline.txt".to_string()));
    assert!(run(f, "\"tán sơ\"").is_empty());
}

#[test]
fn dates_at_each_precision() {
    let f = fixtures();
    let y2025 = run(f, "2025");
    assert!(y2025.contains(&"a_date_line.txt".to_string()));
    assert!(!y2025.contains(&"a_caption_first.txt".to_string()));
    assert_eq!(run(f, "2025-03-14"), vec!["a_date_line.txt"]);
    // a month-precision article overlaps any day of its month and the month itself
    assert!(run(f, "2024-07").contains(&"a_caption_first.txt".to_string()));
    assert!(run(f, "2024-07-20").contains(&"a_caption_first.txt".to_string()));
    assert!(!run(f, "2024-08").contains(&"a_caption_first.txt".to_string()));
    let range = run(f, "2024-02..2024-07");
    assert!(range.contains(&"a_caption_first.txt".to_string()));
    assert!(range.contains(&"broken_yaml.md".to_string()));
    assert!(!range.contains(&"a_date_line.txt".to_string()));
    let open = run(f, "..2022");
    assert_eq!(
        open,
        vec!["damage_typography.txt", "d_headers.txt", "damage_cp1258.txt"]
    );
    assert!(run(f, "2025-06..")
        .iter()
        .all(|p| p.contains("front_matter") || p.contains("bom_crlf")));
    assert_eq!(run(f, "since:2025-06"), run(f, "2025-06.."));
    assert_eq!(run(f, "until:2022"), run(f, "..2022"));
    assert_eq!(run(f, "date:2025-03-14"), run(f, "2025-03-14"));
    let undated = run(f, "is:undated");
    assert_eq!(undated.len(), 4);
    assert!(run(f, "is:undated 2025").is_empty());
}

#[test]
fn ranking_puts_title_matches_first_then_newest() {
    let r = run(sample(), "metro");
    assert!(r.len() >= 3);
    let s = sample();
    let title_hits: Vec<bool> = r
        .iter()
        .map(|p| docbao_extract::text::fold(&s.by_path(p).unwrap().title).contains("metro"))
        .collect();
    let first_body = title_hits.iter().position(|t| !t).unwrap_or(title_hits.len());
    assert!(
        title_hits[first_body..].iter().all(|t| !t),
        "title matches come first: {r:?}"
    );
    let dates: Vec<_> = r[..first_body]
        .iter()
        .map(|p| s.by_path(p).unwrap().date)
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first among equals");
}

#[test]
fn bad_queries_never_panic_and_still_filter() {
    let s = sample();
    for q in [
        "\"unclosed phrase",
        "..",
        "@",
        "@\"",
        "|",
        "a |",
        "| b",
        "!",
        "!!x",
        "2025-13",
        "2025-02-30",
        "..x",
        "date:",
        "since:",
        "is:",
        "is:what",
        "'",
        "^",
        "$",
        "^$",
        "\"\"",
        "((",
        "event:",
        "person:",
    ] {
        let _ = run(s, q);
    }
    let long = "buyt ".repeat(2_000);
    assert!(!run(s, &long).is_empty());
    let junk: String = (0..10_000)
        .map(|i| char::from_u32(0x20 + (i * 7919) % 0x2FF).unwrap_or('x'))
        .collect();
    let _ = run(s, &junk);
    // the unreadable term is reported, the rest filters
    let parsed = query::parse(".. buyt", &|_| false);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.terms.len(), 1);
}

/// The indexed filter gives exactly what checking every article against the reference
/// semantics gives: same articles, same scores, same order, for every kind of term.
#[test]
fn index_agrees_with_the_reference_scan() {
    let queries = [
        "b",
        "bo",
        "bo truong",
        "bộ trưởng",
        "Bộ",
        "tướng",
        "tuong",
        "hoà",
        "hòa",
        "hoa",
        "quoc phong",
        "'ong",
        "'truong",
        "'ưởng",
        "\"bộ trưởng\"",
        "\"quoc phong\"",
        "^bo",
        "^Bộ",
        "tin$",
        "hà nội",
        "!bo",
        "!'a",
        "bo | tin",
        "hegseth",
        "hegsteh",
        "hesgeth",
        "nguyen",
        "Nguyễn",
        "@nguyen",
        "person:lee",
        "2025",
        "2025-11",
        "2024..2025-06",
        "..2024",
        "2025-06..",
        "event:2025",
        "is:undated",
        "covid-19",
        "u.s",
        "10/11",
        "-",
        "'-",
        "\"",
        "x",
        "2",
        "ha noi 2025",
        "phong !hà",
        "'Hà",
        "HÀ",
        "thu tuong | bo truong 2025",
        "đ",
        "d",
        "dang",
        "Đặng",
        "trump",
        "trum",
        "trmp",
        "minist",
        "minstr",
        "ukraine",
        "kyiv",
        "năm 2025",
        "tp.hcm",
        "tp",
        "hcm",
        "@\"Phạm Minh Chính\"",
    ];
    for store in [sample(), fixtures()] {
        let names: Vec<String> = store
            .articles()
            .iter()
            .flat_map(|a| a.persons.iter().map(|p| docbao_extract::text::fold(p)))
            .collect();
        let people = store.people();
        for q in queries {
            let parsed = query::parse(q, &|p: &str| names.iter().any(|n| n.starts_with(p)));
            let m = query::Matcher::new(&parsed, &|w| people.resolve(&w.raw));
            let indexed = query::filter(store, &parsed, &m, &NoMarks);
            let scanned = query::matcher::filter_by_scan(store, &parsed, &m, &NoMarks);
            assert_eq!(indexed, scanned, "query {q:?}");
        }
    }
}

/// Paths matching a query as the reader runs it: person names resolved against the store's
/// people, so that `@lee jae myung` stands for `Lee Jae-myung` under every spelling.
fn run_as_reader(store: &Store, q: &str) -> Vec<String> {
    let mut cache = docbao_core::query::eval::Cache::default();
    docbao_core::query::eval::run_text(store, q, &NoMarks, &mut cache, &|| false)
        .map(|(_, hits)| hits)
        .unwrap_or_default()
        .into_iter()
        .map(|h| store.get(h.id).path.clone())
        .collect()
}

#[test]
fn a_negated_person_is_every_article_but_theirs() {
    let s = sample();
    let all = run_as_reader(s, "").len();
    for name in [
        "@lee jae myung",
        "@hegseth",
        "person:hegseth",
        "@\"Lee Jae-myung\"",
    ] {
        let named = run_as_reader(s, name);
        assert!(!named.is_empty(), "{name}");
        let not = run_as_reader(s, &format!("!{name}"));
        assert_eq!(not.len(), all - named.len(), "!{name}");
        assert!(not.iter().all(|p| !named.contains(p)), "!{name}");
    }
    // The negated name still takes the words that extend it; what follows is its own term.
    let in_2025 = run_as_reader(s, "2025").len();
    let lee_in_2025 = run_as_reader(s, "@lee jae myung 2025").len();
    assert_eq!(
        run_as_reader(s, "!@lee jae myung 2025").len(),
        in_2025 - lee_in_2025
    );
}

#[test]
fn persons_either_side_of_a_bar() {
    let s = sample();
    let lee = run_as_reader(s, "@lee jae myung");
    let ahn = run_as_reader(s, "@ahn");
    assert!(!lee.is_empty() && !ahn.is_empty());
    let either = run_as_reader(s, "@lee jae myung | @ahn");
    assert!(lee.iter().chain(&ahn).all(|p| either.contains(p)), "{either:?}");
    assert!(either.iter().all(|p| lee.contains(p) || ahn.contains(p)));
}

#[test]
fn phrases_match_across_removed_zero_width_characters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "# doc_id = zw\n# date = 20210501\nZero\u{200b}width\u{200d}\u{2060}joiner và\u{ad} bạn\n\
                Aruba ESP biến thông tin thành kiến \u{200b}\u{200b}thức, đẩy nhanh quá trình.\n";
    std::fs::write(dir.path().join("zw.txt"), text).expect("write");
    let store =
        docbao_core::session::load_store(&Source::Dir(dir.path().to_path_buf()), &Default::default()).0;
    let a = &store.articles()[0];
    assert_eq!(a.title, "Zerowidthjoiner và bạn");
    assert_eq!(run(&store, "\"kiến thức\""), vec!["zw.txt"]);
    assert_eq!(run(&store, "\"kien thuc\""), vec!["zw.txt"]);
    // A pasted query with them finds the same.
    assert_eq!(run(&store, "\"kiến\u{200b} thức\""), vec!["zw.txt"]);
    assert_eq!(run(&store, "Zerowidthjoiner"), vec!["zw.txt"]);
}
