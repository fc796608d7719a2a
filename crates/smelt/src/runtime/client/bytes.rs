// Part of the generated client module: reading a response body as bytes.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

async fn bytes<E>(response: ::reqwest::Response) -> Result<Vec<u8>, Error<E>> {
    response.bytes().await.map(|b| b.to_vec()).map_err(Error::Request)
}
