//! Lookups into the typed document: component references and the list of operations.

use std::collections::HashMap;

use openapiv3::{Header, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};

use super::view::{node, Node};
use crate::json::{push_token, unescape_token};

pub struct Doc<'a> {
    pub api: &'a OpenAPI,
    schemas: HashMap<&'a str, &'a ReferenceOr<Schema>>,
}

/// One operation with what it inherits from its path item.
pub struct OpRef<'a> {
    pub path: &'a str,
    pub method: &'static str,
    pub op: &'a Operation,
    pub pointer: String,
    pub path_params: &'a [ReferenceOr<Parameter>],
}

const SCHEMA_PREFIX: &str = "#/components/schemas/";

impl<'a> Doc<'a> {
    pub fn new(api: &'a OpenAPI) -> Self {
        let schemas = api.components.iter().flat_map(|c| c.schemas.iter()).map(|(k, v)| (k.as_str(), v)).collect();
        Doc { api, schemas }
    }

    /// Component schemas in document order.
    pub fn schemas(&self) -> impl Iterator<Item = (&'a str, Node<'a>)> + '_ {
        self.api.components.iter().flat_map(|c| c.schemas.iter()).map(|(k, v)| (k.as_str(), node(v)))
    }

    /// The component schema named exactly `name`.
    pub fn schema_key(&self, name: &str) -> Option<&'a str> {
        self.schemas.get_key_value(name).map(|(k, _)| *k)
    }

    /// `#/components/schemas/X` → `X`, if such a schema exists.
    pub fn schema_name(&self, reference: &str) -> Option<&'a str> {
        let raw = reference.strip_prefix(SCHEMA_PREFIX)?;
        self.schema_key(&unescape_token(raw))
    }

    pub fn schema(&self, name: &str) -> Option<Node<'a>> {
        self.schemas.get(name).map(|r| node(r))
    }

    /// Follows `$ref`s between component schemas to an inline schema (bounded, so cycles end).
    pub fn deref(&self, mut n: Node<'a>) -> Option<&'a Schema> {
        for _ in 0..32 {
            match n {
                Node::Inline(s) => return Some(s),
                Node::Ref(r) => n = self.schema(self.schema_name(r)?)?,
            }
        }
        None
    }

    pub fn parameter(&self, r: &'a ReferenceOr<Parameter>) -> Option<&'a Parameter> {
        resolve(r, "#/components/parameters/", |c| &c.parameters, self.api)
    }

    pub fn request_body(&self, r: &'a ReferenceOr<RequestBody>) -> Option<&'a RequestBody> {
        resolve(r, "#/components/requestBodies/", |c| &c.request_bodies, self.api)
    }

    pub fn response(&self, r: &'a ReferenceOr<Response>) -> Option<&'a Response> {
        resolve(r, "#/components/responses/", |c| &c.responses, self.api)
    }

    pub fn header(&self, r: &'a ReferenceOr<Header>) -> Option<&'a Header> {
        resolve(r, "#/components/headers/", |c| &c.headers, self.api)
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> Vec<OpRef<'a>> {
        let mut out = Vec::new();
        for (path, item) in &self.api.paths.paths {
            let ReferenceOr::Item(item) = item else { continue };
            let pointer = push_token("/paths", path);
            for (method, op) in methods(item) {
                out.push(OpRef {
                    path,
                    method,
                    op,
                    pointer: push_token(&pointer, method),
                    path_params: &item.parameters,
                });
            }
        }
        out
    }
}

fn methods(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    [
        ("get", &item.get),
        ("put", &item.put),
        ("post", &item.post),
        ("delete", &item.delete),
        ("options", &item.options),
        ("head", &item.head),
        ("patch", &item.patch),
        ("trace", &item.trace),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
}

fn resolve<'a, T>(
    r: &'a ReferenceOr<T>,
    prefix: &str,
    section: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    api: &'a OpenAPI,
) -> Option<&'a T> {
    let mut current = r;
    for _ in 0..32 {
        match current {
            ReferenceOr::Item(t) => return Some(t),
            ReferenceOr::Reference { reference } => {
                let name = unescape_token(reference.strip_prefix(prefix)?);
                current = section(api.components.as_ref()?).get(&name)?;
            }
        }
    }
    None
}
