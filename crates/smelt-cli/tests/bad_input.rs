//! Bad input gives one clear message naming the file (and where in it), a non-zero exit and no
//! panic, fast, from both `smelt check` and `smelt generate`. Warnings stay warnings.
//!
//! Each run must finish within a second; debug builds get slack (5 s), and every test prints its
//! real timings (`cargo test --test bad_input -- --nocapture`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(5);

/// A spec written into a fresh temporary directory, removed on drop.
struct Spec {
    dir: PathBuf,
    path: PathBuf,
}

impl Spec {
    fn new(test: &str, file: &str, contents: impl AsRef<[u8]>) -> Spec {
        let dir = std::env::temp_dir().join(format!("smelt-bad-input-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(file);
        std::fs::write(&path, contents).expect("write spec");
        Spec { dir, path }
    }

    fn name(&self) -> &str {
        self.path.file_name().and_then(|n| n.to_str()).unwrap_or_default()
    }
}

impl Drop for Spec {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Run {
    code: Option<i32>,
    /// Stdout and stderr together.
    text: String,
    elapsed: Duration,
}

fn smelt(args: &[&Path]) -> Run {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_smelt")).args(args).env("NO_COLOR", "1").output().expect("run smelt");
    let elapsed = start.elapsed();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(!text.contains("panicked"), "{text}");
    Run { code: output.status.code(), text, elapsed }
}

fn check(spec: &Spec, extra: &[&str]) -> Run {
    let mut args = vec![Path::new("check"), &spec.path];
    args.extend(extra.iter().map(Path::new));
    smelt(&args)
}

fn generate(spec: &Spec) -> Run {
    smelt(&[
        Path::new("generate"),
        &spec.path,
        Path::new("--out"),
        &spec.dir.join("out"),
        Path::new("--name"),
        Path::new("t"),
    ])
}

fn error_lines(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with("error")).count()
}

/// `check` exits 2 and `generate` fails, each with exactly one error naming the file and
/// saying `message`; `check` shows `place` (`file:line:column`, or a pointer) too.
fn refused(test: &str, file: &str, contents: impl AsRef<[u8]>, message: &str, place: &str) {
    let spec = Spec::new(test, file, contents);
    let checked = check(&spec, &[]);
    let generated = generate(&spec);
    eprintln!("{test}: check {:?}, generate {:?}", checked.elapsed, generated.elapsed);
    let name = spec.name();

    assert_eq!(checked.code, Some(2), "{}", checked.text);
    assert_eq!(error_lines(&checked.text), 1, "{}", checked.text);
    assert!(checked.text.contains(message), "{}", checked.text);
    assert!(checked.text.contains(name), "{}", checked.text);
    assert!(checked.text.contains(place), "{}", checked.text);
    assert!(checked.elapsed < LIMIT, "check took {:?}", checked.elapsed);

    assert_ne!(generated.code, Some(0), "{}", generated.text);
    assert!(generated.code.is_some(), "killed by a signal: {}", generated.text);
    assert_eq!(error_lines(&generated.text), 1, "{}", generated.text);
    assert!(generated.text.contains(message), "{}", generated.text);
    assert!(generated.text.contains(name), "{}", generated.text);
    assert!(generated.elapsed < LIMIT, "generate took {:?}", generated.elapsed);
    assert!(!spec.dir.join("out/Cargo.toml").exists(), "nothing is written");
}

/// Both commands succeed with the warning; `check --deny-warnings` exits 1.
fn warned(test: &str, file: &str, contents: &str, warning: &str, place: &str) {
    let spec = Spec::new(test, file, contents);
    let checked = check(&spec, &[]);
    let denied = check(&spec, &["--deny-warnings"]);
    let generated = generate(&spec);
    eprintln!("{test}: check {:?}, generate {:?}", checked.elapsed, generated.elapsed);

    assert_eq!(checked.code, Some(0), "{}", checked.text);
    assert!(checked.text.contains(&format!("warning: {warning}")), "{}", checked.text);
    assert!(checked.text.contains(place), "{}", checked.text);
    assert!(checked.text.contains(&format!("{}: 1 warning", spec.path.display())), "{}", checked.text);
    assert_eq!(denied.code, Some(1), "{}", denied.text);
    assert_eq!(generated.code, Some(0), "{}", generated.text);
    assert!(generated.text.contains(warning) && generated.text.contains(spec.name()), "{}", generated.text);
    assert!(checked.elapsed < LIMIT && generated.elapsed < LIMIT);
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

fn schemas(yaml: &str) -> String {
    format!("{HEAD}components:\n  schemas:\n{yaml}")
}

#[test]
fn unparsable_yaml() {
    let text = schemas("    A:\n      type: object\n     bad: [\n");
    refused("yaml", "bad.yaml", text, "did not find expected key", "bad.yaml:8:6");
}

#[test]
fn unparsable_json() {
    let text = "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"t\", \"version\": \"1\"},\n \"paths\": {},,\n}\n";
    refused("json", "bad.json", text, "key must be a string", "bad.json:3:14");
}

#[test]
fn a_ref_to_nothing_is_a_warning() {
    let text = schemas("    Pet:\n      properties:\n        owner:\n          $ref: '#/components/schemas/Owner'\n");
    warned(
        "dangling",
        "dangling.yaml",
        &text,
        "`$ref: #/components/schemas/Owner` points at nothing; treated as any JSON value",
        "dangling.yaml:8:9",
    );
}

#[test]
fn a_reference_cycle_between_two_schemas() {
    let text = schemas("    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n");
    refused(
        "cycle",
        "cycle.yaml",
        text,
        "reference cycle that no type can hold: /components/schemas/A $ref -> /components/schemas/B $ref -> /components/schemas/A",
        "cycle.yaml:7:7",
    );
}

#[test]
fn a_schema_that_is_only_all_of_itself() {
    let text = schemas("    Node:\n      allOf:\n        - $ref: '#/components/schemas/Node'\n");
    refused(
        "self-all-of",
        "node.yaml",
        text,
        "reference cycle that no type can hold: /components/schemas/Node allOf[0] $ref -> /components/schemas/Node",
        "node.yaml:8:11",
    );
}

#[test]
fn recursion_through_properties_items_and_unions_is_accepted() {
    let text = schemas(
        "    Tree:\n      type: object\n      properties:\n        parent: {$ref: '#/components/schemas/Tree'}\n        \
         children:\n          type: array\n          items: {$ref: '#/components/schemas/Tree'}\n        \
         labels:\n          additionalProperties: {$ref: '#/components/schemas/Tree'}\n    \
         Expr:\n      oneOf:\n        - {$ref: '#/components/schemas/Expr'}\n        - {type: string}\n    \
         Wrapped:\n      nullable: true\n      allOf: [{$ref: '#/components/schemas/Holder'}]\n    \
         Holder:\n      properties:\n        inner: {$ref: '#/components/schemas/Wrapped'}\n",
    );
    let spec = Spec::new("recursive", "tree.yaml", text);
    let checked = check(&spec, &["--deny-warnings"]);
    assert_eq!(checked.code, Some(0), "{}", checked.text);
    assert!(checked.text.ends_with("tree.yaml: 0 warnings\n"), "{}", checked.text);
    let generated = generate(&spec);
    assert_eq!(generated.code, Some(0), "{}", generated.text);
    eprintln!("recursive: check {:?}, generate {:?}", checked.elapsed, generated.elapsed);
}

#[test]
fn swagger_2() {
    let text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n";
    refused(
        "swagger",
        "swagger.yaml",
        text,
        "this is a Swagger 2.0 document; smelt reads OpenAPI 3.0, 3.1 and 3.2",
        "swagger.yaml:1:1",
    );
}

#[test]
fn an_unknown_major_version() {
    let text = "openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    refused(
        "four",
        "four.yaml",
        text,
        "unsupported OpenAPI version `4.0.0`: smelt reads 3.0, 3.1 and 3.2",
        "four.yaml:1:1",
    );
}

#[test]
fn bytes_that_are_not_utf8() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"x-name: caf\xe9\n");
    refused("latin1", "latin1.yaml", bytes, "not UTF-8 text: byte 0xE9 at offset 67", "latin1.yaml:4:12");
}

