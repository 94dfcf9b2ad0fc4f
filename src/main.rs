use clap::Parser;
use docbao::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(cmd) => cli::run(cmd),
        None => docbao::ui::run(args.dir.as_deref()),
    }
}
