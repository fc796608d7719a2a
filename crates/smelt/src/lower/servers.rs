//! The document's servers: what `Client::server_url`, `Client::at_origin` and `Default` build on.

use super::names::{self, Scope};
use crate::diagnostic::Diagnostics;
use crate::ir::{Server, ServerVariable};

pub fn servers(api: &openapiv3::OpenAPI, diags: &mut Diagnostics) -> Vec<Server> {
    api.servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let declared = s.variables.as_ref();
            let mut scope = Scope::new();
            let mut variables: Vec<ServerVariable> = Vec::new();
            for wire in template_names(&s.url) {
                if variables.iter().any(|v| v.wire == wire) {
                    continue;
                }
                let variable = declared.and_then(|d| d.get(wire));
                if variable.is_none() {
                    diags.warn(
                        format!("/servers/{i}/url"),
                        format!("server variable `{wire}` is not declared; its default is taken to be empty"),
                    );
                }
                variables.push(ServerVariable {
                    name: scope.claim(&names::field_ident(wire)).0,
                    wire: wire.to_owned(),
                    default: variable.map(|v| v.default.clone()).unwrap_or_default(),
                    values: variable.map(|v| v.enumeration.clone()).unwrap_or_default(),
                    doc: variable.and_then(|v| v.description.clone()),
                });
            }
            let resolved = fill(&s.url, &variables);
            let default_url = resolved.trim_end_matches('/').to_owned();
            let scheme = ["http://", "https://"].into_iter().find(|p| default_url.starts_with(p));
            let default_path = match scheme {
                Some(p) => default_url[p.len()..].find('/').map(|at| default_url[p.len() + at..].to_owned()),
                // A relative reference is a path of the document's origin (`api` is `/api`).
                None if default_url.is_empty() || default_url.starts_with('/') => Some(default_url.clone()),
                None => Some(format!("/{}", default_url.trim_start_matches("./"))),
            }
            .unwrap_or_default();
            Server {
                url: s.url.clone(),
                description: s.description.clone(),
                variables,
                absolute: scheme.is_some(),
                default_url,
                default_path,
            }
        })
        .collect()
}

/// The `{name}`s of a URL template, in order.
fn template_names(url: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        names.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    names
}

/// `url` with every variable at its default.
fn fill(url: &str, variables: &[ServerVariable]) -> String {
    variables.iter().fold(url.to_owned(), |url, v| url.replace(&format!("{{{}}}", v.wire), &v.default))
}
