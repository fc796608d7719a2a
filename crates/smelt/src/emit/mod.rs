//! Emit: IR → token streams (quote). Names come from the IR as they are; nothing is renamed here.

mod client;
mod docs;
mod models;
mod operation;
mod support;
mod util;

use proc_macro2::TokenStream;

use crate::ir::Api;

/// The `models` module's items.
pub fn models(api: &Api) -> TokenStream {
    models::models(api)
}

/// The `client` module's items (refers to models as `super::models`).
pub fn client(api: &Api) -> TokenStream {
    client::client(api)
}
