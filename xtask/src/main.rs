//! `cargo xtask`: this repository's automation, in Rust (see <https://github.com/matklad/cargo-xtask>).
//!
//! Arguments are parsed by hand and dependencies kept to `smelt` itself, so that `cargo xtask`
//! compiles quickly.

mod bench;
mod build_script;
mod cargo;
mod codegen;
mod corpus;
mod specs;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen           regenerate generated/<name>/ from every specs/<name>.{yaml,yml,json}
  codegen --check   change nothing; fail if generated/ is not what codegen would write
  codegen [--check] also covers the specs listed in specs/external.txt (`<name> <path>` lines)
  test              the whole test suite: codegen --check, clippy -D warnings, a no-op rebuild of
                    the build.rs example must do nothing, cargo test, corpus
  corpus [DIR]      generate and `cargo check` a crate from every spec under DIR (default
                    ../shared/corpus); report to docs/corpus.md; fail if any spec fails
  bench             time `smelt generate` (release) on the largest specs; report to docs/bench.md
  help              print this text
";

/// What a task failed with; printed as `error: {0}`, unless empty.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

impl Failure {
    /// A failure the task has reported itself: nothing more is printed.
    pub(crate) fn reported() -> Failure {
        Failure(String::new())
    }
}

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
        ["codegen", "--check"] => in_project_root().and_then(|()| codegen::run(smelt::WriteMode::Check)),
        ["test"] => in_project_root().and_then(|()| test::run()),
        ["corpus"] => in_project_root().and_then(|()| corpus::run(None)),
        ["bench"] => in_project_root().and_then(|()| bench::run()),
        // DIR is relative to where we were started, not to the workspace root.
        ["corpus", dir] => absolute(dir).and_then(|dir| {
            in_project_root()?;
            corpus::run(Some(dir))
        }),
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
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory, whatever the current directory is.
pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace root").to_owned()
}

/// Every task works with paths relative to the workspace root, so that the paths the generator
/// sees (and writes into headers) and the ones printed are the same on every machine.
pub(crate) fn in_project_root() -> Result<()> {
    let root = project_root();
    std::env::set_current_dir(&root).map_err(|e| Failure(format!("{}: {e}", root.display())))
}

fn absolute(path: &str) -> Result<PathBuf> {
    Ok(std::env::current_dir()?.join(path))
}

/// `1.2s`.
pub(crate) fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}
