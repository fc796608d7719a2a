//! Load: YAML or JSON text → `serde_json::Value` tree, plus a source map for diagnostics.
//!
//! JSON goes straight through serde_json (much faster than a YAML parser on 13 MB specs). YAML goes
//! through yaml_serde into the same `serde_json::Value`, so later stages see one tree type.
//!
//! Hostile or broken input is refused here with one [`Error::Syntax`] naming the file, line and
//! column: bytes that are not UTF-8, empty files, nesting deeper than the parsers' recursion limit
//! (128 levels in both serde_json and yaml_serde), YAML aliases that expand out of proportion to
//! the text ("billion laughs"), and documents whose root is a list, a string, a number or null.

pub mod bundle;
mod source_map;

use std::cell::Cell;
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

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
    let text = utf8(path, bytes)?;
    load_text(path, text)
}

/// The source map of `text` as [`load_text`] would build it, without parsing: to show the lines
/// diagnostics point at, or to locate a pointer an error names.
pub fn source_map(path: &Path, text: String) -> SourceMap {
    let format = detect_format(path, &text);
    SourceMap::new(text, format)
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
    if format == Format::Yaml {
        // The YAML parser takes time quadratic in the depth of flow collections (`[[[[…`: 10,000
        // levels take seconds) before its recursion limit applies, so deeper ones are refused first.
        if let Some(offset) = too_deep_flow(&text) {
            let (line, column) = line_column(&text, offset);
            return Err(syntax(line, column, explain_parse_error("recursion limit exceeded".into())));
        }
    }
    let value = match format {
        Format::Json => serde_json::from_str(&text).map_err(|e| {
            let message = e.to_string();
            let message = without_position(&message, e.line(), e.column());
            syntax(e.line(), e.column(), explain_parse_error(message))
        })?,
        Format::Yaml => yaml_value(&text).map_err(|e| {
            let message = e.to_string();
            let aliases = message.starts_with("repetition limit exceeded") || message.contains(ALIAS_BUDGET);
            // Expansion errors have no position, or the position of some expanded value: the
            // first alias is where the reader should look.
            let (line, column) = match (aliases.then(|| first_alias(&text)).flatten(), e.location()) {
                (Some(alias), _) => alias,
                (None, Some(l)) => (l.line(), l.column()),
                (None, None) => (1, 1),
            };
            syntax(line, column, explain_parse_error(without_position(&message, line, column)))
        })?,
    };
    let source = SourceMap::new(text, format);
    // Every OpenAPI object is a mapping, whether a whole document or a file a `$ref` names; only
    // a 3.1 schema may be a boolean (a root document that is one is refused by the repair stage).
    if !value.is_object() && !value.is_boolean() {
        let at = source.locate_all(&[""]).pop().flatten().unwrap_or(Location { line: 1, column: 1 });
        let message = format!("the document is {}, not an OpenAPI object (a mapping)", crate::json::kind_of(&value));
        return Err(syntax(at.line as usize, at.column as usize, message));
    }
    Ok(Loaded { path: path.to_owned(), value, source })
}

/// The parsers' recursion limit: serde_json's and yaml_serde's are both 128.
const MAX_DEPTH: usize = 128;

/// Byte offset of the first `[` or `{` opening a flow collection more than [`MAX_DEPTH`] deep,
/// skipping quoted scalars and comments. Unbalanced brackets in plain or block scalars count
/// too, so only text with more than 128 unclosed ones is refused: never a document the parser
/// would take.
fn too_deep_flow(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.iter().filter(|&&b| b == b'[' || b == b'{').count() <= MAX_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut prev = b'\n';
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(b'\'') if b == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' if matches!(prev, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':') => quote = Some(b),
                b'#' if matches!(prev, b' ' | b'\t' | b'\n') => {
                    i = bytes
                        .get(i..)
                        .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
                        .map_or(bytes.len(), |n| i + n);
                    prev = b'\n';
                    continue;
                }
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        prev = b;
        i += 1;
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, column)
}

/// Bytes → text, or an error at the first byte that is not UTF-8.
fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    let syntax = |line: usize, column: usize, message: String| Error::Syntax {
        path: path.to_owned(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        message,
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(syntax(
            1,
            1,
            "the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8".into(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
        let (line, column) = line_column(prefix, valid);
        let byte = bytes.get(valid).copied().unwrap_or_default();
        syntax(
            line,
            column,
            format!("not UTF-8 text: byte 0x{byte:02X} at offset {valid} is not valid UTF-8; save the file as UTF-8"),
        )
    })
}

/// Both parsers append the position they report (`… at line 3 column 14`): it is in the
/// error's own line and column already.
fn without_position(message: &str, line: usize, column: usize) -> String {
    message.replacen(&format!(" at line {line} column {column}"), "", 1)
}

/// Rewords parser errors that come from limits rather than from a typo.
fn explain_parse_error(message: String) -> String {
    if message.starts_with("recursion limit exceeded") {
        "nested more than 128 levels deep (the parser's recursion limit); smelt refuses documents this deep".into()
    } else if message.starts_with("repetition limit exceeded") || message.contains(ALIAS_BUDGET) {
        "YAML aliases expand to far more values than the text holds (an alias bomb, like \"billion laughs\"); \
         smelt refuses to expand them"
            .into()
    } else {
        message
    }
}

fn detect_format(path: &Path, text: &str) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::Yaml,
        _ if text.trim_start().starts_with('{') => Format::Json,
        _ => Format::Yaml,
    }
}

// ---------------------------------------------------------------------------------------------
// YAML with a budget on alias expansion

