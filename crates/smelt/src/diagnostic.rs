//! Warnings and errors about a spec, each anchored at a JSON pointer.

use std::fmt;

/// 1-based line and column of a node's key (or, for array elements and the root, the value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// Diagnostics of one cause: the same severity and message at several places (a vendor keyword
/// on hundreds of schemas), shown once so that the dozen other messages are not drowned.
#[derive(Debug)]
pub struct Group<'a> {
    /// The first place, in document order of finding.
    pub first: &'a Diagnostic,
    /// The other places.
    pub more: Vec<&'a Diagnostic>,
}

/// How many further pointers a group's summary names.
const POINTERS_SHOWN: usize = 3;

impl Group<'_> {
    /// `… and 41 more like it, at /a, /b, /c, …`; `None` for a diagnostic of one place.
    pub fn summary(&self) -> Option<String> {
        let (n, more) = (self.more.len(), &self.more);
        if n == 0 {
            return None;
        }
        let shown: Vec<&str> = more.iter().take(POINTERS_SHOWN).map(|d| display_pointer(&d.pointer)).collect();
        let ellipsis = if n > POINTERS_SHOWN { ", …" } else { "" };
        let like = if n == 1 { "1 more like it" } else { &format!("{n} more like it") };
        Some(format!("  … and {like}, at {}{ellipsis}", shown.join(", ")))
    }
}

/// `diagnostics` grouped by severity and message, in the order each was first found.
pub fn grouped(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut index: std::collections::HashMap<(Severity, &str), usize> = std::collections::HashMap::new();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for d in diagnostics {
        match index.get(&(d.severity, d.message.as_str())) {
            Some(&i) => groups[i].more.push(d),
            None => {
                index.insert((d.severity, d.message.as_str()), groups.len());
                groups.push(Group { first: d, more: Vec::new() });
            }
        }
    }
    groups
}

/// Prints warnings and errors (and notes, if asked) as `spec:line:column: warning: …` to stderr,
/// each cause once with a count of its other places; returns the tally of all of them.
pub fn print(spec: &std::path::Path, diagnostics: &[Diagnostic], notes: bool) -> Tally {
    for g in grouped(diagnostics).iter().filter(|g| notes || g.first.severity != Severity::Note) {
        let d = g.first;
        let sep = if d.location.is_some() && d.file.is_none() { ":" } else { ": " };
        eprintln!("{}{sep}{d}", spec.display());
        if let Some(summary) = g.summary() {
            eprintln!("{summary} (`smelt check --verbose` lists each)");
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cause_at_many_places_is_one_group_with_a_count() {
        let mut diags = Diagnostics::default();
        for i in 0..5 {
            diags.warn(format!("/components/schemas/S{i}"), "keyword `x-vendor` is not OpenAPI; ignored");
        }
        diags.warn("/paths", "something else");
        diags.note("/components/schemas/S0", "keyword `x-vendor` is not OpenAPI; ignored");
        let items = diags.into_vec();
        let groups = grouped(&items);
        assert_eq!(groups.len(), 3, "{groups:?}");
        assert_eq!(groups[0].first.pointer, "/components/schemas/S0");
        assert_eq!(
            groups[0].summary().as_deref(),
            Some(
                "  … and 4 more like it, at /components/schemas/S1, /components/schemas/S2, /components/schemas/S3, …"
            )
        );
        assert_eq!(groups[1].summary(), None);
        assert_eq!(groups[2].first.severity, Severity::Note, "a note is not a warning of the same text");
    }
}
