// Part of the generated client module: reading a response body as text.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

async fn text<E>(response: ::reqwest::Response) -> Result<String, Error<E>> {
    response.text().await.map_err(Error::Request)
}
