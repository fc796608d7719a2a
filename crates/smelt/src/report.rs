//! Diagnostics and errors rendered for people: the file, line and column, the JSON pointer, and
//! the source line underlined, drawn by `annotate-snippets` (rustc's renderer).
//!
//! ```text
//! warning: `$ref: #/components/schemas/Owner` points at nothing; treated as any JSON value
//!   --> spec.yaml:9:9
//!    |
//!  9 |         owner:
//!    |         ^^^^^
//! 10 |           $ref: '#/components/schemas/Owner'
//!    |
//!    = pointer: /components/schemas/Pet/properties/owner
//! ```
//!
//! Plain text unless a [`Style`] asks for colour; [`Style::for_stream`] follows the usual
//! conventions (colour only on a terminal, never with `NO_COLOR` set).

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{Location, SourceMap};
use crate::Error;

/// Source lines longer than this many characters are cut to a window around the column.
const MAX_WIDTH: usize = 120;
/// At most this many lines after the pointed-at one are shown, when the node continues there.
const MAX_FOLLOWING: usize = 2;

/// Whether to colour the output with ANSI escapes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    /// Colour when `stream` is a terminal and `NO_COLOR` is not set (to anything non-empty).
    pub fn for_stream(stream: &impl std::io::IsTerminal) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style { color: stream.is_terminal() && !no_color }
    }
}

/// One diagnostic as a block of text ending in a newline, without colour.
pub fn render(diagnostic: &Diagnostic, source: &SourceMap, path: &Path) -> String {
    render_with(diagnostic, source, path, Style::PLAIN)
}

pub fn render_with(diagnostic: &Diagnostic, source: &SourceMap, path: &Path, style: Style) -> String {
    // In a file a `$ref` brought in: named where it is, without the lines (`source` is the spec's).
    let other = diagnostic.file.as_deref().map(|file| beside(path, file));
    Block {
        severity: diagnostic.severity,
        message: &diagnostic.message,
        path: other.as_deref().unwrap_or(path),
        location: diagnostic.location,
        pointer: Some(&diagnostic.pointer),
        source: if other.is_some() { None } else { Some(source) },
        following: true,
        point: false,
    }
    .render(style)
}

/// An error that stopped the pipeline, in the same shape; `source` (see [`error_source`]) adds
/// the line it points at.
pub fn render_error(error: &Error, source: Option<&SourceMap>, style: Style) -> String {
    match error {
        Error::Io { path, source: io } => Block {
            severity: Severity::Error,
            message: &format!("cannot read the file: {io}"),
            path,
            location: None,
            pointer: None,
            source: None,
            following: false,
            point: true,
        }
        .render(style),
        Error::Syntax { path, line, column, message } => Block {
            severity: Severity::Error,
            message,
            path,
            location: (*line > 0).then_some(Location { line: *line, column: (*column).max(1) }),
            pointer: None,
            source,
            following: false,
            point: true,
        }
        .render(style),
        Error::Invalid { path, pointer, message, file, location } => {
            let other = file.as_deref().map(|file| beside(path, file));
            Block {
                severity: Severity::Error,
                message,
                path: other.as_deref().unwrap_or(path),
                location: *location,
                pointer: Some(pointer),
                source,
                following: true,
                point: false,
            }
            .render(style)
        }
    }
}

/// The text of the file an error is in (the spec, or the file a `$ref` brought the node from), to
/// show the lines it points at; `None` for I/O errors or when the file cannot be read now. Bytes
/// that are not UTF-8 are replaced.
pub fn error_source(error: &Error) -> Option<SourceMap> {
    let path = match error {
        Error::Io { .. } => return None,
        Error::Invalid { path, file: Some(file), .. } => &beside(path, file),
        Error::Syntax { path, .. } | Error::Invalid { path, .. } => path,
    };
    let bytes = std::fs::read(path).ok()?;
    Some(crate::load::source_map(path, String::from_utf8_lossy(&bytes).into_owned()))
}

/// The path of `file`, named relative to the directory of the spec at `spec`.
fn beside(spec: &Path, file: &str) -> std::path::PathBuf {
    spec.parent().unwrap_or(Path::new("")).join(file)
}

struct Block<'a> {
    severity: Severity,
    message: &'a str,
    path: &'a Path,
    location: Option<Location>,
    pointer: Option<&'a str>,
    source: Option<&'a SourceMap>,
    /// Whether to show the lines after the pointed-at one that belong to the same node.
    following: bool,
    /// Whether the location is a point (a parser's error position) rather than a node to underline.
    point: bool,
}

