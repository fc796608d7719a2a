// Part of the generated client module: what a successful call returns. Always copied.

/// A successful response: the body as documented, with the status and headers it came with.
/// It derefs to the body, so `client.op().await?.field` reads the body's field; `H` holds the
/// headers the operation documents, read into typed fields (`()` when it documents none).
#[derive(Debug, Clone)]
pub struct Response<T, H = ()> {
    url: ::reqwest::Url,
    status: ::reqwest::StatusCode,
    headers: ::reqwest::header::HeaderMap,
    typed_headers: H,
    body: T,
}

impl<T, H> Response<T, H> {
    /// The URL the response came from (after redirects).
    pub fn url(&self) -> &::reqwest::Url {
        &self.url
    }

    /// The status the server answered with (a 2xx; possibly one the spec does not list).
    pub fn status(&self) -> ::reqwest::StatusCode {
        self.status
    }

    /// Every header of the response.
    pub fn headers(&self) -> &::reqwest::header::HeaderMap {
        &self.headers
    }

    /// The headers the operation documents, as typed fields: `None` where absent or unreadable.
    pub fn typed_headers(&self) -> &H {
        &self.typed_headers
    }

    /// The body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T, H> ::std::ops::Deref for Response<T, H> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T, H> ::std::ops::DerefMut for Response<T, H> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.body
    }
}
