//! Helpers on JSON trees that every stage uses: JSON pointers (RFC 6901), the kind of a value as
//! messages name it, and a value deserialized as a type with the pointer of where it does not fit.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// `pointer` with one reference token appended, `~` and `/` escaped.
pub fn push_token(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    push_token_to(&mut out, token);
    out
}

/// Appends `/token` to `pointer` in place, `~` and `/` escaped.
pub fn push_token_to(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.contains(['~', '/']) {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// One token of a `$ref` fragment: percent-decoding (a URI fragment), then RFC 6901 unescaping.
pub fn unescape_token(token: &str) -> String {
    percent_decode(token).replace("~1", "/").replace("~0", "~")
}

/// `%XX` escapes decoded; malformed escapes are kept as written, and so is the whole text when
/// what it decodes to is no UTF-8.
pub fn percent_decode(text: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::percent_decode_str(text).decode_utf8().unwrap_or(std::borrow::Cow::Borrowed(text))
}

/// The kind of `v`, with its article, as messages say it (`a list`).
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Where and why a value did not deserialize as the type asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Relative to the value deserialized.
    pub pointer: String,
    pub message: String,
}

/// `value` deserialized as `T`; the error's pointer is relative to it.
pub fn fits_as<T: DeserializeOwned>(value: &Value) -> Result<T, Mismatch> {
    // The path is tracked only to report a failure: tracking it costs an allocation per key, a
    // tenth of the whole run on large specs, so the common case (it fits) goes without.
    T::deserialize(value).or_else(|_| {
        serde_path_to_error::deserialize(value)
            .map_err(|e| Mismatch { pointer: path_to_pointer(e.path()), message: e.inner().to_string() })
    })
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => push_token_to(&mut pointer, &index.to_string()),
            Segment::Map { key } => push_token_to(&mut pointer, key),
            Segment::Enum { variant } => push_token_to(&mut pointer, variant),
            Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_and_unescape() {
        assert_eq!(push_token("/paths", "/a~b"), "/paths/~1a~0b");
        assert_eq!(unescape_token("a~1b%20c~0"), "a/b c~");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%ff%fe"), "%ff%fe");
    }
}
