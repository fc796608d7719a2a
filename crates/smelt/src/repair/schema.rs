//! Lowering of one schema (and, recursively, its subschemas) to the 3.0 shape `openapiv3` holds.

use serde_json::{Map, Value};

use super::markers::Marker;
use crate::diagnostic::Diagnostics;
use crate::json::kind_of;
use crate::json::push_token;

/// Keywords that `openapiv3` models, so they survive the typed stage.
const KEPT: &[&str] = &[
    "title",
    "description",
    "default",
    "example",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "discriminator",
    "externalDocs",
    "type",
    "format",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "$ref",
];

/// Keywords with no effect on generated code; dropped with a note.
const IGNORED: &[&str] = &[
    "$comment",
    "$schema",
    "$id",
    "$anchor",
    "xml",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "$dynamicAnchor",
];

/// Keywords whose subschemas are lowered too but which smelt does not turn into code yet.
const UNHANDLED_WITH_SUBSCHEMAS: &[&str] = &[
    "patternProperties",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "propertyNames",
    "contains",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$defs",
    "definitions",
];

pub(super) fn repair(value: &mut Value, pointer: &str, diags: &mut Diagnostics) {
    match &mut *value {
        Value::Bool(b) => {
            let b = *b;
            *value = if b { Value::Object(Map::new()) } else { serde_json::json!({ "not": {} }) };
            diags.note(pointer, format!("boolean schema `{b}` written as {}", if b { "`{}`" } else { "`{not: {}}`" }));
        }
        Value::Object(map) => repair_object(map, pointer, diags),
        other => {
            diags.warn(pointer, format!("a schema must be an object, found {}; treated as any value", kind_of(other)))
        }
    }
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
}

fn repair_object(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    recurse(map, pointer, diags);
    lower_prefix_items(map, pointer, diags);
    lower_type_array(map, pointer, diags);
    lower_const(map, pointer, diags);
    lower_exclusive_bounds(map, pointer, diags);
    lower_examples(map, pointer, diags);
    lower_null_member(map, pointer, diags);
    lower_ref_siblings(map, pointer, diags);
    lower_annotation_members(map, pointer, diags);
    repair_discriminator(map, pointer, diags);
    report_unknown(map, pointer, diags);
}

fn recurse(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    for (key, child) in map.iter_mut() {
        let at = push_token(pointer, key);
        match key.as_str() {
            "items"
            | "not"
            | "additionalProperties"
            | "if"
            | "then"
            | "else"
            | "propertyNames"
            | "contains"
            | "unevaluatedProperties"
            | "unevaluatedItems" => {
                if key == "additionalProperties" && child.is_boolean() {
                    continue; // `additionalProperties: true|false` is valid 3.0
                }
                if key == "items" {
                    if let Value::Array(items) = child {
                        // Draft-4 tuple form: keep the first as the item schema, say so.
                        let first = items.first().cloned().unwrap_or(Value::Object(Map::new()));
                        diags.warn(&at, "`items` is a list (tuple form); using its first schema for every item");
                        *child = first;
                    }
                }
                repair(child, &at, diags);
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                if let Value::Array(items) = child {
                    for (i, item) in items.iter_mut().enumerate() {
                        repair(item, &push_token(&at, &i.to_string()), diags);
                    }
                }
            }
            "properties" | "patternProperties" | "dependentSchemas" | "$defs" | "definitions" => {
                if let Value::Object(props) = child {
                    for (name, prop) in props.iter_mut() {
                        repair(prop, &push_token(&at, name), diags);
                    }
                }
            }
            _ => {}
        }
    }
}

/// 3.1 `type: [T, "null"]` → `type: T, nullable: true`; several non-null types → `anyOf`.
fn lower_type_array(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(types)) = map.get("type") else {
        if map.get("type").and_then(Value::as_str) == Some("null") {
            // `{type: 'null'}` alone: only null is allowed. Kept as a marker the IR understands.
            map.remove("type");
            map.insert(Marker::Null.key().into(), Value::Bool(true));
        }
        return;
    };
    let mut names: Vec<String> = types.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect();
    let nullable = names.iter().any(|t| t == "null");
    names.retain(|t| t != "null");
    let at = push_token(pointer, "type");
    match names.as_slice() {
        [] => {
            map.remove("type");
            if nullable {
                map.insert(Marker::Null.key().into(), Value::Bool(true));
            }
        }
        [one] => {
            map.insert("type".into(), Value::String(one.clone()));
            diags.note(&at, format!("type list lowered to `type: {one}`{}", if nullable { " + nullable" } else { "" }));
        }
        several => {
            map.remove("type");
            let members = several.iter().map(|t| serde_json::json!({ "type": t })).collect();
            map.insert("anyOf".into(), Value::Array(members));
            diags.note(&at, format!("type list [{}] lowered to anyOf", several.join(", ")));
        }
    }
    if nullable {
        map.insert("nullable".into(), Value::Bool(true));
    }
}

