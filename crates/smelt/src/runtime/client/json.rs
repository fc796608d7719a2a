// Part of the generated client module: reading a response body as JSON; uses `text`.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

async fn json<T: ::serde::de::DeserializeOwned, E>(response: ::reqwest::Response) -> Result<T, Error<E>> {
    let status = response.status();
    let body = text(response).await?;
    ::serde_json::from_str(&body).map_err(|source| Error::Decode(Box::new(DecodeError { status, body, source })))
}
