//! The load and repair stages on their own: small documents in, the repaired tree and the
//! diagnostics out (insta snapshots), plus the refusals.

use std::path::Path;

use smelt::load::load_text;
use smelt::Diagnostics;

/// Loads `yaml`, repairs it, and renders the repaired tree and the located diagnostics.
fn repaired(yaml: &str) -> String {
    let loaded = load_text(Path::new("t.yaml"), yaml.to_owned()).unwrap_or_else(|e| panic!("{e}"));
    let mut value = loaded.value;
    let mut diags = Diagnostics::default();
    for dup in loaded.source.duplicate_keys() {
        diags.warn(dup.pointer.clone(), format!("duplicate at lines {} and {}", dup.first.line, dup.second.line));
    }
    smelt::repair::repair(&mut value, &mut diags).unwrap_or_else(|e| panic!("{e:?}"));
    let mut diagnostics = diags.into_vec();
    loaded.source.locate(&mut diagnostics);
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    format!("{}\n---\n{}", serde_json::to_string_pretty(&value).unwrap_or_default(), lines.join("\n"))
}

const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

fn schemas(body: &str) -> String {
    repaired(&format!("{HEAD}components:\n  schemas:\n{body}"))
}

#[test]
fn lowers_31_nullability() {
    insta::assert_snapshot!(schemas(
        "    A:\n      type: [string, 'null']\n    B:\n      anyOf:\n        - $ref: '#/components/schemas/A'\n        - type: 'null'\n      description: kept\n    C:\n      anyOf: [{type: integer}, {type: string}, {type: 'null'}]\n    D:\n      type: [integer, string]\n"
    ));
}

#[test]
fn lowers_const_bounds_examples_and_boolean_schemas() {
    insta::assert_snapshot!(schemas(
        "    A:\n      const: X\n      default: X\n    B:\n      type: number\n      exclusiveMinimum: 0\n      examples: [1, 2]\n    C:\n      type: object\n      properties:\n        any: true\n        none: false\n"
    ));
}

#[test]
fn repairs_mapping_objects_and_reports_unknown_keywords() {
    insta::assert_snapshot!(schemas(
        "    U:\n      oneOf: [{$ref: '#/components/schemas/V'}]\n      discriminator:\n        propertyName: kind\n        mapping:\n          v: {$ref: '#/components/schemas/V'}\n          w: 42\n    V:\n      type: object\n      $comment: nothing\n      frobnicate: 1\n      prefixItems: [{type: string}]\n"
    ));
}

#[test]
fn warns_about_duplicate_keys_keeping_the_last() {
    let out = repaired(&format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: string\n    A:\n      type: integer\n"
    ));
    assert!(out.contains("\"type\": \"integer\""), "{out}");
    assert!(out.contains("8:5: warning: duplicate at lines 6 and 8 (at /components/schemas/A)"), "{out}");
}

#[test]
fn reads_unquoted_status_codes_as_keys() {
    let out = repaired(&format!(
        "{HEAD}paths:\n  /x:\n    get:\n      responses:\n        200:\n          description: ok\n"
    ));
    assert!(out.contains("\"200\""), "{out}");
}

/// The message of the error `text` is refused with.
fn refusal(name: &str, text: &str) -> String {
    let path = Path::new(name);
    match smelt::pipeline::prepare_text(path, text.to_owned()) {
        Ok(_) => panic!("{name} was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn refuses_what_is_not_openapi_3_with_a_message_naming_the_file() {
    let cases = [
        ("swagger.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", "Swagger 2.0 document"),
        ("four.yaml", "openapi: 4.0.0\n", "unsupported OpenAPI version `4.0.0`"),
        ("list.yaml", "- a\n- b\n", "the document is a list"),
        ("empty.json", "  \n", "the file is empty"),
        ("none.yaml", "info: {}\n", "no `openapi` version field"),
        ("broken.json", "{\"openapi\": ", "broken.json:1:"),
        ("broken.yaml", "openapi: [3\n", "broken.yaml:"),
    ];
    for (name, text, expected) in cases {
        let message = refusal(name, text);
        assert!(message.starts_with(name), "{message}");
        assert!(message.contains(expected), "{name}: {message}");
    }
}

#[test]
fn a_dangling_ref_is_a_warning_not_a_failure() {
    let text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{$ref: '#/components/schemas/Missing'}}\n");
    let prepared = smelt::pipeline::prepare_text(Path::new("t.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let messages: Vec<String> = prepared.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|m| m.contains("points at nothing") && m.contains("/components/schemas/A/properties/b")),
        "{messages:?}"
    );
}
