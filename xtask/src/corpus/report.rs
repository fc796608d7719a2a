//! The corpus results as a plain-text table (for the terminal and CI's log) and as Markdown.

use std::fmt::Write as _;
use std::time::Duration;

/// One spec's line of the table, and what to show about it below the table.
#[derive(Debug)]
pub(crate) struct Row {
    /// The spec's path relative to the corpus directory, with `/`.
    pub(crate) spec: String,
    pub(crate) version: String,
    pub(crate) operations: Option<usize>,
    pub(crate) types: Option<usize>,
    pub(crate) warnings: Option<usize>,
    /// Time spent in `smelt::generate_crate`.
    pub(crate) took: Option<Duration>,
    pub(crate) passed: bool,
    /// One line: `ok`, `clippy: 3 errors`, `clippy: 2 warnings`, …
    pub(crate) result: String,
    /// The first error lines of a failure.
    pub(crate) details: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct Totals {
    pub(crate) generation: Duration,
    pub(crate) check: Duration,
    /// Why the check failed as a whole, if it did.
    pub(crate) general: Option<Vec<String>>,
}

const HEADER: [&str; 7] = ["spec", "openapi", "operations", "types", "warnings", "result", "seconds"];
/// Which columns are numbers, aligned right.
const NUMERIC: [bool; 7] = [false, false, true, true, true, false, true];
/// Longest result shown in the table; the details below it have the rest.
const RESULT_WIDTH: usize = 70;

/// `N passed, M failed`: the last line of the output, which CI's log reader looks for.
pub(crate) fn summary(rows: &[Row]) -> String {
    let passed = rows.iter().filter(|r| r.passed).count();
    format!("{passed} passed, {} failed", rows.len() - passed)
}

/// The whole terminal report, ending with [`summary`].
pub(crate) fn text(rows: &[Row], totals: &Totals) -> String {
    let cells: Vec<[String; 7]> = rows.iter().map(cells).collect();
    let mut widths = HEADER.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, row: &[String; 7]| {
        let padded: Vec<String> = (0..7)
            .map(|i| {
                if NUMERIC[i] {
                    format!("{:>w$}", row[i], w = widths[i])
                } else {
                    format!("{:<w$}", row[i], w = widths[i])
                }
            })
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(&mut out, &HEADER.map(str::to_owned));
    for row in &cells {
        line(&mut out, row);
    }
    for row in rows.iter().filter(|r| !r.details.is_empty()) {
        let _ = writeln!(out, "\n{}: {}", row.spec, row.result);
        for detail in &row.details {
            let _ = writeln!(out, "    {detail}");
        }
    }
    if let Some(general) = &totals.general {
        let _ = writeln!(out, "\ncargo clippy failed as a whole:");
        for line in general {
            let _ = writeln!(out, "    {line}");
        }
    }
    let _ = writeln!(out, "\n{}", timings(totals));
    out + &summary(rows) + "\n"
}

/// `docs/corpus.md`: what the command does, then the table and the failures.
pub(crate) fn markdown(rows: &[Row], totals: &Totals, dir: &str) -> String {
    let mut out = format!(
        "# Corpus results\n\n\
         Written by `cargo xtask corpus`; rerun it to refresh this file. For every spec under `{dir}/`,\n\
         smelt generates a crate into a scratch workspace (`target/corpus/`), then a single `cargo clippy`\n\
         compiles all of them. A spec passes when its crate compiles without a warning (clippy's default\n\
         lints; *result* counts the warnings of one that does not), or when smelt refuses it cleanly\n\
         because it is Swagger 2.0. *warnings* counts smelt's warnings about the spec; *seconds* is the\n\
         time `smelt::generate_crate` took (it and the timings below vary from run to run, nothing else does;\n\
         the check time includes building the dependencies on a first run, and is next to nothing when\n\
         no generated file changed).\n\n\
         **{}.** Timings: {}.\n\n",
        summary(rows),
        timings(totals),
    );
    out.push_str(&crate::table::markdown(&HEADER, &NUMERIC, rows.iter().map(cells)));
    let failures: Vec<&Row> = rows.iter().filter(|r| !r.passed && !r.details.is_empty()).collect();
    if !failures.is_empty() {
        out.push_str("\n## Failures\n");
        for row in failures {
            let _ = write!(out, "\n`{}`: {}\n\n```\n{}\n```\n", row.spec, row.result, row.details.join("\n"));
        }
    }
    out
}

fn timings(totals: &Totals) -> String {
    format!(
        "generation {:.1} s in total, cargo clippy of all crates {:.1} s",
        totals.generation.as_secs_f64(),
        totals.check.as_secs_f64()
    )
}

fn cells(row: &Row) -> [String; 7] {
    let number = |n: Option<usize>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    [
        row.spec.clone(),
        row.version.clone(),
        number(row.operations),
        number(row.types),
        number(row.warnings),
        crate::table::first_line(&row.result, RESULT_WIDTH),
        row.took.map_or_else(|| "-".to_owned(), |d| format!("{:.2}", d.as_secs_f64())),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(spec: &str, passed: bool, result: &str) -> Row {
        Row {
            spec: spec.to_owned(),
            version: "3.1.0".to_owned(),
            operations: Some(4),
            types: Some(12),
            warnings: Some(0),
            took: Some(Duration::from_millis(1500)),
            passed,
            result: result.to_owned(),
            details: if passed { vec![] } else { vec!["a/src/lib.rs:1:1: error: x | y".to_owned()] },
        }
    }

    fn totals() -> Totals {
        Totals { generation: Duration::from_secs(2), check: Duration::from_secs(30), general: None }
    }

    #[test]
    fn text_ends_with_the_summary() {
        let rows = [row("a/one.yaml", true, "ok"), row("b/two.json", false, "check failed (1 error)")];
        let text = text(&rows, &totals());
        assert!(text.ends_with("\n1 passed, 1 failed\n"), "{text}");
        assert!(text.contains("a/one.yaml  3.1.0             4     12         0  ok"), "{text}");
        assert!(text.contains("\nb/two.json: check failed (1 error)\n    a/src/lib.rs:1:1: error: x | y\n"), "{text}");
    }

    #[test]
    fn markdown_escapes_pipes() {
        let rows = [row("a|b.yaml", true, "ok")];
        let md = markdown(&rows, &totals(), "corpus");
        assert!(md.contains("| a\\|b.yaml | 3.1.0 | 4 | 12 | 0 | ok | 1.50 |\n"), "{md}");
        assert!(md.contains("**1 passed, 0 failed.**"), "{md}");
    }
}
