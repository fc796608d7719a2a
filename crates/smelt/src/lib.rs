//! smelt: OpenAPI 3.0/3.1 documents, as real services publish them, to Rust models and an async client.
//!
//! The pipeline has one module per stage, each testable alone:
//! [`load`] (text → value tree + source map) → [`repair`] (fix and lower 3.1 to what `openapiv3`
//! holds, with diagnostics) → [`document`] (typed `openapiv3` document) → [`ir`] (final names and
//! shapes) → [`emit`] (token streams) → [`render`] (formatted text) → [`output`] (crate files).

pub mod config;
pub mod diagnostic;
pub mod document;
pub mod emit;
pub mod error;
pub mod ir;
pub mod json;
pub mod load;
pub mod lower;
pub mod options;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod repair;
pub mod report;
pub mod runtime;
#[doc(hidden)]
pub mod synthetic;

pub use config::{compile, BuildError, Config};
pub use diagnostic::{Diagnostic, Diagnostics, Severity, Tally};
pub use error::Error;
pub use options::{Exceeded, FormatType, Limits, Options};
pub use output::{write_crate, GeneratedCrate, GeneratedFile, GeneratedModule, WriteMode, WriteReport};
pub use pipeline::{generate_crate, generate_crate_with, generate_module, Stage};
