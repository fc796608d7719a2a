use smelt::load::{Format, Location, SourceMap};

fn loc(line: u32, column: u32) -> Option<Location> {
    Some(Location { line, column })
}

fn locate(text: &str, format: Format, pointers: &[&str]) -> Vec<Option<Location>> {
    SourceMap::new(text.to_owned(), format).locate_all(pointers)
}

/// A duplicate key as `(pointer, (line, column), (line, column))`, for compact assertions.
type Duplicate = (String, (u32, u32), (u32, u32));

fn duplicates(text: &str, format: Format) -> Vec<Duplicate> {
    SourceMap::new(text.to_owned(), format)
        .duplicate_keys()
        .into_iter()
        .map(|d| (d.pointer, (d.first.line, d.first.column), (d.second.line, d.second.column)))
        .collect()
}

// ----------------------------------------------------------------------------------------- JSON

const PETS_JSON: &str = r#"{
  "openapi": "3.0.3",
  "paths": {
    "/pets/{id}": {
      "get": {"operationId": "getPet", "tags": ["pets", {"name": "x"}]}
    }
  },
  "a~b": 1
}"#;

#[test]
fn json_nested_keys_point_at_the_key() {
    let found = locate(PETS_JSON, Format::Json, &["/openapi", "/paths", "/paths/~1pets~1{id}/get/operationId"]);
    assert_eq!(found, vec![loc(2, 3), loc(3, 3), loc(5, 15)]);
}

#[test]
fn json_escaped_tokens_and_array_indexes() {
    let found = locate(
        PETS_JSON,
        Format::Json,
        &["/a~0b", "/paths/~1pets~1{id}/get/tags/0", "/paths/~1pets~1{id}/get/tags/1/name"],
    );
    assert_eq!(found, vec![loc(8, 3), loc(5, 49), loc(5, 58)]);
}

#[test]
fn json_escapes_in_keys_are_decoded() {
    let text = r#"{"a\"b": 1, "c\\d": 2, "e\u002Ff": 3, "\ud83d\ude00": 4, "g\/h": 5}"#;
    let found = locate(text, Format::Json, &["/a\"b", "/c\\d", "/e~1f", "/\u{1F600}", "/g~1h"]);
    assert_eq!(found, vec![loc(1, 2), loc(1, 13), loc(1, 24), loc(1, 39), loc(1, 58)]);
}

#[test]
fn json_columns_count_characters_not_bytes() {
    let text = "{\"é€😀\": {\"x\": 1}}";
    assert_eq!(locate(text, Format::Json, &["/é€😀/x"]), vec![loc(1, 10)]);
}

#[test]
fn json_root_and_fallback_to_nearest_ancestor() {
    let text = "\n\n  {\"a\": {\"b\": [1, 2]}}";
    let found = locate(text, Format::Json, &["", "/a/b/7", "/a/zzz/b", "/nope", "not-a-pointer"]);
    assert_eq!(found, vec![loc(3, 3), loc(3, 10), loc(3, 4), loc(3, 3), loc(3, 3)]);
}

#[test]
fn json_minified_and_repeated_pointers() {
    let text = r#"{"a":[{"b":1},{"b":2}],"c":{"d":{"e":null}}}"#;
    let found = locate(text, Format::Json, &["/c/d/e", "/a/1/b", "/a/1/b", "/a/0", "/c/d/e"]);
    assert_eq!(found, vec![loc(1, 34), loc(1, 16), loc(1, 16), loc(1, 7), loc(1, 34)]);
}

#[test]
fn json_duplicate_keys() {
    let text = "{\n  \"a\": {\"x\": 1, \"y\": 2, \"x\": 3},\n  \"b\": [{\"x\": 1}, {\"x\": 2}],\n  \"a\": 4\n}";
    assert_eq!(
        duplicates(text, Format::Json),
        vec![("/a/x".to_owned(), (2, 9), (2, 25)), ("/a".to_owned(), (2, 3), (4, 3))],
    );
}

#[test]
fn json_byte_order_mark_is_not_a_column() {
    let text = "\u{feff}{\"a\": 1}";
    assert_eq!(locate(text, Format::Json, &["", "/a"]), vec![loc(1, 1), loc(1, 2)]);
}

// ----------------------------------------------------------------------------------------- YAML

const PETS_YAML: &str = "\
# An API
---
openapi: 3.0.3
paths:
  /pets/{id}:
    get:
      operationId: getPet
      responses:
        '200':
          description: ok
        \"x-y\": {a: 1}
        404: {description: missing}
components: {}
";

