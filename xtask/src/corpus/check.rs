//! One `cargo clippy` (or `cargo doc`) of the whole scratch workspace, its errors and warnings
//! sorted out by crate.
//!
//! Clippy rather than `cargo check`: users lint the code they depend on, and a generated crate that
//! warns under clippy's defaults is one they have to silence. rustdoc's own lints (unresolved
//! links, bare URLs, unclosed HTML) are not clippy's, so docs are a second pass. A crate with any
//! warning fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::{cargo, Failure, Result};

/// Which of cargo's commands checks the crates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tool {
    Clippy,
    Rustdoc,
}

impl Tool {
    fn args(self) -> &'static [&'static str] {
        match self {
            Tool::Clippy => &["clippy", "--workspace", "--keep-going", "--quiet", "--message-format=short"],
            Tool::Rustdoc => &["doc", "--workspace", "--no-deps", "--keep-going", "--quiet", "--message-format=short"],
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Checked {
    pub(crate) took: Duration,
    /// The diagnostics of each crate that had errors or warnings.
    pub(crate) failed: BTreeMap<String, CrateErrors>,
    /// Why cargo failed, when that is not one crate's fault (the manifest, a dependency, …):
    /// then no crate counts as checked.
    pub(crate) general: Option<Vec<String>>,
}

#[derive(Debug, Default, PartialEq)]
pub(crate) struct CrateErrors {
    /// Errors.
    pub(crate) count: usize,
    pub(crate) warnings: usize,
    /// Diagnostics of level error, then of level warning, one line each (the short message format).
    pub(crate) lines: Vec<String>,
}

impl CrateErrors {
    /// `2 errors, 1 warning`.
    pub(crate) fn describe(&self) -> String {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        match (self.count, self.warnings) {
            (0, w) => plural(w, "warning"),
            (e, 0) => plural(e, "error"),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        }
    }
}

/// Runs `cargo clippy` (or `cargo doc`) in `workspace`, building into `target_dir`.
pub(crate) fn run(workspace: &Path, target_dir: &Path, members: &BTreeSet<String>, tool: Tool) -> Result<Checked> {
    if members.is_empty() {
        return Ok(Checked::default());
    }
    eprintln!(
        "checking {} crates: (cd {} && CARGO_TARGET_DIR={} cargo {})",
        members.len(),
        workspace.display(),
        target_dir.display(),
        tool.args().join(" ")
    );
    let start = Instant::now();
    let output = cargo::command()
        .args(tool.args())
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Failure(format!("cannot run {}: {e}", cargo::program().to_string_lossy())))?;
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let (failed, unattributed) = attribute(&stderr, members);
    let general = if output.status.success() {
        None
    } else if !unattributed.is_empty() {
        Some(unattributed)
    } else if failed.is_empty() {
        let mut lines = vec![format!("cargo {} exited with {}", tool.args()[0], output.status)];
        lines.extend(stderr.lines().rev().take(10).map(str::to_owned).collect::<Vec<_>>().into_iter().rev());
        Some(lines)
    } else {
        None
    };
    Ok(Checked { took, failed, general })
}

/// Sorts the error and warning lines of cargo's stderr into those of each member crate (by the
/// path in front, `corpus-x/src/…`, or the crate's name in cargo's summary lines) and the errors
/// that are no member's.
fn attribute(stderr: &str, members: &BTreeSet<String>) -> (BTreeMap<String, CrateErrors>, Vec<String>) {
    let mut failed: BTreeMap<String, CrateErrors> = BTreeMap::new();
    let mut warning_lines: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unattributed = Vec::new();
    for line in stderr.lines() {
        if let Some((path, level)) = diagnostic(line) {
            let krate = path.split('/').next().unwrap_or_default();
            let error = level.starts_with("error");
            if members.contains(krate) && (error || level.starts_with("warning")) {
                let errors = failed.entry(krate.to_owned()).or_default();
                if error {
                    errors.lines.push(line.to_owned());
                    errors.count += 1;
                } else {
                    warning_lines.entry(krate.to_owned()).or_default().push(line.to_owned());
                    errors.warnings += 1;
                }
            } else if error {
                unattributed.push(line.to_owned());
            }
        } else if let Some((krate, count)) = could_not_compile(line) {
            if members.contains(krate) {
                let errors = failed.entry(krate.to_owned()).or_default();
                errors.count = errors.count.max(count);
            } else {
                unattributed.push(line.to_owned());
            }
        } else if line.starts_with("error") {
            unattributed.push(line.to_owned());
        }
    }
    for (krate, lines) in warning_lines {
        failed.entry(krate).or_default().lines.extend(lines);
    }
    (failed, unattributed)
}

/// `path:line:column: level…` (a short-format diagnostic) as `(path, level…)`.
fn diagnostic(line: &str) -> Option<(&str, &str)> {
    let mut parts = line.splitn(4, ':');
    let (path, row, column, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (numeric(row) && numeric(column)).then(|| (path, rest.trim_start()))
}

/// ``error: could not compile `name` (lib) due to N previous errors…`` as `(name, N)`.
fn could_not_compile(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_prefix("error: could not compile `")?;
    let (name, rest) = rest.split_once('`')?;
    let count = rest
        .split_once("due to ")
        .and_then(|(_, n)| n.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Some((name, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_attributed_to_crates() {
        let stderr = "\
corpus-a/src/models.rs:10:5: error[E0412]: cannot find type `Foo` in this scope
corpus-a/src/client.rs:3:1: warning: unused import: `std::fmt`
corpus-a/src/client.rs:7:9: error[E0308]: mismatched types
error: could not compile `corpus-a` (lib) due to 2 previous errors; 1 warning emitted
corpus-b/src/lib.rs:1:1: warning: unused import
error: could not compile `corpus-c` (lib) due to 1 previous error
corpus-d/src/lib.rs:2:1: warning: this could be simplified
";
        let members = BTreeSet::from(["corpus-a", "corpus-b", "corpus-c", "corpus-d"].map(str::to_owned));
        let (failed, unattributed) = attribute(stderr, &members);
        assert!(unattributed.is_empty(), "{unattributed:?}");
        assert_eq!(failed.keys().collect::<Vec<_>>(), ["corpus-a", "corpus-b", "corpus-c", "corpus-d"]);
        assert_eq!((failed["corpus-a"].count, failed["corpus-a"].warnings), (2, 1));
        assert_eq!(failed["corpus-a"].lines.len(), 3);
        assert!(failed["corpus-a"].lines[2].contains("warning: unused import"));
        assert_eq!(failed["corpus-a"].describe(), "2 errors, 1 warning");
        assert_eq!(failed["corpus-c"], CrateErrors { count: 1, warnings: 0, lines: vec![] });
        assert_eq!(failed["corpus-d"].describe(), "1 warning");
    }

    #[test]
    fn other_errors_are_general() {
        let stderr = "error: failed to select a version for `reqwest`\nerror: could not compile `ring` (lib)\n";
        let members = BTreeSet::from(["corpus-a".to_owned()]);
        let (failed, unattributed) = attribute(stderr, &members);
        assert!(failed.is_empty());
        assert_eq!(unattributed.len(), 2);
    }
}
