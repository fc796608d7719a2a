//! Operations and security schemes → client methods, their error enums and credentials.

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, SecurityScheme, StatusCode};

use super::convert::{Converter, Place};
use super::doc::OpRef;
use super::names::{self, Scope};
use super::view::node;
use crate::ir::*;
use crate::json::push_token;

/// Items of the client module that emit writes besides the runtime's (`crate::runtime`).
const CLIENT_OWN_ITEMS: &[&str] = &["Client", "Slot"];
/// Locals an operation's method body binds. Emit relies on parameters never taking these or the
/// runtime's item names, and names its locals plainly.
const METHOD_LOCALS: &[&str] =
    &["self", "body", "request", "response", "received", "url", "params", "value", "text", "joined", "item", "form"];

/// Names the generated client module defines: its own and the runtime's. Operations' error enums,
/// response enums and parameter structs are claimed after them.
fn client_items() -> Scope {
    Scope::with_reserved(CLIENT_OWN_ITEMS.iter().copied().chain(runtime_names()))
}

/// Names a parameter must not take: an operation's method body binds them or calls them
/// unqualified (the runtime's helpers), and a parameter named like one would shadow it
/// (`E0618: expected function, found &str`). Built once: every operation starts from a copy.
fn method_scope() -> &'static Scope {
    static SCOPE: std::sync::OnceLock<Scope> = std::sync::OnceLock::new();
    SCOPE.get_or_init(|| Scope::with_reserved(METHOD_LOCALS.iter().copied().chain(runtime_names())))
}

fn runtime_names() -> impl Iterator<Item = &'static str> {
    crate::runtime::client_item_names().iter().map(String::as_str)
}

/// Every name generated client code uses itself: the locals of operation methods, the client
/// module's own items and the runtime's. `synthetic::clashes` names a fixture's parameters,
/// properties, schemas and operations after them.
pub fn generated_names() -> std::collections::BTreeSet<String> {
    METHOD_LOCALS
        .iter()
        .chain(CLIENT_OWN_ITEMS)
        .chain(CLIENT_METHODS)
        .copied()
        .chain(runtime_names())
        .map(str::to_owned)
        .collect()
}

/// Methods `Client` has besides the operations.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_http_client",
    "base_url",
    "with_bearer_token",
    "with_basic_auth",
    "with_api_key",
    "http",
    "url",
    "authorize",
    "server_url",
    "at_origin",
    "default",
];

/// Whether the user's include/exclude options keep this operation.
fn selected(options: &crate::Options, op: &OpRef<'_>) -> bool {
    let id = op.op.operation_id.as_deref().unwrap_or("");
    let tags = &op.op.tags;
    let tag_in = |list: &[String]| tags.iter().any(|t| list.contains(t));
    (options.include_tags.is_empty() || tag_in(&options.include_tags))
        && !tag_in(&options.exclude_tags)
        && (options.include_operations.is_empty() || options.include_operations.iter().any(|o| o == id))
        && !options.exclude_operations.iter().any(|o| o == id)
}

pub struct Built {
    pub operations: Vec<Operation>,
    pub credentials: Vec<Credential>,
    pub slots: Vec<CredentialSlot>,
}

pub fn build<'a>(conv: &mut Converter<'a, '_>) -> Built {
    let (credentials, slots) = credentials(conv);
    let mut methods = Scope::with_reserved(CLIENT_METHODS);
    for c in &credentials {
        methods.claim(&c.method);
    }
    let mut items = client_items();
    let mut operations = Vec::new();
    let ops = conv.doc().operations();
    let options = conv.options();
    for op in ops.iter().filter(|op| selected(options, op)) {
        if let Some(built) = operation(conv, op, &credentials, &mut methods, &mut items) {
            operations.push(built);
        }
    }
    let (credentials, slots) = used_credentials(conv, &mut operations, credentials, slots);
    Built { operations, credentials, slots }
}

