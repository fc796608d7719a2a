//! Helpers emitted once per generated client (each only where an operation needs it).

use proc_macro2::TokenStream;
use quote::quote;

use super::client::models_path;
use crate::ir::*;

pub fn basic_auth_helper() -> TokenStream {
    quote! {
        /// `Basic base64(username:password)`, RFC 7617.
        fn basic_auth(username: &str, password: &str) -> String {
            const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let input = format!("{username}:{password}");
            let mut out = String::from("Basic ");
            for chunk in input.as_bytes().chunks(3) {
                let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
                let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
                for i in 0..4 {
                    if i <= chunk.len() {
                        out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
                    } else {
                        out.push('=');
                    }
                }
            }
            out
        }
    }
}

/// Which helpers the operations need, so no unused helper is emitted.
pub struct Uses {
    secrets: bool,
    /// A credential written as a header or cookie (query credentials need no helper).
    secret_header: bool,
    path_params: bool,
    param_text: bool,
    query_object: bool,
    json: bool,
    text: bool,
    bytes: bool,
    unexpected: bool,
    /// A multipart body with a file field (other fields are text parts).
    file_part: bool,
    form: bool,
    event_stream: bool,
}

impl Uses {
    pub fn of(api: &Api) -> Self {
        let ops = &api.operations;
        let params = || ops.iter().flat_map(|op| op.params.iter());
        let unwrapped = |t: &Ty| match t {
            Ty::Option(i) => i.as_ref().clone(),
            t => t.clone(),
        };
        let object = |t: &Ty| super::operation::is_object(api, t);
        // A multipart field sent as a file part (`file_part`) rather than as text (`param_text`).
        let file = |t: &Ty| *t == Ty::File || *t == Ty::Vec(Box::new(Ty::File));
        let textual = |t: &Ty| {
            let t = match t {
                Ty::Vec(i) => i.as_ref(),
                t => t,
            };
            matches!(t, Ty::Named(_) | Ty::Json | Ty::JsonMap | Ty::Map(_) | Ty::File)
        };
        let bodies = || ops.iter().flat_map(|op| op.success.iter().map(|s| &s.body));
        let multipart_fields = || {
            ops.iter().filter_map(|op| op.body.as_ref()).filter(|b| b.encoding == BodyEncoding::Multipart).flat_map(
                |b| {
                    let fields = match &b.ty {
                        Ty::Named(n) => api.struct_named(n).map(|s| s.fields.clone()),
                        _ => None,
                    };
                    fields.unwrap_or_default()
                },
            )
        };
        Uses {
            secrets: !api.slots.is_empty(),
            secret_header: api.slots.iter().any(|s| s.location != ParamLocation::Query),
            path_params: params().any(|p| p.location == ParamLocation::Path),
            param_text: params().any(|p| {
                let t = unwrapped(&p.ty);
                textual(&t) && !(p.location == ParamLocation::Query && object(&t))
            }) || multipart_fields().any(|f| {
                let t = unwrapped(&f.ty);
                textual(&t) && !file(&t)
            }),
            query_object: params().any(|p| p.location == ParamLocation::Query && object(&unwrapped(&p.ty))),
            json: bodies().any(|b| matches!(b, ResponseBody::Json(_)))
                || ops.iter().any(|op| op.errors.iter().any(|e| e.ty.is_some())),
            text: bodies().any(|b| *b == ResponseBody::Text)
                || ops.iter().any(|op| op.errors.iter().any(|e| e.ty.is_none())),
            bytes: bodies().any(|b| *b == ResponseBody::Bytes),
            unexpected: ops.iter().any(|op| !op.errors.iter().any(|e| e.status == StatusMatch::Default)),
            file_part: multipart_fields().any(|f| file(&unwrapped(&f.ty))),
            form: ops.iter().any(|op| op.body.as_ref().is_some_and(|b| b.encoding == BodyEncoding::Form)),
            event_stream: bodies().any(|b| *b == ResponseBody::EventStream),
        }
    }
}

