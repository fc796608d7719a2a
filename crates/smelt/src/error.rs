//! Errors that stop generation. Each names the file and, where there is one, the JSON pointer and
//! the place in the sources, as data: `report` draws them, `Display` writes the one-line form.

use std::path::PathBuf;

use crate::diagnostic::{Location, Place};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: PathBuf, line: u32, column: u32, message: String },
    #[error("{path}: at {pointer}: {place}{message}", place = Place(file.as_deref(), *location).prefix())]
    Invalid {
        path: PathBuf,
        pointer: String,
        message: String,
        /// The file a `$ref` brought the node from, as the spec names it; `None`: `path` itself.
        file: Option<String>,
        /// Line and column of the node in `file` (or `path`), when the source map finds it.
        location: Option<Location>,
    },
}

impl Error {
    /// An [`Error::Invalid`] not tied to a place in the sources (or whose place is found later).
    pub fn invalid(path: impl Into<PathBuf>, pointer: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid {
            path: path.into(),
            pointer: pointer.into(),
            message: message.into(),
            file: None,
            location: None,
        }
    }
}
