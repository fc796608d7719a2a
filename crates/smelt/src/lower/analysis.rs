//! Facts about the whole document gathered before any type is named: which components are reached
//! from requests or responses, which are used only as union variants, and what each discriminator
//! mapping entry really points at.

use std::collections::{HashMap, HashSet};

use super::doc::Doc;
use super::names;
use super::view::{Kind, Node, View};
use super::walk::{walk, Visit};
use crate::diagnostic::Diagnostics;
use crate::json::push_token;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Input,
    Output,
}

pub struct MappingEntry<'a> {
    pub key: String,
    pub target: Option<&'a str>,
}

#[derive(Default)]
pub struct Analysis<'a> {
    /// Components referenced somewhere other than as a discriminated-union member.
    pub used_alone: HashSet<&'a str>,
    pub request: HashSet<&'a str>,
    pub response: HashSet<&'a str>,
    /// Sides implied by `-Input`/`-Output` mapping values that were resolved by stripping the suffix.
    pub side_hint: HashMap<&'a str, Side>,
    /// For each component used as a discriminated-union member: the tag property names of those unions.
    pub member_of: HashMap<&'a str, Vec<String>>,
    /// Resolved mapping of each discriminated union, by the union's pointer.
    pub mappings: HashMap<String, Vec<MappingEntry<'a>>>,
}

pub fn analyse<'a>(doc: &Doc<'a>, diags: &mut Diagnostics) -> Analysis<'a> {
    let mut out = Analysis::default();
    let mut refs: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
    for (name, node) in doc.schemas() {
        let pointer = push_token("/components/schemas", name);
        let mut direct = Vec::new();
        walk(node, &pointer, &mut |v: &Visit<'a, '_>| {
            record(doc, v, &mut out, &mut direct, diags);
        });
        refs.insert(name, direct);
    }
    let (request_roots, response_roots) = operation_roots(doc, &mut out, diags);
    out.request = reach(&refs, request_roots);
    out.response = reach(&refs, response_roots);
    out
}

fn record<'a>(
    doc: &Doc<'a>,
    v: &Visit<'a, '_>,
    out: &mut Analysis<'a>,
    direct: &mut Vec<&'a str>,
    diags: &mut Diagnostics,
) {
    match v.node {
        Node::Ref(r) => match doc.schema_name(r) {
            Some(target) => {
                direct.push(target);
                if !v.union_member {
                    out.used_alone.insert(target);
                }
            }
            None => diags.warn(v.pointer, format!("`$ref: {r}` points at nothing; treated as any JSON value")),
        },
        Node::Inline(schema) => {
            let view = View::of(schema);
            if let (Some(disc), Kind::OneOf(members) | Kind::AnyOf(members)) = (&view.data.discriminator, &view.kind) {
                for m in members {
                    if let Some(target) = match m {
                        Node::Ref(r) => doc.schema_name(r),
                        Node::Inline(_) => None,
                    } {
                        out.member_of.entry(target).or_default().push(disc.property_name.clone());
                    }
                }
                let entries = resolve_mapping(doc, v.pointer, &disc.mapping, members, out, diags);
                out.mappings.insert(v.pointer.to_owned(), entries);
            }
        }
    }
}

/// Component schemas referenced directly by requests and by responses.
fn operation_roots<'a>(doc: &Doc<'a>, out: &mut Analysis<'a>, diags: &mut Diagnostics) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut request = Vec::new();
    let mut response = Vec::new();
    for op in doc.operations() {
        let params = op.path_params.iter().chain(&op.op.parameters).filter_map(|p| doc.parameter(p));
        for (i, p) in params.enumerate() {
            if let openapiv3::ParameterSchemaOrContent::Schema(s) = &p.parameter_data_ref().format {
                let at = push_token(&push_token(&op.pointer, "parameters"), &i.to_string());
                collect(doc, super::view::node(s), &at, &mut request, out, diags);
            }
        }
        if let Some(body) = op.op.request_body.as_ref().and_then(|b| doc.request_body(b)) {
            for (media, content) in &body.content {
                if let Some(s) = &content.schema {
                    let at = push_token(&push_token(&op.pointer, "requestBody/content"), media);
                    collect(doc, super::view::node(s), &at, &mut request, out, diags);
                }
            }
        }
        let responses = op.op.responses.default.iter().chain(op.op.responses.responses.values());
        for r in responses.filter_map(|r| doc.response(r)) {
            for (media, content) in &r.content {
                if let Some(s) = &content.schema {
                    let at = push_token(&push_token(&op.pointer, "responses"), media);
                    collect(doc, super::view::node(s), &at, &mut response, out, diags);
                }
            }
        }
    }
    (request, response)
}

