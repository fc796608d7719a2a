// Part of the generated client module: form bodies as key-value pairs.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// A form body as `key=value` pairs: nested objects as `a[b]=…`, nested lists as `a[0]=…`
/// (the deepObject convention form APIs such as Stripe's read); top-level lists of scalars
/// repeat their key unless the spec's `encoding` marks the property `deepObject`.
fn form_pairs<T: ::serde::Serialize, E>(body: &T, deep_object: &[&str]) -> Result<Vec<(String, String)>, Error<E>> {
    fn flatten(key: String, value: ::serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            ::serde_json::Value::Null => {}
            ::serde_json::Value::String(text) => out.push((key, text)),
            ::serde_json::Value::Object(object) => {
                for (k, v) in object {
                    flatten(format!("{key}[{k}]"), v, out);
                }
            }
            ::serde_json::Value::Array(items) => {
                for (i, v) in items.into_iter().enumerate() {
                    flatten(format!("{key}[{i}]"), v, out);
                }
            }
            other => out.push((key, other.to_string())),
        }
    }
    let value = ::serde_json::to_value(body).map_err(|source| Error::Encode(Box::new(source)))?;
    let mut out = Vec::new();
    if let ::serde_json::Value::Object(object) = value {
        for (key, value) in object {
            match value {
                ::serde_json::Value::Array(items) if !deep_object.contains(&key.as_str()) && items.iter().all(|i| !i.is_object() && !i.is_array()) => {
                    for item in items {
                        flatten(key.clone(), item, &mut out);
                    }
                }
                value => flatten(key, value, &mut out),
            }
        }
    }
    Ok(out)
}
