//! The scratch workspace under `target/` that holds one generated crate per corpus spec.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::specs;
use crate::Result;

/// The workspace at `root`: a `Cargo.toml` with its own `[workspace]` (so cargo never takes it for
/// part of the project's workspace) and one directory per crate, named like the crate.
pub(crate) struct Scratch {
    root: PathBuf,
}

impl Scratch {
    pub(crate) fn create(root: &Path) -> Result<Scratch> {
        fs::create_dir_all(root)?;
        Ok(Scratch { root: root.to_owned() })
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn crate_dir(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Makes the workspace hold exactly `members`: writes its manifest, removes the crates of
    /// earlier runs that are not members, and starts `Cargo.lock` from the project's.
    pub(crate) fn finish(&self, members: &BTreeSet<String>, project_lock: &Path) -> Result<()> {
        self.set_members(members, project_lock)?;
        self.prune(members)
    }

    /// Writes the manifest listing `members` (other crate directories stay, but are not built) and
    /// starts `Cargo.lock` from the project's, so that the generated crates are checked against
    /// the dependency versions the project uses.
    pub(crate) fn set_members(&self, members: &BTreeSet<String>, project_lock: &Path) -> Result<()> {
        write_if_changed(&self.root.join("Cargo.toml"), &manifest(members))?;
        let lock = self.root.join("Cargo.lock");
        if !lock.exists() && project_lock.exists() {
            fs::copy(project_lock, &lock)?;
        }
        Ok(())
    }

    /// Removes the crate directories of earlier runs that are not in `keep`.
    pub(crate) fn prune(&self, keep: &BTreeSet<String>) -> Result<()> {
        for entry in fs::read_dir(&self.root)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if path.is_dir() && !keep.contains(name) {
                fs::remove_dir_all(&path)?;
            }
        }
        Ok(())
    }
}

fn manifest(members: &BTreeSet<String>) -> String {
    let mut text = String::from(
        "# Written by `cargo xtask corpus`: one crate per spec of the corpus.\n[workspace]\nresolver = \"2\"\nmembers = [\n",
    );
    for name in members {
        text += &format!("    \"{name}\",\n");
    }
    // Incremental caches of the largest crates take gigabytes, and a changed generator changes them anyway.
    text += "]\n\n[profile.dev]\ndebug = false\nincremental = false\n";
    text
}

/// Writes `contents` to `path` unless it already holds them.
pub(crate) fn write_if_changed(path: &Path, contents: &str) -> io::Result<bool> {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, contents)?;
    Ok(true)
}

/// One package name per spec, `corpus-<file stem>`, made unique with a numeric suffix.
pub(crate) fn crate_names(specs: &[PathBuf]) -> Vec<String> {
    unique_names(specs.iter().map(|spec| specs::package_name("corpus-", specs::stem(spec))))
}

/// `bases`, each made unique with a numeric suffix (`-2`, `-3`, …) if an earlier one took it.
pub(crate) fn unique_names(bases: impl Iterator<Item = String>) -> Vec<String> {
    let mut taken = BTreeSet::new();
    bases
        .map(|base| {
            let name = (1..)
                .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                .find(|name| !taken.contains(name));
            let name = name.expect("some suffix is free");
            taken.insert(name.clone());
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let specs = ["a/pet.store.yaml", "b/pet-store.json", "c/pet_store.yml", "d/x.json"].map(PathBuf::from);
        assert_eq!(crate_names(&specs), ["corpus-pet-store", "corpus-pet-store-2", "corpus-pet-store-3", "corpus-x"]);
    }

    #[test]
    fn manifest_lists_members() {
        let members = BTreeSet::from(["corpus-b".to_owned(), "corpus-a".to_owned()]);
        let text = manifest(&members);
        assert!(
            text.contains("[workspace]\nresolver = \"2\"\nmembers = [\n    \"corpus-a\",\n    \"corpus-b\",\n]\n"),
            "{text}"
        );
    }
}
