//! `cargo xtask codegen [--check]`: `generated/<name>/` from every `specs/<name>.{yaml,yml,json}`,
//! and from every spec listed in `specs/external.txt` (specs kept outside the repository).
//!
//! The generated crates are checked in; `--check` (and the test below, so plain `cargo test`
//! catches it too) fails when they differ from what the generator writes now.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use smelt::WriteMode;

use crate::specs::{self, is_package_name, EXTENSIONS};
use crate::{Failure, Result};

const SPECS: &str = "specs";
const GENERATED: &str = "generated";
/// Lines `<crate-name> <spec path relative to the workspace root>`; `#` starts a comment.
const EXTERNAL: &str = "specs/external.txt";

/// A crate to generate: `generated/<name>/` from `spec`. `origin` names where the entry comes from.
#[derive(Debug, PartialEq)]
struct Entry {
    name: String,
    spec: PathBuf,
    origin: String,
}

/// Runs codegen over every spec; paths are relative to the workspace root, the current directory.
pub(crate) fn run(mode: WriteMode) -> Result<()> {
    let mut stale = Vec::new();
    write_synthetic_fixtures(mode, &mut stale)?;
    let entries = find_entries()?;
    if entries.is_empty() {
        return Err(Failure(format!(
            "no specs found in {SPECS}/ (looked for *.{}) or {EXTERNAL}",
            EXTENSIONS.join(", *.")
        )));
    }

    let mut failed = Vec::new();
    let mut names = BTreeSet::new();
    for Entry { name, spec, origin } in &entries {
        if !is_package_name(name) {
            failed.push(format!(
                "{origin}: `{name}` is not a valid package name (use ASCII letters, digits, `-` and `_`)"
            ));
            continue;
        }
        if !names.insert(name.clone()) {
            failed.push(format!("{origin}: another spec is already named `{name}`"));
            continue;
        }
        let out = Path::new(GENERATED).join(name);
        if let Err(message) = codegen_one(spec, name, &out, mode, &mut stale) {
            failed.push(message);
        }
    }
    let orphans = find_orphans(&names)?;
    for dir in &orphans {
        let message = format!(
            "{}/ has no spec {SPECS}/{}.{{yaml,yml,json}} nor a line in {EXTERNAL}",
            dir.display(),
            file_name(dir)
        );
        match mode {
            WriteMode::Write => eprintln!("warning: {message}; left in place, delete it by hand"),
            WriteMode::Check => stale.push(format!("{message}; delete it or add the spec")),
        }
    }

    let mut message = String::new();
    if !failed.is_empty() {
        message.push_str("codegen failed:");
        for line in &failed {
            message.push_str("\n  ");
            message.push_str(line);
        }
    }
    if !stale.is_empty() {
        if !message.is_empty() {
            message.push_str("\nand ");
        }
        message.push_str("generated code is not up to date, run `cargo xtask codegen`:");
        for line in &stale {
            message.push_str("\n  ");
            message.push_str(line);
        }
    }
    if message.is_empty() {
        Ok(())
    } else {
        Err(Failure(message))
    }
}

/// Specs written by smelt's own code, before the specs are read, so that their crates come from
/// this build: the spec named after every name generated code uses, and the smallest of the
/// synthetic family whose types nest past rustc's default `recursion_limit` (rustdoc overflowed
/// on its crate before the generator set the limit).
const SYNTHETIC: &[Synthetic] = &[
    Synthetic {
        path: "specs/fixture-clashes.json",
        source: "smelt::synthetic::clashes::spec()",
        spec: smelt::synthetic::clashes::spec,
    },
    Synthetic {
        path: "specs/fixture-deep.json",
        source: "smelt::synthetic::spec(3)",
        spec: || smelt::synthetic::spec(3),
    },
];

struct Synthetic {
    path: &'static str,
    /// The expression that writes it, for the stale message.
    source: &'static str,
    spec: fn() -> String,
}

fn write_synthetic_fixtures(mode: WriteMode, stale: &mut Vec<String>) -> Result<()> {
    for &Synthetic { path, source, spec } in SYNTHETIC {
        let text = spec();
        if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
            continue;
        }
        match mode {
            WriteMode::Write => std::fs::write(path, text).map_err(|e| Failure(format!("{path}: {e}")))?,
            WriteMode::Check => stale.push(format!("{path}: differs from {source}")),
        }
    }
    Ok(())
}