impl Block<'_> {
    fn render(&self, style: Style) -> String {
        let level = match self.severity {
            Severity::Note => Level::NOTE,
            Severity::Warning => Level::WARNING,
            Severity::Error => Level::ERROR,
        };
        let path = self.path.display().to_string();
        let excerpt = match (self.location, self.source) {
            (Some(location), Some(source)) => self.excerpt(location, source),
            _ => None,
        };
        let mut group = Group::with_title(level.primary_title(self.message));
        group = match (excerpt, self.location) {
            (Some((text, span, false)), Some(location)) => group.element(
                Snippet::source(text)
                    .line_start(location.line as usize)
                    .path(path)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(span)),
            ),
            // A window of the line: the renderer would count the column from its start, so the
            // place is given on its own.
            (Some((text, span, true)), Some(location)) => group
                .element(Origin::path(path).line(location.line as usize).char_column(location.column as usize))
                .element(
                    Snippet::source(text)
                        .line_start(location.line as usize)
                        .annotation(AnnotationKind::Primary.span(span)),
                ),
            (None, Some(location)) => {
                group.element(Origin::path(path).line(location.line as usize).char_column(location.column as usize))
            }
            (_, None) => group.element(Origin::path(path)),
        };
        if let Some(pointer) = self.pointer {
            let pointer = if pointer.is_empty() { "/" } else { pointer };
            group = group.element(Level::NOTE.with_name("pointer").message(pointer));
        }
        let renderer = if style.color { Renderer::styled() } else { Renderer::plain() };
        let mut out = renderer.term_width(MAX_WIDTH).render(&[group]);
        out.push('\n');
        out
    }

    /// The pointed-at line and the lines after it that continue the node, with the byte range of
    /// the token to underline (a point, for a parser's error position), and whether the text is a
    /// window of a longer line.
    fn excerpt(&self, location: Location, source: &SourceMap) -> Option<(String, std::ops::Range<usize>, bool)> {
        let line = source.line_text(location.line).filter(|t| !t.trim().is_empty())?;
        let column = usize::try_from(location.column).unwrap_or(usize::MAX).saturating_sub(1);
        // A minified spec is one line of megabytes: the renderer gets a window around the column
        // (it cuts that to its width, marking the cuts), not the whole line once per diagnostic.
        let skip = column.saturating_sub(MAX_WIDTH);
        let mut excerpt: String = line.chars().skip(skip).take(2 * MAX_WIDTH + 1).collect();
        let chars: Vec<char> = excerpt.chars().collect();
        let at = (column - skip).min(chars.len());
        let len = if self.point { 1 } else { token_len(&chars[at..]) }.min(chars.len() - at);
        let start: usize = chars[..at].iter().map(|c| c.len_utf8()).sum();
        let end = start + chars[at..at + len].iter().map(|c| c.len_utf8()).sum::<usize>();
        let span = start..end.max(start + 1).min(excerpt.len().max(1));
        if self.following && continues_below(&chars[at + len..]) {
            let mut number = location.line;
            for _ in 0..MAX_FOLLOWING {
                number += 1;
                let Some(next) = source.line_text(number) else { break };
                let indent = next.len() - next.trim_start().len();
                // Deeper than the key in the line as written, not in the window of it.
                if next.trim().is_empty() || indent <= skip + at {
                    break;
                }
                excerpt.push('\n');
                excerpt.push_str(next);
            }
        }
        Some((excerpt, span, skip > 0))
    }
}

/// Length of the token a location points at: a quoted string, or a plain key or scalar up to
/// its `: `, a flow separator, a comment or the end of the line. At least 1.
fn token_len(chars: &[char]) -> usize {
    let len = match chars.first() {
        Some(&quote @ ('"' | '\'')) => {
            let mut i = 1;
            loop {
                match chars.get(i) {
                    None => break i,
                    Some('\\') if quote == '"' => i += 2,
                    Some(&c) if c == quote && quote == '\'' && chars.get(i + 1) == Some(&'\'') => i += 2,
                    Some(&c) if c == quote => break i + 1,
                    Some(_) => i += 1,
                }
            }
        }
        _ => {
            let mut end = 0;
            while let Some(&c) = chars.get(end) {
                let next = chars.get(end + 1).copied();
                let stop = match c {
                    ':' => next.is_none_or(|n| n == ' '),
                    ',' | ']' | '}' => true,
                    '#' => end > 0 && chars.get(end - 1) == Some(&' '),
                    _ => false,
                };
                if stop {
                    break;
                }
                end += 1;
            }
            chars[..end].iter().rposition(|c| *c != ' ').map_or(0, |last| last + 1)
        }
    };
    len.clamp(1, chars.len().max(1))
}

