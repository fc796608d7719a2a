// Part of the generated client module: reading a documented response header as its type.
// Copied into generated crates by `runtime::Part` where an operation documents headers.

/// Header `name` as `T`: `None` when absent or not readable as `T`. A header sent several times
/// is one list (RFC 9110, 5.3): its values joined with `, `.
fn header_value<T: ::std::str::FromStr>(headers: &::reqwest::header::HeaderMap, name: &str) -> Option<T> {
    let values: Vec<&str> = headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect();
    if values.is_empty() {
        return None;
    }
    values.join(", ").trim().parse().ok()
}
