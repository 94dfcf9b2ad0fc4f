//! The steps the tests of the app alone (no terminal) share: the sample archive's app at 80x24,
//! actions applied in turn, text typed into a bar.

#![allow(dead_code)] // each test file uses what it needs

use docbao_core::ingest::Source;
use docbao_tui::action::Action;
use docbao_tui::app::{App, Msg};
use docbao_tui::app_for;
use docbao_tui::theme::Theme;

/// The app on the built-in sample, 80x24, without timings (they differ run to run).
pub fn app() -> App {
    let mut a = app_for(&Source::Sample, Theme::color());
    a.show_timings = false;
    a.update(Msg::Resize(80, 24));
    a
}

pub fn act(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(Msg::Action(*a));
    }
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Msg::Insert(c.to_string()));
    }
}
