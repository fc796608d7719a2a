//! The pipeline's rooms keep their order: a stage may use earlier stages and the shared modules,
//! never a later stage; shared modules use only each other. Read off the `crate::` paths of every
//! source file (comments aside), so a new import that breaks the order fails here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Modules every stage may use; they use only each other.
const SHARED: &[&str] = &["diagnostic", "error", "json", "options", "runtime"];

/// The stages in pipeline order, then the orchestrator, then the front ends (which may use all).
const ORDER: &[&[&str]] = &[
    &["load"],
    &["repair"],
    &["document"],
    &["ir"],
    &["lower"],
    &["emit"],
    &["render"],
    &["output"],
    &["pipeline"],
    &["config", "report", "synthetic"],
];

/// Items the crate root re-exports, by the module that defines them.
const REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Options", "options"),
    ("FormatType", "options"),
    ("Limits", "options"),
    ("Exceeded", "options"),
    ("Diagnostic", "diagnostic"),
    ("Diagnostics", "diagnostic"),
    ("Severity", "diagnostic"),
    ("Tally", "diagnostic"),
    ("GeneratedFile", "output"),
    ("GeneratedCrate", "output"),
    ("GeneratedModule", "output"),
    ("WriteMode", "output"),
    ("WriteReport", "output"),
    ("write_crate", "output"),
    ("generate_crate", "pipeline"),
    ("generate_crate_with", "pipeline"),
    ("generate_module", "pipeline"),
    ("Stage", "pipeline"),
    ("Config", "config"),
    ("compile", "config"),
    ("BuildError", "config"),
];

fn rank(module: &str) -> Option<usize> {
    if SHARED.contains(&module) {
        return Some(0);
    }
    ORDER.iter().position(|rooms| rooms.contains(&module)).map(|i| i + 1)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first segment of every `crate::` path in `code` (each item of a `crate::{…}` group).
fn used_modules(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| s.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => return true,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    false
                })
                .map_or(group.len(), |(i, _)| i);
            let mut depth = 0;
            let mut item_start = 0;
            for (i, c) in group[..end].char_indices().chain([(end, ',')]) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(&group[item_start..i]));
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.remove("");
    out
}

#[test]
fn no_stage_uses_a_later_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    paths.sort();
    let mut broken = Vec::new();
    for path in &paths {
        let relative = path.strip_prefix(&src).expect("under src");
        let module = relative.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or_default();
        let module = module.trim_end_matches(".rs");
        if module == "lib" {
            continue;
        }
        let own = rank(module).unwrap_or_else(|| panic!("{}: module `{module}` has no place in ORDER", path.display()));
        let text = std::fs::read_to_string(path).expect("readable");
        let code: String =
            text.lines().filter(|l| !l.trim_start().starts_with("//")).map(|l| format!("{l}\n")).collect();
        for used in used_modules(&code) {
            let used = REEXPORTS.iter().find(|(item, _)| *item == used).map_or(used.as_str(), |(_, m)| m);
            if used == module {
                continue;
            }
            let theirs =
                rank(used).unwrap_or_else(|| panic!("{}: `crate::{used}` has no place in ORDER", path.display()));
            if theirs > own || (own == 0 && theirs != 0) {
                broken.push(format!("{}: `{module}` uses `{used}`", relative.display()));
            }
        }
    }
    assert!(broken.is_empty(), "stages out of order:\n{}", broken.join("\n"));
}

#[test]
fn groups_and_paths_are_read() {
    let used = used_modules("use crate::{ir::Api, Error};\nlet x = crate::json::kind_of(v);\n");
    assert_eq!(used.into_iter().collect::<Vec<_>>(), ["Error", "ir", "json"]);
}
