//! The vocabulary of the UI: every key, mouse and loader event becomes one of these, and
//! `App::update` is the only place they change state.

/// Something the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    /// Enter: open the article, apply the timeline period, pick the person.
    Open,
    /// Esc: close what is open, or clear the period.
    Back,
    Filter,
    People,
    Help,
    NextMatch,
    PrevMatch,
    ZoomIn,
    ZoomOut,
    Edit,
    Pager,
    Copy,
    /// Mark the article read, or unread again.
    ToggleRead,
    /// Bookmark the article, or remove its bookmark.
    ToggleBookmark,
    /// The next (previous) article of the list, opened where the reader is.
    NextArticle,
    PrevArticle,
    /// Ctrl-l: draw the whole screen again.
    Redraw,
    /// The saved searches, with their counts.
    Searches,
    /// In the saved searches: delete the one selected.
    DeleteSearch,
    /// Mark every article the list shows read (unread).
    MarkShownRead,
    MarkShownUnread,
    /// In the filter bar: save the query under a name.
    SaveSearch,
    /// Edit the article's tags in the tag bar.
    Tag,
    /// Add tags to every article the list shows.
    TagShown,
    /// Write the articles shown to a file (JSON lines, CSV or Markdown).
    Export,
    /// Open one of the reader's links by its number (a digit key starts the number).
    Link,
    /// Order the list by relevance, newest first or oldest first, in turn.
    Sort,
    /// In the tag bar: complete the tag being typed.
    Complete,
    /// Ctrl-z: stop like any shell job; `fg` brings the reader back.
    Suspend,
    /// Text boxes.
    DeleteBack,
    DeleteForward,
    DeleteWord,
    DeleteToStart,
    Home,
    End,
}

impl Action {
    /// The name used in the key table, the help overlay and the config file.
    pub fn name(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            Up => "up",
            Down => "down",
            Left => "left",
            Right => "right",
            Top => "top",
            Bottom => "bottom",
            HalfPageDown => "half_page_down",
            HalfPageUp => "half_page_up",
            PageDown => "page_down",
            PageUp => "page_up",
            NextPane => "next_pane",
            PrevPane => "prev_pane",
            Open => "open",
            Back => "back",
            Filter => "filter",
            People => "people",
            Help => "help",
            NextMatch => "next_match",
            PrevMatch => "prev_match",
            ZoomIn => "zoom_in",
            ZoomOut => "zoom_out",
            Edit => "edit",
            Pager => "pager",
            Copy => "copy",
            ToggleRead => "toggle_read",
            ToggleBookmark => "toggle_bookmark",
            NextArticle => "next_article",
            PrevArticle => "prev_article",
            Redraw => "redraw",
            Searches => "searches",
            DeleteSearch => "delete_search",
            MarkShownRead => "mark_shown_read",
            MarkShownUnread => "mark_shown_unread",
            SaveSearch => "save_search",
            Tag => "tag",
            TagShown => "tag_shown",
            Export => "export",
            Link => "link",
            Sort => "sort",
            Complete => "complete",
            Suspend => "suspend",
            DeleteBack => "delete_back",
            DeleteForward => "delete_forward",
            DeleteWord => "delete_word",
            DeleteToStart => "delete_to_start",
            Home => "home",
            End => "end",
        }
    }
}
