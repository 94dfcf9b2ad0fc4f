//! Writes the Debug form of every article (and every problem) of a folder, read with no cache,
//! one after another: `cargo run --release --example dump_articles -- DIR OUT`. For checking that
//! work on loading speed changes nothing (`cmp` two dumps).

use docbao_core::ingest::{self, Source};
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: dump_articles DIR OUT");
        std::process::exit(2);
    };
    let loaded = ingest::load(&Source::Dir(dir.into()));
    let file = match std::fs::File::create(out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{out}: {e}");
            std::process::exit(1);
        }
    };
    let mut w = std::io::BufWriter::new(file);
    let result = (|| -> std::io::Result<()> {
        for a in &loaded.articles {
            writeln!(w, "{a:#?}")?;
        }
        for p in &loaded.problems {
            writeln!(w, "{p:?}")?;
        }
        w.flush()
    })();
    if let Err(e) = result {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "{} articles, {} problems",
        loaded.articles.len(),
        loaded.problems.len()
    );
}
