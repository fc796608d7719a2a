//! Repair and lower: make a real-world 3.0/3.1 value tree fit what `openapiv3` (a 3.0 model) holds,
//! without losing meaning in silence. Every change is a diagnostic at its JSON pointer: a warning
//! where the spec was wrong, a note where valid 3.1 was lowered. Keywords smelt does not handle are
//! reported, never dropped quietly.

mod conform;
pub mod fallback;
pub mod markers;
mod numbers;
mod pending;
mod refs;
mod schema;
pub(crate) mod shape;
mod texts;

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostics;
use crate::json::{kind_of, push_token};
use markers::Marker;

/// The OpenAPI version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

/// Why a document cannot be generated from at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fatal {
    pub pointer: String,
    pub message: String,
}

/// Repairs `doc` in place; returns its version, or why it cannot be used.
pub fn repair(doc: &mut Value, diags: &mut Diagnostics) -> Result<Version, Fatal> {
    let Value::Object(root) = doc else {
        return Err(fatal("", format!("the document is {}, not an OpenAPI object", kind_of(doc))));
    };
    let version = check_version(root)?;
    lower_document(root, version, diags);
    repair_servers(root.get_mut("servers"), "/servers", diags);
    repair_operations(root, diags);
    let mut walker = Walker { diags };
    walker.document(root);
    conform_to_typed_model(doc, diags);
    let Value::Object(root) = doc else { return Ok(version) };
    refs::check(root)?;
    Ok(version)
}

/// Where `openapiv3` is stricter than real documents, in the order one repair feeds the next:
/// references copied in first (what they bring is repaired too), then text, JSON types, ranges.
/// Whatever still does not fit is left to the typed stage's fallback (`fallback`).
fn conform_to_typed_model(doc: &mut Value, diags: &mut Diagnostics) {
    pending::repair(doc, diags);
    texts::repair(doc, diags);
    conform::repair(doc, diags);
    numbers::repair(doc, diags);
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Operation-level repairs: optional `responses` (3.1), parameters' `required` written as text.
fn repair_operations(root: &mut Map<String, Value>, diags: &mut Diagnostics) {
    for section in ["paths", Marker::Webhooks.key()] {
        let Some(Value::Object(paths)) = root.get_mut(section) else { continue };
        for (path, item) in paths.iter_mut() {
            let Value::Object(item) = item else { continue };
            let item_at = push_token(&push_token("", section), path);
            repair_parameters(item.get_mut("parameters"), &push_token(&item_at, "parameters"), diags);
            repair_servers(item.get_mut("servers"), &push_token(&item_at, "servers"), diags);
            for method in METHODS {
                let Some(Value::Object(op)) = item.get_mut(*method) else { continue };
                let at = push_token(&item_at, method);
                repair_servers(op.get_mut("servers"), &push_token(&at, "servers"), diags);
                if !op.contains_key("responses") {
                    op.insert("responses".into(), Value::Object(Map::new()));
                    diags.note(&at, "no `responses` (allowed since 3.1): treated as none documented");
                }
                repair_parameters(op.get_mut("parameters"), &push_token(&at, "parameters"), diags);
            }
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        if let Some(Value::Object(params)) = components.get_mut("parameters") {
            for (name, p) in params.iter_mut() {
                repair_parameter(p, &push_token("/components/parameters", name), diags);
            }
        }
    }
}

/// Server variable values are strings; specs write ports as numbers.
fn repair_servers(servers: Option<&mut Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(servers)) = servers else { return };
    for (i, server) in servers.iter_mut().enumerate() {
        let Some(Value::Object(variables)) = server.get_mut("variables") else { continue };
        let at = push_token(&push_token(pointer, &i.to_string()), "variables");
        for (name, variable) in variables.iter_mut() {
            let var_at = push_token(&at, name);
            if let Some(v) = variable.get_mut("default") {
                stringify(v, &push_token(&var_at, "default"), diags);
            }
            if let Some(Value::Array(values)) = variable.get_mut("enum") {
                for (j, v) in values.iter_mut().enumerate() {
                    stringify(v, &push_token(&push_token(&var_at, "enum"), &j.to_string()), diags);
                }
            }
        }
    }
}

fn stringify(v: &mut Value, pointer: &str, diags: &mut Diagnostics) {
    if !v.is_string() {
        diags.warn(pointer, format!("a server variable value must be a string, found {v}; read as \"{v}\""));
        *v = Value::String(v.to_string());
    }
}

fn repair_parameters(list: Option<&mut Value>, pointer: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(list)) = list else { return };
    for (i, p) in list.iter_mut().enumerate() {
        repair_parameter(p, &push_token(pointer, &i.to_string()), diags);
    }
}

