//! Where `openapiv3` is stricter than real documents, the spec still generates: each case is a
//! fixture under `fixtures/typed/`, and each repair a warning at its pointer.

use std::path::{Path, PathBuf};

use smelt::ir::{Ty, TypeKind};
use smelt::pipeline::{prepare, Prepared};
use smelt::Severity;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/typed").join(name)
}

fn prepared(name: &str) -> Prepared {
    prepare(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// Every warning as `(pointer, message)`, in document order.
fn warnings(p: &Prepared) -> Vec<(&str, &str)> {
    p.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect()
}

/// `(wire name, type)` of each field of the struct `name`.
fn fields(p: &Prepared, name: &str) -> Vec<(String, Ty)> {
    let names: Vec<&str> = p.api.types.iter().map(|t| t.name.as_str()).collect();
    let def = p.api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name} in {names:?}"));
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| (f.wire.clone(), f.ty.clone())).collect(),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

#[test]
fn numbers_out_of_range_are_dropped_or_made_whole() {
    let p = prepared("numbers.yaml");
    let at = "/components/schemas/Limits/properties";
    assert_eq!(
        warnings(&p),
        [
            (
                &*format!("{at}/unsigned/maximum"),
                "`maximum` is 1.8446744073709552e+19, beyond the range of 64-bit integers \
                 (-9223372036854775808..=18446744073709551615), which no integer type holds; `maximum` was dropped"
            ),
            (
                &*format!("{at}/signed/minimum"),
                "`minimum` is -1.8446744073709552e+19, beyond the range of 64-bit integers \
                 (-9223372036854775808..=18446744073709551615), which no integer type holds; `minimum` was dropped"
            ),
            (
                &*format!("{at}/name/maxLength"),
                "`maxLength` is 1.8446744073709552e+19: it is beyond the largest count (18446744073709551615), so \
                 it limits nothing here; `maxLength` was dropped"
            ),
            (
                &*format!("{at}/name/minLength"),
                "`minLength` is -1: a count cannot be negative; `minLength` was dropped"
            ),
            (&*format!("{at}/tags/maxItems"), "`maxItems` must be a whole count, found 5.5; read as 5"),
        ]
    );
    assert_eq!(fields(&p, "Limits").len(), 4);
}

#[test]
fn refs_as_text_take_the_text_or_are_dropped() {
    let p = prepared("ref-as-text.yaml");
    assert_eq!(
        warnings(&p),
        [
            (
                "/info/description",
                "`description` is `{$ref: #/components/x-texts/intro}`, not text; the text it names is used"
            ),
            (
                "/paths/~1items/get/summary",
                "`summary` is `{$ref: texts.yaml#/summary}`, not text; the text it names in texts.yaml is used"
            ),
            (
                "/paths/~1items/get/description",
                "`description` is `{$ref: #/components/x-texts/missing}`, not text, and it names no text in the \
                 document; `description` was dropped"
            ),
        ]
    );
    assert_eq!(p.api.description.as_deref(), Some("The items service."));
    let docs: Vec<Option<&str>> = p.api.operations.iter().map(|o| o.doc.as_deref()).collect();
    assert_eq!(docs, [Some("List every item")]);
    assert!(p.sources.iter().any(|s| s.ends_with("texts.yaml")), "{:?}", p.sources);
}

#[test]
fn keyword_values_of_the_wrong_json_type_are_read_or_dropped() {
    let p = prepared("wrong-types.yaml");
    let at = "/components/schemas/Item/properties";
    assert_eq!(
        warnings(&p),
        [
            ("/info/version", "`version` must be text, found `1.0`; read as `\"1.0\"`"),
            ("/paths/~1items/get/deprecated", "`deprecated` must be a boolean, found `\"false\"`; read as `false`"),
            (
                &*format!("{at}/id/required"),
                "`required` must be a list of property names, found `\"true\"`; read as `id` listed in the parent's `required`"
            ),
            (&*format!("{at}/id/minLength"), "`minLength` must be a whole number, found `\"5\"`; read as `5`"),
            (&*format!("{at}/kind/enum"), "`enum` must be a list, found `\"abc\"`; read as a list of one, `[\"abc\"]`"),
            (&*format!("{at}/other/type"), "`type` must be a type name, found `123`; `type` was dropped"),
        ]
    );
    let item = fields(&p, "Item");
    let id = item.iter().find(|(wire, _)| wire == "id").map(|(_, ty)| ty);
    assert!(matches!(id, Some(ty) if !matches!(ty, Ty::Option(_))), "`id` is required now: {item:?}");
}

#[test]
fn refs_where_the_typed_model_takes_none_are_copied_in() {
    let p = prepared("callbacks-as-ref.yaml");
    let copied = |what: &str, r: &str| {
        format!("`$ref: {r}`: a {what} cannot be a reference here (the typed model takes none); the {what} it names is copied in")
    };
    let media = copied("media type", "#/components/requestBodies/Subscription/content/application~1json");
    let callback = copied("callback", "#/components/callbacks/Event");
    let path_item = copied("path item", "#/components/x-paths/delivery");
    assert_eq!(
        warnings(&p),
        [
            ("/paths/~1subscribe/post/requestBody/content/application~1json/$ref", media.as_str()),
            ("/paths/~1subscribe/post/callbacks/onEvent/$ref", callback.as_str()),
            ("/components/callbacks/Event/{$request.body#~1url}/$ref", path_item.as_str()),
        ]
    );
    // The media type's schema and the callback's payload (behind two references) are types now.
    assert_eq!(fields(&p, "PostSubscribeBody").len(), 1);
    assert_eq!(fields(&p, "PostSubscribeOnEventCallbackPayload").len(), 1);
}

#[test]
fn the_fallback_repairs_what_nothing_targets_and_retries() {
    let p = prepared("fallback-retry.yaml");
    assert_eq!(
        warnings(&p),
        [
            (
                "/paths/~1items/get/parameters/0/style",
                "does not fit the typed model: unknown variant `weird`, expected one of `form`, `spaceDelimited`, \
                 `pipeDelimited`, `deepObject`; `style` was dropped"
            ),
            (
                "/paths/~1items/get/parameters/1",
                "does not fit the typed model: unknown variant `body`, expected one of `query`, `header`, `path`, \
                 `cookie`; the parameter was dropped"
            ),
            (
                "/components/securitySchemes/magic",
                "does not fit the typed model: unknown variant `magic`, expected one of `apiKey`, `http`, `oauth2`, \
                 `openIdConnect`; the security scheme was dropped"
            ),
        ]
    );
    let params: Vec<&str> = p.api.operations.iter().flat_map(|o| o.params.iter().map(|p| p.wire.as_str())).collect();
    assert_eq!(params, ["a", "c"]);
}

#[test]
fn the_fallback_gives_up_after_20_repairs_listing_each() {
    let err = prepare(&fixture("fallback-gives-up.yaml")).map(|_| ()).unwrap_err();
    let smelt::Error::Invalid { pointer, message, location, .. } = err else { panic!("{err}") };
    assert_eq!(pointer, "/paths/~1items/get/parameters/20");
    assert_eq!(location, Some(smelt::load::Location { line: 28, column: 11 }));
    let tried: Vec<String> = (0..20).map(|i| format!("/paths/~1items/get/parameters/{i}/style")).collect();
    let expected = format!(
        "unknown variant `weird`, expected one of `form`, `spaceDelimited`, `pipeDelimited`, `deepObject`; \
         the document still does not fit the typed model after 20 repairs (at {}), and smelt gives up",
        tried.join(", ")
    );
    assert_eq!(message, expected);
}