#[test]
fn yaml_nested_and_quoted_keys() {
    let found = locate(
        PETS_YAML,
        Format::Yaml,
        &[
            "",
            "/openapi",
            "/paths/~1pets~1{id}/get/operationId",
            "/paths/~1pets~1{id}/get/responses/200/description",
            "/paths/~1pets~1{id}/get/responses/x-y",
            "/paths/~1pets~1{id}/get/responses/404",
            "/components",
        ],
    );
    assert_eq!(found, vec![loc(3, 1), loc(3, 1), loc(7, 7), loc(10, 11), loc(11, 9), loc(12, 9), loc(13, 1)]);
}

#[test]
fn yaml_flow_collections_are_leaves() {
    let found = locate(
        PETS_YAML,
        Format::Yaml,
        &["/paths/~1pets~1{id}/get/responses/x-y/a", "/paths/~1pets~1{id}/get/responses/404/description"],
    );
    assert_eq!(found, vec![loc(11, 9), loc(12, 9)]);
}

#[test]
fn yaml_block_scalars_hide_key_like_lines() {
    let text = "\
a:
  description: |
    b: not a key
    c:
      d: 1

    - nor an item
  text: >-
    e: folded
  last: |2+
     f: x
b: 2
";
    let found = locate(text, Format::Yaml, &["/a/b", "/a/c/d", "/a/0", "/a/text/e", "/a/last", "/b"]);
    assert_eq!(found, vec![loc(1, 1), loc(1, 1), loc(1, 1), loc(8, 3), loc(10, 3), loc(12, 1)]);
}

#[test]
fn yaml_multi_line_scalars_hide_key_like_lines() {
    let text = "\
a:
  plain: first line
    b: continued
  quoted: \"first
c: still quoted \\\" here
  \"
  single: 'it''s
d: more'
  after: [1,
e: 2]
  end: x
";
    let found = locate(text, Format::Yaml, &["/a/plain/b", "/c", "/d", "/e", "/a/after", "/a/end", "/a/single"]);
    // `/c`, `/d` and `/e` are scalar text, so they fall back to the root.
    assert_eq!(found, vec![loc(2, 3), loc(1, 1), loc(1, 1), loc(1, 1), loc(9, 3), loc(11, 3), loc(7, 3)]);
}

#[test]
fn yaml_sequences_of_mappings() {
    let text = "\
parameters:
  - name: id
    in: path
    schema:
      type: string
  - name: q
    tags:
    - t0
    -   t1
  -
    name: third
  - - nested
    - pair
tags:
- a
- name: b
  x: 1
after: 1
";
    let found = locate(
        text,
        Format::Yaml,
        &[
            "/parameters/0",
            "/parameters/0/in",
            "/parameters/0/schema/type",
            "/parameters/1/name",
            "/parameters/1/tags/1",
            "/parameters/2",
            "/parameters/2/name",
            "/parameters/3/1",
            "/tags/0",
            "/tags/1/x",
            "/after",
        ],
    );
    assert_eq!(
        found,
        vec![
            loc(2, 5),
            loc(3, 5),
            loc(5, 7),
            loc(6, 5),
            loc(9, 9),
            loc(10, 3),
            loc(11, 5),
            loc(13, 7),
            loc(15, 3),
            loc(17, 3),
            loc(18, 1),
        ],
    );
}

#[test]
fn yaml_fallback_to_nearest_ancestor() {
    let found = locate(PETS_YAML, Format::Yaml, &["/paths/~1pets~1{id}/post/responses", "/paths/~1pets", "/zzz/1"]);
    assert_eq!(found, vec![loc(5, 3), loc(4, 1), loc(3, 1)]);
}

#[test]
fn yaml_anchors_tags_comments_and_crlf() {
    let text =
        "base: &base # comment\r\n  x: 1\r\n  # y: 2\r\ntagged: !!map\r\n  z: 3\r\n\r\nitems:\r\n  - &item k: v\r\n";
    let found = locate(text, Format::Yaml, &["/base/x", "/base/y", "/tagged/z", "/items/0/k"]);
    assert_eq!(found, vec![loc(2, 3), loc(1, 1), loc(5, 3), loc(8, 11)]);
}

#[test]
fn yaml_stops_at_the_second_document() {
    let text = "a: 1\n---\nb: 2\n";
    assert_eq!(locate(text, Format::Yaml, &["/b"]), vec![loc(1, 1)]);
}

#[test]
fn yaml_holding_json_is_read_as_json() {
    let text = "# comment\n{\"a\": [{\"b\": 1}]}\n";
    assert_eq!(locate(text, Format::Yaml, &["", "/a/0/b"]), vec![loc(2, 1), loc(2, 9)]);
}

