//! Persons and dates found in real articles against hand labels (`data/labels/dantri`, scored
//! by the rules of `persons-conventions.md`): each labelled article alone, then inside the
//! whole archive. `cargo run --release --example persons_score -- [CORPUS_DIR]
//! [--split dev|test|all] [--misses]`; the corpus defaults to `../shared/corpus/dantri`, the
//! split to `dev`. `--misses` lists what each development article gets wrong; the test part
//! is only ever reported as totals.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use docbao_core::ingest::LoadOptions;
use std::path::PathBuf;
use std::time::Instant;

#[path = "../tests/support/persons_score.rs"]
mod score;

use score::{Split, Tally, Totals};

struct Args {
    corpus: PathBuf,
    split: Split,
    misses: bool,
}

fn usage(why: &str) -> ! {
    eprintln!("persons_score: {why}");
    eprintln!("usage: persons_score [CORPUS_DIR] [--split dev|test|all] [--misses]");
    std::process::exit(2);
}

fn args() -> Args {
    let mut out = Args {
        corpus: score::default_corpus(),
        split: Split::Dev,
        misses: false,
    };
    let mut corpus_given = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--misses" => out.misses = true,
            "--split" => {
                let s = it
                    .next()
                    .unwrap_or_else(|| usage("--split needs dev, test or all"));
                out.split = Split::parse(&s).unwrap_or_else(|| usage(&format!("unknown split {s:?}")));
            }
            _ if a.starts_with("--") => usage(&format!("unknown option {a}")),
            _ if !corpus_given => {
                out.corpus = PathBuf::from(a);
                corpus_given = true;
            }
            _ => usage(&format!("one corpus folder only ({a:?})")),
        }
    }
    if out.misses && out.split != Split::Dev {
        usage("--misses only with --split dev: the test part is never looked at in detail");
    }
    out
}

fn main() {
    let args = args();
    if !args.corpus.is_dir() {
        usage(&format!("no corpus folder {}", args.corpus.display()));
    }
    let labels = score::load_labels(args.split);
    let options = LoadOptions::default();
    let t = Instant::now();
    let alone = score::load_alone(&args.corpus, &labels, &options);
    eprintln!("{} articles loaded alone in {:.2?}", labels.len(), t.elapsed());
    let t = Instant::now();
    let archive = score::load_in_archive(&args.corpus, &labels, &options);
    eprintln!("archive {} loaded in {:.2?}", args.corpus.display(), t.elapsed());
    let persons_alone: Vec<_> = labels
        .iter()
        .zip(&alone)
        .map(|(l, s)| score::score_persons(l, &s.persons))
        .collect();
    let persons_archive: Vec<_> = labels
        .iter()
        .zip(&archive)
        .map(|(l, s)| score::score_persons(l, &s.persons))
        .collect();
    let dates: Vec<_> = labels
        .iter()
        .zip(&alone)
        .map(|(l, s)| score::score_dates(l, &s.events))
        .collect();
    if args.misses {
        for (i, l) in labels.iter().enumerate() {
            print!(
                "{}",
                score::misses(&l.file, &persons_alone[i], Some(&persons_archive[i]), &dates[i])
            );
        }
        println!();
    }
    let totals = Totals {
        split: args.split,
        articles: labels.len(),
        alone: Tally::persons(&persons_alone),
        archive: Some(Tally::persons(&persons_archive)),
        dates: Tally::dates(&dates),
    };
    print!("{}", score::table(&totals));
}
