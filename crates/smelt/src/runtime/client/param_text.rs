// Part of the generated client module: parameters and multipart fields as text.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// A parameter value as text: strings as they are, anything else as its JSON.
fn param_text<T: ::serde::Serialize>(value: &T) -> String {
    match ::serde_json::to_value(value) {
        Ok(::serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
