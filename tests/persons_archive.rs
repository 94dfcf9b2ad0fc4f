//! Persons across an archive: one name per person, lone surnames settled by the rest of the
//! archive and the known-people list, the user's people file, and the `@name` query term.

use docbao_core::ingest::{self, Source};
use docbao_core::people;
use docbao_core::store::Store;
use docbao_extract::persons::spelling as names;
use docbao_extract::KnownPeople;
use std::collections::HashMap;
use std::process::Command;

fn store_of(files: &[(&str, &str)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let loaded = ingest::load(&Source::Dir(dir.path().to_path_buf()));
    let mut store = Store::from_parts(loaded.articles, loaded.problems);
    store.resolve_persons(KnownPeople::builtin());
    (dir, store)
}

fn persons<'a>(store: &'a Store, path: &str) -> Vec<&'a str> {
    store
        .by_path(path)
        .expect(path)
        .persons
        .iter()
        .map(|p| &**p)
        .collect()
}

#[test]
fn sample_corpus_names_each_person_once_and_no_place() {
    let (store, _) = docbao_core::session::load_store(&Source::Sample, &Default::default());
    let lex = docbao_extract::lexicon::get();
    let index = store.people();
    assert!(index.len() >= 30, "{}", index.len());
    let mut by_key: HashMap<String, &str> = HashMap::new();
    let mut by_fold: HashMap<String, &str> = HashMap::new();
    for p in index.persons() {
        assert!(!lex.is_place(&p.name), "{} is a place", p.name);
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            for k in names::variant_keys(n) {
                if let Some(other) = by_key.insert(k, &p.name) {
                    assert_eq!(other, p.name, "{other} and {} are one person", p.name);
                }
            }
            if let Some(other) = by_fold.insert(names::fold_key(n), &p.name) {
                assert_eq!(other, p.name, "{other} and {} are one person", p.name);
            }
        }
    }
    // Most named first.
    assert!(index.persons().windows(2).all(|w| w[0].articles >= w[1].articles));
    let ahn = index.get("Ahn Gyu-back").expect("Ahn Gyu-back");
    assert!(
        ahn.aliases.iter().any(|a| a == "Ahn Gyu-baek"),
        "{:?}",
        ahn.aliases
    );
    assert!(
        ahn.aliases.iter().any(|a| a == "Ahn Gyu Back"),
        "{:?}",
        ahn.aliases
    );
    assert_eq!(index.get("Trần Thị Bich Ngọc"), None);
    assert!(index
        .get("Trần Thị Bích Ngọc")
        .is_some_and(|p| p.aliases.contains(&"Tran Thi Bich Ngoc".to_string())));
    // `ông Lee` alone, with three known Lees: unresolved.
    assert!(persons(&store, "scraped/trieu-tien-phan-ung.txt").is_empty());
    // Bases and ships named after people are not people.
    for p in index.persons() {
        assert!(
            !p.name.contains("Humphreys") && !p.name.contains("Roosevelt"),
            "{}",
            p.name
        );
    }
}

#[test]
fn lone_surnames_resolve_against_the_archive() {
    let (_d, store) = store_of(&[
        (
            "a.txt",
            " date 2025-11-01 Bộ trưởng Quốc phòng Hàn Quốc Ahn Gyu-back gặp ông Đinh Công Tráng, \
             Giám đốc Sở Xây dựng.\n",
        ),
        (
            "b.txt",
            " date 2025-11-02 Bộ trưởng Ahn cho biết ông Tráng đã đến Seoul.\n",
        ),
        (
            "c.txt",
            " date 2025-11-03 Ông Ahn Gyu Baek nói chuyện với Tổng thống Lee.\n",
        ),
        (
            "d.txt",
            " date 2025-11-04 Bà Lò Thị Minh và ông Vi Văn Minh dự họp. Ông Minh phát biểu.\n",
        ),
        ("e.txt", " date 2025-11-05 Theo ông Minh, dự án đúng hạn.\n"),
    ]);
    assert_eq!(persons(&store, "a.txt"), ["Ahn Gyu-back", "Đinh Công Tráng"]);
    // `Ahn` is a surname several known people have: it stays as written. `ông Tráng` is not
    // taken for the Tráng of another story: a bare name attaches only to a full name of its
    // own article.
    assert_eq!(persons(&store, "b.txt"), ["Ahn"]);
    // A variant spelling joins the same person; `Lee` alone stays unresolved (known Lees).
    assert_eq!(persons(&store, "c.txt"), ["Ahn Gyu-back"]);
    // Two persons of the archive share `Minh`: unresolved, in the article and beyond it.
    assert_eq!(persons(&store, "d.txt"), ["Lò Thị Minh", "Vi Văn Minh"]);
    let e = persons(&store, "e.txt");
    assert!(e.is_empty(), "{e:?}");
    let ahn = store.people().get("Ahn Gyu-back").expect("Ahn");
    assert_eq!(ahn.articles, 2);
    assert!(ahn.role.is_some());
    // Typed names find persons by any alias, folded.
    let set = store.people().resolve("gyu baek").expect("gyu baek");
    assert!(set.contains("ahn gyu-back"), "{set:?}");
    assert!(store
        .people()
        .resolve("trang")
        .is_some_and(|s| s.contains("dinh cong trang")));
    assert!(store.people().resolve("zzz").is_none());
    assert!(store.people().extends("ahn gyu"));
    assert_eq!(store.people().canonical("Ahn Gyu Baek"), Some("Ahn Gyu-back"));
}

