//! `$ref` where `openapiv3` takes none: an operation's callbacks, the path items of a callback,
//! media types, encodings, and the other objects it models as plain `T` rather than
//! `ReferenceOr<T>`. There the typed parse fails (a callback reads `$ref` as a path expression) or,
//! worse, drops the reference without a word (a path item or media type ignores unknown keys). A
//! local reference is replaced by a copy of what it names (keys beside the `$ref` win, as bundling
//! does); one that names nothing usable is dropped. Either way a warning at the `$ref`.
//!
//! References to other files were made local by bundling; one it could not resolve is dropped here.

use serde_json::Value;

use super::shape::{self, Kind, Refs};
use crate::diagnostic::Diagnostics;
use crate::json::push_token;

/// Copies of copies stop here: a callback whose path item refers back to the callback.
const MAX_ROUNDS: usize = 8;
/// Chains of bare references (`A: {$ref: B}`, `B: {$ref: C}`) longer than this are given up.
const MAX_CHAIN: usize = 32;

pub(super) fn repair(doc: &mut Value, diags: &mut Diagnostics) {
    for round in 0..=MAX_ROUNDS {
        let found = misplaced(doc);
        if found.is_empty() {
            return;
        }
        // Last first: a reference inside what another one names (a component callback's path
        // item) is resolved before that is copied, so the copy needs nothing more.
        for (pointer, kind, reference) in found.into_iter().rev() {
            let at = push_token(&pointer, "$ref");
            let target =
                if round == MAX_ROUNDS { Err("it includes itself".to_owned()) } else { follow(doc, &reference) };
            let Some(Value::Object(node)) = doc.pointer_mut(&pointer) else { continue };
            node.shift_remove("$ref");
            let what = kind.what();
            match target {
                Ok(Value::Object(content)) => {
                    let siblings = std::mem::replace(node, content);
                    node.extend(siblings);
                    diags.warn(at, format!("`$ref: {reference}`: a {what} cannot be a reference here (the typed model takes none); the {what} it names is copied in"));
                }
                Ok(other) => diags.warn(
                    at,
                    format!(
                        "`$ref: {reference}` names {}, not a {what}; the reference is dropped",
                        crate::json::kind_of(&other)
                    ),
                ),
                Err(why) => diags.warn(
                    at,
                    format!(
                        "`$ref: {reference}`: a {what} cannot be a reference here and {why}; the reference is dropped"
                    ),
                ),
            }
        }
    }
}

/// Every object with a `$ref` where none is taken: its pointer, kind and reference.
fn misplaced(doc: &mut Value) -> Vec<(String, Kind, String)> {
    let mut found = Vec::new();
    shape::visit(doc, &mut |place, map| {
        if place.refs == Refs::NotTaken && place.kind != Kind::Document {
            if let Some(Value::String(r)) = map.get("$ref") {
                found.push((place.pointer.to_owned(), place.kind, r.clone()));
            }
        }
    });
    found
}

/// A copy of the node `reference` names, through chains of bare references.
fn follow(doc: &Value, reference: &str) -> Result<Value, String> {
    let mut reference = reference.to_owned();
    for _ in 0..MAX_CHAIN {
        if !reference.starts_with('#') {
            return Err("it names another file that could not be read".to_owned());
        }
        let Some(node) = shape::resolve(doc, &reference) else { return Err("it points at nothing".to_owned()) };
        match node.as_object().map(|m| (m.len(), m.get("$ref"))) {
            Some((1, Some(Value::String(next)))) => reference = next.clone(),
            _ => return Ok(node.clone()),
        }
    }
    Err("it leads to references that loop".to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map};

    use super::*;

    #[test]
    fn copies_callbacks_and_drops_what_names_nothing() {
        let mut doc = json!({"openapi": "3.0.3", "paths": {"/a": {"post": {
            "callbacks": {"ev": {"$ref": "#/components/callbacks/Ev"}, "gone": {"$ref": "#/components/callbacks/No"}},
            "responses": {},
        }}}, "components": {"callbacks": {"Ev": {"{$url}": {"post": {"responses": {}}}}}}});
        let mut diags = Diagnostics::default();
        repair(&mut doc, &mut diags);
        assert_eq!(doc.pointer("/paths/~1a/post/callbacks/ev"), Some(&json!({"{$url}": {"post": {"responses": {}}}})));
        assert_eq!(doc.pointer("/paths/~1a/post/callbacks/gone"), Some(&Map::new().into()));
        let pointers: Vec<&str> = diags.items().iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/paths/~1a/post/callbacks/gone/$ref", "/paths/~1a/post/callbacks/ev/$ref"]);
    }

    #[test]
    fn a_self_including_copy_ends() {
        let mut doc = json!({"paths": {"/a": {"get": {"responses": {"200": {"description": "d", "content": {
            "application/json": {"$ref": "#/paths/~1a/get/responses/200/content"},
        }}}}}}});
        let mut diags = Diagnostics::default();
        repair(&mut doc, &mut diags);
        assert!(!diags.items().is_empty());
    }
}