#[test]
fn an_empty_file() {
    refused("empty", "empty.yaml", "", "the file is empty", "empty.yaml:1:1");
}

#[test]
fn a_bare_list() {
    refused("list", "list.json", "[1, 2, 3]\n", "the document is a list, not an OpenAPI object", "list.json:1:1");
}

#[test]
fn a_bare_scalar() {
    refused(
        "scalar",
        "scalar.yaml",
        "just some text\n",
        "the document is a string, not an OpenAPI object",
        "scalar.yaml:1:1",
    );
}

const TOO_DEEP: &str = "nested more than 128 levels deep (the parser's recursion limit)";

#[test]
fn json_nested_100_000_deep() {
    refused("deep-json", "deep.json", "[".repeat(100_000), TOO_DEEP, "deep.json:1:128");
}

#[test]
fn yaml_flow_collections_nested_100_000_deep() {
    let text = format!("{HEAD}x-deep: {}\n", "[".repeat(100_000));
    refused("deep-yaml-flow", "deep.yaml", text, TOO_DEEP, "deep.yaml:4:137");
}

#[test]
fn yaml_mappings_nested_300_deep() {
    let mut text = format!("{HEAD}x-deep:\n");
    for level in 1..300 {
        text += &format!("{}k:\n", "  ".repeat(level));
    }
    refused("deep-yaml-block", "deep.yaml", text, TOO_DEEP, "deep.yaml:");
}

