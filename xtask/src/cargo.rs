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
    run_with_env(&[], args)
}

/// [`run`] with environment variables set for cargo (`("RUSTDOCFLAGS", "-D warnings")`).
pub(crate) fn run_with_env(env: &[(&str, &str)], args: &[&str]) -> Result<()> {
    let shown =
        env.iter().map(|(k, v)| format!("{k}={v:?} ")).collect::<String>() + &format!("cargo {}", args.join(" "));
    eprintln!("$ {shown}");
    let status = command()
        .envs(env.iter().copied())
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
