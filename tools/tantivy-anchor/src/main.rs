//! tantivy on the same article files as docbao, for the ratios of docs/performance.md.
//!
//!   tantivy-anchor index ARCHIVE_DIR INDEX_DIR [THREADS]   index title and body (positions,
//!                                                          lowercase, folded to ASCII)
//!   tantivy-anchor query INDEX_DIR QUERY...                each query: the 10 best by BM25
//!                                                          and the count of all matches
//!                                                          (`word*`: a prefix)
//!
//! Words are ANDed (as docbao's filter does) and the title weighs twice. Times are the median
//! of 7 runs after one warm-up, in one process; index time includes reading the files.

use std::path::Path;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RegexQuery};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream};
use tantivy::{doc, Index, IndexWriter};

const FOLD: &str = "fold";

fn schema() -> Schema {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(FOLD)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default().set_indexing_options(indexing);
    b.add_text_field("title", text.clone());
    b.add_text_field("body", text);
    b.add_text_field("path", STRING | STORED);
    b.build()
}

fn register(index: &Index) {
    let fold = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(FOLD, fold);
}

/// The title: the first line that is not metadata (`# key = value`, front matter, a date line).
fn title_of(text: &str) -> &str {
    let mut in_front = false;
    for line in text.lines().map(str::trim) {
        if line == "---" {
            in_front = !in_front;
            continue;
        }
        if in_front || line.is_empty() || line.starts_with("# ") && line.contains(" = ") {
            continue;
        }
        return line.trim_start_matches("# ");
    }
    ""
}

fn index(archive: &Path, dir: &Path, threads: usize) -> tantivy::Result<()> {
    let start = Instant::now();
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, schema())?;
    register(&index);
    let s = index.schema();
    let (title, body, path) = (s.get_field("title")?, s.get_field("body")?, s.get_field("path")?);
    let mut w: IndexWriter = index.writer_with_num_threads(threads, 400_000_000)?;
    let mut n = 0usize;
    let mut bytes = 0usize;
    for e in walkdir::WalkDir::new(archive).into_iter().filter_map(Result::ok) {
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(raw) = std::fs::read(e.path()) else { continue };
        bytes += raw.len();
        let text = String::from_utf8_lossy(&raw);
        let p = e.path().display().to_string();
        w.add_document(doc!(title => title_of(&text), body => text.as_ref(), path => p))?;
        n += 1;
    }
    w.commit()?;
    w.wait_merging_threads()?;
    println!(
        "indexed {n} files, {:.1} MB, in {:.2} s with {threads} threads",
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn query(dir: &Path, queries: &[String]) -> tantivy::Result<()> {
    let open = Instant::now();
    let index = Index::open_in_dir(dir)?;
    register(&index);
    let reader = index.reader()?;
    let searcher = reader.searcher();
    println!("opened in {:.1} ms", open.elapsed().as_secs_f64() * 1e3);
    let s = index.schema();
    let (title, body) = (s.get_field("title")?, s.get_field("body")?);
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(title, 2.0);
    for q in queries {
        // A single word ending in `*` is a prefix (the parser takes `*` only after a phrase of
        // two words or more): the terms of either field starting so.
        let parsed: Box<dyn Query> = match q.strip_suffix('*').filter(|w| !w.contains([' ', '"'])) {
            Some(w) => {
                // Folded as the index is (`quốc` is `quoc` there), and taken literally.
                let mut fold = index.tokenizers().get(FOLD).expect("registered");
                let mut stream = fold.token_stream(w);
                let mut folded = String::new();
                while stream.advance() {
                    folded.push_str(&stream.token().text);
                }
                let literal: String = folded
                    .chars()
                    .flat_map(|c| {
                        let special = "\\.+*?()|[]{}^$#&-~\"<>@".contains(c);
                        special.then_some('\\').into_iter().chain([c])
                    })
                    .collect();
                let pattern = format!("{literal}.*");
                let either = [title, body]
                    .into_iter()
                    .map(|f| RegexQuery::from_pattern(&pattern, f).map(|r| (Occur::Should, Box::new(r) as Box<dyn Query>)))
                    .collect::<tantivy::Result<Vec<_>>>()?;
                Box::new(BooleanQuery::new(either))
            }
            None => parser.parse_query(q)?,
        };
        let collect = (TopDocs::with_limit(10).order_by_score(), Count);
        let mut times = Vec::new();
        let mut count = 0;
        for i in 0..8 {
            let t = Instant::now();
            let (_top, c) = searcher.search(&parsed, &collect)?;
            if i > 0 {
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            count = c;
        }
        times.sort_by(f64::total_cmp);
        println!("{q}\t{count} matches\t{:.2} ms (median of 7; {:.2}–{:.2})", times[3], times[0], times[6]);
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["index", archive, dir] => index(Path::new(archive), Path::new(dir), 2),
        ["index", archive, dir, t] => index(Path::new(archive), Path::new(dir), t.parse().unwrap_or(2)),
        ["query", dir, ..] if args.len() > 2 => query(Path::new(dir), &args[2..]),
        _ => {
            eprintln!("usage: tantivy-anchor index ARCHIVE_DIR INDEX_DIR [THREADS] | query INDEX_DIR QUERY...");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("tantivy-anchor: {e}");
        std::process::exit(1);
    }
}
