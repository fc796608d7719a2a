//! The runtime of generated crates: ordinary Rust files (`client/`, `models/`), copied into the
//! output where a spec needs them. `crates/seed-tests/tests/runtime.rs` compiles and tests them as
//! modules of its own; their paths are relative (`super::models`), so they fit both a crate and a
//! build.rs module. A leaf module: the IR reads the names the parts define, emit copies them.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proc_macro2::TokenStream;

/// One file of the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The client's `Error`, `RawResponse`, `DecodeError`, `OperationError`: always there.
    Error,
    /// `Response`, what a call returns: always there.
    Response,
    /// `Received`, a response read in full: where there are operations.
    Received,
    Secret,
    SecretHeader,
    EncodePath,
    ParamText,
    Text,
    Json,
    Bytes,
    QueryObject,
    FilePart,
    EventStream,
    FormPairs,
    BasicAuth,
    HeaderValue,
    SentJson,
    ApiError,
    Unexpected,
    /// Streams of items across `Link`ed pages: needs `futures`.
    LinkPages,
    /// The body of the models' `validation` module.
    Validation,
    /// Its `pattern` check, where a spec has one (it needs `regex`).
    Pattern,
    /// The body of the models' `binary` module.
    Binary,
    /// The body of the models' `nullable` module.
    Nullable,
    /// The functions of the models' `tags` module (its `Tag…` structs are per spec).
    Tags,
}

impl Part {
    /// The parts that go into the client module, whose items its methods call unqualified.
    pub const CLIENT: [Part; 20] = [
        Part::Error,
        Part::Response,
        Part::Received,
        Part::Secret,
        Part::SecretHeader,
        Part::EncodePath,
        Part::ParamText,
        Part::Text,
        Part::Json,
        Part::Bytes,
        Part::QueryObject,
        Part::FilePart,
        Part::EventStream,
        Part::FormPairs,
        Part::BasicAuth,
        Part::HeaderValue,
        Part::SentJson,
        Part::ApiError,
        Part::Unexpected,
        Part::LinkPages,
    ];

    /// The parts that are the bodies of modules of the models.
    pub const MODELS: [Part; 5] = [Part::Validation, Part::Pattern, Part::Binary, Part::Nullable, Part::Tags];

    /// The file's text.
    pub fn source(self) -> &'static str {
        match self {
            Part::Error => include_str!("client/error.rs"),
            Part::Secret => include_str!("client/secret.rs"),
            Part::SecretHeader => include_str!("client/secret_header.rs"),
            Part::EncodePath => include_str!("client/encode_path.rs"),
            Part::ParamText => include_str!("client/param_text.rs"),
            Part::Text => include_str!("client/text.rs"),
            Part::Json => include_str!("client/json.rs"),
            Part::Bytes => include_str!("client/bytes.rs"),
            Part::QueryObject => include_str!("client/query_object.rs"),
            Part::FilePart => include_str!("client/file_part.rs"),
            Part::EventStream => include_str!("client/event_stream.rs"),
            Part::FormPairs => include_str!("client/form_pairs.rs"),
            Part::Response => include_str!("client/response.rs"),
            Part::Received => include_str!("client/received.rs"),
            Part::BasicAuth => include_str!("client/basic_auth.rs"),
            Part::HeaderValue => include_str!("client/header_value.rs"),
            Part::SentJson => include_str!("client/sent_json.rs"),
            Part::ApiError => include_str!("client/api_error.rs"),
            Part::Unexpected => include_str!("client/unexpected.rs"),
            Part::LinkPages => include_str!("client/link_pages.rs"),
            Part::Validation => include_str!("models/validation.rs"),
            Part::Pattern => include_str!("models/pattern.rs"),
            Part::Binary => include_str!("models/binary.rs"),
            Part::Nullable => include_str!("models/nullable.rs"),
            Part::Tags => include_str!("models/tags.rs"),
        }
    }

    /// The file as tokens, to be rendered with the rest of its module. Its `//` comments are for
    /// smelt's maintainers and stay behind; doc comments are kept.
    pub fn tokens(self) -> TokenStream {
        // Every part is lexed by a unit test below, so this cannot fail on any input spec.
        self.source().parse().unwrap_or_else(|e| panic!("runtime part {self:?} does not lex: {e}"))
    }
}

/// The names the client module's runtime defines (functions, types, traits): an operation's
/// parameters and the client's own items must not take them, or they would shadow or collide with
/// them. Read from the files themselves, so a part added later is covered without a list to keep;
/// read once per process, since every generation asks.
pub fn client_item_names() -> &'static BTreeSet<String> {
    static NAMES: OnceLock<BTreeSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = BTreeSet::new();
        for part in Part::CLIENT {
            let Ok(file) = syn::parse_file(part.source()) else { continue };
            for item in file.items {
                let ident = match item {
                    syn::Item::Fn(f) => f.sig.ident,
                    syn::Item::Struct(s) => s.ident,
                    syn::Item::Enum(e) => e.ident,
                    syn::Item::Trait(t) => t.ident,
                    syn::Item::Type(t) => t.ident,
                    syn::Item::Const(c) => c.ident,
                    syn::Item::Static(s) => s.ident,
                    syn::Item::Mod(m) => m.ident,
                    _ => continue,
                };
                names.insert(ident.to_string());
            }
        }
        names
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_a_rust_file() {
        for part in Part::CLIENT.into_iter().chain(Part::MODELS) {
            syn::parse_file(part.source()).unwrap_or_else(|e| panic!("{part:?}: {e}"));
            assert!(!part.tokens().is_empty(), "{part:?}");
        }
    }

    #[test]
    fn client_names_come_from_the_files() {
        let names = client_item_names();
        for name in ["Error", "DecodeError", "OperationError", "json", "text", "encode_path", "form_pairs", "Secret"] {
            assert!(names.contains(name), "{name} missing from {names:?}");
        }
    }
}
