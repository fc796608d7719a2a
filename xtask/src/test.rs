//! `cargo xtask test`: the whole test suite, in order, stopping at the first failing step.
//!
//! The corpus steps need inputs from outside the repository (`../shared/corpus`, and `npm` to
//! fetch the APIs.guru directory). On a fresh clone without them they are skipped, loudly; CI
//! (`.ci/run`) sets `SMELT_REQUIRE_CORPUS=1`, and then a missing input fails the run instead.

use std::path::Path;
use std::time::Instant;

use smelt::WriteMode;

use crate::{apis_guru, build_script, cargo, codegen, corpus, seconds, Failure, Result};

/// The hand-written crates keep rustfmt's layout; generated ones keep prettyplease's, so `--all` is not used.
const FMT: &[&str] = &[
    "fmt",
    "--check",
    "-p",
    "smelt",
    "-p",
    "smelt-cli",
    "-p",
    "seed-tests",
    "-p",
    "askui-build-example",
    "-p",
    "xtask",
];
const CLIPPY: &[&str] = &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"];
const TEST: &[&str] = &["test", "--workspace", "--locked"];
/// rustdoc's warnings (broken intra-doc links, bare URLs, unclosed HTML) in the generated crates'
/// docs fail too: users read them on docs.rs or with `cargo doc`. The two binaries are left out (the
/// CLI's `smelt` would overwrite the library's pages).
const DOC: &[&str] = &["doc", "--workspace", "--exclude", "smelt-cli", "--exclude", "xtask", "--no-deps", "--locked"];
/// Set (to `1`) by CI: the corpus steps must run.
const REQUIRE_CORPUS: &str = "SMELT_REQUIRE_CORPUS";

struct Step {
    name: &'static str,
    run: &'static dyn Fn() -> Result<()>,
    /// Why the step cannot run here, if it cannot.
    missing: fn() -> Option<String>,
}

fn nothing_missing() -> Option<String> {
    None
}

fn corpus_missing() -> Option<String> {
    let dir = Path::new(corpus::DEFAULT_DIR);
    (!dir.is_dir()).then(|| format!("{} (the real-world specs, kept beside the repository) is missing", dir.display()))
}

fn npm_missing() -> Option<String> {
    (!apis_guru::npm_available() && !apis_guru::fetched())
        .then(|| format!("`npm` is not on PATH (needed to fetch {})", apis_guru::PACKAGE))
}

pub(crate) fn run() -> Result<()> {
    let steps = [
        Step { name: "codegen --check", run: &|| codegen::run(WriteMode::Check), missing: nothing_missing },
        Step { name: "rustfmt", run: &|| cargo::run(FMT), missing: nothing_missing },
        // Also builds the generated crates with warnings denied.
        Step { name: "clippy", run: &|| cargo::run(CLIPPY), missing: nothing_missing },
        Step {
            name: "rustdoc",
            run: &|| cargo::run_with_env(&[("RUSTDOCFLAGS", "-D warnings")], DOC),
            missing: nothing_missing,
        },
        Step { name: "build.rs no-op rebuild", run: &build_script::run, missing: nothing_missing },
        Step { name: "cargo test", run: &|| cargo::run(TEST), missing: nothing_missing },
        // Every real spec of ../shared/corpus generates a crate that passes clippy (or is refused cleanly).
        Step { name: "corpus", run: &|| corpus::run(None), missing: corpus_missing },
        // The visible half of APIs.guru generates (each spec in a child process), and a sample passes clippy.
        Step { name: "apis-guru", run: &|| apis_guru::run(apis_guru::Compile::Sample), missing: npm_missing },
    ];
    let required = std::env::var_os(REQUIRE_CORPUS).is_some_and(|v| v == "1");
    let total = Instant::now();
    let mut times = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let (n, name) = (i + 1, step.name);
        if let Some(why) = (step.missing)() {
            if required {
                return Err(Failure(format!("step {n} `{name}` cannot run: {why} ({REQUIRE_CORPUS}=1 requires it)")));
            }
            eprintln!("==> [{n}/{}] {name}: SKIPPED: {why}; set {REQUIRE_CORPUS}=1 to fail instead", steps.len());
            times.push((name, None));
            continue;
        }
        eprintln!("==> [{n}/{}] {name}", steps.len());
        let start = Instant::now();
        let result = (step.run)();
        let took = start.elapsed();
        if let Err(Failure(message)) = result {
            return Err(Failure(format!("step {n} `{name}` failed after {}:\n{message}", seconds(took))));
        }
        eprintln!("<== [{n}/{}] {name}: ok in {}", steps.len(), seconds(took));
        times.push((name, Some(took)));
    }
    let skipped = times.iter().filter(|(_, t)| t.is_none()).count();
    if skipped == 0 {
        eprintln!("all {} steps passed:", steps.len());
    } else {
        eprintln!("{} steps passed, {skipped} SKIPPED:", steps.len() - skipped);
    }
    for (name, took) in times {
        eprintln!("  {:>8}  {name}", took.map_or_else(|| "skipped".to_owned(), seconds));
    }
    eprintln!("  {:>8}  total", seconds(total.elapsed()));
    Ok(())
}
