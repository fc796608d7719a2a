//! The typed parse ([`crate::document::parse`]) is never fatal on its own: behind the targeted
//! repairs, whatever still does not fit `openapiv3` is found, repaired (lowered, or dropped) with a
//! warning naming what was lost, and the parse retried, at most [`MAX_RETRIES`] times; then the
//! document is refused, every place tried listed.
//!
//! `serde_path_to_error` loses its path inside `openapiv3`'s untagged enums (every `ReferenceOr`,
//! every schema), so its pointer is often only `/paths` or `/components/schemas/A`. The culprit is
//! found by parsing the tree again part by part, each object as the type it stands for (by
//! `shape`): the deepest object that does not fit while every object inside it does. In it, the
//! keyword the error names, else the one whose removal makes the object fit, is repaired; when no
//! single keyword is to blame, the object itself is dropped from its map or list. Each retry
//! repairs a place not repaired before, so the loop ends.

use serde_json::{Map, Value};

use super::markers::Marker;
use super::shape::{self, Kind, Refs, Slot};
use crate::diagnostic::Diagnostics;
use crate::json::{fits_as, push_token, Mismatch};

/// Repairs made before the document is refused.
pub const MAX_RETRIES: usize = 20;

/// Repairs one place of `value` that does not fit the typed model (the parse failed with
/// `error`), not one of those `repaired` before; returns its pointer, or the refusal when nothing
/// is left to try.
pub fn repair_one(
    value: &mut Value,
    error: Mismatch,
    repaired: &[String],
    diags: &mut Diagnostics,
) -> Result<String, Mismatch> {
    let culprit = find(value, Kind::Document, Refs::NotTaken, "");
    let fix = culprit.as_ref().and_then(|c| plan(value, c));
    let fix = match fix {
        Some(fix) if repaired.len() < MAX_RETRIES && !repaired.contains(&fix.pointer) => fix,
        _ => return Err(refuse(error, culprit, repaired)),
    };
    apply(value, &fix, diags);
    Ok(fix.pointer)
}

/// The deepest object that does not fit its type while everything inside it does.
struct Culprit {
    pointer: String,
    kind: Kind,
    refs: Refs,
    error: Mismatch,
}

fn find(value: &Value, kind: Kind, refs: Refs, pointer: &str) -> Option<Culprit> {
    let error = fits(kind, refs, value).err()?;
    if let Value::Object(map) = value {
        if !is_ref(map) {
            for (key, child) in map {
                if key.starts_with("x-") && !(kind == Kind::Document && key == Marker::Webhooks.key()) {
                    continue;
                }
                let Some(slot) = shape::slot(kind, key) else { continue };
                let at = push_token(pointer, key);
                let found = match (slot, child) {
                    (Slot::One(k, r), child) if child.is_object() => find(child, k, r, &at),
                    (Slot::List(k, r), Value::Array(items)) => items
                        .iter()
                        .enumerate()
                        .find_map(|(i, item)| find(item, k, r, &push_token(&at, &i.to_string()))),
                    (Slot::Map(k, r), Value::Object(entries)) => entries
                        .iter()
                        .filter(|(name, _)| k == Kind::Schema || !name.starts_with("x-"))
                        .find_map(|(name, entry)| find(entry, k, r, &push_token(&at, name))),
                    _ => None,
                };
                if found.is_some() {
                    return found;
                }
            }
        }
    }
    Some(Culprit { pointer: pointer.to_owned(), kind, refs, error })
}

fn is_ref(map: &Map<String, Value>) -> bool {
    map.get("$ref").is_some_and(Value::is_string)
}

