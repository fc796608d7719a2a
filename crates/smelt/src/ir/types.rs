//! The intermediate representation: every name final and unique, no `openapiv3` or token types.
//! It is what the emitter turns into code, and what the IR snapshots show.

/// One API: everything the emitter needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// Sorted by name.
    pub types: Vec<TypeDef>,
    /// In document order (paths, then methods in spec order).
    pub operations: Vec<Operation>,
    pub credentials: Vec<Credential>,
    /// Where credentials are written: several schemes writing one header share one slot.
    pub slots: Vec<CredentialSlot>,
    /// The document's servers, in its order: the first is the client's.
    pub servers: Vec<Server>,
}

/// A server of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// As written, `{variable}`s included.
    pub url: String,
    pub description: Option<String>,
    /// In the order they appear in `url`.
    pub variables: Vec<ServerVariable>,
    /// `url` as text and variables, in order.
    pub pieces: Vec<UrlPiece>,
    /// With its variables at their defaults, the URL has a scheme and a host (else it is a path
    /// on whatever origin serves the document).
    pub absolute: bool,
    /// The URL with its variables at their defaults, without a trailing `/`.
    pub default_url: String,
    /// Its path (`/api/v3`, or empty), what `Client::at_origin` puts after the origin.
    pub default_path: String,
}

/// A piece of a server URL template.
#[derive(Debug, Clone, PartialEq)]
pub enum UrlPiece {
    Text(String),
    /// An index into `Server::variables`.
    Variable(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// Parameter name in `server_url`.
    pub name: String,
    /// Name in the URL template.
    pub wire: String,
    pub default: String,
    /// The values the spec allows (`enum`); any when empty.
    pub values: Vec<String>,
    pub doc: Option<String>,
}

impl Api {
    /// The type named `name`: `types` is sorted by name, so this is a binary search.
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.name.as_str().cmp(name)).ok().map(|i| &self.types[i])
    }

    /// Whether generated code checks a `pattern` (and so depends on `regex`): in a type that
    /// validates, or in a parameter.
    pub fn checks_patterns(&self) -> bool {
        let pattern = |checks: &[Check]| checks.iter().any(|c| matches!(c, Check::Pattern(_)));
        let in_types = self.types.iter().filter(|t| t.validate).any(|t| match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().any(|f| pattern(&f.checks) || pattern(&f.item_checks)),
            _ => false,
        });
        in_types
            || self.operations.iter().flat_map(|op| &op.params).any(|p| pattern(&p.checks) || pattern(&p.item_checks))
    }

    /// Whether an operation streams its pages (and so the crate depends on `futures`).
    pub fn streams_pages(&self) -> bool {
        self.operations.iter().any(|op| op.pagination.is_some())
    }

    /// The struct named `name`, if that type is one.
    pub fn struct_named(&self, name: &str) -> Option<&Struct> {
        match &self.type_named(name)?.kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust identifier.
    pub name: String,
    /// JSON pointer of the schema this type came from (the first one, for shared inline types).
    pub source: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
    /// A `validate()` is generated: the type is sent in a request and has a constraint beneath it.
    pub validate: bool,
    /// Derives beyond those of every model type (`Debug`, `Clone`, `PartialEq`, serde's), in
    /// order; none on an alias.
    pub derives: Vec<Derive>,
}

/// A derive a model type has beyond those every one has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Derive {
    /// One smelt analyses: the type and all it holds can have it.
    Known(KnownDerive),
    /// A user's derive smelt does not analyse, as written, e.g. `schemars::JsonSchema`.
    Path(String),
}

impl Derive {
    /// The trait's name, or the user's path.
    pub fn name(&self) -> &str {
        match self {
            Derive::Known(known) => known.name(),
            Derive::Path(path) => path,
        }
    }
}

/// A derive smelt analyses (`ir::derives` decides where each is valid), in the order written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnownDerive {
    Copy,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
}

impl KnownDerive {
    /// In the order they are decided: `Ord` after the two it needs.
    pub const ALL: [KnownDerive; 6] = [
        KnownDerive::Copy,
        KnownDerive::Eq,
        KnownDerive::Hash,
        KnownDerive::PartialOrd,
        KnownDerive::Ord,
        KnownDerive::Default,
    ];

