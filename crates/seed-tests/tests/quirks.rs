//! The generated `fixture-quirks` client against `peer/quirks.py`, a FastAPI service that answers
//! the way real services do where they differ from their documents: an undocumented 201, JSON
//! where text is documented, error bodies that are not the documented schema, and documented
//! response headers (`Link`, `X-Total-Count`). Its document is `specs/fixture-quirks.json`,
//! checked against the running service by the first test.
//!
//! The tests share one server and run in parallel: they read the seeded items 1..5 and create
//! items of their own, never changing another test's.

use fixture_quirks::client::{Error, GetItemError, ListItemsParams};
use fixture_quirks::models::binary::FilePart;
use fixture_quirks::models::{HttpValidationError, Item, ItemCreate, ItemPatch, Message, Note, NoteCreate, NoteUpload};
use fixture_quirks::Client;
use futures::{StreamExt, TryStreamExt};
use reqwest::StatusCode;
use seed_tests::Peer;
use serde_json::Value;

const APP: &str = "quirks.py";
const SPEC: &str = "specs/fixture-quirks.json";

fn peer() -> &'static Peer {
    Peer::shared_app(APP)
}

/// The document's server is relative (`/api`): the client is made for it at the peer's origin.
fn client() -> Client {
    Client::at_origin(&peer().base_url)
}

#[tokio::test]
async fn the_peer_serves_the_checked_in_document() {
    let path = seed_tests::workspace_root().join(SPEC);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let checked_in: Value = serde_json::from_str(&text).expect("the spec is JSON");
    let served: Value = reqwest::get(peer().url("/api/openapi.json")).await.expect("GET").json().await.expect("JSON");
    assert_eq!(served, checked_in, "regenerate it: python peer/quirks.py --print-openapi > {SPEC}");
}

