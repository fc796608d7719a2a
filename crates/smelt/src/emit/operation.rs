//! One operation: its `Client` method, its error enum and, where success bodies differ, its
//! response enum.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::util::{doc, doc_own, ident, is_object, models_path, slot_variant, ty, Paths};
use crate::ir::*;

/// Rust type of a parameter or body in a method signature: strings, lists and compound types by reference.
fn param_ty(t: &Ty) -> TokenStream {
    let models = Paths::client();
    match t {
        Ty::String => quote! { &str },
        Ty::Vec(item) => {
            let item = ty(item, &models);
            quote! { &[#item] }
        }
        Ty::Named(_) | Ty::Map(_) | Ty::Json | Ty::JsonMap | Ty::File => {
            let inner = ty(t, &models);
            quote! { &#inner }
        }
        Ty::Option(inner) => {
            let inner = param_ty(inner);
            quote! { Option<#inner> }
        }
        other => ty(other, &models),
    }
}

/// An owned `String` of a scalar value (`value` is a reference or a `Copy` value).
fn text_of(t: &Ty, value: &TokenStream) -> TokenStream {
    match t {
        Ty::String => quote! { #value.to_string() },
        Ty::DateTime => quote! { #value.to_rfc3339() },
        Ty::Named(_) | Ty::Json | Ty::JsonMap | Ty::Map(_) | Ty::File | Ty::Vec(_) | Ty::Option(_) | Ty::Box(_) => {
            quote! { param_text(&#value) }
        }
        _ => quote! { #value.to_string() },
    }
}

fn list_separator(p: &Param) -> Option<&'static str> {
    match p.style {
        ParamStyle::Form if p.explode && p.location == ParamLocation::Query => None,
        ParamStyle::SpaceDelimited => Some(" "),
        ParamStyle::PipeDelimited => Some("|"),
        _ => Some(","),
    }
}

/// Statements adding one query parameter's `value` (already unwrapped from `Option`) to `request`.
fn query_param(api: &Api, p: &Param, value: &TokenStream, request: &Ident) -> TokenStream {
    let wire = &p.wire;
    let inner = match &p.ty {
        Ty::Option(i) => i.as_ref(),
        t => t,
    };
    match inner {
        Ty::Vec(item) => match list_separator(p) {
            None => {
                let text = text_of(item, &quote! { item });
                quote! { for item in #value.iter() { #request = #request.query(&[(#wire, #text)]); } }
            }
            Some(sep) => {
                let text = text_of(item, &quote! { item });
                quote! {
                    let joined: Vec<String> = #value.iter().map(|item| #text).collect();
                    #request = #request.query(&[(#wire, joined.join(#sep))]);
                }
            }
        },
        t if is_object(api, t) => {
            let deep = p.style == ParamStyle::DeepObject;
            quote! { #request = query_object(#request, #wire, &#value, #deep); }
        }
        t => {
            let text = text_of(t, value);
            quote! { #request = #request.query(&[(#wire, #text)]); }
        }
    }
}

/// A value for a path segment or header: lists comma-separated.
fn simple_text(t: &Ty, value: &TokenStream) -> TokenStream {
    match t {
        Ty::Vec(item) => {
            let text = text_of(item, &quote! { item });
            quote! { #value.iter().map(|item| #text).collect::<Vec<_>>().join(",") }
        }
        t => text_of(t, value),
    }
}

/// The path expression, each `{param}` percent-encoded (a value may hold `/`).
fn path_expr(op: &Operation) -> TokenStream {
    let mut pieces: Vec<TokenStream> = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let wire = &rest[start + 1..start + len];
        match op.params.iter().find(|p| p.location == ParamLocation::Path && p.wire == wire) {
            Some(p) => {
                let literal = &rest[..start];
                let pname = ident(&p.name);
                let text = if p.ty == Ty::String {
                    quote! { #pname }
                } else {
                    {
                        let t = simple_text(&p.ty, &quote! { #pname });
                        quote! { &#t }
                    }
                };
                if !literal.is_empty() {
                    pieces.push(quote! { #literal });
                }
                let wire_name = &p.wire;
                pieces.push(quote! { &encode_path(#text, #wire_name)? });
            }
            // A template name with no parameter stays as written.
            None => {
                let literal = &rest[..start + len + 1];
                pieces.push(quote! { #literal });
            }
        }
        rest = &rest[start + len + 1..];
    }
    if pieces.is_empty() {
        return quote! { #rest };
    }
    if !rest.is_empty() {
        pieces.push(quote! { #rest });
    }
    quote! { &[ #( #pieces ),* ].concat() }
}

/// Statements that put the body on `request`.
fn send_body(api: &Api, b: &Body, request: &Ident) -> TokenStream {
    let bname = ident(&b.name);
    let media = &b.media_type;
    let set = match b.encoding {
        BodyEncoding::Json => quote! {
            #request = #request.header(::reqwest::header::CONTENT_TYPE, #media).body(::serde_json::to_vec(&#bname).map_err(|source| Error::Encode(Box::new(source)))?);
        },
        BodyEncoding::Form => {
            let deep = &b.deep_object;
            quote! { #request = #request.form(&form_pairs(&#bname, &[ #( #deep ),* ])?); }
        }
        BodyEncoding::Bytes => {
            quote! { #request = #request.header(::reqwest::header::CONTENT_TYPE, #media).body(#bname); }
        }
        BodyEncoding::Text => {
            quote! { #request = #request.header(::reqwest::header::CONTENT_TYPE, #media).body(#bname.to_owned()); }
        }
        BodyEncoding::Multipart => {
            let parts = multipart_parts(api, &b.ty, &bname);
            quote! {
                let mut form = ::reqwest::multipart::Form::new();
                #parts
                #request = #request.multipart(form);
            }
        }
    };
    if b.required {
        set
    } else {
        quote! { if let Some(#bname) = #bname { #set } }
    }
}

/// Each field of a multipart body's struct as a part: files as file parts, the rest as text.
fn multipart_parts(api: &Api, body: &Ty, bname: &Ident) -> TokenStream {
    let Ty::Named(name) = body else { return TokenStream::new() };
    let Some(s) = api.struct_named(name) else { return TokenStream::new() };
    let parts = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let wire = &f.wire;
        let (inner, optional) = match &f.ty {
            Ty::Option(i) => (i.as_ref(), true),
            t => (t, false),
        };
        let add = match inner {
            Ty::File => quote! { form = form.part(#wire, file_part(value, #wire)?); },
            Ty::Vec(item) if **item == Ty::File => {
                quote! { for item in value { form = form.part(#wire, file_part(item, #wire)?); } }
            }
            Ty::Vec(item) => {
                let text = text_of(item, &quote! { item });
                quote! { for item in value { form = form.text(#wire, #text); } }
            }
            t => {
                let text = text_of(t, &quote! { value });
                quote! { form = form.text(#wire, #text); }
            }
        };
        if optional {
            quote! { if let Some(value) = &#bname.#fname { #add } }
        } else {
            quote! { { let value = &#bname.#fname; #add } }
        }
    });
    quote! { #( #parts )* }
}

fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote! { #c }
        }
        StatusMatch::Range(d) => {
            let (lo, hi) = (Literal::u16_unsuffixed(d * 100), Literal::u16_unsuffixed(d * 100 + 99));
            quote! { #lo..=#hi }
        }
        StatusMatch::Default => quote! { _ },
    }
}

/// The Rust type a response body is read as.
fn body_ty(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Empty => quote! { () },
        ResponseBody::Json(t) => ty(t, &Paths::client()),
        ResponseBody::Text => quote! { String },
        ResponseBody::Bytes => quote! { Vec<u8> },
        ResponseBody::EventStream => quote! { EventStream },
    }
}

/// An expression of type `Result<T, Error<_>>` reading `response` as `body`.
fn read_body(body: &ResponseBody, response: &Ident) -> TokenStream {
    match body {
        ResponseBody::Empty => quote! { Ok(()) },
        ResponseBody::Json(_) => quote! { json(#response).await },
        ResponseBody::Text => quote! { text(#response).await },
        ResponseBody::Bytes => quote! { bytes(#response).await },
        ResponseBody::EventStream => quote! { Ok(EventStream::new(#response)) },
    }
}

pub fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    // The IR keeps parameters off these names (`ir::operations::METHOD_SCOPE`).
    let (request, response, url, params) =
        (format_ident!("request"), format_ident!("response"), format_ident!("url"), format_ident!("params"));
    let params_arg = op.params_struct.as_ref().map(|n| {
        let n = ident(n);
        quote! { #params: &#n, }
    });
    let args = op.params.iter().filter(|p| !p.grouped).map(|p| {
        let pname = ident(&p.name);
        let t = if p.required { param_ty(&p.ty) } else { param_ty(&Ty::Option(Box::new(p.ty.clone()))) };
        quote! { #pname: #t }
    });
    let body_arg = op.body.as_ref().map(|b| {
        let bname = ident(&b.name);
        let t = match b.encoding {
            BodyEncoding::Bytes => quote! { Vec<u8> },
            _ => param_ty(&b.ty),
        };
        if b.required {
            quote! { #bname: #t, }
        } else {
            quote! { #bname: Option<#t>, }
        }
    });

    let query = op.params.iter().filter(|p| p.location == ParamLocation::Query).map(|p| {
        let pname = ident(&p.name);
        if p.required {
            query_param(api, p, &quote! { #pname }, &request)
        } else {
            let write = query_param(api, p, &quote! { value }, &request);
            let source = if p.grouped {
                quote! { &#params.#pname }
            } else {
                quote! { #pname }
            };
            quote! { if let Some(value) = #source { #write } }
        }
    });
    let headers =
        op.params.iter().filter(|p| matches!(p.location, ParamLocation::Header | ParamLocation::Cookie)).map(|p| {
            let pname = ident(&p.name);
            let wire = &p.wire;
            let text = simple_text(&p.ty, &quote! { value });
            let write = if p.location == ParamLocation::Cookie {
                quote! {
                    let text: String = #text;
                    #request = #request.header(::reqwest::header::COOKIE, format!("{}={text}", #wire));
                }
            } else {
                quote! { #request = #request.header(#wire, #text); }
            };
            if p.required {
                quote! { let value = #pname; #write }
            } else {
                let source = if p.grouped {
                    quote! { &#params.#pname }
                } else {
                    quote! { #pname }
                };
                quote! { if let Some(value) = #source { #write } }
            }
        });

    let validate = op.body.as_ref().filter(|b| b.validate).map(|b| {
        let bname = ident(&b.name);
        let models = models_path();
        quote! { #models validation::Validate::validate_at(&#bname, "").map_err(Error::Validation)?; }
    });
    let send_body = op.body.as_ref().map(|b| send_body(api, b, &request));
    let auth = (!op.slots.is_empty()).then(|| {
        let slots = op.slots.iter().map(|&i| slot_variant(&api.slots[i]));
        quote! { #request = self.authorize(#request, &[ #( Slot::#slots ),* ]); }
    });

    let error_name = ident(&op.error_name);
    let (ok_ty, ok_arms) = success_arms(op, &response);
    let error_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let pattern = status_pattern(e.status);
        let read = if e.ty.is_some() {
            quote! { json(#response).await? }
        } else {
            quote! { text(#response).await? }
        };
        let value = match e.status {
            StatusMatch::Code(_) => quote! { #error_name::#variant(#read) },
            _ => quote! { #error_name::#variant { status: #response.status(), body: #read } },
        };
        quote! { #pattern => Err(Error::Api(#value)), }
    });
    let fallback = (!op.errors.iter().any(|e| e.status == StatusMatch::Default))
        .then(|| quote! { _ => Err(unexpected(#response).await), });
    let docs = doc(Some(&format!(
        "{}{}`{} {}`",
        op.doc.as_deref().unwrap_or(""),
        if op.doc.is_some() { "\n\n" } else { "" },
        op.method,
        op.path
    )));
    let method = format_ident!("{}", op.method);
    let changes_request =
        op.body.is_some() || !op.slots.is_empty() || op.params.iter().any(|p| p.location != ParamLocation::Path);
    let mutability = changes_request.then(|| quote! { mut });
    let path = path_expr(op);
    let arg_count = op.params.iter().filter(|p| !p.grouped).count()
        + usize::from(op.body.is_some())
        + usize::from(op.params_struct.is_some());
    // A spec with many required parameters is what it is; don't make users' clippy complain about it.
    let allow = (arg_count > 6).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        #docs
        #allow
        pub async fn #name(&self, #( #args, )* #params_arg #body_arg) -> Result<#ok_ty, Error<#error_name>> {
            #validate
            let #url = self.url(#path);
            let #mutability #request = self.http()?.request(::reqwest::Method::#method, #url);
            #( #query )*
            #( #headers )*
            #send_body
            #auth
            let #response = #request.send().await.map_err(Error::Request)?;
            match #response.status().as_u16() {
                #( #ok_arms )*
                #( #error_arms )*
                #fallback
            }
        }
    }
}

/// The success type and the match arms that produce it.
fn success_arms(op: &Operation, response: &Ident) -> (TokenStream, Vec<TokenStream>) {
    if op.success.is_empty() {
        return (quote! { () }, vec![quote! { 200..=299 => Ok(()), }]);
    }
    match &op.response_enum {
        None => {
            let arms = op.success.iter().map(|s| {
                let pattern = status_pattern(s.status);
                let read = read_body(&s.body, response);
                quote! { #pattern => #read, }
            });
            (body_ty(&op.success[0].body), arms.collect())
        }
        Some(name) => {
            let enum_name = ident(name);
            let arms = op.success.iter().map(|s| {
                let pattern = status_pattern(s.status);
                let variant = ident(&s.variant);
                match &s.body {
                    ResponseBody::Empty => quote! { #pattern => Ok(#enum_name::#variant), },
                    body => {
                        let read = read_body(body, response);
                        quote! { #pattern => #read.map(#enum_name::#variant), }
                    }
                }
            });
            (quote! { #enum_name }, arms.collect())
        }
    }
}

/// The struct of an operation's optional parameters.
pub fn params_struct(op: &Operation) -> TokenStream {
    let Some(name) = &op.params_struct else { return TokenStream::new() };
    let name = ident(name);
    let models = Paths::client();
    let fields = op.params.iter().filter(|p| p.grouped).map(|p| {
        let pname = ident(&p.name);
        let t = ty(&p.ty, &models);
        let docs = doc(Some(&format!(
            "`{}` ({} parameter){}",
            p.wire,
            match p.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
            },
            p.doc.as_deref().map(|d| format!(": {d}")).unwrap_or_default()
        )));
        quote! { #docs pub #pname: Option<#t>, }
    });
    let docs = doc_own(&format!(
        "The optional parameters of [`Client::{}`]; `..Default::default()` leaves the rest out.",
        unraw(&op.name)
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #( #fields )*
        }
    }
}

/// `404`, `4XX` or `default`, as the spec writes it.
fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(c) => c.to_string(),
        StatusMatch::Range(d) => format!("{d}XX"),
        StatusMatch::Default => "default".into(),
    }
}

/// The enum of an operation whose success statuses have different bodies.
pub fn response_enum(op: &Operation) -> TokenStream {
    let Some(name) = &op.response_enum else { return TokenStream::new() };
    let name = ident(name);
    let variants = op.success.iter().map(|s| {
        let variant = ident(&s.variant);
        let docs = doc(Some(&status_label(s.status)));
        match &s.body {
            ResponseBody::Empty => quote! { #docs #variant, },
            body => {
                let t = body_ty(body);
                quote! { #docs #variant(#t), }
            }
        }
    });
    let docs = doc_own(&format!("The success responses of [`Client::{}`].", unraw(&op.name)));
    quote! {
        #docs
        #[derive(Debug)]
        pub enum #name {
            #( #variants )*
        }
    }
}

pub fn error_enum(op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let models = Paths::client();
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let body = match &e.ty {
            Some(t) => ty(t, &models),
            None => quote! { String },
        };
        let status_text =
            if e.status == StatusMatch::Default { "any other status".to_owned() } else { status_label(e.status) };
        let raw = if e.ty.is_none() { " (the raw body)" } else { "" };
        let docs = doc(Some(&format!(
            "{status_text}: {}{raw}",
            e.doc.as_deref().unwrap_or("documented error").trim_end_matches('.')
        )));
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
    let docs = doc_own(&format!("The documented error responses of [`Client::{}`].", unraw(&op.name)));
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
                write!(f, "the server answered {}: {:?}", self.status(), self)
            }
        }
    }
}
