//! What a user can change about the output. One declaration serves the `Config` builder (build.rs),
//! `smelt.toml` ([`Options::from_file`], via serde) and the CLI's flags (`clap::Args` behind the `cli`
//! feature), so the three cannot drift.
//!
//! `smelt.toml` has one key per field, in kebab-case:
//!
//! ```toml
//! derives = ["Eq", "Hash"]
//! include-tags = ["workspaces"]
//! exclude-operations = ["delete_workspace"]
//! types-only = false
//! double-option = true
//!
//! [rename]
//! AgentExecution = "Execution"
//!
//! [formats.date-time]
//! rust-type = "time::OffsetDateTime"
//! serde-with = "time::serde::rfc3339"
//!
//! [limits]
//! max-types = 100000
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

#[cfg(feature = "cli")]
pub(crate) mod cli;
mod file;
mod limits;

pub use limits::{Exceeded, Limits};

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Options {
    /// Schema name as written in the spec → the Rust type name to use instead.
    pub rename: BTreeMap<String, String>,
    /// String `format` → Rust type used instead of the default (e.g. `date-time` → `time::OffsetDateTime`).
    pub formats: BTreeMap<String, FormatType>,
    /// Extra derives on every generated model type (e.g. `Eq`, `Hash`, `schemars::JsonSchema`).
    pub derives: Vec<String>,
    /// Generate only operations with one of these tags (all when empty).
    pub include_tags: Vec<String>,
    /// Leave out operations with any of these tags.
    pub exclude_tags: Vec<String>,
    /// Generate only these operationIds (all when empty).
    pub include_operations: Vec<String>,
    /// Leave out these operationIds.
    pub exclude_operations: Vec<String>,
    /// Models only: no `client` module, no reqwest dependency.
    pub types_only: bool,
    /// Which optional nullable fields are `Option<Option<T>>`, so that absent (`None`) and `null`
    /// (`Some(None)`) differ: `true` every one, `false` none; unset, those of the types sent in a
    /// request body (a PATCH can clear a field), while response-only types keep one `Option`.
    pub double_option: Option<bool>,
    /// Limits no input can pass (`[limits]` in `smelt.toml`).
    pub limits: Limits,
}

/// A replacement Rust type for a string format.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct FormatType {
    /// Full path of the type, e.g. `time::OffsetDateTime`.
    pub rust_type: String,
    /// Path of a serde adapter module for `#[serde(with = "…")]`, when the type's own serde format is
    /// not the spec's (e.g. `time::serde::rfc3339`).
    #[serde(default)]
    pub serde_with: Option<String>,
}

impl Options {
    /// Layers `over` on top of `self`, as flags go over a `smelt.toml`: map entries of `over` replace
    /// those with the same key, list items of `over` are appended unless already present, and a flag
    /// set in `over` is set in the result (one set in `self` stays set).
    pub fn merge(&mut self, over: Options) {
        // Destructured, so that a new field cannot be forgotten here.
        let Options {
            rename,
            formats,
            derives,
            include_tags,
            exclude_tags,
            include_operations,
            exclude_operations,
            types_only,
            double_option,
            limits,
        } = over;
        self.rename.extend(rename);
        self.formats.extend(formats);
        append(&mut self.derives, derives);
        append(&mut self.include_tags, include_tags);
        append(&mut self.exclude_tags, exclude_tags);
        append(&mut self.include_operations, include_operations);
        append(&mut self.exclude_operations, exclude_operations);
        self.types_only |= types_only;
        self.double_option = double_option.or(self.double_option);
        self.limits.merge(limits);
    }
}

/// Pushes each of `items` onto `list` unless it is there already.
pub(crate) fn append(list: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_replaces_keys_appends_new_items_and_ors_flags() {
        let mut base = Options {
            rename: BTreeMap::from([("A".into(), "B".into()), ("C".into(), "D".into())]),
            derives: vec!["Eq".into()],
            types_only: true,
            ..Options::default()
        };
        base.merge(Options {
            rename: BTreeMap::from([("A".into(), "Z".into())]),
            derives: vec!["Hash".into(), "Eq".into()],
            double_option: Some(true),
            ..Options::default()
        });
        assert_eq!(base.rename, BTreeMap::from([("A".into(), "Z".into()), ("C".into(), "D".into())]));
        assert_eq!(base.derives, ["Eq", "Hash"]);
        assert!(base.types_only && base.double_option == Some(true));
    }
}
