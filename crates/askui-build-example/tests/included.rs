//! The module the build script generated and `src/lib.rs` included is usable: its models round-trip
//! through serde_json and its client builds requests.

use askui_build_example::client::Client;
use askui_build_example::models::{AgentExecution, AgentExecutionState, AgentExecutionUpdateCommand};
use serde_json::{json, Value};

#[test]
fn a_model_round_trips_through_json() {
    let input = json!({
        "id": "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d",
        "createdAt": "2024-05-01T12:00:00.123456Z",
        "agentId": "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed",
        "workspaceId": "6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b",
        "state": {
            "status": "PENDING_REVIEW",
            "dataExtracted": {"total": -0.5, "invoiceNumber": "RE-2024-000418", "reasons": ["Ωmega ≠ alpha"]}
        }
    });
    let execution: AgentExecution = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(execution.agent_id.to_string(), "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed");
    assert_eq!(execution.created_at.map(|t| t.timestamp_subsec_micros()), Some(123_456));
    assert!(matches!(execution.state, AgentExecutionState::PendingReview(_)), "{:?}", execution.state);
    let text = serde_json::to_string(&execution).unwrap();
    let output: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(output, input);
    // preserve_order: the extracted data keeps the order it came in.
    assert!(text.find("\"total\"") < text.find("\"invoiceNumber\""), "{text}");
}

#[test]
fn the_client_builds_and_makes_requests() {
    let client = Client::new("http://127.0.0.1:9").with_bearer_token("s3cret");
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
    assert!(!format!("{client:?}").contains("s3cret"));
    let body: AgentExecutionUpdateCommand = serde_json::from_value(json!({"state": {"status": "CANCELED"}})).unwrap();
    // Type-checks the call; the future is dropped unpolled, so nothing is sent.
    let request = client.update_agent_execution(uuid::Uuid::nil(), &body);
    drop(request);
}
