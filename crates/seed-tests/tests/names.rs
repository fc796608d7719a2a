//! A user who imports every model (`use api::models::*`) keeps Rust's own types: schemas named
//! `Vec`, `String`, `HashMap`, `Default`, … (`specs/fixture-names.yaml`) get a `Model` suffix.

// The glob is the point: it would shadow the prelude and `HashMap` if a model took their names.
#[allow(clippy::wildcard_imports)]
use fixture_names::models::*;
use std::collections::HashMap;

#[test]
fn a_glob_import_of_the_models_shadows_nothing() {
    let list: Vec<String> = vec!["a".to_owned()];
    let map: HashMap<String, Option<i64>> = HashMap::from([("k".to_owned(), Some(1))]);
    let boxed: Box<u8> = Box::default();
    let result: Result<u8, String> = Ok(*boxed);
    assert_eq!((list.len(), map.len(), result), (1, 1, Ok(0)));
}

#[test]
fn the_renamed_models_read_their_schemas() {
    let vec: VecModel = serde_json::from_str(r#"{"a": "b"}"#).expect("reads");
    assert_eq!(vec["a"], "b");
    let map: HashMapModel = serde_json::from_str(r#"{"n": 1}"#).expect("reads");
    assert_eq!(map["n"], 1);
    let default: DefaultModel = serde_json::from_str(r#""off""#).expect("reads");
    assert_eq!(default, DefaultModel::Off);
    let result: ResultModel =
        serde_json::from_str(r#"{"ok": "yes", "vec": [{"x": "y"}], "default": "on"}"#).expect("reads");
    assert_eq!(result.ok.as_deref(), Some("yes"));
    assert_eq!(result.default, Some(DefaultModel::On));
}