/// Only credentials some operation sends: a setter whose value is never sent would mislead, and
/// its slot would be dead code. Slot indexes in the operations are renumbered to match.
fn used_credentials(
    conv: &mut Converter<'_, '_>,
    operations: &mut [Operation],
    credentials: Vec<Credential>,
    slots: Vec<CredentialSlot>,
) -> (Vec<Credential>, Vec<CredentialSlot>) {
    let mut used = vec![false; slots.len()];
    for op in operations.iter() {
        for &s in &op.slots {
            used[s] = true;
        }
    }
    let mut renumbered = vec![usize::MAX; slots.len()];
    let mut kept_slots = Vec::new();
    for (i, slot) in slots.into_iter().enumerate() {
        if used[i] {
            renumbered[i] = kept_slots.len();
            kept_slots.push(slot);
        }
    }
    for op in operations.iter_mut() {
        for s in &mut op.slots {
            *s = renumbered[*s];
        }
    }
    let mut kept = Vec::new();
    for mut c in credentials {
        if used[c.slot] {
            c.slot = renumbered[c.slot];
            kept.push(c);
        } else {
            for scheme in &c.schemes {
                conv.diags().note(
                    push_token("/components/securitySchemes", scheme),
                    format!("security scheme `{scheme}` is required by no operation; no `{}` is generated", c.method),
                );
            }
        }
    }
    (kept, kept_slots)
}

fn operation<'a>(
    conv: &mut Converter<'a, '_>,
    op: &OpRef<'a>,
    credentials: &[Credential],
    methods: &mut Scope,
    items: &mut Scope,
) -> Option<Operation> {
    let operation_id = op.op.operation_id.clone().unwrap_or_else(|| synthesize_id(op.method, op.path));
    let wanted = names::field_ident(strip_fastapi_suffix(&operation_id, op.path, op.method));
    let (name, changed) = methods.claim(&wanted);
    if changed {
        conv.diags()
            .warn(&op.pointer, format!("method name `{wanted}` is taken; operation `{operation_id}` is `{name}`"));
    }
    let camel = names::type_ident(&name);
    let (error_name, _) = items.claim(&format!("{camel}Error"));
    let mut params = parameters(conv, op, &camel, &name);

    // Optional parameters, of every location, go in a struct (`..Default::default()` leaves them
    // out), so that no call site carries a row of `None`s; required ones are positional.
    let optional = params.iter().filter(|p| !p.required).count();
    let params_struct = (optional > 0).then(|| {
        for p in params.iter_mut().filter(|p| !p.required) {
            p.grouped = true;
        }
        items.claim(&format!("{camel}Params")).0
    });
    let (body, alternatives) = match op.op.request_body.as_ref() {
        None => (None, Vec::new()),
        Some(b) => {
            let (body, others) = request_bodies(conv, op, b, &camel)?;
            let alternatives = others
                .into_iter()
                .map(|body| {
                    let wanted = format!("{name}_{}", encoding_suffix(body.encoding));
                    let (method, changed) = methods.claim(&wanted);
                    if changed {
                        conv.diags().warn(
                            &op.pointer,
                            format!(
                                "method name `{wanted}` is taken; its {} body is sent by `{method}`",
                                body.media_type
                            ),
                        );
                    }
                    Alternative { method, body }
                })
                .collect();
            (Some(body), alternatives)
        }
    };
    let (mut success, errors, header_fields) = responses(conv, op, &camel);
    if success.is_empty() {
        // `default` is the last resort for a 2xx: its body is the success when nothing else is.
        if let Some(body) = errors.iter().find(|e| e.status == StatusMatch::Default).and_then(default_success_body) {
            success.push(SuccessResponse { status: StatusMatch::Range(2), variant: "Default".into(), body });
        }
    }
    let distinct_bodies = success.iter().map(|s| &s.body).fold(Vec::new(), |mut seen: Vec<&ResponseBody>, b| {
        if !seen.contains(&b) {
            seen.push(b);
        }
        seen
    });
    let response_enum = (distinct_bodies.len() > 1).then(|| items.claim(&format!("{camel}Response")).0);
    // An undocumented 2xx is read as the success when there is one way to read it.
    let undocumented_success =
        (distinct_bodies.len() == 1 && !success.iter().any(|s| s.status == StatusMatch::Range(2))).then_some(0);
    let pagination = link_pagination(&success, response_enum.is_some(), &header_fields, &name, methods);
    let headers = (!header_fields.is_empty())
        .then(|| ResponseHeaders { name: items.claim(&format!("{camel}Headers")).0, fields: header_fields });
    let slots = security_slots(conv, op, credentials);
    let doc = match (&op.op.summary, &op.op.description) {
        (Some(s), Some(d)) => Some(format!("{s}\n\n{d}")),
        (Some(s), None) => Some(s.clone()),
        (None, d) => d.clone(),
    };
    callbacks(conv, op, &camel);
    Some(Operation {
        name,
        operation_id,
        error_name,
        method: op.method.to_uppercase(),
        path: op.path.to_owned(),
        doc,
        params,
        params_struct,
        body,
        alternatives,
        success,
        response_enum,
        undocumented_success,
        headers,
        pagination,
        errors,
        slots,
    })
}