/// 3.1 `prefixItems: [A, B]` (a tuple) → `items: {oneOf: [A, B]}` marked [`Marker::Tuple`], which the
/// IR reads back as the Rust tuple `(A, B)`.
fn lower_prefix_items(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(members)) = map.remove("prefixItems") else { return };
    let at = push_token(pointer, "prefixItems");
    let extra = map.remove("items");
    let closed = extra.as_ref().is_none_or(|i| *i == serde_json::json!({ "not": {} }));
    let n = members.len();
    let mut tuple = Map::new();
    tuple.insert("oneOf".into(), Value::Array(members));
    tuple.insert(Marker::Tuple.key().into(), Value::Bool(true));
    map.insert("type".into(), Value::String("array".into()));
    map.insert("items".into(), Value::Object(tuple));
    if closed {
        diags.note(&at, format!("`prefixItems` lowered to a tuple of {n}"));
    } else {
        diags.warn(
            &at,
            format!("`prefixItems` with further `items` read as a tuple of {n}; items beyond them are not kept"),
        );
    }
}

/// `const: V` → `enum: [V]` (plus the type it implies), which `openapiv3` keeps.
fn lower_const(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(value) = map.remove("const") else { return };
    let at = push_token(pointer, "const");
    if let Some(existing) = map.get("enum") {
        if existing.as_array().is_some_and(|e| !e.contains(&value)) {
            diags.warn(&at, "`const` is not among the `enum` values; using `const`");
        }
    }
    if !map.contains_key("type") {
        let implied = match &value {
            Value::String(_) => Some("string"),
            Value::Bool(_) => Some("boolean"),
            Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
            Value::Number(_) => Some("number"),
            _ => None,
        };
        if let Some(t) = implied {
            map.insert("type".into(), Value::String(t.into()));
        }
    }
    map.insert("enum".into(), Value::Array(vec![value]));
    diags.note(&at, "`const` lowered to a one-value `enum`");
}

/// 3.1 numeric `exclusiveMinimum: n` → `minimum: n, exclusiveMinimum: true` (likewise maximum).
fn lower_exclusive_bounds(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    for (exclusive, inclusive) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(Value::Number(n)) = map.get(exclusive).cloned() {
            map.insert(inclusive.into(), Value::Number(n));
            map.insert(exclusive.into(), Value::Bool(true));
            diags.note(
                push_token(pointer, exclusive),
                format!("numeric `{exclusive}` lowered to `{inclusive}` + `{exclusive}: true`"),
            );
        }
    }
}

/// 3.1 `examples: [..]` → `example` (the first); an example has no effect on generated code.
fn lower_examples(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(examples) = map.remove("examples") else { return };
    let first = match examples {
        Value::Array(list) => list.into_iter().next(),
        _ => None,
    };
    let message = match first {
        Some(first) if !map.contains_key("example") => {
            map.insert("example".into(), first);
            "`examples` kept as `example` (the first); the others are dropped"
        }
        _ => "`examples` dropped: an example has no effect on generated code",
    };
    diags.note(push_token(pointer, "examples"), message);
}

/// `anyOf`/`oneOf` with a `{type: 'null'}` member → the other members, made nullable.
fn lower_null_member(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = map.get_mut(key) else { continue };
        let before = members.len();
        members.retain(|m| !is_null_schema(m));
        if members.len() == before {
            continue;
        }
        let at = push_token(pointer, key);
        map.insert("nullable".into(), Value::Bool(true));
        let Some(Value::Array(members)) = map.get(key) else { continue };
        if members.len() == 1 {
            let only = members[0].clone();
            map.remove(key);
            merge_single_member(map, only);
            diags.note(&at, format!("`{key}` of one schema and null lowered to that schema, nullable"));
        } else if members.is_empty() {
            map.remove(key);
            map.insert(Marker::Null.key().into(), Value::Bool(true));
        } else {
            diags.note(&at, format!("null member of `{key}` lowered to `nullable`"));
        }
    }
}

fn is_null_schema(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        Marker::Null.is_set(|k| m.get(k))
            && !m.keys().any(|k| k != Marker::Null.key() && k != "title" && k != "description")
    })
}

/// Puts the single non-null member's content into `map`. A `$ref` member becomes `allOf: [{$ref}]`
/// so the reference and the parent's own keywords (nullable, description, default) both survive.
fn merge_single_member(map: &mut Map<String, Value>, member: Value) {
    let Value::Object(member) = member else { return };
    if member.contains_key("$ref") && member.len() == 1 {
        map.insert("allOf".into(), Value::Array(vec![Value::Object(member)]));
        return;
    }
    for (k, v) in member {
        // The parent's annotations (title, description, default) describe the property: keep them.
        map.entry(k).or_insert(v);
    }
}

