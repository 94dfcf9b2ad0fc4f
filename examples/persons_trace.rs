//! Prints what the person finder makes of a text read from stdin (one paragraph a line): the
//! persons with their spellings, and each weak run the learned judge scored.
//!
//! `echo 'Ca sĩ Hồ Ngọc Hà gây bất ngờ.' | cargo run --release --example persons_trace`

use docbao_extract::persons::{Finder, KnownPeople};
use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("persons_trace: stdin is not text");
        std::process::exit(2);
    }
    let text: String = unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
    let mut f = Finder::new(KnownPeople::builtin());
    f.trace();
    for line in text.lines() {
        f.text(line);
    }
    let (mentions, traced) = f.finish_traced();
    for m in &mentions {
        let kind = if m.partial { " (partial)" } else { "" };
        println!("group {:>2}  {} x{}{kind}", m.group, m.name, m.count);
    }
    for t in &traced {
        println!("weak  {:>6.2}  {} ({} runs)", t.score, t.name, t.runs.len());
    }
}
