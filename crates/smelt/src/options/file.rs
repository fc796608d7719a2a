//! `smelt.toml`: the options as a TOML file, one kebab-case key per field; unknown keys are errors.

use std::fs;
use std::path::Path;

use crate::{Error, Options};

impl Options {
    /// Reads a `smelt.toml`.
    pub fn from_file(path: &Path) -> Result<Options, Error> {
        let text = fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        Options::from_toml(path, &text)
    }

    /// Parses the text of a `smelt.toml`; `path` names it in errors.
    pub fn from_toml(path: &Path, text: &str) -> Result<Options, Error> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| line_column(text, span.start));
            Error::Syntax { path: path.to_owned(), line, column, message: e.message().trim_end().to_owned() }
        })
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::FormatType;

    /// Test fixtures shared by the tests of the three ways to give options (`smelt.toml`, flags,
    /// the `Config` builder). Inherent items, so that the tests of `options::cli` and `config`
    /// reach them although this module is private.
    impl Options {
        /// A `smelt.toml` that sets every key, to [`Options::every_option`].
        pub(crate) const EVERY_OPTION_TOML: &str = r#"
derives = ["Eq", "Hash"]
include-tags = ["a"]
exclude-tags = ["b"]
include-operations = ["get_a"]
exclude-operations = ["delete_a"]
types-only = true
double-option = true

[rename]
A = "B"
C = "D"

[formats.date-time]
rust-type = "time::OffsetDateTime"
serde-with = "time::serde::rfc3339"

[formats.uuid]
rust-type = "my::Id"

[limits]
max-types = 10
max-output-bytes = 20
max-work = 30
"#;

        /// Every option set, none to its default.
        pub(crate) fn every_option() -> Options {
            Options {
                rename: BTreeMap::from([("A".into(), "B".into()), ("C".into(), "D".into())]),
                formats: BTreeMap::from([
                    (
                        "date-time".into(),
                        FormatType {
                            rust_type: "time::OffsetDateTime".into(),
                            serde_with: Some("time::serde::rfc3339".into()),
                        },
                    ),
                    ("uuid".into(), FormatType { rust_type: "my::Id".into(), serde_with: None }),
                ]),
                derives: vec!["Eq".into(), "Hash".into()],
                include_tags: vec!["a".into()],
                exclude_tags: vec!["b".into()],
                include_operations: vec!["get_a".into()],
                exclude_operations: vec!["delete_a".into()],
                types_only: true,
                double_option: Some(true),
                limits: crate::options::Limits { max_types: Some(10), max_output_bytes: Some(20), max_work: Some(30) },
            }
        }
    }

    fn parse(text: &str) -> Result<Options, String> {
        Options::from_toml(Path::new("smelt.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn every_key() {
        let options = parse(Options::EVERY_OPTION_TOML).unwrap();
        let expected = Options::every_option();
        assert_eq!(options, expected);
    }

    #[test]
    fn empty_file_is_the_default() {
        assert_eq!(parse("").unwrap(), Options::default());
    }

    #[test]
    fn unknown_keys_are_errors_that_name_the_key_and_its_place() {
        let e = parse("derives = []\ntypes_only = true\n").unwrap_err();
        assert!(e.starts_with("smelt.toml:2:1: unknown field `types_only`"), "{e}");
        let e = parse("[formats.uuid]\nrust-type = \"a\"\nserde = \"b\"\n").unwrap_err();
        assert!(e.starts_with("smelt.toml:3:1: unknown field `serde`"), "{e}");
    }

    #[test]
    fn wrong_types_and_missing_fields_are_errors() {
        let e = parse("types-only = \"yes\"").unwrap_err();
        assert!(e.starts_with("smelt.toml:1:14: invalid type"), "{e}");
        let e = parse("[formats.uuid]\nserde-with = \"b\"\n").unwrap_err();
        assert!(e.contains("missing field `rust-type`"), "{e}");
    }

    #[test]
    fn unreadable_file() {
        let e = Options::from_file(Path::new("/nonexistent/smelt.toml")).unwrap_err();
        assert!(e.to_string().starts_with("/nonexistent/smelt.toml: cannot read"), "{e}");
    }
}