    pub fn name(self) -> &'static str {
        match self {
            KnownDerive::Copy => "Copy",
            KnownDerive::Eq => "Eq",
            KnownDerive::Hash => "Hash",
            KnownDerive::PartialOrd => "PartialOrd",
            KnownDerive::Ord => "Ord",
            KnownDerive::Default => "Default",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A discriminated union: the tag property picks the variant.
    Tagged(TaggedUnion),
    /// Undiscriminated `oneOf`/`anyOf`: variants are tried in order.
    Untagged(Vec<UntaggedVariant>),
    /// A string enum (also a one-value `const`).
    Enum(StringEnum),
    /// A schema that is just another type, e.g. a named string.
    Alias(Ty),
    /// A schema that is another type which holds it back (`Tree: {type: array, items: Tree}`):
    /// a type alias cannot be recursive, so it is a one-field tuple struct, transparent in JSON.
    Newtype(Ty),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` next to declared properties: kept in a flattened map of this value type.
    pub additional: Option<Ty>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub wire: String,
    /// The full field type, `Option` included.
    pub ty: Ty,
    pub doc: Option<String>,
    pub presence: Presence,
    /// The schema allows `null`.
    pub nullable: bool,
    /// Constraints on the value (inside the `Option`, if any).
    pub checks: Vec<Check>,
    /// Constraints on each element, when the value is a list.
    pub item_checks: Vec<Check>,
}

impl Field {
    /// Whether the name serde sees (the identifier without `r#`) differs from the wire name, so
    /// the field needs `#[serde(rename)]`.
    pub fn renamed(&self) -> bool {
        unraw(&self.name) != self.wire
    }
}

/// An IR identifier as it reads in text (docs, links, serde): without the `r#` that lets a Rust
/// keyword be one.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Must be present; `Option` only if nullable (then `null` is written for `None`).
    Required,
    /// May be absent: `Option`, omitted when `None`.
    Optional,
    /// May be absent, but has a default (a `const` tag): filled in when absent, always written.
    Defaulted,
    /// May be absent or `null`, and the two differ (option `double_option`, by default in request
    /// types): `Option<Option<T>>`.
    OptionalNullable,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    MinLength(u64),
    MaxLength(u64),
    Minimum {
        value: f64,
        exclusive: bool,
    },
    Maximum {
        value: f64,
        exclusive: bool,
    },
    MinItems(u64),
    MaxItems(u64),
    MinProperties(u64),
    MaxProperties(u64),
    /// A regular expression the regex crate compiles (others are dropped with a note).
    Pattern(String),
    MultipleOf(f64),
    UniqueItems,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedUnion {
    /// The tag property's wire name.
    pub tag: String,
    /// The struct of the models' `tags` module that writes this tag before a variant's fields.
    pub helper: String,
    pub variants: Vec<TaggedVariant>,
    /// Name of the variant that keeps an unrecognised tag's raw object.
    pub unknown: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    pub name: String,
    /// The tag's wire value.
    pub tag_value: String,
    /// The variant's struct.
    pub ty: String,
    /// The struct has its own tag field (it is also used outside unions), so the union adds none.
    pub tag_in_body: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    pub name: String,
    pub ty: Ty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps any other string; `None` for a one-value `const`.
    pub unknown: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: String,
    pub wire: String,
}

impl Ty {
    /// The type inside its `Option`s, and how many there are (two for a three-state field).
    pub fn inside_options(&self) -> (&Ty, usize) {
        let (mut t, mut depth) = (self, 0);
        while let Ty::Option(inner) = t {
            (t, depth) = (inner, depth + 1);
        }
        (t, depth)
    }
}

/// A type as used in a field, parameter or body.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Named(String),
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    Uuid,
    DateTime,
    Date,
    /// `format: binary`: a file's bytes, with an optional name and media type (a multipart part).
    File,
    /// A user-chosen Rust type for a string format (option `formats`).
    Custom {
        rust_type: String,
        serde_with: Option<String>,
    },
    /// Any JSON value.
    Json,
    /// A free-form JSON object.
    JsonMap,
    Map(Box<Ty>),
    Vec(Box<Ty>),
    /// A fixed-length array of differently typed items (3.1 `prefixItems`).
    Tuple(Vec<Ty>),
    Option(Box<Ty>),
    Box(Box<Ty>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Rust method name.
    pub name: String,
    /// The spec's operationId (or the synthesized one).
    pub operation_id: String,
    /// Name of this operation's error enum.
    pub error_name: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// Path template as in the spec, e.g. `/items/{item_id}`.
    pub path: String,
    pub doc: Option<String>,
    pub params: Vec<Param>,
    /// Name of the struct that carries the optional parameters, when there are many of them.
    pub params_struct: Option<String>,
    pub body: Option<Body>,
    /// The other request media types the operation accepts, each sent by a method of its own.
    pub alternatives: Vec<Alternative>,
    /// Documented 2xx responses, in status order.
    pub success: Vec<SuccessResponse>,
    /// Name of the enum returned when success responses differ in body; `None` when they agree.
    pub response_enum: Option<String>,
    /// The success response an undocumented 2xx status is read as: `None` when that would be a
    /// guess (success bodies that differ) or when a `2XX` range already takes every 2xx.
    pub undocumented_success: Option<usize>,
    /// The headers the success responses document, read into a struct of their own.
    pub headers: Option<ResponseHeaders>,
    /// A method streaming the items of every page, where the operation's pages can be followed.
    pub pagination: Option<Pagination>,
    pub errors: Vec<ErrorResponse>,
    /// Indexes into `Api::slots` of the credentials this operation sends.
    pub slots: Vec<usize>,
}

impl Operation {
    /// The request bodies of every method of the operation: `body`, then the alternatives'.
    pub fn bodies(&self) -> impl Iterator<Item = &Body> {
        self.body.iter().chain(self.alternatives.iter().map(|a| &a.body))
    }

