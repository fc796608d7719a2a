//! Typed document: the repaired value tree deserialized into `openapiv3`'s model.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Where and why the repaired tree did not fit the typed model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    pub pointer: String,
    pub message: String,
}

/// The typed document; the tree stays the caller's, to repair where it does not fit.
pub fn parse_ref(value: &Value) -> Result<openapiv3::OpenAPI, DocumentError> {
    fits_as(value)
}

/// `value` (any part of a document) deserialized as `T`; the error's pointer is relative to it.
pub(crate) fn fits_as<T: DeserializeOwned>(value: &Value) -> Result<T, DocumentError> {
    // The path is tracked only to report a failure: tracking it costs an allocation per key, a
    // tenth of the whole run on large specs, so the common case (it fits) goes without.
    T::deserialize(value).or_else(|_| {
        serde_path_to_error::deserialize(value)
            .map_err(|e| DocumentError { pointer: path_to_pointer(e.path()), message: e.inner().to_string() })
    })
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = crate::diagnostic::push_token(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = crate::diagnostic::push_token(&pointer, key),
            Segment::Enum { variant } => pointer = crate::diagnostic::push_token(&pointer, variant),
            Segment::Unknown => {}
        }
    }
    pointer
}
