// Part of the generated client module: a response read in full, before its status decides what
// it is. Copied where the client has operations.

/// A response read in full, before its status decides what it is.
struct Received {
    url: ::reqwest::Url,
    status: ::reqwest::StatusCode,
    headers: ::reqwest::header::HeaderMap,
    body: Vec<u8>,
}

async fn receive<E>(response: ::reqwest::Response) -> Result<Received, Error<E>> {
    let (url, status) = (response.url().clone(), response.status());
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(Error::Request)?.to_vec();
    Ok(Received { url, status, headers, body })
}

impl Received {
    /// The success `body`, with the headers `read` takes from the response.
    fn ok<T, H>(self, body: T, read: fn(&::reqwest::header::HeaderMap) -> H) -> Response<T, H> {
        let typed_headers = read(&self.headers);
        Response { url: self.url, status: self.status, headers: self.headers, typed_headers, body }
    }

    fn raw(self) -> RawResponse {
        let body = String::from_utf8_lossy(&self.body).into_owned();
        RawResponse { status: self.status, headers: self.headers, body }
    }
}
