//! IR: from the typed document to final names and shapes (see [`types`]).

mod analysis;
mod convert;
mod naming;
mod doc;
pub mod names;
pub(crate) mod types;
mod view;
mod walk;

pub use types::*;
pub use validation::named_in;
mod cycles;
mod operations;
mod validation;

use crate::diagnostic::Diagnostics;

/// Builds the IR of a typed document. Never fails: what cannot be represented is a diagnostic.
pub fn build(api: &openapiv3::OpenAPI, diags: &mut Diagnostics) -> Api {
    let doc = doc::Doc::new(api);
    let analysis = analysis::analyse(&doc, diags);
    let mut scope = names::Scope::new();
    let component_names = naming::name_components(&doc, &analysis, &mut scope, diags);
    let mut conv = convert::Converter::new(&doc, &analysis, &component_names, &mut scope, diags);
    for (raw, node) in doc.schemas() {
        conv.component(raw, node);
    }
    let built = operations::build(&mut conv);
    let mut types = std::mem::take(&mut conv.types);
    cycles::box_cycles(&mut types);
    validation::mark(&mut types, &built.operations);
    let mut operations = built.operations;
    for op in &mut operations {
        if let Some(body) = &mut op.body {
            body.validate = validation::named_in(&body.ty).iter().any(|n| types.iter().any(|t| &t.name == n && t.validate));
        }
    }
    types.sort_by(|a, b| a.name.cmp(&b.name));
    Api {
        title: api.info.title.clone(),
        version: api.info.version.clone(),
        description: api.info.description.clone(),
        types,
        operations,
        credentials: built.credentials,
        slots: built.slots,
    }
}