fn collect<'a>(
    doc: &Doc<'a>,
    node: Node<'a>,
    pointer: &str,
    roots: &mut Vec<&'a str>,
    out: &mut Analysis<'a>,
    diags: &mut Diagnostics,
) {
    walk(node, pointer, &mut |v: &Visit<'a, '_>| record(doc, v, out, roots, diags));
}

fn reach<'a>(refs: &HashMap<&'a str, Vec<&'a str>>, roots: Vec<&'a str>) -> HashSet<&'a str> {
    let mut seen: HashSet<&'a str> = HashSet::new();
    let mut stack = roots;
    while let Some(name) = stack.pop() {
        if seen.insert(name) {
            stack.extend(refs.get(name).into_iter().flatten().copied());
        }
    }
    seen
}

/// Resolves each mapping value: exact reference, then bare schema name, then — for values left
/// dangling by FastAPI's renaming (`X-Input`, `X-Output`) — the member of this union whose title or
/// type name is `X`. Never fails: what cannot be resolved is a warning and the entry is ignored.
fn resolve_mapping<'a>(
    doc: &Doc<'a>,
    union_pointer: &str,
    mapping: &indexmap::IndexMap<String, String>,
    members: &[Node<'a>],
    out: &mut Analysis<'a>,
    diags: &mut Diagnostics,
) -> Vec<MappingEntry<'a>> {
    let member_names: Vec<&'a str> = members
        .iter()
        .filter_map(|m| match m {
            Node::Ref(r) => doc.schema_name(r),
            Node::Inline(_) => None,
        })
        .collect();
    let mapping_at = push_token(&push_token(union_pointer, "discriminator"), "mapping");
    let mut entries = Vec::new();
    for (key, value) in mapping {
        let at = push_token(&mapping_at, key);
        let target = doc.schema_name(value).or_else(|| doc.schema_key(value));
        let target = match target {
            Some(t) => Some(t),
            None => match strip_side(value) {
                Some((stem, side)) => {
                    let found = member_by_name(doc, &member_names, stem);
                    match found {
                        Some(t) => {
                            out.side_hint.insert(t, side);
                            diags.warn(&at, format!("mapping value `{value}` points at no schema; resolved to `{t}`, the member of this union named `{stem}`"));
                        }
                        None => diags.warn(&at, format!("mapping value `{value}` points at no schema and no member of this union is named `{stem}`; entry ignored")),
                    }
                    found
                }
                None => {
                    diags.warn(&at, format!("mapping value `{value}` points at no schema; entry ignored"));
                    None
                }
            },
        };
        if let Some(t) = target {
            if !member_names.contains(&t) {
                diags.warn(&at, format!("mapping value `{value}` is not a member of this union; entry ignored"));
                entries.push(MappingEntry { key: key.clone(), target: None });
                continue;
            }
        }
        entries.push(MappingEntry { key: key.clone(), target });
    }
    entries
}

fn strip_side(value: &str) -> Option<(&str, Side)> {
    let last = value.rsplit('/').next().unwrap_or(value);
    last.strip_suffix("-Input")
        .map(|s| (s, Side::Input))
        .or_else(|| last.strip_suffix("-Output").map(|s| (s, Side::Output)))
}

/// The one member whose title is `stem`, or whose type name is `stem`'s type name.
fn member_by_name<'a>(doc: &Doc<'a>, members: &[&'a str], stem: &str) -> Option<&'a str> {
    let wanted = names::type_name(stem);
    let matches: Vec<&'a str> = members
        .iter()
        .copied()
        .filter(|m| {
            let title = doc.schema(m).and_then(|n| doc.deref(n)).and_then(|s| s.schema_data.title.as_deref());
            title == Some(stem) || names::type_name(m) == wanted
        })
        .collect();
    match matches.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}