/// Whether `value` deserializes as the `openapiv3` type of `kind` (a `ReferenceOr` where `refs`).
fn fits(kind: Kind, refs: Refs, value: &Value) -> Result<(), Mismatch> {
    fn as_type<T: serde::de::DeserializeOwned>(refs: Refs, value: &Value) -> Result<(), Mismatch> {
        match refs {
            Refs::Taken => fits_as::<openapiv3::ReferenceOr<T>>(value).map(drop),
            Refs::NotTaken => fits_as::<T>(value).map(drop),
        }
    }
    use openapiv3 as o;
    match kind {
        Kind::Document => as_type::<o::OpenAPI>(refs, value),
        Kind::Info => as_type::<o::Info>(refs, value),
        Kind::Contact => as_type::<o::Contact>(refs, value),
        Kind::License => as_type::<o::License>(refs, value),
        Kind::Server => as_type::<o::Server>(refs, value),
        Kind::ServerVariable => as_type::<o::ServerVariable>(refs, value),
        Kind::Components => as_type::<o::Components>(refs, value),
        Kind::PathItem => as_type::<o::PathItem>(refs, value),
        Kind::Operation => as_type::<o::Operation>(refs, value),
        Kind::Parameter => as_type::<o::Parameter>(refs, value),
        Kind::Header => as_type::<o::Header>(refs, value),
        Kind::RequestBody => as_type::<o::RequestBody>(refs, value),
        Kind::Response => as_type::<o::Response>(refs, value),
        Kind::MediaType => as_type::<o::MediaType>(refs, value),
        Kind::Encoding => as_type::<o::Encoding>(refs, value),
        Kind::Example => as_type::<o::Example>(refs, value),
        Kind::Link => as_type::<o::Link>(refs, value),
        Kind::Callback => as_type::<o::Callback>(refs, value),
        Kind::Schema => as_type::<o::Schema>(refs, value),
        Kind::Discriminator => as_type::<o::Discriminator>(refs, value),
        Kind::SecurityScheme => as_type::<o::SecurityScheme>(refs, value),
        Kind::OAuthFlows => as_type::<o::OAuth2Flows>(refs, value),
        Kind::Tag => as_type::<o::Tag>(refs, value),
        Kind::ExternalDocs => as_type::<o::ExternalDocumentation>(refs, value),
        // Checked as part of `OAuthFlows`.
        Kind::OAuthFlow => Ok(()),
    }
}

/// One repair: the value at `pointer` becomes `new` (`None`: removed).
struct Fix {
    pointer: String,
    new: Option<Value>,
    message: String,
    what: String,
}

/// The repair for a culprit: of the keyword to blame, else of the whole object.
fn plan(root: &Value, culprit: &Culprit) -> Option<Fix> {
    let node = root.pointer(&culprit.pointer)?;
    let message = &culprit.error.message;
    let fits_with = |inner: &str, new: Option<&Value>| {
        let mut trial = node.clone();
        set(&mut trial, inner, new.cloned()) && fits(culprit.kind, culprit.refs, &trial).is_ok()
    };
    if let Some(inner) = blamed(node, culprit, &fits_with) {
        let pointer = format!("{}{inner}", culprit.pointer);
        let name = last_token(&inner);
        let old = node.pointer(&inner)?;
        let mut candidates: Vec<(Option<Value>, String)> = Vec::new();
        if matches!(old, Value::Number(_) | Value::Bool(_)) {
            candidates.push((Some(Value::String(old.to_string())), format!("`{name}` was read as the text \"{old}\"")));
        }
        candidates.push((None, format!("`{name}` was dropped")));
        for empty in [Value::String(String::new()), Value::Object(Map::new()), Value::Array(Vec::new())] {
            let shown = if empty.is_string() { "empty text".to_owned() } else { format!("`{empty}`") };
            candidates.push((Some(empty), format!("`{name}` ({}) was replaced by {shown}", crate::json::kind_of(old))));
        }
        let chosen = candidates.iter().find(|(new, _)| fits_with(&inner, new.as_ref()));
        // No single repair makes the object fit (more is wrong in it): dropping the keyword the
        // error named still makes progress; the next retry finds what is left.
        let (new, what) = chosen.cloned().unwrap_or_else(|| (None, format!("`{name}` was dropped")));
        return Some(Fix { pointer, new, message: message.clone(), what });
    }
    // Nothing in it alone is to blame: the object goes, unless it is the document or its paths.
    if culprit.pointer.is_empty() || culprit.pointer == "/paths" {
        return None;
    }
    let (parent, _) = culprit.pointer.rsplit_once('/')?;
    if !root.pointer(parent).is_some_and(|p| p.is_object() || p.is_array()) {
        return None;
    }
    let what = format!("the {} was dropped", culprit.kind.what());
    Some(Fix { pointer: culprit.pointer.clone(), new: None, message: message.clone(), what })
}