#[test]
fn yaml_duplicate_keys() {
    let text = "\
paths:
  /pets:
    get: {}
    post: {}
    get: {}
  /pets:
    get: {}
list:
  - a: 1
    a: 2
  - a: 3
'200': x
200: y
";
    assert_eq!(
        duplicates(text, Format::Yaml),
        vec![
            ("/paths/~1pets/get".to_owned(), (3, 5), (5, 5)),
            ("/paths/~1pets".to_owned(), (2, 3), (6, 3)),
            ("/list/0/a".to_owned(), (9, 5), (10, 5)),
            ("/200".to_owned(), (12, 1), (13, 1)),
        ],
    );
}

#[test]
fn a_key_written_three_times_gives_two_duplicates() {
    let found = duplicates("a: 1\na: 2\na: 3\n", Format::Yaml);
    assert_eq!(found, vec![("/a".to_owned(), (1, 1), (2, 1)), ("/a".to_owned(), (2, 1), (3, 1))]);
}

// -------------------------------------------------------------------------------- robustness

#[test]
fn empty_and_blank_texts_give_none() {
    for format in [Format::Json, Format::Yaml] {
        for text in ["", "   \n\t\n", "\u{feff}"] {
            assert_eq!(locate(text, format, &["", "/a"]), vec![None, None]);
            assert!(SourceMap::new(text.to_owned(), format).duplicate_keys().is_empty());
        }
    }
    assert_eq!(locate("# only a comment\n", Format::Yaml, &[""]), vec![None]);
    assert!(locate("{}", Format::Json, &[]).is_empty());
}

#[test]
fn garbage_does_not_panic() {
    let deep_json = "[".repeat(100_000) + &"{\"a\":".repeat(50_000);
    let deep_yaml: String = (0..5_000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    let samples = [
        "{",
        "}",
        "[",
        "]]]",
        "\"",
        "\"\\",
        "{\"a",
        "{\"a\\u12",
        "{\"\\ud800\": 1}",
        "{\"a\" 1 \"b\": 2}",
        "{:::,,,}",
        "{a: b, c: [d, e}",
        "[1, 2,, 3, ]",
        "- - - -",
        "-",
        ": :",
        "'unterminated: x",
        "\"a\\\": b",
        "a: [1, {2: \"",
        "a: |\n",
        "? complex\n: value\n",
        "\t\tkey: value\n  - x\n y: z\n",
        "é: ü\n  ö:\n€",
        "k: v\n  - x\n- y\nk2: 'a''\n",
        "&anchor\n!tag\n*alias\n",
        deep_json.as_str(),
        deep_yaml.as_str(),
    ];
    let pointers = ["", "/a", "/0/0/0", "/k0/k1/k2", "/a/b/c", "~", "/~2", "/é/ö"];
    for text in samples {
        for format in [Format::Json, Format::Yaml] {
            let map = SourceMap::new(text.to_owned(), format);
            let found = map.locate_all(&pointers);
            assert_eq!(found.len(), pointers.len());
            if !text.trim().is_empty() {
                assert!(found.iter().all(Option::is_some), "{text:?} as {format:?}: {found:?}");
            }
            map.duplicate_keys();
        }
    }
}

#[test]
fn deep_yaml_resolves_deep_pointers() {
    let text: String = (0..3_000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    let pointer: String = (0..3_000).map(|i| format!("/k{i}")).collect();
    assert_eq!(locate(&text, Format::Yaml, &[&pointer]), vec![loc(3_000, 3_000)]);
}

#[test]
fn line_text_and_offsets() {
    let map = SourceMap::new("a: 1\r\nbé: 2\nc: 3".to_owned(), Format::Yaml);
    assert_eq!(map.line_text(1), Some("a: 1"));
    assert_eq!(map.line_text(2), Some("bé: 2"));
    assert_eq!(map.line_text(3), Some("c: 3"));
    assert_eq!(map.line_text(0), None);
    assert_eq!(map.line_text(4), None);
    assert_eq!(map.offset_to_location(0), loc(1, 1));
    assert_eq!(map.offset_to_location(10), loc(2, 4));
    assert_eq!(map.offset_to_location(map.text().len()), loc(3, 5));
    assert_eq!(map.offset_to_location(map.text().len() + 1), None);
}

// ---------------------------------------------------------------------------------- real spec

fn seed_spec() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/askui-workspaces.yaml");
    std::fs::read_to_string(path).expect("the seed spec is in specs/")
}

#[test]
fn seed_spec_known_locations() {
    let map = SourceMap::new(seed_spec(), Format::Yaml);
    let found = map.locate_all(&[
        "/components/schemas/AgentExecutionUpdateCommand/properties/state/discriminator/mapping/DELIVERED_TO_DESTINATION",
        "/paths/~1api~1v1~1agent-executions~1{agent_execution_id}/patch/responses/200",
        "/paths/~1api~1v1~1agent-executions~1{agent_execution_id}/patch/parameters/0/in",
        "/paths/~1api~1v1~1agent-executions~1{agent_execution_id}/patch/tags/0",
    ]);
    assert_eq!(found, vec![loc(66, 15), loc(30, 9), loc(17, 11), loc(11, 11)]);
    assert!(map.duplicate_keys().is_empty());
}

#[test]
fn seed_spec_every_node_is_found() {
    let text = seed_spec();
    let value: serde_json::Value = yaml_serde::from_str(&text).expect("the seed spec loads");
    let nodes = assert_every_node_found(SourceMap::new(text, Format::Yaml), &value);
    assert!(nodes > 300, "walked {nodes} nodes");
}

/// The large corpus is not always checked out, and takes a while in debug builds: run with
/// `cargo test --release -p smelt --test source_map -- --ignored --nocapture`.
#[test]
#[ignore]
fn large_corpus_every_node_is_found() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/large/");
    for (file, format) in
        [("github-api.github.com-octokit-23.0.2.json", Format::Json), ("stripe-spec3-2023-09-12.yaml", Format::Yaml)]
    {
        let Ok(text) = std::fs::read_to_string(format!("{dir}{file}")) else { continue };
        let value: serde_json::Value = match format {
            Format::Json => serde_json::from_str(&text).expect("valid JSON"),
            Format::Yaml => yaml_serde::from_str(&text).expect("valid YAML"),
        };
        let mut nodes = Vec::new();
        collect_pointers(&value, String::new(), None, &mut nodes);
        let sample: Vec<&str> = nodes.iter().step_by(nodes.len() / 1000 + 1).map(|(p, _)| p.as_str()).collect();
        let copy = text.clone();
        let started = std::time::Instant::now();
        let map = SourceMap::new(copy, format);
        let found = map.locate_all(&sample);
        let located = started.elapsed();
        let started = std::time::Instant::now();
        let duplicates = map.duplicate_keys();
        println!(
            "{file}: {} bytes, locate_all of {} pointers {located:?}, duplicate_keys {:?} ({} found)",
            text.len(),
            sample.len(),
            started.elapsed(),
            duplicates.len(),
        );
        assert!(found.iter().all(Option::is_some));
        let all = assert_every_node_found(map, &value);
        println!("{file}: all {all} nodes found");
    }
}

