//! The README stays true: every key, query operator and subcommand it documents exists, and
//! everything that exists is documented.

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_key_is_documented() {
    let r = readme();
    for b in docbao_tui::keys::DEFAULT {
        assert!(r.contains(b.help), "README lacks the key for `{}`", b.help);
        for k in b.keys {
            assert!(r.contains(&format!("`{k}`")), "README lacks key `{k}`");
        }
    }
}

#[test]
fn every_query_operator_is_documented() {
    let r = readme();
    for (example, what) in docbao_tui::overlays::help::QUERY_HELP {
        let escaped = example.replace('|', "\\|");
        assert!(r.contains(&format!("`{escaped}`")), "README lacks `{example}`");
        assert!(r.contains(what));
    }
}

#[test]
fn setup_commands_and_subcommands() {
    let r = readme();
    let first_screen: String = r.lines().take(25).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("cargo run --release"));
    assert!(first_screen.contains("cargo test"));
    for sub in ["docbao list", "docbao show", "docbao people", "docbao check"] {
        assert!(r.contains(sub), "{sub}");
    }
}

#[test]
fn the_configuration_example_is_a_valid_file() {
    let r = readme();
    let section = r
        .split("## Configuration")
        .nth(1)
        .expect("a Configuration section");
    let example = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a yaml example");
    let config = docbao::config::parse(example, "README.md", std::path::Path::new("/"));
    assert!(
        config.is_ok(),
        "{}",
        config.err().map(|e| e.to_string()).unwrap_or_default()
    );
}
