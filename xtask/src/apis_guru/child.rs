//! The child process that generates one spec (`xtask apis-guru-child SPEC OUT NAME`): whatever the
//! generator does to it (a panic, an abort, running out of memory, never finishing), the parent
//! survives and records it. It reports on stdout in one [`Report`] line.

use std::path::Path;
use std::time::Instant;

use smelt::{Tally, WriteMode};

use crate::{Failure, Result};

/// The hidden subcommand the parent runs the child as.
pub(crate) const SUBCOMMAND: &str = "apis-guru-child";
/// The address space the child may use: allocation beyond it fails (and the child aborts) rather
/// than the machine swapping. Threads' reserved stacks count too (smelt reserves 3 × 256 MB).
pub(crate) const ADDRESS_SPACE: u64 = 4 << 30;
/// What the report line starts with, so that nothing else on stdout is taken for it.
const MARK: &str = "apis-guru-report";

/// What the child found: one line `MARK\tkey=value\t…\tmessage=…` (the message last, as it may
/// hold anything but a newline).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Report {
    pub(crate) version: String,
    /// `generated`, `refused` or `panic`.
    pub(crate) result: String,
    pub(crate) operations: usize,
    pub(crate) types: usize,
    pub(crate) warnings: usize,
    pub(crate) errors: usize,
    /// Generating and writing the crate, what `smelt generate` does; not the counting afterwards.
    pub(crate) seconds: f64,
    /// `VmHWM`: the most resident memory the child had at any time.
    pub(crate) peak_kb: u64,
    /// Why it was refused; empty if generated.
    pub(crate) message: String,
}

/// The child's `main`.
pub(crate) fn run(spec: &Path, out: &Path, name: &str) -> Result<()> {
    limit_address_space(ADDRESS_SPACE)?;
    let mut report = Report::default();
    let start = Instant::now();
    match smelt::generate_crate(spec, name) {
        Ok(generated) => {
            smelt::write_crate(&generated, out, WriteMode::Write)
                .map_err(|e| Failure(format!("{}: {e}", out.display())))?;
            report.seconds = start.elapsed().as_secs_f64();
            let tally = Tally::of(&generated.diagnostics);
            (report.warnings, report.errors) = (tally.warnings, tally.errors);
            (report.operations, report.types) = (generated.api.operations.len(), generated.api.types.len());
            report.result = "generated".to_owned();
        }
        Err(e) => {
            report.seconds = start.elapsed().as_secs_f64();
            let message = e.to_string();
            let path = spec.display().to_string();
            let message = message.strip_prefix(&path).map_or(&*message, |m| m.trim_start_matches(':').trim_start());
            // smelt turns its own panics into this error (the panic message went to stderr).
            report.result = if message.contains("smelt panicked") { "panic" } else { "refused" }.to_owned();
            report.message = message.to_owned();
        }
    }
    report.version = crate::corpus::openapi_version(spec);
    report.peak_kb = peak_kb();
    println!("{}", report.line());
    Ok(())
}

impl Report {
    fn line(&self) -> String {
        let message = self.message.replace(['\n', '\t', '\r'], " ");
        format!(
            "{MARK}\tversion={}\tresult={}\toperations={}\ttypes={}\twarnings={}\terrors={}\tseconds={:.3}\tpeak_kb={}\tmessage={message}",
            self.version.replace(['\n', '\t'], " "),
            self.result,
            self.operations,
            self.types,
            self.warnings,
            self.errors,
            self.seconds,
            self.peak_kb,
        )
    }

    /// The report in the child's stdout, if it got as far as writing one.
    pub(crate) fn parse(stdout: &str) -> Option<Report> {
        let line = stdout.lines().find_map(|l| l.strip_prefix(MARK)?.strip_prefix('\t'))?;
        let mut report = Report::default();
        for field in line.split('\t') {
            let (key, value) = field.split_once('=')?;
            let number = || value.parse::<usize>().ok();
            match key {
                "version" => report.version = value.to_owned(),
                "result" => report.result = value.to_owned(),
                "operations" => report.operations = number()?,
                "types" => report.types = number()?,
                "warnings" => report.warnings = number()?,
                "errors" => report.errors = number()?,
                "seconds" => report.seconds = value.parse().ok()?,
                "peak_kb" => report.peak_kb = value.parse().ok()?,
                "message" => report.message = value.to_owned(),
                _ => {}
            }
        }
        Some(report)
    }
}

fn limit_address_space(bytes: u64) -> Result<()> {
    let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
    // SAFETY: setrlimit reads the struct we pass and nothing else.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(Failure(format!("setrlimit(RLIMIT_AS): {}", std::io::Error::last_os_error())));
    }
    Ok(())
}

/// `VmHWM` of /proc/self/status, in kB; 0 where there is no /proc.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_round_trip() {
        let report = Report {
            version: "3.0.1".into(),
            result: "refused".into(),
            operations: 3,
            types: 4,
            warnings: 5,
            errors: 0,
            seconds: 1.25,
            peak_kb: 2048,
            message: "a = b\tc".into(),
        };
        let stdout = format!("noise\n{}\n", report.line());
        let parsed = Report::parse(&stdout).expect("a report");
        assert_eq!(parsed, Report { message: "a = b c".into(), ..report });
        assert_eq!(Report::parse("nothing"), None);
    }

    #[test]
    fn peak_is_read() {
        assert!(peak_kb() > 0);
    }
}
