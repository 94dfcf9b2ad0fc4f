//! The shape of the code, kept by a test (no extra tool is installed on CI): the core crates
//! (docbao-extract, docbao-core) build without a terminal or a command line, and import from
//! no front end; the core's modules import each other without cycles; no file's non-test part
//! is over 600 lines; long functions stay flagged by clippy.
//!
//! It reads the manifests, Cargo.lock and the sources as text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Crates a core crate must not depend on, directly or through anything else.
const FRONT_END_CRATES: &[&str] = &["ratatui", "crossterm", "clap", "docbao-tui", "docbao"];
/// The same, as Rust paths in source code.
const FRONT_END_PATHS: &[&str] = &["ratatui", "crossterm", "clap", "docbao_tui", "docbao::"];

/// The packages of Cargo.lock with the names of their dependencies.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let mut graph = BTreeMap::new();
    for package in lock.split("[[package]]").skip(1) {
        let name = package
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .map(|n| n.trim_matches('"').to_string())
            .expect("a package name");
        let deps = match package.split_once("dependencies = [") {
            Some((_, rest)) => rest
                .split(']')
                .next()
                .unwrap_or("")
                .split(',')
                .filter_map(|d| {
                    d.trim()
                        .trim_matches('"')
                        .split_whitespace()
                        .next()
                        .map(String::from)
                })
                .collect(),
            None => Vec::new(),
        };
        graph.entry(name).or_insert_with(Vec::new).extend(deps);
    }
    graph
}

/// Every package `name` depends on, directly or not (as `cargo tree -p name` lists them; the
/// lock file does not tell dev-dependencies apart, so those count too).
fn closure(graph: &BTreeMap<String, Vec<String>>, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_string()];
    while let Some(n) = todo.pop() {
        for d in graph.get(&n).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn the_core_crates_need_no_terminal_and_no_command_line() {
    let graph = lock_graph();
    for core in ["docbao-core", "docbao-extract"] {
        assert!(graph.contains_key(core), "{core} is not in Cargo.lock");
        let deps = closure(&graph, core);
        for bad in FRONT_END_CRATES {
            assert!(
                !deps.contains(*bad),
                "{core} depends on {bad} (see `cargo tree -i {bad}`)"
            );
        }
    }
    assert!(
        !closure(&graph, "docbao-extract").contains("docbao-core"),
        "docbao-extract, below the core, depends on it"
    );
}

/// The code of a source file before its tests, with comments and string contents blanked,
/// so that only what the code names is left.
fn code_of(text: &str) -> String {
    let body = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    body.lines()
        .map(|l| {
            let code = match l.find("//") {
                Some(i) => &l[..i],
                None => l,
            };
            // Text between quotes is data, not a path.
            let mut out = String::new();
            let mut quoted = false;
            for c in code.chars() {
                if c == '"' {
                    quoted = !quoted;
                }
                out.push(if quoted { ' ' } else { c });
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Whether `code` names `path` as a path of its own (not as the tail of a longer name).
fn names(code: &str, path: &str) -> bool {
    code.match_indices(path).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_core_crates_import_from_no_front_end() {
    for core in ["docbao-core", "docbao-extract"] {
        for file in rust_files(&root().join("crates").join(core).join("src")) {
            let code = code_of(&std::fs::read_to_string(&file).expect("read"));
            for bad in FRONT_END_PATHS {
                assert!(
                    !names(&code, bad),
                    "{} names `{bad}`: the core knows no front end",
                    file.display()
                );
            }
            if core == "docbao-extract" {
                assert!(
                    !names(&code, "docbao_core"),
                    "{} names docbao_core",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn the_core_modules_import_each_other_without_cycles() {
    let src = root().join("crates/docbao-core/src");
    // Top-level module -> the top-level modules it names as `crate::x`.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let rel = file.strip_prefix(&src).expect("under src");
        let module = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        let code = code_of(&std::fs::read_to_string(&file).expect("read"));
        let used = graph.entry(module.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let is_module = src.join(format!("{name}.rs")).exists() || src.join(&name).is_dir();
            if is_module && name != module {
                used.insert(name);
            }
        }
    }
    // Depth-first search for a way back.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(n) {
            return;
        }
        if let Some(i) = path.iter().position(|p| p == n) {
            panic!(
                "the core's modules import in a circle: {} -> {n}",
                path[i..].join(" -> ")
            );
        }
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            visit(m, graph, path, done);
        }
        path.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done);
    }
    assert!(graph.len() >= 8, "the core's modules were not found: {graph:?}");
}

/// The most lines a file's non-test part may have.
const MAX_LINES: usize = 600;

#[test]
fn no_file_is_over_600_lines_before_its_tests() {
    let mut files = rust_files(&root().join("src"));
    for entry in std::fs::read_dir(root().join("crates"))
        .expect("crates")
        .flatten()
    {
        files.extend(rust_files(&entry.path().join("src")));
    }
    assert!(files.len() > 40, "sources not found");
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).expect("read");
            let n = text
                .lines()
                .position(|l| l.starts_with("#[cfg(test)]"))
                .unwrap_or_else(|| text.lines().count());
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:#?}");
}

#[test]
fn long_functions_stay_flagged() {
    let clippy = std::fs::read_to_string(root().join("clippy.toml")).expect("clippy.toml");
    assert!(clippy.contains("too-many-lines-threshold = 80"), "{clippy}");
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    assert!(
        manifest.contains("too_many_lines = \"warn\""),
        "the lint is on for the workspace"
    );
    for entry in std::fs::read_dir(root().join("crates"))
        .expect("crates")
        .flatten()
    {
        let m = std::fs::read_to_string(entry.path().join("Cargo.toml")).expect("a crate manifest");
        assert!(
            m.contains("[lints]\nworkspace = true"),
            "{} keeps the workspace's lints",
            entry.path().display()
        );
    }
}
