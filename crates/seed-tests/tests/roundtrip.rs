//! Serde round trips of the models generated from `specs/askui-workspaces.yaml`.
//!
//! Every variant of the three discriminated unions — the request state
//! (`AgentExecutionUpdateCommandState`, tag `status`), the response state
//! (`AgentExecutionState`, tag `status`) and the delivery
//! (`DataDestinationDelivery`, tag `type`) — is read from JSON written by hand
//! after the spec, checked field by field, written back and compared with the
//! input. Then come the edges: unknown tags, missing and non-string tags, known
//! tags with bodies that do not fit, absent optional fields, and `validate()`.
//!
//! The larger payloads live in `tests/fixtures/`.

use std::fmt::{Debug, Display};

use askui_workspaces::models::{
    AgentExecution, AgentExecutionCancel, AgentExecutionConfirm, AgentExecutionPendingReview, AgentExecutionState,
    AgentExecutionStateCanceled, AgentExecutionStateConfirmed, AgentExecutionStateDeliveredToDestinationInput,
    AgentExecutionStateDeliveredToDestinationOutput, AgentExecutionStatePendingDataExtraction,
    AgentExecutionStatePendingInputs, AgentExecutionStatePendingReview, AgentExecutionUpdateCommand,
    AgentExecutionUpdateCommandState, DataDestinationDelivery,
};
use chrono::{DateTime, TimeZone, Timelike, Utc};
use serde_json::{json, Map, Value};
use uuid::Uuid;

// ---------------------------------------------------------------------------
// The execution all response fixtures describe, at different stages
// ---------------------------------------------------------------------------

const EXECUTION_ID: &str = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
const AGENT_ID: &str = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
const WORKSPACE_ID: &str = "6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b";
const SCHEDULE_ID: &str = "sched_01HX9Q2Z7M4T8V";

/// `createdAt` of every response fixture: `2024-05-01T12:00:00.123456Z`.
fn created_at() -> DateTime<Utc> {
    utc(2024, 5, 1, 12, 0, 0, 123_456_000)
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("fixtures/", $name, ".json"))
    };
}

/// Unwraps one variant by pattern, or panics naming the pattern and the value.
macro_rules! expect_variant {
    ($value:expr, $pattern:pat => $out:expr) => {
        match $value {
            $pattern => $out,
            other => panic!("expected {}, got {other:?}", stringify!($pattern)),
        }
    };
}

/// The serde entry points of a generated type, without naming `serde` (the
/// seed-tests crate does not depend on it).
trait Wire: Sized + PartialEq + Debug {
    fn from_text(text: &str) -> serde_json::Result<Self>;
    fn from_json(value: Value) -> serde_json::Result<Self>;
    fn to_text(&self) -> String;
    fn to_json(&self) -> Value;
}

macro_rules! impl_wire {
    ($($ty:ty),* $(,)?) => {$(
        impl Wire for $ty {
            fn from_text(text: &str) -> serde_json::Result<Self> {
                serde_json::from_str(text)
            }
            fn from_json(value: Value) -> serde_json::Result<Self> {
                serde_json::from_value(value)
            }
            fn to_text(&self) -> String {
                serde_json::to_string(self).expect("serializes to text")
            }
            fn to_json(&self) -> Value {
                serde_json::to_value(self).expect("serializes to a Value")
            }
        }
    )*};
}

impl_wire!(
    AgentExecutionUpdateCommand,
    AgentExecution,
    AgentExecutionUpdateCommandState,
    AgentExecutionState,
    DataDestinationDelivery,
);

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("the test's JSON is invalid: {e}\n{text}"))
}

/// How often `"key":` occurs in compact JSON text. Counting in text sees a
/// duplicated key, which parsing into a `Value` would silently merge.
fn key_count(text: &str, key: &str) -> usize {
    text.matches(&format!("\"{key}\":")).count()
}

/// Reads `text` as a `T` (from text and from a `Value`, which must agree),
/// writes it back (to text and to a `Value`) and checks that
/// * the output is the input as a JSON value;
/// * the union tags `status` and `type` occur exactly as often as in the input,
///   i.e. once per union value (plus any keys of that name inside free-form data);
/// * under each pointer in `verbatim` (free-form data) the output has the same
///   text as the input: key order and numbers are unchanged.
fn round_trip<T: Wire>(text: &str, verbatim: &[&str]) -> T {
    let input = parse(text);
    let model = T::from_text(text).unwrap_or_else(|e| panic!("rejected: {e}\n{text}"));
    let from_value = T::from_json(input.clone()).unwrap_or_else(|e| panic!("rejected as a Value: {e}\n{text}"));
    assert_eq!(from_value, model, "reading a Value and reading text disagree");

    let written = model.to_text();
    let output = parse(&written);
    assert_eq!(output, input, "the text round trip changed the JSON; wrote\n{written}");
    assert_eq!(model.to_json(), input, "the Value round trip changed the JSON");

    let canonical_input = input.to_string();
    for tag in ["status", "type"] {
        assert_eq!(
            key_count(&written, tag),
            key_count(&canonical_input, tag),
            "`{tag}` is not written exactly once per union value; wrote\n{written}"
        );
    }
    for pointer in verbatim {
        let (Some(before), Some(after)) = (input.pointer(pointer), output.pointer(pointer)) else {
            panic!("no {pointer:?} in input or output; wrote\n{written}");
        };
        assert_eq!(after.to_string(), before.to_string(), "free-form data at {pointer:?} changed");
    }
    model
}