/// The path item's and the operation's parameters, named in the method's scope (`method` names
/// the method in messages); an operation's parameter overrides the path item's of the same name
/// and location.
fn parameters<'a>(conv: &mut Converter<'a, '_>, op: &OpRef<'a>, camel: &str, method: &str) -> Vec<Param> {
    let mut param_scope = method_scope().clone();
    let mut params: Vec<Param> = Vec::new();
    let mut seen: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let all =
        op.path_params.iter().map(|p| (p, "parameters")).chain(op.op.parameters.iter().map(|p| (p, "parameters")));
    for (i, (p, _)) in all.enumerate() {
        let Some(p) = conv.doc().parameter(p) else {
            conv.diags().warn(&op.pointer, "a parameter `$ref` points at nothing; parameter skipped");
            continue;
        };
        let data = p.parameter_data_ref();
        let location = match p {
            openapiv3::Parameter::Path { .. } => ParamLocation::Path,
            openapiv3::Parameter::Query { .. } => ParamLocation::Query,
            openapiv3::Parameter::Header { .. } => ParamLocation::Header,
            openapiv3::Parameter::Cookie { .. } => ParamLocation::Cookie,
        };
        let at = push_token(&push_token(&op.pointer, "parameters"), &i.to_string());
        let ty = match &data.format {
            openapiv3::ParameterSchemaOrContent::Schema(s) => {
                conv.ty(node(s), &Place::named(&format!("{camel}{}", names::type_ident(&data.name))), &at).0
            }
            openapiv3::ParameterSchemaOrContent::Content(_) => Ty::String,
        };
        let (checks, item_checks) = match &data.format {
            openapiv3::ParameterSchemaOrContent::Schema(s) => conv.checks_at(node(s), &push_token(&at, "schema")),
            openapiv3::ParameterSchemaOrContent::Content(_) => Default::default(),
        };
        let key = (data.name.clone(), location.name());
        let mut wanted = names::field_ident(&data.name);
        if !method_scope().is_free(&wanted) {
            // Not the spec's fault: a note, and the conventional trailing `_`.
            let own = format!("{wanted}_");
            conv.diags().note(
                &at,
                format!(
                    "parameter `{}` is `{own}` in Rust: `{wanted}` is a name the generated method uses itself",
                    data.name
                ),
            );
            wanted = own;
        }
        let (pname, renamed) =
            if seen.contains_key(&key) { (wanted.clone(), false) } else { param_scope.claim(&wanted) };
        if renamed {
            conv.diags().warn(
                &at,
                format!(
                    "parameter name `{wanted}` is taken in `{method}`; {} parameter `{}` is `{pname}`",
                    location.name(),
                    data.name
                ),
            );
        }
        let (style, explode) = style_of(p);
        let param = Param {
            name: pname,
            wire: data.name.clone(),
            location,
            ty,
            required: data.required || location == ParamLocation::Path,
            doc: data.description.clone(),
            style,
            explode,
            grouped: false,
            checks,
            item_checks,
        };
        // An operation's parameter overrides the path item's one of the same name and location.
        match seen.get(&key) {
            Some(&j) => params[j] = Param { name: params[j].name.clone(), ..param },
            None => {
                seen.insert(key, params.len());
                params.push(param);
            }
        }
    }
    params
}

