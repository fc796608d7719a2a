//! `cargo xtask corpus [DIR]`: generates a crate from every spec under DIR (default
//! `../shared/corpus`, real-world specs kept outside the repository), compiles them all with one
//! `cargo clippy`, and reports a table, also written to `docs/corpus.md`.
//!
//! A spec passes when its crate compiles without a warning, or when smelt refuses it because it is Swagger 2.0.

pub(crate) mod check;
mod generate;
mod report;
pub(crate) mod workspace;

pub(crate) use generate::openapi_version;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use generate::{Generation, Outcome};
use report::{Row, Totals};
use workspace::Scratch;

use crate::{seconds, specs, Failure, Result};

/// The corpus, relative to the workspace root.
pub(crate) const DEFAULT_DIR: &str = "../shared/corpus";
/// The scratch workspace of generated crates, and the target directory it is checked into (its
/// own, so that the check neither waits for nor invalidates the project's build).
const SCRATCH: &str = "target/corpus";
const TARGET: &str = "target/corpus-target";
/// Where the report of the default corpus goes.
const DOCS: &str = "docs/corpus.md";
/// How many diagnostic lines of a crate that fails are shown.
const ERROR_LINES: usize = 5;

/// Runs over `dir`, or the default corpus; paths are relative to the workspace root, the current
/// directory. Only the default corpus's report goes to `docs/corpus.md`.
pub(crate) fn run(dir: Option<PathBuf>) -> Result<()> {
    let docs = dir.is_none();
    let dir = dir.unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    let specs = specs::find(&dir, true)?;
    if specs.is_empty() {
        return Err(Failure(format!("no specs (*.{}) under {}", specs::EXTENSIONS.join(", *."), dir.display())));
    }

    let scratch = Scratch::create(Path::new(SCRATCH))?;
    let names = workspace::crate_names(&specs);
    let mut generations = Vec::new();
    for (i, (spec, name)) in specs.iter().zip(&names).enumerate() {
        eprint!("[{}/{}] {} ... ", i + 1, specs.len(), label(&dir, spec));
        let generation = generate::generate(spec, name, &scratch.crate_dir(name));
        eprintln!("{}", progress(&generation));
        generations.push(generation);
    }
    let members: BTreeSet<String> = generations.iter().filter_map(generated_crate).map(str::to_owned).collect();
    scratch.finish(&members, Path::new("Cargo.lock"))?;
    // Absolute: cargo runs in the scratch workspace.
    let checked = check::run(scratch.root(), &crate::project_root().join(TARGET), &members, check::Tool::Clippy)?;

    let totals = Totals {
        generation: generations.iter().filter_map(|g| stats(g).map(|s| s.took)).sum::<Duration>(),
        check: checked.took,
        general: checked.general.clone(),
    };
    let rows: Vec<Row> = specs.iter().zip(generations).map(|(spec, g)| row(label(&dir, spec), g, &checked)).collect();
    if docs {
        let markdown = report::markdown(&rows, &totals, &dir.display().to_string());
        workspace::write_if_changed(Path::new(DOCS), &markdown)?;
    }
    print!("{}", report::text(&rows, &totals));
    if rows.iter().all(|r| r.passed) {
        Ok(())
    } else {
        Err(Failure::reported())
    }
}

/// `spec` relative to `dir`, with `/` on every platform.
fn label(dir: &Path, spec: &Path) -> String {
    let relative = spec.strip_prefix(dir).unwrap_or(spec);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// How generation went, in a few words.
fn progress(generation: &Generation) -> String {
    match &generation.outcome {
        Outcome::Generated { crate_name, stats } => {
            format!("{crate_name} in {}, {}", seconds(stats.took), stats.tally)
        }
        Outcome::Refused { swagger: true, .. } => "refused (Swagger)".to_owned(),
        Outcome::Refused { message, .. } => format!("refused: {message}"),
        Outcome::Crashed(message) => message.clone(),
    }
}

fn generated_crate(generation: &Generation) -> Option<&str> {
    match &generation.outcome {
        Outcome::Generated { crate_name, .. } => Some(crate_name),
        _ => None,
    }
}

fn stats(generation: &Generation) -> Option<&generate::Stats> {
    match &generation.outcome {
        Outcome::Generated { stats, .. } => Some(stats),
        _ => None,
    }
}

/// The verdict on one spec: how generation went and, if it produced a crate, whether it compiled.
fn row(spec: String, generation: Generation, checked: &check::Checked) -> Row {
    let Generation { version, outcome } = generation;
    let mut row = Row {
        spec,
        version,
        operations: None,
        types: None,
        warnings: None,
        took: None,
        passed: false,
        result: String::new(),
        details: Vec::new(),
    };
    match outcome {
        Outcome::Refused { swagger: true, .. } => {
            row.passed = true;
            row.result = "refused cleanly (Swagger)".to_owned();
        }
        Outcome::Refused { message, swagger: false } => {
            row.result = format!("refused: {message}");
            row.details = vec![message];
        }
        Outcome::Crashed(message) => {
            row.result.clone_from(&message);
            row.details = vec![message];
        }
        Outcome::Generated { crate_name, stats } => {
            row.operations = Some(stats.operations);
            row.types = Some(stats.types);
            row.warnings = Some(stats.tally.warnings);
            row.took = Some(stats.took);
            (row.passed, row.result, row.details) = compiled(&crate_name, checked);
            if stats.tally.errors > 0 {
                row.passed = false;
                row.result = format!("{} spec errors; {}", stats.tally.errors, row.result);
            }
        }
    }
    row
}

/// Whether `crate_name` compiled without a warning, the result text, and its first diagnostics.
fn compiled(crate_name: &str, checked: &check::Checked) -> (bool, String, Vec<String>) {
    if let Some(errors) = checked.failed.get(crate_name) {
        let lines = errors.lines.iter().take(ERROR_LINES).cloned().collect();
        (false, format!("clippy: {}", errors.describe()), lines)
    } else if checked.general.is_some() {
        (false, "not checked: cargo clippy failed".to_owned(), Vec::new())
    } else {
        (true, "ok".to_owned(), Vec::new())
    }
}