/// Every case must be rejected, from text and from a `Value`; all accepted
/// cases are listed in one panic.
fn assert_rejected<T, I, W, S>(cases: I)
where
    T: Wire,
    I: IntoIterator<Item = (W, S)>,
    W: Display,
    S: AsRef<str>,
{
    let mut accepted = Vec::new();
    for (why, text) in cases {
        let text = text.as_ref();
        if let Ok(model) = T::from_text(text) {
            accepted.push(format!("{why}: {text}\n    read as {model:?}"));
        } else if let Ok(model) = T::from_json(parse(text)) {
            accepted.push(format!("{why} (as a Value): {text}\n    read as {model:?}"));
        }
    }
    assert!(
        accepted.is_empty(),
        "{} accepted what it must reject:\n{}",
        std::any::type_name::<T>(),
        accepted.join("\n")
    );
}

/// Each text reads as the `Unknown` variant holding the whole object, and
/// writes back identically (same key order included).
fn assert_kept_raw<T: Wire>(texts: &[&str], raw: fn(&T) -> Option<&Value>) {
    for text in texts {
        let model = round_trip::<T>(text, &[""]);
        assert_eq!(raw(&model), Some(&parse(text)), "expected Unknown, got {model:?}");
    }
}

/// Writes `model` and checks the output against `expected`, with no `null`.
fn assert_written<T: Wire>(model: &T, expected: Value) {
    let written = model.to_text();
    assert!(!written.contains("null"), "wrote a null: {written}");
    assert_eq!(parse(&written), expected, "wrote\n{written}");
}

fn assert_valid(command: &AgentExecutionUpdateCommand) {
    if let Err(error) = command.validate() {
        panic!("{command:?} failed validation at {:?}: {}", error.pointer, error.message);
    }
}

/// Checks the keys of `map` in order and the values at some pointers into it.
fn assert_data(map: &Map<String, Value>, keys: &[&str], at: &[(&str, Value)]) {
    assert_eq!(map.keys().map(String::as_str).collect::<Vec<_>>(), keys, "key order");
    let map = Value::Object(map.clone());
    for (pointer, expected) in at {
        assert_eq!(map.pointer(pointer), Some(expected), "at {pointer}");
    }
}

fn uuid(text: &str) -> Uuid {
    Uuid::parse_str(text).expect("a valid UUID")
}

fn utc(year: i32, month: u32, day: u32, hour: u32, min: u32, sec: u32, nanos: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, min, sec).unwrap().with_nanosecond(nanos).unwrap()
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

seed_tests::delivery_builders!();

/// Round trips a request body, checks that it validates, returns its state.
fn command_state(text: &str, verbatim: &[&str]) -> AgentExecutionUpdateCommandState {
    let command: AgentExecutionUpdateCommand = round_trip(text, verbatim);
    assert_valid(&command);
    command.state
}

/// Round trips a response fixture of execution `EXECUTION_ID`, checks its
/// envelope, returns its state.
fn execution_state(text: &str, updated_at: DateTime<Utc>, verbatim: &[&str]) -> AgentExecutionState {
    let execution: AgentExecution = round_trip(text, verbatim);
    assert_eq!(execution.id, Some(uuid(EXECUTION_ID)));
    assert_eq!(execution.created_at, Some(created_at()));
    assert_eq!(execution.updated_at, Some(updated_at));
    assert_eq!(execution.agent_id, uuid(AGENT_ID));
    assert_eq!(execution.workspace_id, uuid(WORKSPACE_ID));
    execution.state
}

/// A response body with only the required fields, and `state`.
fn minimal_execution(state: Value) -> Value {
    json!({"agentId": AGENT_ID, "workspaceId": WORKSPACE_ID, "state": state})
}

fn command(state: AgentExecutionUpdateCommandState) -> AgentExecutionUpdateCommand {
    AgentExecutionUpdateCommand { state }
}

// ---------------------------------------------------------------------------
// Request state: every variant
// ---------------------------------------------------------------------------

