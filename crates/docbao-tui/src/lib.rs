//! The terminal reader: three panes (list, reader, timeline), a filter bar, a person picker and
//! a help overlay. Keys become actions (`keys`), actions change state (`app`), and drawing is a
//! pure function of that state (`draw`), so the whole UI runs on ratatui's `TestBackend`.

pub mod action;
pub mod app;
pub mod cells;
mod event_loop;
pub mod export;
pub mod input;
pub mod keys;
pub mod layout;
pub mod links;
pub mod overlays;
pub mod panes;
pub mod reader_config;
pub mod status;
pub mod terminal;
pub mod theme;

use app::{App, Msg, Overlay, Progress};
use docbao_core::dates::DateFormat;
use docbao_core::ingest::{self, LoadOptions, Source};
use docbao_core::session;
use docbao_core::state::StateFile;
use docbao_core::store::Store;
use event_loop::{event_loop, Saver};
use keys::config::KeyBinding;
use overlays::{export_bar, help, person_picker, tag_bar};
use panes::{list, reader, timeline};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;
use theme::spec::StyleSpec;

/// What the configuration sets for the reader: keys, colours, how dates are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The whole key table, in the order of `keys::DEFAULT`.
    pub keys: Vec<KeyBinding>,
    /// Every colour role, in the order of `theme::spec::ROLES`.
    pub theme: Vec<(&'static str, StyleSpec)>,
    pub dates: DateFormat,
    /// Named queries from the configuration's `searches:`, in its order.
    pub searches: Vec<(String, String)>,
    /// Clicks and the wheel (no motion reports); false leaves the mouse to the terminal.
    pub mouse: bool,
    /// How a link opens (`links:`).
    pub links: links::LinkSettings,
    /// The order the list starts in (`sort:`); the sort key cycles it.
    pub sort: docbao_core::query::relevance::Sort,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keys: keys::config::default_keys(),
            theme: theme::spec::default_theme(),
            dates: DateFormat::default(),
            searches: Vec::new(),
            mouse: true,
            links: Default::default(),
            sort: Default::default(),
        }
    }
}

/// Draws the whole screen from the app state.
pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.width < 24 || area.height < 6 {
        f.render_widget(
            Paragraph::new("docbao: terminal too small").style(app.theme.error),
            area,
        );
        return;
    }
    let a = layout::areas(area, app);
    if let Some(r) = a.list {
        list::draw(f, r, app);
    }
    if let Some(r) = a.reader {
        reader::draw(f, r, app);
    }
    if let Some(r) = a.timeline {
        timeline::draw(f, r, app);
    }
    status::draw(f, a.status, app);
    match app.overlay {
        Overlay::Help => help::draw(f, area, app),
        Overlay::People => person_picker::draw(f, area, app),
        Overlay::Searches => overlays::searches::draw(f, area, app),
        Overlay::Tag => tag_bar::draw(f, a.status, app),
        Overlay::Export => export_bar::draw(f, a.status, app),
        _ => {}
    }
    // Last: whatever was drawn, every cell as wide for the terminal as for the diff.
    cells::settle(f.buffer_mut());
}

/// The archive's name as the status line shows it: its path, with `~` for the home folder.
pub fn source_label(source: &Source) -> String {
    let label = source.label();
    let home = std::env::var("HOME").unwrap_or_default();
    let home = home.trim_end_matches('/');
    match label.strip_prefix(home) {
        Some(rest) if !home.is_empty() && (rest.is_empty() || rest.starts_with('/')) => format!("~{rest}"),
        _ => label,
    }
}

/// Builds an app on a fully loaded store (tests and small archives).
pub fn app_for(source: &Source, theme: theme::Theme) -> App {
    let options = LoadOptions::default().for_source(source);
    let (store, _) = session::load_store(source, &options);
    App::new(
        store,
        options.known,
        source_label(source),
        source.root().map(Path::to_path_buf),
        theme,
    )
}

