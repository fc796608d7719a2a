//! Emit: IR → token streams (quote). Names come from the IR as they are; nothing is renamed here.

mod client;
mod docs;
mod models;
mod operation;
mod roots;
mod support;
mod util;

use proc_macro2::TokenStream;

use crate::ir::Api;

pub use roots::{lib, module, recursion_limit};

/// The `models` module's items.
pub fn models(api: &Api) -> TokenStream {
    models::models(api)
}

/// `text` as rustdoc text on one line (a crate's title: `API [v2]` names no item).
pub fn doc_line(text: &str) -> String {
    docs::lines(text).iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The `client` module's items (refers to models as `super::models`).
pub fn client(api: &Api) -> TokenStream {
    client::client(api)
}
