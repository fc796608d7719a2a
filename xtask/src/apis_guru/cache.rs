//! `docs/apis-guru-compile.md`: the clippy results of `--compile all`, keyed by spec and the hash
//! of its generated crate, so that they accumulate across sessions (all 1,320 take hours) and a
//! crate is compiled again only when the generator changes it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::report::Compiled;
use crate::corpus::workspace::write_if_changed;
use crate::Result;

const FILE: &str = "docs/apis-guru-compile.md";
const HEADER: &str = "| spec | crate hash | clippy | first diagnostic |\n|---|---|---|---|\n";

pub(crate) struct Cache {
    /// spec → (hash, result).
    entries: BTreeMap<String, (String, Compiled)>,
}

impl Cache {
    pub(crate) fn load() -> Result<Cache> {
        let text = fs::read_to_string(FILE).unwrap_or_default();
        let entries = text.lines().filter_map(parse_line).collect();
        Ok(Cache { entries })
    }

    /// The result for `spec` if its crate had this `hash`.
    pub(crate) fn get(&self, spec: &str, hash: &str) -> Option<Compiled> {
        self.entries.get(spec).filter(|(h, _)| h == hash).map(|(_, c)| c.clone())
    }

    pub(crate) fn insert(&mut self, spec: &str, hash: &str, compiled: Compiled) {
        self.entries.insert(spec.to_owned(), (hash.to_owned(), compiled));
    }

    pub(crate) fn save(&self) -> Result<()> {
        let clean = self.entries.values().filter(|(_, c)| c.passed).count();
        let mut out = format!(
            "# APIs.guru: compiled crates\n\n\
             Written by `cargo xtask corpus --apis-guru --compile all`, which compiles (with `cargo clippy`)\n\
             only the crates not listed here with the same hash, and adds them: results accumulate\n\
             across runs. A crate passes with no warning and no error. **{clean} of {} clean.**\n\n{HEADER}",
            self.entries.len()
        );
        for (spec, (hash, compiled)) in &self.entries {
            let first = compiled.details.first().map_or("", String::as_str).replace('|', "\\|");
            let _ = writeln!(out, "| `{spec}` | {hash} | {} | {first} |", compiled.result);
        }
        write_if_changed(Path::new(FILE), &out)?;
        Ok(())
    }
}

fn parse_line(line: &str) -> Option<(String, (String, Compiled))> {
    let cells: Vec<&str> = line.strip_prefix("| `")?.strip_suffix(" |")?.splitn(4, " | ").collect();
    let [spec, hash, result, first] = cells[..] else { return None };
    let spec = spec.strip_suffix('`')?;
    let details = if first.is_empty() { Vec::new() } else { vec![first.replace("\\|", "|")] };
    let compiled = Compiled { passed: result == "ok", result: result.to_owned(), details };
    Some((spec.to_owned(), (hash.to_owned(), compiled)))
}

/// FNV-1a (64 bits) of every file under `dir` (paths and contents, in path order): stable across
/// Rust versions and machines, unlike `DefaultHasher`.
pub(crate) fn crate_hash(dir: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (relative, path) in files {
        for byte in relative.bytes().chain([0]).chain(fs::read(&path)?).chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    Ok(format!("{hash:016x}"))
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, std::path::PathBuf)>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, files)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
            files.push((relative, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip() {
        let compiled = Compiled {
            passed: false,
            result: "2 warnings".into(),
            details: vec!["a/src/lib.rs:1:1: warning: x | y".into()],
        };
        let line = format!("| `a/b.json` | 00ff | {} | {} |", compiled.result, compiled.details[0].replace('|', "\\|"));
        let (spec, (hash, parsed)) = parse_line(&line).expect("a row");
        assert_eq!((spec.as_str(), hash.as_str()), ("a/b.json", "00ff"));
        assert_eq!(parsed, compiled);
        assert!(parse_line("| spec | crate hash | clippy | first diagnostic |").is_none());
    }
}
