//! The frame's cells made unambiguous for the terminal, after everything is drawn.
//!
//! A terminal advances its cursor by each character's width (wcwidth: xterm, VTE, tmux,
//! screen); ratatui measures a whole grapheme with unicode-width. The two disagree on some
//! emoji, and where they disagree the screen keeps glyphs no frame redraws:
//! - a flag (two regional indicators) is one 2-wide cell to ratatui but two 1-wide cells to
//!   the terminal; when the flag goes, ratatui rewrites only the first cell and the second
//!   half of the flag stays on screen. Each indicator gets a cell of its own here.
//! - a variation selector (`❤️`) or a skin tone (`👍🏽`) makes ratatui count 2 cells where the
//!   terminal counts 1 (or 4); they are dropped (`❤`, `👍`), the cell's room kept with blanks.
//! - any other grapheme the two measures disagree on is drawn as `�`.
//!
//! Ctrl-l (a whole redraw) is the remedy for what a terminal still gets wrong its own way.

use ratatui::buffer::Buffer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Drawn as nothing of their own: variation selectors and skin-tone modifiers.
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// The width a terminal that adds up its characters gives `s`.
fn char_widths(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The cells to draw for grapheme `g` (which ratatui gave `width` cells), when it must change:
/// one symbol a cell, exactly `width` of them. `None` when the terminal and ratatui agree on it.
pub fn safe_cells(g: &str, width: usize) -> Option<Vec<String>> {
    let mut chars = g.chars();
    let first = chars.next()?;
    let simple = chars.as_str().is_empty() && !is_regional_indicator(first);
    if simple {
        return None;
    }
    let indicators: Vec<char> = g.chars().filter(|c| is_regional_indicator(*c)).collect();
    if indicators.len() == 2 && g.chars().count() == 2 && width == 2 {
        return Some(indicators.iter().map(|c| c.to_string()).collect());
    }
    let kept: String = g.chars().filter(|c| !is_dropped(*c)).collect();
    let w = UnicodeWidthStr::width(kept.as_str());
    if kept == g && w == width && char_widths(g) == width {
        return None;
    }
    let agreed = !kept.is_empty() && w == char_widths(&kept) && (1..=width).contains(&w);
    let (head, w) = if agreed {
        (kept, w)
    } else {
        ("\u{FFFD}".to_string(), 1)
    };
    let mut cells = vec![head];
    cells.extend(std::iter::repeat_n(" ".to_string(), width.saturating_sub(w)));
    Some(cells)
}

/// Rewrites the cells of `buf` that terminals would draw otherwise than ratatui counts them.
pub fn settle(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            if symbol.len() == 1 {
                x += 1;
                continue;
            }
            let width = UnicodeWidthStr::width(symbol).max(1);
            let fits = usize::from(area.right() - x) >= width;
            if let Some(cells) = safe_cells(symbol, width).filter(|_| fits) {
                let style = buf[(x, y)].style();
                for (k, s) in cells.iter().enumerate() {
                    buf[(x + k as u16, y)].set_symbol(s).set_style(style);
                }
            }
            x += width as u16;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_takes_two_cells_of_one_indicator_each() {
        assert_eq!(safe_cells("🇻🇳", 2), Some(vec!["🇻".to_string(), "🇳".to_string()]));
        // A lone indicator is one cell for both: left alone.
        assert_eq!(safe_cells("🇻", 1), None);
    }

    #[test]
    fn selectors_and_skin_tones_go_and_the_room_stays() {
        assert_eq!(
            safe_cells("❤\u{fe0f}", 2),
            Some(vec!["❤".to_string(), " ".to_string()])
        );
        assert_eq!(safe_cells("👍🏽", 2), Some(vec!["👍".to_string()]));
    }

    #[test]
    fn what_both_count_alike_is_left_alone() {
        for g in ["ệ", "日", "e\u{302}\u{323}", "한", "👍"] {
            let w = UnicodeWidthStr::width(g);
            assert_eq!(safe_cells(g, w), None, "{g:?}");
        }
    }

    #[test]
    fn every_cell_after_settling_is_counted_alike() {
        use ratatui::layout::Rect;
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
        buf.set_string(0, 0, "a🇻🇳b❤\u{fe0f}c👍🏽d🇰", ratatui::style::Style::default());
        settle(&mut buf);
        let mut x = 0;
        let mut line = String::new();
        while x < 30 {
            let s = buf[(x, 0)].symbol();
            let w = UnicodeWidthStr::width(s).max(1);
            assert_eq!(char_widths(s).max(1), w, "{s:?}");
            assert!(s.chars().filter(|c| is_regional_indicator(*c)).count() <= 1);
            line.push_str(s);
            x += w as u16;
        }
        assert!(line.starts_with("a🇻🇳b❤ c👍d🇰"), "{line:?}");
    }
}