/// The request body, its media type picked and its schema lowered; `None` when the operation
/// cannot be generated (a warning says why).
/// The request body the operation's method sends (JSON first, then forms, then raw bytes or
/// text), and one for each other encoding it accepts; `None` when it accepts nothing smelt can send.
fn request_bodies<'a>(
    conv: &mut Converter<'a, '_>,
    op: &OpRef<'a>,
    b: &'a ReferenceOr<openapiv3::RequestBody>,
    camel: &str,
) -> Option<(Body, Vec<Body>)> {
    let Some(body) = conv.doc().request_body(b) else {
        conv.diags().warn(&op.pointer, "the requestBody `$ref` points at nothing; operation skipped");
        return None;
    };
    let mut kinds: Vec<(&String, &openapiv3::MediaType, BodyEncoding)> =
        body.content.iter().filter_map(|(m, c)| media_encoding(m).map(|e| (m, c, e))).collect();
    // Stable: the first media type of an encoding, in document order, is the one sent.
    kinds.sort_by_key(|(_, _, e)| encoding_rank(*e));
    kinds.dedup_by_key(|(_, _, e)| *e);
    if kinds.is_empty() {
        let kinds: Vec<&str> = body.content.keys().map(String::as_str).collect();
        conv.diags().warn(
            push_token(&op.pointer, "requestBody"),
            format!("request bodies of type {} are not supported; operation skipped", kinds.join(", ")),
        );
        return None;
    }
    let mut bodies = Vec::new();
    for (i, (media, content, encoding)) in kinds.into_iter().enumerate() {
        let place = if i == 0 {
            format!("{camel}Body")
        } else {
            format!("{camel}{}Body", names::type_ident(encoding_suffix(encoding)))
        };
        bodies.extend(request_body(conv, op, body, media, content, encoding, &place));
    }
    if bodies.is_empty() {
        conv.diags().warn(push_token(&op.pointer, "requestBody"), "no request body smelt can send; operation skipped");
        return None;
    }
    let first = bodies.remove(0);
    Some((first, bodies))
}

/// The method-name suffix of an alternative body, e.g. `upload_multipart`.
fn encoding_suffix(encoding: BodyEncoding) -> &'static str {
    match encoding {
        BodyEncoding::Json => "json",
        BodyEncoding::Multipart => "multipart",
        BodyEncoding::Form => "form",
        BodyEncoding::Bytes => "bytes",
        BodyEncoding::Text => "text",
    }
}

/// One request body of `media`, read as `encoding`.
fn request_body<'a>(
    conv: &mut Converter<'a, '_>,
    op: &OpRef<'a>,
    body: &'a openapiv3::RequestBody,
    media: &str,
    content: &'a openapiv3::MediaType,
    encoding: BodyEncoding,
    place: &str,
) -> Option<Body> {
    let at = push_token(&push_token(&op.pointer, "requestBody/content"), media);
    let ty = match (&content.schema, encoding) {
        (_, BodyEncoding::Bytes) => Ty::File,
        (_, BodyEncoding::Text) => Ty::String,
        (Some(s), _) => conv.ty(node(s), &Place::named(place), &push_token(&at, "schema")).0,
        (None, _) => Ty::Json,
    };
    let object = matches!(ty, Ty::Named(_) | Ty::JsonMap | Ty::Map(_) | Ty::Json);
    if matches!(encoding, BodyEncoding::Multipart | BodyEncoding::Form) && !object {
        conv.diags().warn(&at, "a form body must be an object schema; this media type is not sent");
        return None;
    }
    let deep_object = content
        .encoding
        .iter()
        .filter(|(_, e)| matches!(e.style, Some(openapiv3::QueryStyle::DeepObject)))
        .map(|(k, _)| k.clone())
        .collect();
    Some(Body {
        name: "body".into(),
        ty,
        required: body.required,
        media_type: media.to_owned(),
        encoding,
        deep_object,
        validate: false,
    })
}

