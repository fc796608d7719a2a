//! Specs split over several files: `$ref`s to other files are bundled into one document.

use std::path::{Path, PathBuf};

use smelt::ir::{Ty, TypeDef, TypeKind};
use smelt::pipeline::{prepare, Prepared};
use smelt::Severity;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multi").join(rel)
}

fn prepared(path: &Path) -> Prepared {
    prepare(path).unwrap_or_else(|e| panic!("{e}"))
}

fn type_named<'a>(p: &'a Prepared, name: &str) -> &'a TypeDef {
    let names: Vec<&str> = p.api.types.iter().map(|t| t.name.as_str()).collect();
    p.api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name} in {names:?}"))
}

/// `(wire name, type)` of each field of the struct `name`.
fn fields(p: &Prepared, name: &str) -> Vec<(String, Ty)> {
    match &type_named(p, name).kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| (f.wire.clone(), f.ty.clone())).collect(),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn named(name: &str) -> Ty {
    Ty::Named(name.into())
}

fn opt(ty: Ty) -> Ty {
    Ty::Option(Box::new(ty))
}

fn messages(p: &Prepared, severity: Severity) -> Vec<String> {
    p.diagnostics.iter().filter(|d| d.severity == severity).map(ToString::to_string).collect()
}

fn canonical(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        paths.iter().map(|p| std::fs::canonicalize(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).collect();
    out.sort();
    out
}

#[test]
fn bundles_schemas_parameters_responses_and_path_items_from_other_files() {
    let p = prepared(&fixture("api/openapi.yaml"));
    let mut names: Vec<&str> = p.api.types.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Broken", "Child", "Detail", "Error", "Node", "Owner", "Pet", "Tag"]);

    // The root's `Pet: {$ref: schemas/pet.yaml}` holds the file's schema; every other reference to
    // that file (from paths, from shared/types.yaml) means the same type.
    assert_eq!(
        fields(&p, "Pet"),
        [
            ("id".into(), Ty::I64),
            ("name".into(), Ty::String),
            ("tag".into(), opt(named("Tag"))),
            ("owner".into(), opt(named("Owner"))),
            ("lastError".into(), opt(named("Error"))),
        ]
    );
    assert_eq!(fields(&p, "Tag"), [("label".into(), opt(Ty::String))]);
    assert_eq!(
        fields(&p, "Owner"),
        [("name".into(), opt(Ty::String)), ("pets".into(), opt(Ty::Vec(Box::new(named("Pet")))))]
    );
    // errors.json's own `#/components/schemas/Detail` points into errors.json, not the root.
    assert_eq!(
        fields(&p, "Error"),
        [("code".into(), Ty::I32), ("message".into(), Ty::String), ("detail".into(), opt(named("Detail")))]
    );
    assert_eq!(fields(&p, "Detail"), [("field".into(), opt(Ty::String)), ("retryable".into(), opt(Ty::Bool))]);
    // The two-file cycle node.yaml → child.yaml → node.yaml ends.
    assert_eq!(
        fields(&p, "Node"),
        [("name".into(), Ty::String), ("children".into(), opt(Ty::Vec(Box::new(named("Child")))))]
    );
    assert_eq!(fields(&p, "Child"), [("weight".into(), opt(Ty::F64)), ("node".into(), named("Node"))]);
    // The missing file: left as a reference that later stages read as any value.
    assert_eq!(fields(&p, "Broken"), [("gone".into(), opt(Ty::Json))]);

    let ops: Vec<&str> = p.api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["list_pets", "get_pet", "get_tree"]);
    let list = &p.api.operations[0];
    assert_eq!(list.params.iter().map(|p| (p.wire.as_str(), &p.ty)).collect::<Vec<_>>(), [("limit", &Ty::I32)]);
    assert_eq!(list.errors[0].ty, Some(named("Error")));
    // The path item came from paths/pet-by-id.yaml, its parameter and 404 response from further files.
    let get = &p.api.operations[1];
    assert_eq!((get.path.as_str(), get.method.as_str()), ("/pets/{petId}", "GET"));
    assert_eq!(get.params.iter().map(|p| (p.wire.as_str(), &p.ty)).collect::<Vec<_>>(), [("petId", &Ty::I64)]);
    assert_eq!(get.success[0].body, smelt::ir::ResponseBody::Json(named("Pet")));
    assert_eq!(
        (get.errors[0].ty.clone(), get.errors[0].doc.as_deref()),
        (Some(named("Error")), Some("No such thing."))
    );

    let warnings = messages(&p, Severity::Warning);
    assert!(
        warnings.iter().any(|w| w.contains("`$ref: schemas/missing.yaml`: cannot read schemas/missing.yaml")
            && w.ends_with("(at /components/schemas/Broken/properties/gone/$ref)")),
        "{warnings:#?}"
    );
    assert_eq!(warnings.len(), 2, "only the missing file is wrong: {warnings:#?}");

    let expected: Vec<PathBuf> = [
        "api/openapi.yaml",
        "api/schemas/pet.yaml",
        "api/schemas/tag.yaml",
        "api/schemas/node.yaml",
        "api/schemas/child.yaml",
        "api/common/errors.json",
        "api/parameters/limit.yaml",
        "api/parameters/pet-id.yaml",
        "api/paths/pet-by-id.yaml",
        "shared/types.yaml",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    assert_eq!(canonical(&p.sources), canonical(&expected));
    assert_eq!(p.sources[0], fixture("api/openapi.yaml"), "the spec itself comes first");
    // `..` is folded in the listed names.
    assert!(p.sources.iter().all(|s| !s.components().any(|c| c == std::path::Component::ParentDir)), "{:?}", p.sources);
}

#[test]
fn generates_a_crate_with_the_imported_types() {
    let generated = smelt::generate_crate(&fixture("api/openapi.yaml"), "multi").unwrap_or_else(|e| panic!("{e}"));
    let models =
        generated.files.iter().find(|f| f.path.ends_with("models.rs")).map(|f| f.contents.as_str()).unwrap_or("");
    for ty in ["Pet", "Tag", "Owner", "Error", "Detail", "Node", "Child", "Broken"] {
        assert!(models.contains(&format!("pub struct {ty} {{")), "no {ty}:\n{models}");
    }
    assert!(models.contains("pub tag: Option<Tag>,"), "{models}");
    assert!(models.contains("pub children: Option<Vec<Child>>,"), "{models}");
    let client =
        generated.files.iter().find(|f| f.path.ends_with("client.rs")).map(|f| f.contents.as_str()).unwrap_or("");
    assert!(client.contains("fn get_pet"), "{client}");
}

/// A scratch directory of spec files, removed when dropped.
#[test]
fn file_urls_name_absolute_paths() {
    let scratch = Scratch::new("file-url", &[("pet.yaml", "type: object\nproperties:\n  name: {type: string}\n")]);
    let absolute = std::fs::canonicalize(scratch.path("pet.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let url = format!("file://{}", absolute.display()).replace(' ', "%20");
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Pet: {{$ref: '{url}'}}\n    Far: {{$ref: 'file://elsewhere.example/pet.yaml'}}\n"
    );
    std::fs::write(scratch.path("spec.yaml"), spec).unwrap_or_else(|e| panic!("{e}"));
    let p = prepared(&scratch.path("spec.yaml"));
    assert_eq!(fields(&p, "Pet"), [("name".into(), opt(Ty::String))]);
    let warnings = messages(&p, Severity::Warning);
    assert!(warnings.iter().any(|m| m.contains("is no file path here")), "{warnings:?}");
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("smelt-multi-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap_or(&dir)).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        }
        Scratch(dir)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

#[test]
fn renames_clashing_schemas_and_reuses_identical_ones() {
    let scratch = Scratch::new(
        "clash",
        &[
            (
                "spec.yaml",
                &format!(
                    "{HEAD}components:\n  schemas:\n    Error: {{type: object, properties: {{text: {{type: string}}}}}}\n    Detail: {{type: object, properties: {{field: {{type: string}}}}}}\n    Use:\n      type: object\n      properties:\n        error: {{$ref: 'lib/errors.yaml#/components/schemas/Error'}}\n        detail: {{$ref: 'lib/errors.yaml#/components/schemas/Detail'}}\n"
                ),
            ),
            (
                "lib/errors.yaml",
                "components:\n  schemas:\n    Error: {type: object, properties: {code: {type: integer}}}\n    Detail: {type: object, properties: {field: {type: string}}}\n",
            ),
        ],
    );
    let p = prepared(&scratch.path("spec.yaml"));
    let notes = messages(&p, Severity::Note);
    assert!(
        notes.iter().any(|n| n.contains(
            "the schema `Error` of lib/errors.yaml is imported as `Error_2`: `Error` is already a different schema"
        )),
        "{notes:#?}"
    );
    let use_fields = fields(&p, "Use");
    let error_2 = match &use_fields[0].1 {
        Ty::Option(inner) => match inner.as_ref() {
            Ty::Named(n) => n.clone(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    assert_ne!(error_2, "Error");
    assert_eq!(fields(&p, &error_2), [("code".into(), opt(Ty::I64))]);
    assert_eq!(fields(&p, "Error"), [("text".into(), opt(Ty::String))]);
    // The identical `Detail` is the root's own: no second type.
    assert_eq!(use_fields[1], ("detail".into(), opt(named("Detail"))));
    assert_eq!(p.api.types.len(), 4, "{:?}", p.api.types.iter().map(|t| &t.name).collect::<Vec<_>>());
}

#[test]
fn warns_about_what_cannot_be_resolved_and_leaves_it() {
    let scratch = Scratch::new(
        "broken",
        &[
            (
                "spec.json",
                r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {"All": {"type": "object", "properties": {
    "remote": {"$ref": "https://example.com/schemas/pet.yaml"},
    "garbled": {"$ref": "bad.yaml"},
    "nowhere": {"$ref": "ok.yaml#/components/schemas/Nope"},
    "anchor": {"$ref": "ok.yaml#Pet"},
    "fine": {"$ref": "ok.yaml#/components/schemas/Fine"}
  }}}}}"#,
            ),
            ("bad.yaml", "type: object\nproperties: [unclosed\n"),
            (
                "ok.yaml",
                "components:\n  schemas:\n    Fine:\n      type: object\n      properties:\n        deeper: {$ref: '#/components/schemas/Missing'}\n        root: {$ref: 'spec.json#/components/schemas/All'}\n",
            ),
        ],
    );
    let p = prepared(&scratch.path("spec.json"));
    let warnings = messages(&p, Severity::Warning);
    let has = |needle: &str| assert!(warnings.iter().any(|w| w.contains(needle)), "no `{needle}` in {warnings:#?}");
    has("`$ref: https://example.com/schemas/pet.yaml`: https URLs are not fetched; the reference is left unresolved (at /components/schemas/All/properties/remote/$ref)");
    has("`$ref: bad.yaml`: cannot parse bad.yaml");
    has("`$ref: ok.yaml#/components/schemas/Nope`: ok.yaml has nothing at `#/components/schemas/Nope`");
    has("`$ref: ok.yaml#Pet`: `#Pet` is not a JSON pointer");
    // A problem inside an imported file names that file, line and column.
    has("`$ref: #/components/schemas/Missing`: ok.yaml has nothing at `#/components/schemas/Missing`; the reference is left unresolved (in ok.yaml:6:9)");
    let all = fields(&p, "All");
    let ty =
        |wire: &str| all.iter().find(|(w, _)| w == wire).map(|(_, t)| t.clone()).unwrap_or_else(|| panic!("{wire}"));
    for wire in ["remote", "garbled", "nowhere", "anchor"] {
        assert_eq!(ty(wire), opt(Ty::Json), "{wire}");
    }
    // All → Fine → All is a cycle (boxed).
    assert_eq!(ty("fine"), opt(Ty::Box(Box::new(named("Fine")))));
    // A reference from ok.yaml back into the spec is a local reference of the bundle.
    assert_eq!(
        fields(&p, "Fine"),
        [("deeper".into(), opt(Ty::Json)), ("root".into(), opt(Ty::Box(Box::new(named("All")))))]
    );
    // The unparsable file was read; the missing one was not.
    assert_eq!(
        canonical(&p.sources),
        canonical(&[scratch.path("spec.json"), scratch.path("bad.yaml"), scratch.path("ok.yaml")])
    );
}

#[test]
fn follows_bare_reference_chains_mappings_and_stops_path_item_cycles() {
    let scratch = Scratch::new(
        "chains",
        &[
            (
                "spec.yaml",
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /loop:\n    $ref: 'loop.yaml'\ncomponents:\n  schemas:\n    Animal: {$ref: 'alias.yaml'}\n",
            ),
            ("alias.yaml", "$ref: 'models/animal.yaml'\n"),
            (
                "models/animal.yaml",
                "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\ndiscriminator:\n  propertyName: kind\n  mapping:\n    dog: './dog.yaml'\noneOf:\n  - $ref: './dog.yaml'\n",
            ),
            ("models/dog.yaml", "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\n  barks: {type: boolean}\n"),
            ("loop.yaml", "get:\n  operationId: again\n  responses:\n    '200': {description: ok}\n  callbacks:\n    again:\n      '{$request.body#/url}':\n        $ref: 'loop.yaml'\n"),
        ],
    );
    let p = prepared(&scratch.path("spec.yaml"));
    let mut names: Vec<&str> = p.api.types.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    assert!(names.contains(&"Animal") && names.contains(&"Dog"), "{names:?}");
    assert_eq!(p.api.operations.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), ["again"]);
    let warnings = messages(&p, Severity::Warning);
    assert!(warnings.iter().any(|w| w.contains("`$ref: loop.yaml`: the path item includes itself")), "{warnings:#?}");
}

#[test]
fn rewrites_discriminator_mappings_and_places_fatal_errors_in_their_file() {
    let scratch = Scratch::new(
        "mapping",
        &[
            (
                "spec.yaml",
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      parameters:\n        - $ref: 'p.yaml'\n      responses:\n        '200': {description: ok}\ncomponents:\n  schemas:\n    Animal: {$ref: 'models/animal.yaml'}\n",
            ),
            ("p.yaml", "name: q\nschema:\n  type: string\n"),
            (
                "models/animal.yaml",
                "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\ndiscriminator:\n  propertyName: kind\n  mapping:\n    dog: './dog.yaml'\noneOf:\n  - $ref: './dog.yaml'\n",
            ),
            ("models/dog.yaml", "type: object\nrequired: [kind]\nproperties:\n  kind: {type: string}\n"),
        ],
    );
    let path = scratch.path("spec.yaml");
    let mut value = smelt::load::load_file(&path).unwrap_or_else(|e| panic!("{e}")).value;
    let mut diags = smelt::Diagnostics::default();
    let bundle = smelt::load::bundle::bundle(&path, &mut value, &mut diags);
    assert!(diags.items().is_empty(), "{diags:?}");
    assert_eq!(
        value.pointer("/components/schemas/Animal/discriminator/mapping/dog"),
        Some(&"#/components/schemas/dog".into())
    );
    assert_eq!(value.pointer("/components/schemas/Animal/oneOf/0/$ref"), Some(&"#/components/schemas/dog".into()));
    assert_eq!(value.pointer("/paths/~1x/get/parameters/0/$ref"), Some(&"#/components/parameters/p".into()));
    assert_eq!(bundle.sources.len(), 3);
    let at = |line, column| Some(smelt::load::Location { line, column });
    assert_eq!(bundle.place("/components/parameters/p/schema"), Some(("p.yaml".to_owned(), at(2, 1))));
    // The parameter lacks `in`: the typed stage's fallback drops it, with a warning that names
    // the file it is written in.
    let p = prepared(&path);
    let dropped = messages(&p, Severity::Warning);
    assert!(
        dropped.iter().any(|m| m.contains("missing field `in`; the parameter was dropped (in p.yaml:1:1)")
            && m.contains("(at /components/parameters/p)")),
        "{dropped:?}"
    );
    // The place is data, not only text: the file and the line and column in it.
    let warning = p.diagnostics.iter().find(|d| d.message.contains("missing field `in`")).expect("the warning");
    assert_eq!((warning.file.as_deref(), warning.location), (Some("p.yaml"), at(1, 1)));
}
