//! Warnings and errors about a spec, each anchored at a JSON pointer.

use std::fmt;

/// 1-based line and column of a node's key (or, for array elements and the root, the value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A deliberate lowering of valid input (3.1 → what the typed document holds); nothing was wrong.
    Note,
    /// Something was wrong or ambiguous in the spec and smelt repaired or chose; the message says how.
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// JSON pointer into the document, e.g. `/components/schemas/Pet/properties/id`.
    pub pointer: String,
    pub message: String,
    /// Filled in after the fact from the source map (`Diagnostics::locate`): in `file` when set.
    pub location: Option<Location>,
    /// The file a `$ref` brought the node from, as the spec names it; `None`: the spec itself.
    pub file: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match &self.file {
            // The caller names the spec before this; the other file goes after.
            Some(file) => write!(
                f,
                "{level}: {} (in {}) (at {})",
                self.message,
                Place(Some(file), self.location),
                display_pointer(&self.pointer)
            ),
            None => write!(
                f,
                "{}{level}: {} (at {})",
                Place(None, self.location).prefix(),
                self.message,
                display_pointer(&self.pointer)
            ),
        }
    }
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
    }
}

/// Collected diagnostics, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn note(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Note, pointer.into(), message.into());
    }

    pub fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, pointer.into(), message.into());
    }

    pub fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, pointer.into(), message.into());
    }

    fn push(&mut self, severity: Severity, pointer: String, message: String) {
        self.items.push(Diagnostic { severity, pointer, message, location: None, file: None });
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
}

/// How many diagnostics of each severity; displays as `2 warnings, 28 notes`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub notes: usize,
    pub warnings: usize,
    pub errors: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        Tally { notes: count(Severity::Note), warnings: count(Severity::Warning), errors: count(Severity::Error) }
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
        let mut parts = vec![plural(self.warnings, "warning")];
        if self.errors > 0 {
            parts.insert(0, plural(self.errors, "error"));
        }
        if self.notes > 0 {
            parts.push(plural(self.notes, "note"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// Prints warnings and errors (and notes, if asked) as `spec:line:column: warning: …` to stderr;
/// returns the tally of all of them.
pub fn print(spec: &std::path::Path, diagnostics: &[Diagnostic], notes: bool) -> Tally {
    for d in diagnostics.iter().filter(|d| notes || d.severity != Severity::Note) {
        let sep = if d.location.is_some() && d.file.is_none() { ":" } else { ": " };
        eprintln!("{}{sep}{d}", spec.display());
    }
    Tally::of(diagnostics)
}

/// A place in the sources as one line writes it: `other.yaml:3:5`, `3:5`, `other.yaml` or nothing.
pub(crate) struct Place<'a>(pub Option<&'a str>, pub Option<Location>);

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.0, self.1) {
            (Some(file), Some(l)) => write!(f, "{file}:{}:{}", l.line, l.column),
            (Some(file), None) => write!(f, "{file}"),
            (None, Some(l)) => write!(f, "{}:{}", l.line, l.column),
            (None, None) => Ok(()),
        }
    }
}

impl Place<'_> {
    /// The place and `: `, or nothing when there is none: what goes before a message.
    pub(crate) fn prefix(&self) -> String {
        if self.0.is_none() && self.1.is_none() {
            String::new()
        } else {
            format!("{self}: ")
        }
    }
}
