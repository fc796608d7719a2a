//! One walk over every schema position, shared by the analyses that precede conversion.

use super::view::{Additional, Kind, Node, View};
use crate::json::push_token;

/// What the walker reports for each schema position.
pub struct Visit<'a, 'p> {
    pub node: Node<'a>,
    pub pointer: &'p str,
    /// The position is a member of a `oneOf`/`anyOf` that has a `discriminator`.
    pub union_member: bool,
}

/// Calls `f` for `node` and every schema inside it (not following `$ref`s).
pub fn walk<'a>(node: Node<'a>, pointer: &str, f: &mut dyn FnMut(&Visit<'a, '_>)) {
    walk_inner(node, pointer, false, f);
}

fn walk_inner<'a>(node: Node<'a>, pointer: &str, union_member: bool, f: &mut dyn FnMut(&Visit<'a, '_>)) {
    f(&Visit { node, pointer, union_member });
    let Node::Inline(schema) = node else { return };
    let view = View::of(schema);
    let discriminated = view.data.discriminator.is_some();
    match &view.kind {
        Kind::Object(o) => {
            let at = push_token(pointer, "properties");
            for (name, child) in &o.properties {
                walk_inner(*child, &push_token(&at, name), false, f);
            }
            if let Additional::Schema(child) = o.additional {
                walk_inner(child, &push_token(pointer, "additionalProperties"), false, f);
            }
        }
        Kind::Array { items: Some(child), .. } => walk_inner(*child, &push_token(pointer, "items"), false, f),
        Kind::Tuple(members) => {
            for (i, child) in members.iter().enumerate() {
                walk_inner(*child, &push_token(&push_token(pointer, "prefixItems"), &i.to_string()), false, f);
            }
        }
        Kind::OneOf(members) | Kind::AnyOf(members) => {
            let key = if matches!(view.kind, Kind::OneOf(_)) { "oneOf" } else { "anyOf" };
            let at = push_token(pointer, key);
            for (i, child) in members.iter().enumerate() {
                walk_inner(*child, &push_token(&at, &i.to_string()), discriminated, f);
            }
        }
        Kind::AllOf(members, own) => {
            let at = push_token(pointer, "allOf");
            for (i, child) in members.iter().enumerate() {
                walk_inner(*child, &push_token(&at, &i.to_string()), false, f);
            }
            if let Some(o) = own {
                let at = push_token(pointer, "properties");
                for (name, child) in &o.properties {
                    walk_inner(*child, &push_token(&at, name), false, f);
                }
            }
        }
        _ => {}
    }
}
