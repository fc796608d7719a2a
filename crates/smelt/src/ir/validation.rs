//! Which types get a `validate()`: those sent in a request body with a constraint beneath them.

use std::collections::{HashMap, HashSet};

use super::types::*;

pub fn mark(types: &mut [TypeDef], operations: &[Operation]) {
    let index: HashMap<&str, usize> = types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let children: Vec<Vec<usize>> = types
        .iter()
        .map(|t| named_children(t).iter().filter_map(|n| index.get(n.as_str()).copied()).collect())
        .collect();

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

    let mut sent: HashSet<usize> = HashSet::new();
    let mut stack: Vec<usize> = operations
        .iter()
        .flat_map(|op| op.bodies())
        .flat_map(|b| named_in(&b.ty))
        .filter_map(|n| index.get(n.as_str()).copied())
        .collect();
    while let Some(i) = stack.pop() {
        if sent.insert(i) {
            stack.extend(children[i].iter().copied());
        }
    }
    for (i, t) in types.iter_mut().enumerate() {
        t.validate = constrained[i] && sent.contains(&i);
    }
}

fn has_own_checks(t: &TypeDef) -> bool {
    match &t.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| !f.checks.is_empty() || !f.item_checks.is_empty()),
        _ => false,
    }
}

fn named_children(t: &TypeDef) -> Vec<String> {
    match &t.kind {
        TypeKind::Struct(s) => {
            s.fields.iter().flat_map(|f| named_in(&f.ty)).chain(s.additional.iter().flat_map(named_in)).collect()
        }
        TypeKind::Tagged(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
        TypeKind::Untagged(vs) => vs.iter().flat_map(|v| named_in(&v.ty)).collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => named_in(ty),
        TypeKind::Enum(_) => Vec::new(),
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