#[test]
fn known_people_settle_what_the_archive_does_not() {
    let (_d, store) = store_of(&[
        (
            "a.txt",
            " date 2025-11-01 Ngoại trưởng Rubio và ông Hegseth tới Hà Nội.\n",
        ),
        (
            "b.txt",
            " date 2025-11-02 Bộ trưởng Koizumi nói chuyện với bà Kim.\n",
        ),
    ]);
    assert_eq!(persons(&store, "a.txt"), ["Marco Rubio", "Pete Hegseth"]);
    // Two known Koizumis, three known Kims: nobody is guessed. The foreign name stays the
    // person as the article names him; `Kim` alone is anyone's.
    assert_eq!(persons(&store, "b.txt"), ["Koizumi"]);
}

#[test]
fn resolution_reruns_after_more_batches() {
    let (_d, mut store) = store_of(&[(
        "a.txt",
        " date 2025-11-02 Chairman Dinh Cong Trang said the bridge will open.\n",
    )]);
    assert_eq!(persons(&store, "a.txt"), ["Dinh Cong Trang"]);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("b.txt"),
        " date 2025-11-01 Ông Đinh Công Tráng nhậm chức.\n",
    )
    .expect("write");
    let more = ingest::load(&Source::Dir(dir.path().to_path_buf()));
    store.add(more.articles);
    store.resolve_persons(KnownPeople::builtin());
    // The spelling without marks joins the one marked spelling that folds to it.
    assert_eq!(persons(&store, "a.txt"), ["Đinh Công Tráng"]);
}

#[test]
fn user_people_file_merges_or_reports_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.yaml");
    std::fs::write(
        &good,
        "- name: \"Đinh Công Tráng\"\n  aliases: [\"Dinh Cong Trang\", \"Tráng Đinh\"]\n  role: \"Giám đốc Sở\"\n",
    )
    .expect("write");
    let known = people::load_people_file(&good).expect("good file");
    assert_eq!(known.len(), KnownPeople::builtin().len() + 1);
    assert!(known.lookup("Tráng Đinh").is_some());

    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "- name: \"A B\"\n  aliases: \"not a list\n").expect("write");
    let err = people::load_people_file(&bad).expect_err("bad file");
    let msg = err.to_string();
    assert!(msg.starts_with(&bad.display().to_string()), "{msg}");
    assert!(err.line.is_some(), "{msg}");
    assert!(msg.contains("expected"), "{msg}");

    let wrong = dir.path().join("wrong.yaml");
    std::fs::write(&wrong, "name: A B\n").expect("write");
    let msg = people::load_people_file(&wrong)
        .expect_err("a map, not a list")
        .to_string();
    assert!(msg.contains("wrong.yaml"), "{msg}");

    let binary = dir.path().join("binary.yaml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).expect("write");
    assert!(people::load_people_file(&binary).is_err());
    assert!(people::load_people_file(&dir.path().join("missing.yaml")).is_err());
}