/// Error types and response helpers, emitted once per crate (each helper only where used).
pub fn support(uses: &Uses) -> TokenStream {
    let models = models_path();
    let secrets = uses.secrets.then(|| {
        quote! {
            /// A credential; never shown by `Debug`.
            #[derive(Clone)]
            struct Secret(String);

            impl ::std::fmt::Debug for Secret {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("Secret(<redacted>)")
                }
            }
        }
    });
    let secret_header = uses.secret_header.then(|| {
        quote! {
            /// Adds a header marked sensitive (kept out of logs); an invalid value fails the request when sent.
            fn secret_header(request: ::reqwest::RequestBuilder, name: &str, value: &str) -> ::reqwest::RequestBuilder {
                match ::reqwest::header::HeaderValue::from_str(value) {
                    Ok(mut value) => {
                        value.set_sensitive(true);
                        request.header(name, value)
                    }
                    Err(_) => request.header(name, value),
                }
            }
        }
    });
    let encode_path = uses.path_params.then(|| {
        quote! {
            /// Percent-encodes a path parameter: everything but RFC 3986 unreserved characters. An
            /// empty, `.` or `..` value would address another resource once URLs drop dot segments,
            /// so it is refused before anything is sent.
            fn encode_path<E>(segment: &str, name: &str) -> Result<String, Error<E>> {
                if segment.is_empty() || segment == "." || segment == ".." {
                    return Err(Error::Validation(#models validation::ValidationError {
                        pointer: String::new(),
                        message: format!("path parameter `{name}` cannot be {segment:?}: it would change the URL's path"),
                    }));
                }
                let mut out = String::with_capacity(segment.len());
                for byte in segment.bytes() {
                    if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                        out.push(char::from(byte));
                    } else {
                        out.push_str(&format!("%{byte:02X}"));
                    }
                }
                Ok(out)
            }
        }
    });
    let param_text = uses.param_text.then(|| {
        quote! {
            /// A parameter value as text: strings as they are, anything else as its JSON.
            fn param_text<T: ::serde::Serialize>(value: &T) -> String {
                match ::serde_json::to_value(value) {
                    Ok(::serde_json::Value::String(text)) => text,
                    Ok(other) => other.to_string(),
                    Err(_) => String::new(),
                }
            }
        }
    });
    let text = (uses.text || uses.json).then(|| {
        quote! {
            async fn text<E>(response: ::reqwest::Response) -> Result<String, Error<E>> {
                response.text().await.map_err(Error::Request)
            }
        }
    });
    let json = uses.json.then(|| {
        quote! {
            async fn json<T: ::serde::de::DeserializeOwned, E>(response: ::reqwest::Response) -> Result<T, Error<E>> {
                let status = response.status();
                let body = text(response).await?;
                ::serde_json::from_str(&body).map_err(|source| Error::Decode(Box::new(DecodeError { status, body, source })))
            }
        }
    });
    let bytes = uses.bytes.then(|| {
        quote! {
            async fn bytes<E>(response: ::reqwest::Response) -> Result<Vec<u8>, Error<E>> {
                response.bytes().await.map(|b| b.to_vec()).map_err(Error::Request)
            }
        }
    });
    let query_object = uses.query_object.then(|| {
        quote! {
            /// An object parameter spread into query keys: `name[key]=…` (deepObject) or `key=…` (form).
            fn query_object<T: ::serde::Serialize>(mut request: ::reqwest::RequestBuilder, name: &str, value: &T, deep: bool) -> ::reqwest::RequestBuilder {
                if let Ok(::serde_json::Value::Object(object)) = ::serde_json::to_value(value) {
                    for (key, value) in object {
                        let text = match value {
                            ::serde_json::Value::Null => continue,
                            ::serde_json::Value::String(text) => text,
                            other => other.to_string(),
                        };
                        let key = if deep { format!("{name}[{key}]") } else { key };
                        request = request.query(&[(key, text)]);
                    }
                }
                request
            }
        }
    });
    let file_part = uses.file_part.then(|| {
        quote! {
            /// A multipart part for a file. It always carries a file name (the field's name when the
            /// file has none): servers read a part without one as a text field (RFC 7578 §4.2). A
            /// malformed media type fails the request.
            fn file_part<E>(file: &#models binary::FilePart, field: &str) -> Result<::reqwest::multipart::Part, Error<E>> {
                let name = file.file_name.clone().unwrap_or_else(|| field.to_owned());
                let part = ::reqwest::multipart::Part::bytes(file.bytes.clone()).file_name(name);
                match &file.content_type {
                    Some(media) => part.mime_str(media).map_err(Error::Request),
                    None => Ok(part),
                }
            }
        }
    });
    let event_stream = uses.event_stream.then(event_stream);
    let form = uses.form.then(|| {
        quote! {
            /// A form body as `key=value` pairs: nested objects as `a[b]=…`, nested lists as `a[0]=…`
            /// (the deepObject convention form APIs such as Stripe's read); top-level lists of scalars
            /// repeat their key unless the spec's `encoding` marks the property `deepObject`.
            fn form_pairs<T: ::serde::Serialize, E>(body: &T, deep_object: &[&str]) -> Result<Vec<(String, String)>, Error<E>> {
                fn flatten(key: String, value: ::serde_json::Value, out: &mut Vec<(String, String)>) {
                    match value {
                        ::serde_json::Value::Null => {}
                        ::serde_json::Value::String(text) => out.push((key, text)),
                        ::serde_json::Value::Object(object) => {
                            for (k, v) in object {
                                flatten(format!("{key}[{k}]"), v, out);
                            }
                        }
                        ::serde_json::Value::Array(items) => {
                            for (i, v) in items.into_iter().enumerate() {
                                flatten(format!("{key}[{i}]"), v, out);
                            }
                        }
                        other => out.push((key, other.to_string())),
                    }
                }
                let value = ::serde_json::to_value(body).map_err(|source| Error::Encode(Box::new(source)))?;
                let mut out = Vec::new();
                if let ::serde_json::Value::Object(object) = value {
                    for (key, value) in object {
                        match value {
                            ::serde_json::Value::Array(items) if !deep_object.contains(&key.as_str()) && items.iter().all(|i| !i.is_object() && !i.is_array()) => {
                                for item in items {
                                    flatten(key.clone(), item, &mut out);
                                }
                            }
                            value => flatten(key, value, &mut out),
                        }
                    }
                }
                Ok(out)
            }
        }
    });
    let unexpected = uses.unexpected.then(|| {
        quote! {
            async fn unexpected<E>(response: ::reqwest::Response) -> Error<E> {
                let status = response.status();
                let headers = response.headers().clone();
                match response.text().await {
                    Ok(body) => Error::UnexpectedStatus(Box::new(UnexpectedResponse { status, headers, body })),
                    Err(e) => Error::Request(e),
                }
            }
        }
    });
    quote! {
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
            Validation(#models validation::ValidationError),
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

        #secrets
        #secret_header
        #encode_path
        #param_text
        #text
        #json
        #bytes
        #query_object
        #file_part
        #event_stream
        #form
        #unexpected
    }
}

