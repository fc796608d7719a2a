//! The `models` module: one item per IR type, plus the small validation and tag helpers they share.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::util::{doc, doc_own, ident, path_tokens, ty, Paths};
use crate::ir::*;
use crate::runtime::Part;

pub fn models(api: &Api) -> TokenStream {
    let here = Paths::models();
    let items = api.types.iter().map(|t| type_def(api, t, &here));
    let tags = tag_helpers(api);
    let validation = validation_module(api.checks_patterns());
    let binary = uses_files(api).then(binary_module);
    let nullable = uses_double_option(api).then(nullable_module);
    quote! {
        #( #items )*
        #validation
        #tags
        #binary
        #nullable
    }
}

fn uses_double_option(api: &Api) -> bool {
    api.types.iter().any(
        |t| matches!(&t.kind, TypeKind::Struct(s) if s.fields.iter().any(|f| f.presence == Presence::OptionalNullable)),
    )
}

fn nullable_module() -> TokenStream {
    let body = Part::Nullable.tokens();
    quote! {
        /// Optional and nullable fields: absent is `None`, `null` is `Some(None)`.
        mod nullable { #body }
    }
}

fn uses_files(api: &Api) -> bool {
    fn has_file(t: &Ty) -> bool {
        match t {
            Ty::File => true,
            Ty::Vec(i) | Ty::Option(i) | Ty::Box(i) | Ty::Map(i) => has_file(i),
            _ => false,
        }
    }
    let in_types = api.types.iter().any(|t| match &t.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| has_file(&f.ty)) || s.additional.as_ref().is_some_and(has_file),
        TypeKind::Untagged(vs) => vs.iter().any(|v| has_file(&v.ty)),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => has_file(t),
        TypeKind::Tagged(_) | TypeKind::Enum(_) => false,
    });
    // The client's multipart helper names `binary::FilePart` whether or not a body has a file.
    let in_operations = api.operations.iter().any(|op| {
        op.params.iter().any(|p| has_file(&p.ty))
            || op.bodies().any(|b| {
                b.encoding == BodyEncoding::Multipart || (b.encoding != BodyEncoding::Bytes && has_file(&b.ty))
            })
            || op.success.iter().any(|s| matches!(&s.body, ResponseBody::Json(t) if has_file(t)))
            || op.errors.iter().any(|e| e.ty.as_ref().is_some_and(has_file))
    });
    in_types || in_operations
}

