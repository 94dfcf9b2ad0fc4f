//! The order of the list: best match first under a query of words, and the sort key cycling
//! relevance, newest first and oldest first, with the status line saying which.

use docbao_tui::action::Action;
use docbao_tui::app::App;
use docbao_tui::render_to_string;

#[path = "support/ui.rs"]
mod ui;
use ui::{act, app, typed};

fn status(a: &mut App) -> String {
    let s = render_to_string(a, 120, 30);
    s.lines().last().unwrap_or("").to_string()
}

fn dates(a: &App) -> Vec<String> {
    a.shown
        .iter()
        .map(|&id| a.store().get(id).date.to_string())
        .collect()
}

fn filter(a: &mut App, q: &str) {
    act(a, &[Action::Filter]);
    typed(a, q);
    act(a, &[Action::Open]);
}

#[test]
fn under_a_query_of_words_the_list_is_by_relevance_and_s_cycles_the_order() {
    let mut a = app();
    filter(&mut a, "bo truong quoc phong");
    assert!(a.shown.len() > 2);
    assert!(status(&mut a).contains("by relevance"), "{}", status(&mut a));
    // The best match holds the words side by side, in its title.
    let best = a.store().get(a.shown[0]);
    assert!(
        docbao_extract::text::fold(&best.title).contains("bo truong quoc phong"),
        "{}",
        best.title
    );
    act(&mut a, &[Action::Sort]);
    assert!(
        status(&mut a).contains("ordered newest first"),
        "{}",
        status(&mut a)
    );
    let newest = dates(&a);
    let mut sorted = newest.clone();
    sorted.sort_by(|x, y| y.cmp(x));
    assert_eq!(newest, sorted);
    act(&mut a, &[Action::Sort]);
    let oldest = dates(&a);
    let mut sorted = oldest.clone();
    sorted.sort();
    assert_eq!(oldest, sorted);
    a.message = None;
    assert!(status(&mut a).contains("oldest first"), "{}", status(&mut a));
    act(&mut a, &[Action::Sort]);
    a.message = None;
    assert!(status(&mut a).contains("by relevance"), "{}", status(&mut a));
}

#[test]
fn plain_browsing_is_newest_first_and_the_key_goes_straight_to_oldest() {
    let mut a = app();
    let s = status(&mut a);
    assert!(!s.contains("relevance") && !s.contains("oldest"), "{s}");
    act(&mut a, &[Action::Sort]);
    assert!(status(&mut a).contains("ordered oldest first"));
    let oldest = dates(&a);
    let mut sorted = oldest.clone();
    sorted.sort();
    assert_eq!(oldest, sorted);
    act(&mut a, &[Action::Sort]);
    assert!(status(&mut a).contains("ordered newest first"));
}

#[test]
fn the_configuration_can_start_the_list_newest_first() {
    let mut a = app();
    let settings = docbao_tui::Settings {
        sort: docbao_core::query::relevance::Sort::Newest,
        ..Default::default()
    };
    a.configure(&settings);
    filter(&mut a, "bo truong quoc phong");
    let newest = dates(&a);
    let mut sorted = newest.clone();
    sorted.sort_by(|x, y| y.cmp(x));
    assert_eq!(newest, sorted);
    assert!(!status(&mut a).contains("relevance"), "{}", status(&mut a));
}
