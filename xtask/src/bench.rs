//! `cargo xtask bench`: how fast smelt generates, in release, on the largest real specs and on the
//! synthetic family (whose cost must grow linearly in its size: the log–log slope is printed and
//! checked). Writes the tables to `docs/bench.md`; performance claims in the README come from here,
//! not from tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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

/// Sizes of the synthetic family (`smelt::synthetic::spec`): doubling, so the slope is well spread.
const FAMILY: &[usize] = &[250, 500, 1000, 2000];

/// The steepest log–log slope of time or memory against the family's size that counts as linear
/// (a quadratic pass shows as 2).
const MAX_SLOPE: f64 = 1.15;

struct Row {
    spec: String,
    bytes: u64,
    lines: usize,
    fastest: Duration,
    median: Duration,
    /// The most resident memory of any run, in kB.
    peak_kb: u64,
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
    let mut family = Vec::new();
    fs::create_dir_all(scratch)?;
    for &n in FAMILY {
        let spec = scratch.join(format!("synthetic-{n}.json"));
        fs::write(&spec, smelt::synthetic::spec(n))?;
        family.push((n, measure(binary, &spec, scratch)?));
        println!("synthetic n = {n}: {}", describe(&family[family.len() - 1].1));
    }
    let slopes = Slopes::of(&family);
    println!(
        "log-log slope against n: time {:.2}, peak memory {:.2}, output lines {:.2}",
        slopes.time, slopes.memory, slopes.lines
    );
    let text = format!("{}\n{}", table(&rows), family_table(&family, &slopes));
    fs::create_dir_all("docs")?;
    fs::write("docs/bench.md", &text)?;
    println!("wrote docs/bench.md");
    if slopes.time > MAX_SLOPE || slopes.memory > MAX_SLOPE {
        return Err(Failure(format!(
            "generation cost grows faster than linearly in the synthetic family (slope over {MAX_SLOPE})"
        )));
    }
    Ok(())
}

/// Least-squares slopes of log(cost) against log(n): 1 is linear.
struct Slopes {
    time: f64,
    memory: f64,
    lines: f64,
}

impl Slopes {
    fn of(family: &[(usize, Row)]) -> Slopes {
        let slope = |y: &dyn Fn(&Row) -> f64| {
            let points: Vec<(f64, f64)> =
                family.iter().map(|(n, r)| ((*n as f64).ln(), y(r).max(f64::MIN_POSITIVE).ln())).collect();
            let count = points.len() as f64;
            let (mx, my) =
                (points.iter().map(|p| p.0).sum::<f64>() / count, points.iter().map(|p| p.1).sum::<f64>() / count);
            let num: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
            let den: f64 = points.iter().map(|(x, _)| (x - mx) * (x - mx)).sum();
            if den == 0.0 {
                0.0
            } else {
                num / den
            }
        };
        Slopes {
            time: slope(&|r| r.median.as_secs_f64()),
            memory: slope(&|r| r.peak_kb as f64),
            lines: slope(&|r| r.lines as f64),
        }
    }
}

fn family_table(family: &[(usize, Row)], slopes: &Slopes) -> String {
    let mut out = String::from(
        "## Synthetic family\n\n`smelt::synthetic::spec(n)`: schema `S{i}` refers to `S{i+1}` and `S{i+2}` (so every schema \
         is recursive and shared) through properties, items, annotated `allOf`, `oneOf`, nullable wrappers and maps, with one \
         operation per schema. Peak memory is the largest resident set of the runs.\n\n\
         | n | size | generated lines | median | peak memory |\n|---:|---:|---:|---:|---:|\n",
    );
    for (n, r) in family {
        out.push_str(&format!(
            "| {n} | {:.2} MB | {} | {:.3} s | {:.0} MB |\n",
            r.bytes as f64 / 1e6,
            r.lines,
            r.median.as_secs_f64(),
            r.peak_kb as f64 / 1024.0
        ));
    }
    out.push_str(&format!(
        "\nLog–log slope against n (1 is linear; `cargo xtask bench` fails above {MAX_SLOPE}): time **{:.2}**, peak memory \
         **{:.2}**, generated lines **{:.2}**.\n",
        slopes.time, slopes.memory, slopes.lines
    ));
    out
}

fn measure(binary: &Path, spec: &Path, scratch: &Path) -> Result<Row> {
    let out: PathBuf = scratch.join(spec.file_stem().unwrap_or_default());
    let mut times = Vec::with_capacity(RUNS);
    let mut peak_kb = 0;
    for _ in 0..RUNS {
        // A fresh directory each run, so every run writes every file.
        let _ = fs::remove_dir_all(&out);
        let start = Instant::now();
        let child = Command::new(binary)
            .arg("generate")
            .arg(spec)
            .arg("--out")
            .arg(&out)
            .arg("--name")
            .arg("bench")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let (success, kb) = wait_measured(child)?;
        times.push(start.elapsed());
        peak_kb = peak_kb.max(kb);
        if !success {
            return Err(Failure(format!("{}: `smelt generate` failed", spec.display())));
        }
    }
    times.sort();
    let lines = ["src/models.rs", "src/client.rs"]
        .iter()
        .map(|f| fs::read_to_string(out.join(f)).map_or(0, |t| t.lines().count()))
        .sum();
    Ok(Row {
        spec: spec.display().to_string(),
        bytes: fs::metadata(spec).map_or(0, |m| m.len()),
        lines,
        fastest: times[0],
        median: times[RUNS / 2],
        peak_kb,
    })
}

/// Waits for `child` (its stderr drained first, so it cannot block on a full pipe) and returns
/// whether it succeeded and its peak resident memory in kB, from `wait4`'s resource usage.
fn wait_measured(mut child: std::process::Child) -> Result<(bool, u64)> {
    use std::io::Read as _;
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr)?;
    }
    let pid = libc::pid_t::try_from(child.id()).map_err(|_| Failure("child pid out of range".into()))?;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value, which `wait4` overwrites.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unwaited child; both pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if reaped != pid {
        return Err(Failure(format!("wait4: {}", std::io::Error::last_os_error())));
    }
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    if !success {
        eprint!("{stderr}");
    }
    Ok((success, u64::try_from(usage.ru_maxrss).unwrap_or(0)))
}

fn describe(row: &Row) -> String {
    format!(
        "{}: fastest {:.3} s, median {:.3} s, {} lines, peak {:.0} MB",
        row.spec,
        row.fastest.as_secs_f64(),
        row.median.as_secs_f64(),
        row.lines,
        row.peak_kb as f64 / 1024.0
    )
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "# Generation speed\n\nWritten by `cargo xtask bench`: `smelt generate` (release build, whole process: read, repair, \
         IR, emit, format, write) run 5 times per spec on this repository's 2-core CI machine. Peers measured on the same \
         machine take 9–26 s for the GitHub spec (see `../shared/design/FACTS.md`).\n\n\
         | spec | size | generated lines | fastest | median | peak memory |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {:.1} MB | {} | {:.3} s | {:.3} s | {:.0} MB |\n",
            r.spec,
            r.bytes as f64 / 1e6,
            r.lines,
            r.fastest.as_secs_f64(),
            r.median.as_secs_f64(),
            r.peak_kb as f64 / 1024.0
        ));
    }
    out
}