/// The keyword of the culprit (a pointer inside it) to blame: where the error points, as deep as
/// that exists; inside that, the one member whose removal makes the object fit (a bad key in a map
/// is the key, not the map).
fn blamed(node: &Value, culprit: &Culprit, fits_with: &dyn Fn(&str, Option<&Value>) -> bool) -> Option<String> {
    let mut deepest = String::new();
    for token in culprit.error.pointer.split('/').skip(1) {
        let next = format!("{deepest}/{token}");
        if node.pointer(&next).is_none() {
            break;
        }
        deepest = next;
    }
    let members: Vec<String> = match node.pointer(&deepest) {
        Some(Value::Object(map)) => map.keys().map(|key| push_token(&deepest, key)).collect(),
        Some(Value::Array(items)) => (0..items.len()).map(|i| format!("{deepest}/{i}")).collect(),
        _ => Vec::new(),
    };
    if let Some(member) = members.into_iter().find(|inner| fits_with(inner, None)) {
        return Some(member);
    }
    (!deepest.is_empty()).then_some(deepest)
}

/// Sets (or with `None` removes) the value at `pointer` inside `root`; whether it was there.
fn set(root: &mut Value, pointer: &str, new: Option<Value>) -> bool {
    let Some((parent, token)) = pointer.rsplit_once('/') else { return false };
    let token = token.replace("~1", "/").replace("~0", "~");
    match (root.pointer_mut(parent), new) {
        (Some(Value::Object(map)), Some(new)) if map.contains_key(&token) => {
            map.insert(token, new);
            true
        }
        (Some(Value::Object(map)), None) => map.shift_remove(&token).is_some(),
        (Some(Value::Array(items)), new) => match token.parse::<usize>() {
            Ok(i) if i < items.len() => {
                match new {
                    Some(new) => items[i] = new,
                    None => {
                        items.remove(i);
                    }
                }
                true
            }
            _ => false,
        },
        _ => false,
    }
}

fn apply(root: &mut Value, fix: &Fix, diags: &mut Diagnostics) {
    set(root, &fix.pointer, fix.new.clone());
    diags.warn(&fix.pointer, format!("does not fit the typed model: {}; {}", fix.message, fix.what));
}

fn last_token(pointer: &str) -> String {
    pointer.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~")
}

fn refuse(error: Mismatch, culprit: Option<Culprit>, repaired: &[String]) -> Mismatch {
    let (pointer, message) = match culprit {
        Some(c) => {
            let inner = if c.error.pointer.is_empty() {
                String::new()
            } else {
                format!(" (at {}{})", c.pointer, c.error.pointer)
            };
            (c.pointer, format!("{}{inner}", c.error.message))
        }
        None => (error.pointer, error.message),
    };
    if repaired.is_empty() {
        return Mismatch { pointer, message };
    }
    let shown = |p: &String| if p.is_empty() { "/".to_owned() } else { p.clone() };
    let list: Vec<String> = repaired.iter().map(shown).collect();
    let message = format!(
        "{message}; the document still does not fit the typed model after {} repairs (at {}), and smelt gives up",
        repaired.len(),
        list.join(", ")
    );
    Mismatch { pointer, message }
}
