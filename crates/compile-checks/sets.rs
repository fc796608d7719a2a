//! The option sets that `crates/smelt/tests/options.rs` asserts on, by name. The build script of
//! `compile-checks` generates a module from each, and the crate compiles them all (with clippy's
//! warnings denied in `cargo xtask test`): a set whose output greps right but does not build fails.

use smelt::{FormatType, Options};

/// Options and the spec (relative to the workspace root) they are tried on.
pub struct OptionSet {
    pub name: &'static str,
    pub spec: &'static str,
    pub options: Options,
}

const NULLABLE: &str = "specs/fixture-nullable.yaml";

/// Every derive smelt analyses, to be tried on specs with recursion, unions, floats and maps.
const KNOWN_DERIVES: [&str; 6] = ["Copy", "Eq", "Hash", "PartialOrd", "Ord", "Default"];

pub fn all() -> Vec<OptionSet> {
    let set = |name, spec, options| OptionSet { name, spec, options };
    let derives =
        |list: &[&str]| Options { derives: list.iter().map(|d| (*d).to_owned()).collect(), ..Options::default() };
    let mut sets = vec![
        set("rename", NULLABLE, Options { rename: [("Ref".into(), "Reference".into())].into(), ..Options::default() }),
        set(
            "formats",
            NULLABLE,
            Options {
                formats: [(
                    "date-time".into(),
                    FormatType {
                        rust_type: "time::OffsetDateTime".into(),
                        serde_with: Some("time::serde::rfc3339".into()),
                    },
                )]
                .into(),
                ..Options::default()
            },
        ),
        set("eq_and_json_schema", NULLABLE, derives(&["Eq", "schemars::JsonSchema"])),
        set("eq_hash_debug", NULLABLE, derives(&["Eq", "Hash", "Debug"])),
        set(
            "exclude_operation",
            NULLABLE,
            Options { exclude_operations: vec!["create_record_records_post".into()], ..Options::default() },
        ),
        set("unknown_tag", NULLABLE, Options { include_tags: vec!["no-such-tag".into()], ..Options::default() }),
        set("types_only", NULLABLE, Options { types_only: true, ..Options::default() }),
        set("double_option", NULLABLE, Options { double_option: Some(true), ..Options::default() }),
    ];
    for (name, spec) in [
        ("known_derives_nullable", NULLABLE),
        ("known_derives_recursion", "specs/fixture-recursion.yaml"),
        ("known_derives_schemas", "specs/fixture-schemas.yaml"),
        ("known_derives_unions", "specs/fixture-unions.yaml"),
        ("known_derives_names", "specs/fixture-names.yaml"),
        ("known_derives_http", "specs/fixture-http.yaml"),
    ] {
        sets.push(set(name, spec, derives(&KNOWN_DERIVES)));
    }
    sets
}
