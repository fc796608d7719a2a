//! The document's servers: what `Client::server_url`, `Client::at_origin` and `Default` build on.

use super::names::{self, Scope};
use crate::diagnostic::Diagnostics;
use crate::ir::{Server, ServerVariable, UrlPiece};

pub fn servers(api: &openapiv3::OpenAPI, diags: &mut Diagnostics) -> Vec<Server> {
    api.servers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let declared = s.variables.as_ref();
            let mut scope = Scope::new();
            let mut variables: Vec<ServerVariable> = Vec::new();
            let mut pieces = Vec::new();
            for piece in template(&s.url) {
                let wire = match piece {
                    Piece::Text(text) => {
                        pieces.push(UrlPiece::Text(text.to_owned()));
                        continue;
                    }
                    Piece::Name(wire) => wire,
                };
                if let Some(at) = variables.iter().position(|v| v.wire == wire) {
                    pieces.push(UrlPiece::Variable(at));
                    continue;
                }
                pieces.push(UrlPiece::Variable(variables.len()));
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
            let resolved: String = pieces
                .iter()
                .map(|p| match p {
                    UrlPiece::Text(text) => text.as_str(),
                    UrlPiece::Variable(at) => variables[*at].default.as_str(),
                })
                .collect();
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
                pieces,
                absolute: scheme.is_some(),
                default_url,
                default_path,
            }
        })
        .collect()
}

enum Piece<'a> {
    Text(&'a str),
    Name(&'a str),
}

/// A URL template as text and `{name}`s, in order; an unclosed `{` is text.
fn template(url: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        pieces.push(Piece::Name(&rest[start + 1..start + len]));
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}
