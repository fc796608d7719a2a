//! Small token helpers shared by the emitters.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, CredentialSlot, Ty};

/// An identifier from an IR name (which may be a raw `r#name`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = " line"]` per line of a description, made rustdoc-safe by [`super::docs`].
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return TokenStream::new() };
    let lines = super::docs::lines(text).into_iter().map(|l| if l.is_empty() { l } else { format!(" {l}") });
    quote! { #( #[doc = #lines] )* }
}

/// `#[doc = " line"]` per line of smelt's own text, which may hold intra-doc links.
pub fn doc_own(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

/// How a module names model types: bare inside `models`, through `super::models::` elsewhere.
/// Prelude types are always written bare: the IR gives no model type a prelude name.
pub struct Paths {
    pub models: TokenStream,
}

impl Paths {
    pub fn models() -> Self {
        Paths { models: TokenStream::new() }
    }

    pub fn client() -> Self {
        Paths { models: quote! { super::models:: } }
    }
}

/// The Rust type of an IR type.
pub fn ty(t: &Ty, paths: &Paths) -> TokenStream {
    let models = &paths.models;
    match t {
        Ty::Named(n) => {
            let n = ident(n);
            quote! { #models #n }
        }
        Ty::String => quote! { String },
        Ty::Bool => quote! { bool },
        Ty::I8 => quote! { i8 },
        Ty::I16 => quote! { i16 },
        Ty::I32 => quote! { i32 },
        Ty::I64 => quote! { i64 },
        Ty::U8 => quote! { u8 },
        Ty::U16 => quote! { u16 },
        Ty::U32 => quote! { u32 },
        Ty::U64 => quote! { u64 },
        Ty::File => quote! { #models binary::FilePart },
        Ty::F32 => quote! { f32 },
        Ty::F64 => quote! { f64 },
        Ty::Uuid => quote! { ::uuid::Uuid },
        Ty::DateTime => quote! { ::chrono::DateTime<::chrono::Utc> },
        Ty::Date => quote! { ::chrono::NaiveDate },
        Ty::Custom { rust_type, .. } => path_tokens(rust_type),
        Ty::Json => quote! { ::serde_json::Value },
        Ty::JsonMap => {
            let string = ty(&Ty::String, paths);
            quote! { ::serde_json::Map<#string, ::serde_json::Value> }
        }
        Ty::Map(inner) => {
            let (string, inner) = (ty(&Ty::String, paths), ty(inner, paths));
            quote! { ::std::collections::BTreeMap<#string, #inner> }
        }
        Ty::Vec(inner) => {
            let inner = ty(inner, paths);
            quote! { Vec<#inner> }
        }
        Ty::Option(inner) => {
            let inner = ty(inner, paths);
            quote! { Option<#inner> }
        }
        Ty::Tuple(items) => {
            let items = items.iter().map(|t| ty(t, paths));
            quote! { ( #( #items, )* ) }
        }
        Ty::Box(inner) => {
            let inner = ty(inner, paths);
            quote! { Box<#inner> }
        }
    }
}

/// A user-written path (`time::OffsetDateTime`, `schemars::JsonSchema`) as tokens, made absolute
/// (`::time::…`) so a generated item of the same name cannot shadow it.
pub fn path_tokens(path: &str) -> TokenStream {
    let relative = ["crate::", "super::", "self::", "::"].iter().any(|p| path.starts_with(p)) || !path.contains("::");
    let text = if relative { path.to_owned() } else { format!("::{path}") };
    text.parse().unwrap_or_else(|_| quote! { ::std::string::String })
}

/// The path of the models module as the client module sees it.
pub fn models_path() -> TokenStream {
    quote! { super::models:: }
}

/// The client's `Slot` variant a credential slot is written to.
pub fn slot_variant(slot: &CredentialSlot) -> Ident {
    ident(&slot.variant)
}

/// Whether a named type is written as an object (a struct), so a parameter of it spreads into keys.
pub fn is_object(api: &Api, t: &Ty) -> bool {
    match t {
        Ty::Named(n) => api.struct_named(n).is_some(),
        Ty::JsonMap | Ty::Map(_) => true,
        _ => false,
    }
}
