//! `cargo xtask`: this repository's automation, in Rust (see <https://github.com/matklad/cargo-xtask>).
//!
//! Arguments are parsed by hand and dependencies kept to `smelt` itself, so that `cargo xtask`
//! compiles quickly.

mod codegen;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen           regenerate generated/<name>/ from every specs/<name>.{yaml,yml,json}
  codegen --check   change nothing; fail if generated/ is not what codegen would write
  test              the whole test suite: codegen --check, clippy -D warnings, cargo test
  help              print this text
";

/// What a task failed with; printed as `error: {0}`.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

pub(crate) type Result<T> = std::result::Result<T, Failure>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => in_project_root().and_then(|()| codegen::run(smelt::WriteMode::Write)),
        ["codegen", "--check"] => {
            in_project_root().and_then(|()| codegen::run(smelt::WriteMode::Check))
        }
        ["test"] => in_project_root().and_then(|()| test::run()),
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            if !args.is_empty() {
                eprintln!("error: unknown arguments: {}", args.join(" "));
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory, whatever the current directory is.
pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_owned()
}

/// Every task works with paths relative to the workspace root, so that the paths the generator
/// sees (and writes into headers) and the ones printed are the same on every machine.
pub(crate) fn in_project_root() -> Result<()> {
    let root = project_root();
    std::env::set_current_dir(&root).map_err(|e| Failure(format!("{}: {e}", root.display())))
}
