//! `cargo xtask bench`: how fast smelt generates, in release, on the largest real specs. Writes the
//! table to `docs/bench.md`; performance claims in the README come from here, not from tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{cargo, Failure, Result};

/// Runs per spec; the table shows the fastest and the median.
const RUNS: usize = 5;

const SPECS: &[&str] = &[
    "../shared/corpus/large/github-api.github.com-octokit-23.0.2.json",
    "../shared/corpus/large/stripe-spec3-2023-09-12.yaml",
    "../shared/corpus/peers/progenitor-nexus.json",
    "specs/askui-api.json",
    "specs/askui-workspaces.yaml",
];

struct Row {
    spec: String,
    bytes: u64,
    lines: usize,
    fastest: Duration,
    median: Duration,
}

pub(crate) fn run() -> Result<()> {
    cargo::run(&["build", "--release", "--quiet", "--package", "smelt-cli"])?;
    let binary = Path::new("target/release/smelt");
    let scratch = Path::new("target/bench");
    let mut rows = Vec::new();
    for spec in SPECS.iter().map(Path::new).filter(|s| s.exists()) {
        rows.push(measure(binary, spec, scratch)?);
        let row = rows.last().map(describe).unwrap_or_default();
        println!("{row}");
    }
    let table = table(&rows);
    fs::create_dir_all("docs")?;
    fs::write("docs/bench.md", &table)?;
    println!("wrote docs/bench.md");
    Ok(())
}

fn measure(binary: &Path, spec: &Path, scratch: &Path) -> Result<Row> {
    let out: PathBuf = scratch.join(spec.file_stem().unwrap_or_default());
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        // A fresh directory each run, so every run writes every file.
        let _ = fs::remove_dir_all(&out);
        let start = Instant::now();
        let status = Command::new(binary).arg("generate").arg(spec).arg("--out").arg(&out).arg("--name").arg("bench").output()?;
        times.push(start.elapsed());
        if !status.status.success() {
            return Err(Failure(format!("{}: {}", spec.display(), String::from_utf8_lossy(&status.stderr))));
        }
    }
    times.sort();
    let lines = ["src/models.rs", "src/client.rs"].iter().map(|f| fs::read_to_string(out.join(f)).map_or(0, |t| t.lines().count())).sum();
    Ok(Row {
        spec: spec.display().to_string(),
        bytes: fs::metadata(spec).map_or(0, |m| m.len()),
        lines,
        fastest: times[0],
        median: times[RUNS / 2],
    })
}

fn describe(row: &Row) -> String {
    format!("{}: fastest {:.3} s, median {:.3} s, {} lines", row.spec, row.fastest.as_secs_f64(), row.median.as_secs_f64(), row.lines)
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "# Generation speed\n\nWritten by `cargo xtask bench`: `smelt generate` (release build, whole process: read, repair, \
         IR, emit, format, write) run 5 times per spec on this repository's 2-core CI machine. Peers measured on the same \
         machine take 9–26 s for the GitHub spec (see `../shared/design/FACTS.md`).\n\n\
         | spec | size | generated lines | fastest | median |\n|---|---:|---:|---:|---:|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {:.1} MB | {} | {:.3} s | {:.3} s |\n",
            r.spec,
            r.bytes as f64 / 1e6,
            r.lines,
            r.fastest.as_secs_f64(),
            r.median.as_secs_f64()
        ));
    }
    out
}
