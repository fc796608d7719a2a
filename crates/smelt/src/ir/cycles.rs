//! Recursive types: a field or variant that holds, by value, a type that holds it back gets a `Box`.
//! Only edges inside a strongly connected component are boxed (Tarjan's algorithm, linear time).

use std::borrow::Cow;
use std::collections::HashMap;

use super::types::*;

pub fn box_cycles(types: &mut [TypeDef]) {
    newtype_recursive_aliases(types);
    let index: HashMap<String, usize> = types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
    let edges: Vec<Vec<usize>> =
        types.iter().map(|t| by_value_targets(t).iter().filter_map(|n| index.get(n).copied()).collect()).collect();
    let component = tarjan(&edges);
    let same = |from: usize, to: &str| index.get(to).is_some_and(|&j| component[j] == component[from]);
    for (i, t) in types.iter_mut().enumerate() {
        match &mut t.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    box_by_value(&mut f.ty, &|n| same(i, n));
                }
            }
            TypeKind::Untagged(vs) => {
                for v in vs {
                    box_by_value(&mut v.ty, &|n| same(i, n));
                }
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => box_by_value(ty, &|n| same(i, n)),
            // Tagged variants hold their struct by value; a struct that holds its union back is boxed on its own field.
            TypeKind::Tagged(_) | TypeKind::Enum(_) => {}
        }
    }
}

/// Aliases that lead back to themselves through other aliases only (through `Vec`, maps and
/// `Option` too) cannot be Rust type aliases (E0391): each alias in such a cycle becomes a newtype.
fn newtype_recursive_aliases(types: &mut [TypeDef]) {
    let index: HashMap<&str, usize> = types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Alias(ty) => super::validation::named_in(ty)
                .iter()
                .filter_map(|n| index.get(n.as_str()).copied())
                .filter(|&j| matches!(types[j].kind, TypeKind::Alias(_)))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let component = tarjan(&edges);
    let mut size = vec![0usize; types.len()];
    for &c in &component {
        size[c] += 1;
    }
    let recursive: Vec<bool> = (0..types.len()).map(|i| size[component[i]] > 1 || edges[i].contains(&i)).collect();
    for (t, recursive) in types.iter_mut().zip(recursive) {
        if let (true, TypeKind::Alias(ty)) = (recursive, &mut t.kind) {
            t.kind = TypeKind::Newtype(std::mem::replace(ty, Ty::Json));
        }
    }
}

/// What a type holds: its fields' types, its variants' (a tagged variant holds its struct by
/// value), or the type it stands for.
pub(super) fn held(t: &TypeDef) -> Vec<Cow<'_, Ty>> {
    match &t.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| Cow::Borrowed(&f.ty)).collect(),
        TypeKind::Untagged(vs) => vs.iter().map(|v| Cow::Borrowed(&v.ty)).collect(),
        TypeKind::Tagged(u) => u.variants.iter().map(|v| Cow::Owned(Ty::Named(v.ty.clone()))).collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![Cow::Borrowed(ty)],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Named types a type contains without indirection (through `Option`, not through `Vec`/`Map`/`Box`).
fn by_value_targets(t: &TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    held(t).iter().for_each(|ty| collect_by_value(ty, &mut out));
    out
}

fn collect_by_value(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::Named(n) => out.push(n.clone()),
        Ty::Option(inner) => collect_by_value(inner, out),
        Ty::Tuple(items) => items.iter().for_each(|t| collect_by_value(t, out)),
        _ => {}
    }
}

fn box_by_value(ty: &mut Ty, in_cycle: &dyn Fn(&str) -> bool) {
    match ty {
        Ty::Named(n) if in_cycle(n) => *ty = Ty::Box(Box::new(Ty::Named(n.clone()))),
        Ty::Option(inner) => box_by_value(inner, in_cycle),
        Ty::Tuple(items) => items.iter_mut().for_each(|t| box_by_value(t, in_cycle)),
        _ => {}
    }
}

/// Strongly connected components; returns each node's component id. A field targeting its own
/// component is in a cycle (a self-reference included). Iterative, so deep specs
/// cannot overflow the stack.
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut comps = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut edge)) = call.last_mut() {
            if *edge == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    comp
}

/// An upper bound on how many levels rustc's trait solver nests through these types when it
/// proves an auto trait (`Send`, `RefUnwindSafe`: rustdoc's auto-trait pass proves them all, and
/// overflows at `recursion_limit`, 128 by default). The solver stops where a type repeats, so a
/// path visits each type once: each counts as its costliest field (the wrappers on the way to
/// the next named type), and the heaviest path runs through the graph of recursive groups, each
/// group counting as the sum of its members.
pub fn nesting_depth(types: &[TypeDef]) -> usize {
    let index: HashMap<&str, usize> = types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let mut weight = vec![1usize; types.len()];
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    for (i, t) in types.iter().enumerate() {
        for ty in held(t) {
            solver_steps(&ty, 1, &mut |name, steps| {
                if let Some(&j) = index.get(name) {
                    edges[i].push(j);
                    weight[i] = weight[i].max(steps);
                }
            });
        }
    }
    let component = tarjan(&edges);
    let groups = component.iter().map(|&c| c + 1).max().unwrap_or(0);
    let mut group_weight = vec![0usize; groups];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for (node, &c) in component.iter().enumerate() {
        group_weight[c] += weight[node];
        members[c].push(node);
    }
    // Tarjan numbers a group after every group it reaches, so one pass in numbering order sees
    // each successor's depth first.
    let mut depth = vec![0usize; groups];
    for c in 0..groups {
        let below = members[c]
            .iter()
            .flat_map(|&node| &edges[node])
            .map(|&to| component[to])
            .filter(|&d| d != c)
            .map(|d| depth[d])
            .max()
            .unwrap_or(0);
        depth[c] = group_weight[c] + below;
    }
    depth.into_iter().max().unwrap_or(0)
}

/// Calls `found` with each named type in `ty` and the solver levels from the containing type to
/// it. Measured with rustdoc 1.95 on chains of structs (level 128 is reached after 122 plain
/// fields, 60 `Option`s, 23 `Box`es, 29 `Vec`s, 9 `BTreeMap`s), rounded up.
fn solver_steps(ty: &Ty, steps: usize, found: &mut dyn FnMut(&str, usize)) {
    match ty {
        Ty::Named(n) => found(n, steps),
        Ty::Option(inner) => solver_steps(inner, steps + 1, found),
        Ty::Tuple(items) => items.iter().for_each(|t| solver_steps(t, steps + 1, found)),
        Ty::Box(inner) => solver_steps(inner, steps + 5, found),
        Ty::Vec(inner) => solver_steps(inner, steps + 4, found),
        Ty::Map(inner) => solver_steps(inner, steps + 14, found),
        _ => {}
    }
}
