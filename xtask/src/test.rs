//! `cargo xtask test`: the whole test suite, in order, stopping at the first failing step.

use std::ffi::OsString;
use std::process::Command;
use std::time::{Duration, Instant};

use smelt::WriteMode;

use crate::{codegen, Failure, Result};

const CLIPPY: &[&str] = &[
    "clippy",
    "--workspace",
    "--all-targets",
    "--locked",
    "--",
    "-D",
    "warnings",
];
const TEST: &[&str] = &["test", "--workspace", "--locked"];

pub(crate) fn run() -> Result<()> {
    let steps: [(&str, &dyn Fn() -> Result<()>); 3] = [
        ("codegen --check", &|| codegen::run(WriteMode::Check)),
        // Also builds the generated crates with warnings denied.
        ("clippy", &|| cargo(CLIPPY)),
        ("cargo test", &|| cargo(TEST)),
    ];
    let total = Instant::now();
    let mut times = Vec::new();
    for (i, (name, step)) in steps.iter().enumerate() {
        let n = i + 1;
        eprintln!("==> [{n}/{}] {name}", steps.len());
        let start = Instant::now();
        let result = step();
        let took = start.elapsed();
        if let Err(Failure(message)) = result {
            return Err(Failure(format!(
                "step {n} `{name}` failed after {}:\n{message}",
                seconds(took)
            )));
        }
        eprintln!("<== [{n}/{}] {name}: ok in {}", steps.len(), seconds(took));
        times.push((name, took));
    }
    eprintln!("all {} steps passed:", steps.len());
    for (name, took) in times {
        eprintln!("  {:>8}  {name}", seconds(took));
    }
    eprintln!("  {:>8}  total", seconds(total.elapsed()));
    Ok(())
}

/// Runs the cargo that runs us, with the given arguments and our stdio.
fn cargo(args: &[&str]) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let shown = format!("cargo {}", args.join(" "));
    eprintln!("$ {shown}");
    let status = Command::new(&cargo)
        .args(args)
        .status()
        .map_err(|e| Failure(format!("cannot run {}: {e}", cargo.to_string_lossy())))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("`{shown}` exited with {status}")))
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}
