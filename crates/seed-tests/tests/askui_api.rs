//! The generated `askui-api` client (the whole AskUI Workspaces API spec)
//! against a live FastAPI + pydantic v2 peer, `peer/askui_api.py`, built the way
//! the real service is: multipart bodies, array query parameters, path
//! parameters holding `/`, documented and undocumented error statuses, and
//! FastAPI's own 422 validation errors.
//!
//! All tests share one server (`Peer::shared_app("askui_api.py")`) and run in
//! parallel: each uses agent ids, execution ids, token ids and file paths of
//! its own, and tags its requests with an `X-Peer-Test` header (sent through
//! the client's `with_http_client`) so that it reads back what the peer
//! recorded of its own requests only.

use askui_api::client::{
    CreateAgentExecutionError, DeleteAccessTokenError, DeleteFileError, Error, ListAgentExecutionsError,
    ListAgentExecutionsParams, UpdateAgentExecutionError, UploadFileError, UploadFileParams,
};
use askui_api::models::binary::FilePart;
use askui_api::models::{
    AgentExecution, AgentExecutionCancel, AgentExecutionPendingReview, AgentExecutionState,
    AgentExecutionUpdateCommand, AgentExecutionUpdateCommandState, AgentExecutionsListResponse,
    CreateAgentExecutionBody, HttpValidationError, ListAgentExecutionsExpandItem, ListAgentExecutionsStatusItem,
    StringErrorResponse, UploadFileBody, UploadFileResponse, ValidationError, ValidationErrorLocItem,
};
use askui_api::Client;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use seed_tests::Peer;
use serde_json::{json, Map, Value};
use uuid::Uuid;

// ---------------------------------------------------------------------------
// Fixed data of peer/askui_api.py
// ---------------------------------------------------------------------------

const APP: &str = "askui_api.py";
const TOKEN: &str = "askui-api-peer-token";
/// The workspace of every execution the peer creates.
const WORKSPACE_ID: &str = "7d3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
/// The peer's upload limit (`MAX_UPLOAD_BYTES`).
const MAX_UPLOAD_BYTES: usize = 65536;
/// The spec the client is generated from (`specs/askui-api.json`).
const SPEC: &str = "specs/askui-api.json";

/// Seeded access token `a0a0a0a0-0000-4000-8000-0000000000NN`, NN = 01..1f.
fn access_token(n: u64) -> Uuid {
    id(&format!("a0a0a0a0-0000-4000-8000-{n:012x}"))
}

/// An agent id of this file's own (any UUID4 is an agent to the peer).
fn agent(n: u64) -> Uuid {
    id(&format!("b0b0b0b0-0000-4000-8000-{n:012x}"))
}

fn workspace() -> Uuid {
    id(WORKSPACE_ID)
}

fn id(text: &str) -> Uuid {
    Uuid::parse_str(text).expect("a valid UUID")
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Unwraps one variant by pattern, or panics naming the pattern and the value.
macro_rules! expect_variant {
    ($value:expr, $pattern:pat => $out:expr) => {
        match $value {
            $pattern => $out,
            other => panic!("expected {}, got {other:?}", stringify!($pattern)),
        }
    };
}

fn peer() -> &'static Peer {
    Peer::shared_app(APP)
}

/// An HTTP client whose requests carry `X-Peer-Test: <test>`.
fn tagged_http(test: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert("x-peer-test", HeaderValue::from_str(test).expect("an ASCII tag"));
    reqwest::Client::builder().default_headers(headers).build().expect("an HTTP client")
}

/// A client of the shared peer with a bearer token, its requests tagged `test`.
fn client(test: &str) -> Client {
    anonymous(test).with_bearer_token(TOKEN)
}

/// A client without credentials, its requests tagged `test`.
fn anonymous(test: &str) -> Client {
    Client::new(peer().base_url.clone()).with_http_client(tagged_http(test))
}

/// `GET` of a test-only route; its status and JSON body.
async fn peer_get(path: &str, query: &[(&str, &str)]) -> (StatusCode, Value) {
    let url = peer().url(path);
    let response =
        reqwest::Client::new().get(&url).query(query).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = response.status();
    let body = response.json().await.unwrap_or_else(|e| panic!("GET {url}: not JSON: {e}"));
    (status, body)
}

/// What the peer recorded of the last request tagged `test`.
async fn last_request(test: &str) -> Value {
    let (status, record) = peer_get("/__peer__/last-request", &[("test", test)]).await;
    assert_eq!(status, StatusCode::OK);
    record
}

