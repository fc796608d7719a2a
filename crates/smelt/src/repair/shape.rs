//! Which kind of OpenAPI object stands where: the map the typed repairs (and the fallback) walk by.
//!
//! The repairs before this one look at schemas mostly; the typed repairs need to know every object
//! `openapiv3` deserializes, because each has its own keywords and JSON types. The walk follows the
//! 3.0 object structure of the repaired tree (webhooks already moved to [`Marker::Webhooks`]). Data
//! (examples, defaults, enums, extensions) is never entered: a `description` there is not text.

use serde_json::{Map, Value};

use super::markers::Marker;
use crate::json::push_token;

/// The OpenAPI objects smelt's typed document is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Document,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Components,
    PathItem,
    Operation,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Example,
    Link,
    Callback,
    Schema,
    Discriminator,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
    Tag,
    ExternalDocs,
}

impl Kind {
    pub(crate) fn what(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Info => "info",
            Kind::Contact => "contact",
            Kind::License => "license",
            Kind::Server => "server",
            Kind::ServerVariable => "server variable",
            Kind::Components => "components",
            Kind::PathItem => "path item",
            Kind::Operation => "operation",
            Kind::Parameter => "parameter",
            Kind::Header => "header",
            Kind::RequestBody => "request body",
            Kind::Response => "response",
            Kind::MediaType => "media type",
            Kind::Encoding => "encoding",
            Kind::Example => "example",
            Kind::Link => "link",
            Kind::Callback => "callback",
            Kind::Schema => "schema",
            Kind::Discriminator => "discriminator",
            Kind::SecurityScheme => "security scheme",
            Kind::OAuthFlows => "OAuth flows",
            Kind::OAuthFlow => "OAuth flow",
            Kind::Tag => "tag",
            Kind::ExternalDocs => "external docs",
        }
    }
}

/// How the children under one key are laid out, and whether `openapiv3` takes a `$ref` there
/// (`ReferenceOr<T>`) or only the object itself (`T`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Slot {
    One(Kind, Refs),
    Map(Kind, Refs),
    List(Kind, Refs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refs {
    Taken,
    NotTaken,
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// What stands under `key` in an object of `kind`; `None`: data, or a scalar keyword.
pub(crate) fn slot(kind: Kind, key: &str) -> Option<Slot> {
    use Kind::*;
    use Refs::{NotTaken, Taken};
    use Slot::{List, Map, One};
    Some(match (kind, key) {
        (Document, "info") => One(Info, NotTaken),
        (Document, "servers") | (PathItem | Operation, "servers") => List(Server, NotTaken),
        (Document, "paths") => Map(PathItem, Taken),
        (Document, k) if k == Marker::Webhooks.key() => Map(PathItem, Taken),
        (Document, "components") => One(Components, NotTaken),
        (Document, "tags") => List(Tag, NotTaken),
        (Document | Operation | Tag | Schema, "externalDocs") => One(ExternalDocs, NotTaken),
        (Info, "contact") => One(Contact, NotTaken),
        (Info, "license") => One(License, NotTaken),
        (Server, "variables") => Map(ServerVariable, NotTaken),
        (Components, "schemas") => Map(Schema, Taken),
        (Components, "responses") => Map(Response, Taken),
        (Components, "parameters") => Map(Parameter, Taken),
        (Components, "examples") => Map(Example, Taken),
        (Components, "requestBodies") => Map(RequestBody, Taken),
        (Components, "headers") => Map(Header, Taken),
        (Components, "securitySchemes") => Map(SecurityScheme, Taken),
        (Components, "links") => Map(Link, Taken),
        (Components, "callbacks") => Map(Callback, Taken),
        (PathItem | Operation, "parameters") => List(Parameter, Taken),
        (PathItem, method) if METHODS.contains(&method) => One(Operation, NotTaken),
        (Operation, "requestBody") => One(RequestBody, Taken),
        (Operation, "responses") => Map(Response, Taken),
        // `Operation.callbacks` is `IndexMap<String, Callback>`: no `$ref` (components' are).
        (Operation, "callbacks") => Map(Callback, NotTaken),
        // A callback is `IndexMap<String, PathItem>`: a `$ref` in one is dropped without a word.
        (Callback, _) => One(PathItem, NotTaken),
        (Parameter | Header, "schema") | (MediaType, "schema") => One(Schema, Taken),
        (Parameter | Header | RequestBody | Response, "content") => Map(MediaType, NotTaken),
        (Parameter | Header | MediaType, "examples") => Map(Example, Taken),
        (MediaType, "encoding") => Map(Encoding, NotTaken),
        (Encoding | Response, "headers") => Map(Header, Taken),
        (Response, "links") => Map(Link, Taken),
        (Schema, "properties") => Map(Schema, Taken),
        (Schema, "allOf" | "anyOf" | "oneOf") => List(Schema, Taken),
        (Schema, "items" | "not" | "additionalProperties") => One(Schema, Taken),
        (Schema, "discriminator") => One(Discriminator, NotTaken),
        (SecurityScheme, "flows") => One(OAuthFlows, NotTaken),
        (OAuthFlows, "implicit" | "password" | "clientCredentials" | "authorizationCode") => One(OAuthFlow, NotTaken),
        _ => return None,
    })
}

/// One object met by [`visit`]: its kind, where it stands, and whether a `$ref` may stand there.
pub(crate) struct Place<'a> {
    pub kind: Kind,
    pub pointer: &'a str,
    pub refs: Refs,
}

/// Calls `f` on every object of the tree with its kind, parents before children (so a repair made
/// by `f` is walked into). Reference objects are passed to `f` but not entered.
pub(crate) fn visit(root: &mut Value, f: &mut impl FnMut(&Place<'_>, &mut Map<String, Value>)) {
    walk(root, Kind::Document, "", Refs::NotTaken, f);
}

fn walk(
    value: &mut Value,
    kind: Kind,
    pointer: &str,
    refs: Refs,
    f: &mut impl FnMut(&Place<'_>, &mut Map<String, Value>),
) {
    let Value::Object(map) = value else { return };
    f(&Place { kind, pointer, refs }, map);
    if map.get("$ref").is_some_and(Value::is_string) && kind != Kind::Schema {
        return;
    }
    for (key, child) in map.iter_mut() {
        if key.starts_with("x-") && !(kind == Kind::Document && key == Marker::Webhooks.key()) {
            continue;
        }
        let Some(slot) = slot(kind, key) else { continue };
        let at = push_token(pointer, key);
        match (slot, child) {
            (Slot::One(k, r), child) => walk(child, k, &at, r, f),
            (Slot::List(k, r), Value::Array(items)) => {
                for (i, item) in items.iter_mut().enumerate() {
                    walk(item, k, &push_token(&at, &i.to_string()), r, f);
                }
            }
            (Slot::Map(k, r), Value::Object(entries)) => {
                for (name, entry) in entries.iter_mut() {
                    // Extension keys are not names, except where keys name properties.
                    if k != Kind::Schema && name.starts_with("x-") {
                        continue;
                    }
                    walk(entry, k, &push_token(&at, name), r, f);
                }
            }
            _ => {}
        }
    }
}

/// The node a local reference (`#/…`) names in `root`, if any.
pub(crate) fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let fragment = reference.strip_prefix('#')?;
    let fragment = crate::json::percent_decode(fragment);
    if fragment.is_empty() {
        return None;
    }
    root.pointer(&fragment)
}
