//! Reference cycles that no Rust type can hold.
//!
//! A schema that *is* another one — `$ref: B`, or `allOf: [{$ref: B}]` whose fields it flattens —
//! has no shape of its own. A chain of those that comes back to where it started (`A` is `B`, `B`
//! is `A`; or `Node` is `allOf: [Node]`) describes nothing, and would become a type alias of itself
//! or a struct of infinite size. Recursion *through* a property, an array item, a map value or a
//! union member is fine (the IR boxes it) and is not an edge here.
//!
//! The same walk refuses schemas nested deeper than [`MAX_SCHEMA_DEPTH`], before the recursive
//! stages after this one see them.
//!
//! The check is a depth-first search over the value tree with an explicit stack: every node is
//! entered once, every `$ref` resolved once, so it is linear in the document and deep or long
//! chains cannot overflow the call stack.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::markers::Marker;
use super::{fatal, Fatal};
use crate::json::percent_decode;
use crate::json::push_token;
use crate::load::bundle::ONE_SCHEMA_KEYWORDS;

/// Schemas nested deeper than this are refused. The typed stage (`openapiv3`'s derived
/// deserializers, through serde's buffered `Content` for its untagged and flattened enums) and
/// the render stage (`syn`) recurse once per level at 30–50 KB of stack each in debug builds;
/// 64 levels keep `generate` under 3 MB of stack there, well inside a main thread's 8 MB.
/// (The parsers already stop at 128 levels of any nesting.)
pub(super) const MAX_SCHEMA_DEPTH: u32 = 64;

/// Fails on the first cycle made only of `$ref` and `allOf` steps, naming every step of it, or
/// on the first schema nested more than [`MAX_SCHEMA_DEPTH`] schemas deep.
pub(super) fn check(root: &Map<String, Value>) -> Result<(), Fatal> {
    let mut search = Search { root, state: HashMap::new() };
    // Every node that has an edge starts a search, in document order. Data (examples, enums,
    // defaults, extensions) is not walked. Pointers are spelled out only where needed: `path`
    // holds the tokens of the node being walked, one per open level.
    let mut levels = vec![Level { children: Children::Map(root.iter()), depth: 0, members: Members::Keywords }];
    let mut path: Vec<Token<'_>> = Vec::new();
    while let Some(level) = levels.last_mut() {
        let (token, child, depth, members) = match &mut level.children {
            Children::Map(iter) => match iter.next() {
                Some((key, child)) => {
                    let at_components = matches!(path.as_slice(), [Token::Key("components")]);
                    match classify(level.members, key, at_components) {
                        Some((step, members)) => (Token::Key(key), child, level.depth + step, members),
                        None => continue,
                    }
                }
                None => {
                    levels.pop();
                    path.pop();
                    continue;
                }
            },
            Children::List(iter) => match iter.next() {
                Some((i, child)) => {
                    let step = u32::from(level.members == Members::Schemas);
                    (Token::Index(i), child, level.depth + step, Members::Keywords)
                }
                None => {
                    levels.pop();
                    path.pop();
                    continue;
                }
            },
        };
        let children = match child {
            Value::Object(map) => Children::Map(map.iter()),
            Value::Array(items) => Children::List(items.iter().enumerate()),
            _ => continue,
        };
        path.push(token);
        if depth > MAX_SCHEMA_DEPTH {
            return Err(fatal(
                &spell(&path),
                format!(
                    "schema nested more than {MAX_SCHEMA_DEPTH} levels deep (inline, counting every schema it is \
                     in); smelt refuses deeper nesting, which could exhaust the stack in later stages: name inner \
                     schemas under `components/schemas` and `$ref` them"
                ),
            ));
        }
        if let Value::Object(map) = child {
            let is_alias = map.get("$ref").and_then(Value::as_str).is_some_and(|r| r.starts_with('#'));
            if is_alias || map.get("allOf").is_some_and(Value::is_array) {
                search.from(child, &spell(&path))?;
            }
        }
        levels.push(Level { children, depth, members });
    }
    Ok(())
}

/// An open container in the walk: its members still to visit, and how many schemas deep it is.
struct Level<'a> {
    children: Children<'a>,
    depth: u32,
    members: Members,
}

