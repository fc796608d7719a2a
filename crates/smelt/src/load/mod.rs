//! Load: YAML or JSON text → `serde_json::Value` tree, plus a source map for diagnostics.
//!
//! JSON goes straight through serde_json (much faster than a YAML parser on 13 MB specs). YAML goes
//! through yaml_serde into the same `serde_json::Value`, so later stages see one tree type.

mod source_map;

use std::path::{Path, PathBuf};

pub use source_map::{DuplicateKey, Format, Location, SourceMap};

use crate::Error;

/// A parsed document and what diagnostics need to point back into its text.
pub struct Loaded {
    pub path: PathBuf,
    pub value: serde_json::Value,
    pub source: SourceMap,
}

pub fn load_file(path: &Path) -> Result<Loaded, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Syntax {
        path: path.to_owned(),
        line: 0,
        column: 0,
        message: format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()),
    })?;
    load_text(path, text)
}

/// Parses `text`; `path` names it in messages and picks the format by extension (else by sniffing).
pub fn load_text(path: &Path, text: String) -> Result<Loaded, Error> {
    let format = detect_format(path, &text);
    let syntax = |line: usize, column: usize, message: String| Error::Syntax {
        path: path.to_owned(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        message,
    };
    if text.trim().is_empty() {
        return Err(syntax(1, 1, "the file is empty".into()));
    }
    let value = match format {
        Format::Json => serde_json::from_str(&text).map_err(|e| syntax(e.line(), e.column(), e.to_string()))?,
        Format::Yaml => yaml_serde::from_str(&text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            syntax(line, column, e.to_string())
        })?,
    };
    Ok(Loaded { path: path.to_owned(), value, source: SourceMap::new(text, format) })
}

fn detect_format(path: &Path, text: &str) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::Yaml,
        _ if text.trim_start().starts_with('{') => Format::Json,
        _ => Format::Yaml,
    }
}
