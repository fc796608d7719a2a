//! What a user can change about the output. One declaration serves the `Config` builder (build.rs),
//! `smelt.toml` and the CLI's flags, so the three cannot drift.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq)]
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
    /// Optional and nullable fields become `Option<Option<T>>`, so absent and `null` differ (PATCH bodies).
    pub double_option: bool,
}

/// A replacement Rust type for a string format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatType {
    /// Full path of the type, e.g. `time::OffsetDateTime`.
    pub rust_type: String,
    /// Path of a serde adapter module for `#[serde(with = "…")]`, when the type's own serde format is
    /// not the spec's (e.g. `time::serde::rfc3339`).
    pub serde_with: Option<String>,
}
