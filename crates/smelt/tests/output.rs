//! Properties every generated crate has, whatever the spec.

use std::path::Path;

fn specs() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let is_spec = |p: &Path| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json"));
    let mut specs: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| is_spec(p)).collect())
        .unwrap_or_default();
    specs.sort();
    assert!(!specs.is_empty());
    specs
}

/// Module files can be `include!`d inside any module of a user's crate: no inner attributes or
/// inner doc comments, and no `crate::` paths (which would point at the user's crate root).
#[test]
fn module_files_are_includable() {
    for spec in specs() {
        let generated = smelt::generate_crate(&spec, "x").unwrap_or_else(|e| panic!("{e}"));
        for file in generated.files.iter().filter(|f| f.path.starts_with("src") && !f.path.ends_with("lib.rs")) {
            let text = &file.contents;
            let name = format!("{}: {}", spec.display(), file.path.display());
            assert!(text.starts_with(smelt::render::HEADER), "{name}");
            assert!(!text.contains("#!["), "{name} has an inner attribute");
            assert!(!text.lines().any(|l| l.trim_start().starts_with("//!")), "{name} has an inner doc comment");
            assert!(!text.contains("crate::"), "{name} refers to crate::");
        }
        let lib =
            generated.files.iter().find(|f| f.path.ends_with("lib.rs")).map(|f| f.contents.as_str()).unwrap_or("");
        assert!(lib.contains("#![forbid(unsafe_code)]"), "{}", spec.display());
        assert!(lib.contains("pub use client::{Client, Error};"), "{}", spec.display());
    }
}

/// Descriptions become rustdoc, and a code block in one never becomes a doctest.
#[test]
fn descriptions_never_run_as_doctests() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      description: |\n        Intro.\n\n            indented code\n\n        ```python\n        print(1)\n        ```\n      properties:\n        x: {type: string}\n";
    let dir = std::env::temp_dir().join(format!("smelt-doc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("doc.yaml");
    std::fs::write(&path, spec).unwrap_or_else(|e| panic!("{e}"));
    let generated = smelt::generate_crate(&path, "x").unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let models =
        &generated.files.iter().find(|f| f.path.ends_with("models.rs")).map(|f| f.contents.clone()).unwrap_or_default();
    assert!(models.contains("/// Intro."), "{models}");
    assert!(models.contains("/// ```text\n"), "{models}");
    assert!(!models.contains("```python"), "{models}");
    assert!(!models.contains("///     indented"), "indented code blocks are doctests too:\n{models}");
}
