//! Compiling generated crates with `cargo clippy`, then documenting them with `cargo doc` (a crate
//! with any warning of either fails): the sample CI checks, or all of them in batches, whose
//! results accumulate in `docs/apis-guru-compile.md`.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use super::cache::Cache;
use super::report::{Class, Compiled, Row};
use super::{select, Compile};
use crate::corpus::check::{self, Checked, Tool};
use crate::corpus::workspace::Scratch;
use crate::Result;

/// The target directory of the scratch workspace: its own, as for `cargo xtask corpus`.
const TARGET: &str = "target/apis-guru/target";
/// Crates per `cargo clippy` with `--compile all`: one huge crate then holds up only its batch,
/// and each batch's results are saved before the next starts.
const BATCH: usize = 100;

/// Generated source above this is checked in a `cargo clippy` of its own: checking GitHub's crate
/// (9 MB) takes about 10 GB, so two such crates side by side could exhaust the machine.
const LARGE_BYTES: u64 = 3 << 20;

/// Generated source above this is not checked at all and counts as failed: at about 1 GB per MB
/// of source it cannot be checked in this machine's 24 GB (Microsoft Graph beta: 118 MB) until
/// the generated code gets cheaper to compile (issue "Performance").
const UNCHECKABLE_BYTES: u64 = 20 << 20;

/// What was compiled, and how long it took.
#[derive(Debug)]
pub(crate) struct Summary {
    /// `sample`, `all`.
    pub(crate) what: &'static str,
    pub(crate) took: Duration,
}

/// Compiles the crates `compile` asks for, setting their rows' `compiled`.
pub(crate) fn run(compile: Compile, scratch: &Scratch, rows: &mut [Row]) -> Result<Option<Summary>> {
    let what = match compile {
        Compile::None => return Ok(None),
        Compile::Sample => "sample",
        Compile::All => "all",
    };
    let chosen: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].class == Class::Ok && (compile == Compile::All || select::in_sample(i, &rows[i].version)))
        .collect();
    let start = Instant::now();
    if compile == Compile::Sample {
        let batch: Vec<&mut Row> =
            rows.iter_mut().enumerate().filter(|(i, _)| chosen.contains(i)).map(|(_, r)| r).collect();
        clippy(scratch, batch)?;
    } else {
        let mut cache = Cache::load()?;
        let mut todo = Vec::new();
        for &i in &chosen {
            let row = &mut rows[i];
            let hash = super::cache::crate_hash(&scratch.crate_dir(&row.crate_name))?;
            match cache.get(&row.spec, &hash) {
                Some(compiled) => row.compiled = Some(compiled),
                None => todo.push((i, hash)),
            }
        }
        eprintln!(
            "{} of {} crates compiled before (docs/apis-guru-compile.md); {} to go",
            chosen.len() - todo.len(),
            chosen.len(),
            todo.len()
        );
        let mut batches: Vec<Vec<(usize, String)>> = Vec::new();
        let mut small = Vec::new();
        for (i, hash) in todo {
            let bytes = source_bytes(&scratch.crate_dir(&rows[i].crate_name));
            if bytes > UNCHECKABLE_BYTES {
                rows[i].compiled = Some(Compiled {
                    passed: false,
                    result: format!("not checked: {} MB of source is too large to check in 24 GB", bytes >> 20),
                    details: Vec::new(),
                });
            } else if bytes > LARGE_BYTES {
                batches.push(vec![(i, hash)]);
            } else {
                small.push((i, hash));
            }
        }
        batches.extend(small.chunks(BATCH).map(<[_]>::to_vec));
        for (n, chunk) in batches.iter().enumerate() {
            eprintln!("batch {}/{}", n + 1, batches.len());
            let indices: Vec<usize> = chunk.iter().map(|(i, _)| *i).collect();
            let batch: Vec<&mut Row> =
                rows.iter_mut().enumerate().filter(|(i, _)| indices.contains(i)).map(|(_, r)| r).collect();
            clippy(scratch, batch)?;
            for (i, hash) in chunk {
                if let Some(compiled) = &rows[*i].compiled {
                    cache.insert(&rows[*i].spec, hash, compiled.clone());
                }
            }
            cache.save()?;
        }
    }
    Ok(Some(Summary { what, took: start.elapsed() }))
}

/// The bytes of a generated crate's `src/`.
fn source_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir.join("src"))
        .map(|entries| entries.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

/// One `cargo clippy` over the crates of `batch`, made the scratch workspace's members, then one
/// `cargo doc` of those clippy passed: their docs must not warn either.
fn clippy(scratch: &Scratch, batch: Vec<&mut Row>) -> Result<()> {
    let target = crate::project_root().join(TARGET);
    let members: BTreeSet<String> = batch.iter().map(|r| r.crate_name.clone()).collect();
    scratch.set_members(&members, Path::new("Cargo.lock"))?;
    let linted = check::run(scratch.root(), &target, &members, Tool::Clippy)?;
    let verdicts: Vec<Compiled> = batch.iter().map(|row| verdict(&row.crate_name, &linted, "clippy")).collect();
    let clean: BTreeSet<String> =
        batch.iter().zip(&verdicts).filter(|(_, v)| v.passed).map(|(r, _)| r.crate_name.clone()).collect();
    scratch.set_members(&clean, Path::new("Cargo.lock"))?;
    let documented = check::run(scratch.root(), &target, &clean, Tool::Rustdoc)?;
    for (row, verdict_of_clippy) in batch.into_iter().zip(verdicts) {
        row.compiled = Some(if verdict_of_clippy.passed {
            let docs = verdict(&row.crate_name, &documented, "cargo doc");
            if docs.passed {
                verdict_of_clippy
            } else {
                Compiled { result: format!("rustdoc: {}", docs.result), ..docs }
            }
        } else {
            verdict_of_clippy
        });
    }
    Ok(())
}

fn verdict(crate_name: &str, checked: &Checked, tool: &str) -> Compiled {
    if let Some(errors) = checked.failed.get(crate_name) {
        Compiled { passed: false, result: errors.describe(), details: errors.lines.clone() }
    } else if let Some(general) = &checked.general {
        Compiled { passed: false, result: format!("not checked: {tool} failed as a whole"), details: general.clone() }
    } else {
        Compiled { passed: true, result: "ok".to_owned(), details: Vec::new() }
    }
}
