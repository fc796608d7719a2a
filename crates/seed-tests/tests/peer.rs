//! The generated `askui-workspaces` client against a live FastAPI + pydantic v2
//! peer (`peer/app.py`) built the way the real service is.
//!
//! All tests share one server (`Peer::shared()`) and run in parallel: each uses
//! execution ids of its own (see the table at the top of `peer/app.py`), so
//! none needs to reset the peer's state.

use askui_workspaces::client::{Error, OperationError, UpdateAgentExecutionError};
use askui_workspaces::models::{
    AgentExecution, AgentExecutionCancel, AgentExecutionConfirm, AgentExecutionPendingReview, AgentExecutionState,
    AgentExecutionStateDeliveredToDestinationInput, AgentExecutionUpdateCommand, AgentExecutionUpdateCommandState,
    DataDestinationDelivery,
};
use askui_workspaces::Client;
use chrono::{DateTime, TimeZone, Utc};
use reqwest::StatusCode;
use seed_tests::Peer;
use serde_json::{json, Map, Value};
use uuid::Uuid;

// ---------------------------------------------------------------------------
// Fixed data of peer/app.py
// ---------------------------------------------------------------------------

const WORKSPACE_ID: &str = "7d3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
const AGENT_WITH_SCHEMA: &str = "a1b2c3d4-0000-4000-8000-00000000a001";
/// Not seeded: 404.
const UNKNOWN_ID: &str = "0a0a0a0a-0000-4000-8000-000000000404";
/// Peer-only: 503 with `Retry-After: 7` and `X-Peer-Fault: maintenance`.
const FAULT_UNAVAILABLE: &str = "f0f0f0f0-0000-4000-8000-0000000000f1";
/// Peer-only: 200 with a body that is no `AgentExecution`.
const FAULT_UNDECODABLE: &str = "f0f0f0f0-0000-4000-8000-0000000000f3";
/// Peer-only: 200 with a state whose status is `ARCHIVED`.
const FAULT_UNKNOWN_STATUS: &str = "f0f0f0f0-0000-4000-8000-0000000000f4";

const TOKEN: &str = "peer-test-token";

/// Seeded execution `e0e0e0e0-0000-4000-8000-0000000000NN`.
fn exec(n: u64) -> Uuid {
    id(&format!("e0e0e0e0-0000-4000-8000-{n:012x}"))
}

fn id(text: &str) -> Uuid {
    Uuid::parse_str(text).expect("a valid UUID")
}

fn seed_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap()
}

/// The seeded `dataExtracted` of execution `n`.
fn seeded_extracted(n: u64) -> Map<String, Value> {
    object(json!({"invoiceNumber": format!("INV-{n:03X}"), "total": 42.5}))
}

/// The seeded `dataConfirmed` of CONFIRMED execution `n`.
fn seeded_confirmed(n: u64) -> Map<String, Value> {
    object(json!({"invoiceNumber": format!("INV-{n:03X}"), "total": 42.5, "currency": "EUR"}))
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn peer() -> &'static Peer {
    Peer::shared()
}

