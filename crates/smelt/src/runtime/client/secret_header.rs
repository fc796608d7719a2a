// Part of the generated client module: credentials sent as headers, marked sensitive.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// Adds a header marked sensitive (kept out of logs); an invalid value fails the request when sent.
fn secret_header(request: ::reqwest::RequestBuilder, name: &str, value: &str) -> ::reqwest::RequestBuilder {
    match ::reqwest::header::HeaderValue::from_str(value) {
        Ok(mut value) => {
            value.set_sensitive(true);
            request.header(name, value)
        }
        Err(_) => request.header(name, value),
    }
}
