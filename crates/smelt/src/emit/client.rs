//! The `client` module: `Client`, the shared `Error`, one async method and one error enum per
//! operation. Helpers are emitted once per crate, never per operation.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::util::{doc, ident, ty};
use crate::ir::*;

fn models_path() -> TokenStream {
    quote! { super::models:: }
}

pub fn client(api: &Api) -> TokenStream {
    let support = support(&Uses::of(api));
    let client = client_struct(api);
    let methods = api.operations.iter().map(|op| method(api, op));
    let errors = api.operations.iter().map(error_enum);
    let basic = api.credentials.iter().any(|c| c.kind == CredentialKind::Basic).then(basic_auth_helper);
    quote! {
        #support
        #client

        impl Client {
            #( #methods )*
        }

        #( #errors )*
        #basic
    }
}

fn slot_variant(slot: &CredentialSlot) -> Ident {
    ident(crate::ir::names::type_ident(&slot.field).trim_start_matches("r#"))
}

fn client_struct(api: &Api) -> TokenStream {
    let fields: Vec<Ident> = api.slots.iter().map(|s| ident(&s.field)).collect();
    let setters = api.credentials.iter().map(|c| {
        let method = ident(&c.method);
        let field = ident(&api.slots[c.slot].field);
        let slot = &api.slots[c.slot];
        let shared: Vec<&str> = api.credentials.iter().filter(|o| o.slot == c.slot && o.method != c.method).map(|o| o.method.as_str()).collect();
        let mut text = format!(
            "Sets the credential of security scheme{} `{}`.",
            if c.schemes.len() > 1 { "s" } else { "" },
            c.schemes.join("`, `")
        );
        if let Some(d) = &c.doc {
            text.push_str("\n\n");
            text.push_str(d);
        }
        if !shared.is_empty() {
            text.push_str(&format!(
                "\n\nThis writes the same {} `{}` as `{}`: one value is sent, from the credential set last.",
                match slot.location { ParamLocation::Query => "query parameter", ParamLocation::Cookie => "cookie", _ => "header" },
                slot.wire,
                shared.join("`, `")
            ));
        }
        let docs = doc(Some(&text));
        match c.kind {
            CredentialKind::Bearer => quote! {
                #docs
                pub fn #method(mut self, token: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#field = ::std::option::Option::Some(Secret(::std::format!("Bearer {}", token.into())));
                    self
                }
            },
            CredentialKind::ApiKey => quote! {
                #docs
                pub fn #method(mut self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#field = ::std::option::Option::Some(Secret(key.into()));
                    self
                }
            },
            CredentialKind::Basic => quote! {
                #docs
                pub fn #method(mut self, username: &str, password: &str) -> Self {
                    self.#field = ::std::option::Option::Some(Secret(basic_auth(username, password)));
                    self
                }
            },
        }
    });
    let variants: Vec<Ident> = api.slots.iter().map(slot_variant).collect();
    let apply = api.slots.iter().zip(&fields).zip(&variants).map(|((slot, field), variant)| {
        let wire = &slot.wire;
        let write = match slot.location {
            ParamLocation::Query => quote! { request.query(&[(#wire, value.0.as_str())]) },
            ParamLocation::Cookie => quote! { secret_header(request, "Cookie", &::std::format!("{}={}", #wire, value.0)) },
            _ => quote! { secret_header(request, #wire, &value.0) },
        };
        quote! {
            Slot::#variant => if let ::std::option::Option::Some(value) = &self.#field { #write } else { request },
        }
    });
    let slot_enum = (!api.slots.is_empty()).then(|| quote! {
        /// Where a credential is written.
        #[derive(Debug, Clone, Copy)]
        enum Slot {
            #( #variants, )*
        }
    });
    let authorize = (!api.slots.is_empty()).then(|| quote! {
        fn authorize(&self, mut request: ::reqwest::RequestBuilder, slots: &[Slot]) -> ::reqwest::RequestBuilder {
            for slot in slots {
                request = match slot {
                    #( #apply )*
                };
            }
            request
        }
    });
    let title = format!("A client for {} {}.", api.title, api.version);
    let docs = doc(Some(&format!("{title}{}", api.description.as_deref().map(|d| format!("\n\n{d}")).unwrap_or_default())));
    quote! {
        #docs
        #[derive(Clone)]
        pub struct Client {
            base_url: ::std::string::String,
            http: ::std::option::Option<::reqwest::Client>,
            #( #fields: ::std::option::Option<Secret>, )*
        }

        #slot_enum

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.base_url)
                    #( .field(::std::stringify!(#fields), &self.#fields) )*
                    .finish_non_exhaustive()
            }
        }

        impl Client {
            /// A client for the service at `base_url` (e.g. `https://api.example.com`). Never fails:
            /// a bad URL is reported as [`Error::Request`] by the first call.
            pub fn new(base_url: impl ::std::convert::Into<::std::string::String>) -> Self {
                Client {
                    base_url: base_url.into(),
                    http: ::reqwest::Client::builder().build().ok(),
                    #( #fields: ::std::option::Option::None, )*
                }
            }

            /// Uses `http` for every request (timeouts, proxies, TLS settings, middleware).
            pub fn with_http_client(mut self, http: ::reqwest::Client) -> Self {
                self.http = ::std::option::Option::Some(http);
                self
            }

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            #( #setters )*

            fn http<E>(&self) -> ::std::result::Result<::reqwest::Client, Error<E>> {
                match &self.http {
                    ::std::option::Option::Some(http) => ::std::result::Result::Ok(http.clone()),
                    // Building failed in `new` (no TLS backend): build again to report why.
                    ::std::option::Option::None => ::reqwest::Client::builder().build().map_err(Error::Request),
                }
            }

            fn url(&self, path: &str) -> ::std::string::String {
                ::std::format!("{}{}", self.base_url.trim_end_matches('/'), path)
            }

            #authorize
        }
    }
}

/// Rust type of a parameter in a method signature: strings and compound types by reference.
fn param_ty(t: &Ty) -> TokenStream {
    let models = models_path();
    match t {
        Ty::String => quote! { &str },
        Ty::Named(_) | Ty::Vec(_) | Ty::Map(_) | Ty::Json | Ty::JsonMap => {
            let inner = ty(t, &models);
            quote! { &#inner }
        }
        Ty::Option(inner) => {
            let inner = param_ty(inner);
            quote! { ::std::option::Option<#inner> }
        }
        other => ty(other, &models),
    }
}

/// Text of a scalar parameter value for a path, query or header.
fn to_text(t: &Ty, value: &TokenStream) -> TokenStream {
    match t {
        Ty::String => quote! { #value },
        Ty::Named(_) | Ty::Json | Ty::JsonMap | Ty::Map(_) => quote! { param_text(#value) },
        Ty::DateTime => quote! { #value.to_rfc3339() },
        _ => quote! { #value.to_string() },
    }
}

fn method(api: &Api, op: &Operation) -> TokenStream {
    let models = models_path();
    let name = ident(&op.name);
    let taken: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
    let local = |n: &str| if taken.contains(&n) { format_ident!("{}_", n) } else { format_ident!("{}", n) };
    let (request, response, url) = (local("request"), local("response"), local("url"));

    let args = op.params.iter().map(|p| {
        let pname = ident(&p.name);
        let t = if p.required { param_ty(&p.ty) } else { param_ty(&Ty::Option(Box::new(p.ty.clone()))) };
        quote! { #pname: #t }
    });
    let body_arg = op.body.as_ref().map(|b| {
        let bname = ident(&b.name);
        let t = param_ty(&b.ty);
        if b.required { quote! { #bname: #t, } } else { quote! { #bname: ::std::option::Option<#t>, } }
    });

    // The path, with each `{param}` percent-encoded (a value may hold `/`).
    let mut pieces: Vec<TokenStream> = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let wire = &rest[start + 1..start + len];
        match op.params.iter().find(|p| p.location == ParamLocation::Path && p.wire == wire) {
            Some(p) => {
                let literal = &rest[..start];
                let pname = ident(&p.name);
                let text = to_text(&p.ty, &quote! { #pname });
                let text = if p.ty == Ty::String { text } else { quote! { &#text } };
                pieces.push(quote! { #literal });
                pieces.push(quote! { &encode_path(#text) });
            }
            // A template name with no parameter stays as written (the spec is wrong; a warning said so).
            None => pieces.push({
                let literal = &rest[..start + len + 1];
                quote! { #literal }
            }),
        }
        rest = &rest[start + len + 1..];
    }
    let path = if pieces.is_empty() {
        let literal = rest;
        quote! { #literal }
    } else {
        if !rest.is_empty() {
            pieces.push(quote! { #rest });
        }
        quote! { &[ #( #pieces ),* ].concat() }
    };

    let query = op.params.iter().filter(|p| p.location == ParamLocation::Query).map(|p| {
        let pname = ident(&p.name);
        let wire = &p.wire;
        let add = |value: TokenStream, t: &Ty| -> TokenStream {
            match t {
                Ty::Vec(item) => {
                    let text = to_text(item, &quote! { item });
                    quote! { for item in #value.iter() { #request = #request.query(&[(#wire, #text)]); } }
                }
                other => {
                    let text = to_text(other, &value);
                    quote! { #request = #request.query(&[(#wire, #text)]); }
                }
            }
        };
        let inner = match &p.ty { Ty::Option(i) => i.as_ref(), t => t };
        if p.required && !matches!(p.ty, Ty::Option(_)) {
            add(quote! { #pname }, inner)
        } else {
            let write = add(quote! { value }, inner);
            quote! { if let ::std::option::Option::Some(value) = #pname { #write } }
        }
    });
    let headers = op.params.iter().filter(|p| matches!(p.location, ParamLocation::Header | ParamLocation::Cookie)).map(|p| {
        let pname = ident(&p.name);
        let wire = &p.wire;
        let inner = match &p.ty { Ty::Option(i) => i.as_ref(), t => t };
        let text = to_text(inner, &quote! { value });
        let write = if p.location == ParamLocation::Cookie {
            quote! { #request = #request.header("Cookie", ::std::format!("{}={}", #wire, #text)); }
        } else {
            quote! { #request = #request.header(#wire, #text); }
        };
        if p.required && !matches!(p.ty, Ty::Option(_)) {
            quote! { let value = #pname; #write }
        } else {
            quote! { if let ::std::option::Option::Some(value) = #pname { #write } }
        }
    });

    let validate = op.body.as_ref().filter(|b| b.validate).map(|b| {
        let bname = ident(&b.name);
        quote! { #models validation::Validate::validate_at(&#bname, "").map_err(Error::Validation)?; }
    });
    let send_body = op.body.as_ref().map(|b| {
        let bname = ident(&b.name);
        let media = &b.media_type;
        let set = quote! {
            #request = #request.header(::reqwest::header::CONTENT_TYPE, #media).body(::serde_json::to_vec(&#bname).map_err(|source| Error::Encode(::std::boxed::Box::new(source)))?);
        };
        if b.required { set } else { quote! { if let ::std::option::Option::Some(#bname) = #bname { #set } } }
    });
    let auth = (!op.slots.is_empty()).then(|| {
        let slots = op.slots.iter().map(|&i| slot_variant(&api.slots[i]));
        quote! { #request = self.authorize(#request, &[ #( Slot::#slots ),* ]); }
    });

    let error_name = ident(&op.error_name);
    let (ok_ty, ok_arm) = match &op.success {
        Some(SuccessResponse { status, ty: Some(t) }) => {
            let t = ty(t, &models);
            let status = Literal::u16_unsuffixed(*status);
            (t, quote! { #status => json(#response).await, })
        }
        Some(SuccessResponse { status, ty: None }) => {
            let status = Literal::u16_unsuffixed(*status);
            (quote! { () }, quote! { #status => ::std::result::Result::Ok(()), })
        }
        None => (quote! { () }, quote! { 200..=299 => ::std::result::Result::Ok(()), }),
    };
    let error_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let pattern = match e.status {
            StatusMatch::Code(c) => {
                let c = Literal::u16_unsuffixed(c);
                quote! { #c }
            }
            StatusMatch::Range(d) => {
                let (lo, hi) = (Literal::u16_unsuffixed(d * 100), Literal::u16_unsuffixed(d * 100 + 99));
                quote! { #lo..=#hi }
            }
            StatusMatch::Default => quote! { _ },
        };
        let read = if e.ty.is_some() { quote! { json(#response).await? } } else { quote! { text(#response).await? } };
        let value = match e.status {
            StatusMatch::Code(_) => quote! { #error_name::#variant(#read) },
            _ => quote! { #error_name::#variant { status: #response.status(), body: #read } },
        };
        quote! { #pattern => ::std::result::Result::Err(Error::Api(#value)), }
    });
    let fallback = (!op.errors.iter().any(|e| e.status == StatusMatch::Default)).then(|| quote! { _ => ::std::result::Result::Err(unexpected(#response).await), });
    let docs = doc(Some(&format!("{}{}`{} {}`", op.doc.as_deref().unwrap_or(""), if op.doc.is_some() { "\n\n" } else { "" }, op.method, op.path)));
    let method = format_ident!("{}", op.method);
    let changes_request = op.body.is_some() || !op.slots.is_empty() || op.params.iter().any(|p| p.location != ParamLocation::Path);
    let mutability = changes_request.then(|| quote! { mut });
    quote! {
        #docs
        pub async fn #name(&self, #( #args, )* #body_arg) -> ::std::result::Result<#ok_ty, Error<#error_name>> {
            #validate
            let #url = self.url(#path);
            let #mutability #request = self.http()?.request(::reqwest::Method::#method, #url);
            #( #query )*
            #( #headers )*
            #send_body
            #auth
            let #response = #request.send().await.map_err(Error::Request)?;
            match #response.status().as_u16() {
                #ok_arm
                #( #error_arms )*
                #fallback
            }
        }
    }
}

fn error_enum(op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let models = models_path();
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let body = match &e.ty {
            Some(t) => ty(t, &models),
            None => quote! { ::std::string::String },
        };
        let status_text = match e.status {
            StatusMatch::Code(c) => c.to_string(),
            StatusMatch::Range(d) => format!("{d}XX"),
            StatusMatch::Default => "any other status".to_owned(),
        };
        let raw = if e.ty.is_none() { " (the raw body)" } else { "" };
        let docs = doc(Some(&format!("{status_text}: {}{raw}", e.doc.as_deref().unwrap_or("documented error").trim_end_matches('.'))));
        match e.status {
            StatusMatch::Code(_) => quote! { #docs #variant(#body), },
            _ => quote! { #docs #variant { status: ::reqwest::StatusCode, body: #body }, },
        }
    });
    let status_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        match e.status {
            StatusMatch::Code(c) => {
                let c = Literal::u16_unsuffixed(c);
                quote! { Self::#variant(_) => ::reqwest::StatusCode::from_u16(#c).unwrap_or(::reqwest::StatusCode::INTERNAL_SERVER_ERROR), }
            }
            _ => quote! { Self::#variant { status, .. } => *status, },
        }
    });
    let docs = doc(Some(&format!("The documented error responses of [`Client::{}`].", op.name.trim_start_matches("r#"))));
    let derive = quote! { #[derive(Debug, Clone, PartialEq)] };
    if op.errors.is_empty() {
        return quote! {
            #docs
            #derive
            pub enum #name {}

            impl OperationError for #name {
                fn status(&self) -> ::reqwest::StatusCode {
                    match *self {}
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, _: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match *self {}
                }
            }
        };
    }
    quote! {
        #docs
        #derive
        pub enum #name {
            #( #variants )*
        }

        impl OperationError for #name {
            fn status(&self) -> ::reqwest::StatusCode {
                match self {
                    #( #status_arms )*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "the server answered {}: {:?}", self.status(), self)
            }
        }
    }
}

fn basic_auth_helper() -> TokenStream {
    quote! {
        /// `Basic base64(username:password)`, RFC 7617.
        fn basic_auth(username: &str, password: &str) -> ::std::string::String {
            const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let input = ::std::format!("{username}:{password}");
            let mut out = ::std::string::String::from("Basic ");
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
struct Uses {
    secrets: bool,
    path_params: bool,
    param_text: bool,
    json: bool,
    text: bool,
    unexpected: bool,
}

impl Uses {
    fn of(api: &Api) -> Self {
        let ops = &api.operations;
        let params = || ops.iter().flat_map(|op| op.params.iter());
        let complex = |t: &Ty| {
            let t = match t { Ty::Option(i) | Ty::Vec(i) => i.as_ref(), t => t };
            matches!(t, Ty::Named(_) | Ty::Json | Ty::JsonMap | Ty::Map(_))
        };
        Uses {
            secrets: !api.slots.is_empty(),
            path_params: params().any(|p| p.location == ParamLocation::Path),
            param_text: params().any(|p| complex(&p.ty)),
            json: ops.iter().any(|op| op.success.as_ref().is_some_and(|s| s.ty.is_some()) || op.errors.iter().any(|e| e.ty.is_some())),
            text: ops.iter().any(|op| op.errors.iter().any(|e| e.ty.is_none())),
            unexpected: ops.iter().any(|op| !op.errors.iter().any(|e| e.status == StatusMatch::Default)),
        }
    }
}

/// Error types and response helpers, emitted once per crate (each helper only where used).
fn support(uses: &Uses) -> TokenStream {
    let models = models_path();
    let secrets = uses.secrets.then(|| {
        quote! {
            /// A credential; never shown by `Debug`.
            #[derive(Clone)]
            struct Secret(::std::string::String);

            impl ::std::fmt::Debug for Secret {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("Secret(<redacted>)")
                }
            }

            /// Adds a header marked sensitive (kept out of logs); an invalid value fails the request when sent.
            fn secret_header(request: ::reqwest::RequestBuilder, name: &str, value: &str) -> ::reqwest::RequestBuilder {
                match ::reqwest::header::HeaderValue::from_str(value) {
                    ::std::result::Result::Ok(mut value) => {
                        value.set_sensitive(true);
                        request.header(name, value)
                    }
                    ::std::result::Result::Err(_) => request.header(name, value),
                }
            }
        }
    });
    let encode_path = uses.path_params.then(|| {
        quote! {
            /// Percent-encodes a path segment: everything but RFC 3986 unreserved characters.
            fn encode_path(segment: &str) -> ::std::string::String {
                let mut out = ::std::string::String::with_capacity(segment.len());
                for byte in segment.bytes() {
                    if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                        out.push(char::from(byte));
                    } else {
                        out.push_str(&::std::format!("%{byte:02X}"));
                    }
                }
                out
            }
        }
    });
    let param_text = uses.param_text.then(|| {
        quote! {
            /// A parameter value as text: strings as they are, anything else as its JSON.
            fn param_text<T: ::serde::Serialize>(value: &T) -> ::std::string::String {
                match ::serde_json::to_value(value) {
                    ::std::result::Result::Ok(::serde_json::Value::String(text)) => text,
                    ::std::result::Result::Ok(other) => other.to_string(),
                    ::std::result::Result::Err(_) => ::std::string::String::new(),
                }
            }
        }
    });
    let text = (uses.text || uses.json).then(|| {
        quote! {
            async fn text<E>(response: ::reqwest::Response) -> ::std::result::Result<::std::string::String, Error<E>> {
                response.text().await.map_err(Error::Request)
            }
        }
    });
    let json = uses.json.then(|| {
        quote! {
            async fn json<T: ::serde::de::DeserializeOwned, E>(response: ::reqwest::Response) -> ::std::result::Result<T, Error<E>> {
                let status = response.status();
                let body = text(response).await?;
                ::serde_json::from_str(&body).map_err(|source| Error::Decode(::std::boxed::Box::new(DecodeError { status, body, source })))
            }
        }
    });
    let unexpected = uses.unexpected.then(|| {
        quote! {
            async fn unexpected<E>(response: ::reqwest::Response) -> Error<E> {
                let status = response.status();
                let headers = response.headers().clone();
                match response.text().await {
                    ::std::result::Result::Ok(body) => Error::UnexpectedStatus(::std::boxed::Box::new(UnexpectedResponse { status, headers, body })),
                    ::std::result::Result::Err(e) => Error::Request(e),
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
            UnexpectedStatus(::std::boxed::Box<UnexpectedResponse>),
            /// The response body did not match the type the spec gives for it.
            Decode(::std::boxed::Box<DecodeError>),
            /// The request body breaks a constraint of the spec; nothing was sent.
            Validation(#models validation::ValidationError),
            /// The request body could not be serialized; nothing was sent.
            Encode(::std::boxed::Box<::serde_json::Error>),
            /// The request could not be sent or the response not read (bad URL, connection, TLS, timeout).
            Request(::reqwest::Error),
        }

        /// A response with a status the operation does not document.
        #[derive(Debug)]
        pub struct UnexpectedResponse {
            pub status: ::reqwest::StatusCode,
            pub headers: ::reqwest::header::HeaderMap,
            pub body: ::std::string::String,
        }

        /// A response body that did not decode as the spec says.
        #[derive(Debug)]
        pub struct DecodeError {
            pub status: ::reqwest::StatusCode,
            pub body: ::std::string::String,
            pub source: ::serde_json::Error,
        }

        /// The documented error responses of one operation.
        pub trait OperationError: ::std::fmt::Debug + ::std::fmt::Display {
            /// The HTTP status the server answered with.
            fn status(&self) -> ::reqwest::StatusCode;
        }

        impl<E: OperationError> Error<E> {
            /// The HTTP status, where there was a response.
            pub fn status(&self) -> ::std::option::Option<::reqwest::StatusCode> {
                match self {
                    Error::Api(e) => ::std::option::Option::Some(e.status()),
                    Error::UnexpectedStatus(r) => ::std::option::Option::Some(r.status),
                    Error::Decode(d) => ::std::option::Option::Some(d.status),
                    Error::Request(e) => e.status(),
                    Error::Validation(_) | Error::Encode(_) => ::std::option::Option::None,
                }
            }
        }

        impl<E: OperationError> ::std::fmt::Display for Error<E> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Error::Api(e) => ::std::fmt::Display::fmt(e, f),
                    Error::UnexpectedStatus(r) => ::std::write!(f, "unexpected status {}: {}", r.status, r.body),
                    Error::Decode(d) => ::std::write!(f, "could not decode the {} response: {}", d.status, d.source),
                    Error::Validation(v) => ::std::write!(f, "invalid request: {v}"),
                    Error::Encode(e) => ::std::write!(f, "could not encode the request: {e}"),
                    Error::Request(e) => ::std::write!(f, "request failed: {e}"),
                }
            }
        }

        impl<E: OperationError> ::std::error::Error for Error<E> {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Error::Decode(d) => ::std::option::Option::Some(&d.source),
                    Error::Validation(v) => ::std::option::Option::Some(v),
                    Error::Encode(e) => ::std::option::Option::Some(e.as_ref()),
                    Error::Request(e) => ::std::option::Option::Some(e),
                    Error::Api(_) | Error::UnexpectedStatus(_) => ::std::option::Option::None,
                }
            }
        }

        #secrets
        #encode_path
        #param_text
        #text
        #json
        #unexpected
    }
}