    pub fn bodies_mut(&mut self) -> impl Iterator<Item = &mut Body> {
        self.body.iter_mut().chain(self.alternatives.iter_mut().map(|a| &mut a.body))
    }
}

/// A request media type besides the one `Operation::body` sends (multipart beside JSON, say).
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Its method, e.g. `upload_multipart`.
    pub method: String,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub wire: String,
    pub location: ParamLocation,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
    pub style: ParamStyle,
    pub explode: bool,
    /// Passed in the operation's parameter struct rather than as an argument.
    pub grouped: bool,
    /// Constraints checked before sending (inside the `Option`, if any).
    pub checks: Vec<Check>,
    /// Constraints on each element, when the value is a list.
    pub item_checks: Vec<Check>,
}

/// How a list or object parameter is written (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    Form,
    Simple,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    /// As OpenAPI's `in` names it: `path`, `query`, `header`, `cookie`.
    pub fn name(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub media_type: String,
    pub encoding: BodyEncoding,
    /// Form properties whose `encoding` says `style: deepObject`: lists written as `key[0]=…`.
    pub deep_object: Vec<String>,
    /// The client calls `validate()` before sending.
    pub validate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    Json,
    /// `multipart/form-data`: each field of the body struct is a part; files are file parts.
    Multipart,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// Raw bytes (`application/octet-stream`, images, …).
    Bytes,
    /// Raw text (`text/plain`, …).
    Text,
}

/// What a response body is read as.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// No body, or one the spec gives no schema for: ignored.
    Empty,
    Json(Ty),
    Text,
    Bytes,
    /// `text/event-stream`: read event by event.
    EventStream,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SuccessResponse {
    pub status: StatusMatch,
    /// Variant name in the operation's response enum, when success statuses have different bodies.
    pub variant: String,
    pub body: ResponseBody,
}

/// How an operation's pages are followed, and the methods that do it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The public method returning a stream of items, e.g. `list_items_stream`.
    pub stream: String,
    /// The private function reading a page's response, shared by the operation's method and the
    /// stream.
    pub read: String,
    /// The type of one item.
    pub item: Ty,
    pub kind: PageKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageKind {
    /// RFC 8288 `Link: <…>; rel="next"` response headers (GitHub).
    Link,
}

/// The struct of the headers an operation's success responses document.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeaders {
    pub name: String,
    pub fields: Vec<HeaderField>,
}

/// One documented response header: read as `ty` (a string, an integer, a number or a boolean);
/// absent or unreadable as `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderField {
    pub name: String,
    pub wire: String,
    pub ty: Ty,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    pub status: StatusMatch,
    pub variant: String,
    /// `None`: the raw body text is kept.
    pub ty: Option<Ty>,
    /// The response documents a body (of any media type).
    pub has_body: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the first digit.
    Range(u16),
    /// `default`: any status not listed.
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Credential {
    /// The security schemes (names in the spec) this credential serves.
    pub schemes: Vec<String>,
    /// Builder method on `Client`, e.g. `with_bearer_token`.
    pub method: String,
    pub kind: CredentialKind,
    /// Index into `Api::slots`.
    pub slot: usize,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    /// `Authorization: Bearer <token>` (http bearer, oauth2, openIdConnect).
    Bearer,
    /// `Authorization: Basic base64(user:password)`.
    Basic,
    /// The value verbatim.
    ApiKey,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CredentialSlot {
    /// Field name in `Client`.
    pub field: String,
    /// Variant of the client's `Slot` enum.
    pub variant: String,
    pub location: ParamLocation,
    /// Header, query or cookie name on the wire.
    pub wire: String,
}
