// Part of the generated client module: object parameters spread into query keys.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// An object parameter spread into query keys: `name[key]=…` (deepObject) or `key=…` (form).
fn query_object<T: ::serde::Serialize>(mut request: ::reqwest::RequestBuilder, name: &str, value: &T, deep: bool) -> ::reqwest::RequestBuilder {
    if let Ok(::serde_json::Value::Object(object)) = ::serde_json::to_value(value) {
        for (key, value) in object {
            let text = match value {
                ::serde_json::Value::Null => continue,
                ::serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            let key = if deep { format!("{name}[{key}]") } else { key };
            request = request.query(&[(key, text)]);
        }
    }
    request
}
