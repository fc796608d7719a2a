//! `smelt check`: lint a spec without writing anything. The rendering is the library's
//! ([`smelt::report`]); this only picks what to show and the exit code.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use smelt::report::{self, Style};
use smelt::{Severity, Tally};

#[derive(Debug, Args)]
pub struct Check {
    /// The OpenAPI document, YAML or JSON.
    pub spec: PathBuf,
    /// Exit with status 1 when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Show notes too (deliberate lowerings of valid input; nothing was wrong).
    #[arg(long)]
    pub notes: bool,
    /// Show each place of a message found at several (by default: the first, and a count).
    #[arg(long)]
    pub verbose: bool,
}

/// Exit status: 0 clean (or only warnings), 1 warnings with `--deny-warnings`, 2 errors.
pub fn run(args: &Check) -> ExitCode {
    let stdout = std::io::stdout();
    let style = Style::for_stream(&stdout);
    let (text, tally) = check(&args.spec, args.notes, args.verbose, style);
    let mut out = stdout.lock();
    // A closed pipe (`smelt check … | head`) is no reason to fail differently.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    if tally.errors > 0 {
        ExitCode::from(2)
    } else if tally.warnings > 0 && args.deny_warnings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Everything `check` prints, and the tally it ends with.
fn check(spec: &Path, notes: bool, verbose: bool, style: Style) -> (String, Tally) {
    let mut out = String::new();
    let tally = match smelt::pipeline::prepare(spec) {
        Ok(prepared) => {
            // The diagnostics are located already; the text is read again only to show lines.
            let text = std::fs::read(spec).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            let source = smelt::load::source_map(spec, text);
            let shown = |d: &&smelt::Diagnostic| notes || d.severity != Severity::Note;
            if verbose {
                for d in prepared.diagnostics.iter().filter(shown) {
                    out += &report::render_with(d, &source, spec, style);
                    out.push('\n');
                }
            } else {
                for g in smelt::diagnostic::grouped(&prepared.diagnostics).iter().filter(|g| shown(&g.first)) {
                    out += &report::render_with(g.first, &source, spec, style);
                    out.push('\n');
                    if let Some(summary) = g.summary() {
                        out += &format!("{summary} (--verbose shows each)\n");
                    }
                }
            }
            Tally::of(&prepared.diagnostics)
        }
        Err(error) => {
            let source = report::error_source(&error);
            out += &report::render_error(&error, source.as_ref(), style);
            out.push('\n');
            Tally { errors: 1, ..Tally::default() }
        }
    };
    let hidden = if notes || tally.notes == 0 { "" } else { " (--notes shows the notes)" };
    let verdict = if tally.errors > 0 { "; nothing can be generated from it" } else { "" };
    out += &format!("{}: {tally}{hidden}{verdict}\n", spec.display());
    (out, tally)
}
