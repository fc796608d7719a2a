//! `$ref` where text is expected: `info.description: {$ref: …}`, an operation's `summary` given as
//! a reference to shared text. `openapiv3` reads these as strings and fails on the object. When the
//! reference names a string in the document, that text is used; otherwise the keyword is dropped.
//! A warning at the keyword either way.
//!
//! References to text in other files are brought in by bundling (as strings), so what is left
//! here is local, or a file bundling could not read (warned there too).

use serde_json::Value;

use super::shape::{self, Kind};
use crate::diagnostic::Diagnostics;
use crate::json::push_token;

/// The keywords of each kind of object whose value is text (`String` in `openapiv3`).
pub(crate) fn is_text(kind: Kind, key: &str) -> bool {
    match key {
        "description" => !matches!(
            kind,
            Kind::Document
                | Kind::Components
                | Kind::Callback
                | Kind::Discriminator
                | Kind::OAuthFlows
                | Kind::OAuthFlow
        ),
        "summary" => matches!(kind, Kind::PathItem | Kind::Operation | Kind::Example),
        "title" => matches!(kind, Kind::Info | Kind::Schema),
        "termsOfService" => kind == Kind::Info,
        _ => false,
    }
}

pub(super) fn repair(doc: &mut Value, diags: &mut Diagnostics) {
    let mut found = Vec::new();
    shape::visit(doc, &mut |place, map| {
        for (key, value) in map.iter() {
            if let Some(Value::String(r)) = value.get("$ref") {
                if is_text(place.kind, key) {
                    found.push((push_token(place.pointer, key), key.clone(), r.clone()));
                }
            }
        }
    });
    for (pointer, key, reference) in found {
        let text = shape::resolve(doc, &reference).and_then(Value::as_str).map(str::to_owned);
        let Some((parent, _)) = pointer.rsplit_once('/') else { continue };
        let Some(Value::Object(map)) = doc.pointer_mut(parent) else { continue };
        match text {
            Some(text) => {
                map.insert(key.clone(), Value::String(text));
                diags.warn(pointer, format!("`{key}` is `{{$ref: {reference}}}`, not text; the text it names is used"));
            }
            None => {
                map.shift_remove(&key);
                let why = if reference.starts_with('#') {
                    "names no text in the document"
                } else {
                    "names no text that could be read"
                };
                diags.warn(
                    pointer,
                    format!("`{key}` is `{{$ref: {reference}}}`, not text, and it {why}; `{key}` was dropped"),
                );
            }
        }
    }
}
