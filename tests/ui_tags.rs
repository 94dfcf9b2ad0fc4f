//! Tags in the reader (`t`, `tag:NAME`) and writing the articles shown to a file (`w`), on the
//! app and TestBackend.

use docbao_core::export::Format;
use docbao_core::ingest::Source;
use docbao_tui::action::Action;
use docbao_tui::app::{App, Effect, Msg, Overlay};
use docbao_tui::export::{export, Exported};
use docbao_tui::theme::Theme;
use docbao_tui::{app_for, render_to_string};
use std::path::Path;

#[path = "support/ui.rs"]
mod ui;
use ui::{act, typed};

fn app() -> App {
    let mut a = app_for(&Source::Sample, Theme::color());
    a.show_timings = false;
    a.source_label = "sample corpus (built in)".into();
    a.update(Msg::Resize(80, 24));
    a
}

fn message(a: &App) -> String {
    a.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default()
}

fn filter(a: &mut App, q: &str) {
    act(a, &[Action::Filter]);
    a.filter_input = docbao_tui::input::Input::new(q);
    typed(a, " ");
    act(a, &[Action::Open]);
}

/// Carries out the export the app asked for, as the loop does; returns what was asked.
fn run_export(a: &mut App) -> (String, Format, Vec<docbao_core::store::ArticleId>, bool) {
    let Some(Effect::Export {
        name,
        format,
        ids,
        overwrite,
    }) = a.effects.pop()
    else {
        panic!("no export asked for: {:?}", a.effects);
    };
    let done = export(a, &name, format, &ids, overwrite);
    a.update(Msg::Exported(done));
    (name, format, ids, overwrite)
}

fn tags_of_selected(a: &App) -> Vec<String> {
    let art = a.selected_article().expect("an article");
    a.reading.marks.tags_key(art.key).to_vec()
}

#[test]
fn t_tags_the_article_and_tag_finds_it() {
    let mut a = app();
    act(&mut a, &[Action::Tag]);
    assert_eq!(a.overlay, Overlay::Tag);
    typed(&mut a, "Quốc phòng, korea");
    act(&mut a, &[Action::Open]);
    assert_eq!(a.overlay, Overlay::None);
    // Commas apart; a Vietnamese word of two syllables is one tag.
    assert_eq!(tags_of_selected(&a), ["korea", "quốc-phòng"]);
    assert_eq!(message(&a), "tags: korea, quốc-phòng");
    // The reader shows them.
    act(&mut a, &[Action::Open]);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("tags: korea, quốc-phòng"), "{screen}");
    act(&mut a, &[Action::Back]);
    // Edit them: the line opens with them; a tag deleted from it is removed.
    act(&mut a, &[Action::Tag]);
    assert_eq!(a.tag_bar.input.text(), "korea, quốc-phòng, ");
    act(&mut a, &[Action::DeleteWord]);
    typed(&mut a, "kinh tế");
    act(&mut a, &[Action::Open]);
    assert_eq!(tags_of_selected(&a), ["kinh-tế", "korea"]);
    assert_eq!(message(&a), "tags: kinh-tế, korea (removed: quốc-phòng)");
    let title = a.selected_article().map(|x| x.title.clone());
    // tag:NAME filters on them, with or without diacritics.
    filter(&mut a, "tag:kinh-te");
    assert_eq!(a.shown.len(), 1);
    assert_eq!(a.selected_article().map(|x| x.title.clone()), title);
    filter(&mut a, "is:tagged");
    assert_eq!(a.shown.len(), 1);
    // Esc leaves the tags as they were; emptying the line removes them all.
    act(&mut a, &[Action::Tag, Action::DeleteToStart, Action::Back]);
    assert_eq!(tags_of_selected(&a), ["kinh-tế", "korea"]);
    act(&mut a, &[Action::Tag, Action::DeleteToStart, Action::Open]);
    assert!(tags_of_selected(&a).is_empty());
    assert_eq!(message(&a), "tags removed");
    assert!(
        a.reading.marks.is_empty(),
        "nothing kept for an article with no mark"
    );
}