/// `specs/*.{yaml,yml,json}`, sorted, then the entries of `specs/external.txt`, if there is one.
fn find_entries() -> Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = specs::find(Path::new(SPECS), false)?
        .into_iter()
        .map(|spec| Entry { name: specs::stem(&spec).to_owned(), origin: spec.display().to_string(), spec })
        .collect();
    match fs::read_to_string(EXTERNAL) {
        Ok(text) => entries.extend(parse_external(&text).map_err(Failure)?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Failure(format!("{EXTERNAL}: {e}"))),
    }
    Ok(entries)
}

/// The entries of `specs/external.txt`.
fn parse_external(text: &str) -> std::result::Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let origin = format!("{EXTERNAL}:{}", i + 1);
        let line = line.split_once('#').map_or(line, |(before, _)| before);
        match line.split_whitespace().collect::<Vec<_>>().as_slice() {
            [] => {}
            [name, spec] => entries.push(Entry { name: (*name).to_owned(), spec: PathBuf::from(spec), origin }),
            _ => return Err(format!("{origin}: expected `<crate-name> <spec path>`, found `{}`", line.trim())),
        }
    }
    Ok(entries)
}

/// Generates one crate; prints its diagnostics and a summary line. In check mode, every file that
/// differs goes to `stale`. `Err` is a message naming the spec.
fn codegen_one(
    spec: &Path,
    name: &str,
    out: &Path,
    mode: WriteMode,
    stale: &mut Vec<String>,
) -> std::result::Result<(), String> {
    let generated = smelt::generate_crate(spec, name).map_err(|e| e.to_string())?;
    let spec_name = spec.display();
    let tally = smelt::diagnostic::print(spec, &generated.diagnostics, false);
    let errors = tally.errors;

    let report = smelt::write_crate(&generated, out, mode).map_err(|e| format!("{}: {e}", out.display()))?;
    let produced: BTreeSet<PathBuf> = generated.files.iter().map(|f| out.join(&f.path)).collect();
    let (updated, removed): (Vec<&PathBuf>, Vec<&PathBuf>) =
        report.changed.iter().partition(|path| produced.contains(*path));
    let unchanged = generated.files.len() - updated.len();

    let mut summary = format!("{spec_name} -> {}: ", out.display());
    match mode {
        WriteMode::Write => {
            for path in &updated {
                eprintln!("  wrote {}", path.display());
            }
            for path in &removed {
                eprintln!("  removed {}", path.display());
            }
            summary += &format!("{} written, {unchanged} unchanged", updated.len());
            if !removed.is_empty() {
                summary += &format!(", {} removed", removed.len());
            }
        }
        WriteMode::Check => {
            for path in &updated {
                let what = if path.exists() { "differs from what codegen writes" } else { "is missing" };
                stale.push(format!("{} {what}", path.display()));
            }
            for path in &removed {
                stale.push(format!("{} is no longer generated", path.display()));
            }
            if report.changed.is_empty() {
                summary += &format!("up to date ({} files)", generated.files.len());
            } else {
                summary += &format!("{} stale, {unchanged} up to date", report.changed.len());
            }
        }
    }
    summary += &format!(", {tally}");
    eprintln!("{summary}");

    if errors > 0 {
        return Err(format!("{spec_name}: {tally} (see above)"));
    }
    Ok(())
}

/// Directories in `generated/` that no spec produces.
fn find_orphans(names: &BTreeSet<String>) -> Result<Vec<PathBuf>> {
    let mut orphans = Vec::new();
    let entries = match fs::read_dir(GENERATED) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(orphans),
        Err(e) => return Err(Failure(format!("{GENERATED}: {e}"))),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() && !names.contains(file_name(&path)) {
            orphans.push(path);
        }
    }
    orphans.sort();
    Ok(orphans)
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when the checked-in generated code is stale.
    #[test]
    fn generated_code_is_fresh() {
        crate::in_project_root().unwrap();
        if let Err(Failure(message)) = run(WriteMode::Check) {
            panic!("{message}");
        }
    }

    #[test]
    fn external_manifest() {
        let text = "# crates from specs outside the repository\n\naskui-api ../shared/a.json  # the whole API\n";
        let entries = parse_external(text).unwrap();
        assert_eq!(
            entries,
            [Entry {
                name: "askui-api".to_owned(),
                spec: PathBuf::from("../shared/a.json"),
                origin: format!("{EXTERNAL}:3")
            }]
        );
        let error = parse_external("a b\nonly-a-name\n").unwrap_err();
        assert_eq!(error, format!("{EXTERNAL}:2: expected `<crate-name> <spec path>`, found `only-a-name`"));
    }
}
