//! The reader and the files behind its articles: what `y` copies and `e` opens for a name that
//! holds an escape sequence, titles whole where there is room, counts in the right number.

use docbao_core::ingest::Source;
use docbao_tui::action::Action;
use docbao_tui::app::{App, Effect, Msg};
use docbao_tui::theme::Theme;
use docbao_tui::{app_for, render_to_string};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

#[path = "support/ui.rs"]
mod ui;
use ui::act;

fn app_on(dir: &Path) -> App {
    let mut a = app_for(&Source::Dir(dir.to_path_buf()), Theme::color());
    a.show_timings = false;
    a.update(Msg::Resize(80, 24));
    a
}

fn message(a: &App) -> String {
    a.message.as_ref().map(|(m, _)| m.clone()).unwrap_or_default()
}

#[test]
fn copy_and_edit_reach_a_file_whose_name_holds_an_escape_sequence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name: &[u8] = b"esc\x1b[31mred.txt";
    std::fs::write(
        dir.path().join(OsStr::from_bytes(name)),
        "date 2025-05-01 Bài có tên tệp lạ.\n\nNội dung bài.",
    )
    .expect("write");
    let mut a = app_on(dir.path());
    // Shown with the escape written out, never raw.
    act(&mut a, &[Action::Open]);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("esc%1B[31mred.txt"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    // `y` copies the real path, quoted for a shell: pasted, it names the file.
    act(&mut a, &[Action::Copy]);
    let real = dir.path().join(OsStr::from_bytes(name));
    let quoted = format!("$'{}/esc\\x1b[31mred.txt'", dir.path().display());
    assert!(
        a.effects.contains(&Effect::Copy(quoted.clone())),
        "{:?}",
        a.effects
    );
    let m = message(&a);
    assert!(m.contains(&quoted) && !m.contains('\u{1b}'), "{m:?}");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("cat {quoted}"))
        .output()
        .expect("bash");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Nội dung bài."),
        "{out:?}"
    );
    // `e` opens the file itself, not a new one under a cleaned name.
    a.effects.clear();
    act(&mut a, &[Action::Edit]);
    assert_eq!(a.effects, vec![Effect::Edit(real)]);
}

#[test]
fn a_plain_path_is_copied_as_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("tin tức.txt"), "date 2025-05-01 Tin.\n\nMột câu.").expect("write");
    let mut a = app_on(dir.path());
    act(&mut a, &[Action::Copy]);
    let want = dir.path().join("tin tức.txt").display().to_string();
    assert_eq!(a.effects, vec![Effect::Copy(want)]);
}

#[test]
fn long_titles_are_whole_where_there_is_room() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli");
    let mut a = app_on(&fixture);
    let title = "Bộ trưởng Quốc phòng ba nước họp trực tuyến, thống nhất tăng cường chia sẻ dữ liệu \
                 cảnh báo tên lửa và mở rộng diễn tập chung trong năm tới";
    assert!(title.chars().count() > 100);
    // 200 columns: the list and the reader side by side; the title in the list is cut to its
    // column, the reader shows it whole.
    let screen = render_to_string(&mut a, 200, 40);
    let reader: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .flat_map(|l| l.split(|c: char| c.is_whitespace() || c == '│'))
        .filter(|w| !w.is_empty())
        .collect();
    assert!(reader.join(" ").contains(title), "{screen}");
    assert!(!screen.contains("năm tới…"), "{screen}");
    // At 80 columns the list cuts it to the room there is.
    let screen = render_to_string(&mut a, 80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("Bộ trưởng Quốc phòng"))
        .expect("a row");
    assert!(row.contains('…'), "{row}");
}

#[test]
fn counts_in_the_reader_and_the_status_line_read_right() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2025-05-01 Tin thời tiết\n\nSáng nắng nhẹ.\n\nChiều có mưa rào.",
    )
    .expect("write");
    let mut a = app_on(dir.path());
    a.update(Msg::Load(docbao_core::ingest::LoadEvent::Done {
        elapsed: std::time::Duration::from_millis(5),
    }));
    assert!(message(&a).starts_with("1 article loaded in "), "{}", message(&a));
    act(&mut a, &[Action::Filter]);
    a.update(Msg::Insert("mưa".into()));
    act(&mut a, &[Action::Open, Action::Open]);
    let screen = render_to_string(&mut a, 80, 24);
    assert!(screen.contains("Reader · 1 match "), "{screen}");
}