fn docbao(args: &[&str], config: &std::path::Path) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_docbao"))
        // Tests read their fixtures fresh and leave no cache behind.
        .env("DOCBAO_NO_CACHE", "1")
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .env("NO_COLOR", "1")
        .output()
        .expect("run docbao");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn people_command_and_person_queries() {
    let config = tempfile::tempdir().expect("temp dir");
    let (out, _) = docbao(&["people"], config.path());
    let first: Vec<&str> = out.lines().next().unwrap_or("").split('\t').collect();
    assert_eq!(first.get(1), Some(&"Pete Hegseth"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("\tAhn Gyu-back\t") && l.contains("Ahn Gyu-baek")),
        "{out}"
    );
    let (json, _) = docbao(&["people", "--json"], config.path());
    let v: serde_json::Value = serde_json::from_str(json.lines().next().unwrap_or("")).expect("json");
    assert_eq!(v["name"], "Pete Hegseth");
    assert!(v["articles"].as_u64().is_some_and(|n| n >= 10));

    // The canonical name, an alias, a spelling without marks: the same articles.
    let (a, _) = docbao(&["list", "--query", "@Ahn Gyu-back"], config.path());
    let (b, _) = docbao(&["list", "--query", "@gyu baek"], config.path());
    assert!(a.lines().count() >= 8, "{a}");
    assert_eq!(a, b);
    let (c, _) = docbao(&["list", "--query", "@tran thi bich ngoc"], config.path());
    assert!(c.lines().count() >= 8, "{c}");

    // A broken people file: a clear message, and the built-in list still works.
    std::fs::create_dir_all(config.path().join("docbao")).expect("mkdir");
    std::fs::write(config.path().join("docbao/people.yaml"), "- name: [oops\n").expect("write");
    let (out, err) = docbao(&["people"], config.path());
    assert!(err.contains("people.yaml:"), "{err}");
    assert!(err.contains("expected"), "{err}");
    assert!(out.contains("Pete Hegseth"));
}

#[test]
fn a_legal_surname_does_not_name_a_man_who_goes_by_one_word() {
    // Marquinhos was born Marcos Aoás Corrêa: a `Correa` in a match report is someone else.
    let (_dir, store) = store_of(&[
        (
            "psg.txt",
            "date 2021-04-10 PSG thắng trận\n\nTrung vệ Marquinhos đánh đầu ghi bàn ở phút 30 cho PSG.\n",
        ),
        (
            "atm.txt",
            "date 2021-04-11 Atlético thắng trận\n\nTiền đạo Correa ghi bàn ở phút 80 cho Atlético.\n",
        ),
    ]);
    let marquinhos = persons(&store, "psg.txt");
    assert_eq!(marquinhos.len(), 1, "{marquinhos:?}");
    let correa = persons(&store, "atm.txt");
    assert!(
        !correa.contains(&marquinhos[0]),
        "{correa:?} is not {marquinhos:?}"
    );
    let index = store.people();
    let p = index.get(marquinhos[0]).expect("listed");
    assert!(!p.aliases.iter().any(|a| a == "Correa"), "{:?}", p.aliases);
}

#[test]
fn a_given_name_alone_goes_to_the_full_name_its_company_names() {
    let (_dir, store) = store_of(&[
        (
            "a.txt",
            "date 2021-04-10 Đội bóng thắng trận\n\nTiền vệ Lương Xuân Trường chuyền cho tiền đạo \
             Trần Minh Vương và hậu vệ Đinh Thanh Bình ghi bàn.\n",
        ),
        (
            "b.txt",
            "date 2021-04-18 Đội bóng thắng tiếp\n\nXuân Trường lại kiến tạo, Trần Minh Vương và \
             Đinh Thanh Bình cùng ghi bàn.\n",
        ),
        (
            "c.txt",
            "date 2021-04-20 Chuyện trong làng\n\nAnh Xuân Trường, một nông dân ở Nghệ An, kể về \
             vụ mùa năm nay cùng anh Hoàng Văn Tâm.\n",
        ),
    ]);
    let full = persons(&store, "a.txt");
    assert!(full.contains(&"Lương Xuân Trường"), "{full:?}");
    // Beside two of his teammates: the footballer, under his full name.
    let b = persons(&store, "b.txt");
    assert!(b.contains(&"Lương Xuân Trường"), "{b:?}");
    // Beside no one he is written with: whoever it is, not the footballer.
    let c = persons(&store, "c.txt");
    assert!(!c.contains(&"Lương Xuân Trường"), "{c:?}");
}

#[test]
fn a_known_man_is_still_called_by_his_surname_when_his_nickname_is_a_spelling_or_short() {
    // Zelensky (alias Zelenskyy) and Widodo (alias Jokowi): the surname alone names them.
    let (_dir, store) = store_of(&[
        (
            "ua.txt",
            "date 2022-03-01 Ukraine kêu gọi\n\nTổng thống Zelensky kêu gọi các nước hỗ trợ thêm.\n",
        ),
        (
            "id.txt",
            "date 2022-03-02 Indonesia\n\nTổng thống Widodo đã đến thăm thủ đô mới của nước này.\n",
        ),
    ]);
    assert_eq!(persons(&store, "ua.txt"), ["Volodymyr Zelensky"]);
    assert_eq!(persons(&store, "id.txt"), ["Joko Widodo"]);
}
