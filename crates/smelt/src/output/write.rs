//! Writing a generated crate to disk, or checking that the disk is up to date.
//!
//! rust-analyzer's `ensure_file_contents` pattern, for a whole crate: a file whose text on disk
//! already equals the new text (newlines normalised) is not touched, so its mtime is kept and cargo
//! rebuilds nothing; a file under `src/` that the generator no longer produces is stale. Nothing else
//! in the crate directory is looked at: users may keep `tests/`, a README, … beside the generated files.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::GeneratedCrate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Write files whose content differs; leave equal files untouched (mtime kept).
    Write,
    /// Change nothing; report what differs.
    Check,
}

#[derive(Debug, Default, Clone)]
pub struct WriteReport {
    /// Files (the given dir joined with the path inside the crate) that were, or in check mode would
    /// be, written or removed. Sorted.
    pub changed: Vec<PathBuf>,
}

/// Makes `dir` hold exactly the files of `generated` (see the module docs), or in
/// [`WriteMode::Check`] only reports where it does not.
pub fn write_crate(generated: &GeneratedCrate, dir: &Path, mode: WriteMode) -> io::Result<WriteReport> {
    let mut changed = Vec::new();
    let mut produced = BTreeSet::new();

    for file in &generated.files {
        check_relative(&file.path)?;
        produced.insert(file.path.clone());
        let target = dir.join(&file.path);
        let contents = normalize_newlines(&file.contents);
        if is_up_to_date(&target, &contents)? {
            continue;
        }
        if mode == WriteMode::Write {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&target, contents.as_bytes())?;
        }
        changed.push(target);
    }

    let src = dir.join("src");
    let mut existing = Vec::new();
    list_files(&src, Path::new("src"), &mut existing)?;
    let stale: Vec<PathBuf> = existing.into_iter().filter(|rel| !produced.contains(rel)).collect();
    for rel in stale {
        let target = dir.join(&rel);
        if mode == WriteMode::Write {
            fs::remove_file(&target)?;
            remove_empty_parents(&target, &src)?;
        }
        changed.push(target);
    }

    changed.sort();
    Ok(WriteReport { changed })
}

fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n")
}

/// Whether `target` exists and its text, newlines normalised, is `contents`.
fn is_up_to_date(target: &Path, contents: &str) -> io::Result<bool> {
    match fs::read(target) {
        Ok(bytes) => Ok(match String::from_utf8(bytes) {
            Ok(text) => normalize_newlines(&text) == contents,
            Err(_) => false,
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io::Error::new(e.kind(), format!("{}: {e}", target.display()))),
    }
}

/// A generated path must stay inside the crate directory.
fn check_relative(path: &Path) -> io::Result<()> {
    let inside = path.components().all(|c| matches!(c, Component::Normal(_))) && path.components().next().is_some();
    if inside {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("generated file path {} is not a plain relative path", path.display()),
        ))
    }
}

/// Every file (or symlink, not followed) under `dir`, as `rel`-prefixed paths. A missing `dir` has none.
fn list_files(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mut entries = entries.collect::<io::Result<Vec<_>>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let rel = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), &rel, out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

