//! Lowering: the typed document (`openapiv3`) to the IR. Component and inline schemas become
//! types, operations and security schemes become methods and credentials, every name decided
//! once, in a scope, before anything is emitted.

mod analysis;
mod convert;
mod doc;
pub mod names;
mod naming;
mod operations;
mod servers;
mod view;
mod walk;

pub use operations::generated_names;

use crate::diagnostic::Diagnostics;
use crate::ir::Api;

/// The 3.1 `webhooks` the repair stage set aside (`openapiv3` has no field for them).
fn webhooks(api: &openapiv3::OpenAPI, diags: &mut Diagnostics) -> Vec<(String, openapiv3::PathItem)> {
    let Some(value) = api.extensions.get(crate::repair::markers::Marker::Webhooks.key()) else { return Vec::new() };
    match serde_json::from_value::<indexmap::IndexMap<String, openapiv3::ReferenceOr<openapiv3::PathItem>>>(
        value.clone(),
    ) {
        Ok(map) => map
            .into_iter()
            .filter_map(|(name, item)| match item {
                openapiv3::ReferenceOr::Item(item) => Some((name, item)),
                openapiv3::ReferenceOr::Reference { .. } => None,
            })
            .collect(),
        Err(e) => {
            diags.warn("/webhooks", format!("webhooks could not be read ({e}); their payload types are not generated"));
            Vec::new()
        }
    }
}

/// Builds the IR of a typed document. What cannot be represented is a diagnostic; it fails only
/// when the spec passes one of the limits of `options`.
pub fn build(
    api: &openapiv3::OpenAPI,
    options: &crate::Options,
    diags: &mut Diagnostics,
) -> Result<Api, crate::Exceeded> {
    let webhooks = webhooks(api, diags);
    let doc = doc::Doc::new(api);
    let analysis = analysis::analyse(&doc, diags);
    // Inline types are named after their parents and rarely land on a prelude name; when one does,
    // the scope moves it on like any other taken name.
    let mut scope = names::Scope::with_reserved(names::PRELUDE_TYPES);
    let component_names = naming::name_components(&doc, &analysis, &options.rename, &mut scope, diags);
    let mut conv = convert::Converter::new(&doc, &analysis, &component_names, &mut scope, diags, options);
    for (raw, node) in doc.schemas() {
        conv.component(raw, node);
    }
    let built = operations::build(&mut conv);
    for (name, item) in &webhooks {
        let place = format!("{}Webhook", names::type_ident(name).trim_start_matches("r#"));
        operations::payload_types(&mut conv, item, &place, &crate::json::push_token("/webhooks", name));
    }
    let mut types = conv.finish()?;
    let max_types = options.limits.max_types();
    if types.len() as u64 > max_types {
        return Err(crate::Exceeded::new("Rust types", max_types, "max-types", "/components/schemas"));
    }
    crate::ir::box_cycles(&mut types);
    if options.double_option.is_none() {
        crate::ir::three_states(&mut types, &built.operations);
    }
    crate::ir::mark_validated(&mut types, &built.operations);
    types.sort_by(|a, b| a.name.cmp(&b.name));
    crate::ir::decide_derives(&mut types, &options.derives, diags);
    let mut ir = Api {
        title: api.info.title.clone(),
        version: api.info.version.clone(),
        description: api.info.description.clone(),
        types,
        operations: Vec::new(),
        credentials: built.credentials,
        slots: built.slots,
        servers: servers::servers(api, diags),
    };
    let mut operations = built.operations;
    for body in operations.iter_mut().flat_map(|op| op.bodies_mut()) {
        body.validate = crate::ir::named_in(&body.ty).iter().any(|n| ir.type_named(n).is_some_and(|t| t.validate));
    }
    ir.operations = operations;
    Ok(ir)
}
