//! Keyword values of the wrong JSON type: `required: "true"`, `minLength: "5"`,
//! `deprecated: "false"`, `enum: abc`, `type: 123`, `version: 1.0`. `openapiv3` deserializes each
//! keyword into one Rust type and fails the whole document on any other JSON type. A small table
//! says which keyword of which object expects which JSON type; a value of another type is read as
//! that type when its text says what it means (`"false"` → `false`, `"5"` → `5`, `1.0` → `"1.0"`,
//! `abc` → `[abc]`), else dropped. Required text that is missing or unusable becomes empty text.
//! A warning at the keyword every time. Data (`example`, `default`) takes any JSON and is not here.

use serde_json::{Map, Number, Value};

use super::shape::{self, Kind};
use super::texts::is_text;
use crate::diagnostic::Diagnostics;
use crate::json::kind_of;
use crate::json::push_token;

/// The JSON type a keyword's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Bool,
    Text,
    /// One of JSON Schema's type names: a number or a boolean is no name.
    TypeName,
    /// A number (bounds, `multipleOf`).
    Number,
    /// A non-negative whole number (`minLength`…); a numeric string becomes the number and
    /// `repair::numbers` checks its range.
    Count,
    /// A list; a single value stands for a list of one.
    List,
    Object,
}

use Expect::{Bool, Count, List, Number as Num, Object, Text, TypeName};

/// Which keyword of which kind of object expects which JSON type (besides the text keywords of
/// [`is_text`], all `Text`).
const TABLE: &[(&[Kind], &[&str], Expect)] = &[
    (
        &[Kind::Schema],
        &["nullable", "readOnly", "writeOnly", "deprecated", "uniqueItems", "exclusiveMinimum", "exclusiveMaximum"],
        Bool,
    ),
    (&[Kind::Schema], &["type"], TypeName),
    (&[Kind::Schema], &["format", "pattern"], Text),
    (&[Kind::Schema], &["minimum", "maximum", "multipleOf"], Num),
    (&[Kind::Schema], &["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"], Count),
    (&[Kind::Schema], &["enum", "allOf", "oneOf", "anyOf"], List),
    (&[Kind::Schema], &["properties", "discriminator"], Object),
    (
        &[Kind::Parameter, Kind::Header],
        &["required", "deprecated", "allowEmptyValue", "explode", "allowReserved"],
        Bool,
    ),
    (&[Kind::Parameter], &["name", "in", "style"], Text),
    (&[Kind::Header], &["style"], Text),
    (&[Kind::Parameter, Kind::Header, Kind::RequestBody, Kind::Response], &["content"], Object),
    (&[Kind::Operation], &["deprecated"], Bool),
    (&[Kind::Operation], &["operationId"], Text),
    (&[Kind::Operation], &["tags", "parameters", "servers", "security"], List),
    (&[Kind::Operation], &["responses", "callbacks"], Object),
    (&[Kind::PathItem], &["parameters", "servers"], List),
    (&[Kind::RequestBody], &["required"], Bool),
    (&[Kind::Response], &["headers", "links"], Object),
    (&[Kind::Info], &["version"], Text),
    (&[Kind::Info], &["contact", "license"], Object),
    (&[Kind::Document], &["servers", "tags", "security"], List),
    (&[Kind::Document], &["info", "paths", "components"], Object),
    (&[Kind::Server], &["url"], Text),
    (&[Kind::Server], &["variables"], Object),
    (&[Kind::Tag], &["name"], Text),
    (&[Kind::ExternalDocs], &["url"], Text),
    (&[Kind::License], &["name", "url"], Text),
    (&[Kind::Contact], &["name", "url", "email"], Text),
    (&[Kind::Discriminator], &["propertyName"], Text),
    (&[Kind::Discriminator], &["mapping"], Object),
    (&[Kind::MediaType], &["schema", "examples", "encoding"], Object),
];

