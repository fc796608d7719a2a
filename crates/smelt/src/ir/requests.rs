//! The types sent in request bodies, and what being sent changes: optional nullable fields get
//! three states (absent, `null`, a value) unless option `double_option` says otherwise.

use std::collections::HashMap;

use super::types::*;
use super::validation::named_in;

/// Which types contain which: indexes into the type list.
pub struct Graph {
    pub children: Vec<Vec<usize>>,
    index: HashMap<String, usize>,
}

impl Graph {
    pub fn of(types: &[TypeDef]) -> Self {
        let index: HashMap<String, usize> = types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        let children = types
            .iter()
            .map(|t| named_children(t).iter().filter_map(|n| index.get(n.as_str()).copied()).collect())
            .collect();
        Graph { children, index }
    }

    /// Per type: whether a request body holds it, directly or inside another type.
    pub fn sent(&self, types: &[TypeDef], operations: &[Operation]) -> Vec<bool> {
        let mut sent = vec![false; types.len()];
        let mut stack: Vec<usize> = operations
            .iter()
            .flat_map(|op| op.bodies())
            .flat_map(|b| named_in(&b.ty))
            .filter_map(|n| self.index.get(n.as_str()).copied())
            .collect();
        while let Some(i) = stack.pop() {
            if !sent[i] {
                sent[i] = true;
                stack.extend(self.children[i].iter().copied());
            }
        }
        sent
    }
}

/// Optional nullable fields of the types a request sends become `Option<Option<T>>`: a PATCH of a
/// pydantic service clears a field when it is sent as `null`, which a single `Option` cannot say.
/// Types only received keep one `Option` (absent and `null` read the same).
pub fn three_states(types: &mut [TypeDef], operations: &[Operation]) {
    let sent = Graph::of(types).sent(types, operations);
    for (t, _) in types.iter_mut().zip(sent).filter(|(_, sent)| *sent) {
        let TypeKind::Struct(s) = &mut t.kind else { continue };
        for f in s.fields.iter_mut().filter(|f| f.presence == Presence::Optional && f.nullable) {
            f.presence = Presence::OptionalNullable;
            f.ty = Ty::Option(Box::new(std::mem::replace(&mut f.ty, Ty::Json)));
        }
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
