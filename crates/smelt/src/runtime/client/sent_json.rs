// Part of the generated client module: what the response says its body is, for `json` and `text`.

/// Whether the response says its body is JSON (`application/json`, `…+json`).
fn sent_json(received: &Received) -> bool {
    let Some(value) = received.headers.get(::reqwest::header::CONTENT_TYPE) else { return false };
    let essence = value.to_str().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}
