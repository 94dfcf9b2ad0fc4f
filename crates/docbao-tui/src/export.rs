//! Writing the articles shown to a file: the loop's side of the export bar (`w`), on a thread
//! of its own (100,000 articles take a second; typing goes on meanwhile). The file is written
//! whole or not at all (see `docbao_core::export::write_file`); what came of it goes back to
//! the app as `Msg::Exported`.

use crate::app::App;
use docbao_core::export::{self, Format};
use docbao_core::state::ReadingState;
use docbao_core::store::{ArticleId, Store};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

/// What came of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// `count` articles written to `path` (the name as typed was `name`).
    Written {
        name: String,
        path: PathBuf,
        count: usize,
    },
    /// The file exists and overwriting it was not confirmed.
    Exists {
        name: String,
        path: PathBuf,
    },
    Failed {
        path: PathBuf,
        error: String,
    },
}

/// Where a typed name points: `~/` is the home folder, a relative name is taken from the
/// folder docbao was started in.
pub fn resolve(name: &str) -> PathBuf {
    let p = match (name.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(name),
    };
    std::path::absolute(&p).unwrap_or(p)
}

/// Writes the articles `ids` (those still there) with their tags to the file `name` names.
pub fn export(app: &App, name: &str, format: Format, ids: &[ArticleId], overwrite: bool) -> Exported {
    export_from(app.store(), &app.reading.marks, name, format, ids, overwrite)
}

/// [`export`] on a thread of its own, with the store as it is and a copy of the tags; the
/// result comes on `done`.
pub fn spawn(
    app: &App,
    job: (String, Format, Vec<ArticleId>, bool),
    done: mpsc::Sender<Exported>,
) -> std::io::Result<()> {
    let (store, marks) = (Arc::clone(app.store()), app.reading.marks.clone());
    std::thread::Builder::new()
        .name("export".into())
        .spawn(move || {
            let (name, format, ids, overwrite) = job;
            let _ = done.send(export_from(&store, &marks, &name, format, &ids, overwrite));
        })
        .map(drop)
}

fn export_from(
    store: &Store,
    marks: &ReadingState,
    name: &str,
    format: Format,
    ids: &[ArticleId],
    overwrite: bool,
) -> Exported {
    let path = resolve(name);
    if path.is_dir() {
        return Exported::Failed {
            path,
            error: "it is a folder".into(),
        };
    }
    if !overwrite && path.exists() {
        return Exported::Exists {
            name: name.to_string(),
            path,
        };
    }
    let articles = ids
        .iter()
        .filter_map(|id| store.try_get(*id))
        .map(|a| (a, marks.tags_key(a.key), export::Story::of(store, a)));
    match export::write_file(&path, format, articles) {
        Ok(count) => Exported::Written {
            name: name.to_string(),
            path,
            count,
        },
        Err(e) => Exported::Failed {
            path,
            error: e.to_string(),
        },
    }
}