/// `$ref` with siblings (legal in 3.1): `openapiv3` would drop the siblings, so wrap the reference.
fn lower_ref_siblings(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    if !map.contains_key("$ref") || map.len() == 1 {
        return;
    }
    let Some(reference) = map.remove("$ref") else { return };
    let mut wrapped = Map::new();
    wrapped.insert("$ref".into(), reference);
    match map.get_mut("allOf") {
        Some(Value::Array(all)) => all.insert(0, Value::Object(wrapped)),
        _ => {
            map.insert("allOf".into(), Value::Array(vec![Value::Object(wrapped)]));
        }
    }
    let siblings: Vec<&str> = map.keys().filter(|k| *k != "allOf").map(String::as_str).collect();
    diags.note(
        push_token(pointer, "$ref"),
        format!("`$ref` with siblings ({}) wrapped in `allOf` to keep them", siblings.join(", ")),
    );
}

/// Keywords that describe a value without constraining it.
const ANNOTATIONS: &[&str] =
    &["title", "description", "default", "example", "deprecated", "readOnly", "writeOnly", "nullable", "externalDocs"];

/// `allOf: [{$ref: X}, {description: …}]` (how 3.0 specs, AWS's among them, annotate a reference):
/// members that only annotate are folded into the schema itself, so the reference stays `X`
/// instead of becoming a struct that copies X's fields. The schema's own annotations win.
fn lower_annotation_members(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(members)) = map.get_mut("allOf") else { return };
    let only_annotates = |m: &Value| {
        m.as_object().is_some_and(|o| o.keys().all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-")))
    };
    if members.len() < 2 || !members.iter().any(only_annotates) || members.iter().all(only_annotates) {
        return;
    }
    let mut folded = Vec::new();
    let mut kept = Vec::new();
    for (i, member) in std::mem::take(members).into_iter().enumerate() {
        if only_annotates(&member) {
            folded.push((i, member));
        } else {
            kept.push(member);
        }
    }
    *members = kept;
    for (i, member) in folded {
        let Value::Object(member) = member else { continue };
        let keys: Vec<String> = member.keys().cloned().collect();
        for (k, v) in member {
            map.entry(k).or_insert(v);
        }
        let at = push_token(&push_token(pointer, "allOf"), &i.to_string());
        let what = if keys.is_empty() {
            "an empty schema".to_owned()
        } else {
            format!("only annotations ({})", keys.join(", "))
        };
        diags.note(at, format!("allOf member with {what} folded into the schema"));
    }
}

/// Mapping values written as `{$ref: X}` objects (as some doc sites publish them) → `X`.
fn repair_discriminator(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(Value::Object(disc)) = map.get_mut("discriminator") else { return };
    let disc_at = push_token(pointer, "discriminator");
    let Some(Value::Object(mapping)) = disc.get_mut("mapping") else { return };
    let mapping_at = push_token(&disc_at, "mapping");
    let mut dropped = Vec::new();
    for (key, value) in mapping.iter_mut() {
        let at = push_token(&mapping_at, key);
        match value {
            Value::String(_) => {}
            Value::Object(obj) if obj.get("$ref").is_some_and(Value::is_string) => {
                let target = obj.get("$ref").cloned().unwrap_or(Value::Null);
                diags.warn(
                    &at,
                    format!("mapping value is an object `{{$ref: {target}}}`, not a string; read as {target}"),
                );
                *value = target;
            }
            other => {
                diags.warn(&at, format!("mapping value is {}, not a reference string; entry ignored", kind_of(other)));
                dropped.push(key.clone());
            }
        }
    }
    for key in dropped {
        mapping.shift_remove(&key);
    }
}

fn report_unknown(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let mut dropped = Vec::new();
    for key in map.keys() {
        if key.starts_with("x-") || KEPT.contains(&key.as_str()) {
            continue;
        }
        let at = push_token(pointer, key);
        if IGNORED.contains(&key.as_str()) {
            diags.note(&at, format!("`{key}` has no effect on generated code; ignored"));
        } else if UNHANDLED_WITH_SUBSCHEMAS.contains(&key.as_str()) {
            diags.warn(&at, format!("`{key}` is not supported yet; the schema is generated without it"));
        } else {
            diags.warn(&at, format!("unknown schema keyword `{key}`; ignored"));
        }
        dropped.push(key.clone());
    }
    // The diagnostic above names each: nothing past repair reads them.
    for key in dropped {
        map.remove(&key);
    }
}