/// A client of the shared peer with a bearer token.
fn client() -> Client {
    Client::new(peer().base_url.clone()).with_bearer_token(TOKEN)
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn command(state: AgentExecutionUpdateCommandState) -> AgentExecutionUpdateCommand {
    AgentExecutionUpdateCommand { state }
}

fn pending_review(data: Value) -> AgentExecutionUpdateCommand {
    command(AgentExecutionUpdateCommandState::PendingReview(AgentExecutionPendingReview {
        data_extracted: object(data),
    }))
}

fn cancel() -> AgentExecutionUpdateCommand {
    command(AgentExecutionUpdateCommandState::Canceled(AgentExecutionCancel {}))
}

fn confirm(data: Value) -> AgentExecutionUpdateCommand {
    command(AgentExecutionUpdateCommandState::Confirmed(AgentExecutionConfirm { data_confirmed: object(data) }))
}

fn deliver(deliveries: Option<Vec<DataDestinationDelivery>>) -> AgentExecutionUpdateCommand {
    command(AgentExecutionUpdateCommandState::DeliveredToDestination(AgentExecutionStateDeliveredToDestinationInput {
        deliveries,
    }))
}

seed_tests::delivery_builders!();

/// What the peer recorded of the last PATCH to `execution`.
async fn last_request(execution: Uuid) -> Value {
    let url = peer().url(&format!("/__peer__/last-request?id={execution}"));
    let response = reqwest::get(&url).await.expect("GET /__peer__/last-request");
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    response.json().await.expect("a JSON record")
}

/// The Authorization header values the peer saw on the last PATCH to `execution`.
async fn authorization_seen(execution: Uuid) -> Vec<String> {
    let record = last_request(execution).await;
    assert_eq!(record["seen"], json!(true), "the peer saw no PATCH: {record}");
    record["authorization"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

/// The raw body text the peer received on the last PATCH to `execution`.
async fn raw_body_seen(execution: Uuid) -> String {
    let record = last_request(execution).await;
    assert_eq!(record["seen"], json!(true), "the peer saw no PATCH: {record}");
    record["rawBody"].as_str().expect("a raw body").to_owned()
}

fn occurrences(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Common checks of a 200 `AgentExecution` for seeded execution `n`.
fn assert_execution(execution: &AgentExecution, n: u64, agent: &str) {
    assert_eq!(execution.id, Some(exec(n)));
    assert_eq!(execution.agent_id, id(agent));
    assert_eq!(execution.workspace_id, id(WORKSPACE_ID));
    assert_eq!(execution.created_at, Some(seed_time()));
    let updated = execution.updated_at.expect("updatedAt is sent");
    assert!(updated > seed_time(), "updatedAt {updated} not after the seed time");
}

/// The parsed `detail` of an error body of the form `{"detail": ...}`.
fn detail(body: &str) -> Value {
    let value: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("the error body is no JSON ({e}): {body}"));
    value["detail"].clone()
}

// ---------------------------------------------------------------------------
// 200: every request variant
// ---------------------------------------------------------------------------

#[tokio::test]
async fn pending_review_returns_the_new_extracted_data() {
    let sent = json!({"invoiceNumber": "INV-NEW", "total": 10, "lines": [{"sku": "A-1"}]});
    let execution =
        client().update_agent_execution(exec(0x01), &pending_review(sent.clone())).await.expect("200").into_body();

    assert_execution(&execution, 0x01, AGENT_WITH_SCHEMA);
    match execution.state {
        AgentExecutionState::PendingReview(state) => {
            assert_eq!(state.data_extracted, object(sent));
        }
        other => panic!("expected PENDING_REVIEW, got {other:?}"),
    }
}

#[tokio::test]
async fn cancel_without_extracted_data_answers_null_data() {
    // Execution 02 is PENDING_INPUTS: it has no extracted data, the peer
    // answers `"dataExtracted": null`.
    let execution = client().update_agent_execution(exec(0x02), &cancel()).await.expect("200").into_body();

    assert_execution(&execution, 0x02, AGENT_WITH_SCHEMA);
    match execution.state {
        AgentExecutionState::Canceled(state) => assert_eq!(state.data_extracted, None),
        other => panic!("expected CANCELED, got {other:?}"),
    }
}

#[tokio::test]
async fn cancel_keeps_the_extracted_data() {
    let execution = client().update_agent_execution(exec(0x03), &cancel()).await.expect("200").into_body();

    assert_execution(&execution, 0x03, AGENT_WITH_SCHEMA);
    match execution.state {
        AgentExecutionState::Canceled(state) => {
            assert_eq!(state.data_extracted, Some(seeded_extracted(0x03)));
        }
        other => panic!("expected CANCELED, got {other:?}"),
    }
}

#[tokio::test]
async fn confirm_returns_extracted_and_confirmed_data() {
    let sent = json!({"invoiceNumber": "INV-004-FIXED", "total": 43, "currency": "CHF"});
    let execution = client().update_agent_execution(exec(0x04), &confirm(sent.clone())).await.expect("200").into_body();

    assert_execution(&execution, 0x04, AGENT_WITH_SCHEMA);
    match execution.state {
        AgentExecutionState::Confirmed(state) => {
            assert_eq!(state.data_extracted, seeded_extracted(0x04));
            assert_eq!(state.data_confirmed, object(sent));
        }
        other => panic!("expected CONFIRMED, got {other:?}"),
    }
}

#[tokio::test]
async fn deliver_to_an_askui_workflow() {
    let deliveries = vec![workflow("schedule-0005")];
    let execution =
        client().update_agent_execution(exec(0x05), &deliver(Some(deliveries.clone()))).await.expect("200").into_body();

    assert_execution(&execution, 0x05, AGENT_WITH_SCHEMA);
    match execution.state {
        AgentExecutionState::DeliveredToDestination(state) => {
            assert_eq!(state.data_extracted, seeded_extracted(0x05));
            assert_eq!(state.data_confirmed, seeded_confirmed(0x05));
            assert_eq!(state.deliveries, Some(deliveries));
            match &state.deliveries.as_deref().unwrap()[0] {
                DataDestinationDelivery::AskuiWorkflow(w) => {
                    assert_eq!(w.schedule_id, "schedule-0005")
                }
                other => panic!("expected ASKUI_WORKFLOW, got {other:?}"),
            }
        }
        other => panic!("expected DELIVERED_TO_DESTINATION, got {other:?}"),
    }
}

#[tokio::test]
async fn deliver_to_a_webhook_and_a_workflow() {
    let deliveries = vec![
        webhook(201, &[("content-type", "application/json"), ("x-trace-id", "abc-123")], r#"{"accepted":true}"#),
        workflow("schedule-0006"),
    ];
    let execution =
        client().update_agent_execution(exec(0x06), &deliver(Some(deliveries.clone()))).await.expect("200").into_body();

    assert_execution(&execution, 0x06, AGENT_WITH_SCHEMA);
    let state = match execution.state {
        AgentExecutionState::DeliveredToDestination(state) => state,
        other => panic!("expected DELIVERED_TO_DESTINATION, got {other:?}"),
    };
    assert_eq!(state.data_extracted, seeded_extracted(0x06));
    assert_eq!(state.data_confirmed, seeded_confirmed(0x06));
    let got = state.deliveries.expect("deliveries are sent back");
    assert_eq!(got, deliveries);
    match &got[0] {
        DataDestinationDelivery::Webhook(w) => {
            assert_eq!(w.response.status_code, 201);
            assert_eq!(w.response.headers["x-trace-id"], "abc-123");
            assert_eq!(w.response.body, r#"{"accepted":true}"#);
        }
        other => panic!("expected WEBHOOK first, got {other:?}"),
    }
    assert!(matches!(&got[1], DataDestinationDelivery::AskuiWorkflow(w) if w.schedule_id == "schedule-0006"));
}

#[tokio::test]
async fn deliver_without_deliveries_omits_the_field() {
    // The spec's `deliveries` is optional but not nullable: pydantic refuses
    // `"deliveries": null` (422), so `None` must leave the field out.
    let result = client().update_agent_execution(exec(0x0a), &deliver(None)).await;
    let raw = raw_body_seen(exec(0x0a)).await;
    let execution = result.unwrap_or_else(|e| panic!("expected 200, got {e:?}; sent {raw}")).into_body();

    assert!(!raw.contains("deliveries"), "sent {raw}");
    assert_execution(&execution, 0x0a, AGENT_WITH_SCHEMA);
    match execution.state {
        AgentExecutionState::DeliveredToDestination(state) => {
            assert_eq!(state.data_extracted, seeded_extracted(0x0a));
            assert_eq!(state.data_confirmed, seeded_confirmed(0x0a));
            assert_eq!(state.deliveries, Some(vec![]));
        }
        other => panic!("expected DELIVERED_TO_DESTINATION, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_response_status_is_kept_as_unknown() {
    let execution = client()
        .update_agent_execution(id(FAULT_UNKNOWN_STATUS), &cancel())
        .await
        .expect("200 with an unknown state")
        .into_body();

    assert_eq!(execution.id, Some(id(FAULT_UNKNOWN_STATUS)));
    match execution.state {
        AgentExecutionState::Unknown(value) => {
            assert_eq!(value["status"], json!("ARCHIVED"), "{value}");
            assert_eq!(value["archivedBy"], json!("peer"), "{value}");
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Documented errors: 400, 404, 409, 422
// ---------------------------------------------------------------------------

#[tokio::test]
async fn failing_webhook_delivery_is_bad_request() {
    let request = deliver(Some(vec![workflow("schedule-0007"), webhook(502, &[], "upstream down")]));
    let err = client().update_agent_execution(exec(0x07), &request).await.expect_err("400");

    assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
    match err {
        Error::Api { error: UpdateAgentExecutionError::BadRequest(ref body), .. } => {
            assert_eq!(detail(body), json!("Could not deliver data to destination: webhook answered 502"));
            if let Error::Api { error: api, .. } = &err {
                assert_eq!(api.status(), StatusCode::BAD_REQUEST);
            }
        }
        other => panic!("expected Api(BadRequest), got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_execution_is_not_found() {
    let err = client().update_agent_execution(id(UNKNOWN_ID), &cancel()).await.expect_err("404");

    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    match err {
        Error::Api { error: UpdateAgentExecutionError::NotFound(body), .. } => {
            assert_eq!(detail(&body), json!("Agent execution not found"))
        }
        other => panic!("expected Api(NotFound), got {other:?}"),
    }
}

#[tokio::test]
async fn confirming_without_an_agent_schema_is_a_conflict() {
    // Execution 08 belongs to the agent without a schema.
    let err = client()
        .update_agent_execution(exec(0x08), &confirm(json!({"invoiceNumber": "INV-008"})))
        .await
        .expect_err("409");

    assert_eq!(err.status(), Some(StatusCode::CONFLICT));
    match err {
        Error::Api { error: UpdateAgentExecutionError::Conflict(body), .. } => {
            assert_eq!(detail(&body), json!("Agent schema not set"))
        }
        other => panic!("expected Api(Conflict), got {other:?}"),
    }
}

#[tokio::test]
async fn confirmed_data_failing_the_agent_schema_is_unprocessable() {
    let err = client()
        .update_agent_execution(exec(0x09), &confirm(json!({"invoiceNumber": "INV-009", "secret": "do not store"})))
        .await
        .expect_err("422");

    assert_eq!(err.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    match err {
        Error::Api { error: UpdateAgentExecutionError::UnprocessableEntity(body), .. } => {
            assert_eq!(
                detail(&body),
                json!({
                    "message": "Schema validation error",
                    "errors": [{
                        "pointer": "/secret",
                        "message": "additional property 'secret' is not allowed"
                    }]
                })
            );
        }
        other => panic!("expected Api(UnprocessableEntity), got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Undocumented statuses and undecodable bodies
// ---------------------------------------------------------------------------

#[tokio::test]
async fn missing_credentials_is_an_unexpected_401() {
    let execution = exec(0x11);
    let err = Client::new(peer().base_url.clone()).update_agent_execution(execution, &cancel()).await.expect_err("401");

    assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
    match err {
        Error::UnexpectedStatus(response) => {
            assert_eq!(response.status, StatusCode::UNAUTHORIZED);
            assert_eq!(response.headers.get("www-authenticate").map(|v| v.to_str().unwrap()), Some("Bearer"));
            assert_eq!(detail(&response.body), json!("Not authenticated"));
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert!(authorization_seen(execution).await.is_empty());
}

#[tokio::test]
async fn service_unavailable_is_an_unexpected_503_with_headers_and_body() {
    let err = client().update_agent_execution(id(FAULT_UNAVAILABLE), &cancel()).await.expect_err("503");

    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    match err {
        Error::UnexpectedStatus(response) => {
            assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(response.headers["retry-after"], "7");
            assert_eq!(response.headers["x-peer-fault"], "maintenance");
            assert_eq!(response.body, "peer: service unavailable (maintenance)");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn a_200_that_is_no_agent_execution_is_a_decode_error() {
    let err = client().update_agent_execution(id(FAULT_UNDECODABLE), &cancel()).await.expect_err("undecodable 200");

    assert_eq!(err.status(), Some(StatusCode::OK));
    match err {
        Error::Decode(decode) => {
            assert_eq!(decode.response.status, StatusCode::OK);
            let body: Value = serde_json::from_str(&decode.response.body).expect("the raw JSON body");
            assert_eq!(body["id"], json!(FAULT_UNDECODABLE));
            assert!(body.get("agentId").is_none());
            assert!(decode.source.to_string().contains("agentId"), "{}", decode.source);
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// What goes on the wire
// ---------------------------------------------------------------------------

#[tokio::test]
async fn confirm_body_has_one_status_tag_and_camel_case_fields() {
    let execution = exec(0x10);
    let data = json!({"invoiceNumber": "INV-010", "total": 1.25});
    client().update_agent_execution(execution, &confirm(data.clone())).await.expect("200");

    let raw = raw_body_seen(execution).await;
    assert_eq!(occurrences(&raw, "\"status\""), 1, "sent {raw}");
    assert!(!raw.contains("data_confirmed"), "sent {raw}");
    let body: Value = serde_json::from_str(&raw).expect("JSON");
    assert_eq!(body, json!({"state": {"status": "CONFIRMED", "dataConfirmed": data}}), "sent {raw}");
}

#[tokio::test]
async fn pending_review_and_cancel_bodies() {
    let review = exec(0x14);
    client().update_agent_execution(review, &pending_review(json!({"invoiceNumber": "INV-014"}))).await.expect("200");
    let raw = raw_body_seen(review).await;
    assert_eq!(occurrences(&raw, "\"status\""), 1, "sent {raw}");
    assert_eq!(
        serde_json::from_str::<Value>(&raw).unwrap(),
        json!({"state": {"status": "PENDING_REVIEW", "dataExtracted": {"invoiceNumber": "INV-014"}}}),
        "sent {raw}"
    );

    let canceled = exec(0x16);
    client().update_agent_execution(canceled, &cancel()).await.expect("200");
    let raw = raw_body_seen(canceled).await;
    assert_eq!(occurrences(&raw, "\"status\""), 1, "sent {raw}");
    assert_eq!(serde_json::from_str::<Value>(&raw).unwrap(), json!({"state": {"status": "CANCELED"}}), "sent {raw}");
}

#[tokio::test]
async fn delivery_body_has_camel_case_fields_and_type_tags() {
    let execution = exec(0x15);
    let request = deliver(Some(vec![workflow("schedule-0015"), webhook(200, &[("x-a", "1")], "ok")]));
    client().update_agent_execution(execution, &request).await.expect("200");

    let raw = raw_body_seen(execution).await;
    assert_eq!(occurrences(&raw, "\"status\""), 1, "sent {raw}");
    assert_eq!(occurrences(&raw, "\"type\""), 2, "sent {raw}");
    for snake in ["schedule_id", "status_code"] {
        assert!(!raw.contains(snake), "sent {raw}");
    }
    assert_eq!(
        serde_json::from_str::<Value>(&raw).unwrap(),
        json!({"state": {
            "status": "DELIVERED_TO_DESTINATION",
            "deliveries": [
                {"type": "ASKUI_WORKFLOW", "scheduleId": "schedule-0015"},
                {"type": "WEBHOOK", "response": {"statusCode": 200, "headers": {"x-a": "1"}, "body": "ok"}}
            ]
        }}),
        "sent {raw}"
    );
}

// ---------------------------------------------------------------------------
// Client-side validation
// ---------------------------------------------------------------------------

#[tokio::test]
async fn empty_confirmed_data_fails_validation_and_sends_nothing() {
    let execution = exec(0x12);
    let request = confirm(json!({}));

    let local = request.validate().expect_err("minProperties: 1");
    assert_eq!(local.pointer, "/state/dataConfirmed");

    let err = client().update_agent_execution(execution, &request).await.expect_err("invalid body");
    assert_eq!(err.status(), None);
    match err {
        Error::Validation(validation) => {
            assert_eq!(validation.pointer, "/state/dataConfirmed");
            assert_eq!(validation.message, local.message);
            assert!(!validation.to_string().is_empty());
        }
        other => panic!("expected Validation, got {other:?}"),
    }
    let record = last_request(execution).await;
    assert_eq!(record["seen"], json!(false), "the peer got {record}");
    assert_eq!(record["count"], json!(0), "the peer got {record}");
}

#[tokio::test]
async fn empty_extracted_data_fails_validation_and_sends_nothing() {
    let execution = exec(0x13);
    let err = client().update_agent_execution(execution, &pending_review(json!({}))).await.expect_err("invalid body");
    match err {
        Error::Validation(validation) => {
            assert_eq!(validation.pointer, "/state/dataExtracted")
        }
        other => panic!("expected Validation, got {other:?}"),
    }
    assert_eq!(last_request(execution).await["seen"], json!(false));

    // A valid body validates.
    assert!(pending_review(json!({"a": 1})).validate().is_ok());
    assert!(cancel().validate().is_ok());
    assert!(deliver(None).validate().is_ok());
}

// ---------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------

#[tokio::test]
async fn bearer_token_is_sent_as_bearer() {
    let execution = exec(0x19);
    let client = Client::new(peer().base_url.clone()).with_bearer_token("bearer-0019");
    client.clone().update_agent_execution(execution, &cancel()).await.expect("200");
    assert_eq!(authorization_seen(execution).await, ["Bearer bearer-0019"]);
}

#[tokio::test]
async fn api_key_is_sent_verbatim() {
    let execution = exec(0x1a);
    Client::new(peer().base_url.clone())
        .with_api_key("Basic dXNlcjpwYXNz")
        .update_agent_execution(execution, &cancel())
        .await
        .expect("200");
    assert_eq!(authorization_seen(execution).await, ["Basic dXNlcjpwYXNz"]);
}

#[tokio::test]
async fn api_key_set_after_bearer_token_wins() {
    let execution = exec(0x17);
    Client::new(peer().base_url.clone())
        .with_bearer_token("bearer-0017")
        .with_api_key("key-0017")
        .update_agent_execution(execution, &cancel())
        .await
        .expect("200");
    assert_eq!(authorization_seen(execution).await, ["key-0017"]);
}

#[tokio::test]
async fn bearer_token_set_after_api_key_wins() {
    let execution = exec(0x18);
    Client::new(peer().base_url.clone())
        .with_api_key("key-0018")
        .with_bearer_token("bearer-0018")
        .update_agent_execution(execution, &cancel())
        .await
        .expect("200");
    assert_eq!(authorization_seen(execution).await, ["Bearer bearer-0018"]);
}

#[tokio::test]
async fn custom_http_client_is_used_with_the_credentials() {
    let execution = exec(0x1b);
    let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(30)).build().unwrap();
    Client::new(peer().base_url.clone())
        .with_http_client(http)
        .with_bearer_token("bearer-001b")
        .update_agent_execution(execution, &cancel())
        .await
        .expect("200");
    assert_eq!(authorization_seen(execution).await, ["Bearer bearer-001b"]);
}

#[tokio::test]
async fn debug_output_hides_credentials() {
    let bearer = Client::new("http://127.0.0.1:1").with_bearer_token("s3cr3t-bearer-token");
    let shown = format!("{bearer:?}");
    assert!(!shown.contains("s3cr3t-bearer-token"), "{shown}");

    let api_key = Client::new("http://127.0.0.1:1").with_api_key("s3cr3t-api-key");
    let shown = format!("{api_key:?}");
    assert!(!shown.contains("s3cr3t-api-key"), "{shown}");
    let shown = format!("{:#?}", api_key.clone());
    assert!(!shown.contains("s3cr3t-api-key"), "{shown}");
}

// ---------------------------------------------------------------------------
// Transport failures
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_bad_base_url_is_a_request_error() {
    let err = Client::new("not a url")
        .with_bearer_token(TOKEN)
        .update_agent_execution(exec(0x01), &cancel())
        .await
        .expect_err("no URL");
    assert_eq!(err.status(), None);
    assert!(matches!(err, Error::Request(_)), "expected Request, got {err:?}");
}

#[tokio::test]
async fn a_closed_port_is_a_request_error() {
    let port = seed_tests::free_port();
    let err = Client::new(format!("http://127.0.0.1:{port}"))
        .with_bearer_token(TOKEN)
        .update_agent_execution(exec(0x01), &cancel())
        .await
        .expect_err("nothing listens");
    assert_eq!(err.status(), None);
    match err {
        Error::Request(e) => assert!(e.is_connect(), "expected a connect error, got {e:?}"),
        other => panic!("expected Request, got {other:?}"),
    }
}