/// Whether the node's value is on the next lines: nothing but `:` follows the token, or an
/// opening bracket, a block scalar header (`|`, `>-`, …) or a comment.
fn continues_below(rest: &[char]) -> bool {
    let rest: String = rest.iter().collect();
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
    let rest = rest.split_once(" #").map_or(rest, |(before, _)| before).trim_end();
    let block_scalar =
        rest.strip_prefix(['|', '>']).is_some_and(|h| h.chars().all(|c| matches!(c, '-' | '+' | '1'..='9')));
    rest.is_empty() || rest == "{" || rest == "[" || rest.starts_with('#') || block_scalar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;

    fn diagnostic(line: u32, column: u32, pointer: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: "something was off; smelt did this".into(),
            location: Some(Location { line, column }),
            file: None,
        }
    }

    #[test]
    fn underlines_the_key_and_shows_the_lines_below_it() {
        let text = "a:\n  owner:\n    $ref: '#/x'\n    description: d\n    title: t\n  next: 1\n";
        let source = SourceMap::new(text.into(), Format::Yaml);
        let out = render(&diagnostic(2, 3, "/a/owner"), &source, Path::new("s.yaml"));
        let expected = "\
warning: something was off; smelt did this
 --> s.yaml:2:3
  |
2 |   owner:
  |   ^^^^^
3 |     $ref: '#/x'
4 |     description: d
  |
  = pointer: /a/owner
";
        assert_eq!(out, expected);
    }

    #[test]
    fn shows_a_block_scalar_value_below_its_key() {
        let text = "m:\n  KEY: >-\n    #/components/schemas/X\n  NEXT: y\n";
        let source = SourceMap::new(text.into(), Format::Yaml);
        let out = render(&diagnostic(2, 3, "/m/KEY"), &source, Path::new("s.yaml"));
        assert!(out.contains("2 |   KEY: >-\n  |   ^^^\n3 |     #/components/schemas/X\n  |\n"), "{out}");
    }

    #[test]
    fn underlines_a_quoted_json_key_only() {
        let text = "{\"a\": {\"b\": 1, \"c\": 2}}";
        let source = SourceMap::new(text.into(), Format::Json);
        let out = render(&diagnostic(1, 16, "/a/c"), &source, Path::new("s.json"));
        assert!(out.contains("\n  |                ^^^\n"), "{out}");
    }

    #[test]
    fn cuts_long_lines_to_a_window() {
        let text = format!("{{\"k\": \"{}\", \"here\": 1}}", "x".repeat(1000));
        let source = SourceMap::new(text, Format::Json);
        let out = render(&diagnostic(1, 1011, "/here"), &source, Path::new("s.json"));
        let line = out.lines().find(|l| l.starts_with("1 |")).unwrap_or_default();
        assert!(line.len() < MAX_WIDTH + 20, "{line}");
        assert!(line.contains("...") && line.contains("\"here\""), "{line}");
        let marks = out.lines().find(|l| l.contains('^')).unwrap_or_default();
        let at = line.find("\"here\"").unwrap_or_default();
        assert_eq!(marks.find('^'), Some(at), "{out}");
        assert_eq!(marks.matches('^').count(), 6, "{out}");
    }

    #[test]
    fn errors_without_a_location_name_the_file() {
        let error = Error::Syntax { path: "s.yaml".into(), line: 0, column: 0, message: "broken".into() };
        assert_eq!(render_error(&error, None, Style::PLAIN), "error: broken\n--> s.yaml\n");
    }

    #[test]
    fn invalid_errors_draw_their_location() {
        let source = SourceMap::new("openapi: 4.0.0\n".into(), Format::Yaml);
        let error = Error::Invalid {
            path: "s.yaml".into(),
            pointer: "/openapi".into(),
            message: "unsupported".into(),
            file: None,
            location: Some(Location { line: 1, column: 1 }),
        };
        assert_eq!(error.to_string(), "s.yaml: at /openapi: 1:1: unsupported");
        let out = render_error(&error, Some(&source), Style::PLAIN);
        assert_eq!(
            out,
            "error: unsupported\n --> s.yaml:1:1\n  |\n1 | openapi: 4.0.0\n  | ^^^^^^^\n  |\n  = pointer: /openapi\n"
        );
    }

    #[test]
    fn invalid_errors_in_another_file_are_drawn_there() {
        let source = SourceMap::new("name: p\n".into(), Format::Yaml);
        let error = Error::Invalid {
            path: "specs/s.yaml".into(),
            pointer: "/components/parameters/p".into(),
            message: "missing field `in`".into(),
            file: Some("common/p.yaml".into()),
            location: Some(Location { line: 1, column: 1 }),
        };
        assert_eq!(
            error.to_string(),
            "specs/s.yaml: at /components/parameters/p: common/p.yaml:1:1: missing field `in`"
        );
        let out = render_error(&error, Some(&source), Style::PLAIN);
        assert_eq!(
            out,
            "error: missing field `in`\n --> specs/common/p.yaml:1:1\n  |\n1 | name: p\n  | ^^^^\n  |\n  = pointer: /components/parameters/p\n"
        );
    }

    #[test]
    fn a_minified_line_is_cut_around_the_column_and_keeps_its_place() {
        let text = format!("{{\"pad\": \"{}\", \"key\": 1}}\n", "x".repeat(5_000));
        let source = SourceMap::new(text, Format::Json);
        let out = render(&diagnostic(1, 5_012, "/key"), &source, Path::new("s.json"));
        assert!(out.contains(" --> s.json:1:5012\n"), "{out}");
        assert!(out.contains("\"key\": 1}"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    }

    #[test]
    fn colour_only_when_asked() {
        let source = SourceMap::new("a: 1\n".into(), Format::Yaml);
        let plain = render(&diagnostic(1, 1, "/a"), &source, Path::new("s.yaml"));
        assert!(!plain.contains('\x1b'));
        let colored = render_with(&diagnostic(1, 1, "/a"), &source, Path::new("s.yaml"), Style { color: true });
        assert!(colored.contains("\x1b[33mwarning\x1b[0m"), "{colored}");
    }
}