/// `text/event-stream` responses, read event by event without extra dependencies.
fn event_stream() -> TokenStream {
    quote! {
        /// A `text/event-stream` response, read one event at a time with [`EventStream::next`].
        #[derive(Debug)]
        pub struct EventStream {
            response: ::reqwest::Response,
            buffer: Vec<u8>,
            done: bool,
        }

        /// One server-sent event, as received.
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct Event {
            pub event: Option<String>,
            pub data: String,
            pub id: Option<String>,
            pub retry: Option<u64>,
        }

        impl EventStream {
            fn new(response: ::reqwest::Response) -> Self {
                EventStream { response, buffer: Vec::new(), done: false }
            }

            /// The next event; `None` when the stream has ended.
            pub async fn next(&mut self) -> Option<Result<Event, ::reqwest::Error>> {
                loop {
                    if let Some(event) = self.take_event() {
                        return Some(Ok(event));
                    }
                    if self.done {
                        return None;
                    }
                    match self.response.chunk().await {
                        Ok(Some(chunk)) => self.buffer.extend_from_slice(&chunk),
                        Ok(None) => {
                            // A last event without its blank line still counts.
                            self.done = true;
                            self.buffer.extend_from_slice(b"\n\n");
                        }
                        Err(e) => return Some(Err(e)),
                    }
                }
            }

            /// Parses the first complete event in the buffer, skipping blocks with no data.
            fn take_event(&mut self) -> Option<Event> {
                loop {
                    let text = String::from_utf8_lossy(&self.buffer).replace("\r\n", "\n");
                    let end = text.find("\n\n")?;
                    let block = text[..end].to_owned();
                    self.buffer = text.as_bytes()[end + 2..].to_vec();
                    let mut event = Event::default();
                    let mut data: Vec<&str> = Vec::new();
                    for line in block.lines() {
                        let (field, value) = line.split_once(':').unwrap_or((line, ""));
                        let value = value.strip_prefix(' ').unwrap_or(value);
                        match field {
                            "event" => event.event = Some(value.to_owned()),
                            "data" => data.push(value),
                            "id" => event.id = Some(value.to_owned()),
                            "retry" => event.retry = value.parse().ok(),
                            _ => {}
                        }
                    }
                    if !data.is_empty() || event.event.is_some() {
                        event.data = data.join("\n");
                        return Some(event);
                    }
                }
            }
        }
    }
}