enum Children<'a> {
    Map(serde_json::map::Iter<'a>),
    List(std::iter::Enumerate<std::slice::Iter<'a, Value>>),
}

#[derive(Clone, Copy)]
enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

fn spell(path: &[Token<'_>]) -> String {
    path.iter().fold(String::new(), |pointer, token| match token {
        Token::Key(key) => push_token(&pointer, key),
        Token::Index(i) => push_token(&pointer, &i.to_string()),
    })
}

/// What the keys (or elements) of a node are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Members {
    /// Keywords of an OpenAPI or schema object: some hold a schema, some data.
    Keywords,
    /// Names (or positions) of schemas: `properties`, `allOf`, `components/schemas`.
    Schemas,
}

/// For the member `key` of a mapping whose keys are `members`: how many schema levels it adds
/// and what its own keys are; `None` to skip it (data).
fn classify(members: Members, key: &str, at_components: bool) -> Option<(u32, Members)> {
    Some(match (members, key) {
        (Members::Schemas, _) => (1, Members::Keywords),
        (_, "example" | "examples" | "enum" | "default" | "const") => return None,
        (_, k) if k.starts_with("x-") && k != Marker::Webhooks.key() => return None,
        (_, k) if k == "schema" || ONE_SCHEMA_KEYWORDS.contains(&k) => (1, Members::Keywords),
        (
            _,
            "properties" | "patternProperties" | "dependentSchemas" | "$defs" | "definitions" | "allOf" | "oneOf"
            | "anyOf" | "prefixItems",
        ) => (0, Members::Schemas),
        (_, "schemas") if at_components => (0, Members::Schemas),
        _ => (0, Members::Keywords),
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    OnStack,
    Done,
}

#[derive(Clone, Copy)]
enum Step {
    Ref,
    AllOf(usize),
}

struct Edge<'a> {
    step: Step,
    target: &'a Value,
    /// The target's pointer: the `$ref` as written, or the `allOf` member's place.
    pointer: String,
}

struct Frame<'a> {
    node: &'a Value,
    pointer: String,
    edges: Vec<Edge<'a>>,
    next: usize,
}

struct Search<'a> {
    root: &'a Map<String, Value>,
    /// Nodes by address: each is entered once over all searches.
    state: HashMap<*const Value, State>,
}

impl<'a> Search<'a> {
    fn from(&mut self, start: &'a Value, pointer: &str) -> Result<(), Fatal> {
        if self.state.contains_key(&(start as *const Value)) {
            return Ok(());
        }
        self.state.insert(start, State::OnStack);
        let mut stack = vec![Frame {
            node: start,
            pointer: pointer.to_owned(),
            edges: edges_of(self.root, start, pointer),
            next: 0,
        }];
        while let Some(top) = stack.last_mut() {
            let Some(edge) = top.edges.get(top.next) else {
                self.state.insert(top.node, State::Done);
                stack.pop();
                continue;
            };
            top.next += 1;
            let (target, target_pointer) = (edge.target, edge.pointer.clone());
            match self.state.get(&(target as *const Value)) {
                Some(State::Done) => {}
                Some(State::OnStack) => return Err(cycle(&stack, target)),
                None => {
                    self.state.insert(target, State::OnStack);
                    let edges = edges_of(self.root, target, &target_pointer);
                    stack.push(Frame { node: target, pointer: target_pointer, edges, next: 0 });
                }
            }
        }
        Ok(())
    }
}

/// The steps by which `node` is another schema: its `$ref` (when it resolves inside the
/// document) and its `allOf` members.
fn edges_of<'a>(root: &'a Map<String, Value>, node: &'a Value, pointer: &str) -> Vec<Edge<'a>> {
    let mut edges = Vec::new();
    let Value::Object(map) = node else { return edges };
    if let Some(Value::String(reference)) = map.get("$ref") {
        if let Some(fragment) = reference.strip_prefix('#') {
            let fragment = percent_decode(fragment);
            if let Some(target) = resolve(root, &fragment) {
                edges.push(Edge { step: Step::Ref, target, pointer: fragment.into_owned() });
            }
        }
    }
    if let Some(Value::Array(members)) = map.get("allOf") {
        let at = push_token(pointer, "allOf");
        for (i, member) in members.iter().enumerate() {
            if member.is_object() {
                edges.push(Edge { step: Step::AllOf(i), target: member, pointer: push_token(&at, &i.to_string()) });
            }
        }
    }
    edges
}

