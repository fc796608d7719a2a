//! Which types get a `validate()`: those sent in a request body with a constraint beneath them.

use super::requests::Graph;
use super::types::*;

pub fn mark(types: &mut [TypeDef], operations: &[Operation]) {
    let graph = Graph::of(types);
    let children = &graph.children;

    // Constraints propagate from a type to every type that contains it (reverse edges, one BFS).
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    for (p, cs) in children.iter().enumerate() {
        for &c in cs {
            parents[c].push(p);
        }
    }
    let mut constrained: Vec<bool> = types.iter().map(has_own_checks).collect();
    let mut queue: Vec<usize> = (0..types.len()).filter(|&i| constrained[i]).collect();
    while let Some(i) = queue.pop() {
        for &p in &parents[i] {
            if !constrained[p] {
                constrained[p] = true;
                queue.push(p);
            }
        }
    }

    let sent = graph.sent(types, operations);
    for (i, t) in types.iter_mut().enumerate() {
        t.validate = constrained[i] && sent[i];
    }
}

fn has_own_checks(t: &TypeDef) -> bool {
    match &t.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| !f.checks.is_empty() || !f.item_checks.is_empty()),
        _ => false,
    }
}

/// Every named type inside a type expression.
pub fn named_in(ty: &Ty) -> Vec<String> {
    match ty {
        Ty::Named(n) => vec![n.clone()],
        Ty::Map(inner) | Ty::Vec(inner) | Ty::Option(inner) | Ty::Box(inner) => named_in(inner),
        Ty::Tuple(items) => items.iter().flat_map(named_in).collect(),
        _ => Vec::new(),
    }
}