fn binary_module() -> TokenStream {
    let body = Part::Binary.tokens();
    quote! {
        /// Files (`format: binary`): sent as file parts of multipart bodies.
        pub mod binary { #body }
    }
}

/// The derive attribute of a type: those of every model type, then the IR's (`Copy` before
/// `PartialEq`, as std writes it); without serde's when the type implements them by hand.
fn derives(t: &TypeDef, serde: bool) -> TokenStream {
    let copy = t.derives.contains(&Derive::Known(KnownDerive::Copy)).then(|| quote! { Copy, });
    let rest = t.derives.iter().filter(|d| **d != Derive::Known(KnownDerive::Copy)).map(|d| path_tokens(d.name()));
    let serde = serde.then(|| quote! { ::serde::Serialize, ::serde::Deserialize });
    quote! { #[derive(Debug, Clone, #copy PartialEq, #( #rest, )* #serde)] }
}

fn type_def(api: &Api, t: &TypeDef, here: &Paths) -> TokenStream {
    let name = ident(&t.name);
    let docs = doc(t.doc.as_deref());
    let body = match &t.kind {
        TypeKind::Struct(s) => structure(&name, s, here, derives(t, true)),
        TypeKind::Enum(e) => string_enum(&name, e, derives(t, true)),
        TypeKind::Tagged(u) => tagged(&name, u, here, derives(t, false)),
        TypeKind::Untagged(vs) => untagged(&name, vs, here, derives(t, true)),
        TypeKind::Alias(target) => {
            let target = ty(target, here);
            quote! { pub type #name = #target; }
        }
        TypeKind::Newtype(inner) => {
            let inner = ty(inner, here);
            let derives = derives(t, true);
            quote! {
                #derives
                #[serde(transparent)]
                pub struct #name(pub #inner);
            }
        }
    };
    let validate = if t.validate { validate_impl(api, t) } else { TokenStream::new() };
    quote! {
        #docs
        #body
        #validate
    }
}

fn structure(name: &proc_macro2::Ident, s: &Struct, here: &Paths, derive: TokenStream) -> TokenStream {
    let is_none = "Option::is_none";
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let fty = ty(&f.ty, here);
        let docs = doc(f.doc.as_deref());
        let rename = f.renamed().then(|| {
            let wire = &f.wire;
            quote! { #[serde(rename = #wire)] }
        });
        let adapter = match &f.ty {
            Ty::Custom { serde_with: Some(with), .. } => Some(with.clone()),
            Ty::Option(inner) if f.presence != Presence::OptionalNullable => match inner.as_ref() {
                Ty::Custom { serde_with: Some(with), .. } => Some(format!("{with}::option")),
                _ => None,
            },
            _ => None,
        };
        let with = adapter.map(|w| quote! { #[serde(with = #w)] });
        let presence = match f.presence {
            Presence::Required => TokenStream::new(),
            Presence::Optional => quote! { #[serde(default, skip_serializing_if = #is_none)] },
            Presence::Defaulted => quote! { #[serde(default)] },
            Presence::OptionalNullable => quote! {
                #[serde(default, skip_serializing_if = #is_none, deserialize_with = "nullable::present")]
            },
        };
        quote! {
            #docs
            #rename
            #presence
            #with
            pub #fname: #fty,
        }
    });
    let additional = s.additional.as_ref().map(|value| {
        let map = ty(&Ty::Map(Box::new(value.clone())), here);
        quote! {
            /// Properties not declared by the schema.
            #[serde(flatten)]
            pub additional_properties: #map,
        }
    });
    let constructor = constructor(name, s, here);
    quote! {
        #derive
        pub struct #name {
            #( #fields )*
            #additional
        }

        #constructor
    }
}

/// `new(required…)` for a struct with required fields: the others `None` (or their default), so
/// that a request of many optional fields is written with the few it needs.
fn constructor(name: &proc_macro2::Ident, s: &Struct, here: &Paths) -> TokenStream {
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.presence == Presence::Required).collect();
    if required.is_empty() {
        return TokenStream::new();
    }
    let args = required.iter().map(|f| {
        let (fname, fty) = (ident(&f.name), ty(&f.ty, here));
        quote! { #fname: #fty }
    });
    let values = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        match f.presence {
            Presence::Required => quote! { #fname },
            Presence::Optional | Presence::OptionalNullable => quote! { #fname: None },
            Presence::Defaulted => quote! { #fname: Default::default() },
        }
    });
    let additional = s.additional.as_ref().map(|_| quote! { additional_properties: Default::default(), });
    let docs = doc_own(&format!("A `{}` of its required fields; the others are left out.", unraw(&name.to_string())));
    // A schema with many required properties is what it is; users' clippy need not say so.
    let allow = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        impl #name {
            #docs
            #allow
            pub fn new(#( #args ),*) -> Self {
                #name { #( #values, )* #additional }
            }
        }
    }
}

fn string_enum(name: &proc_macro2::Ident, e: &StringEnum, derive: TokenStream) -> TokenStream {
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<_> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let Some(unknown) = &e.unknown else {
        // A one-value `const`: the derive is exact, and the only value is the default.
        let first = &variants[0];
        let rest = &variants[1..];
        let first_wire = wires[0];
        let rest_wires = &wires[1..];
        return quote! {
            #derive
            pub enum #name {
                #[default]
                #[serde(rename = #first_wire)]
                #first,
                #( #[serde(rename = #rest_wires)] #rest, )*
            }
        };
    };
    let unknown = ident(unknown);
    // serde's untagged last variant (serde ≥ 1.0.181) keeps any other string, so the derive suffices.
    quote! {
        #derive
        pub enum #name {
            #( #[serde(rename = #wires)] #variants, )*
            /// A value this client does not know.
            #[serde(untagged)]
            #unknown(::std::string::String),
        }

        impl #name {
            /// The value as it is on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#unknown(value) => value,
                }
            }
        }
    }
}

fn tagged(name: &proc_macro2::Ident, u: &TaggedUnion, here: &Paths, derive: TokenStream) -> TokenStream {
    let tag = &u.tag;
    let unknown = ident(&u.unknown);
    let variants = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let vty = ty(&Ty::Named(v.ty.clone()), here);
        quote! { #vname(#vty), }
    });
    let helper = ident(&u.helper);
    let ser_arms = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let value = &v.tag_value;
        if v.tag_in_body {
            quote! { Self::#vname(value) => ::serde::Serialize::serialize(value, serializer), }
        } else {
            quote! { Self::#vname(value) => ::serde::Serialize::serialize(&tags::#helper { tag: #value, value }, serializer), }
        }
    });
    let de_arms = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let value = &v.tag_value;
        let strip = if v.tag_in_body {
            quote! { ::std::option::Option::None }
        } else {
            quote! { ::std::option::Option::Some(#tag) }
        };
        quote! { #value => tags::variant(value, #strip).map(Self::#vname), }
    });
    let type_name = name.to_string();
    let unknown_doc = format!(" A `{tag}` this client does not know; the whole object as received.");
    quote! {
        #derive
        pub enum #name {
            #( #variants )*
            #[doc = #unknown_doc]
            #unknown(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( #ser_arms )*
                    Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = tags::tag_of(&value, #tag, #type_name)?;
                match tag.as_str() {
                    #( #de_arms )*
                    _ => ::std::result::Result::Ok(Self::#unknown(value)),
                }
            }
        }
    }
}

