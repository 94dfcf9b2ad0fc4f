//! Key presses become messages: the context they are read in, the quit key closing what is
//! open, a digit starting a link number, the answer to a question.

use super::*;

impl App {
    /// The context keys are read in.
    pub fn context(&self) -> Context {
        match self.overlay {
            Overlay::Filter
            | Overlay::People
            | Overlay::SaveSearch
            | Overlay::Tag
            | Overlay::Export
            | Overlay::Link => Context::Text,
            _ => Context::Normal,
        }
    }

    /// Turns a key press into a message and applies it.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.last_input = Instant::now();
        let ctx = self.context();
        let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if self.overlay == Overlay::Confirm && !ctrl_c {
            let yes = matches!(key.code, KeyCode::Char('y' | 'Y'))
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            self.update(Msg::Answer(yes));
            return;
        }
        // A key that is no digit ends a link number being typed and does what it does (as a
        // count in vim): `1` then `j` scrolls rather than waiting for Enter.
        if self.overlay == Overlay::Link && key.code != KeyCode::Enter {
            let digit = matches!(key.code, KeyCode::Char('0'..='9'));
            let edit = matches!(key.code, KeyCode::Backspace | KeyCode::Esc);
            if !digit && !edit && !ctrl_c {
                self.overlay = Overlay::None;
                return self.handle_key(key);
            }
        }
        if let Some(a) = self.keymap.lookup(ctx, &key) {
            // The quit key closes what is open, as `q` does in less and newsboat: the help, the
            // saved searches, the reader and the timeline (back to the list); it quits only from
            // the list. Ctrl-C always quits.
            let closes = match self.overlay {
                Overlay::Help | Overlay::Searches => true,
                Overlay::None => self.focus != Pane::List || self.reader_zoomed,
                _ => false,
            };
            let a = if a == Action::Quit && closes && !ctrl_c {
                Action::Back
            } else {
                a
            };
            self.update(Msg::Action(a));
            // A digit bound to the link key is the link number's first digit.
            if let (Action::Link, Overlay::Link, KeyCode::Char(c @ '0'..='9')) = (a, self.overlay, key.code) {
                self.update(Msg::Insert(c.to_string()));
            }
            return;
        }
        if ctx == Context::Text {
            if let KeyCode::Char(c) = key.code {
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    self.update(Msg::Insert(c.to_string()));
                }
            }
        } else if self.overlay == Overlay::Help {
            // any other key closes the help
            self.overlay = Overlay::None;
        }
    }
}