/// Text `openapiv3` requires: missing or unusable, it becomes empty text.
const REQUIRED_TEXT: &[(Kind, &str)] = &[
    (Kind::Info, "title"),
    (Kind::Info, "version"),
    (Kind::Response, "description"),
    (Kind::Server, "url"),
    (Kind::Tag, "name"),
    (Kind::ExternalDocs, "url"),
    (Kind::License, "name"),
    (Kind::Parameter, "name"),
    (Kind::Discriminator, "propertyName"),
];

/// Required text real documents leave out.
const MISSING_TEXT: &[(Kind, &str)] =
    &[(Kind::Info, "title"), (Kind::Info, "version"), (Kind::Response, "description")];

/// Objects `openapiv3` requires: unusable, they become empty.
const REQUIRED_OBJECT: &[(Kind, &str)] =
    &[(Kind::Document, "info"), (Kind::Document, "paths"), (Kind::Operation, "responses")];

fn expect(kind: Kind, key: &str) -> Option<Expect> {
    if is_text(kind, key) {
        return Some(Text);
    }
    TABLE.iter().find(|(kinds, keys, _)| kinds.contains(&kind) && keys.contains(&key)).map(|(_, _, e)| *e)
}

pub(super) fn repair(doc: &mut Value, diags: &mut Diagnostics) {
    shape::visit(doc, &mut |place, map| {
        if map.get("$ref").is_some_and(Value::is_string) && place.kind != Kind::Schema {
            return;
        }
        if place.kind == Kind::Schema {
            property_required(map, place.pointer, diags);
            own_required(map, place.pointer, diags);
        }
        let keys: Vec<String> = map.keys().cloned().collect();
        for key in keys {
            let Some(expected) = expect(place.kind, &key) else { continue };
            let Some(value) = map.get(&key) else { continue };
            if fits(value, expected) {
                continue;
            }
            let at = push_token(place.pointer, &key);
            let found = describe(value);
            match coerce(value, expected) {
                Some(read) => {
                    diags.warn(
                        &at,
                        format!("`{key}` must be {}, found {found}; read as {}", name(expected), short(&read)),
                    );
                    map.insert(key, read);
                }
                None if expected == Text && REQUIRED_TEXT.contains(&(place.kind, key.as_str())) => {
                    diags.warn(&at, format!("`{key}` must be text, found {found}; read as empty text"));
                    map.insert(key, Value::String(String::new()));
                }
                None if expected == Object && REQUIRED_OBJECT.contains(&(place.kind, key.as_str())) => {
                    diags.warn(&at, format!("`{key}` must be an object, found {found}; read as empty"));
                    map.insert(key, Value::Object(Map::new()));
                }
                None => {
                    diags.warn(&at, format!("`{key}` must be {}, found {found}; `{key}` was dropped", name(expected)));
                    map.shift_remove(&key);
                }
            }
        }
        for (kind, key) in MISSING_TEXT {
            if place.kind == *kind && !map.contains_key(*key) {
                diags.warn(
                    place.pointer,
                    format!("the {} has no `{key}`, which is required; read as empty text", kind.what()),
                );
                map.insert((*key).to_owned(), Value::String(String::new()));
            }
        }
    });
}

