//! The `client` module: `Client`, the shared `Error`, one async method and one error enum per
//! operation. Helpers are emitted once per crate, never per operation.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::util::{doc, doc_own, ident, slot_variant};
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
            // Named after the headers they write, which often share a prefix (`X-Appwrite-…`).
            #[allow(clippy::enum_variant_names)]
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
    let (new_docs, server_methods, default_impl) = servers(api);
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

        #default_impl

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.base_url)
                    #( .field(::std::stringify!(#fields), &self.#fields) )*
                    .finish_non_exhaustive()
            }
        }

        impl Client {
            #new_docs
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

            #server_methods

            #( #setters )*

            #senders

            #authorize
        }
    }
}

/// The docs of `Client::new` (with the document's servers), `server_url` and `at_origin` (for its
/// first server), and `Default` (where that server is absolute).
fn servers(api: &Api) -> (TokenStream, TokenStream, TokenStream) {
    let mut text = "A client for the service at `base_url`, the full URL operation paths are appended to (e.g.
`https://api.example.com/v1`). Never fails: a bad URL is reported as [`Error::Request`] by the
first call."
        .to_owned();
    let Some(first) = api.servers.first() else { return (doc_own(&text), TokenStream::new(), TokenStream::new()) };
    text.push_str("\n\nThe servers of the spec:\n");
    // The spec's words are escaped (`doc`), smelt's own may link (`doc_own`).
    let list: Vec<String> = api
        .servers
        .iter()
        .map(|s| {
            let description = s.description.as_deref().map(|d| format!(": {}", one_line(d))).unwrap_or_default();
            format!("- `{}`{description}", s.url)
        })
        .collect();
    let constructor = if first.absolute {
        "\n[`Client::default`] is a client for the first, [`Client::at_origin`] for its path at another origin."
    } else {
        "\nThe first is a path: [`Client::at_origin`] makes a client for it at the origin that serves the service."
    };
    let new_docs = [doc_own(&text), doc(Some(&list.join("\n"))), doc_own(constructor)].into_iter().collect();

    let params: Vec<Ident> = first.variables.iter().map(|v| ident(&v.name)).collect();
    let pieces: Vec<TokenStream> = first
        .pieces
        .iter()
        .map(|p| match p {
            UrlPiece::Text(text) => quote! { #text },
            UrlPiece::Variable(at) => {
                let name = ident(&first.variables[*at].name);
                quote! { #name }
            }
        })
        .collect();
    let variables: Vec<String> = first
        .variables
        .iter()
        .map(|v| {
            let values =
                if v.values.is_empty() { String::new() } else { format!("; one of `{}`", v.values.join("`, `")) };
            let doc = v.doc.as_deref().map(|d| format!(": {}", one_line(d))).unwrap_or_default();
            format!("- `{}` (default `{}`{values}){doc}", unraw(&v.name), v.default)
        })
        .collect();
    let url_docs = if variables.is_empty() {
        doc(Some(&format!("The spec's first server, `{}`.", first.url)))
    } else {
        doc(Some(&format!(
            "The spec's first server, `{}`, with its variables set:\n\n{}",
            first.url,
            variables.join("\n")
        )))
    };
    let path = &first.default_path;
    let origin_docs = doc_own(&format!(
        "A client for the first server's path (`{path}`, its variables at their defaults) at `origin` (e.g.
`http://127.0.0.1:8000`)."
    ));
    let url = match pieces.as_slice() {
        [one] if params.is_empty() => quote! { #one.to_owned() },
        _ => quote! { [ #( #pieces ),* ].concat() },
    };
    let methods = quote! {
        #url_docs
        pub fn server_url(#( #params: &str ),*) -> String {
            #url
        }

        #origin_docs
        pub fn at_origin(origin: impl AsRef<str>) -> Self {
            Client::new(format!("{}{}", origin.as_ref().trim_end_matches('/'), #path))
        }
    };
    let default_impl = first.absolute.then(|| {
        let url = &first.default_url;
        let docs = doc_own(&format!("A client for the spec's first server, `{url}`."));
        quote! {
            impl Default for Client {
                #docs
                fn default() -> Self {
                    Client::new(#url)
                }
            }
        }
    });
    (new_docs, methods, default_impl.unwrap_or_default())
}

/// A description on one line of a list.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
