//! The APIs.guru results: one row per visible spec, as a terminal table and as `docs/apis-guru.md`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::os::unix::process::ExitStatusExt as _;
use std::time::Duration;

use super::child::{Report, ADDRESS_SPACE};
use super::runner::{Ended, TIME_LIMIT};

/// The per-spec targets (reported against, never failing the run): small specs, and those over
/// [`LARGE`] bytes.
const SMALL_LIMITS: Limits = Limits { seconds: 2.0, mb: 500.0 };
const LARGE_LIMITS: Limits = Limits { seconds: 15.0, mb: 3072.0 };
pub(crate) const LARGE: u64 = 15 << 20;
const MIB: f64 = 1024.0 * 1024.0;
/// How many specs the slowest and largest lists show.
const TOP: usize = 10;
/// How many diagnostic lines of a failing crate are shown.
const LINES: usize = 5;

struct Limits {
    seconds: f64,
    mb: f64,
}

/// How generating one spec went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Class {
    /// A crate was written, with no error diagnostics.
    Ok,
    /// Refused because the document is not usable OpenAPI at all (Swagger 2.0, not a mapping, …):
    /// a pass.
    Unusable,
    /// Refused for anything else.
    Refused,
    /// Generated, but with error diagnostics.
    SpecErrors,
    /// smelt panicked, or the child died otherwise (an abort: out of memory, stack overflow).
    Panic,
    /// Killed after [`TIME_LIMIT`].
    Timeout,
}

impl Class {
    fn passed(self) -> bool {
        matches!(self, Class::Ok | Class::Unusable)
    }
}

/// Whether one crate passed `cargo clippy`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Compiled {
    pub(crate) passed: bool,
    /// `ok`, `3 warnings`, `2 errors, 1 warning`, …
    pub(crate) result: String,
    /// Its diagnostic lines (errors first), one each.
    pub(crate) details: Vec<String>,
}

/// The kind of a diagnostic line `path:l:c: warning: message `x``: its level and message with the
/// code in backticks left out, so that one lint on different names is one kind.
fn kind(line: &str) -> Option<String> {
    let mut parts = line.splitn(4, ':');
    let rest = parts.nth(3)?.trim_start();
    Some(rest.split('`').enumerate().map(|(i, piece)| if i % 2 == 0 { piece } else { "`…`" }).collect())
}

/// The diagnostics of the compiled crates by kind: (kind, crates, lines, an example), most crates first.
fn kinds(rows: &[Row]) -> Vec<(String, usize, usize, String)> {
    let mut by_kind: std::collections::BTreeMap<String, (BTreeSet<&str>, usize, String)> =
        std::collections::BTreeMap::new();
    for row in rows {
        for line in row.compiled.iter().flat_map(|c| &c.details) {
            let Some(kind) = kind(line) else { continue };
            let entry = by_kind.entry(kind).or_insert_with(|| (BTreeSet::new(), 0, line.clone()));
            entry.0.insert(&row.spec);
            entry.1 += 1;
        }
    }
    let mut kinds: Vec<_> =
        by_kind.into_iter().map(|(k, (crates, n, example))| (k, crates.len(), n, example)).collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then_with(|| a.0.cmp(&b.0)));
    kinds
}

#[derive(Debug)]
pub(crate) struct Row {
    /// Relative to `package/api/`.
    pub(crate) spec: String,
    pub(crate) crate_name: String,
    pub(crate) bytes: u64,
    pub(crate) class: Class,
    pub(crate) version: String,
    pub(crate) operations: Option<usize>,
    pub(crate) types: Option<usize>,
    pub(crate) warnings: Option<usize>,
    /// Generation and writing, as the child measured it; the whole child's life if it reported nothing.
    pub(crate) seconds: f64,
    pub(crate) peak_mb: Option<f64>,
    pub(crate) result: String,
    pub(crate) details: Vec<String>,
    /// Set for the crates that were compiled.
    pub(crate) compiled: Option<Compiled>,
}

impl Row {
    pub(crate) fn passed(&self) -> bool {
        self.class.passed() && self.compiled.as_ref().is_none_or(|c| c.passed)
    }

    /// What the row is over of its targets, e.g. `time`, `memory`.
    fn over(&self) -> Vec<&'static str> {
        let limits = if self.bytes > LARGE { &LARGE_LIMITS } else { &SMALL_LIMITS };
        let mut over = Vec::new();
        if self.seconds > limits.seconds {
            over.push("time");
        }
        if self.peak_mb.is_some_and(|mb| mb > limits.mb) {
            over.push("memory");
        }
        over
    }
}