/// The error for the cycle closed by an edge from the top of `stack` back to `target`.
fn cycle(stack: &[Frame<'_>], target: &Value) -> Fatal {
    let start = stack.iter().position(|f| std::ptr::eq(f.node, target)).unwrap_or(0);
    let frames = stack.get(start..).unwrap_or_default();
    let mut chain = frames.first().map(|f| f.pointer.clone()).unwrap_or_default();
    let mut first_step = None;
    for frame in frames {
        let Some(edge) = frame.next.checked_sub(1).and_then(|i| frame.edges.get(i)) else { continue };
        let step = match edge.step {
            Step::Ref => {
                chain.push_str(" $ref -> ");
                chain.push_str(&edge.pointer);
                push_token(&frame.pointer, "$ref")
            }
            Step::AllOf(i) => {
                chain.push_str(&format!(" allOf[{i}]"));
                edge.pointer.clone()
            }
        };
        first_step.get_or_insert(step);
    }
    let pointer = first_step.unwrap_or_default();
    fatal(
        &pointer,
        format!(
            "reference cycle that no type can hold: {chain} (each schema is only the next one, so none has a shape; \
             recursion must pass through a property, an array item or a map value)"
        ),
    )
}

/// The node a JSON pointer (already percent-decoded) names, if any. The root itself has no
/// `$ref` or `allOf` to follow, so `""` resolves to nothing.
fn resolve<'a, 'b>(root: &'a Map<String, Value>, pointer: &'b str) -> Option<&'a Value> {
    let unescape = |t: &'b str| -> Cow<'b, str> {
        if t.contains('~') {
            Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(t)
        }
    };
    let mut tokens = pointer.strip_prefix('/')?.split('/').map(unescape);
    let mut node = root.get(tokens.next()?.as_ref())?;
    for token in tokens {
        node = match node {
            Value::Object(map) => map.get(token.as_ref())?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn run(doc: Value) -> Result<(), Fatal> {
        match doc {
            Value::Object(root) => check(&root),
            _ => unreachable!("test documents are objects"),
        }
    }

    fn schemas(schemas: Value) -> Value {
        json!({"openapi": "3.0.3", "paths": {}, "components": {"schemas": schemas}})
    }

    #[test]
    fn a_cycle_of_refs_is_named_step_by_step() {
        let err = run(schemas(json!({
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"$ref": "#/components/schemas/C"},
            "C": {"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"x": {"type": "string"}}}]},
        })))
        .unwrap_err();
        assert_eq!(err.pointer, "/components/schemas/A/$ref");
        assert!(
            err.message.contains(
                "/components/schemas/A $ref -> /components/schemas/B $ref -> /components/schemas/C allOf[0] $ref -> \
                 /components/schemas/A ("
            ),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_schema_that_is_all_of_itself() {
        let err = run(schemas(json!({"Node": {"allOf": [{"$ref": "#/components/schemas/Node"}]}}))).unwrap_err();
        assert_eq!(err.pointer, "/components/schemas/Node/allOf/0");
        let err = run(schemas(json!({"Node": {"$ref": "#/components/schemas/Node"}}))).unwrap_err();
        assert_eq!(err.pointer, "/components/schemas/Node/$ref");
    }

    #[test]
    fn recursion_through_properties_items_maps_and_unions_is_fine() {
        let tree = json!({
            "Tree": {
                "properties": {
                    "parent": {"$ref": "#/components/schemas/Tree"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
                    "byName": {"additionalProperties": {"$ref": "#/components/schemas/Tree"}},
                },
            },
            "Expr": {"oneOf": [{"$ref": "#/components/schemas/Expr"}, {"type": "string"}]},
            "Either": {"anyOf": [{"$ref": "#/components/schemas/Either"}, {"type": "integer"}]},
            "Nullable": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Holder"}]},
            "Holder": {"properties": {"inner": {"$ref": "#/components/schemas/Nullable"}}},
            "Dangling": {"$ref": "#/components/schemas/Missing"},
            "External": {"$ref": "other.yaml#/Thing"},
        });
        assert_eq!(run(schemas(tree)), Ok(()));
    }

    #[test]
    fn cycles_outside_schemas_and_escaped_refs_are_found() {
        let params = json!({"openapi": "3.0.3", "paths": {}, "components": {"parameters": {
            "P": {"$ref": "#/components/parameters/Q"},
            "Q": {"$ref": "#/components/parameters/P"},
        }}});
        assert_eq!(run(params).unwrap_err().pointer, "/components/parameters/P/$ref");
        let escaped = schemas(
            json!({"A B": {"$ref": "#/components/schemas/A%20B"}, "x/y": {"$ref": "#/components/schemas/x~1y"}}),
        );
        assert_eq!(run(escaped).unwrap_err().pointer, "/components/schemas/A B/$ref");
    }

    #[test]
    fn data_is_not_searched_but_schemas_named_like_keywords_are() {
        let data = schemas(json!({"A": {
            "example": {"$ref": "#/components/schemas/A/example"},
            "x-meta": {"$ref": "#/components/schemas/A/x-meta"},
        }}));
        assert_eq!(run(data), Ok(()));
        let named =
            schemas(json!({"A": {"properties": {"example": {"$ref": "#/components/schemas/A/properties/example"}}}}));
        assert_eq!(run(named).unwrap_err().pointer, "/components/schemas/A/properties/example/$ref");
    }

    fn nested_items(levels: usize) -> Value {
        let mut schema = json!({"type": "string"});
        for _ in 0..levels {
            schema = json!({"type": "array", "items": schema});
        }
        schema
    }

    #[test]
    fn schemas_nest_at_most_64_deep() {
        // The component itself is one level.
        assert_eq!(run(schemas(json!({"Deep": nested_items(63)}))), Ok(()));
        let err = run(schemas(json!({"Deep": nested_items(64)}))).unwrap_err();
        assert_eq!(err.pointer, format!("/components/schemas/Deep{}", "/items".repeat(64)));
        assert!(err.message.starts_with("schema nested more than 64 levels deep"), "{}", err.message);
        // Properties and union members count one level each; the maps and lists holding them none.
        let mut schema = json!({"type": "string"});
        for i in 0..64 {
            schema = if i % 2 == 0 { json!({"properties": {"p": schema}}) } else { json!({"oneOf": [schema]}) };
        }
        let op = json!({"openapi": "3.0.3", "paths": {"/x": {"post": {"requestBody": {"content": {"application/json": {"schema": schema}}}}}}});
        assert!(run(op)
            .unwrap_err()
            .pointer
            .starts_with("/paths/~1x/post/requestBody/content/application~1json/schema/oneOf/0/properties/p/"));
    }
}