#[test]
fn tab_completes_from_the_tags_of_the_archive() {
    let mut a = app();
    for (row, line) in ["quốc phòng, korea", "quốc-phòng, kinh tế"].iter().enumerate() {
        act(&mut a, &[Action::Top]);
        for _ in 0..row {
            act(&mut a, &[Action::Down]);
        }
        act(&mut a, &[Action::Tag]);
        typed(&mut a, line);
        act(&mut a, &[Action::Open]);
    }
    act(&mut a, &[Action::Down, Action::Tag]);
    // Most used first, counted; typed without diacritics.
    typed(&mut a, "q");
    act(&mut a, &[Action::Complete]);
    assert_eq!(a.tag_bar.input.text(), "quốc-phòng");
    typed(&mut a, ", k");
    let screen = render_to_string(&mut a, 80, 24);
    insta::assert_snapshot!("tag_bar_80x24", screen);
    act(&mut a, &[Action::Complete]);
    assert_eq!(a.tag_bar.input.text(), "quốc-phòng, kinh-tế");
    act(&mut a, &[Action::Complete]);
    assert_eq!(a.tag_bar.input.text(), "quốc-phòng, korea");
    act(&mut a, &[Action::Open]);
    assert_eq!(tags_of_selected(&a), ["korea", "quốc-phòng"]);
    assert_eq!(
        a.reading.marks.tag_counts(),
        [
            ("quốc-phòng".to_string(), 3),
            ("korea".to_string(), 2),
            ("kinh-tế".to_string(), 1)
        ]
    );
}

#[test]
fn the_tag_bar_at_any_size_never_overflows() {
    let mut a = app();
    act(&mut a, &[Action::Tag]);
    typed(&mut a, &"rất-dài ".repeat(30));
    for (w, h) in [(24, 6), (40, 10), (80, 24), (200, 50)] {
        let screen = render_to_string(&mut a, w, h);
        assert_eq!(screen.lines().count(), h as usize);
        assert!(
            screen.lines().last().is_some_and(|l| l.starts_with(" tags: ")),
            "{screen}"
        );
    }
}

#[test]
fn w_writes_the_articles_shown_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = app();
    act(&mut a, &[Action::Tag]);
    typed(&mut a, "metro");
    act(&mut a, &[Action::Open]);
    filter(&mut a, "buyt dien");
    let shown = a.shown.len();
    assert!(shown >= 3);
    // No format in the name: said, and the bar stays open.
    act(&mut a, &[Action::Export]);
    assert_eq!(a.overlay, Overlay::Export);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(
        screen.contains(&format!(" write {shown} articles to: ")),
        "{screen}"
    );
    typed(&mut a, "out.txt");
    act(&mut a, &[Action::Open]);
    assert_eq!(a.overlay, Overlay::Export);
    assert!(
        message(&a).contains("must end .jsonl, .csv or .md"),
        "{}",
        message(&a)
    );
    let file = dir.path().join("out.csv");
    a.export_bar.input = docbao_tui::input::Input::new(file.to_str().expect("utf-8"));
    act(&mut a, &[Action::Open]);
    let (name, format, ids, overwrite) = run_export(&mut a);
    assert_eq!((format, ids, overwrite), (Format::Csv, a.shown.clone(), false));
    // The status line says where.
    assert_eq!(
        message(&a),
        format!("wrote {shown} articles to {}", file.display())
    );
    let csv = std::fs::read_to_string(&file).expect("written");
    assert_eq!(csv.lines().count(), shown + 1);
    assert!(csv.starts_with("path,title,date,date_precision,words,persons,events,shape,url,tags\n"));
    // A file that exists: asked again, then overwritten.
    std::fs::write(&file, "old").expect("write");
    act(&mut a, &[Action::Export]);
    assert_eq!(a.export_bar.input.text(), name, "the last name is offered again");
    // Selected: a name typed replaces it rather than joining it (`a.csvb.csv` before).
    assert!(a.export_bar.input.is_selected());
    typed(&mut a, "b.csv");
    assert_eq!(a.export_bar.input.text(), "b.csv");
    act(&mut a, &[Action::Back, Action::Export]);
    assert_eq!(
        a.export_bar.input.text(),
        name,
        "Esc wrote nothing: the last name again"
    );
    act(&mut a, &[Action::Open]);
    run_export(&mut a);
    assert_eq!(std::fs::read_to_string(&file).expect("file"), "old", "not yet");
    assert_eq!(a.overlay, Overlay::Export);
    assert!(
        message(&a).contains("exists: Enter again overwrites it"),
        "{}",
        message(&a)
    );
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("exists: Enter overwrites it"), "{screen}");
    act(&mut a, &[Action::Open]);
    assert!(run_export(&mut a).3, "overwrite");
    assert!(std::fs::read_to_string(&file)
        .expect("file")
        .starts_with("path,title"));
}

