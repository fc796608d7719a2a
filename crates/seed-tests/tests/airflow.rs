//! The client generated from Apache Airflow 3.3.2's REST API document (`specs/airflow.yaml`, as
//! the Airflow wheel ships it) against a running Airflow 3.3.2 API server (PyPI
//! `apache-airflow==3.3.2` in `target/airflow-venv`, SQLite, started by `peer/airflow_server.py`):
//! a real third-party FastAPI service nobody here wrote.
//!
//! The tests share one server and take turns (`one_at_a_time`): Airflow's SQLite database, which
//! every request writes an audit row to, answers concurrent writers with 500s ("database is
//! locked" after its 5 s timeout). Each uses variable keys, pool names and connection ids of its
//! own.

use airflow::client::{
    Error, GetConnectionsParams, GetPoolError, GetPoolsParams, GetVariableError, GetVariablesParams, PatchPoolParams,
    PatchVariableParams, PostVariableError, TestConnectionError,
};
use airflow::models::{
    ConnectionBody, HttpExceptionResponseDetail, PoolBody, PoolPatchBody, ValidationErrorLocItem, VariableBody,
};
use airflow::Client;
use reqwest::StatusCode;
use seed_tests::{Peer, AIRFLOW_APP};
use serde_json::{json, Value};

/// The SimpleAuthManager user `peer/airflow_server.py` sets up.
const USER: (&str, &str) = ("admin", "smelt-test");
const SPEC: &str = "specs/airflow.yaml";

fn airflow() -> &'static Peer {
    Peer::shared_app(AIRFLOW_APP)
}

/// Held for the length of a test: one request to Airflow at a time.
async fn one_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    TURN.lock().await
}

/// A bearer token from Airflow's own login route. Its document gives `POST /auth/token` no
/// request body (the handler reads it by hand), so the client has no method for it: plain HTTP.
async fn token() -> String {
    let response = reqwest::Client::new()
        .post(airflow().url("/auth/token"))
        .json(&json!({"username": USER.0, "password": USER.1}))
        .send()
        .await
        .expect("POST /auth/token");
    assert_eq!(response.status(), StatusCode::CREATED, "login");
    let body: Value = response.json().await.expect("a JSON token");
    body["access_token"].as_str().expect("access_token").to_owned()
}

async fn client() -> Client {
    Client::new(airflow().base_url.clone()).with_bearer_token(token().await)
}

/// The text of an `HTTPExceptionResponse` detail.
fn detail_text(detail: &HttpExceptionResponseDetail) -> &str {
    match detail {
        HttpExceptionResponseDetail::String(text) => text,
        other => panic!("expected a text detail, got {other:?}"),
    }
}

fn variable(key: &str, value: Value) -> VariableBody {
    VariableBody::new(key.into(), value)
}

#[tokio::test]
async fn the_running_server_documents_the_operations_the_client_was_generated_from() {
    let _turn = one_at_a_time().await;
    let path = seed_tests::workspace_root().join(SPEC);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let checked_in: Value = yaml_serde::from_str(&text).expect("the spec is YAML");
    let served: Value =
        reqwest::get(airflow().url("/openapi.json")).await.expect("GET /openapi.json").json().await.expect("JSON");
    let paths = |doc: &Value| -> Vec<(String, Vec<String>)> {
        let mut paths: Vec<(String, Vec<String>)> = doc["paths"]
            .as_object()
            .expect("paths")
            .iter()
            .map(|(path, item)| (path.clone(), item.as_object().expect("a path item").keys().cloned().collect()))
            .collect();
        paths.sort();
        paths
    };
    assert_eq!(paths(&served), paths(&checked_in), "the same paths and methods");
    for (path, methods) in paths(&checked_in) {
        for method in methods {
            let (served, checked_in) = (&served["paths"][&path][&method], &checked_in["paths"][&path][&method]);
            for key in ["operationId", "parameters", "requestBody", "responses", "security"] {
                assert_eq!(served.get(key), checked_in.get(key), "{key} of {method} {path}");
            }
        }
    }
    assert_eq!(served["components"]["schemas"], checked_in["components"]["schemas"], "the same schemas");
}

#[tokio::test]
async fn the_version_is_public() {
    let _turn = one_at_a_time().await;
    let version = Client::new(airflow().base_url.clone()).get_version().await.expect("200 without a token");
    assert_eq!(version.version, "3.3.2");
}

#[tokio::test]
async fn the_health_of_the_metadatabase_is_healthy() {
    let _turn = one_at_a_time().await;
    let health = Client::new(airflow().base_url.clone()).get_health().await.expect("200");
    let text = serde_json::to_value(&*health).expect("JSON");
    assert_eq!(text["metadatabase"]["status"], "healthy", "{text}");
}