/// Removes the directories between `removed` and `stop` (exclusive) that are now empty.
fn remove_empty_parents(removed: &Path, stop: &Path) -> io::Result<()> {
    let mut dir = removed.parent();
    while let Some(d) = dir {
        if d == stop || !d.starts_with(stop) || fs::read_dir(d)?.next().is_some() {
            break;
        }
        fs::remove_dir(d)?;
        dir = d.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::GeneratedFile;

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("smelt-write-test-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn krate(files: &[(&str, &str)]) -> GeneratedCrate {
        GeneratedCrate {
            files: files
                .iter()
                .map(|(path, contents)| GeneratedFile { path: PathBuf::from(path), contents: contents.to_string() })
                .collect(),
            diagnostics: Vec::new(),
            api: crate::ir::Api::default(),
        }
    }

    fn seed() -> GeneratedCrate {
        krate(&[
            ("Cargo.toml", "[package]\nname = \"x\"\n"),
            ("src/lib.rs", "pub mod models;\n"),
            ("src/models.rs", "pub struct A;\n"),
        ])
    }

    fn rel(dir: &TempDir, paths: &[&str]) -> Vec<PathBuf> {
        paths.iter().map(|p| dir.0.join(p)).collect()
    }

    fn old_time() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
    }

    fn set_old_mtime(path: &Path) {
        File::options().write(true).open(path).unwrap().set_modified(old_time()).unwrap();
    }

    fn mtime(path: &Path) -> SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn writes_a_new_crate_creating_directories() {
        let dir = TempDir::new();
        let out = dir.0.join("nested/crate");
        let report = write_crate(&seed(), &out, WriteMode::Write).unwrap();
        assert_eq!(report.changed, vec![out.join("Cargo.toml"), out.join("src/lib.rs"), out.join("src/models.rs")]);
        assert_eq!(fs::read_to_string(out.join("src/models.rs")).unwrap(), "pub struct A;\n");
    }

    #[test]
    fn check_on_a_missing_crate_reports_everything_and_creates_nothing() {
        let dir = TempDir::new();
        let out = dir.0.join("crate");
        let report = write_crate(&seed(), &out, WriteMode::Check).unwrap();
        assert_eq!(report.changed.len(), 3);
        assert!(!out.exists());
    }

    #[test]
    fn equal_files_are_not_touched() {
        let dir = TempDir::new();
        write_crate(&seed(), &dir.0, WriteMode::Write).unwrap();
        for f in ["Cargo.toml", "src/lib.rs", "src/models.rs"] {
            set_old_mtime(&dir.0.join(f));
        }

        let mut next = seed();
        next.files[2].contents = "pub struct B;\n".into();
        let report = write_crate(&next, &dir.0, WriteMode::Write).unwrap();

        assert_eq!(report.changed, rel(&dir, &["src/models.rs"]));
        assert_eq!(mtime(&dir.0.join("Cargo.toml")), old_time());
        assert_eq!(mtime(&dir.0.join("src/lib.rs")), old_time());
        assert_ne!(mtime(&dir.0.join("src/models.rs")), old_time());
        assert_eq!(fs::read_to_string(dir.0.join("src/models.rs")).unwrap(), "pub struct B;\n");

        let again = write_crate(&next, &dir.0, WriteMode::Check).unwrap();
        assert!(again.changed.is_empty(), "{:?}", again.changed);
    }

    #[test]
    fn newlines_are_normalised() {
        let dir = TempDir::new();
        write_crate(&seed(), &dir.0, WriteMode::Write).unwrap();
        // A checkout with CRLF line endings is up to date.
        fs::write(dir.0.join("src/lib.rs"), "pub mod models;\r\n").unwrap();
        set_old_mtime(&dir.0.join("src/lib.rs"));
        assert!(write_crate(&seed(), &dir.0, WriteMode::Check).unwrap().changed.is_empty());
        assert!(write_crate(&seed(), &dir.0, WriteMode::Write).unwrap().changed.is_empty());
        assert_eq!(mtime(&dir.0.join("src/lib.rs")), old_time());

        // Generated CRLF text is written with LF.
        let crlf = krate(&[("src/lib.rs", "a\r\nb\r\n")]);
        write_crate(&crlf, &dir.0, WriteMode::Write).unwrap();
        assert_eq!(fs::read_to_string(dir.0.join("src/lib.rs")).unwrap(), "a\nb\n");
    }

    #[test]
    fn check_mode_changes_nothing() {
        let dir = TempDir::new();
        write_crate(&seed(), &dir.0, WriteMode::Write).unwrap();
        fs::write(dir.0.join("src/lib.rs"), "edited by hand\n").unwrap();
        fs::write(dir.0.join("src/old.rs"), "stale\n").unwrap();
        fs::remove_file(dir.0.join("Cargo.toml")).unwrap();

        let report = write_crate(&seed(), &dir.0, WriteMode::Check).unwrap();

        assert_eq!(report.changed, rel(&dir, &["Cargo.toml", "src/lib.rs", "src/old.rs"]));
        assert_eq!(fs::read_to_string(dir.0.join("src/lib.rs")).unwrap(), "edited by hand\n");
        assert!(dir.0.join("src/old.rs").exists());
        assert!(!dir.0.join("Cargo.toml").exists());
    }

    #[test]
    fn stale_files_under_src_are_removed_and_others_kept() {
        let dir = TempDir::new();
        write_crate(&seed(), &dir.0, WriteMode::Write).unwrap();
        fs::create_dir_all(dir.0.join("src/api/v1")).unwrap();
        fs::write(dir.0.join("src/api/v1/old.rs"), "stale\n").unwrap();
        fs::write(dir.0.join("src/old.rs"), "stale\n").unwrap();
        fs::create_dir_all(dir.0.join("tests")).unwrap();
        fs::write(dir.0.join("tests/mine.rs"), "// mine\n").unwrap();
        fs::write(dir.0.join("README.md"), "mine\n").unwrap();

        let report = write_crate(&seed(), &dir.0, WriteMode::Write).unwrap();

        assert_eq!(report.changed, rel(&dir, &["src/api/v1/old.rs", "src/old.rs"]));
        assert!(!dir.0.join("src/old.rs").exists());
        assert!(!dir.0.join("src/api").exists(), "directories emptied by the removal go too");
        assert!(dir.0.join("src/lib.rs").exists());
        assert!(dir.0.join("tests/mine.rs").exists());
        assert!(dir.0.join("README.md").exists());
        assert!(write_crate(&seed(), &dir.0, WriteMode::Check).unwrap().changed.is_empty());
    }

    #[test]
    fn paths_outside_the_crate_are_refused() {
        let dir = TempDir::new();
        for bad in ["../escape.rs", "/abs.rs", "src/../../x.rs", ""] {
            let err = write_crate(&krate(&[(bad, "x")]), &dir.0, WriteMode::Write).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad}");
        }
        assert!(!dir.0.parent().unwrap().join("escape.rs").exists());
    }
}
