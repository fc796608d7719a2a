//! The limits no input can pass: each stops generation with an error that names it and how to
//! raise it; the defaults let the synthetic family and every spec of `specs/` through.

use smelt::{Limits, Options};

/// The spec, written once: the tests run in parallel and must not see each other's half-written file.
fn spec(n: usize) -> std::path::PathBuf {
    static WRITTEN: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    WRITTEN
        .get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("limits");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("synthetic-{n}.json"));
            std::fs::write(&path, smelt::synthetic::spec(n)).expect("write spec");
            path
        })
        .clone()
}

fn generate(limits: Limits) -> Result<usize, String> {
    let options = Options { limits, ..Options::default() };
    smelt::generate_crate_with(&spec(20), "synthetic", &options)
        .map(|c| c.files.iter().map(|f| f.contents.len()).sum())
        .map_err(|e| e.to_string())
}

#[test]
fn defaults_let_the_spec_through() {
    assert!(generate(Limits::default()).is_ok());
}

#[test]
fn work_budget() {
    let e = generate(Limits { max_work: Some(100), ..Limits::default() }).unwrap_err();
    assert!(e.contains("the spec needs more than 100 units of work (schema positions converted) to build its types, smelt's limit; raise it with `max-work`"), "{e}");
    assert!(e.contains("at /components/schemas/"), "{e}");
}

#[test]
fn number_of_types() {
    let e = generate(Limits { max_types: Some(10), ..Limits::default() }).unwrap_err();
    assert!(e.contains("the spec needs more than 10 Rust types, smelt's limit; raise it with `max-types`"), "{e}");
}

#[test]
fn output_bytes() {
    let bytes = generate(Limits::default()).unwrap() as u64;
    assert!(generate(Limits { max_output_bytes: Some(bytes), ..Limits::default() }).is_ok());
    let e = generate(Limits { max_output_bytes: Some(bytes - 1), ..Limits::default() }).unwrap_err();
    assert!(e.contains(&format!("the spec needs more than {} bytes of generated code", bytes - 1)), "{e}");
}
