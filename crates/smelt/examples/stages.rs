//! Times each pipeline stage on one spec: `cargo run --release -p smelt --example stages -- SPEC`.
use std::path::Path;

use smelt::pipeline::{run, Stage, Target};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stages SPEC");
    let mut observe = |stage: Stage, took: std::time::Duration| {
        eprintln!("{:<9} {:>8.3}s", stage.name(), took.as_secs_f64());
    };
    let run = run(Path::new(&path), &smelt::Options::default(), Target::Crate("stages"), Stage::Files, &mut observe)
        .unwrap_or_else(|e| panic!("{e}"));
    let (types, operations) = run.api.as_ref().map_or((0, 0), |api| (api.types.len(), api.operations.len()));
    let lines: usize = run.files.iter().map(|f| f.contents.lines().count()).sum();
    eprintln!("{types} types, {operations} operations, {} diagnostics, {lines} lines", run.diagnostics.len());
}
