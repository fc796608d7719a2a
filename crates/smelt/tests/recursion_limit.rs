//! Deeply nesting types get a `recursion_limit` that rustdoc's auto-trait pass needs (it overflowed
//! at rustc's default of 128 on Stripe's crate and on `specs/fixture-deep.json`'s); others keep the
//! default. Whether the limit is enough is checked where it matters: `cargo doc` of
//! `generated/fixture-deep` in `cargo xtask test`.

use std::path::{Path, PathBuf};

fn spec(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("recursion-limit");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write spec");
    path
}

fn lib_rs(spec: &Path) -> String {
    let generated = smelt::generate_crate(spec, "deep").expect("generates");
    generated.files.into_iter().find(|f| f.path == Path::new("src/lib.rs")).expect("lib.rs").contents
}

/// A chain of `n` schemas, each holding the next through `wrap`.
fn chain(n: usize, wrap: fn(&str) -> String) -> String {
    let schemas: Vec<String> = (0..n)
        .map(|i| {
            let next = format!(r##"{{"$ref":"#/components/schemas/S{}"}}"##, i + 1);
            let field = if i + 1 < n { format!(r#""properties":{{"next":{}}}"#, wrap(&next)) } else { String::new() };
            format!(r#""S{i}":{{"type":"object",{field}}}"#).replace(",}", "}")
        })
        .collect();
    format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"Chain","version":"1"}},"paths":{{}},"components":{{"schemas":{{{}}}}}}}"#,
        schemas.join(",")
    )
}

#[test]
fn the_synthetic_family_gets_a_limit_from_three_schemas() {
    let lib = lib_rs(&spec("synthetic-3.json", &smelt::synthetic::spec(3)));
    assert!(lib.contains("#![recursion_limit = \"256\"]"), "{lib}");
}

#[test]
fn the_bound_counts_each_wrapper() {
    // 20 maps deep: 20 × 14 = 280 levels by the bound, past 100.
    let maps = |next: &str| format!(r#"{{"type":"object","additionalProperties":{next}}}"#);
    assert!(lib_rs(&spec("maps-20.json", &chain(20, maps))).contains("#![recursion_limit = \"512\"]"));
    // 20 optional fields deep: 20 × 2 = 40 levels, well inside 128.
    let plain = |next: &str| next.to_owned();
    let lib = lib_rs(&spec("plain-20.json", &chain(20, plain)));
    assert!(!lib.contains("recursion_limit"), "{lib}");
}

#[test]
fn a_build_rs_module_says_which_limit_to_set() {
    let path = spec("synthetic-3-module.json", &smelt::synthetic::spec(3));
    let module = smelt::generate_module(&path, &smelt::Options::default()).expect("generates");
    assert!(!module.contents.contains("recursion_limit"), "a module cannot set a crate attribute");
    let warning = module.diagnostics.iter().find(|d| d.message.contains("recursion_limit")).expect("a warning");
    assert_eq!(warning.severity, smelt::Severity::Warning);
    assert!(warning.message.contains("put `#![recursion_limit = \"256\"]` at the top of the crate"), "{warning}");
}
