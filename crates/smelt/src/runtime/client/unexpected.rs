// Part of the generated client module: responses with an undocumented status.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

async fn unexpected<E>(response: ::reqwest::Response) -> Error<E> {
    let status = response.status();
    let headers = response.headers().clone();
    match response.text().await {
        Ok(body) => Error::UnexpectedStatus(Box::new(UnexpectedResponse { status, headers, body })),
        Err(e) => Error::Request(e),
    }
}
