//! The IR and diagnostics of every spec in `specs/` (the seed, the whole AskUI API, the rule fixtures), as insta
//! snapshots. The generated crates themselves are checked in under `generated/` and compiled there.

#[test]
fn ir_and_diagnostics_of_every_spec() {
    insta::glob!("../../../specs", "*.{yaml,json}", |path| {
        let prepared = smelt::pipeline::prepare(path).unwrap_or_else(|e| panic!("{e}"));
        let diagnostics: Vec<String> = prepared.diagnostics.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!("diagnostics", diagnostics.join("\n"));
        insta::assert_snapshot!("ir", format!("{:#?}", prepared.api));
    });
}

#[test]
fn generation_is_deterministic() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/askui-workspaces.yaml");
    let first = smelt::generate_crate(&spec, "x").unwrap_or_else(|e| panic!("{e}"));
    let second = smelt::generate_crate(&spec, "x").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.files, second.files);
}
