//! Runs the `smelt` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn smelt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smelt")).args(args).output().expect("run smelt")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("smelt-cli-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn help_succeeds() {
    let output = smelt(&["--help"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("generate"), "{stdout}");
}

#[test]
fn missing_spec_fails_naming_the_file() {
    let tmp = TempDir::new("missing");
    let spec = tmp.0.join("no-such-spec.yaml");
    let out = tmp.0.join("out");
    let output = smelt(&["generate", spec.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!output.status.success());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("no-such-spec.yaml"), "{err}");
}

#[test]
fn refuses_to_overwrite_a_crate_it_did_not_generate() {
    let tmp = TempDir::new("foreign");
    std::fs::create_dir_all(tmp.0.join("src")).unwrap();
    std::fs::write(tmp.0.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    std::fs::write(tmp.0.join("src/main.rs"), "fn main() {}\n").unwrap();
    let output = smelt(&["generate", seed_spec().to_str().unwrap(), "--out", tmp.0.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("refusing"), "{}", stderr(&output));
    assert!(tmp.0.join("src/main.rs").exists());
}

fn seed_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/askui-workspaces.yaml")
}

#[test]
fn generates_the_seed_crate() {
    let tmp = TempDir::new("seed");
    let out = tmp.0.join("askui");
    let output = smelt(&["generate", seed_spec().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.join("Cargo.toml").is_file());
    assert!(out.join("src/lib.rs").is_file());
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"askui-workspaces\""), "{manifest}");
    // The CLI and `cargo xtask codegen` are front ends of one library: same spec, same bytes.
    let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated/askui-workspaces");
    for file in ["Cargo.toml", "src/lib.rs", "src/models.rs", "src/client.rs"] {
        let ours = std::fs::read_to_string(out.join(file)).unwrap();
        let theirs = std::fs::read_to_string(checked_in.join(file)).unwrap();
        assert!(ours == theirs, "{file} differs from generated/askui-workspaces/{file}");
    }
}