/// A stream of items for an operation whose one success body is a list and documents a `Link`
/// header: its pages link to the next (GitHub's list operations).
fn link_pagination(
    success: &[SuccessResponse],
    several_bodies: bool,
    headers: &[HeaderField],
    name: &str,
    methods: &mut Scope,
) -> Option<Pagination> {
    let link = headers.iter().any(|h| h.wire.eq_ignore_ascii_case("link"));
    let item = match success.first().map(|s| &s.body) {
        Some(ResponseBody::Json(Ty::Vec(item))) if link && !several_bodies => item.as_ref().clone(),
        _ => return None,
    };
    let stem = unraw(name);
    Some(Pagination {
        stream: methods.claim(&format!("{stem}_stream")).0,
        read: methods.claim(&format!("read_{stem}")).0,
        item,
        kind: PageKind::Link,
    })
}

/// What a `default` response's body is read as when it stands for the success.
fn default_success_body(e: &ErrorResponse) -> Option<ResponseBody> {
    Some(match &e.ty {
        Some(t) => ResponseBody::Json(t.clone()),
        None if e.has_body => ResponseBody::Text,
        None => return None,
    })
}

/// Documented responses in status order: 2xx ones are successes, the others errors; and the
/// headers the successes document.
fn responses<'a>(
    conv: &mut Converter<'a, '_>,
    op: &OpRef<'a>,
    camel: &str,
) -> (Vec<SuccessResponse>, Vec<ErrorResponse>, Vec<HeaderField>) {
    let mut success = Vec::new();
    let mut errors = Vec::new();
    let mut headers = Vec::new();
    let mut header_names = Scope::new();
    let mut codes: Vec<(StatusMatch, &ReferenceOr<openapiv3::Response>)> = op
        .op
        .responses
        .responses
        .iter()
        .map(|(c, r)| {
            (
                match c {
                    StatusCode::Code(n) => StatusMatch::Code(*n),
                    StatusCode::Range(n) => StatusMatch::Range(*n),
                },
                r,
            )
        })
        .chain(op.op.responses.default.iter().map(|r| (StatusMatch::Default, r)))
        .collect();
    codes.sort_by_key(|(c, _)| match c {
        StatusMatch::Code(n) => u32::from(*n) * 10,
        StatusMatch::Range(n) => u32::from(*n) * 1000 + 999,
        StatusMatch::Default => u32::MAX,
    });
    for (status, response) in codes {
        let key = match status {
            StatusMatch::Code(n) => n.to_string(),
            StatusMatch::Range(n) => format!("{n}XX"),
            StatusMatch::Default => "default".into(),
        };
        let at = push_token(&push_token(&op.pointer, "responses"), &key);
        if let StatusMatch::Code(n) = status {
            if !(100..=999).contains(&n) {
                conv.diags().warn(&at, format!("`{n}` is not an HTTP status; response ignored"));
                continue;
            }
        }
        let is_success = matches!(status, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
        let Some(response) = conv.doc().response(response) else {
            conv.diags().warn(&at, "the response `$ref` points at nothing; treated as a response without body");
            continue;
        };
        let place = if is_success { format!("{camel}Response") } else { format!("{camel}{}", status_variant(status)) };
        let body = response_body(conv, response, &place, &at);
        let variant = status_variant(status);
        if is_success {
            success_headers(conv, response, &mut headers, &mut header_names);
            success.push(SuccessResponse { status, variant, body });
        } else {
            let has_body = body != ResponseBody::Empty;
            let ty = match body {
                ResponseBody::Json(t) => Some(t),
                _ => None,
            };
            errors.push(ErrorResponse {
                status,
                variant,
                ty,
                has_body,
                doc: Some(response.description.clone()).filter(|d| !d.is_empty()),
            });
        }
    }
    (success, errors, headers)
}

/// Adds the headers `response` documents to `fields`, once per name (`Content-Type` is the
/// body's, and OpenAPI says to ignore it here).
fn success_headers(
    conv: &Converter<'_, '_>,
    response: &openapiv3::Response,
    fields: &mut Vec<HeaderField>,
    names: &mut Scope,
) {
    for (wire, header) in &response.headers {
        if wire.eq_ignore_ascii_case("content-type") || fields.iter().any(|f| f.wire.eq_ignore_ascii_case(wire)) {
            continue;
        }
        let Some(header) = conv.doc().header(header) else { continue };
        let schema = match &header.format {
            openapiv3::ParameterSchemaOrContent::Schema(s) => conv.doc().deref(node(s)),
            openapiv3::ParameterSchemaOrContent::Content(_) => None,
        };
        let ty = match schema.map(|s| &s.schema_kind) {
            Some(openapiv3::SchemaKind::Type(openapiv3::Type::Integer(_))) => Ty::I64,
            Some(openapiv3::SchemaKind::Type(openapiv3::Type::Number(_))) => Ty::F64,
            Some(openapiv3::SchemaKind::Type(openapiv3::Type::Boolean(_))) => Ty::Bool,
            _ => Ty::String,
        };
        let name = names.claim(&names::field_ident(wire)).0;
        fields.push(HeaderField { name, wire: wire.clone(), ty, doc: header.description.clone() });
    }
}

/// The credential slots the operation's security requirements (or the document's) name.
fn security_slots(conv: &Converter<'_, '_>, op: &OpRef<'_>, credentials: &[Credential]) -> Vec<usize> {
    let requirements = op.op.security.as_ref().or(conv.doc().api.security.as_ref());
    let mut slots: Vec<usize> = requirements
        .into_iter()
        .flatten()
        .flat_map(|req| req.keys())
        .filter_map(|scheme| credentials.iter().find(|c| c.schemes.contains(scheme)).map(|c| c.slot))
        .collect();
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// Which request encoding the operation's own method sends: JSON first, then forms, then raw
/// bytes or text.
fn encoding_rank(e: BodyEncoding) -> u8 {
    match e {
        BodyEncoding::Json => 0,
        BodyEncoding::Multipart => 1,
        BodyEncoding::Form => 2,
        BodyEncoding::Bytes => 3,
        BodyEncoding::Text => 4,
    }
}

fn media_encoding(media: &str) -> Option<BodyEncoding> {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    Some(match essence.as_str() {
        m if is_json(m) => BodyEncoding::Json,
        "multipart/form-data" | "multipart/mixed" => BodyEncoding::Multipart,
        "application/x-www-form-urlencoded" => BodyEncoding::Form,
        m if m.starts_with("text/") => BodyEncoding::Text,
        m if m.starts_with("application/")
            || m.starts_with("image/")
            || m.starts_with("audio/")
            || m.starts_with("video/")
            || m.contains("*") =>
        {
            BodyEncoding::Bytes
        }
        _ => return None,
    })
}

/// What a response's body is read as: JSON of its schema, else text, bytes or an event stream.
fn response_body<'a>(
    conv: &mut Converter<'a, '_>,
    response: &'a openapiv3::Response,
    place: &str,
    at: &str,
) -> ResponseBody {
    let mut kinds: Vec<(&String, &openapiv3::MediaType)> = response.content.iter().collect();
    if kinds.is_empty() {
        return ResponseBody::Empty;
    }
    // Prefer JSON, as a client asking with `Accept: application/json` would get.
    kinds.sort_by_key(|(m, _)| !is_json(m));
    let (media, content) = kinds[0];
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "text/event-stream" {
        return ResponseBody::EventStream;
    }
    if is_json(&essence) {
        return match &content.schema {
            Some(s) => {
                let (ty, nullable) =
                    conv.ty(node(s), &Place::named(place), &push_token(&push_token(at, "content"), media));
                // `anyOf [X, null]`: the `null` a server sends is `None`, not a decode error.
                ResponseBody::Json(if nullable { Ty::Option(Box::new(ty)) } else { ty })
            }
            None => ResponseBody::Json(Ty::Json),
        };
    }
    if essence.starts_with("text/") || essence.ends_with("+xml") || essence == "application/xml" {
        ResponseBody::Text
    } else {
        ResponseBody::Bytes
    }
}

/// `style` and `explode` of a parameter, with OpenAPI's defaults.
fn style_of(p: &openapiv3::Parameter) -> (ParamStyle, bool) {
    use openapiv3::{PathStyle, QueryStyle};
    let data = p.parameter_data_ref();
    let style = match p {
        openapiv3::Parameter::Query { style, .. } => match style {
            QueryStyle::Form => ParamStyle::Form,
            QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
            QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
            QueryStyle::DeepObject => ParamStyle::DeepObject,
        },
        openapiv3::Parameter::Path { style, .. } => match style {
            PathStyle::Simple => ParamStyle::Simple,
            // Matrix and label styles are rare; written as simple, which servers usually accept.
            _ => ParamStyle::Simple,
        },
        openapiv3::Parameter::Header { .. } => ParamStyle::Simple,
        openapiv3::Parameter::Cookie { .. } => ParamStyle::Form,
    };
    (style, data.explode.unwrap_or(style == ParamStyle::Form))
}

/// Callback payloads become types (the client does not serve callbacks, but users receive them).
fn callbacks<'a>(conv: &mut Converter<'a, '_>, op: &OpRef<'a>, camel: &str) {
    for (name, callback) in &op.op.callbacks {
        let at = push_token(&push_token(&op.pointer, "callbacks"), name);
        for (expression, item) in callback {
            let place = format!("{camel}{}Callback", names::type_ident(name).trim_start_matches("r#"));
            payload_types(conv, item, &place, &push_token(&at, expression));
        }
    }
}