/// The run's totals besides the rows.
pub(crate) struct Totals {
    pub(crate) generation: Duration,
    /// The clippy runs: their time and what they covered, if any ran.
    pub(crate) compile: Option<super::compile::Summary>,
}

/// Whether a refusal is because the document is not OpenAPI 3 at all (smelt's messages for it).
fn unusable(message: &str) -> bool {
    message.contains("Swagger") || message.contains("not an OpenAPI")
}

/// The row of a spec from how its child ended.
pub(crate) fn row(spec: &str, crate_name: &str, bytes: u64, ended: Ended) -> Row {
    let mut row = Row {
        spec: spec.to_owned(),
        crate_name: crate_name.to_owned(),
        bytes,
        class: Class::Panic,
        version: "?".to_owned(),
        operations: None,
        types: None,
        warnings: None,
        seconds: ended.wall.as_secs_f64(),
        peak_mb: None,
        result: String::new(),
        details: Vec::new(),
        compiled: None,
    };
    match ended.report {
        Some(report) => from_report(&mut row, report, &ended.stderr),
        None if ended.timed_out => {
            row.class = Class::Timeout;
            row.result = format!("timeout: killed after {} s", TIME_LIMIT.as_secs());
        }
        None => {
            row.class = Class::Panic;
            row.result = died(&ended);
            row.details.clone_from(&ended.stderr);
        }
    }
    row
}

fn from_report(row: &mut Row, report: Report, stderr: &[String]) {
    let Report { version, result, operations, types, warnings, errors, seconds, peak_kb, message } = report;
    row.version = version;
    row.seconds = seconds;
    row.peak_mb = Some(peak_kb as f64 / 1024.0);
    match result.as_str() {
        "generated" => {
            (row.operations, row.types, row.warnings) = (Some(operations), Some(types), Some(warnings));
            if errors == 0 {
                row.class = Class::Ok;
                row.result = "ok".to_owned();
            } else {
                row.class = Class::SpecErrors;
                row.result = format!("{errors} spec errors");
            }
        }
        "panic" => {
            row.class = Class::Panic;
            // The panic's own message is in stderr: `thread 'smelt' panicked at src/…:\nmessage`.
            let at = stderr.iter().position(|l| l.contains("panicked at"));
            row.result = match at.and_then(|i| stderr.get(i + 1)) {
                Some(message) => format!("panic: {message}"),
                None => format!("panic: {message}"),
            };
            row.details = at.map_or_else(|| stderr.to_vec(), |i| stderr[i..].iter().take(2).cloned().collect());
        }
        _ if unusable(&message) => {
            row.class = Class::Unusable;
            row.result = format!("refused: {message}");
        }
        _ => {
            row.class = Class::Refused;
            row.result = format!("refused: {message}");
            row.details = vec![message];
        }
    }
}

/// Why a child that reported nothing died, in a few words.
fn died(ended: &Ended) -> String {
    let stderr = ended.stderr.join("\n");
    if stderr.contains("memory allocation of") {
        return format!("out of memory ({} GB address space)", ADDRESS_SPACE >> 30);
    }
    if stderr.contains("has overflowed its stack") {
        return "stack overflow".to_owned();
    }
    match ended.status {
        Some(status) if status.signal().is_some() => {
            format!("killed by signal {}", status.signal().unwrap_or_default())
        }
        Some(status) => {
            format!("exited with {status} without a report: {}", ended.stderr.last().map_or("", String::as_str))
        }
        None => ended.stderr.last().cloned().unwrap_or_else(|| "could not be run".to_owned()),
    }
}

/// One line of progress for a spec.
pub(crate) fn progress(ended: &Ended) -> String {
    let row = row("", "", 0, ended.clone());
    let peak = row.peak_mb.map_or_else(String::new, |mb| format!(", {mb:.0} MB"));
    format!("{} in {:.2} s{peak}", row.result, row.seconds)
}

const HEADER: [&str; 10] =
    ["spec", "openapi", "operations", "types", "warnings", "result", "seconds", "peak MB", "target", "clippy"];
const NUMERIC: [bool; 10] = [false, false, true, true, true, false, true, true, false, false];
const RESULT_WIDTH: usize = 60;