#[tokio::test]
async fn without_a_token_the_api_answers_a_typed_401() {
    let _turn = one_at_a_time().await;
    let error =
        Client::new(airflow().base_url.clone()).get_variable("anything").await.expect_err("401 without credentials");
    match &error {
        Error::Api { error: GetVariableError::Unauthorized(body), response } => {
            assert_eq!(response.status, StatusCode::UNAUTHORIZED);
            assert_eq!(detail_text(&body.detail), "Not authenticated");
        }
        other => panic!("expected Api(Unauthorized), got {other:?}"),
    }
}

#[tokio::test]
async fn a_variable_is_created_read_changed_and_deleted() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let key = "crud_variable";
    let created = client.post_variable(&variable(key, json!("first"))).await.expect("201");
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!((created.key.as_str(), created.value.as_deref()), (key, Some("first")));

    let read = client.get_variable(key).await.expect("200");
    assert_eq!(read.value.as_deref(), Some("first"));

    let change = VariableBody { description: Some(Some("changed".into())), ..variable(key, json!("second")) };
    let changed = client.patch_variable(key, &change, &Default::default()).await.expect("200");
    assert_eq!((changed.value.as_deref(), changed.description.as_deref()), (Some("second"), Some("changed")));

    let deleted = client.delete_variable(key).await.expect("204");
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let error = client.get_variable(key).await.expect_err("404 once deleted");
    let Error::Api { error: GetVariableError::NotFound(body), .. } = &error else {
        panic!("expected NotFound: {error:?}")
    };
    assert_eq!(detail_text(&body.detail), format!("The Variable with key: `{key}` was not found"));
}

#[tokio::test]
async fn a_json_variable_value_goes_as_json_and_comes_back_as_text() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let key = "json_variable";
    let value = json!({"retries": 3, "targets": ["a", "b"]});
    let created = client.post_variable(&variable(key, value.clone())).await.expect("201");
    let text = created.value.as_deref().expect("a value");
    assert_eq!(serde_json::from_str::<Value>(text).expect("JSON text"), value);
    client.delete_variable(key).await.expect("204");
}

#[tokio::test]
async fn a_patch_clears_a_description_with_null() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let key = "null_description";
    let described = VariableBody { description: Some(Some("to be cleared".into())), ..variable(key, json!("v")) };
    client.post_variable(&described).await.expect("201");
    let clear = VariableBody { description: Some(None), ..variable(key, json!("v")) };
    let mask = PatchVariableParams { update_mask: Some(vec!["description".into()]) };
    let cleared = client.patch_variable(key, &clear, &mask).await.expect("200");
    assert_eq!(cleared.description, None);
    assert_eq!(client.get_variable(key).await.expect("200").description, None, "stored as cleared");
    client.delete_variable(key).await.expect("204");
}

#[tokio::test]
async fn creating_a_variable_twice_is_a_typed_409() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let key = "twice_variable";
    client.post_variable(&variable(key, json!("v"))).await.expect("201");
    let error = client.post_variable(&variable(key, json!("v"))).await.expect_err("409");
    let Error::Api { error: PostVariableError::Conflict(body), .. } = &error else {
        panic!("expected Conflict: {error:?}")
    };
    assert_eq!(detail_text(&body.detail), format!("The Variable with key: `{key}` already exists"));
    client.delete_variable(key).await.expect("204");
}

#[tokio::test]
async fn what_the_server_refuses_beyond_the_document_is_its_typed_422() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let body = VariableBody { team_name: Some(Some("team-a".into())), ..variable("team_variable", json!("v")) };
    let error = client.post_variable(&body).await.expect_err("422: multi-team mode is off");
    let Error::Api { error: PostVariableError::UnprocessableEntity(body), .. } = &error else {
        panic!("expected UnprocessableEntity: {error:?}")
    };
    let detail = body.detail.as_deref().expect("FastAPI's list of errors");
    assert_eq!(detail[0].loc, [ValidationErrorLocItem::String("body".into())]);
    assert!(detail[0].msg.contains("team_name cannot be set"), "{}", detail[0].msg);
    assert!(error.to_string().contains("team_name cannot be set"), "{error}");
}

#[tokio::test]
async fn variables_are_listed_page_by_page() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let keys: Vec<String> = (0..5).map(|i| format!("paged_variable_{i}")).collect();
    for key in &keys {
        client.post_variable(&variable(key, json!("v"))).await.expect("201");
    }
    let mut seen = Vec::new();
    let mut params = GetVariablesParams {
        limit: Some(2),
        order_by: Some(vec!["key".into()]),
        variable_key_prefix_pattern: Some("paged_variable_".into()),
        ..Default::default()
    };
    loop {
        let page = client.get_variables(&params).await.expect("200");
        assert_eq!(page.total_entries, 5);
        if page.variables.is_empty() {
            break;
        }
        seen.extend(page.variables.iter().map(|v| v.key.clone()));
        params.offset = Some(params.offset.unwrap_or(0) + 2);
    }
    assert_eq!(seen, keys, "three pages of at most two, in key order");
    for key in &keys {
        client.delete_variable(key).await.expect("204");
    }
}

