//! Errors that stop generation. Each names the file and, where there is one, the JSON pointer.

use std::path::PathBuf;

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
    #[error("{path}: at {pointer}: {message}")]
    Invalid { path: PathBuf, pointer: String, message: String },
}
