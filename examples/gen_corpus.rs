//! Writes a synthetic archive: `cargo run --release --example gen_corpus -- DIR N [SEED]`.

#[path = "../benches/support/gen.rs"]
mod gen;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus DIR N [SEED]");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[1]);
    let Ok(n) = args[2].parse::<usize>() else {
        eprintln!("gen_corpus: N must be a number");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    match gen::write_corpus(dir, n, seed) {
        Ok(bytes) => eprintln!(
            "wrote {n} articles, {:.1} MB, to {}",
            bytes as f64 / 1e6,
            dir.display()
        ),
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::exit(1);
        }
    }
}