fn repair_parameter(p: &mut Value, pointer: &str, diags: &mut Diagnostics) {
    let Value::Object(p) = p else { return };
    for key in ["required", "deprecated", "allowEmptyValue", "explode", "allowReserved"] {
        let Some(value) = p.get(key) else { continue };
        if value.is_boolean() {
            continue;
        }
        let coerced = matches!(value.as_str(), Some("true" | "True" | "yes" | "required"));
        diags
            .warn(push_token(pointer, key), format!("`{key}` must be a boolean, found {}; read as `{coerced}`", value));
        p.insert(key.into(), Value::Bool(coerced));
    }
}

fn fatal(pointer: &str, message: String) -> Fatal {
    Fatal { pointer: pointer.to_owned(), message }
}

fn check_version(root: &Map<String, Value>) -> Result<Version, Fatal> {
    if let Some(swagger) = root.get("swagger") {
        let v = swagger.as_str().map_or_else(|| swagger.to_string(), str::to_owned);
        return Err(fatal(
            "/swagger",
            format!("this is a Swagger {v} document; smelt reads OpenAPI 3.0, 3.1 and 3.2 (convert it first, e.g. with swagger2openapi)"),
        ));
    }
    let Some(raw) = root.get("openapi") else {
        return Err(fatal("", "no `openapi` version field: this is not an OpenAPI document".into()));
    };
    let text = match raw {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut parts = text.split('.').map(|p| p.trim().parse::<u32>());
    match (parts.next(), parts.next()) {
        (Some(Ok(3)), Some(Ok(minor))) if minor <= 2 => Ok(Version { major: 3, minor }),
        (Some(Ok(3)), Some(Ok(minor))) => Ok(Version { major: 3, minor }),
        _ => Err(fatal("/openapi", format!("unsupported OpenAPI version `{text}`: smelt reads 3.0, 3.1 and 3.2"))),
    }
}

/// Document-level 3.1/3.2 additions that `openapiv3` has no field for.
fn lower_document(root: &mut Map<String, Value>, version: Version, diags: &mut Diagnostics) {
    if version.minor > 2 {
        diags.warn("/openapi", format!("OpenAPI 3.{} is newer than smelt knows; reading it as 3.2", version.minor));
    }
    if version.minor >= 1 {
        // openapiv3 validates the version string loosely, but keep what the typed stage sees honest.
        root.insert("openapi".into(), Value::String("3.0.3".into()));
    }
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Object(Map::new()));
        diags.note("", "no `paths` (allowed since 3.1): treated as empty");
    }
    if let Some(webhooks) = root.remove("webhooks") {
        root.insert(Marker::Webhooks.key().into(), webhooks);
        diags.note("/webhooks", "webhooks are not client operations; their payload types are generated");
    }
    for key in ["jsonSchemaDialect", "$self"] {
        if root.remove(key).is_some() {
            diags.note(push_token("", key), format!("`{key}` is not used by smelt"));
        }
    }
    if let Some(Value::Object(info)) = root.get_mut("info") {
        if info.remove("summary").is_some() {
            diags.note("/info/summary", "`info.summary` is not used by smelt");
        }
        if let Some(Value::Object(license)) = info.get_mut("license") {
            if license.remove("identifier").is_some() {
                diags.note("/info/license/identifier", "`license.identifier` is not used by smelt");
            }
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        if components.remove("pathItems").is_some() {
            diags.warn(
                "/components/pathItems",
                "`components.pathItems` is not supported yet; path items referencing it will fail to resolve",
            );
        }
    }
}

/// Walks the document, finding every place a schema may stand and repairing it.
struct Walker<'d> {
    diags: &'d mut Diagnostics,
}

impl Walker<'_> {
    fn document(&mut self, root: &mut Map<String, Value>) {
        for (key, value) in root.iter_mut() {
            let pointer = push_token("", key);
            match key.as_str() {
                "components" => self.components(value, &pointer),
                k if k == "paths" || k == Marker::Webhooks.key() => self.generic(value, &pointer),
                _ => {}
            }
        }
    }

    fn components(&mut self, value: &mut Value, pointer: &str) {
        let Value::Object(components) = value else { return };
        for (key, section) in components.iter_mut() {
            let section_pointer = push_token(pointer, key);
            if key == "schemas" {
                if let Value::Object(schemas) = section {
                    for (name, schema) in schemas.iter_mut() {
                        schema::repair(schema, &push_token(&section_pointer, name), self.diags);
                    }
                }
            } else if !key.starts_with("x-") {
                self.generic(section, &section_pointer);
            }
        }
    }

    /// Outside schemas, a schema stands under a `schema` key (parameters, media types, headers).
    fn generic(&mut self, value: &mut Value, pointer: &str) {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    let child_pointer = push_token(pointer, key);
                    match key.as_str() {
                        "schema" => schema::repair(child, &child_pointer, self.diags),
                        // Examples are data, not spec: a `schema` key inside one is not a schema.
                        "example" | "examples" => {}
                        k if k.starts_with("x-") => {}
                        _ => self.generic(child, &child_pointer),
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter_mut().enumerate() {
                    self.generic(child, &push_token(pointer, &i.to_string()));
                }
            }
            _ => {}
        }
    }
}