fn untagged(name: &proc_macro2::Ident, vs: &[UntaggedVariant], here: &Paths, derive: TokenStream) -> TokenStream {
    let variants = vs.iter().map(|v| {
        let vname = ident(&v.name);
        let vty = ty(&v.ty, here);
        quote! { #vname(#vty), }
    });
    quote! {
        #derive
        #[serde(untagged)]
        pub enum #name {
            #( #variants )*
        }
    }
}

/// One `Tag…` struct per distinct tag property name, and the shared dispatch helpers.
fn tag_helpers(api: &Api) -> TokenStream {
    let mut tags: Vec<(&str, &str)> = api
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Tagged(u) if u.variants.iter().any(|v| !v.tag_in_body) => {
                Some((u.tag.as_str(), u.helper.as_str()))
            }
            _ => None,
        })
        .collect();
    let any_tagged = api.types.iter().any(|t| matches!(t.kind, TypeKind::Tagged(_)));
    if !any_tagged {
        return TokenStream::new();
    }
    tags.sort_unstable();
    tags.dedup();
    let structs = tags.iter().map(|(tag, helper)| {
        let helper = ident(helper);
        quote! {
            #[derive(::serde::Serialize)]
            pub(super) struct #helper<'a, T> {
                #[serde(rename = #tag)]
                pub(super) tag: &'a str,
                #[serde(flatten)]
                pub(super) value: &'a T,
            }
        }
    });
    let shared = Part::Tags.tokens();
    quote! {
        /// Reading and writing the tag of discriminated unions.
        mod tags {
            #( #structs )*

            #shared
        }
    }
}