/// Every pointer of the loaded value tree must be found itself, not through an ancestor: the
/// text at its location starts with its key (members) or differs from its parent's (elements).
/// Returns how many nodes were checked.
fn assert_every_node_found(map: SourceMap, value: &serde_json::Value) -> usize {
    let mut nodes = Vec::new();
    collect_pointers(value, String::new(), None, &mut nodes);
    let pointers: Vec<&str> = nodes.iter().map(|(p, _)| p.as_str()).collect();
    let found = map.locate_all(&pointers);
    let at: std::collections::HashMap<&str, Option<Location>> = pointers.iter().copied().zip(found).collect();
    for (pointer, key) in &nodes {
        let location = at[pointer.as_str()].expect("every pointer of a non-empty text is located");
        let line = map.line_text(location.line).unwrap_or_default();
        let from_column: String = line.chars().skip(location.column as usize - 1).collect();
        match key {
            Some(key) => {
                let spellings = [key.clone(), format!("'{key}'"), serde_json::Value::from(key.as_str()).to_string()];
                assert!(
                    spellings.iter().any(|k| from_column.starts_with(k.as_str())),
                    "{pointer} at {location:?}: {line:?}"
                );
            }
            None if !pointer.is_empty() => {
                let parent = &pointer[..pointer.rfind('/').unwrap_or(0)];
                assert_ne!(at[parent], Some(location), "{pointer} fell back to its parent");
            }
            None => {}
        }
    }
    nodes.len()
}

fn collect_pointers(
    value: &serde_json::Value,
    pointer: String,
    key: Option<String>,
    out: &mut Vec<(String, Option<String>)>,
) {
    match value {
        serde_json::Value::Object(members) => {
            for (k, v) in members {
                let child = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                collect_pointers(v, child, Some(k.clone()), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_pointers(v, format!("{pointer}/{i}"), None, out);
            }
        }
        _ => {}
    }
    out.push((pointer, key));
}
