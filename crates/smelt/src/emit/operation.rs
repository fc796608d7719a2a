//! One operation: its `Client` method, its error enum and, where success bodies differ, its
//! response enum.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::util::{doc, doc_own, ident, is_object, models_path, slot_variant, ty, Paths};
use crate::ir::*;

/// Rust type of a parameter or body in a method signature: strings, lists and compound types by
/// reference, of lifetime `lt` (empty: elided).
fn param_ty(t: &Ty, lt: &TokenStream) -> TokenStream {
    let models = Paths::client();
    match t {
        Ty::String => quote! { &#lt str },
        Ty::Vec(item) => {
            let item = ty(item, &models);
            quote! { &#lt [#item] }
        }
        Ty::Named(_) | Ty::Map(_) | Ty::Json | Ty::JsonMap | Ty::File => {
            let inner = ty(t, &models);
            quote! { &#lt #inner }
        }
        Ty::Option(inner) => {
            let inner = param_ty(inner, lt);
            quote! { Option<#inner> }
        }
        other => ty(other, &models),
    }
}

/// A method's arguments after `&self`, their references of lifetime `lt`, and their names in order.
fn arguments(op: &Operation, body: Option<&Body>, lt: &TokenStream) -> (TokenStream, Vec<Ident>) {
    let params = format_ident!("params");
    let mut names = Vec::new();
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| !p.grouped) {
        let pname = ident(&p.name);
        let t = if p.required { param_ty(&p.ty, lt) } else { param_ty(&Ty::Option(Box::new(p.ty.clone())), lt) };
        args.push(quote! { #pname: #t, });
        names.push(pname);
    }
    if let Some(b) = body {
        let bname = ident(&b.name);
        let t = match b.encoding {
            BodyEncoding::Bytes => quote! { Vec<u8> },
            _ => param_ty(&b.ty, lt),
        };
        args.push(if b.required {
            quote! { #bname: #t, }
        } else {
            quote! { #bname: Option<#t>, }
        });
        names.push(bname);
    }
    if let Some(n) = &op.params_struct {
        let n = ident(n);
        args.push(quote! { #params: &#lt #n, });
        names.push(params);
    }
    (quote! { #( #args )* }, names)
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
        // A three-state field (`Option<Option<T>>`) sends a value or nothing: a form has no `null`.
        let (inner, options) = f.ty.inside_options();
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
        match options {
            0 => quote! { { let value = &#bname.#fname; #add } },
            1 => quote! { if let Some(value) = &#bname.#fname { #add } },
            _ => quote! { if let Some(Some(value)) = &#bname.#fname { #add } },
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

/// An expression reading the body of `received` as `body` (`?` on a decode error).
fn read_body(body: &ResponseBody, received: &Ident) -> TokenStream {
    match body {
        ResponseBody::Empty => quote! { () },
        ResponseBody::Json(_) => quote! { json(&#received)? },
        ResponseBody::Text => quote! { text(&#received) },
        ResponseBody::Bytes => quote! { bytes(&#received) },
        // Read before the body is (`event_stream_arm`): never reached.
        ResponseBody::EventStream => quote! { unreachable!() },
    }
}

/// The operation's methods: one for its body, and one per alternative media type.
pub fn methods(api: &Api, op: &Operation) -> TokenStream {
    let first = method(api, op, &op.name, op.body.as_ref(), None);
    let others = op.alternatives.iter().map(|a| {
        let sent = op.body.as_ref().map(|b| b.media_type.as_str()).unwrap_or_default();
        let note =
            format!("Sends the body as `{}`; [`Client::{}`] sends it as `{sent}`.", a.body.media_type, unraw(&op.name));
        method(api, op, &a.method, Some(&a.body), Some(&note))
    });
    quote! { #first #( #others )* }
}

/// One method of `op`, named `name`, sending `body`; `note` closes its docs.
fn method(api: &Api, op: &Operation, name: &str, body: Option<&Body>, note: Option<&str>) -> TokenStream {
    let name = ident(name);
    // The IR keeps parameters off these names (`ir::operations::METHOD_SCOPE`).
    let (request, response, url, params) =
        (format_ident!("request"), format_ident!("response"), format_ident!("url"), format_ident!("params"));
    let (args, arg_names) = arguments(op, body, &TokenStream::new());

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

    let check_params = param_checks(op, &params);
    let validate = body.filter(|b| b.validate).map(|b| {
        let bname = ident(&b.name);
        let models = models_path();
        quote! { #models validation::Validate::validate_at(&#bname, "").map_err(Error::Validation)?; }
    });
    let send_body = body.map(|b| send_body(api, b, &request));
    let auth = (!op.slots.is_empty()).then(|| {
        let slots = op.slots.iter().map(|&i| slot_variant(&api.slots[i]));
        quote! { #request = self.authorize(#request, &[ #( Slot::#slots ),* ]); }
    });

    let error_name = ident(&op.error_name);
    let received = format_ident!("received");
    let (ok_ty, ok_arms) = success_arms(op, &received);
    let streamed = event_stream_arm(op, &response);
    let error_arms = op.errors.iter().map(|e| error_arm(op, e, &received));
    let unexpected = quote! { Err(unexpected(#received)) };
    let fallback = (!op.errors.iter().any(|e| e.status == StatusMatch::Default)).then(|| quote! { _ => #unexpected, });
    // An operation whose only success is a stream read before this has nothing to match.
    let read = if ok_arms.is_empty() && op.errors.is_empty() {
        unexpected
    } else {
        quote! {
            match #received.status.as_u16() {
                #( #ok_arms )*
                #( #error_arms )*
                #fallback
            }
        }
    };
    let docs = doc(Some(&format!(
        "{}{}`{} {}`",
        op.doc.as_deref().unwrap_or(""),
        if op.doc.is_some() { "\n\n" } else { "" },
        op.method,
        op.path,
    )));
    // smelt's own words, which may link: after the spec's, which are escaped.
    let note = note.map(|n| doc_own(&format!("\n{n}")));
    let reads = quote! {
        let #response = #request.send().await.map_err(Error::Request)?;
        #streamed
        let #received = receive(#response).await?;
        #read
    };
    // A paginated operation reads every page the same way: in a function its stream shares.
    let pagination = op.pagination.as_ref().filter(|_| note.is_none());
    let (reading, paging) = match pagination {
        None => (reads, TokenStream::new()),
        Some(p) => {
            let read_fn = ident(&p.read);
            let read_page = quote! {
                async fn #read_fn(#request: ::reqwest::RequestBuilder) -> Result<#ok_ty, Error<#error_name>> {
                    #reads
                }
            };
            let stream = stream_method(api, op, p, &name, body, &arg_names, &error_name);
            (quote! { Self::#read_fn(#request).await }, quote! { #read_page #stream })
        }
    };
    let method = format_ident!("{}", op.method);
    let changes_request =
        body.is_some() || !op.slots.is_empty() || op.params.iter().any(|p| p.location != ParamLocation::Path);
    let mutability = changes_request.then(|| quote! { mut });
    let path = path_expr(op);
    let allow = many_arguments(&arg_names);
    quote! {
        #docs
        #note
        #allow
        pub async fn #name(&self, #args) -> Result<#ok_ty, Error<#error_name>> {
            #check_params
            #validate
            let #url = self.url(#path);
            let #mutability #request = self.http()?.request(::reqwest::Method::#method, #url);
            #( #query )*
            #( #headers )*
            #send_body
            #auth
            #reading
        }
        #paging
    }
}

/// How the typed headers of a success are read: the operation's headers struct, or none.
fn read_headers(op: &Operation) -> TokenStream {
    match &op.headers {
        Some(h) => {
            let name = ident(&h.name);
            quote! { #name::read }
        }
        None => quote! { |_| () },
    }
}

/// The response enum's variant for success `s`, where the operation has that enum.
fn variant_path(op: &Operation, s: &SuccessResponse) -> Option<TokenStream> {
    let (enum_name, variant) = (ident(op.response_enum.as_ref()?), ident(&s.variant));
    Some(quote! { #enum_name::#variant })
}

/// What makes the success value of a body: a variant of the response enum, or the body itself.
fn wrap_body(op: &Operation, s: &SuccessResponse, body: TokenStream) -> TokenStream {
    match (variant_path(op, s), &s.body) {
        (None, _) => body,
        (Some(variant), ResponseBody::Empty) => variant,
        (Some(variant), _) => quote! { #variant(#body) },
    }
}

/// `#[allow(clippy::too_many_arguments)]` for a method of more than six arguments after `&self`:
/// a spec with many required parameters is what it is; users' clippy need not say so.
fn many_arguments(names: &[Ident]) -> Option<TokenStream> {
    (names.len() > 6).then(|| quote! { #[allow(clippy::too_many_arguments)] })
}

/// The success type (`Response<…>`) and the match arms that produce it: the documented statuses,
/// then any other 2xx where the IR says how to read it.
fn success_arms(op: &Operation, received: &Ident) -> (TokenStream, Vec<TokenStream>) {
    let headers_ty = op.headers.as_ref().map(|h| {
        let name = ident(&h.name);
        quote! { , #name }
    });
    let read = read_headers(op);
    if op.success.is_empty() {
        let arm = quote! { 200..=299 => Ok(#received.ok((), #read)), };
        return (quote! { Response<()> }, vec![arm]);
    }
    let arm = |pattern: TokenStream, s: &SuccessResponse| match s.body {
        ResponseBody::EventStream => None,
        ResponseBody::Empty => {
            let value = wrap_body(op, s, quote! { () });
            Some(quote! { #pattern => Ok(#received.ok(#value, #read)), })
        }
        _ => {
            let body = read_body(&s.body, received);
            let value = wrap_body(op, s, quote! { body });
            Some(quote! { #pattern => { let body = #body; Ok(#received.ok(#value, #read)) } })
        }
    };
    // Where any 2xx is read one way, one arm reads them all.
    let arms: Vec<TokenStream> = match op.undocumented_success {
        Some(i) => arm(quote! { 200..=299 }, &op.success[i]).into_iter().collect(),
        None => op.success.iter().filter_map(|s| arm(status_pattern(s.status), s)).collect(),
    };
    let body_ty = match &op.response_enum {
        Some(name) => {
            let name = ident(name);
            quote! { #name }
        }
        None => body_ty(&op.success[0].body),
    };
    (quote! { Response<#body_ty #headers_ty> }, arms)
}

/// Event-stream successes are returned before the body is read, so that it is read as it comes.
fn event_stream_arm(op: &Operation, response: &Ident) -> TokenStream {
    let streams = |s: &&SuccessResponse| s.body == ResponseBody::EventStream;
    let patterns: Vec<TokenStream> = match op.undocumented_success {
        Some(_) => vec![quote! { 200..=299 }],
        None => op.success.iter().filter(streams).map(|s| status_pattern(s.status)).collect(),
    };
    let Some(s) = op.success.iter().find(streams) else { return TokenStream::new() };
    let wrap = variant_path(op, s).unwrap_or_else(|| quote! { |body| body });
    let read = read_headers(op);
    quote! {
        if matches!(#response.status().as_u16(), #( #patterns )|*) {
            return Ok(event_stream(#response, #wrap, #read));
        }
    }
}

/// The match arm of one documented error response.
fn error_arm(op: &Operation, e: &ErrorResponse, received: &Ident) -> TokenStream {
    let (error_name, variant) = (ident(&op.error_name), ident(&e.variant));
    let pattern = status_pattern(e.status);
    let read = match e.ty {
        Some(_) => quote! { json(&#received)? },
        None => quote! { text(&#received) },
    };
    let error = match e.status {
        StatusMatch::Code(_) => quote! { #error_name::#variant(#read) },
        _ => quote! { #error_name::#variant { status: #received.status, body: #read } },
    };
    quote! { #pattern => Err(api_error(#error, #received)), }
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
            p.location.name(),
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
    }
}

/// The struct of the headers an operation's successes document, and how it is read.
pub fn headers_struct(op: &Operation) -> TokenStream {
    let Some(h) = &op.headers else { return TokenStream::new() };
    let name = ident(&h.name);
    let models = Paths::client();
    let fields = h.fields.iter().map(|f| {
        let (fname, t) = (ident(&f.name), ty(&f.ty, &models));
        let docs =
            doc(Some(&format!("`{}`{}", f.wire, f.doc.as_deref().map(|d| format!(": {d}")).unwrap_or_default())));
        quote! { #docs pub #fname: Option<#t>, }
    });
    let reads = h.fields.iter().map(|f| {
        let (fname, wire) = (ident(&f.name), &f.wire);
        quote! { #fname: header_value(headers, #wire), }
    });
    let docs = doc_own(&format!(
        "The headers [`Client::{}`] documents for its successes: `None` where absent or unreadable.",
        unraw(&op.name)
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #( #fields )*
        }

        impl #name {
            fn read(headers: &::reqwest::header::HeaderMap) -> Self {
                #name { #( #reads )* }
            }
        }
    }
}

/// The constraints of the operation's parameters, checked before anything is sent. A failure is
/// `Error::Validation` whose pointer names the parameter (`query parameter `limit``).
fn param_checks(op: &Operation, params: &Ident) -> TokenStream {
    let checks = op.params.iter().filter_map(|p| {
        let (inner, _) = p.ty.inside_options();
        let label = format!("{} parameter `{}`", p.location.name(), p.wire);
        let checked = |c: TokenStream| quote! { #c.map_err(Error::Validation)?; };
        let own: Vec<TokenStream> = p
            .checks
            .iter()
            .filter_map(|c| super::models::check(c, inner, quote! { value }, quote! { #label }))
            .map(checked)
            .collect();
        let items: Vec<TokenStream> = match inner {
            Ty::Vec(item) => {
                let at = format!("{label}/{{i}}");
                p.item_checks
                    .iter()
                    .filter_map(|c| super::models::check(c, item, quote! { item }, quote! { &::std::format!(#at) }))
                    .map(checked)
                    .collect()
            }
            _ => Vec::new(),
        };
        if own.is_empty() && items.is_empty() {
            return None;
        }
        let items = (!items.is_empty()).then(|| quote! { for (i, item) in value.iter().enumerate() { #( #items )* } });
        let pname = ident(&p.name);
        let body = quote! { #( #own )* #items };
        Some(if p.required {
            quote! { { let value = &#pname; #body } }
        } else if p.grouped {
            quote! { if let Some(value) = &#params.#pname { #body } }
        } else {
            quote! { if let Some(value) = &#pname { #body } }
        })
    });
    let checks: Vec<TokenStream> = checks.collect();
    if checks.is_empty() {
        return TokenStream::new();
    }
    let models = models_path();
    quote! {
        use #models validation;
        #( #checks )*
    }
}

/// The stream of every item across the operation's pages, starting at the page its method asks for.
fn stream_method(
    api: &Api,
    op: &Operation,
    p: &Pagination,
    method: &Ident,
    body: Option<&Body>,
    arg_names: &[Ident],
    error_name: &Ident,
) -> TokenStream {
    let lt = quote! { 'a };
    let (args, _) = arguments(op, body, &lt);
    let (stream, read_fn) = (ident(&p.stream), ident(&p.read));
    let item = ty(&p.item, &Paths::client());
    let auth = (!op.slots.is_empty()).then(|| {
        let slots = op.slots.iter().map(|&i| slot_variant(&api.slots[i]));
        quote! { let request = self.authorize(request, &[ #( Slot::#slots ),* ]); }
    });
    let docs = doc_own(&format!(
        "Every item of [`Client::{}`] across pages: the page it asks for, then each page its `Link: <…>; rel=\"next\"`
header points at (RFC 8288), until a page has none, a link repeats or 1,000 pages were read. Header
parameters are sent with the first request only; credentials with every one.",
        unraw(&method.to_string())
    ));
    let allow = many_arguments(arg_names);
    match p.kind {
        PageKind::Link => quote! {
            #docs
            #allow
            pub fn #stream<'a>(&'a self, #args) -> impl ::futures::Stream<Item = Result<#item, Error<#error_name>>> + 'a {
                link_pages(self.#method(#( #arg_names ),*), move |url| async move {
                    let request = self.http()?.get(url);
                    #auth
                    Self::#read_fn(request).await
                })
            }
        },
    }
}
