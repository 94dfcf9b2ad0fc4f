//! Bytes → the loader, on the path `ingest::load_file` takes after reading a file.
#![no_main]

use docbao_extract::Block;
use docbao_core::ingest;
use docbao_core::store::Severity;
use docbao_extract::text::sanitize::is_unsafe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let rel = "fuzz/input.txt";
    let out = ingest::load_bytes(rel, data);
    assert!(out.problems.iter().all(|p| p.path == rel));
    let Some(a) = out.article else {
        assert!(out.problems.iter().any(|p| p.severity == Severity::Error));
        return;
    };
    let bad = |s: &str| s.chars().any(is_unsafe);
    assert!(!bad(&a.title) && !a.title.contains('\n'), "title {:?}", a.title);
    for (k, v) in &a.meta {
        assert!(!bad(k) && !bad(v), "meta {k:?}: {v:?}");
    }
    for b in &a.blocks {
        let t = match b {
            Block::Heading { text } | Block::Paragraph { text } | Block::Credit { text } => text,
            Block::Image { path } => path,
            Block::Caption { text, credit } => {
                assert!(!credit.as_deref().is_some_and(bad), "{b:?}");
                text
            }
        };
        assert!(!bad(t), "{b:?}");
    }
    for p in &a.persons {
        assert!(!bad(p), "person {p:?}");
    }
});
