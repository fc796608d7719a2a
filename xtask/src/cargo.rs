//! Running the cargo that runs us.

use std::ffi::OsString;
use std::process::Command;

use crate::{Failure, Result};

/// A command for the cargo that runs us (`$CARGO`), or `cargo` from `PATH`.
pub(crate) fn command() -> Command {
    Command::new(program())
}

/// Runs cargo with the given arguments and our stdio; `Err` unless it exits successfully.
pub(crate) fn run(args: &[&str]) -> Result<()> {
    let shown = format!("cargo {}", args.join(" "));
    eprintln!("$ {shown}");
    let status = command()
        .args(args)
        .status()
        .map_err(|e| Failure(format!("cannot run {}: {e}", program().to_string_lossy())))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("`{shown}` exited with {status}")))
    }
}

pub(crate) fn program() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"))
}
