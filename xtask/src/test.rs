//! `cargo xtask test`: the whole test suite, in order, stopping at the first failing step.

use std::time::Instant;

use smelt::WriteMode;

use crate::{build_script, cargo, codegen, corpus, seconds, Failure, Result};

const CLIPPY: &[&str] = &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"];
const TEST: &[&str] = &["test", "--workspace", "--locked"];

pub(crate) fn run() -> Result<()> {
    let steps: [(&str, &dyn Fn() -> Result<()>); 5] = [
        ("codegen --check", &|| codegen::run(WriteMode::Check)),
        // Also builds the generated crates with warnings denied.
        ("clippy", &|| cargo::run(CLIPPY)),
        ("build.rs no-op rebuild", &build_script::run),
        ("cargo test", &|| cargo::run(TEST)),
        // Every real spec of ../shared/corpus generates a crate that compiles (or is refused cleanly).
        ("corpus", &|| corpus::run(None)),
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
            return Err(Failure(format!("step {n} `{name}` failed after {}:\n{message}", seconds(took))));
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
