//! A synthetic family of specs whose size grows linearly in `n`, for the linearity test and
//! `cargo xtask bench`: schema `S{i}` refers to `S{i+1}` and `S{i+2}` (modulo `n`, so every schema
//! is recursive) through properties, items, `allOf` (annotated and merged), `oneOf`, nullable
//! wrappers and maps. A generator that expands shared or recursive schemas instead of naming them
//! once blows up on it.

use std::fmt::Write;

pub mod clashes;

/// The spec of size `n` (at least 1), as JSON text.
pub fn spec(n: usize) -> String {
    let n = n.max(1);
    let mut out = String::from(r#"{"openapi":"3.0.3","info":{"title":"Synthetic","version":"1"},"paths":{"#);
    for i in 0..n {
        let comma = if i + 1 < n { "," } else { "" };
        let _ = write!(
            out,
            r##""/s{i}":{{"post":{{"operationId":"op{i}","requestBody":{{"content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S{i}"}}}}}}}},"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S{i}"}}}}}}}}}}}}}}{comma}"##
        );
    }
    out.push_str(r#"},"components":{"schemas":{"#);
    for i in 0..n {
        let (a, b) = ((i + 1) % n, (i + 2) % n);
        let comma = if i + 1 < n { "," } else { "" };
        let _ = write!(
            out,
            r##""S{i}":{{"type":"object","required":["a"],"properties":{{
"a":{{"$ref":"#/components/schemas/S{a}"}},
"b":{{"type":"array","items":{{"$ref":"#/components/schemas/S{b}"}}}},
"c":{{"allOf":[{{"$ref":"#/components/schemas/S{a}"}},{{"description":"annotated"}}]}},
"d":{{"oneOf":[{{"$ref":"#/components/schemas/S{a}"}},{{"$ref":"#/components/schemas/S{b}"}}]}},
"e":{{"nullable":true,"allOf":[{{"$ref":"#/components/schemas/S{b}"}}]}},
"f":{{"allOf":[{{"$ref":"#/components/schemas/S{a}"}},{{"type":"object","properties":{{"x":{{"type":"string","enum":["p","q"]}}}}}}]}},
"g":{{"type":"object","properties":{{"inner":{{"allOf":[{{"$ref":"#/components/schemas/S{b}"}},{{"type":"object","properties":{{"y":{{"oneOf":[{{"$ref":"#/components/schemas/S{a}"}},{{"type":"string"}}]}}}}}}]}}}}}},
"h":{{"type":"object","additionalProperties":{{"type":"array","items":{{"$ref":"#/components/schemas/S{b}"}}}}}}
}}}}{comma}"##
        );
    }
    out.push_str("}}}");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_json_of_the_right_size() {
        for n in [1, 2, 3, 10] {
            let value: serde_json::Value = serde_json::from_str(&super::spec(n)).expect("valid JSON");
            assert_eq!(value["components"]["schemas"].as_object().map(|s| s.len()), Some(n));
            assert_eq!(value["paths"].as_object().map(|p| p.len()), Some(n));
        }
    }
}
