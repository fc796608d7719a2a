// Part of the generated client module: path parameters, percent-encoded.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// Percent-encodes a path parameter: everything but RFC 3986 unreserved characters. An
/// empty, `.` or `..` value would address another resource once URLs drop dot segments,
/// so it is refused before anything is sent.
fn encode_path<E>(segment: &str, name: &str) -> Result<String, Error<E>> {
    if segment.is_empty() || segment == "." || segment == ".." {
        return Err(Error::Validation(super::models::validation::ValidationError {
            pointer: String::new(),
            message: format!("path parameter `{name}` cannot be {segment:?}: it would change the URL's path"),
        }));
    }
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Ok(out)
}