fn validation_module(patterns: bool) -> TokenStream {
    let body = Part::Validation.tokens();
    let pattern = patterns.then(|| Part::Pattern.tokens());
    quote! {
        /// Checks of the constraints a spec states (lengths, bounds, sizes) on request bodies.
        pub mod validation { #body #pattern }
    }
}

fn validate_impl(api: &Api, t: &TypeDef) -> TokenStream {
    let name = ident(&t.name);
    let validates = |n: &str| api.type_named(n).is_some_and(|t| t.validate);
    let arm = |vname: &str| {
        let vname = ident(vname);
        quote! { Self::#vname(value) => validation::Validate::validate_at(value, pointer), }
    };
    // Whether `pointer` is read: an unused parameter would be a warning in the user's crate.
    let (body, reads_pointer) = match &t.kind {
        TypeKind::Struct(s) => {
            let checks: Vec<TokenStream> = s.fields.iter().filter_map(|f| field_checks(f, &validates)).collect();
            let reads = !checks.is_empty();
            (quote! { #( #checks )* ::std::result::Result::Ok(()) }, reads)
        }
        TypeKind::Tagged(u) => {
            let arms: Vec<TokenStream> = u.variants.iter().filter(|v| validates(&v.ty)).map(|v| arm(&v.name)).collect();
            let rest = (arms.len() < u.variants.len() + 1).then(|| quote! { _ => ::std::result::Result::Ok(()), });
            (quote! { match self { #( #arms )* #rest } }, !arms.is_empty())
        }
        TypeKind::Untagged(vs) => {
            let arms: Vec<TokenStream> = vs
                .iter()
                .filter(|v| crate::ir::named_in(&v.ty).iter().any(|n| validates(n)))
                .map(|v| arm(&v.name))
                .collect();
            let rest = (arms.len() < vs.len()).then(|| quote! { _ => ::std::result::Result::Ok(()), });
            (quote! { match self { #( #arms )* #rest } }, !arms.is_empty())
        }
        TypeKind::Newtype(_) => (quote! { validation::Validate::validate_at(&self.0, pointer) }, true),
        TypeKind::Enum(_) | TypeKind::Alias(_) => return TokenStream::new(),
    };
    let pointer = if reads_pointer { ident("pointer") } else { ident("_pointer") };
    quote! {
        impl validation::Validate for #name {
            fn validate_at(&self, #pointer: &str) -> ::std::result::Result<(), validation::ValidationError> {
                #body
            }
        }

        impl #name {
            /// Checks the constraints the spec states for this request type.
            pub fn validate(&self) -> ::std::result::Result<(), validation::ValidationError> {
                validation::Validate::validate_at(self, "")
            }
        }
    }
}

/// The checks of one field, or `None` when it has nothing to check.
fn field_checks(f: &Field, validates: &dyn Fn(&str) -> bool) -> Option<TokenStream> {
    let (inner, options) = f.ty.inside_options();
    let own: Vec<TokenStream> = f
        .checks
        .iter()
        .filter_map(|c| check(c, inner, quote! { value }, quote! { &at }))
        .map(|c| quote! { #c?; })
        .collect();
    let items: Vec<TokenStream> = match inner {
        Ty::Vec(item) => f
            .item_checks
            .iter()
            .filter_map(|c| check(c, item, quote! { item }, quote! { &::std::format!("{at}/{i}") }))
            .map(|c| quote! { #c?; })
            .collect(),
        _ => Vec::new(),
    };
    let nested = crate::ir::named_in(inner).iter().any(|n| validates(n));
    if own.is_empty() && items.is_empty() && !nested {
        return None;
    }
    let fname = ident(&f.name);
    let pointer =
        format!("{{pointer}}/{}", f.wire.replace('~', "~0").replace('/', "~1").replace('{', "{{").replace('}', "}}"));
    let items = (!items.is_empty()).then(|| {
        quote! {
            for (i, item) in value.iter().enumerate() {
                #( #items )*
            }
        }
    });
    let nested = nested.then(|| quote! { validation::Validate::validate_at(value, &at)?; });
    let body = quote! {
        let at = ::std::format!(#pointer);
        #( #own )*
        #items
        #nested
    };
    Some(match options {
        0 => quote! { { let value = &self.#fname; #body } },
        1 => quote! { if let ::std::option::Option::Some(value) = &self.#fname { #body } },
        _ => quote! { if let ::std::option::Option::Some(::std::option::Option::Some(value)) = &self.#fname { #body } },
    })
}

/// One constraint on `value` of type `t`, as an expression of type `Result<(), ValidationError>`;
/// `None` when the constraint does not apply to that type. The checks are functions of a module
/// `validation` in scope.
pub(super) fn check(c: &Check, t: &Ty, value: TokenStream, at: TokenStream) -> Option<TokenStream> {
    let len = |what: &str| -> Option<(TokenStream, &'static str)> {
        match (t, what) {
            (Ty::String, "chars") => Some((quote! { #value.chars().count() }, "characters")),
            (Ty::Vec(_), "items") => Some((quote! { #value.len() }, "items")),
            (Ty::JsonMap | Ty::Map(_), "props") => Some((quote! { #value.len() }, "properties")),
            _ => None,
        }
    };
    let number = match t {
        Ty::I8 | Ty::I16 | Ty::I32 | Ty::U8 | Ty::U16 | Ty::U32 | Ty::F32 => Some(quote! { f64::from(*#value) }),
        Ty::F64 => Some(quote! { *#value }),
        // Bounds are compared as f64: exact for every bound a spec writes in practice (< 2^53).
        Ty::I64 | Ty::U64 => Some(quote! { *#value as f64 }),
        _ => None,
    };
    Some(match c {
        Check::MinLength(n) | Check::MinItems(n) | Check::MinProperties(n) => {
            let (len, what) = len(match c {
                Check::MinLength(_) => "chars",
                Check::MinItems(_) => "items",
                _ => "props",
            })?;
            let n = Literal::u64_unsuffixed(*n);
            quote! { validation::min_len(#len, #n, #what, #at) }
        }
        Check::MaxLength(n) | Check::MaxItems(n) | Check::MaxProperties(n) => {
            let (len, what) = len(match c {
                Check::MaxLength(_) => "chars",
                Check::MaxItems(_) => "items",
                _ => "props",
            })?;
            let n = Literal::u64_unsuffixed(*n);
            quote! { validation::max_len(#len, #n, #what, #at) }
        }
        Check::Minimum { value: min, exclusive } => {
            let number = number?;
            let min = Literal::f64_unsuffixed(*min);
            quote! { validation::minimum(#number, #min, #exclusive, #at) }
        }
        Check::Maximum { value: max, exclusive } => {
            let number = number?;
            let max = Literal::f64_unsuffixed(*max);
            quote! { validation::maximum(#number, #max, #exclusive, #at) }
        }
        Check::MultipleOf(divisor) => {
            let number = number?;
            let divisor = Literal::f64_unsuffixed(*divisor);
            quote! { validation::multiple_of(#number, #divisor, #at) }
        }
        Check::Pattern(p) if *t == Ty::String => quote! {
            {
                static COMPILED: ::std::sync::OnceLock<::std::option::Option<::regex::Regex>> = ::std::sync::OnceLock::new();
                validation::pattern(#value, &COMPILED, #p, #at)
            }
        },
        Check::UniqueItems if matches!(t, Ty::Vec(_)) => quote! { validation::unique_items(#value, #at) },
        Check::Pattern(_) | Check::UniqueItems => return None,
    })
}