fn cells(row: &Row) -> [String; 10] {
    let number = |n: Option<usize>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let over = row.over();
    [
        row.spec.clone(),
        row.version.clone(),
        number(row.operations),
        number(row.types),
        number(row.warnings),
        crate::table::first_line(&row.result, RESULT_WIDTH),
        format!("{:.2}", row.seconds),
        row.peak_mb.map_or_else(|| "-".to_owned(), |mb| format!("{mb:.0}")),
        if over.is_empty() { String::new() } else { format!("over: {}", over.join(", ")) },
        row.compiled.as_ref().map_or_else(String::new, |c| crate::table::first_line(&c.result, RESULT_WIDTH)),
    ]
}

/// `N passed, M failed (P panics, T timeouts)`: the last line of the output.
pub(crate) fn summary(rows: &[Row]) -> String {
    let passed = rows.iter().filter(|r| r.passed()).count();
    let count = |class| rows.iter().filter(|r| r.class == class).count();
    format!(
        "{passed} passed, {} failed ({} panics, {} timeouts)",
        rows.len() - passed,
        count(Class::Panic),
        count(Class::Timeout)
    )
}

/// The figures besides pass and fail: targets, refusals, compile sample.
fn figures(rows: &[Row], totals: &Totals) -> Vec<String> {
    let mut lines = Vec::new();
    let generated = rows.iter().filter(|r| r.class == Class::Ok).count();
    let unusable = rows.iter().filter(|r| r.class == Class::Unusable).count();
    let over = |what| rows.iter().filter(|r| r.over().contains(&what)).count();
    let sum: f64 = rows.iter().map(|r| r.seconds).sum();
    lines.push(format!(
        "{} specs: {generated} generated, {unusable} refused as not OpenAPI 3; generation {:.1} s wall on {} workers ({sum:.1} s summed over specs)",
        rows.len(),
        totals.generation.as_secs_f64(),
        std::thread::available_parallelism().map_or(2, usize::from),
    ));
    lines.push(format!(
        "over target: {} over time, {} over memory (targets: {} s and {} MB per spec; {} s and {} MB for specs over {} MB)",
        over("time"),
        over("memory"),
        SMALL_LIMITS.seconds,
        SMALL_LIMITS.mb,
        LARGE_LIMITS.seconds,
        LARGE_LIMITS.mb,
        LARGE >> 20,
    ));
    if let Some(compile) = &totals.compile {
        let compiled: Vec<&Compiled> = rows.iter().filter_map(|r| r.compiled.as_ref()).collect();
        let clean = compiled.iter().filter(|c| c.passed).count();
        lines.push(format!(
            "cargo clippy ({}): {clean} of {} crates clean, {} with warnings or errors; {:.1} s",
            compile.what,
            compiled.len(),
            compiled.len() - clean,
            compile.took.as_secs_f64()
        ));
    }
    lines
}

/// The specs with the largest `key`, largest first (ties in spec order).
fn top(rows: &[Row], key: impl Fn(&Row) -> f64) -> Vec<&Row> {
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by(|a, b| key(b).total_cmp(&key(a)).then_with(|| a.spec.cmp(&b.spec)));
    sorted.truncate(TOP);
    sorted
}

/// `spec: 1.20 s, 300 MB, spec 2.1 MB, ok`; the spec quoted as code in Markdown.
fn top_line(row: &Row, markdown: bool) -> String {
    let peak = row.peak_mb.map_or_else(|| "-".to_owned(), |mb| format!("{mb:.0} MB"));
    let spec = if markdown { format!("`{}`", row.spec) } else { row.spec.clone() };
    format!(
        "{spec}: {:.2} s, {peak}, spec {:.1} MB, {}",
        row.seconds,
        row.bytes as f64 / MIB,
        crate::table::first_line(&row.result, RESULT_WIDTH)
    )
}

/// Why a failed row failed, and the diagnostics that show it.
fn failure(row: &Row) -> (String, &[String]) {
    match &row.compiled {
        Some(c) if row.class.passed() => (format!("clippy: {}", c.result), &c.details),
        _ => (row.result.clone(), &row.details),
    }
}

