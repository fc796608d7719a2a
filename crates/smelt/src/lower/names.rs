//! Turning spec names into Rust identifiers. Everything here works on strings: names are decided
//! once, in the IR, and the emitter never re-sanitizes them.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    "union",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid): they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// Names a model type never takes: the type names of Rust's prelude, and the maps users import
/// most. A user's `use api::models::*` would otherwise shadow them in the user's own code (a schema
/// called `Vec` would break every `Vec<String>` there), and generated code could not write them bare.
pub const PRELUDE_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "BTreeMap",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "HashMap",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// The name a model type gets instead of a [`PRELUDE_TYPES`] name: `Vec` → `VecModel`.
pub fn off_prelude(name: &str) -> Option<String> {
    PRELUDE_TYPES.binary_search(&name).is_ok().then(|| format!("{name}Model"))
}

/// A schema name as a type name. FastAPI's mangled `module__path__Class` names keep only their
/// class segments (`a__b__Outer__Inner` → `OuterInner`); other names are UpperCamelCased whole.
pub fn type_name(raw: &str) -> String {
    let base = demangle(raw).unwrap_or_else(|| raw.to_upper_camel_case());
    type_ident(&base)
}

/// The class part of a `module__path__Class[__Nested]` name, if `raw` has that shape.
pub fn demangle(raw: &str) -> Option<String> {
    let segments: Vec<&str> = raw.split("__").collect();
    let first_class = segments.iter().position(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))?;
    if first_class == 0 {
        return None;
    }
    let modules_ok = segments[..first_class]
        .iter()
        .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
    let classes_ok = segments[first_class..].iter().all(|s| {
        s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    (modules_ok && classes_ok).then(|| segments[first_class..].iter().map(|s| s.to_upper_camel_case()).collect())
}

/// The module segments of a mangled name, as UpperCamel words (`workspaces__domain__X` → `[Workspaces, Domain]`).
pub fn module_segments(raw: &str) -> Vec<String> {
    if demangle(raw).is_none() {
        return Vec::new();
    }
    raw.split("__")
        .take_while(|s| !s.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|s| s.to_upper_camel_case())
        .collect()
}

/// An UpperCamel identifier (types, variants) from any text.
pub fn type_ident(text: &str) -> String {
    let camel = text.to_upper_camel_case();
    let cleaned: String = camel.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let cleaned = if cleaned.is_empty() { "Empty".to_owned() } else { cleaned };
    let cleaned = if cleaned.starts_with(|c: char| c.is_ascii_digit()) { format!("N{cleaned}") } else { cleaned };
    escape_keyword(cleaned)
}

/// A variant name for an enum value or tag. Values made of symbols are spelled out (`+1` →
/// `Plus1`, `-1` → `Minus1`, `>=` → `GtEq`), so they stay apart and readable.
pub fn variant_ident(value: &str) -> String {
    let symbolic = !value.chars().any(char::is_alphabetic);
    if !symbolic {
        return type_ident(value);
    }
    let mut spelled = String::new();
    for c in value.chars() {
        let word = match c {
            '+' => "Plus",
            '-' => "Minus",
            '$' => "Dollar",
            '*' => "Star",
            '/' => "Slash",
            '\\' => "Backslash",
            '<' => "Lt",
            '>' => "Gt",
            '=' => "Eq",
            '!' => "Not",
            '&' => "And",
            '|' => "Or",
            '%' => "Percent",
            '#' => "Hash",
            '@' => "At",
            '.' => "Dot",
            ',' => "Comma",
            ':' => "Colon",
            '~' => "Tilde",
            '^' => "Caret",
            '?' => "Question",
            '_' => "Underscore",
            ' ' => "Space",
            c if c.is_ascii_digit() => {
                spelled.push(c);
                continue;
            }
            _ => "Symbol",
        };
        spelled.push_str(word);
    }
    type_ident(&spelled)
}

/// A snake_case identifier (fields, methods, parameters) from any text.
pub fn field_ident(text: &str) -> String {
    let snake = text.to_snake_case();
    let cleaned: String = snake.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let cleaned = cleaned.trim_matches('_').to_owned();
    let cleaned = if cleaned.is_empty() { "field".to_owned() } else { cleaned };
    let cleaned = if cleaned.starts_with(|c: char| c.is_ascii_digit()) { format!("n{cleaned}") } else { cleaned };
    escape_keyword(cleaned)
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The words of an UpperCamel name: `DataDestinationDeliveryAskUiWorkflow` → Data, Destination, …
pub fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
}

/// Names already taken in one scope; `claim` never hands out the same name twice.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_reserved(names: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        Scope { taken: names.into_iter().map(|n| n.as_ref().to_owned()).collect() }
    }

    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Claims `wanted`, or `wanted2`, `wanted3`, … if it is taken. Returns the name and whether it changed.
    pub fn claim(&mut self, wanted: &str) -> (String, bool) {
        if self.taken.insert(wanted.to_owned()) {
            return (wanted.to_owned(), false);
        }
        // `r#type` + 2 must become `type2`, which is no longer a keyword.
        let stem = wanted.trim_start_matches("r#").trim_end_matches('_');
        let mut n = 2;
        loop {
            let candidate = format!("{stem}{}{n}", if stem.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" });
            if self.taken.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demangles_fastapi_module_paths() {
        assert_eq!(
            type_name("workspaces__domain__entities__AgentExecutionStateDeliveredToDestination"),
            "AgentExecutionStateDeliveredToDestination"
        );
        assert_eq!(
            type_name("workspaces__main__CreateWorkspaceResponseDto__WorkspaceMembershipDto"),
            "CreateWorkspaceResponseDtoWorkspaceMembershipDto"
        );
        assert_eq!(type_name("Body_upload_file_api_v1_files__file_path__put"), "BodyUploadFileApiV1FilesFilePathPut");
        assert_eq!(module_segments("workspaces__use_cases__X"), vec!["Workspaces", "UseCases"]);
    }

    #[test]
    fn sanitizes_identifiers() {
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("2fa"), "n2fa");
        assert_eq!(field_ident("createdAt"), "created_at");
        assert_eq!(field_ident("$ref"), "r#ref");
        assert_eq!(type_ident("Self"), "Self_");
        assert_eq!(type_ident("+1"), "N1");
        assert_eq!(type_ident("PENDING_REVIEW"), "PendingReview");
        assert_eq!(variant_ident("+1"), "Plus1");
        assert_eq!(variant_ident("-1"), "Minus1");
        assert_eq!(variant_ident(""), "Empty");
        assert_eq!(variant_ident(">="), "GtEq");
        assert_eq!(variant_ident("needs sleep"), "NeedsSleep");
    }

    #[test]
    fn prelude_names_are_sorted_and_moved_off() {
        assert!(PRELUDE_TYPES.windows(2).all(|w| w[0] < w[1]), "binary_search needs PRELUDE_TYPES sorted");
        assert_eq!(off_prelude("Vec").as_deref(), Some("VecModel"));
        assert_eq!(off_prelude("HashMap").as_deref(), Some("HashMapModel"));
        assert_eq!(off_prelude("Vector"), None);
    }

    #[test]
    fn scope_never_repeats() {
        let mut s = Scope::new();
        assert_eq!(s.claim("a"), ("a".into(), false));
        assert_eq!(s.claim("a"), ("a2".into(), true));
        assert_eq!(s.claim("r#type"), ("r#type".into(), false));
        assert_eq!(s.claim("r#type"), ("type2".into(), true));
    }

    #[test]
    fn splits_camel_words() {
        assert_eq!(
            camel_words("DataDestinationDeliveryAskUiWorkflow"),
            vec!["Data", "Destination", "Delivery", "Ask", "Ui", "Workflow"]
        );
    }
}