/// Types for the request bodies of a path item that is not a client operation (webhook, callback).
pub fn payload_types<'a>(conv: &mut Converter<'a, '_>, item: &'a openapiv3::PathItem, place: &str, pointer: &str) {
    let ops = [&item.get, &item.put, &item.post, &item.delete, &item.patch];
    for op in ops.into_iter().flatten() {
        let Some(body) = op.request_body.as_ref().and_then(|b| conv.doc().request_body(b)) else { continue };
        for (media, content) in &body.content {
            if let Some(s) = &content.schema {
                let at = push_token(&push_token(pointer, "requestBody/content"), media);
                conv.ty(node(s), &Place::named(&format!("{place}Payload")), &at);
            }
        }
    }
}

fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}

/// FastAPI's operationIds are `{function}{path, non-word characters as _}_{method}`: keep the function.
pub(super) fn strip_fastapi_suffix<'i>(id: &'i str, path: &str, method: &str) -> &'i str {
    let path_part: String = path.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
    let suffix = format!("{path_part}_{method}");
    id.strip_suffix(suffix.as_str()).filter(|s| !s.is_empty()).unwrap_or(id)
}

fn synthesize_id(method: &str, path: &str) -> String {
    let words: Vec<&str> = path.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    format!("{method}_{}", words.join("_"))
}

