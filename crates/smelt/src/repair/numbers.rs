//! Numbers a schema keyword cannot hold. `openapiv3` reads counts (`minLength`, `maxItems`, …) as
//! `usize`: a negative count, a fraction, or a 64-bit limit rounded through a float
//! (`1.8446744073709552e19`) fails the whole document. Integer bounds beyond 64 bits (a limit
//! written as `-18446744073709551615`, read as the nearest float) describe no 64-bit integer.
//! Each is brought into range or dropped, with a warning at the keyword.

use serde_json::{Map, Number, Value};

use super::shape::{self, Kind};
use crate::diagnostic::Diagnostics;
use crate::json::push_token;

const COUNTS: &[&str] = &["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
const BOUNDS: &[&str] = &["minimum", "maximum"];

pub(super) fn repair(doc: &mut Value, diags: &mut Diagnostics) {
    shape::visit(doc, &mut |place, map| {
        if place.kind == Kind::Schema {
            counts(map, place.pointer, diags);
            bounds(map, place.pointer, diags);
        }
    });
}

fn counts(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    for key in COUNTS {
        let Some(Value::Number(n)) = map.get(*key) else { continue };
        if n.is_u64() {
            continue;
        }
        let at = push_token(pointer, key);
        let f = n.as_f64().unwrap_or(f64::NAN);
        let is_max = key.starts_with("max");
        // `u64::MAX as f64` rounds up to 2^64, itself out of range: compare below it.
        #[allow(clippy::cast_precision_loss)]
        let in_range = f >= 0.0 && f < u64::MAX as f64;
        if in_range {
            // A fraction: the nearest whole count that keeps the limit (no looser).
            let whole = if is_max { f.floor() } else { f.ceil() };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let whole = whole as u64;
            diags.warn(&at, format!("`{key}` must be a whole count, found {n}; read as {whole}"));
            map.insert((*key).to_owned(), Value::Number(whole.into()));
        } else {
            let why = if f < 0.0 {
                "a count cannot be negative".to_owned()
            } else {
                format!("it is beyond the largest count ({}), so it limits nothing here", u64::MAX)
            };
            diags.warn(&at, format!("`{key}` is {n}: {why}; `{key}` was dropped"));
            map.shift_remove(*key);
        }
    }
}

/// An integer schema's bounds beyond every 64-bit integer (`i64::MIN..=u64::MAX`) are dropped: a
/// `maximum` above them all excludes nothing, and the code generated for one would not compile.
fn bounds(map: &mut Map<String, Value>, pointer: &str, diags: &mut Diagnostics) {
    if map.get("type").and_then(Value::as_str) != Some("integer") {
        return;
    }
    for key in BOUNDS {
        let Some(Value::Number(n)) = map.get(*key) else { continue };
        if n.is_i64() || n.is_u64() || !beyond_64_bits(n) {
            continue;
        }
        diags.warn(
            push_token(pointer, key),
            format!("`{key}` is {n}, beyond the range of 64-bit integers ({}..={}), which no integer type holds; `{key}` was dropped", i64::MIN, u64::MAX),
        );
        map.shift_remove(*key);
    }
}

fn beyond_64_bits(n: &Number) -> bool {
    let f = n.as_f64().unwrap_or(f64::NAN);
    // `i64::MIN` is exact as a float; `u64::MAX` rounds up to 2^64, which is already outside.
    #[allow(clippy::cast_precision_loss)]
    let outside = f < i64::MIN as f64 || f >= u64::MAX as f64;
    outside || f.is_nan()
}
