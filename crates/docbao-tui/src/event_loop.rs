//! The event loop of the running reader: input, loader events, filter results and saves in;
//! drawing, side effects (editor, pager, clipboard, suspend) and reading-state saves out.

use crate::action::Action;
use crate::app::{App, Effect, Msg, Overlay};
use crate::{draw, terminal};
use docbao_core::ingest::LoadEvent;
use docbao_core::state::{self, StateFile};
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Runs until the user quits (`Ok(None)`) or a signal arrives (`Ok(Some(signal))`).
pub fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    rx: &mpsc::Receiver<LoadEvent>,
    signals: &std::sync::atomic::AtomicUsize,
    saver: &mut Saver,
) -> std::io::Result<Option<i32>> {
    let size = term.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let (input_tx, input_rx) = mpsc::channel();
    let pump = terminal::InputPump::spawn(input_tx);
    let (export_tx, export_rx) = mpsc::channel();
    let mut dirty = true;
    let mut last_alive_check = std::time::Instant::now();
    loop {
        if let Some(sig) = terminal::pending_signal(signals) {
            return Ok(Some(sig));
        }
        if last_alive_check.elapsed() >= Duration::from_millis(250) {
            if !terminal::alive() {
                return Ok(Some(signal_hook::consts::SIGHUP));
            }
            last_alive_check = std::time::Instant::now();
        }
        if dirty {
            terminal::draw(term, |f| draw(f, app))?;
            dirty = false;
        }
        // Wait for input, but wake up to take loader batches and expire messages. A burst of
        // keys (an input method sends several at once) is taken whole before drawing.
        // While a filter runs, wake often to show its result as soon as it is ready.
        let wait = if app.filtering { 3 } else { 40 };
        let mut next = input_rx.recv_timeout(Duration::from_millis(wait));
        loop {
            match next {
                Ok(terminal::Input::Event(ev)) => {
                    handle_event(app, ev);
                    dirty = true;
                }
                Ok(terminal::Input::Gone(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Ok(Some(signal_hook::consts::SIGHUP));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
            }
            if app.quit {
                break;
            }
            next = input_rx.try_recv().map_err(|e| match e {
                mpsc::TryRecvError::Empty => mpsc::RecvTimeoutError::Timeout,
                mpsc::TryRecvError::Disconnected => mpsc::RecvTimeoutError::Disconnected,
            });
        }
        dirty |= app.poll_worker();
        for done in std::iter::from_fn(|| export_rx.try_recv().ok()) {
            app.update(Msg::Exported(done));
            dirty = true;
        }
        let waiting: Vec<LoadEvent> = std::iter::from_fn(|| rx.try_recv().ok()).take(64).collect();
        for ev in LoadEvent::coalesce(waiting) {
            app.update(Msg::Load(ev));
            dirty = true;
        }
        // What a tick or a finished save may change on screen: a message (a new one replacing
        // another counts: a failed save said while "bookmarked" still shows must be drawn) and
        // the marks.
        let before = (app.message.clone(), app.reading.marks.generation());
        saver.poll(app);
        app.update(Msg::Tick);
        dirty |= before != (app.message.clone(), app.reading.marks.generation());
        let effects = std::mem::take(&mut app.effects);
        // A stopped job may be killed before it runs again: save before stopping, not beside it.
        let suspending = effects.contains(&Effect::Suspend);
        for effect in effects {
            if effect == Effect::SaveState {
                if suspending {
                    saver.save_now(app);
                } else {
                    saver.save(app);
                }
                continue;
            }
            run_effect(term, &pump, app, effect, &export_tx)?;
            dirty = true;
        }
        if app.quit {
            return Ok(None);
        }
    }
}

/// What a save reports: the generation and position written, and the error if it failed.
type Saved = (u64, state::Last, Option<String>);

/// Writes the reading state on its own thread, so a large state file or a slow disk never
/// holds up a keystroke. At most one save is in flight (the app asks for the next only once it
/// has heard of the last), so saves land in order.
pub struct Saver {
    file: Option<StateFile>,
    jobs: Option<mpsc::Sender<state::ReadingState>>,
    done: mpsc::Receiver<Saved>,
    in_flight: usize,
}

impl Saver {
    pub fn spawn(file: Option<StateFile>) -> Saver {
        let (jobs, rx) = mpsc::channel::<state::ReadingState>();
        let (tx, done) = mpsc::channel();
        let jobs = file.clone().map(|f| {
            std::thread::spawn(move || {
                for s in rx {
                    let error = f.save(&s).err().map(|e| e.to_string());
                    if tx.send((s.generation(), s.last.clone(), error)).is_err() {
                        break;
                    }
                }
            });
            jobs
        });
        Saver {
            file,
            jobs,
            done,
            in_flight: 0,
        }
    }

    /// Hands the state to the writer thread.
    fn save(&mut self, app: &mut App) {
        match &self.jobs {
            Some(jobs) if jobs.send(app.reading.marks.clone()).is_ok() => self.in_flight += 1,
            _ => {
                self.save_now(app);
            }
        }
    }

    fn report(&mut self, app: &mut App, (generation, last, error): Saved) {
        self.in_flight = self.in_flight.saturating_sub(1);
        app.update(Msg::Saved {
            generation,
            last,
            error,
        });
    }

    /// Tells the app about finished saves.
    fn poll(&mut self, app: &mut App) {
        while let Ok(done) = self.done.try_recv() {
            self.report(app, done);
        }
    }

    /// Waits until the save in flight, if any, has landed.
    fn wait(&mut self, app: &mut App) {
        while self.in_flight > 0 {
            match self.done.recv() {
                Ok(done) => self.report(app, done),
                Err(_) => self.in_flight = 0,
            }
        }
    }

    /// Waits for the save in flight, then writes here and now; returns the error, if any.
    fn save_now(&mut self, app: &mut App) -> Option<String> {
        self.wait(app);
        let generation = app.reading.marks.generation();
        let last = app.reading.marks.last.clone();
        let error = match &self.file {
            Some(f) => f.save(&app.reading.marks).err().map(|e| e.to_string()),
            None => Some("no state folder".to_string()),
        };
        app.update(Msg::Saved {
            generation,
            last,
            error: error.clone(),
        });
        error
    }

    /// The last save, on the way out: whatever is in flight lands first, then the state as it
    /// is now, if it changed since.
    pub fn finish(&mut self, app: &mut App) -> Option<String> {
        self.jobs = None;
        self.wait(app);
        app.effects.clear();
        app.update(Msg::Flush);
        if std::mem::take(&mut app.effects).contains(&Effect::SaveState) {
            self.save_now(app)
        } else {
            None
        }
    }
}

fn handle_event(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => app.handle_key(k),
        Event::Paste(s) => {
            if app.overlay == Overlay::None {
                app.update(Msg::Action(Action::Filter));
            }
            app.update(Msg::Insert(s));
        }
        Event::Resize(w, h) => app.update(Msg::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.update(Msg::Scroll {
                x: m.column,
                y: m.row,
                lines: 3,
            }),
            MouseEventKind::ScrollUp => app.update(Msg::Scroll {
                x: m.column,
                y: m.row,
                lines: -3,
            }),
            MouseEventKind::Down(MouseButton::Left) => app.update(Msg::Click {
                x: m.column,
                y: m.row,
            }),
            _ => {}
        },
        _ => {}
    }
}

fn run_effect(
    term: &mut terminal::Term,
    pump: &terminal::InputPump,
    app: &mut App,
    effect: Effect,
    exports: &mpsc::Sender<crate::export::Exported>,
) -> std::io::Result<()> {
    match effect {
        // Carried out by the loop, which has the state file.
        Effect::SaveState => return Ok(()),
        // Whatever the terminal holds that the last frames did not draw goes.
        Effect::Redraw => return terminal::full_redraw(term),
        Effect::Export {
            name,
            format,
            ids,
            overwrite,
        } => {
            let path = crate::export::resolve(&name);
            if let Err(e) = crate::export::spawn(app, (name, format, ids, overwrite), exports.clone()) {
                let error = format!("cannot start writing: {e}");
                app.update(Msg::Exported(crate::export::Exported::Failed { path, error }));
            }
            return Ok(());
        }
        Effect::Copy(text) => terminal::osc52(&text)?,
        Effect::OpenLink { number, url } => return open_link(term, pump, app, number, &url),
        Effect::Suspend => {
            terminal::suspended(term, pump, || {
                let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
            })?;
        }
        Effect::Edit(path) => {
            let editor = command_from_env(&["VISUAL", "EDITOR"], "vi");
            let status = terminal::suspended(term, pump, || run_command(&editor, Some(&path), None))?;
            if let Err(e) = status {
                app.set_message(format!("cannot run {editor}: {e}"));
            }
        }
        Effect::Pager(text) => {
            let pager = command_from_env(&["PAGER"], "less");
            let status = terminal::suspended(term, pump, || run_command(&pager, None, Some(&text)))?;
            if let Err(e) = status {
                app.set_message(format!("cannot run {pager}: {e}"));
            }
        }
    }
    let size = term.size()?;
    app.update(Msg::Resize(size.width, size.height));
    Ok(())
}

/// Opens link `number` as the `links:` settings and the environment say (see `links::plan`);
/// a browser that cannot start leaves the link on the clipboard instead, saying why.
fn open_link(
    term: &mut terminal::Term,
    pump: &terminal::InputPump,
    app: &mut App,
    number: usize,
    url: &str,
) -> std::io::Result<()> {
    use crate::links::{plan, Env, Plan};
    let shown = docbao_extract::text::sanitize::sanitize_line(url);
    let failed = match plan(&app.links, &Env::read(), url) {
        Plan::Copy(why) => {
            terminal::osc52(url)?;
            let why = if why.is_empty() {
                String::new()
            } else {
                format!(" ({why})")
            };
            app.set_message(format!("copied link {number}{why}: {shown}"));
            return Ok(());
        }
        Plan::Opener(cmd) => match spawn_detached(&cmd) {
            Ok(()) => {
                app.set_message(format!("opened link {number} with {}: {shown}", cmd[0]));
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::Other => format!("{} {e}", cmd[0]),
            Err(e) => format!("cannot run {}: {e}", cmd[0]),
        },
        Plan::Browser(cmd) => {
            let status = terminal::suspended(term, pump, || run_argv(&cmd))?;
            let size = term.size()?;
            app.update(Msg::Resize(size.width, size.height));
            match status {
                Ok(()) => {
                    app.set_message(format!("opened link {number} with {}: {shown}", cmd[0]));
                    return Ok(());
                }
                // It ran and said it failed.
                Err(e) if e.kind() == std::io::ErrorKind::Other => format!("{} {e}", cmd[0]),
                Err(e) => format!("cannot run {}: {e}", cmd[0]),
            }
        }
    };
    terminal::osc52(url)?;
    // The link's number first: at 80 columns the end of the line is cut.
    app.set_message(format!("copied link {number} instead: {failed}"));
    Ok(())
}

/// Starts a program with no terminal (stdin, stdout and stderr to /dev/null). An opener that
/// fails (no handler for the address) says so within a moment: up to half a second is waited
/// for that; one still running then is left to a thread that reaps it.
fn spawn_detached(argv: &[String]) -> std::io::Result<()> {
    use std::process::{Command, Stdio};
    let (prog, args) = argv
        .split_first()
        .ok_or_else(|| std::io::Error::other("empty command"))?;
    let mut child = Command::new(prog)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let until = std::time::Instant::now() + std::time::Duration::from_millis(500);
    while std::time::Instant::now() < until {
        match child.try_wait()? {
            Some(status) if status.success() => return Ok(()),
            Some(status) => return Err(exit_error(status)),
            None => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Runs a program on the terminal and waits for it; a failure it reports (a non-zero exit
/// status) is an error, so the link is copied instead of said opened.
fn run_argv(argv: &[String]) -> std::io::Result<()> {
    let (prog, args) = argv
        .split_first()
        .ok_or_else(|| std::io::Error::other("empty command"))?;
    let status = std::process::Command::new(prog).args(args).status()?;
    if status.success() {
        return Ok(());
    }
    Err(exit_error(status))
}

/// A program's failure, as the status line says it after its name.
fn exit_error(status: std::process::ExitStatus) -> std::io::Error {
    std::io::Error::other(match status.code() {
        Some(c) => format!("exited with status {c}"),
        None => "was killed".to_string(),
    })
}

/// The command the first of `vars` names, else `default`. A variable set but empty (or only
/// blanks: `EDITOR=`) counts as unset, as git, less and most shells' tools take it.
fn command_from_env(vars: &[&str], default: &str) -> String {
    command_from(vars.iter().map(|v| std::env::var(v).ok()), default)
}

fn command_from(values: impl IntoIterator<Item = Option<String>>, default: &str) -> String {
    values
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// Runs `$EDITOR file` or `text | $PAGER`; the command may carry arguments (`code -w`).
fn run_command(cmdline: &str, file: Option<&Path>, stdin_text: Option<&str>) -> std::io::Result<()> {
    let mut parts = cmdline.split_whitespace();
    let prog = parts
        .next()
        .ok_or_else(|| std::io::Error::other("empty command"))?;
    let mut cmd = std::process::Command::new(prog);
    cmd.args(parts);
    if let Some(f) = file {
        cmd.arg(f);
    }
    if stdin_text.is_some() {
        cmd.stdin(std::process::Stdio::piped());
    }
    let mut child = cmd.spawn()?;
    if let (Some(text), Some(mut stdin)) = (stdin_text, child.stdin.take()) {
        use std::io::Write;
        let _ = stdin.write_all(text.as_bytes());
    }
    child.wait()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::command_from;

    #[test]
    fn an_empty_editor_variable_counts_as_unset() {
        let v = |s: &str| Some(s.to_string());
        // VISUAL= and EDITOR= (set, empty): the default, not "cannot run : empty command".
        assert_eq!(command_from([v(""), v("")], "vi"), "vi");
        assert_eq!(command_from([v("  "), v("nano")], "vi"), "nano");
        assert_eq!(command_from([None, v("")], "vi"), "vi");
        assert_eq!(command_from([v("code -w"), v("nano")], "vi"), "code -w");
        assert_eq!(command_from([None, None], "less"), "less");
    }
}