/// `404` → `NotFound`; other codes by their standard reason phrase, else `Status{code}`.
fn status_variant(status: StatusMatch) -> String {
    let code = match status {
        StatusMatch::Code(c) => c,
        StatusMatch::Range(d) => return format!("Status{d}xx"),
        StatusMatch::Default => return "Default".into(),
    };
    let reason = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        511 => "NetworkAuthenticationRequired",
        _ => return format!("Status{code}"),
    };
    reason.to_owned()
}

/// One credential per builder method; schemes that write the same place share one slot, so the
/// credential set last wins.
fn credentials(conv: &mut Converter<'_, '_>) -> (Vec<Credential>, Vec<CredentialSlot>) {
    let mut credentials: Vec<Credential> = Vec::new();
    let mut slots: Vec<CredentialSlot> = Vec::new();
    // `Client`'s fields, and the variants of its `Slot` enum.
    let (mut fields, mut variants) = (Scope::with_reserved(["base_url", "http"]), Scope::new());
    let Some(components) = &conv.doc().api.components else { return (credentials, slots) };
    let api_keys = components
        .security_schemes
        .values()
        .filter(|s| matches!(s, ReferenceOr::Item(SecurityScheme::APIKey { .. })))
        .count();
    for (scheme_name, scheme) in &components.security_schemes {
        let at = push_token("/components/securitySchemes", scheme_name);
        let ReferenceOr::Item(scheme) = scheme else {
            conv.diags().warn(&at, "a `$ref` security scheme is not supported; skipped");
            continue;
        };
        let (kind, location, wire, method, doc) = match scheme {
            SecurityScheme::HTTP { scheme, description, .. } if scheme.eq_ignore_ascii_case("bearer") => (
                CredentialKind::Bearer,
                ParamLocation::Header,
                "Authorization".to_owned(),
                "with_bearer_token".to_owned(),
                description,
            ),
            SecurityScheme::HTTP { scheme, description, .. } if scheme.eq_ignore_ascii_case("basic") => (
                CredentialKind::Basic,
                ParamLocation::Header,
                "Authorization".to_owned(),
                "with_basic_auth".to_owned(),
                description,
            ),
            SecurityScheme::HTTP { scheme, .. } => {
                conv.diags().warn(&at, format!("HTTP auth scheme `{scheme}` is not supported; skipped"));
                continue;
            }
            SecurityScheme::APIKey { location, name, description, .. } => {
                let location = match location {
                    openapiv3::APIKeyLocation::Header => ParamLocation::Header,
                    openapiv3::APIKeyLocation::Query => ParamLocation::Query,
                    openapiv3::APIKeyLocation::Cookie => ParamLocation::Cookie,
                };
                let method = if api_keys == 1 {
                    "with_api_key".to_owned()
                } else {
                    format!("with_{}_api_key", names::field_ident(scheme_name).trim_start_matches("r#"))
                };
                (CredentialKind::ApiKey, location, name.clone(), method, description)
            }
            SecurityScheme::OAuth2 { description, .. } | SecurityScheme::OpenIDConnect { description, .. } => (
                CredentialKind::Bearer,
                ParamLocation::Header,
                "Authorization".to_owned(),
                "with_bearer_token".to_owned(),
                description,
            ),
        };
        let same_place = |s: &CredentialSlot| {
            s.location == location
                && if location == ParamLocation::Header { s.wire.eq_ignore_ascii_case(&wire) } else { s.wire == wire }
        };
        let slot = match slots.iter().position(same_place) {
            Some(i) => {
                conv.diags().note(&at, format!("`{scheme_name}` writes the same {} `{wire}` as another scheme: one value is sent, the one set last", location.name()));
                i
            }
            None => {
                let (field, _) = fields.claim(&names::field_ident(&format!("{}_{wire}", location.name())));
                let (variant, _) = variants.claim(names::type_ident(&field).trim_start_matches("r#"));
                slots.push(CredentialSlot { field, variant, location, wire: wire.clone() });
                slots.len() - 1
            }
        };
        match credentials.iter_mut().find(|c| c.method == method) {
            Some(existing) if existing.kind == kind && existing.slot == slot => {
                existing.schemes.push(scheme_name.clone())
            }
            Some(_) => conv
                .diags()
                .warn(&at, format!("another scheme already provides `{method}`; `{scheme_name}` is skipped")),
            None => credentials.push(Credential {
                schemes: vec![scheme_name.clone()],
                method,
                kind,
                slot,
                doc: doc.clone(),
            }),
        }
    }
    (credentials, slots)
}
