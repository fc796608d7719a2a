//! Final names of component schemas: demangled, then made unique with a decision the user can read.

use std::collections::{BTreeMap, HashMap};

use super::analysis::{Analysis, Side};
use super::doc::Doc;
use super::names::{self, Scope};
use crate::diagnostic::Diagnostics;
use crate::json::push_token;

/// Names for every component schema, claimed in `scope`.
pub fn name_components<'a>(
    doc: &Doc<'a>,
    analysis: &Analysis<'a>,
    renames: &std::collections::BTreeMap<String, String>,
    scope: &mut Scope,
    diags: &mut Diagnostics,
) -> HashMap<&'a str, String> {
    let mut groups: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    let order: Vec<&'a str> = doc.schemas().map(|(n, _)| n).collect();
    let bodies = fastapi_body_names(doc);
    for name in &order {
        let base = bodies.get(name).cloned().unwrap_or_else(|| names::type_name(name));
        // A rename (by the spec's name or by smelt's) is the user's decision: it is not grouped.
        if let Some(chosen) = renames.get(*name).or_else(|| renames.get(&base)) {
            groups.entry(names::type_ident(chosen)).or_default().push(name);
            continue;
        }
        groups.entry(base).or_default().push(name);
    }
    let mut wanted: HashMap<&'a str, String> = HashMap::new();
    for (base, members) in &groups {
        if members.len() == 1 {
            wanted.insert(members[0], base.clone());
            continue;
        }
        for (member, name) in split_group(base, members, analysis) {
            let at = push_token("/components/schemas", member);
            let others: Vec<&str> = members.iter().copied().filter(|m| *m != member).collect();
            diags.warn(
                at,
                format!("`{member}` and `{}` would both be named `{base}`; this one is `{name}`", others.join("`, `")),
            );
            wanted.insert(member, name);
        }
    }
    let mut out = HashMap::new();
    for name in order {
        let mut want = wanted[name].clone();
        if let Some(moved) = names::off_prelude(&want) {
            diags.warn(
                push_token("/components/schemas", name),
                format!(
                    "`{want}` is a standard Rust type, which this one would shadow where the models are imported with `*`; it is `{moved}`"
                ),
            );
            want = moved;
        }
        let (got, changed) = scope.claim(&want);
        if changed {
            diags.warn(
                push_token("/components/schemas", name),
                format!("type name `{want}` is taken; `{name}` is named `{got}`"),
            );
        }
        out.insert(name, got);
    }
    out
}

/// FastAPI names a form body `Body_{operationId}`: it becomes `{Operation}Body`, like the method.
fn fastapi_body_names<'a>(doc: &Doc<'a>) -> HashMap<&'a str, String> {
    let ops: HashMap<&str, (&str, &str)> = doc
        .operations()
        .iter()
        .filter_map(|op| op.op.operation_id.as_deref().map(|id| (id, (op.path, op.method))))
        .collect();
    doc.schemas()
        .filter_map(|(name, _)| {
            let id = name.strip_prefix("Body_")?;
            let (path, method) = ops.get(id)?;
            let function = super::operations::strip_fastapi_suffix(id, path, method);
            Some((name, format!("{}Body", names::type_ident(function).trim_start_matches("r#"))))
        })
        .collect()
}

/// Request-only and response-only members get `Input`/`Output`; otherwise each member is prefixed by
/// the nearest module segment no other member shares.
fn split_group<'a>(base: &str, members: &[&'a str], analysis: &Analysis<'a>) -> Vec<(&'a str, String)> {
    let sides: Vec<Option<Side>> = members.iter().map(|m| side_of(m, analysis)).collect();
    let distinct_sides = sides.iter().all(Option::is_some)
        && sides.iter().filter(|s| **s == Some(Side::Input)).count() <= 1
        && sides.iter().filter(|s| **s == Some(Side::Output)).count() <= 1;
    if distinct_sides {
        return members
            .iter()
            .zip(sides)
            .map(|(m, s)| (*m, format!("{base}{}", if s == Some(Side::Input) { "Input" } else { "Output" })))
            .collect();
    }
    let segments: Vec<Vec<String>> = members.iter().map(|m| names::module_segments(m)).collect();
    members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let distinguishing = segments[i]
                .iter()
                .rev()
                .find(|seg| segments.iter().enumerate().all(|(j, other)| j == i || !other.contains(seg)));
            (*m, distinguishing.map_or_else(|| base.to_owned(), |seg| format!("{seg}{base}")))
        })
        .collect()
}

fn side_of(member: &str, analysis: &Analysis<'_>) -> Option<Side> {
    if let Some(side) = analysis.side_hint.get(member) {
        return Some(*side);
    }
    match (analysis.request.contains(member), analysis.response.contains(member)) {
        (true, false) => Some(Side::Input),
        (false, true) => Some(Side::Output),
        _ => None,
    }
}
