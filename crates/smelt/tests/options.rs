//! Each user option changes the generated code the way it says. The option sets live in
//! `crates/compile-checks/sets.rs`, whose crate compiles the output of every one of them.

use std::path::Path;

use smelt::GeneratedCrate;

#[path = "../../compile-checks/sets.rs"]
mod sets;

/// The crate generated with the option set `name`.
fn generate_set(name: &str) -> GeneratedCrate {
    let set = sets::all().into_iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no option set `{name}`"));
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(set.spec);
    smelt::generate_crate_with(&spec, "x", &set.options).unwrap_or_else(|e| panic!("{e}"))
}

/// `(models.rs, client.rs or "")` generated with the option set `name`.
fn generate(name: &str) -> (String, String) {
    let generated = generate_set(name);
    let file = |name: &str| {
        generated.files.iter().find(|f| f.path.ends_with(name)).map(|f| f.contents.clone()).unwrap_or_default()
    };
    (file("models.rs"), file("client.rs"))
}

#[test]
fn rename_replaces_a_type_name_everywhere() {
    let (models, client) = generate("rename");
    assert!(models.contains("pub struct Reference {"), "{models}");
    assert!(models.contains("Option<Reference>"), "{models}");
    assert!(!models.contains("pub struct Ref {"));
    assert!(client.contains("create_record"));
}

#[test]
fn format_replacement_uses_the_type_and_its_serde_adapter() {
    let (models, _) = generate("formats");
    assert!(models.contains("pub at: Option<::time::OffsetDateTime>"), "{models}");
    assert!(models.contains("#[serde(with = \"time::serde::rfc3339::option\")]"), "{models}");
    assert!(!models.contains("chrono::DateTime"), "{models}");
}

#[test]
fn extra_derives_go_on_every_model() {
    let (models, _) = generate("eq_and_json_schema");
    let derive =
        models.split("pub struct Ref {").next().and_then(|before| before.rsplit("#[derive(").next()).unwrap_or("");
    let derive: String = derive.split_whitespace().collect();
    assert_eq!(derive, "Debug,Clone,PartialEq,Eq,::schemars::JsonSchema,::serde::Serialize,::serde::Deserialize)]");
}

#[test]
fn operations_can_be_selected_by_id_or_tag() {
    let (_, all) = generate("rename");
    assert!(all.contains("pub async fn create_record("));
    let (_, none) = generate("exclude_operation");
    assert!(!none.contains("pub async fn create_record("), "{none}");
    let (_, none) = generate("unknown_tag");
    assert!(!none.contains("pub async fn"), "{none}");
}

#[test]
fn types_only_has_no_client_and_no_reqwest() {
    let generated = generate_set("types_only");
    let paths: Vec<String> = generated.files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(paths, ["Cargo.toml", "src/lib.rs", "src/models.rs"]);
    assert!(!generated.files[0].contents.contains("reqwest"));
    assert!(!generated.files[1].contents.contains("client"));
}

#[test]
fn double_option_tells_absent_from_null() {
    let (models, _) = generate("double_option");
    assert!(models.contains("pub alias: Option<Option<String>>"), "{models}");
    assert!(models.contains("deserialize_with = \"nullable::present\""), "{models}");
    // Required nullable fields are not affected: they are always present.
    assert!(models.contains("pub note: Option<String>"), "{models}");
}

/// The derive attribute written just before `item` (e.g. `pub struct Pet {`), without spaces.
fn derive_before(models: &str, item: &str) -> String {
    let before = models.split(item).next().and_then(|b| b.rsplit("#[derive(").next()).unwrap_or("");
    before.split(")]").next().unwrap_or("").split_whitespace().collect()
}

#[test]
fn known_derives_go_only_where_every_value_has_them() {
    let generated = generate_set("eq_hash_debug");
    let models = &generated.files.iter().find(|f| f.path.ends_with("models.rs")).expect("models.rs").contents;
    // `Record` holds a float: `Eq` and `Hash` would not compile on it.
    assert_eq!(
        derive_before(models, "pub struct Record {"),
        "Debug,Clone,PartialEq,::serde::Serialize,::serde::Deserialize"
    );
    assert_eq!(
        derive_before(models, "pub struct Ref {"),
        "Debug,Clone,PartialEq,Eq,Hash,::serde::Serialize,::serde::Deserialize"
    );
    let notes: Vec<&str> = generated.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        notes.iter().any(|m| m.starts_with("derive `Eq` left off") && m.contains("`Record` (holds a float)")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|m| m.contains("derive `Debug` is ignored")), "{notes:?}");
}
