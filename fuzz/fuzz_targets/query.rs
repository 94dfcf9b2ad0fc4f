//! Bytes → UTF-8 (lossy) → the query parser, then the filter over the embedded sample corpus,
//! by the word index and by a plain scan: the two must agree.
#![no_main]

use docbao_core::ingest::Source;
use docbao_core::query::{self, matcher::NoMarks};
use docbao_core::store::Store;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn store() -> &'static Store {
    static S: OnceLock<Store> = OnceLock::new();
    S.get_or_init(|| docbao_core::session::load_store(&Source::Sample, &Default::default()).0)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let store = store();
    let people = store.people();
    let parsed = query::parse(&text, &|p: &str| people.extends(p));
    let _ = parsed.highlight_words();
    let m = query::Matcher::new(&parsed, &|w| people.resolve(&w.raw));
    let indexed = query::filter(store, &parsed, &m, &NoMarks);
    let scanned = query::matcher::filter_by_scan(store, &parsed, &m, &NoMarks);
    assert_eq!(indexed, scanned, "query {text:?}");
});
