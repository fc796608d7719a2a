// Part of the generated client module: its error types. Always copied.
// Paths are relative (`super::models`) so that it fits both a crate and a build.rs module.

/// What can go wrong calling an operation. `E` is the operation's documented error responses.
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with a status the operation documents as an error: `error` is the
    /// body as documented, `response` what arrived (status, headers and the body as text).
    Api { error: E, response: Box<RawResponse> },
    /// The server answered with a status the operation does not document.
    UnexpectedStatus(Box<RawResponse>),
    /// The response body did not match the type the spec gives for it.
    Decode(Box<DecodeError>),
    /// The request breaks a constraint of the spec; nothing was sent.
    Validation(super::models::validation::ValidationError),
    /// The request body could not be serialized; nothing was sent.
    Encode(Box<::serde_json::Error>),
    /// The request could not be sent or the response not read (bad URL, connection, TLS, timeout).
    Request(::reqwest::Error),
}

/// A response as it arrived: status, headers and the body as text.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: ::reqwest::StatusCode,
    pub headers: ::reqwest::header::HeaderMap,
    pub body: String,
}

/// A response body that did not decode as the spec says.
#[derive(Debug)]
pub struct DecodeError {
    pub response: RawResponse,
    pub source: ::serde_json::Error,
}

/// The documented error responses of one operation.
pub trait OperationError: ::std::fmt::Debug {
    /// The HTTP status the server answered with.
    fn status(&self) -> ::reqwest::StatusCode;
}

impl<E: OperationError> Error<E> {
    /// The HTTP status, where there was a response.
    pub fn status(&self) -> Option<::reqwest::StatusCode> {
        match self {
            Error::Request(e) => e.status(),
            _ => self.response().map(|r| r.status),
        }
    }

    /// The response as it arrived, where there was one.
    pub fn response(&self) -> Option<&RawResponse> {
        match self {
            Error::Api { response, .. } | Error::UnexpectedStatus(response) => Some(response),
            Error::Decode(d) => Some(&d.response),
            Error::Validation(_) | Error::Encode(_) | Error::Request(_) => None,
        }
    }
}

/// How much of a body an error message shows.
const BODY_SHOWN: usize = 300;

/// The start of `body` for a message: whitespace runs as one space, cut at a character boundary.
fn body_start(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(BODY_SHOWN) {
        Some((end, _)) => format!("{}…", &flat[..end]),
        None if flat.is_empty() => "(empty body)".to_owned(),
        None => flat,
    }
}

impl<E: OperationError> ::std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Error::Api { response, .. } => write!(f, "the server answered {}: {}", response.status, body_start(&response.body)),
            Error::UnexpectedStatus(r) => write!(f, "unexpected status {}: {}", r.status, body_start(&r.body)),
            Error::Decode(d) => write!(
                f,
                "could not decode the {} response ({}): {}",
                d.response.status,
                d.source,
                body_start(&d.response.body)
            ),
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
            Error::Api { .. } | Error::UnexpectedStatus(_) => None,
        }
    }
}
