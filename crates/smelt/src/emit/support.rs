//! Which parts of the runtime (`crate::runtime`) a generated client needs: each helper is emitted
//! once, and only where an operation uses it.

use proc_macro2::TokenStream;

use crate::ir::*;
use crate::runtime::Part;

/// The basic-auth encoder, for a client with a basic-auth credential.
pub fn basic_auth_helper() -> TokenStream {
    Part::BasicAuth.tokens()
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
    /// A multipart body with a file field (other fields are text parts).
    file_part: bool,
    form: bool,
    event_stream: bool,
    /// An operation documents response headers.
    header_value: bool,
    /// There are operations, whose responses are read.
    received: bool,
    api_error: bool,
    unexpected: bool,
    link_pages: bool,
}

impl Uses {
    pub fn of(api: &Api) -> Self {
        let ops = &api.operations;
        let params = || ops.iter().flat_map(|op| op.params.iter());
        let unwrapped = |t: &Ty| t.inside_options().0.clone();
        let object = |t: &Ty| super::util::is_object(api, t);
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
            ops.iter().flat_map(|op| op.bodies()).filter(|b| b.encoding == BodyEncoding::Multipart).flat_map(|b| {
                let fields = match &b.ty {
                    Ty::Named(n) => api.struct_named(n).map(|s| s.fields.clone()),
                    _ => None,
                };
                fields.unwrap_or_default()
            })
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
            file_part: multipart_fields().any(|f| file(&unwrapped(&f.ty))),
            form: ops.iter().flat_map(|op| op.bodies()).any(|b| b.encoding == BodyEncoding::Form),
            event_stream: bodies().any(|b| *b == ResponseBody::EventStream),
            header_value: ops.iter().any(|op| op.headers.is_some()),
            received: !ops.is_empty(),
            api_error: ops.iter().any(|op| !op.errors.is_empty()),
            link_pages: api.streams_pages(),
            unexpected: ops.iter().any(|op| !op.errors.iter().any(|e| e.status == StatusMatch::Default)),
        }
    }
}

/// Error types and response helpers, emitted once per crate (each helper only where used), in
/// this order.
pub fn support(uses: &Uses) -> TokenStream {
    let parts = [
        (true, Part::Error),
        (true, Part::Response),
        (uses.received, Part::Received),
        (uses.secrets, Part::Secret),
        (uses.secret_header, Part::SecretHeader),
        (uses.path_params, Part::EncodePath),
        (uses.param_text, Part::ParamText),
        (uses.text || uses.json, Part::SentJson),
        (uses.text, Part::Text),
        (uses.json, Part::Json),
        (uses.bytes, Part::Bytes),
        (uses.query_object, Part::QueryObject),
        (uses.file_part, Part::FilePart),
        (uses.event_stream, Part::EventStream),
        (uses.form, Part::FormPairs),
        (uses.header_value, Part::HeaderValue),
        (uses.api_error, Part::ApiError),
        (uses.unexpected, Part::Unexpected),
        (uses.link_pages, Part::LinkPages),
    ];
    parts.into_iter().filter(|(used, _)| *used).map(|(_, part)| part.tokens()).collect()
}