/// The error message a spent budget raises (it carries no position; see `first_alias`).
const ALIAS_BUDGET: &str = "alias expansion budget spent";

/// Values an alias may add beyond what the text could hold without aliases. yaml_serde's own
/// repetition limit stops exponential bombs, but lets a list of `n` aliases to an `n`-element list
/// through: quadratic, 10⁸ values from 80 KB. Reaching the budget takes about 0.2 s in a debug build.
const ALIAS_ALLOWANCE: usize = 250_000;

/// As `yaml_serde::from_str::<Value>`, refusing once the tree holds more values than the text
/// could spell out without aliases (one byte per value at least) plus [`ALIAS_ALLOWANCE`].
fn yaml_value(text: &str) -> Result<Value, yaml_serde::Error> {
    let budget = Cell::new(text.len().saturating_add(ALIAS_ALLOWANCE));
    Budgeted { left: &budget }.deserialize(yaml_serde::Deserializer::from_str(text))
}

/// Builds a `serde_json::Value` as its own `Deserialize` does, counting every value against a budget.
#[derive(Clone, Copy)]
struct Budgeted<'b> {
    left: &'b Cell<usize>,
}

impl Budgeted<'_> {
    fn spend<E: de::Error>(self) -> Result<(), E> {
        match self.left.get().checked_sub(1) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => Err(E::custom(ALIAS_BUDGET)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budgeted<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budgeted<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Number(v.into()))
    }

    // An integer beyond 64 bits (`-18446744073709551615`, a 64-bit limit written as a bound)
    // becomes the nearest float, as serde_json reads the same number in JSON, instead of failing
    // the whole file with "number out of range"; `repair::numbers` warns where it cannot stand.
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        self.spend()?;
        Ok(match (i64::try_from(v), u64::try_from(v)) {
            (Ok(small), _) => Value::Number(small.into()),
            (_, Ok(unsigned)) => Value::Number(unsigned.into()),
            #[allow(clippy::cast_precision_loss)]
            _ => serde_json::Number::from_f64(v as f64).map_or(Value::Null, Value::Number),
        })
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        self.spend()?;
        Ok(match u64::try_from(v) {
            Ok(small) => Value::Number(small.into()),
            #[allow(clippy::cast_precision_loss)]
            Err(_) => serde_json::Number::from_f64(v as f64).map_or(Value::Null, Value::Number),
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.spend()?;
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::String(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.spend()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.spend()?;
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

/// Line and column of the first alias (`*name` with a matching `&name`), where an expansion
/// error without a position is best shown.
fn first_alias(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    let mut line = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
            continue;
        }
        let after_separator = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b'{' | b',' | b'\n');
        if b != b'*' || !after_separator {
            continue;
        }
        let name: String = text[i + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
            .collect();
        if !name.is_empty() && text.contains(&format!("&{name}")) {
            let column = text[line_start..i].chars().count() + 1;
            return Some((line, column));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_are_what_serde_json_would_build() {
        let text = "a: 1\nb: -2\nc: 18446744073709551615\nd: 1.5\ne: .inf\nf: true\ng: ~\nh: [x, 'y', \"z\"]\n\
                    200: {description: ok}\ntrue: yes\nnested: {list: [{k: v}], empty: {}}\nmerged: &m {a: 1}\nagain: *m\n";
        let expected: Value = yaml_serde::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(yaml_value(text).unwrap_or_else(|e| panic!("{e}")), expected);
    }

    #[test]
    fn alias_expansion_is_bounded_by_the_text() {
        let bomb = format!("a: &a [{}]\nb: [{}]\n", vec!["x"; 1000].join(","), vec!["*a"; 1000].join(","));
        let err = yaml_value(&bomb).unwrap_err().to_string();
        assert!(err.contains(ALIAS_BUDGET), "{err}");
        // A few hundred aliases of a small node are fine.
        let reuse = format!("a: &a {{type: string, minLength: 1}}\nb: [{}]\n", vec!["*a"; 300].join(","));
        assert!(yaml_value(&reuse).is_ok());
    }

    #[test]
    fn deep_flow_collections_are_found_outside_quotes_and_comments() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep_flow(&format!("a: {deep}")), Some(3 + MAX_DEPTH));
        assert_eq!(too_deep_flow(&format!("a: \"{deep}\"\nb: '{deep}'\n# {deep}\n")), None);
        assert_eq!(too_deep_flow(&format!("a: {}", "[]".repeat(1000))), None);
    }

    #[test]
    fn refusals_say_where() {
        let err = |name: &str, text: &str| load_text(Path::new(name), text.into()).err().map(|e| e.to_string());
        assert_eq!(
            err("a.yaml", "- 1\n").as_deref(),
            Some("a.yaml:1:1: the document is a list, not an OpenAPI object (a mapping)")
        );
        assert_eq!(
            err("a.json", "  \"s\"").as_deref(),
            Some("a.json:1:3: the document is a string, not an OpenAPI object (a mapping)")
        );
        assert!(err("a.yaml", "true\n").is_none(), "a boolean schema file is fine");
        let deep = format!("openapi: 3.0.3\nx: {}\n", "{a: ".repeat(200));
        assert_eq!(err("d.yaml", &deep).as_deref().and_then(|e| e.split(": ").next()), Some("d.yaml:2:516"));
        let bytes = utf8(Path::new("b.yaml"), b"a: 1\nb: \xff\n".to_vec()).unwrap_err().to_string();
        assert!(bytes.starts_with("b.yaml:2:4: not UTF-8 text: byte 0xFF at offset 8"), "{bytes}");
    }
}