/// `items` `levels` deep below a component schema: one value level each, so 120 still parses.
fn nested_items(levels: usize) -> String {
    let mut text = schemas("    Deep:\n");
    for level in 0..levels {
        let indent = "  ".repeat(3 + level);
        text += &format!("{indent}type: array\n{indent}items:\n");
    }
    text + &format!("{}type: string\n", "  ".repeat(3 + levels))
}

#[test]
fn schemas_nested_120_deep_are_refused_before_the_recursive_stages() {
    refused(
        "deep-items",
        "items.yaml",
        nested_items(120),
        "schema nested more than 64 levels deep",
        "pointer: /components/schemas/Deep/items/items/items/items/items/items/items/items/items/items/",
    );
}

#[test]
fn schemas_nested_60_deep_are_fine() {
    let spec = Spec::new("items-60", "items.yaml", nested_items(60));
    let checked = check(&spec, &["--deny-warnings"]);
    assert_eq!(checked.code, Some(0), "{}", checked.text);
    let generated = generate(&spec);
    assert_eq!(generated.code, Some(0), "{}", generated.text);
    eprintln!("items-60: check {:?}, generate {:?}", checked.elapsed, generated.elapsed);
    assert!(checked.elapsed < LIMIT && generated.elapsed < LIMIT);
}

#[test]
fn billion_laughs() {
    let mut text = format!("{HEAD}x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, previous) in
        ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        text += &format!("x-{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(", "));
    }
    refused(
        "laughs",
        "laughs.yaml",
        text,
        "YAML aliases expand to far more values than the text holds",
        "laughs.yaml:5:10",
    );
}

#[test]
fn quadratic_alias_expansion() {
    // 3,000 aliases of a 3,000-element list: 9 million values from 27 KB; yaml_serde's own
    // repetition limit lets this through.
    let text = format!("{HEAD}x-a: &a [{}]\nx-b: [{}]\n", vec!["lol"; 3000].join(","), vec!["*a"; 3000].join(","));
    refused(
        "quadratic",
        "quadratic.yaml",
        text,
        "YAML aliases expand to far more values than the text holds",
        "quadratic.yaml:5:7",
    );
}

#[test]
fn duplicate_keys_are_a_warning() {
    let text = schemas("    Pet:\n      type: object\n    Pet:\n      type: string\n");
    warned("duplicate", "dup.yaml", &text, "key written twice (lines 6 and 8); the last one is used", "dup.yaml:8:5");
}
