//! Compiling generated crates with `cargo clippy` (a crate with any warning fails): the sample CI
//! checks, or all of them in batches, whose results accumulate in `docs/apis-guru-compile.md`.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use super::cache::Cache;
use super::report::{Class, Compiled, Row};
use super::{select, Compile};
use crate::corpus::check::{self, Checked};
use crate::corpus::workspace::Scratch;
use crate::Result;

/// The target directory of the scratch workspace: its own, as for `cargo xtask corpus`.
const TARGET: &str = "target/apis-guru/target";
/// Crates per `cargo clippy` with `--compile all`: one huge crate then holds up only its batch,
/// and each batch's results are saved before the next starts.
const BATCH: usize = 100;

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
        for (n, chunk) in todo.chunks(BATCH).enumerate() {
            eprintln!("batch {}/{}", n + 1, todo.len().div_ceil(BATCH));
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

/// One `cargo clippy` over the crates of `batch`, made the scratch workspace's members.
fn clippy(scratch: &Scratch, batch: Vec<&mut Row>) -> Result<()> {
    let members: BTreeSet<String> = batch.iter().map(|r| r.crate_name.clone()).collect();
    scratch.set_members(&members, Path::new("Cargo.lock"))?;
    let checked = check::run(scratch.root(), &crate::project_root().join(TARGET), &members)?;
    for row in batch {
        row.compiled = Some(verdict(&row.crate_name, &checked));
    }
    Ok(())
}

fn verdict(crate_name: &str, checked: &Checked) -> Compiled {
    if let Some(errors) = checked.failed.get(crate_name) {
        Compiled { passed: false, result: errors.describe(), details: errors.lines.clone() }
    } else if let Some(general) = &checked.general {
        Compiled {
            passed: false,
            result: "not checked: cargo clippy failed as a whole".to_owned(),
            details: general.clone(),
        }
    } else {
        Compiled { passed: true, result: "ok".to_owned(), details: Vec::new() }
    }
}