#[tokio::test]
async fn a_relative_server_is_a_path_at_the_origin() {
    assert_eq!(Client::server_url(), "/api");
    assert_eq!(client().base_url(), format!("{}/api", peer().base_url));
    client().get_item(1).await.expect("200 under /api");
    // The origin alone is not the service: what `at_origin` is for.
    let error = Client::new(&peer().base_url).get_item(1).await.expect_err("404 outside /api");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    // Starlette's own 404, not the documented `Message`: a decode error that shows it.
    assert!(error.to_string().contains(r#"{"detail":"Not Found"}"#), "{error}");
}

#[tokio::test]
async fn an_undocumented_201_is_the_documented_success() {
    let body = ItemCreate { tags: Some(vec!["new".into()]), ..ItemCreate::new("created".into()) };
    let created = client().create_item(&body).await.expect("201 is read as the documented 200");
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!((created.name.as_str(), created.tags.as_slice()), ("created", ["new".to_owned()].as_slice()));
    assert!(created.id > 5, "a new item: {created:?}");
}

#[tokio::test]
async fn json_sent_where_text_was_documented_is_read_as_its_text() {
    let version = client().get_version().await.expect("200");
    assert_eq!(version.headers()["content-type"], "application/json");
    assert_eq!(*version, "1.0.0", "the string the JSON holds, without its quotes");
}

#[tokio::test]
async fn documented_headers_are_typed() {
    let first =
        client().list_items(&ListItemsParams { page: Some(1), per_page: Some(2), tag: None }).await.expect("200");
    assert_eq!(first.iter().map(|i| i.id).collect::<Vec<_>>(), [1, 2]);
    let headers = first.typed_headers();
    assert!(headers.x_total_count.is_some_and(|n| n >= 5), "{headers:?}");
    let link = headers.link.as_deref().expect("a next link on the first page");
    assert!(link.ends_with(r#"; rel="next""#) && link.contains("page=2"), "{link}");

    let last =
        client().list_items(&ListItemsParams { page: Some(1000), per_page: Some(2), tag: None }).await.expect("200");
    assert!(last.is_empty());
    assert_eq!(last.typed_headers().link, None, "no next page after the last");
}

#[tokio::test]
async fn a_documented_error_is_typed_and_keeps_the_response() {
    let error = client().get_item(999).await.expect_err("404");
    let Error::Api { error: GetItemError::NotFound(Message { message }), response } = &error else {
        panic!("expected Api(NotFound), got {error:?}")
    };
    assert_eq!(message, "no item 999");
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.headers["content-type"], "application/json");
    assert_eq!(error.to_string(), r#"the server answered 404 Not Found: {"message":"no item 999"}"#);
}

#[tokio::test]
async fn an_error_body_that_decodes_to_nothing_still_shows_the_message() {
    let error = client().get_item(5000).await.expect_err("422");
    match &error {
        Error::Api { error: GetItemError::UnprocessableEntity(typed), response } => {
            assert_eq!(*typed, HttpValidationError { detail: None }, "no field of the schema is in the body");
            assert!(response.body.contains("item ids end at 1000, not 5000"), "{}", response.body);
        }
        other => panic!("expected Api(UnprocessableEntity), got {other:?}"),
    }
    assert!(error.to_string().contains("item ids end at 1000, not 5000"), "{error}");
}

#[tokio::test]
async fn an_error_body_that_breaks_its_schema_is_a_decode_error_showing_it() {
    let error = client().update_item(3, &ItemPatch::default()).await.expect_err("422");
    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    assert!(error.to_string().contains("at least one field must be provided"), "{error}");
}

#[tokio::test]
async fn each_request_media_type_has_its_method() {
    let json = client().create_note(&NoteCreate::new("as JSON".into())).await.expect("201");
    assert_eq!(json.status(), StatusCode::CREATED);
    assert_eq!(*json, Note { text: "as JSON".into(), attachment: None, size: 0, via: "application/json".into() });

    let upload = NoteUpload {
        attachment: Some(FilePart::new(b"%PDF-1.7".to_vec()).with_file_name("a.pdf")),
        ..NoteUpload::new("as a form".into())
    };
    let form = client().create_note_multipart(&upload).await.expect("201");
    assert_eq!(
        form.into_body(),
        Note { text: "as a form".into(), attachment: Some("a.pdf".into()), size: 8, via: "multipart/form-data".into() }
    );
}

#[test]
fn a_struct_with_required_fields_has_a_constructor_of_them() {
    let item = ItemCreate::new("only the name".into());
    assert_eq!(item, ItemCreate { name: "only the name".into(), tags: None, quantity: None });
    assert_eq!(Item::new(7, "seven".into(), vec![]).id, 7);
}

#[tokio::test]
async fn a_patch_sets_clears_with_null_or_leaves_a_field() {
    let created = client().create_item(&ItemCreate::new("patched".into())).await.expect("201");
    let set = ItemPatch { note: Some(Some("first".into())), ..ItemPatch::default() };
    let noted = client().update_item(created.id, &set).await.expect("200").into_body();
    assert_eq!(noted.note.as_deref(), Some("first"));

    // Absent: left alone.
    let renamed = ItemPatch { name: Some(Some("renamed".into())), ..ItemPatch::default() };
    let kept = client().update_item(created.id, &renamed).await.expect("200").into_body();
    assert_eq!((kept.name.as_str(), kept.note.as_deref()), ("renamed", Some("first")));

    // `null`: cleared.
    let clear = ItemPatch { note: Some(None), ..ItemPatch::default() };
    assert_eq!(serde_json::to_value(&clear).expect("JSON"), serde_json::json!({"note": null}));
    let cleared = client().update_item(created.id, &clear).await.expect("200").into_body();
    assert_eq!((cleared.name.as_str(), cleared.note), ("renamed", None));
}

#[tokio::test]
async fn a_null_success_body_is_none() {
    let missing = client().find_item("no such item").await.expect("200 null");
    assert_eq!(missing.status(), StatusCode::OK);
    assert_eq!(*missing, None);
    let found = client().find_item("item-2").await.expect("200").into_body();
    assert_eq!(found.map(|i| i.id), Some(2));
}

#[tokio::test]
async fn constraints_are_checked_before_sending_as_the_server_checks_them() {
    fn refused<E: std::fmt::Debug>(error: Error<E>) -> String {
        match error {
            Error::Validation(invalid) => invalid.to_string(),
            other => panic!("expected Validation, got {other:?}"),
        }
    }
    let mut bad = ItemCreate::new("Not Lowercase".into());
    let message = refused(client().create_item(&bad).await.expect_err("a pattern"));
    assert_eq!(message, r#"/name: "Not Lowercase" does not match the pattern "^[a-z0-9-]+$""#);
    let raw = reqwest::Client::new().post(format!("{}/api/items", peer().base_url)).json(&bad).send().await;
    assert_eq!(raw.expect("POST").status(), StatusCode::UNPROCESSABLE_ENTITY, "the server refuses it too");

    bad.name = "fine".into();
    bad.tags = Some(vec!["a".into(), "b".into(), "a".into()]);
    let message = refused(client().create_item(&bad).await.expect_err("unique items"));
    assert_eq!(message, "/tags: items 0 and 2 are equal, items must be unique");

    bad.tags = None;
    bad.quantity = Some(7);
    let message = refused(client().create_item(&bad).await.expect_err("a multiple"));
    assert_eq!(message, "/quantity: is 7, must be a multiple of 5");
    bad.quantity = Some(10);
    client().create_item(&bad).await.expect("valid now");

    let params = ListItemsParams { per_page: Some(0), ..Default::default() };
    let message = refused(client().list_items(&params).await.expect_err("a parameter bound"));
    assert_eq!(message, "query parameter `per_page`: is 0, must be >= 1");
    let raw = reqwest::get(format!("{}/api/items?per_page=0", peer().base_url)).await;
    assert_eq!(raw.expect("GET").status(), StatusCode::UNPROCESSABLE_ENTITY, "the server refuses it too");
}

#[tokio::test]
async fn a_stream_follows_next_links_across_pages() {
    let params = ListItemsParams { per_page: Some(2), tag: Some("seed".into()), ..Default::default() };
    let first = client().list_items(&params).await.expect("page 1");
    assert_eq!(first.len(), 2);
    assert!(first.typed_headers().link.is_some(), "page 1 links to page 2");

    // Five seeded items, two a page: three pages, each fetched once, in order.
    let items: Vec<Item> = client().list_items_stream(&params).try_collect().await.expect("every page");
    assert_eq!(items.iter().map(|i| i.id).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);

    // From the page asked for.
    let from_two = ListItemsParams { page: Some(2), ..params.clone() };
    let rest: Vec<i64> =
        client().list_items_stream(&from_two).map_ok(|i| i.id).try_collect().await.expect("pages 2, 3");
    assert_eq!(rest, [3, 4, 5]);
}

#[tokio::test]
async fn a_stream_stops_at_a_link_it_has_followed() {
    let items: Vec<Item> = client().list_loop_stream().try_collect().await.expect("one page");
    assert_eq!(items.iter().map(|i| i.id).collect::<Vec<_>>(), [1], "the page links to itself: read once");
}

#[tokio::test]
async fn a_stream_ends_with_the_error_of_a_page() {
    let params = ListItemsParams { per_page: Some(0), ..Default::default() };
    let results: Vec<_> = client().list_items_stream(&params).collect().await;
    assert_eq!(results.len(), 1);
    assert!(matches!(results[0], Err(Error::Validation(_))), "{results:?}");
}