/// Runs the reader on `source` until the user quits or a signal ends it; stdin and stdout must
/// be a terminal (the caller checks, before anything is printed). The terminal is restored
/// however it ends, and the reading state saved.
pub fn run(source: Source, settings: &Settings, options: LoadOptions) -> ExitCode {
    let options = options.for_source(&source);
    let state_file = StateFile::for_source(&source);
    let opened = state_file.as_ref().map(StateFile::open);
    let signals = terminal::signals();
    let mut term = match terminal::init(settings.mouse) {
        Ok(t) => t,
        Err(e) => {
            terminal::restore();
            eprintln!("docbao: cannot set up the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    let (tx, rx) = mpsc::channel();
    let known = options.known.clone();
    let loader_source = source.clone();
    std::thread::spawn(move || ingest::load_and_watch(&loader_source, &options, &tx));
    let mut app = App::new(
        Store::new(),
        known,
        source_label(&source),
        source.root().map(Path::to_path_buf),
        theme::Theme::from_env(&settings.theme),
    );
    app.configure(settings);
    app.loading = Some(Progress {
        done: 0,
        total: None,
        ..Default::default()
    });
    match opened {
        Some(o) => {
            app.reading.persist = o.writable;
            app.restore(o.state);
            if let Some(m) = o.message {
                app.notify(m);
            }
        }
        None => app.notify("no $HOME or $XDG_STATE_HOME: read marks and bookmarks are not saved".into()),
    }
    if let Err(e) = app.use_worker() {
        // Filtering inline still works, only less smoothly on big archives.
        app.set_message(format!("filtering on the input thread: {e}"));
    }
    let mut saver = Saver::spawn(state_file);
    let result = event_loop(&mut term, &mut app, &rx, &signals, &mut saver);
    if matches!(result, Ok(None)) {
        // What the loader sent before the quit key was read (the end of a load that has just
        // finished) is taken in, so that its marks and its cache are not lost to a quick key.
        for ev in std::iter::from_fn(|| rx.try_recv().ok()).take(64) {
            app.update(Msg::Load(ev));
        }
    }
    if terminal::alive() {
        drop(term);
    } else {
        // Its Drop would print (and so panic) on a terminal that is gone.
        std::mem::forget(term);
    }
    terminal::restore();
    // Whatever ended the loop (q, a signal, a lost terminal, an error), the marks are kept.
    if let Some(e) = saver.finish(&mut app) {
        let _ = writeln!(std::io::stderr(), "docbao: cannot save reading state: {e}");
    }
    // Quit right after a first load: the archive's cache is finished before the process ends
    // (not on a signal: a dropped connection or a kill wants the process gone).
    if matches!(result, Ok(None)) && app.cache_unfinished() {
        finish_cache(&mut app, &signals);
    }
    match result {
        Ok(Some(sig)) => ExitCode::from((128 + sig).clamp(0, 255) as u8),
        Ok(None) => ExitCode::SUCCESS,
        // The terminal may be gone (a dropped connection): a failed message is no reason to panic.
        Err(e) if !terminal::alive() => {
            let _ = writeln!(std::io::stderr(), "docbao: terminal gone: {e}");
            ExitCode::from(129)
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "docbao: {e}");
            ExitCode::from(1)
        }
    }
}

/// At quit, the cache a first load asked for is written, saying so when it takes a moment;
/// a signal skips it.
fn finish_cache(app: &mut App, signals: &std::sync::atomic::AtomicUsize) {
    let started = std::time::Instant::now();
    let told = std::cell::Cell::new(false);
    let stop = || {
        if !told.get() && started.elapsed() >= Duration::from_millis(300) {
            told.set(true);
            let _ = writeln!(
                std::io::stderr(),
                "docbao: saving the archive's index so the next start is quick (Ctrl-C skips)"
            );
        }
        terminal::pending_signal(signals).is_some()
    };
    if !app.finish_cache(&stop) && told.get() {
        let _ = writeln!(
            std::io::stderr(),
            "docbao: the index was not saved; the next start reads every file again"
        );
    }
}

/// Renders the app into a test buffer of the given size (for snapshots).
pub fn render_to_string(app: &mut App, width: u16, height: u16) -> String {
    use ratatui::backend::TestBackend;
    app.update(Msg::Resize(width, height));
    let mut t = ratatui::Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let _ = t.draw(|f| draw(f, app));
    let buf = t.backend().buffer().clone();
    let area: Rect = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            out.push_str(sym);
            skip = docbao_extract::text::width::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
