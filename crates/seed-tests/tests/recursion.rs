//! Recursive aliases (`specs/fixture-recursion.yaml`) are newtypes that read and write exactly the
//! JSON the spec describes: the wrapper is invisible on the wire.

use fixture_recursion::models::{BoxModel as Boxes, Dict, Forest, Node, NodeChildrenItem, Ping, Pong};
use serde_json::json;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(
    value: serde_json::Value,
) -> T {
    let typed: T = serde_json::from_value(value.clone()).expect("reads");
    assert_eq!(serde_json::to_value(&typed).expect("writes"), value);
    typed
}

#[test]
fn a_list_of_itself() {
    let boxes: Boxes = round_trip(json!([[], [[], [[]]]]));
    assert_eq!(boxes, Boxes(vec![Boxes(vec![]), Boxes(vec![Boxes(vec![]), Boxes(vec![Boxes(vec![])])])]));
}

#[test]
fn a_map_of_itself() {
    let dict: Dict = round_trip(json!({"a": {}, "b": {"c": {}}}));
    assert_eq!(dict.0["b"].0["c"], Dict(Default::default()));
}

#[test]
fn through_a_nullable_alias() {
    let ping: Ping = round_trip(json!([null, [null, []]]));
    assert_eq!(ping, Ping(vec![Pong(None), Pong(Some(Ping(vec![Pong(None), Pong(Some(Ping(vec![])))])))]));
}

#[test]
fn an_annotated_reference_stays_the_type() {
    let node: Node =
        round_trip(json!({"name": "a", "next": {"name": "b"}, "children": [{"child": {"name": "c"}}, {}]}));
    let next = node.next.as_deref().expect("next");
    assert_eq!(next.name.as_deref(), Some("b"));
    assert_eq!(node.children.as_ref().map(Vec::len), Some(2));
    assert!(matches!(&node.children.as_deref().unwrap()[1], NodeChildrenItem { child: None }));
}

#[test]
fn the_whole_forest() {
    let forest: Forest = round_trip(json!({"boxes": [[]], "dict": {"x": {}}, "ping": [null], "root": {}}));
    assert_eq!(forest.root, Node::default());
    // A wrong shape is an error, not a panic.
    assert!(serde_json::from_value::<Forest>(json!({"boxes": [1], "dict": {}, "ping": [], "root": {}})).is_err());
}
