//! The seed spec's IR says what the issue says it must: the names, variants and field types a
//! user of the AskUI client sees.

use smelt::ir::{Api, Derive, KnownDerive, Presence, Ty, TypeDef, TypeKind};

fn seed() -> Api {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/askui-workspaces.yaml");
    smelt::pipeline::prepare(&spec).unwrap_or_else(|e| panic!("{e}")).api
}

fn find<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
}

/// `(variant, wrapped type)` of a tagged union.
fn variants(api: &Api, name: &str) -> Vec<(String, String)> {
    match &find(api, name).kind {
        TypeKind::Tagged(u) => {
            assert_eq!(u.unknown, "Unknown");
            u.variants.iter().map(|v| (v.name.clone(), v.ty.clone())).collect()
        }
        other => panic!("{name} is not a tagged union: {other:?}"),
    }
}

fn fields(api: &Api, name: &str) -> Vec<(String, Ty)> {
    match &find(api, name).kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| (f.name.clone(), f.ty.clone())).collect(),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

fn opt(t: Ty) -> Ty {
    Ty::Option(Box::new(t))
}

#[test]
fn update_command_state_has_the_four_request_variants() {
    let api = seed();
    assert_eq!(
        fields(&api, "AgentExecutionUpdateCommand"),
        vec![("state".into(), Ty::Named("AgentExecutionUpdateCommandState".into()))]
    );
    assert_eq!(
        variants(&api, "AgentExecutionUpdateCommandState"),
        pairs(&[
            ("PendingReview", "AgentExecutionPendingReview"),
            ("Canceled", "AgentExecutionCancel"),
            ("Confirmed", "AgentExecutionConfirm"),
            ("DeliveredToDestination", "AgentExecutionStateDeliveredToDestinationInput"),
        ])
    );
}

#[test]
fn agent_execution_has_the_six_response_variants() {
    let api = seed();
    let dt = || opt(Ty::DateTime);
    assert_eq!(
        fields(&api, "AgentExecution"),
        vec![
            ("id".into(), opt(Ty::Uuid)),
            ("created_at".into(), dt()),
            ("updated_at".into(), dt()),
            ("agent_id".into(), Ty::Uuid),
            ("workspace_id".into(), Ty::Uuid),
            ("state".into(), Ty::Named("AgentExecutionState".into())),
        ]
    );
    assert_eq!(
        variants(&api, "AgentExecutionState"),
        pairs(&[
            ("PendingInputs", "AgentExecutionStatePendingInputs"),
            ("PendingDataExtraction", "AgentExecutionStatePendingDataExtraction"),
            ("PendingReview", "AgentExecutionStatePendingReview"),
            ("Canceled", "AgentExecutionStateCanceled"),
            ("Confirmed", "AgentExecutionStateConfirmed"),
            ("DeliveredToDestination", "AgentExecutionStateDeliveredToDestinationOutput"),
        ])
    );
}

#[test]
fn deliveries_share_one_union_named_by_the_common_prefix() {
    let api = seed();
    assert_eq!(
        variants(&api, "DataDestinationDelivery"),
        pairs(&[
            ("AskuiWorkflow", "DataDestinationDeliveryAskUiWorkflow"),
            ("Webhook", "DataDestinationDeliveryWebhook")
        ])
    );
    let deliveries = opt(Ty::Vec(Box::new(Ty::Named("DataDestinationDelivery".into()))));
    for owner in ["AgentExecutionStateDeliveredToDestinationInput", "AgentExecutionStateDeliveredToDestinationOutput"] {
        assert!(fields(&api, owner).contains(&("deliveries".into(), deliveries.clone())), "{owner}");
    }
}

#[test]
fn variant_only_schemas_drop_their_tag_and_tag_only_ones_derive_default() {
    let api = seed();
    let cancel = find(&api, "AgentExecutionCancel");
    match &cancel.kind {
        TypeKind::Struct(s) => assert!(s.fields.is_empty()),
        other => panic!("{other:?}"),
    }
    assert_eq!(cancel.derives, [Derive::Known(KnownDerive::Default)]);
    assert_eq!(
        fields(&api, "DataDestinationDeliveryWebhook"),
        vec![("response".into(), Ty::Named("WebhookResponse".into()))]
    );
    let canceled = match &find(&api, "AgentExecutionStateCanceled").kind {
        TypeKind::Struct(s) => s.fields[0].clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(canceled.presence, Presence::Optional);
    assert_eq!(canceled.ty, opt(Ty::JsonMap));
    assert_eq!(fields(&api, "WebhookResponse")[0], ("status_code".into(), Ty::I64));
    assert_eq!(fields(&api, "WebhookResponse")[1], ("headers".into(), Ty::Map(Box::new(Ty::String))));
}

#[test]
fn only_the_request_body_validates() {
    let api = seed();
    let validated: Vec<&str> = api.types.iter().filter(|t| t.validate).map(|t| t.name.as_str()).collect();
    assert_eq!(
        validated,
        [
            "AgentExecutionConfirm",
            "AgentExecutionPendingReview",
            "AgentExecutionUpdateCommand",
            "AgentExecutionUpdateCommandState"
        ]
    );
    let op = &api.operations[0];
    assert_eq!(op.name, "update_agent_execution");
    assert!(op.body.as_ref().is_some_and(|b| b.validate));
    let statuses: Vec<&str> = op.errors.iter().map(|e| e.variant.as_str()).collect();
    assert_eq!(statuses, ["BadRequest", "NotFound", "Conflict", "UnprocessableEntity"]);
    assert_eq!(api.slots.len(), 1, "both schemes write one Authorization slot");
    assert_eq!(
        api.credentials.iter().map(|c| c.method.as_str()).collect::<Vec<_>>(),
        ["with_bearer_token", "with_api_key"]
    );
}

#[test]
fn dangling_mappings_are_warnings_naming_the_resolution() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/askui-workspaces.yaml");
    let prepared = smelt::pipeline::prepare(&spec).unwrap_or_else(|e| panic!("{e}"));
    let dangling: Vec<String> = prepared
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("points at no schema"))
        .map(|d| format!("{}:{}", d.location.map_or(0, |l| l.line), d.pointer))
        .collect();
    assert_eq!(
        dangling,
        [
            "66:/components/schemas/AgentExecutionUpdateCommand/properties/state/discriminator/mapping/DELIVERED_TO_DESTINATION",
            "113:/components/schemas/AgentExecution/properties/state/discriminator/mapping/DELIVERED_TO_DESTINATION",
        ]
    );
}
