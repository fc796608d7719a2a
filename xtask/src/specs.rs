//! Finding spec files and naming the crates generated from them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Failure, Result};

/// The extensions of spec files.
pub(crate) const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// The spec files in `dir` (and, if `recursive`, its subdirectories), sorted by path.
pub(crate) fn find(dir: &Path, recursive: bool) -> Result<Vec<PathBuf>> {
    let mut specs = Vec::new();
    collect(dir, recursive, &mut specs)?;
    specs.sort();
    Ok(specs)
}

fn collect(dir: &Path, recursive: bool, specs: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            if recursive {
                collect(&path, recursive, specs)?;
            }
        } else if is_spec(&path) {
            specs.push(path);
        }
    }
    Ok(())
}

fn is_spec(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    path.is_file() && EXTENSIONS.contains(&ext)
}

/// The file stem of `path`, or `""`.
pub(crate) fn stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or_default()
}

/// What cargo accepts as a package name.
pub(crate) fn is_package_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `prefix` and `stem` as a package name: lowercase ASCII letters and digits, runs of anything
/// else as one `-`.
pub(crate) fn package_name(prefix: &str, stem: &str) -> String {
    let mut name = prefix.to_owned();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    name.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names() {
        assert!(is_package_name("askui-workspaces"));
        assert!(is_package_name("petstore_v3"));
        assert!(!is_package_name(""));
        assert!(!is_package_name("3d"));
        assert!(!is_package_name("my spec"));
    }

    #[test]
    fn names_from_stems() {
        assert_eq!(package_name("corpus-", "oai-v3.0-petstore"), "corpus-oai-v3-0-petstore");
        assert_eq!(package_name("corpus-", "pr418-example_multipart"), "corpus-pr418-example-multipart");
        assert_eq!(package_name("corpus-", "Odd  Name!"), "corpus-odd-name");
        assert!(is_package_name(&package_name("corpus-", "3.1 spec")));
    }
}
