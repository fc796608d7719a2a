//! The extension keys repair leaves in the document for lowering: what a 3.1 document says that
//! `openapiv3`'s 3.0 model has no field for. Every marker written here is read by lowering; what
//! repair drops instead is named by a diagnostic where it drops it.

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `true` on a schema that allows only `null` (3.1 `type: 'null'`; an `anyOf` of nothing but null).
    Null,
    /// `true` on the `items: {oneOf: [..]}` that 3.1 `prefixItems` became: the IR makes it a tuple.
    Tuple,
    /// On the document: the 3.1 `webhooks` map, whose payload types the IR generates.
    Webhooks,
}

impl Marker {
    pub const fn key(self) -> &'static str {
        match self {
            Marker::Null => "x-smelt-null",
            Marker::Tuple => "x-smelt-tuple",
            Marker::Webhooks => "x-smelt-webhooks",
        }
    }

    /// Whether a flag marker is set among `extensions`.
    pub fn is_set<'a>(self, mut extensions: impl FnMut(&str) -> Option<&'a Value>) -> bool {
        extensions(self.key()) == Some(&Value::Bool(true))
    }
}
