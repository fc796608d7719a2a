// Part of the generated client module: its error types. Always copied.
// Paths are relative (`super::models`) so that it fits both a crate and a build.rs module.

/// What can go wrong calling an operation. `E` is the operation's documented error responses.
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with a status the operation documents as an error.
    Api(E),
    /// The server answered with a status the operation does not document.
    UnexpectedStatus(Box<UnexpectedResponse>),
    /// The response body did not match the type the spec gives for it.
    Decode(Box<DecodeError>),
    /// The request body breaks a constraint of the spec; nothing was sent.
    Validation(super::models::validation::ValidationError),
    /// The request body could not be serialized; nothing was sent.
    Encode(Box<::serde_json::Error>),
    /// The request could not be sent or the response not read (bad URL, connection, TLS, timeout).
    Request(::reqwest::Error),
}

/// A response with a status the operation does not document.
#[derive(Debug)]
pub struct UnexpectedResponse {
    pub status: ::reqwest::StatusCode,
    pub headers: ::reqwest::header::HeaderMap,
    pub body: String,
}

/// A response body that did not decode as the spec says.
#[derive(Debug)]
pub struct DecodeError {
    pub status: ::reqwest::StatusCode,
    pub body: String,
    pub source: ::serde_json::Error,
}

/// The documented error responses of one operation.
pub trait OperationError: ::std::fmt::Debug + ::std::fmt::Display {
    /// The HTTP status the server answered with.
    fn status(&self) -> ::reqwest::StatusCode;
}

impl<E: OperationError> Error<E> {
    /// The HTTP status, where there was a response.
    pub fn status(&self) -> Option<::reqwest::StatusCode> {
        match self {
            Error::Api(e) => Some(e.status()),
            Error::UnexpectedStatus(r) => Some(r.status),
            Error::Decode(d) => Some(d.status),
            Error::Request(e) => e.status(),
            Error::Validation(_) | Error::Encode(_) => None,
        }
    }
}

impl<E: OperationError> ::std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Error::Api(e) => ::std::fmt::Display::fmt(e, f),
            Error::UnexpectedStatus(r) => write!(f, "unexpected status {}: {}", r.status, r.body),
            Error::Decode(d) => write!(f, "could not decode the {} response: {}", d.status, d.source),
            Error::Validation(v) => write!(f, "invalid request: {v}"),
            Error::Encode(e) => write!(f, "could not encode the request: {e}"),
            Error::Request(e) => write!(f, "request failed: {e}"),
        }
    }
}

impl<E: OperationError> ::std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Decode(d) => Some(&d.source),
            Error::Validation(v) => Some(v),
            Error::Encode(e) => Some(e.as_ref()),
            Error::Request(e) => Some(e),
            Error::Api(_) | Error::UnexpectedStatus(_) => None,
        }
    }
}