/// The last request tagged `test`, which must have been seen.
async fn seen_request(test: &str) -> Value {
    let record = last_request(test).await;
    assert_eq!(record["seen"], json!(true), "the peer saw no request tagged {test}");
    record
}

/// The values of header `name` (lower-case) in a recorded request, in order.
fn header_values(record: &Value, name: &str) -> Vec<String> {
    record["headers"]
        .as_array()
        .expect("a header list")
        .iter()
        .filter(|pair| pair[0] == name)
        .map(|pair| pair[1].as_str().expect("a header value").to_owned())
        .collect()
}

/// The file the peer stores at `path`, or `None`.
async fn stored_file(path: &str) -> Option<Value> {
    let (status, body) = peer_get("/__peer__/files", &[("path", path)]).await;
    match status {
        StatusCode::OK => Some(body),
        StatusCode::NOT_FOUND => None,
        other => panic!("GET /__peer__/files?path={path}: {other} {body}"),
    }
}

/// What the peer received as input files of execution `execution`.
async fn input_files(execution: Uuid) -> Value {
    let (status, body) = peer_get(&format!("/__peer__/agent-executions/{execution}/input-files"), &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["inputFiles"].clone()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file(bytes: impl Into<Vec<u8>>, name: &str, media_type: &str) -> FilePart {
    FilePart::new(bytes).with_file_name(name).with_content_type(media_type)
}

fn one_pdf(name: &str) -> CreateAgentExecutionBody {
    CreateAgentExecutionBody { input_files: vec![file(b"%PDF-1.4 one page".to_vec(), name, "application/pdf")] }
}

/// Creates an execution of `agent_id` from one small PDF; the peer answers
/// PENDING_DATA_EXTRACTION.
async fn create(client: &Client, agent_id: Uuid) -> AgentExecution {
    client.create_agent_execution(agent_id, &one_pdf("input.pdf")).await.expect("201 AgentExecution").into_body()
}

fn execution_id(execution: &AgentExecution) -> Uuid {
    execution.id.expect("the peer always sends the id")
}

fn ids(list: &AgentExecutionsListResponse) -> Vec<Uuid> {
    list.data.iter().map(execution_id).collect()
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn query_pairs(record: &Value) -> Vec<(String, String)> {
    record["query"]
        .as_array()
        .expect("a query list")
        .iter()
        .map(|pair| (pair[0].as_str().unwrap().to_owned(), pair[1].as_str().unwrap().to_owned()))
        .collect()
}

fn pairs(list: &[(&str, String)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
}

fn loc(items: &[&str]) -> Vec<ValidationErrorLocItem> {
    items.iter().map(|item| ValidationErrorLocItem::String((*item).to_owned())).collect()
}

/// The only error of a FastAPI 422 body.
fn single_error(body: HttpValidationError) -> ValidationError {
    let mut detail = body.detail.expect("FastAPI always sends `detail`");
    assert_eq!(detail.len(), 1, "{detail:?}");
    detail.remove(0)
}

// ---------------------------------------------------------------------------
// create_agent_execution: multipart with a list of files
// ---------------------------------------------------------------------------

#[tokio::test]
async fn create_agent_execution_sends_every_file_intact() {
    let test = "create_two_files";
    let agent_id = agent(0x01);
    // Every byte value, CR LF, and a line that looks like a multipart delimiter.
    let pdf: Vec<u8> = b"%PDF-1.7\r\n"
        .iter()
        .copied()
        .chain(0u8..=255)
        .chain(b"\r\n--boundary\r\nContent-Disposition: form-data\r\n\r\n%%EOF".iter().copied())
        .collect();
    let text = "Rechnung über 42,50 €\nZeile 2\n".as_bytes().to_vec();
    let body = CreateAgentExecutionBody {
        input_files: vec![
            file(pdf.clone(), "invoice 2024.pdf", "application/pdf"),
            file(text.clone(), "notiz-ü.txt", "text/plain; charset=utf-8"),
        ],
    };

    let execution = client(test).create_agent_execution(agent_id, &body).await.expect("201 AgentExecution");

    assert_eq!(execution.status().as_u16(), 201, "the status comes with the body");
    let execution = execution.into_body();
    assert_eq!(execution.agent_id, agent_id);
    assert_eq!(execution.workspace_id, workspace());
    expect_variant!(execution.state, AgentExecutionState::PendingDataExtraction(_) => ());
    let created = execution.created_at.expect("createdAt");
    assert_eq!(execution.updated_at, Some(created));

    // What FastAPI handed the endpoint: names, media types and bytes, in order.
    assert_eq!(
        input_files(execution_id(&execution)).await,
        json!([
            {"fileName": "invoice 2024.pdf", "contentType": "application/pdf", "size": pdf.len(), "contentHex": hex(&pdf)},
            {"fileName": "notiz-ü.txt", "contentType": "text/plain; charset=utf-8", "size": text.len(), "contentHex": hex(&text)},
        ])
    );

    // What was on the wire: agent_id in the query, two parts named input_files.
    let record = seen_request(test).await;
    assert_eq!(record["method"], "POST");
    assert_eq!(record["path"], "/api/v1/agent-executions");
    assert_eq!(query_pairs(&record), pairs(&[("agent_id", agent_id.to_string())]));
    assert_eq!(header_values(&record, "authorization"), [format!("Bearer {TOKEN}")]);
    let content_type = header_values(&record, "content-type");
    assert!(content_type[0].starts_with("multipart/form-data; boundary="), "{content_type:?}");
    let parts = record["parts"].as_array().expect("multipart parts");
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert_eq!(parts[0]["name"], "input_files");
    assert_eq!(parts[0]["fileName"], "invoice 2024.pdf");
    assert_eq!(parts[0]["contentType"], "application/pdf");
    assert_eq!(parts[0]["contentHex"], hex(&pdf));
    assert_eq!(parts[1]["name"], "input_files");
    assert_eq!(parts[1]["fileName"], "notiz-ü.txt");
    assert_eq!(parts[1]["contentType"], "text/plain; charset=utf-8");
    assert_eq!(parts[1]["contentHex"], hex(&text));
    assert_eq!(record["status"], 201);
}

#[tokio::test]
async fn create_agent_execution_with_an_empty_file_waits_for_inputs() {
    let test = "create_empty_file";
    let body = CreateAgentExecutionBody {
        input_files: vec![
            file(b"%PDF-1.4".to_vec(), "full.pdf", "application/pdf"),
            // Quotes and a backslash in the name: escaped on the wire, intact in FastAPI.
            file(Vec::new(), r#"empty "draft" \ 2.png"#, "image/png"),
        ],
    };
    let execution =
        client(test).create_agent_execution(agent(0x02), &body).await.expect("201 AgentExecution").into_body();
    expect_variant!(execution.state, AgentExecutionState::PendingInputs(_) => ());
    let inputs = input_files(execution_id(&execution)).await;
    assert_eq!(
        inputs[1],
        json!({"fileName": r#"empty "draft" \ 2.png"#, "contentType": "image/png", "size": 0, "contentHex": ""})
    );
}

#[tokio::test]
async fn create_agent_execution_rejected_by_fastapi_is_a_typed_422() {
    let test = "create_rejected";
    let api = client(test);

    // A file type the service does not take: FastAPI's shape, the index in `loc`.
    let body = CreateAgentExecutionBody {
        input_files: vec![
            file(b"%PDF-1.4".to_vec(), "fine.pdf", "application/pdf"),
            file(b"MZ\x90\x00".to_vec(), "setup.exe", "application/octet-stream"),
        ],
    };
    let error = api.create_agent_execution(agent(0x03), &body).await.expect_err("422");
    assert_eq!(error.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    let body =
        expect_variant!(error, Error::Api { error: CreateAgentExecutionError::UnprocessableEntity(body), .. } => body);
    let error = single_error(body);
    assert_eq!(
        error.loc,
        [
            ValidationErrorLocItem::String("body".into()),
            ValidationErrorLocItem::String("input_files".into()),
            ValidationErrorLocItem::Integer(1),
        ]
    );
    assert_eq!(error.r#type, "value_error");
    assert!(error.msg.contains("setup.exe"), "{}", error.msg);

    // An agent id that is a UUID but not version 4: the client cannot know.
    let version_1 = id("b0b0b0b0-0000-1000-8000-000000000003");
    let error = api.create_agent_execution(version_1, &one_pdf("a.pdf")).await.expect_err("422");
    let body =
        expect_variant!(error, Error::Api { error: CreateAgentExecutionError::UnprocessableEntity(body), .. } => body);
    let error = single_error(body);
    assert_eq!(error.loc, loc(&["query", "agent_id"]));
    assert_eq!(error.r#type, "uuid_version");

    // No file at all breaks the spec's minItems: the client refuses, nothing is sent.
    let quiet = "create_no_files";
    let error = client(quiet)
        .create_agent_execution(agent(0x03), &CreateAgentExecutionBody { input_files: Vec::new() })
        .await
        .expect_err("a validation error");
    expect_variant!(error, Error::Validation(_) => ());
    assert_eq!(last_request(quiet).await, json!({"seen": false}));
}

// ---------------------------------------------------------------------------
// list_agent_executions: array query parameters, paging, expand
// ---------------------------------------------------------------------------

#[tokio::test]
async fn list_agent_executions_sends_arrays_as_repeated_keys_and_pages() {
    let test = "list_filters";
    let client = client(test);
    let (a, b, c) = (agent(0x11), agent(0x12), agent(0x13));

    let a1 = execution_id(&create(&client, a).await);
    let a2 = execution_id(&create(&client, a).await);
    let a3 = execution_id(&create(&client, a).await);
    let b1 = execution_id(&create(&client, b).await);
    let b2 = execution_id(&create(&client, b).await);
    let empty = CreateAgentExecutionBody { input_files: vec![file(Vec::new(), "later.pdf", "application/pdf")] };
    let c1 = execution_id(&client.create_agent_execution(c, &empty).await.expect("201"));
    // Updated last, so listed first.
    client
        .update_agent_execution(
            a2,
            &AgentExecutionUpdateCommand { state: AgentExecutionUpdateCommandState::Canceled(AgentExecutionCancel {}) },
        )
        .await
        .expect("200");

    // Two agents: every key repeated, newest update first; no totalCount unasked.
    let params = ListAgentExecutionsParams { agent_id: Some(vec![a, b]), ..Default::default() };
    let list = client.list_agent_executions(&params).await.expect("200");
    assert_eq!(ids(&list), [a2, b2, b1, a3, a1]);
    assert_eq!(list.has_more, Some(false));
    assert_eq!(list.total_count, None);
    let record = seen_request(test).await;
    assert_eq!(query_pairs(&record), pairs(&[("agent_id", a.to_string()), ("agent_id", b.to_string())]));
    assert_eq!(record["queryString"], format!("agent_id={a}&agent_id={b}"));

    // Lists of three kinds ANDed, values of one key ORed; expand gives totalCount.
    let params = ListAgentExecutionsParams {
        agent_id: Some(vec![a, b, c]),
        workspace_id: Some(vec![workspace()]),
        status: Some(vec![ListAgentExecutionsStatusItem::Canceled, ListAgentExecutionsStatusItem::PendingInputs]),
        expand: Some(vec![ListAgentExecutionsExpandItem::TotalCount]),
        ..Default::default()
    };
    let list = client.list_agent_executions(&params).await.expect("200");
    assert_eq!(ids(&list), [a2, c1]);
    assert_eq!(list.total_count, Some(2));
    expect_variant!(&list.data[0].state, AgentExecutionState::Canceled(_) => ());
    expect_variant!(&list.data[1].state, AgentExecutionState::PendingInputs(_) => ());
    assert_eq!(
        query_pairs(&seen_request(test).await),
        pairs(&[
            ("agent_id", a.to_string()),
            ("agent_id", b.to_string()),
            ("agent_id", c.to_string()),
            ("workspace_id", WORKSPACE_ID.to_owned()),
            ("status", "CANCELED".to_owned()),
            ("status", "PENDING_INPUTS".to_owned()),
            ("expand", "total_count".to_owned()),
        ])
    );

    // skip and limit: a page from the middle, more after it.
    let page = |skip, limit| ListAgentExecutionsParams {
        agent_id: Some(vec![a, b]),
        skip: Some(skip),
        limit: Some(limit),
        expand: Some(vec![ListAgentExecutionsExpandItem::TotalCount]),
        ..Default::default()
    };
    let list = client.list_agent_executions(&page(1, 2)).await.expect("200");
    assert_eq!(ids(&list), [b2, b1]);
    assert_eq!(list.has_more, Some(true));
    assert_eq!(list.total_count, Some(5));
    assert_eq!(
        seen_request(test).await["queryString"],
        format!("agent_id={a}&agent_id={b}&skip=1&limit=2&expand=total_count")
    );
    let list = client.list_agent_executions(&page(4, 2)).await.expect("200");
    assert_eq!(ids(&list), [a1]);
    assert_eq!(list.has_more, Some(false));
    assert_eq!(list.total_count, Some(5));

    // By execution id.
    let params = ListAgentExecutionsParams { agent_execution_id: Some(vec![a1, b1]), ..Default::default() };
    assert_eq!(ids(&client.list_agent_executions(&params).await.expect("200")), [b1, a1]);
}

#[tokio::test]
async fn list_agent_executions_out_of_range_is_fastapis_typed_422() {
    let test = "list_out_of_range";
    let client = client(test);
    // The client checks the spec's bounds of query parameters before sending; FastAPI refuses the
    // same values with its typed 422 (sent here by hand).
    let cases = [
        (
            ListAgentExecutionsParams { limit: Some(0), ..Default::default() },
            ("limit", "0"),
            "query parameter `limit`: is 0, must be >= 1",
            "greater_than_equal",
        ),
        (
            ListAgentExecutionsParams { limit: Some(101), ..Default::default() },
            ("limit", "101"),
            "query parameter `limit`: is 101, must be <= 100",
            "less_than_equal",
        ),
        (
            ListAgentExecutionsParams { skip: Some(-1), ..Default::default() },
            ("skip", "-1"),
            "query parameter `skip`: is -1, must be >= 0",
            "greater_than_equal",
        ),
    ];
    for (params, (key, value), message, expected_type) in cases {
        let error = client.list_agent_executions(&params).await.expect_err("refused before sending");
        let invalid = expect_variant!(error, Error::Validation(invalid) => invalid);
        assert_eq!(invalid.to_string(), message);
        assert_eq!(last_request(test).await["seen"], json!(false), "nothing was sent for {params:?}");

        let response = tagged_http("list_out_of_range_raw")
            .get(peer().url("/api/v1/agent-executions"))
            .bearer_auth(TOKEN)
            .query(&[(key, value)])
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: HttpValidationError = response.json().await.expect("FastAPI's 422");
        let error = single_error(body);
        assert_eq!(error.loc, loc(&["query", key]), "{params:?}");
        assert_eq!(error.r#type, expected_type, "{params:?}");
    }

    // A status the client does not know goes out as it is; FastAPI names its index.
    let params = ListAgentExecutionsParams {
        status: Some(vec![
            ListAgentExecutionsStatusItem::Confirmed,
            ListAgentExecutionsStatusItem::Unknown("ARCHIVED".into()),
        ]),
        ..Default::default()
    };
    let error = client.list_agent_executions(&params).await.expect_err("422");
    let body =
        expect_variant!(error, Error::Api { error: ListAgentExecutionsError::UnprocessableEntity(body), .. } => body);
    let error = single_error(body);
    assert_eq!(
        error.loc,
        [
            ValidationErrorLocItem::String("query".into()),
            ValidationErrorLocItem::String("status".into()),
            ValidationErrorLocItem::Integer(1),
        ]
    );
    assert_eq!(error.r#type, "literal_error");
    assert_eq!(seen_request(test).await["queryString"], "status=CONFIRMED&status=ARCHIVED");
}

// ---------------------------------------------------------------------------
// update_agent_execution
// ---------------------------------------------------------------------------

#[tokio::test]
async fn update_agent_execution_moves_the_state() {
    let test = "update_state";
    let client = client(test);
    let created = create(&client, agent(0x21)).await;
    let execution = execution_id(&created);

    let data = object(json!({"invoiceNumber": "INV-7", "total": 12.5, "lines": [{"sku": "A-1"}]}));
    let review = AgentExecutionUpdateCommand {
        state: AgentExecutionUpdateCommandState::PendingReview(AgentExecutionPendingReview {
            data_extracted: data.clone(),
        }),
    };
    let updated = client.update_agent_execution(execution, &review).await.expect("200").into_body();
    assert_eq!(updated.id, Some(execution));
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at > created.updated_at, "{:?} after {:?}", updated.updated_at, created.updated_at);
    let state = expect_variant!(updated.state, AgentExecutionState::PendingReview(state) => state);
    assert_eq!(state.data_extracted, data);
    let record = seen_request(test).await;
    assert_eq!(record["method"], "PATCH");
    assert_eq!(record["rawPath"], format!("/api/v1/agent-executions/{execution}"));
    assert_eq!(header_values(&record, "content-type"), ["application/json"]);

    let cancel =
        AgentExecutionUpdateCommand { state: AgentExecutionUpdateCommandState::Canceled(AgentExecutionCancel {}) };
    let canceled = client.update_agent_execution(execution, &cancel).await.expect("200").into_body();
    let state = expect_variant!(canceled.state, AgentExecutionState::Canceled(state) => state);
    assert_eq!(state.data_extracted, Some(data));

    // 404 is documented without a schema: the raw body.
    let unknown = id("b0b0b0b0-0000-4000-8000-0000000f0404");
    let error = client.update_agent_execution(unknown, &cancel).await.expect_err("404");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    let text = expect_variant!(error, Error::Api { error: UpdateAgentExecutionError::NotFound(text), .. } => text);
    assert_eq!(serde_json::from_str::<Value>(&text).expect("JSON"), json!({"detail": "Agent execution not found"}));
}

// ---------------------------------------------------------------------------
// upload_file / delete_file: a path parameter holding `/`
// ---------------------------------------------------------------------------

#[tokio::test]
async fn upload_file_to_a_path_with_slashes() {
    let test = "upload_slashes";
    let bytes = b"%PDF-1.7\r\n\x00\x01\xfe\xff quarterly report".to_vec();
    let body = UploadFileBody { file: file(bytes.clone(), "q1.pdf", "application/pdf") };

    let uploaded =
        client(test).upload_file("reports/2024/q1.pdf", &body, &UploadFileParams::default()).await.expect("201");

    assert_eq!(
        *uploaded,
        UploadFileResponse { file_path: "reports/2024/q1.pdf".into(), content_type: "application/pdf".into() }
    );
    // One path segment on the wire, `/` as %2F; FastAPI routes the decoded path.
    let record = seen_request(test).await;
    assert_eq!(record["method"], "PUT");
    assert_eq!(record["rawPath"], "/api/v1/files/reports%2F2024%2Fq1.pdf");
    assert_eq!(record["path"], "/api/v1/files/reports/2024/q1.pdf");
    assert_eq!(record["queryString"], "", "strict left out");
    let parts = record["parts"].as_array().expect("multipart parts");
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0]["name"], "file");
    assert_eq!(parts[0]["fileName"], "q1.pdf");
    assert_eq!(parts[0]["contentType"], "application/pdf");

    let stored = stored_file("reports/2024/q1.pdf").await.expect("stored");
    assert_eq!(stored["contentHex"], hex(&bytes));
    assert_eq!(stored["size"], bytes.len());
    assert_eq!(stored["fileName"], "q1.pdf");
    assert_eq!(stored["contentType"], "application/pdf");
}

#[tokio::test]
async fn upload_file_to_a_path_with_spaces_unicode_and_reserved_characters() {
    let test = "upload_unicode";
    // Space, non-ASCII, `%` (must not be decoded twice), `?` (not a query),
    // `&` and `+` (no meaning in a path).
    let path = "Ablage/Größe 50%/what? yes & no+1.txt";
    let bytes = "Grüße\n".as_bytes().to_vec();
    // No media type: the peer infers it from the extension.
    let body = UploadFileBody { file: FilePart::new(bytes.clone()).with_file_name("grüße.txt") };

    let uploaded = client(test).upload_file(path, &body, &UploadFileParams { strict: Some(true) }).await.expect("201");

    assert_eq!(*uploaded, UploadFileResponse { file_path: path.into(), content_type: "text/plain".into() });
    let record = seen_request(test).await;
    assert_eq!(record["rawPath"], "/api/v1/files/Ablage%2FGr%C3%B6%C3%9Fe%2050%25%2Fwhat%3F%20yes%20%26%20no%2B1.txt");
    assert_eq!(record["path"], format!("/api/v1/files/{path}"));
    assert_eq!(record["queryString"], "strict=true");
    assert_eq!(record["parts"][0]["contentType"], Value::Null);
    assert_eq!(record["parts"][0]["fileName"], "grüße.txt");

    let stored = stored_file(path).await.expect("stored under the decoded path");
    assert_eq!(stored["contentHex"], hex(&bytes));
    assert_eq!(stored["fileName"], "grüße.txt");
}

#[tokio::test]
async fn upload_file_sanitizes_or_rejects_unsupported_characters() {
    let test = "upload_sanitize";
    let client = client(test);
    let body = UploadFileBody { file: file(b"x".to_vec(), "x.txt", "text/plain") };

    // Not strict: each unsupported character becomes `_`.
    let uploaded = client.upload_file("odd/a#b|c.txt", &body, &UploadFileParams::default()).await.expect("201");
    assert_eq!(uploaded.file_path, "odd/a_b_c.txt");
    assert_eq!(seen_request(test).await["rawPath"], "/api/v1/files/odd%2Fa%23b%7Cc.txt");
    assert!(stored_file("odd/a_b_c.txt").await.is_some());
    assert!(stored_file("odd/a#b|c.txt").await.is_none());

    // Strict: the documented 422 with its own schema (not FastAPI's).
    let error =
        client.upload_file("odd/x{y}.txt", &body, &UploadFileParams { strict: Some(true) }).await.expect_err("422");
    assert_eq!(error.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    let body = expect_variant!(error, Error::Api { error: UploadFileError::UnprocessableEntity(body), .. } => body);
    assert_eq!(
        body,
        StringErrorResponse { detail: "File path contains invalid characters or exceeds maximum length".into() }
    );
    assert_eq!(seen_request(test).await["queryString"], "strict=true");
    assert!(stored_file("odd/x{y}.txt").await.is_none());
    assert!(stored_file("odd/x_y_.txt").await.is_none());
}

#[tokio::test]
async fn upload_file_too_large_is_the_documented_413() {
    let test = "upload_too_large";
    let client = client(test);
    let path = "big/blob.bin";

    let too_large =
        UploadFileBody { file: file(vec![0xab; MAX_UPLOAD_BYTES + 1], "blob.bin", "application/octet-stream") };
    let error = client.upload_file(path, &too_large, &UploadFileParams::default()).await.expect_err("413");
    assert_eq!(error.status(), Some(StatusCode::PAYLOAD_TOO_LARGE));
    let body = expect_variant!(error, Error::Api { error: UploadFileError::PayloadTooLarge(body), .. } => body);
    assert_eq!(body, StringErrorResponse { detail: format!("File too large (max. {MAX_UPLOAD_BYTES} bytes)") });
    assert!(stored_file(path).await.is_none());

    // The limit itself is fine.
    let at_limit = UploadFileBody { file: file(vec![0xcd; MAX_UPLOAD_BYTES], "blob.bin", "application/octet-stream") };
    client.upload_file(path, &at_limit, &UploadFileParams::default()).await.expect("201");
    assert_eq!(stored_file(path).await.expect("stored")["size"], MAX_UPLOAD_BYTES);
}

#[tokio::test]
async fn delete_file_then_again_is_the_documented_404() {
    let test = "delete_file";
    let client = client(test);
    let path = "trash/2024/old report.pdf";
    let body = UploadFileBody { file: file(b"%PDF-1.4".to_vec(), "old report.pdf", "application/pdf") };
    client.upload_file(path, &body, &UploadFileParams::default()).await.expect("201");
    assert!(stored_file(path).await.is_some());

    client.delete_file(path).await.expect("204 is Ok(())");
    let record = seen_request(test).await;
    assert_eq!(record["method"], "DELETE");
    assert_eq!(record["rawPath"], "/api/v1/files/trash%2F2024%2Fold%20report.pdf");
    assert_eq!(record["status"], 204);
    assert!(stored_file(path).await.is_none());

    let error = client.delete_file(path).await.expect_err("404");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    let body = expect_variant!(error, Error::Api { error: DeleteFileError::NotFound(body), .. } => body);
    assert_eq!(body, StringErrorResponse { detail: "File not found".into() });
}

// ---------------------------------------------------------------------------
// delete_access_token: typed error bodies of several statuses
// ---------------------------------------------------------------------------

#[tokio::test]
async fn delete_access_token_answers_204_404_422_and_401() {
    let test = "delete_token";
    let client = client(test);

    client.delete_access_token(access_token(0x01)).await.expect("204 is Ok(())");
    assert_eq!(seen_request(test).await["rawPath"], format!("/api/v1/access-tokens/{}", access_token(0x01)));

    let error = client.delete_access_token(access_token(0x01)).await.expect_err("404");
    let body = expect_variant!(error, Error::Api { error: DeleteAccessTokenError::NotFound(body), .. } => body);
    assert_eq!(body, StringErrorResponse { detail: "Access token not found".into() });

    // A version 1 UUID: FastAPI's 422, typed as the spec says.
    let version_1 = id("a0a0a0a0-0000-1000-8000-000000000002");
    let error = client.delete_access_token(version_1).await.expect_err("422");
    let body =
        expect_variant!(error, Error::Api { error: DeleteAccessTokenError::UnprocessableEntity(body), .. } => body);
    let error = single_error(body);
    assert_eq!(error.loc, loc(&["path", "token_id"]));
    assert_eq!(error.r#type, "uuid_version");

    // No credentials: the documented 401 with its schema; the token stays.
    let error = anonymous(test).delete_access_token(access_token(0x02)).await.expect_err("401");
    let body = expect_variant!(error, Error::Api { error: DeleteAccessTokenError::Unauthorized(body), .. } => body);
    assert_eq!(body, StringErrorResponse { detail: "Not authenticated".into() });
    client.delete_access_token(access_token(0x02)).await.expect("still there: 204");
}

// ---------------------------------------------------------------------------
// Credentials and undocumented statuses
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_status_the_operation_does_not_document_is_unexpected_status() {
    let test = "undocumented_401";
    // list_agent_executions documents 200 and 422 only.
    let error = anonymous(test).list_agent_executions(&ListAgentExecutionsParams::default()).await.expect_err("401");
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    let response = expect_variant!(error, Error::UnexpectedStatus(response) => response);
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers.get("www-authenticate").map(|v| v.to_str().unwrap()), Some("Bearer"));
    assert_eq!(serde_json::from_str::<Value>(&response.body).expect("JSON"), json!({"detail": "Not authenticated"}));
    assert_eq!(header_values(&seen_request(test).await, "authorization"), Vec::<String>::new());

    // The same status is documented for upload_file: typed there.
    let body = UploadFileBody { file: file(b"x".to_vec(), "x.txt", "text/plain") };
    let error =
        anonymous(test).upload_file("anonymous/x.txt", &body, &UploadFileParams::default()).await.expect_err("401");
    let body = expect_variant!(error, Error::Api { error: UploadFileError::Unauthorized(body), .. } => body);
    assert_eq!(body, StringErrorResponse { detail: "Not authenticated".into() });
    assert!(stored_file("anonymous/x.txt").await.is_none());
}

#[tokio::test]
async fn both_security_schemes_write_the_authorization_header() {
    let test = "credentials";
    let params = ListAgentExecutionsParams { agent_id: Some(vec![agent(0x31)]), ..Default::default() };

    let list = anonymous(test).with_api_key("key-123").list_agent_executions(&params).await.expect("200");
    assert!(list.data.is_empty());
    assert_eq!(header_values(&seen_request(test).await, "authorization"), ["key-123"]);

    // The credential set last wins: one header.
    let client = anonymous(test).with_api_key("key-123").with_bearer_token("tok-456");
    client.list_agent_executions(&params).await.expect("200");
    assert_eq!(header_values(&seen_request(test).await, "authorization"), ["Bearer tok-456"]);
}

// ---------------------------------------------------------------------------
// The peer is faithful to the spec
// ---------------------------------------------------------------------------

#[tokio::test]
async fn the_peer_documents_its_operations_as_the_spec_does() {
    let path = seed_tests::workspace_root().join(SPEC);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read the spec {}: {e}", path.display()));
    let spec: Value = serde_json::from_str(&text).expect("the spec is JSON");
    let (status, document) = peer_get("/openapi.json", &[]).await;
    assert_eq!(status, StatusCode::OK);

    let mut operations = Vec::new();
    for (route, items) in document["paths"].as_object().expect("paths") {
        for (method, operation) in items.as_object().expect("path items") {
            let expected = &spec["paths"][route][method];
            assert!(expected.is_object(), "{method} {route} is not in the spec");
            for key in ["operationId", "parameters", "requestBody", "responses", "security"] {
                assert_eq!(operation.get(key), expected.get(key), "{key} of {method} {route}");
            }
            operations.push(operation["operationId"].as_str().expect("an operationId").to_owned());
        }
    }
    operations.sort();
    assert_eq!(
        operations,
        [
            "create_agent_execution_api_v1_agent_executions_post",
            "delete_access_token_api_v1_access_tokens__token_id__delete",
            "delete_file_api_v1_files__file_path__delete",
            "list_agent_executions_api_v1_agent_executions_get",
            "update_agent_execution_api_v1_agent_executions__agent_execution_id__patch",
            "upload_file_api_v1_files__file_path__put",
        ]
    );
    assert_eq!(document["components"]["securitySchemes"], spec["components"]["securitySchemes"]);
    for schema in ["AgentExecutionsListResponse", "UploadFileResponse", "StringErrorResponse", "HTTPValidationError"] {
        assert_eq!(document["components"]["schemas"][schema], spec["components"]["schemas"][schema], "{schema}");
    }
}

#[tokio::test]
async fn a_file_without_a_name_is_still_sent_as_a_file() {
    let test = "upload_nameless";
    let body = UploadFileBody { file: FilePart::new(b"plain bytes".to_vec()) };

    client(test)
        .upload_file("nameless.txt", &body, &UploadFileParams::default())
        .await
        .expect("201: the part is read as a file");

    let record = seen_request(test).await;
    let parts = record["parts"].as_array().expect("multipart parts");
    assert_eq!(parts[0]["fileName"], "file", "the field's name stands in for the missing file name");
}

#[tokio::test]
async fn dot_segments_are_refused_before_sending() {
    for path in ["", ".", ".."] {
        let test = format!("upload_dots_{}", path.len());
        let body = UploadFileBody { file: file(b"x".to_vec(), "x.txt", "text/plain") };
        match client(&test).upload_file(path, &body, &UploadFileParams::default()).await {
            Err(Error::Validation(e)) => assert!(e.message.contains("file_path"), "{e}"),
            other => panic!("{path:?}: expected a validation error, got {other:?}"),
        }
        assert_eq!(last_request(&test).await["seen"], json!(false), "{path:?} reached the peer");
    }
}