#[test]
fn export_formats_and_failures_in_the_status_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = app();
    let ids = a.shown.clone();
    let total = ids.len();
    for (name, check) in [("all.jsonl", "\"date_precision\""), ("all.md", "\n## ")] {
        let p = dir.path().join(name);
        let done = export(
            &a,
            p.to_str().expect("utf-8"),
            Format::for_path(&p).expect("a format"),
            &ids,
            false,
        );
        assert!(
            matches!(done, Exported::Written { count, .. } if count == total),
            "{done:?}"
        );
        assert!(std::fs::read_to_string(&p).expect("file").contains(check));
    }
    // A folder that is not there, and a folder for a name: told, nothing written, no crash.
    let missing = dir.path().join("no/such/folder/x.csv");
    a.update(Msg::Exported(export(
        &a,
        missing.to_str().expect("utf-8"),
        Format::Csv,
        &ids,
        false,
    )));
    assert!(
        message(&a).starts_with(&format!("cannot write {}: ", missing.display())),
        "{}",
        message(&a)
    );
    std::fs::create_dir(dir.path().join("d.csv")).expect("mkdir");
    let done = export(
        &a,
        dir.path().join("d.csv").to_str().expect("utf-8"),
        Format::Csv,
        &ids,
        true,
    );
    assert!(
        matches!(done, Exported::Failed { ref error, .. } if error.contains("folder")),
        "{done:?}"
    );
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
    assert!(Path::new(&docbao_tui::export::resolve("~/x.md")).is_absolute());
}

#[test]
fn a_saved_search_on_a_tag_is_counted() {
    let mut a = app();
    a.configure(&docbao_tui::Settings {
        searches: vec![("Hàn Quốc".to_string(), "tag:korea".to_string())],
        ..docbao_tui::Settings::default()
    });
    for _ in 0..2 {
        act(&mut a, &[Action::Tag]);
        typed(&mut a, "korea");
        act(&mut a, &[Action::Open, Action::Down]);
    }
    act(&mut a, &[Action::Searches]);
    let counts: Vec<_> = a.searches.rows.iter().map(|r| r.count).collect();
    assert_eq!(counts, vec![Some(2)]);
}

#[test]
fn capital_t_adds_tags_to_every_article_shown_and_keeps_their_own() {
    let mut a = app();
    // One article already tagged: its own tag stays.
    act(&mut a, &[Action::Tag]);
    typed(&mut a, "korea");
    act(&mut a, &[Action::Open]);
    filter(&mut a, "metro");
    let shown = a.shown.len();
    assert!(shown >= 2, "{shown}");
    act(&mut a, &[Action::TagShown]);
    assert_eq!(a.overlay, Overlay::Tag);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(
        screen.contains(&format!("add tags to {shown} articles:")),
        "{screen}"
    );
    typed(&mut a, "giao thông");
    act(&mut a, &[Action::Open]);
    assert_eq!(message(&a), format!("giao-thông added to {shown} articles"));
    // Every article shown carries it; `tag:` finds exactly them.
    filter(&mut a, "tag:giao-thông");
    assert_eq!(a.shown.len(), shown);
    // Nothing typed adds nothing.
    act(&mut a, &[Action::TagShown]);
    act(&mut a, &[Action::Open]);
    assert_eq!(message(&a), "no tag typed: nothing added");
    // The article tagged first keeps its own tag.
    filter(&mut a, "tag:korea");
    assert_eq!(a.shown.len(), 1);
}
