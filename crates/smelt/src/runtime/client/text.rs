// Part of the generated client module: reading a response body as text; uses `sent_json`.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// The body as text. A JSON string sent where text was documented (`"1.0.0"` as
/// `application/json`) is the string it holds.
fn text(received: &Received) -> String {
    let text = String::from_utf8_lossy(&received.body).into_owned();
    if sent_json(received) {
        if let Ok(inner) = ::serde_json::from_str::<String>(&text) {
            return inner;
        }
    }
    text
}
