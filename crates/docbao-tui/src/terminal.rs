//! The terminal: raw mode and the alternate screen in, and always out again: on quit, on panic,
//! on SIGTERM, SIGHUP (a dropped ssh connection) and SIGINT. Also suspending for an editor or a
//! pager, and the OSC 52 clipboard.
//!
//! The mouse reports clicks and the wheel only. crossterm's `EnableMouseCapture` also turns on
//! motion tracking (modes 1002 and 1003: every move of the pointer is an event), which takes
//! text selection from the terminal and sends a stream of events over ssh; the modes wanted
//! (1000, button presses and the wheel, with 1006, SGR coordinates) are written here instead.

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute, queue, Command};
use ratatui::Terminal;
use std::fmt;
use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether the mouse is asked for (the configuration's `mouse:`), set once by [`init`] and
/// used again each time the screen is entered after an editor or a suspend.
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Draws one frame inside a synchronized update (mode 2026): a terminal that knows the mode
/// shows the frame whole, never half drawn (no tearing over a slow ssh link); others ignore it.
pub fn draw(term: &mut Term, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
    queue!(term.backend_mut(), BeginSynchronizedUpdate)?;
    let drawn = term.draw(render).map(|_| ());
    execute!(term.backend_mut(), EndSynchronizedUpdate)?;
    drawn
}

/// Mouse reports of button presses and releases and the wheel (1000), in SGR form (1006): no
/// motion.
pub struct EnableMouseClicks;

impl Command for EnableMouseClicks {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Every mouse mode off, those another program may have left on (1002, 1003, 1015) too.
pub struct DisableMouse;

impl Command for DisableMouse {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l")
    }
}

/// Enters raw mode and the alternate screen, with bracketed paste and (unless the
/// configuration turned it off) mouse clicks and the wheel.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(io::stdout(), EnableMouseClicks)?;
    }
    Ok(())
}

/// Leaves everything `enter` turned on. Errors are ignored: after SIGHUP there may be no
/// terminal left to write to.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouse,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = io::stdout().flush();
}

/// Sets up the terminal (`mouse`: clicks and the wheel reported) and a panic hook that
/// restores it before the panic message prints.
pub fn init(mouse: bool) -> io::Result<Term> {
    MOUSE.store(mouse, Ordering::Relaxed);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enter()?;
    let mut t = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    full_redraw(&mut t)?;
    Ok(t)
}

/// Registers SIGTERM, SIGHUP and SIGINT; the returned number becomes the signal's number when
/// one arrives, and the main loop restores the terminal and exits.
pub fn signals() -> Arc<AtomicUsize> {
    let got = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&got), sig as usize);
    }
    got
}

/// The signal that arrived, if any.
pub fn pending_signal(flag: &AtomicUsize) -> Option<i32> {
    match flag.load(Ordering::Relaxed) {
        0 => None,
        n => Some(n as i32),
    }
}

/// Leaves the screen, runs `f` (an editor, a pager) with the terminal in its normal state, and
/// comes back with a full redraw. The input pump is paused meanwhile so it steals no keys.
pub fn suspended<T>(term: &mut Term, pump: &InputPump, f: impl FnOnce() -> T) -> io::Result<T> {
    pump.pause();
    restore();
    let out = f();
    enter()?;
    full_redraw(term)?;
    pump.resume();
    Ok(out)
}

/// What the input thread sends.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// Reading the terminal failed: it is gone.
    Gone(io::Error),
}

/// Reads terminal events on its own thread, so the main loop never blocks inside the terminal
/// library (whose reader spins forever once the terminal disappears) and can always notice
/// signals and a hung-up terminal.
pub struct InputPump {
    paused: Arc<AtomicBool>,
    idle: Arc<AtomicBool>,
}

impl InputPump {
    pub fn spawn(tx: Sender<Input>) -> InputPump {
        let paused = Arc::new(AtomicBool::new(false));
        let idle = Arc::new(AtomicBool::new(false));
        let (p, i) = (Arc::clone(&paused), Arc::clone(&idle));
        std::thread::spawn(move || loop {
            if p.load(Ordering::Acquire) {
                i.store(true, Ordering::Release);
                std::thread::sleep(Duration::from_millis(5));
                continue;
            }
            i.store(false, Ordering::Release);
            let got = match event::poll(Duration::from_millis(50)) {
                Ok(true) => event::read().map(Some),
                Ok(false) => Ok(None),
                Err(e) => Err(e),
            };
            let sent = match got {
                Ok(Some(ev)) => tx.send(Input::Event(ev)),
                Ok(None) => Ok(()),
                Err(e) => {
                    let _ = tx.send(Input::Gone(e));
                    break;
                }
            };
            if sent.is_err() {
                break;
            }
        });
        InputPump { paused, idle }
    }

    /// Stops reading and waits (briefly) until the thread is out of the terminal library.
    pub fn pause(&self) {
        self.paused.store(true, Ordering::Release);
        let start = Instant::now();
        while !self.idle.load(Ordering::Acquire) && start.elapsed() < Duration::from_millis(300) {
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn resume(&self) {
        self.paused.store(false, Ordering::Release);
    }
}

/// False once the terminal has hung up (an ssh connection dropped, a terminal window closed),
/// even when no SIGHUP arrived because a parent ignored it.
pub fn alive() -> bool {
    let mut fds = [libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: 0,
        revents: 0,
    }];
    // SAFETY: one valid pollfd, zero timeout; poll only writes `revents`.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
    !(n > 0 && fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0)
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn whole. Unlike
/// `Terminal::clear` it does not ask the terminal for the cursor position, which some
/// terminals (and multiplexers over a slow link) answer late or never.
pub fn full_redraw(term: &mut Term) -> io::Result<()> {
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Puts text on the clipboard with OSC 52 (works over ssh in terminals that allow it).
pub fn osc52(text: &str) -> io::Result<()> {
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= c.len() {
                s.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ansi(c: impl Command) -> String {
        let mut s = String::new();
        c.write_ansi(&mut s).expect("a string takes it");
        s
    }

    #[test]
    fn the_mouse_reports_clicks_and_the_wheel_never_motion() {
        let on = ansi(EnableMouseClicks);
        assert_eq!(on, "\x1b[?1000h\x1b[?1006h");
        assert!(!on.contains("1002") && !on.contains("1003"));
        let off = ansi(DisableMouse);
        for mode in ["1000", "1002", "1003", "1006", "1015"] {
            assert!(off.contains(&format!("?{mode}l")), "{mode}");
        }
    }

    #[test]
    fn base64() {
        assert_eq!(super::base64(b"Ma"), "TWE=");
        assert_eq!(super::base64(b"Man"), "TWFu");
        assert_eq!(super::base64(b"M"), "TQ==");
        assert_eq!(super::base64("đọc".as_bytes()), "xJHhu41j");
    }
}
