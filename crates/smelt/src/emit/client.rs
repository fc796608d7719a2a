//! The `client` module: `Client`, the shared `Error`, one async method and one error enum per
//! operation. Helpers are emitted once per crate, never per operation.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::util::{doc, ident, slot_variant};
use super::{operation, support};
use crate::ir::*;

pub fn client(api: &Api) -> TokenStream {
    let support = support::support(&support::Uses::of(api));
    let client = client_struct(api);
    let methods = api.operations.iter().map(|op| operation::methods(api, op));
    let errors = api.operations.iter().map(operation::error_enum);
    let responses = api.operations.iter().map(operation::response_enum);
    let params = api.operations.iter().map(operation::params_struct);
    let headers = api.operations.iter().map(operation::headers_struct);
    let basic = api.credentials.iter().any(|c| c.kind == CredentialKind::Basic).then(support::basic_auth_helper);
    quote! {
        #support
        #client

        impl Client {
            #( #methods )*
        }

        #( #errors )*
        #( #params )*
        #( #responses )*
        #( #headers )*
        #basic
    }
}

fn client_struct(api: &Api) -> TokenStream {
    let fields: Vec<Ident> = api.slots.iter().map(|s| ident(&s.field)).collect();
    let setters = api.credentials.iter().map(|c| {
        let method = ident(&c.method);
        let field = ident(&api.slots[c.slot].field);
        let slot = &api.slots[c.slot];
        let shared: Vec<&str> = api
            .credentials
            .iter()
            .filter(|o| o.slot == c.slot && o.method != c.method)
            .map(|o| o.method.as_str())
            .collect();
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
                match slot.location {
                    ParamLocation::Query => "query parameter",
                    ParamLocation::Cookie => "cookie",
                    _ => "header",
                },
                slot.wire,
                shared.join("`, `")
            ));
        }
        let docs = doc(Some(&text));
        match c.kind {
            CredentialKind::Bearer => quote! {
                #docs
                pub fn #method(mut self, token: impl Into<String>) -> Self {
                    self.#field = Some(Secret(format!("Bearer {}", token.into())));
                    self
                }
            },
            CredentialKind::ApiKey => quote! {
                #docs
                pub fn #method(mut self, key: impl Into<String>) -> Self {
                    self.#field = Some(Secret(key.into()));
                    self
                }
            },
            CredentialKind::Basic => quote! {
                #docs
                pub fn #method(mut self, username: &str, password: &str) -> Self {
                    self.#field = Some(Secret(basic_auth(username, password)));
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
            ParamLocation::Cookie => quote! { secret_header(request, "Cookie", &format!("{}={}", #wire, value.0)) },
            _ => quote! { secret_header(request, #wire, &value.0) },
        };
        quote! {
            Slot::#variant => if let Some(value) = &self.#field { #write } else { request },
        }
    });
    let slot_enum = (!api.slots.is_empty()).then(|| {
        quote! {
            /// Where a credential is written.
            #[derive(Debug, Clone, Copy)]
            enum Slot {
                #( #variants, )*
            }
        }
    });
    let authorize = (!api.slots.is_empty()).then(|| {
        quote! {
            fn authorize(&self, mut request: ::reqwest::RequestBuilder, slots: &[Slot]) -> ::reqwest::RequestBuilder {
                for slot in slots {
                    request = match slot {
                        #( #apply )*
                    };
                }
                request
            }
        }
    });
    // A document without operations (webhook payloads only) sends nothing: no sending helpers.
    let senders = (!api.operations.is_empty()).then(|| {
        quote! {
            fn http<E>(&self) -> Result<::reqwest::Client, Error<E>> {
                match &self.http {
                    Some(http) => Ok(http.clone()),
                    // Building failed in `new` (no TLS backend): build again to report why.
                    None => ::reqwest::Client::builder().build().map_err(Error::Request),
                }
            }

            fn url(&self, path: &str) -> String {
                format!("{}{}", self.base_url.trim_end_matches('/'), path)
            }
        }
    });
    let title = format!("A client for {} {}.", api.title, api.version);
    let docs =
        doc(Some(&format!("{title}{}", api.description.as_deref().map(|d| format!("\n\n{d}")).unwrap_or_default())));
    quote! {
        #docs
        #[derive(Clone)]
        pub struct Client {
            base_url: String,
            http: Option<::reqwest::Client>,
            #( #fields: Option<Secret>, )*
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
            pub fn new(base_url: impl Into<String>) -> Self {
                Client {
                    base_url: base_url.into(),
                    http: ::reqwest::Client::builder().build().ok(),
                    #( #fields: None, )*
                }
            }

            /// Uses `http` for every request (timeouts, proxies, TLS settings, middleware).
            pub fn with_http_client(mut self, http: ::reqwest::Client) -> Self {
                self.http = Some(http);
                self
            }

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            #( #setters )*

            #senders

            #authorize
        }
    }
}