/// `required: true` on a property (Swagger 2.0's and JSON Schema draft 3's way): the parent's
/// `required` list is what says so in OpenAPI 3, so the property's name moves there.
fn property_required(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let mut lifted = Vec::new();
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        let at = push_token(pointer, "properties");
        for (name, property) in properties.iter_mut() {
            let Value::Object(property) = property else { continue };
            // Only a yes/no is the property's own flag; a name or a list is the property's
            // `required` as a schema (an object property), which `own_required` checks.
            let Some(value) = property.get("required") else { continue };
            let Some(truthy) = as_bool(value) else { continue };
            let found = describe(value);
            property.shift_remove("required");
            let at = push_token(&push_token(&at, name), "required");
            match truthy {
                true => {
                    diags.warn(at, format!("`required` must be a list of property names, found {found}; read as `{name}` listed in the parent's `required`"));
                    lifted.push(Value::String(name.clone()));
                }
                false => diags.warn(at, format!("`required` must be a list of property names, found {found}; read as not required, `required` was dropped")),
            }
        }
    }
    if lifted.is_empty() {
        return;
    }
    match map.get_mut("required") {
        Some(Value::Array(list)) => {
            for name in lifted {
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
        _ => {
            // A non-list `required` here is reported (and dropped) by the table next.
            if !map.contains_key("required") {
                map.insert("required".into(), Value::Array(lifted));
            }
        }
    }
}

/// A schema's own `required`: a list of property names. A single name stands for a list of one;
/// a yes/no says nothing about which properties (the parent lifted the ones on properties).
fn own_required(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    let at = push_token(pointer, "required");
    match map.get_mut("required") {
        None | Some(Value::Array(_)) => {}
        Some(Value::String(s)) if as_bool(&Value::String(s.clone())).is_none() => {
            let name = std::mem::take(s);
            diags.warn(
                &at,
                format!("`required` must be a list of property names, found `{name:?}`; read as a list of one"),
            );
            map.insert("required".into(), Value::Array(vec![Value::String(name)]));
        }
        Some(other) => {
            let found = describe(other);
            diags.warn(
                &at,
                format!("`required` must be a list of property names, found {found}; `required` was dropped"),
            );
            map.shift_remove("required");
        }
    }
    if let Some(Value::Array(list)) = map.get_mut("required") {
        let before = list.len();
        list.retain(Value::is_string);
        if list.len() < before {
            diags.warn(
                at,
                format!(
                    "`required` must list property names; {} entries that are not text were dropped",
                    before - list.len()
                ),
            );
        }
    }
}

fn fits(value: &Value, expected: Expect) -> bool {
    match expected {
        Bool => value.is_boolean(),
        Text | TypeName => value.is_string(),
        Num | Count => value.is_number(),
        List => value.is_array(),
        Object => value.is_object(),
    }
}

/// What `value` reads as when `expected`, if its text says.
fn coerce(value: &Value, expected: Expect) -> Option<Value> {
    match (expected, value) {
        (_, Value::Null) => None,
        (Bool, v) => as_bool(v).map(Value::Bool),
        (Text, Value::Number(n)) => Some(Value::String(n.to_string())),
        (Text, Value::Bool(b)) => Some(Value::String(b.to_string())),
        (Num | Count, Value::String(s)) => number(s.trim()).map(Value::Number),
        (List, Value::Array(_)) => None,
        (List, v) => Some(Value::Array(vec![v.clone()])),
        _ => None,
    }
}

fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" | "" => Some(false),
            _ => None,
        },
        Value::Number(n) if n.as_u64() == Some(1) => Some(true),
        Value::Number(n) if n.as_u64() == Some(0) => Some(false),
        _ => None,
    }
}

fn number(text: &str) -> Option<Number> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(i.into());
    }
    if let Ok(u) = text.parse::<u64>() {
        return Some(u.into());
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

fn name(expected: Expect) -> &'static str {
    match expected {
        Bool => "a boolean",
        Text => "text",
        TypeName => "a type name",
        Num => "a number",
        Count => "a whole number",
        List => "a list",
        Object => "an object",
    }
}

/// The value as written in a message: scalars as JSON, containers by kind.
fn describe(value: &Value) -> String {
    match value {
        Value::Array(_) | Value::Object(_) => kind_of(value).to_owned(),
        scalar => format!("`{scalar}`"),
    }
}

fn short(value: &Value) -> String {
    match value {
        Value::Array(items) if items.len() == 1 => format!("a list of one, `[{}]`", short_scalar(&items[0])),
        other => format!("`{}`", short_scalar(other)),
    }
}

fn short_scalar(value: &Value) -> String {
    match value {
        Value::Array(_) | Value::Object(_) => kind_of(value).to_owned(),
        scalar => scalar.to_string(),
    }
}
