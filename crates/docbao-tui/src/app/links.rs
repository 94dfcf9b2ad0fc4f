//! Following a link: a digit in the reader starts the link prompt with it, as newsboat's do.
//! The number opens as soon as no longer number could be meant (`3` among 12 links opens
//! link 3; `1` waits for a second digit or Enter), so up to nine links take one key.

use super::*;

impl App {
    /// The reader's article, when it is the one selected (what a link number refers to).
    fn links_shown(&self) -> Option<&[String]> {
        (self.reader.id.is_some() && self.reader.id == self.selected_id())
            .then_some(self.reader.links.as_slice())
    }

    /// The link key: the prompt, empty; the key's digit, if it is one, comes as text after it.
    pub(super) fn open_link_prompt(&mut self) {
        // Only where the article is being read: a digit in the list is no command to start a
        // browser.
        if self.focus != Pane::Reader {
            let open = self.keymap.hint(Context::Normal, Action::Open).unwrap_or("Enter");
            self.set_message(format!(
                "links are followed from the reader ({open} opens the article)"
            ));
            return;
        }
        match self.links_shown() {
            None => self.set_message("no article open"),
            Some([]) => self.set_message("this article has no links"),
            Some(_) => {
                self.link_input = Input::default();
                self.overlay = Overlay::Link;
            }
        }
    }

    /// A key while the prompt is open.
    pub(super) fn link_action(&mut self, a: Action) {
        if super::actions::edit_input(&mut self.link_input, a).is_some() {
            return;
        }
        match a {
            Action::Quit => self.quit = true,
            Action::Back => self.overlay = Overlay::None,
            Action::Open => match self.link_number() {
                Some(n) => self.follow(n),
                None => {
                    let count = self.links_shown().map_or(0, <[String]>::len);
                    self.set_message(format!("no such link: the links are 1 to {count}"));
                }
            },
            Action::Redraw => self.effects.push(Effect::Redraw),
            _ => {}
        }
    }

    /// Text typed into the prompt: digits only; opens the link once the number is whole.
    pub(super) fn link_typed(&mut self, s: &str) {
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return;
        }
        self.link_input.insert(&digits);
        let count = self.links_shown().map_or(0, <[String]>::len);
        if let Some(n) = self.link_number() {
            // No link's number is `n` followed by more digits.
            if n.saturating_mul(10) > count {
                self.follow(n);
            }
        } else if self.link_input.text().parse::<usize>().is_ok_and(|n| n > count) {
            self.set_message(format!(
                "no link {}: the links are 1 to {count}",
                self.link_input.text()
            ));
            self.overlay = Overlay::None;
        }
    }

    /// The number typed, when a link has it.
    fn link_number(&self) -> Option<usize> {
        let n: usize = self.link_input.text().parse().ok()?;
        let count = self.links_shown()?.len();
        (1..=count).contains(&n).then_some(n)
    }

    /// Asks the loop to open (or copy) link `n`.
    fn follow(&mut self, n: usize) {
        self.overlay = Overlay::None;
        if let Some(url) = self.links_shown().and_then(|l| l.get(n - 1)).cloned() {
            self.effects.push(Effect::OpenLink { number: n, url });
        }
    }

    /// The prompt's text before the box.
    pub fn link_prompt(&self) -> String {
        let count = self.links_shown().map_or(0, <[String]>::len);
        format!(" open link (1–{count}, Enter): ")
    }
}