#[test]
fn request_pending_review_round_trips() {
    let state = command_state(fixture!("request/pending_review"), &["/state/dataExtracted"]);
    let data = expect_variant!(state,
        AgentExecutionUpdateCommandState::PendingReview(AgentExecutionPendingReview { data_extracted }) => data_extracted);
    assert_data(
        &data,
        &[
            "invoiceNumber",
            "vendor",
            "issuedOn",
            "total",
            "taxRate",
            "discount",
            "tolerance",
            "lineItems",
            "matrix",
            "notes",
            "paid",
            "zebra",
            "alpha",
        ],
        &[
            ("/vendor/address/street", json!("Königstraße 12")),
            ("/total", json!(12345678.90123)),
            ("/discount", json!(0.1)),
            ("/tolerance", json!(1e-7)),
            ("/lineItems/0/description", json!("Schraube M4×20")),
            ("/lineItems/1/quantity", json!(u64::MAX)),
            ("/lineItems/1/unitPrice", json!(1.0)),
            ("/matrix/2/0", json!([0.1, "x", null, true])),
            ("/notes", Value::Null),
        ],
    );
}

#[test]
fn request_canceled_round_trips() {
    let state = command_state(r#"{"state": {"status": "CANCELED"}}"#, &[]);
    expect_variant!(state, AgentExecutionUpdateCommandState::Canceled(AgentExecutionCancel {}) => ());
}

/// The fixture has the tag after the body: dispatch must not depend on order.
#[test]
fn request_confirmed_round_trips() {
    let state = command_state(fixture!("request/confirmed"), &["/state/dataConfirmed"]);
    let data = expect_variant!(state,
        AgentExecutionUpdateCommandState::Confirmed(AgentExecutionConfirm { data_confirmed }) => data_confirmed);
    assert_data(
        &data,
        &[
            "orderId",
            "customer",
            "amountDue",
            "exchangeRate",
            "epsilon",
            "huge",
            "balance",
            "counter",
            "status",
            "tags",
            "positions",
            "emptyObject",
            "emptyList",
        ],
        &[
            ("/customer/city", json!("東京都千代田区")),
            ("/customer/contact", json!("佐藤 🚀")),
            ("/amountDue", json!(99999.99)),
            ("/epsilon", json!(5e-324)),
            ("/huge", json!(f64::MAX)),
            ("/balance", json!(i64::MIN)),
            ("/counter", json!(9_007_199_254_740_993_u64)),
            ("/status", json!("approved")),
            ("/tags/3", json!("é\u{0}")),
            ("/positions/0/weightKg", json!(0.30000000000000004)),
            ("/positions/1/dims/1/1", json!(-0.001)),
            ("/emptyObject", json!({})),
        ],
    );
}

#[test]
fn request_delivered_to_destination_round_trips() {
    let state = command_state(fixture!("request/delivered"), &[]);
    let deliveries = expect_variant!(state,
        AgentExecutionUpdateCommandState::DeliveredToDestination(
            AgentExecutionStateDeliveredToDestinationInput { deliveries }) => deliveries);
    let headers = [
        ("content-type", "application/json; charset=utf-8"),
        ("x-request-id", "req_8f14e45fceea167a"),
        ("retry-after", "0"),
    ];
    let body = r#"{"accepted":true,"type":"invoice","note":"grüße"}"#;
    assert_eq!(deliveries, Some(vec![workflow(SCHEDULE_ID), webhook(202, &headers, body)]));
}

#[test]
fn request_delivered_to_destination_without_deliveries_round_trips() {
    let state = command_state(r#"{"state": {"status": "DELIVERED_TO_DESTINATION"}}"#, &[]);
    let deliveries = expect_variant!(state,
        AgentExecutionUpdateCommandState::DeliveredToDestination(
            AgentExecutionStateDeliveredToDestinationInput { deliveries }) => deliveries);
    assert_eq!(deliveries, None);
}

// ---------------------------------------------------------------------------
// Response state: every variant
// ---------------------------------------------------------------------------

#[test]
fn response_pending_inputs_round_trips() {
    let state = execution_state(fixture!("response/pending_inputs"), created_at(), &[]);
    expect_variant!(state,
        AgentExecutionState::PendingInputs(AgentExecutionStatePendingInputs {}) => ());
}

#[test]
fn response_pending_data_extraction_round_trips() {
    let updated = utc(2024, 5, 1, 12, 0, 42, 500_000_000);
    let state = execution_state(fixture!("response/pending_data_extraction"), updated, &[]);
    expect_variant!(state,
        AgentExecutionState::PendingDataExtraction(AgentExecutionStatePendingDataExtraction {}) => ());
}

#[test]
fn response_pending_review_round_trips() {
    let updated = utc(2024, 5, 1, 12, 1, 7, 1_000);
    let state = execution_state(fixture!("response/pending_review"), updated, &["/state/dataExtracted"]);
    let data = expect_variant!(state,
        AgentExecutionState::PendingReview(AgentExecutionStatePendingReview { data_extracted }) => data_extracted);
    assert_data(
        &data,
        &["invoiceNumber", "total", "discount", "confidence", "pages", "rawText", "ocrEngineBuild"],
        &[
            ("/total", json!(12345678.90123)),
            ("/discount", json!(0.1)),
            ("/confidence/lowest", json!(1e-7)),
            ("/pages/0/0/bbox", json!([0.05, 0.1, 0.95, 0.2])),
            ("/pages/1/0/bbox", json!([])),
            ("/rawText", json!("Rechnung Nr. RE-2024-000417 — Gesamt: 12.345.678,90 €")),
            ("/ocrEngineBuild", json!(u64::MAX)),
        ],
    );
}

#[test]
fn response_canceled_round_trips() {
    let updated = utc(2024, 5, 1, 13, 15, 0, 0);
    let state = execution_state(fixture!("response/canceled"), updated, &["/state/dataExtracted"]);
    let data = expect_variant!(state,
        AgentExecutionState::Canceled(AgentExecutionStateCanceled { data_extracted: Some(data) }) => data);
    assert_data(
        &data,
        &["invoiceNumber", "total", "duplicateOf", "reasons"],
        &[("/total", json!(-0.5)), ("/reasons/1", json!("Ωmega ≠ alpha"))],
    );
}

#[test]
fn response_canceled_without_data_round_trips() {
    let text = minimal_execution(json!({"status": "CANCELED"})).to_string();
    let execution: AgentExecution = round_trip(&text, &[]);
    assert_eq!((execution.id, execution.created_at, execution.updated_at), (None, None, None));
    expect_variant!(execution.state,
        AgentExecutionState::Canceled(AgentExecutionStateCanceled { data_extracted: None }) => ());
}

#[test]
fn response_confirmed_round_trips() {
    let updated = utc(2024, 5, 1, 12, 10, 30, 250_000_000);
    let verbatim = ["/state/dataExtracted", "/state/dataConfirmed"];
    let state = execution_state(fixture!("response/confirmed"), updated, &verbatim);
    let (extracted, confirmed) = expect_variant!(state,
        AgentExecutionState::Confirmed(AgentExecutionStateConfirmed { data_extracted, data_confirmed })
            => (data_extracted, data_confirmed));
    assert_data(&extracted, &["invoiceNumber", "total", "currency"], &[("/total", json!(12345678.9))]);
    assert_data(
        &confirmed,
        &["invoiceNumber", "total", "currency", "reviewer", "splits", "ledgerId"],
        &[
            ("/total", json!(12345678.90123)),
            ("/reviewer/name", json!("Zoë Ångström")),
            ("/splits", json!([0.1, 0.2, 0.7000000000000001])),
            ("/ledgerId", json!(i64::MIN)),
        ],
    );
}

#[test]
fn response_delivered_to_destination_round_trips() {
    let updated = utc(2024, 5, 1, 12, 11, 2, 999_999_999);
    let verbatim = ["/state/dataExtracted", "/state/dataConfirmed"];
    let state = execution_state(fixture!("response/delivered"), updated, &verbatim);
    let (extracted, confirmed, deliveries) = expect_variant!(state,
        AgentExecutionState::DeliveredToDestination(AgentExecutionStateDeliveredToDestinationOutput {
            data_extracted, data_confirmed, deliveries,
        }) => (data_extracted, data_confirmed, deliveries));
    assert_data(&extracted, &["invoiceNumber", "total"], &[("/total", json!(12345678.9))]);
    assert_data(
        &confirmed,
        &["invoiceNumber", "total", "notes"],
        &[("/total", json!(12345678.90123)), ("/notes", json!("✓ geprüft"))],
    );
    let trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let headers = [("content-type", "text/plain"), ("x-trace", trace)];
    assert_eq!(deliveries, Some(vec![workflow(SCHEDULE_ID), webhook(500, &[], ""), webhook(200, &headers, "ok\n")]));
}

// ---------------------------------------------------------------------------
// Delivery: every variant, on its own
// ---------------------------------------------------------------------------

#[test]
fn each_delivery_type_round_trips() {
    let cases = [
        (r#"{"type": "ASKUI_WORKFLOW", "scheduleId": "sched_01HX9Q2Z7M4T8V"}"#, workflow(SCHEDULE_ID)),
        (r#"{"scheduleId": "", "type": "ASKUI_WORKFLOW"}"#, workflow("")),
        (
            r#"{"type": "WEBHOOK", "response": {"statusCode": 201, "headers": {"location": "/jobs/7", "x-ünicode": "✓"}, "body": "{\"id\": 7}"}}"#,
            webhook(201, &[("location", "/jobs/7"), ("x-ünicode", "✓")], r#"{"id": 7}"#),
        ),
        (r#"{"response": {"body": "", "headers": {}, "statusCode": -1}, "type": "WEBHOOK"}"#, webhook(-1, &[], "")),
    ];
    for (text, expected) in cases {
        assert_eq!(round_trip::<DataDestinationDelivery>(text, &[]), expected, "for {text}");
    }
}

// ---------------------------------------------------------------------------
// Unknown tags
// ---------------------------------------------------------------------------

#[test]
fn unknown_request_status_is_kept_raw() {
    assert_kept_raw::<AgentExecutionUpdateCommandState>(
        &[
            r#"{"status": "ARCHIVED"}"#,
            r#"{"status": "canceled"}"#,
            r#"{"status": "", "reason": null}"#,
            r#"{"dataExtracted": {"z": 1, "a": [0.1, 1e-7]}, "status": "PAUSED", "pausedAt": "2024-05-01T12:00:00Z"}"#,
        ],
        |state| match state {
            AgentExecutionUpdateCommandState::Unknown(raw) => Some(raw),
            _ => None,
        },
    );
    let command: AgentExecutionUpdateCommand =
        round_trip(r#"{"state": {"status": "REOPENED", "by": "user-7", "dataConfirmed": {}}}"#, &["/state"]);
    assert_eq!(
        command.state,
        AgentExecutionUpdateCommandState::Unknown(json!({"status": "REOPENED", "by": "user-7", "dataConfirmed": {}}))
    );
}

#[test]
fn unknown_response_status_is_kept_raw() {
    assert_kept_raw::<AgentExecutionState>(
        &[
            r#"{"status": "ARCHIVED", "archivedAt": "2024-06-01T00:00:00Z", "dataExtracted": {"total": 0.1}}"#,
            r#"{"status": "FAILED", "error": {"code": "E_OCR", "retryable": false, "attempts": [1, 2, 18446744073709551615]}}"#,
            r#"{"status": "pending_review", "dataExtracted": {"a": 1}}"#,
        ],
        |state| match state {
            AgentExecutionState::Unknown(raw) => Some(raw),
            _ => None,
        },
    );
    let text = minimal_execution(json!({"status": "ARCHIVED", "by": "Zoë"})).to_string();
    let execution: AgentExecution = round_trip(&text, &["/state"]);
    assert_eq!(execution.state, AgentExecutionState::Unknown(json!({"status": "ARCHIVED", "by": "Zoë"})));
}

#[test]
fn unknown_delivery_type_is_kept_raw() {
    assert_kept_raw::<DataDestinationDelivery>(
        &[
            r#"{"type": "EMAIL", "to": ["ops@example.com"], "messageId": "<a1@mail.example.com>"}"#,
            r#"{"type": "S3", "bucket": "invoices", "key": "2024/05/RE-2024-000417.json", "sizeBytes": 18446744073709551615}"#,
            r#"{"type": "webhook", "response": {"statusCode": 200, "headers": {}, "body": ""}}"#,
        ],
        |delivery| match delivery {
            DataDestinationDelivery::Unknown(raw) => Some(raw),
            _ => None,
        },
    );
    let text = r#"{"state": {"status": "DELIVERED_TO_DESTINATION", "deliveries": [
        {"type": "SFTP", "host": "sftp.example.com", "port": 22},
        {"type": "ASKUI_WORKFLOW", "scheduleId": "sched_01HX9Q2Z7M4T8V"}]}}"#;
    let state = command_state(text, &["/state/deliveries/0"]);
    let unknown = DataDestinationDelivery::Unknown(json!({"type": "SFTP", "host": "sftp.example.com", "port": 22}));
    assert_eq!(
        state,
        AgentExecutionUpdateCommandState::DeliveredToDestination(AgentExecutionStateDeliveredToDestinationInput {
            deliveries: Some(vec![unknown, workflow(SCHEDULE_ID)]),
        })
    );
}

// ---------------------------------------------------------------------------
// Tags that are missing or no string
// ---------------------------------------------------------------------------

#[test]
fn missing_tag_is_an_error() {
    assert_rejected::<AgentExecutionUpdateCommandState, _, _, _>([
        ("PENDING_REVIEW body without status", r#"{"dataExtracted": {"invoiceNumber": "RE-1"}}"#),
        ("CONFIRMED body without status", r#"{"dataConfirmed": {"total": 0.1}}"#),
        ("empty object", "{}"),
        ("the tag alone, no object", r#""CANCELED""#),
        ("null", "null"),
        ("an array", r#"[{"status": "CANCELED"}]"#),
    ]);
    assert_rejected::<AgentExecutionState, _, _, _>([
        ("CONFIRMED body without status", r#"{"dataExtracted": {"a": 1}, "dataConfirmed": {"a": 1}}"#),
        ("empty object", "{}"),
        ("tag under another name", r#"{"state": "PENDING_INPUTS"}"#),
    ]);
    assert_rejected::<DataDestinationDelivery, _, _, _>([
        ("ASKUI_WORKFLOW body without type", r#"{"scheduleId": "sched_1"}"#),
        ("WEBHOOK body without type", r#"{"response": {"statusCode": 200, "headers": {}, "body": ""}}"#),
        ("tag under another name", r#"{"kind": "ASKUI_WORKFLOW", "scheduleId": "sched_1"}"#),
    ]);
    // The error surfaces through the bodies that hold the unions.
    assert_rejected::<AgentExecutionUpdateCommand, _, _, _>([(
        "delivery without type",
        r#"{"state": {"status": "DELIVERED_TO_DESTINATION", "deliveries": [{"scheduleId": "sched_1"}]}}"#,
    )]);
    assert_rejected::<AgentExecution, _, _, _>([(
        "state without status",
        minimal_execution(json!({"dataExtracted": {"a": 1}})).to_string(),
    )]);
}

#[test]
fn non_string_tag_is_an_error() {
    let tags = [json!(1), json!(1.5), json!(true), Value::Null, json!(["CANCELED"]), json!({"value": "CANCELED"})];
    // A body that would be valid under some known tag of each union.
    let unions: [(&str, Value, Rejection); 3] = [
        ("status", json!({"dataExtracted": {"a": 1}}), rejection::<AgentExecutionUpdateCommandState>),
        ("status", json!({"dataExtracted": {"a": 1}}), rejection::<AgentExecutionState>),
        ("type", json!({"scheduleId": "sched_1"}), rejection::<DataDestinationDelivery>),
    ];
    let mut accepted = Vec::new();
    for (key, body, check) in &unions {
        for tag in &tags {
            let mut text = body.clone();
            text[*key] = tag.clone();
            accepted.extend(check(&text.to_string()));
        }
    }
    assert!(accepted.is_empty(), "accepted a non-string tag:\n{}", accepted.join("\n"));
}

/// Checks one text: see [`rejection`].
type Rejection = fn(&str) -> Option<String>;

/// `None` when `text` is rejected as a `T`, else what it was read as.
fn rejection<T: Wire>(text: &str) -> Option<String> {
    T::from_text(text).ok().map(|model| format!("{text}\n    read as {model:?}"))
}

// ---------------------------------------------------------------------------
// Known tags with bodies that do not fit: errors, never Unknown
// ---------------------------------------------------------------------------

#[test]
fn request_known_status_with_bad_body_is_an_error() {
    assert_rejected::<AgentExecutionUpdateCommandState, _, _, _>([
        ("PENDING_REVIEW without dataExtracted", r#"{"status": "PENDING_REVIEW"}"#),
        ("PENDING_REVIEW, dataExtracted null", r#"{"status": "PENDING_REVIEW", "dataExtracted": null}"#),
        ("PENDING_REVIEW, dataExtracted a string", r#"{"status": "PENDING_REVIEW", "dataExtracted": "RE-1"}"#),
        ("PENDING_REVIEW, dataExtracted a list", r#"{"status": "PENDING_REVIEW", "dataExtracted": [{"a": 1}]}"#),
        ("CONFIRMED with the response's field", r#"{"status": "CONFIRMED", "dataExtracted": {"a": 1}}"#),
        ("CONFIRMED, snake_case data_confirmed", r#"{"status": "CONFIRMED", "data_confirmed": {"a": 1}}"#),
        ("CONFIRMED, dataConfirmed a number", r#"{"status": "CONFIRMED", "dataConfirmed": 42}"#),
        (
            "DELIVERED, deliveries an object",
            r#"{"status": "DELIVERED_TO_DESTINATION", "deliveries": {"type": "ASKUI_WORKFLOW", "scheduleId": "s"}}"#,
        ),
        ("DELIVERED, deliveries a string", r#"{"status": "DELIVERED_TO_DESTINATION", "deliveries": "WEBHOOK"}"#),
        ("DELIVERED, a null delivery", r#"{"status": "DELIVERED_TO_DESTINATION", "deliveries": [null]}"#),
        (
            "DELIVERED, WEBHOOK without response",
            r#"{"status": "DELIVERED_TO_DESTINATION", "deliveries": [{"type": "WEBHOOK"}]}"#,
        ),
        (
            "DELIVERED, scheduleId a number",
            r#"{"status": "DELIVERED_TO_DESTINATION", "deliveries": [{"type": "ASKUI_WORKFLOW", "scheduleId": 7}]}"#,
        ),
    ]);
    assert_rejected::<AgentExecutionUpdateCommand, _, _, _>([
        ("no state", "{}"),
        ("state null", r#"{"state": null}"#),
        ("the state without its envelope", r#"{"status": "CANCELED"}"#),
        ("bad state body", r#"{"state": {"status": "CONFIRMED", "dataConfirmed": []}}"#),
    ]);
}

#[test]
fn response_known_status_with_bad_body_is_an_error() {
    assert_rejected::<AgentExecutionState, _, _, _>([
        ("PENDING_REVIEW without dataExtracted", r#"{"status": "PENDING_REVIEW"}"#),
        ("PENDING_REVIEW, dataExtracted null", r#"{"status": "PENDING_REVIEW", "dataExtracted": null}"#),
        ("CANCELED, dataExtracted a string", r#"{"status": "CANCELED", "dataExtracted": "none"}"#),
        ("CANCELED, dataExtracted a list", r#"{"status": "CANCELED", "dataExtracted": [1, 2]}"#),
        ("CONFIRMED without dataConfirmed", r#"{"status": "CONFIRMED", "dataExtracted": {"a": 1}}"#),
        ("CONFIRMED without dataExtracted", r#"{"status": "CONFIRMED", "dataConfirmed": {"a": 1}}"#),
        (
            "CONFIRMED, dataConfirmed null",
            r#"{"status": "CONFIRMED", "dataExtracted": {"a": 1}, "dataConfirmed": null}"#,
        ),
        ("DELIVERED in the request's shape", r#"{"status": "DELIVERED_TO_DESTINATION", "deliveries": []}"#),
        (
            "DELIVERED, dataConfirmed a boolean",
            r#"{"status": "DELIVERED_TO_DESTINATION", "dataExtracted": {"a": 1}, "dataConfirmed": true}"#,
        ),
        (
            "DELIVERED, statusCode a string",
            r#"{"status": "DELIVERED_TO_DESTINATION", "dataExtracted": {"a": 1}, "dataConfirmed": {"a": 1},
            "deliveries": [{"type": "WEBHOOK", "response": {"statusCode": "200", "headers": {}, "body": ""}}]}"#,
        ),
    ]);
}

#[test]
fn delivery_known_type_with_bad_body_is_an_error() {
    assert_rejected::<DataDestinationDelivery, _, _, _>([
        ("ASKUI_WORKFLOW without scheduleId", r#"{"type": "ASKUI_WORKFLOW"}"#),
        ("ASKUI_WORKFLOW, snake_case schedule_id", r#"{"type": "ASKUI_WORKFLOW", "schedule_id": "s"}"#),
        ("ASKUI_WORKFLOW, scheduleId a number", r#"{"type": "ASKUI_WORKFLOW", "scheduleId": 7}"#),
        ("ASKUI_WORKFLOW, scheduleId null", r#"{"type": "ASKUI_WORKFLOW", "scheduleId": null}"#),
        ("WEBHOOK without response", r#"{"type": "WEBHOOK"}"#),
        ("WEBHOOK, response null", r#"{"type": "WEBHOOK", "response": null}"#),
        ("WEBHOOK without statusCode", r#"{"type": "WEBHOOK", "response": {"headers": {}, "body": ""}}"#),
        (
            "WEBHOOK, statusCode a string",
            r#"{"type": "WEBHOOK", "response": {"statusCode": "200", "headers": {}, "body": ""}}"#,
        ),
        (
            "WEBHOOK, statusCode a fraction",
            r#"{"type": "WEBHOOK", "response": {"statusCode": 200.5, "headers": {}, "body": ""}}"#,
        ),
        (
            "WEBHOOK, a header value a number",
            r#"{"type": "WEBHOOK", "response": {"statusCode": 200, "headers": {"retry-after": 5}, "body": ""}}"#,
        ),
        (
            "WEBHOOK, headers a list",
            r#"{"type": "WEBHOOK", "response": {"statusCode": 200, "headers": [["a", "b"]], "body": ""}}"#,
        ),
        ("WEBHOOK without body", r#"{"type": "WEBHOOK", "response": {"statusCode": 200, "headers": {}}}"#),
        (
            "WEBHOOK, body an object",
            r#"{"type": "WEBHOOK", "response": {"statusCode": 200, "headers": {}, "body": {"ok": true}}}"#,
        ),
    ]);
}

#[test]
fn execution_with_bad_envelope_is_an_error() {
    let edit = |field: &str, value: Option<Value>| {
        let mut body = minimal_execution(json!({"status": "PENDING_INPUTS"}));
        let map = body.as_object_mut().unwrap();
        match value {
            Some(value) => map.insert(field.to_owned(), value),
            None => map.remove(field),
        };
        body.to_string()
    };
    assert_rejected::<AgentExecution, _, _, _>([
        ("missing agentId", edit("agentId", None)),
        ("missing workspaceId", edit("workspaceId", None)),
        ("missing state", edit("state", None)),
        ("agentId null", edit("agentId", Some(Value::Null))),
        ("agentId not a UUID", edit("agentId", Some(json!("agent-1")))),
        ("id not a UUID", edit("id", Some(json!(42)))),
        ("createdAt not a date-time", edit("createdAt", Some(json!("yesterday")))),
        (
            "snake_case agent_id",
            json!({"agent_id": AGENT_ID, "workspaceId": WORKSPACE_ID, "state": {"status": "PENDING_INPUTS"}})
                .to_string(),
        ),
    ]);
}

// ---------------------------------------------------------------------------
// Optional fields
// ---------------------------------------------------------------------------

#[test]
fn absent_optional_fields_are_omitted_not_null() {
    let execution = AgentExecution {
        id: None,
        created_at: None,
        updated_at: None,
        agent_id: uuid(AGENT_ID),
        workspace_id: uuid(WORKSPACE_ID),
        state: AgentExecutionState::Canceled(AgentExecutionStateCanceled { data_extracted: None }),
    };
    assert_written(&execution, minimal_execution(json!({"status": "CANCELED"})));

    let delivered = AgentExecutionState::DeliveredToDestination(AgentExecutionStateDeliveredToDestinationOutput {
        data_extracted: object(json!({"total": 0.1})),
        data_confirmed: object(json!({"total": 0.1})),
        deliveries: None,
    });
    let expected =
        json!({"status": "DELIVERED_TO_DESTINATION", "dataExtracted": {"total": 0.1}, "dataConfirmed": {"total": 0.1}});
    assert_written(&delivered, expected);

    let request = command(AgentExecutionUpdateCommandState::DeliveredToDestination(
        AgentExecutionStateDeliveredToDestinationInput { deliveries: None },
    ));
    assert_written(&request, json!({"state": {"status": "DELIVERED_TO_DESTINATION"}}));
    let cancel = command(AgentExecutionUpdateCommandState::Canceled(AgentExecutionCancel::default()));
    assert_written(&cancel, json!({"state": {"status": "CANCELED"}}));
}

#[test]
fn canceled_with_null_data_extracted_reads_as_none() {
    let text = minimal_execution(json!({"status": "CANCELED", "dataExtracted": null})).to_string();
    let execution = AgentExecution::from_text(&text).expect("null is allowed by anyOf [object, null]");
    assert_eq!(execution.state, AgentExecutionState::Canceled(AgentExecutionStateCanceled { data_extracted: None }));
    assert_written(&execution, minimal_execution(json!({"status": "CANCELED"})));
}

#[test]
fn date_times_with_offsets_read_as_the_same_instant() {
    let mut body = minimal_execution(json!({"status": "PENDING_INPUTS"}));
    body["createdAt"] = json!("2024-05-01T14:00:00.123456+02:00");
    body["updatedAt"] = json!("2024-04-30T23:59:59-05:30");
    let execution = AgentExecution::from_text(&body.to_string()).expect("RFC 3339 with offsets");
    assert_eq!(execution.created_at, Some(created_at()));
    assert_eq!(execution.updated_at, Some(utc(2024, 5, 1, 5, 29, 59, 0)));
    let written = execution.to_json();
    assert_eq!(written["createdAt"], json!("2024-05-01T12:00:00.123456Z"));
    assert_eq!(written["updatedAt"], json!("2024-05-01T05:29:59Z"));
}

// ---------------------------------------------------------------------------
// validate()
// ---------------------------------------------------------------------------

#[test]
fn validate_accepts_valid_commands() {
    use AgentExecutionUpdateCommandState as S;
    let delivered =
        |deliveries| S::DeliveredToDestination(AgentExecutionStateDeliveredToDestinationInput { deliveries });
    let states = [
        S::PendingReview(AgentExecutionPendingReview { data_extracted: object(json!({"invoiceNumber": "RE-1"})) }),
        S::Canceled(AgentExecutionCancel {}),
        S::Confirmed(AgentExecutionConfirm { data_confirmed: object(json!({"total": null})) }),
        delivered(None),
        delivered(Some(vec![])),
        delivered(Some(vec![workflow(SCHEDULE_ID), webhook(204, &[], "")])),
        S::Unknown(json!({"status": "ARCHIVED"})),
        S::Unknown(json!({"status": "REOPENED", "dataConfirmed": {}, "dataExtracted": {}})),
    ];
    for state in states {
        assert_valid(&command(state));
    }
}

#[test]
fn validate_names_the_pointer_of_an_empty_map() {
    use AgentExecutionUpdateCommandState as S;
    let cases = [
        (S::PendingReview(AgentExecutionPendingReview { data_extracted: Map::new() }), "/state/dataExtracted"),
        (S::Confirmed(AgentExecutionConfirm { data_confirmed: Map::new() }), "/state/dataConfirmed"),
    ];
    for (state, pointer) in cases {
        let command = command(state);
        match command.validate() {
            Ok(()) => panic!("{command:?} passed validation: minProperties is 1"),
            Err(error) => {
                assert_eq!(error.pointer, pointer, "for {command:?}");
                assert!(!error.message.is_empty(), "no message for {command:?}");
            }
        }
    }
}
