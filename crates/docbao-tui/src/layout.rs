//! Where each pane goes, as a pure function of the screen size and the app's modes. Used by
//! `update` (page sizes, clicks) and by `draw`, so both agree.

use crate::app::App;
use ratatui::layout::{Constraint, Layout, Rect};

/// Areas of the visible panes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub timeline: Option<Rect>,
    pub status: Rect,
}

/// Wide enough to show list and reader side by side.
pub fn is_wide(size: Rect) -> bool {
    size.width >= 110 && size.height >= 16
}

/// Timeline height when shown.
const TIMELINE_H: u16 = 7;
/// Timeline height with nothing dated to chart: one line says so.
const TIMELINE_LINE_H: u16 = 3;

pub fn areas(size: Rect, app: &App) -> Areas {
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(size);
    let show_timeline = size.height >= 16;
    let timeline_h = if crate::panes::timeline::has_chart(&app.timeline) {
        TIMELINE_H
    } else {
        TIMELINE_LINE_H
    };
    let (main, timeline) = if show_timeline && (is_wide(size) || !app.reader_zoomed) {
        let [m, t] = Layout::vertical([Constraint::Fill(1), Constraint::Length(timeline_h)]).areas(main);
        (m, Some(t))
    } else {
        (main, None)
    };
    if is_wide(size) {
        let [l, r] = Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(main);
        Areas {
            list: Some(l),
            reader: Some(r),
            timeline,
            status,
        }
    } else if app.reader_zoomed {
        Areas {
            list: None,
            reader: Some(main),
            timeline: None,
            status,
        }
    } else {
        Areas {
            list: Some(main),
            reader: None,
            timeline,
            status,
        }
    }
}

/// The lines a bordered pane shows at once (10 when the pane is not on screen).
pub fn inner_height(pane: Option<Rect>) -> usize {
    pane.map_or(10, |r| r.height.saturating_sub(2) as usize).max(1)
}

/// A centred rectangle for popups.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