#[tokio::test]
async fn a_list_parameter_out_of_the_documented_range_is_refused_before_sending() {
    let _turn = one_at_a_time().await;
    let params = GetVariablesParams { limit: Some(-1), ..Default::default() };
    let error = client().await.get_variables(&params).await.expect_err("refused");
    let Error::Validation(invalid) = error else { panic!("expected Validation: {error:?}") };
    assert_eq!(invalid.to_string(), "query parameter `limit`: is -1, must be >= 0");
}

#[tokio::test]
async fn a_pool_is_created_listed_resized_and_deleted() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let name = "crud_pool";
    let created = client.post_pool(&PoolBody::new(name.into(), 3)).await.expect("201");
    assert_eq!((created.slots, created.open_slots), (3, 3));

    let listed = client
        .get_pools(&GetPoolsParams { pool_name_pattern: Some(name.into()), ..Default::default() })
        .await
        .expect("200");
    assert_eq!(listed.pools.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), [name]);

    // The document makes every field optional; the server wants `pool` and `include_deferred` too.
    let resize = PoolPatchBody {
        pool: Some(Some(name.into())),
        slots: Some(Some(7)),
        include_deferred: Some(Some(false)),
        ..Default::default()
    };
    let mask = PatchPoolParams { update_mask: Some(vec!["slots".into()]) };
    let resized = client.patch_pool(name, &resize, &mask).await.expect("200");
    assert_eq!(resized.slots, 7);

    client.delete_pool(name).await.expect("204");
    let error = client.get_pool(name).await.expect_err("404");
    assert!(matches!(error, Error::Api { error: GetPoolError::NotFound(_), .. }), "{error:?}");
}

#[tokio::test]
async fn the_default_pool_exists_and_pool_slots_are_bounded_before_sending() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let default = client.get_pool("default_pool").await.expect("200");
    assert_eq!(default.name, "default_pool");
    let error = client.post_pool(&PoolBody::new("negative_pool".into(), -5)).await.expect_err("refused");
    let Error::Validation(invalid) = error else { panic!("expected Validation: {error:?}") };
    assert_eq!(invalid.to_string(), "/slots: is -5, must be >= -1");
}

#[tokio::test]
async fn a_connection_is_created_read_changed_and_deleted() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let id = "crud_connection";
    let body = ConnectionBody {
        host: Some(Some("example.com".into())),
        port: Some(Some(8443)),
        login: Some(Some("robot".into())),
        ..ConnectionBody::new(id.into(), "http".into())
    };
    let created = client.post_connection(&body).await.expect("201");
    assert_eq!((created.host.as_deref(), created.port), (Some("example.com"), Some(8443)));
    let read = client.get_connection(id).await.expect("200");
    assert_eq!(read.login.as_deref(), Some("robot"));

    let moved = ConnectionBody { host: Some(Some("example.org".into())), ..body.clone() };
    let changed = client.patch_connection(id, &moved, &Default::default()).await.expect("200");
    assert_eq!(changed.host.as_deref(), Some("example.org"));

    let listed = client
        .get_connections(&GetConnectionsParams { connection_id_pattern: Some(id.into()), ..Default::default() })
        .await
        .expect("200");
    assert_eq!(listed.total_entries, 1);
    client.delete_connection(id).await.expect("204");
    assert_eq!(client.get_connection(id).await.expect_err("404").status(), Some(StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn a_connection_id_is_checked_against_its_pattern_before_sending() {
    let _turn = one_at_a_time().await;
    let client = client().await;
    let error =
        client.post_connection(&ConnectionBody::new("bad id!".into(), "http".into())).await.expect_err("refused");
    let Error::Validation(invalid) = error else { panic!("expected Validation: {error:?}") };
    assert_eq!(invalid.pointer, "/connection_id");
    assert!(invalid.message.contains("does not match the pattern"), "{invalid}");
}

#[tokio::test]
async fn testing_a_connection_is_off_by_default_a_typed_403() {
    let _turn = one_at_a_time().await;
    let body = ConnectionBody::new("tested_connection".into(), "http".into());
    let error = client().await.test_connection(&body).await.expect_err("403");
    let Error::Api { error: TestConnectionError::Forbidden(body), .. } = &error else {
        panic!("expected Forbidden: {error:?}")
    };
    assert!(detail_text(&body.detail).starts_with("Testing connections is disabled"), "{body:?}");
}

#[tokio::test]
async fn an_ordering_the_server_does_not_allow_is_a_typed_400() {
    let _turn = one_at_a_time().await;
    let params = GetPoolsParams { order_by: Some(vec!["no_such_column".into()]), ..Default::default() };
    let error = client().await.get_pools(&params).await.expect_err("400");
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert!(error.to_string().contains("Ordering with 'no_such_column' is disallowed"), "{error}");
}
