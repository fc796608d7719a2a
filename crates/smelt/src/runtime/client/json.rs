// Part of the generated client module: reading a response body as JSON; uses `sent_json`.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// The body decoded as `T`. An empty body reads as `null` (what a nullable or empty type takes);
/// a body the server says is not JSON is also tried as a JSON string holding its text (a
/// `text/plain` version string where a string was documented).
fn json<T: ::serde::de::DeserializeOwned, E>(received: &Received) -> Result<T, Error<E>> {
    let text = String::from_utf8_lossy(&received.body);
    let json = if text.trim().is_empty() { "null" } else { text.as_ref() };
    ::serde_json::from_str(json).or_else(|source| {
        if !sent_json(received) {
            if let Ok(value) = ::serde_json::from_value(::serde_json::Value::String(text.clone().into_owned())) {
                return Ok(value);
            }
        }
        let response = RawResponse { status: received.status, headers: received.headers.clone(), body: text.into_owned() };
        Err(Error::Decode(Box::new(DecodeError { response, source })))
    })
}