/// The terminal report: failures, figures, and the summary as the last line (the whole table is
/// in the Markdown; 1,320 lines would drown the log).
pub(crate) fn text(rows: &[Row], totals: &Totals) -> String {
    let mut out = String::new();
    for row in rows.iter().filter(|r| !r.passed()) {
        let (result, details) = failure(row);
        let _ = writeln!(out, "\n{}: {result}", row.spec);
        for detail in details.iter().take(LINES) {
            let _ = writeln!(out, "    {detail}");
        }
    }
    out.push_str("\nslowest:\n");
    for row in top(rows, |r| r.seconds) {
        let _ = writeln!(out, "  {}", top_line(row, false));
    }
    out.push_str("largest peak RSS:\n");
    for row in top(rows, |r| r.peak_mb.unwrap_or(0.0)) {
        let _ = writeln!(out, "  {}", top_line(row, false));
    }
    out.push('\n');
    for line in figures(rows, totals) {
        let _ = writeln!(out, "{line}");
    }
    out + &summary(rows) + "\n"
}

/// `docs/apis-guru.md`.
pub(crate) fn markdown(rows: &[Row], totals: &Totals) -> String {
    let mut out = format!(
        "# APIs.guru results\n\n\
         Written by `cargo xtask corpus --apis-guru`; rerun it to refresh this file. The corpus is the\n\
         visible half of npm package `{}`: the odd positions (1st, 3rd, …) of its\n\
         `package/api/**/*.json`, sorted by bytes. The even positions are held out to measure\n\
         generalisation and are never extracted. Each spec is generated by the release build in a child\n\
         process of its own (limits: {} s, {} GB of address space), two at a time, a spec over 1 MB alone. *seconds* is\n\
         generating and writing the crate as the child measured it (the child's whole life for a\n\
         timeout or a crash), *peak MB* the child's `VmHWM`; both vary from run to run. A spec passes\n\
         when its crate is generated (and, if compiled, passes `cargo clippy` without a warning), or\n\
         when smelt refuses it because it is not OpenAPI 3 at all.\n\n\
         **{}.**\n\n",
        super::fetch::PACKAGE,
        TIME_LIMIT.as_secs(),
        ADDRESS_SPACE >> 30,
        summary(rows),
    );
    for line in figures(rows, totals) {
        let _ = writeln!(out, "- {line}");
    }
    out.push_str("\n## Slowest\n\n");
    for row in top(rows, |r| r.seconds) {
        let _ = writeln!(out, "- {}", top_line(row, true));
    }
    out.push_str("\n## Largest peak RSS\n\n");
    for row in top(rows, |r| r.peak_mb.unwrap_or(0.0)) {
        let _ = writeln!(out, "- {}", top_line(row, true));
    }
    let refused: Vec<&Row> = rows.iter().filter(|r| r.class == Class::Unusable).collect();
    if !refused.is_empty() {
        out.push_str("\n## Refused (not OpenAPI 3)\n\n");
        for row in refused {
            let _ = writeln!(out, "- `{}`: {}", row.spec, row.result.trim_start_matches("refused: "));
        }
    }
    let kinds = kinds(rows);
    if !kinds.is_empty() {
        out.push_str("\n## Clippy diagnostics by kind\n\n| kind | crates | lines | example |\n|---|---:|---:|---|\n");
        for (kind, crates, lines, example) in kinds {
            let _ = writeln!(
                out,
                "| {} | {crates} | {lines} | `{}` |",
                kind.replace('|', "\\|"),
                example.replace('|', "\\|")
            );
        }
    }
    let failed: Vec<&Row> = rows.iter().filter(|r| !r.passed()).collect();
    if !failed.is_empty() {
        out.push_str("\n## Failures\n");
        for row in failed {
            let (result, details) = failure(row);
            let _ = write!(out, "\n`{}` ({}): {result}\n", row.spec, row.crate_name);
            if !details.is_empty() {
                let shown: Vec<&str> = details.iter().take(LINES).map(String::as_str).collect();
                let _ = write!(out, "\n```\n{}\n```\n", shown.join("\n"));
            }
        }
    }
    out.push_str("\n## All specs\n\n");
    out.push_str(&crate::table::markdown(&HEADER, &NUMERIC, rows.iter().map(cells)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_leave_out_code() {
        assert_eq!(
            kind("ag-x/src/models.rs:3:5: warning: unused import: `std::fmt`").as_deref(),
            Some("warning: unused import: `…`")
        );
        assert_eq!(
            kind("ag-x/src/client.rs:1:1: warning: this function has too many arguments (9/7)").as_deref(),
            Some("warning: this function has too many arguments (9/7)")
        );
        assert_eq!(
            kind("a:1:2: error[E0412]: cannot find type `A` in `b`").as_deref(),
            Some("error[E0412]: cannot find type `…` in `…`")
        );
    }
}
