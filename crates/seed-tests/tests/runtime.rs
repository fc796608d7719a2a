//! The runtime of generated crates (`crates/smelt/src/runtime/`) compiled and tested as ordinary
//! Rust: the same files smelt copies into generated `client` and `models` modules, laid out here
//! as those modules are, so their relative paths (`super::models`) resolve the same way.

// A generated crate carries only the parts it uses; this one carries all of them.
#![allow(dead_code)]

mod models {
    pub mod validation {
        include!("../../smelt/src/runtime/models/validation.rs");
    }
    pub mod binary {
        include!("../../smelt/src/runtime/models/binary.rs");
    }
    pub mod tags {
        include!("../../smelt/src/runtime/models/tags.rs");

        /// Where the generated models call `tags::…`.
        pub fn tag_of_json(value: &serde_json::Value) -> Result<String, serde_json::Error> {
            tag_of(value, "kind", "Shape")
        }

        pub fn variant_of_json<T: serde::de::DeserializeOwned>(
            value: serde_json::Value,
        ) -> Result<T, serde_json::Error> {
            variant(value, Some("kind"))
        }
    }
}

mod client {
    include!("../../smelt/src/runtime/client/error.rs");
    include!("../../smelt/src/runtime/client/response.rs");
    include!("../../smelt/src/runtime/client/received.rs");
    include!("../../smelt/src/runtime/client/sent_json.rs");
    include!("../../smelt/src/runtime/client/header_value.rs");
    include!("../../smelt/src/runtime/client/secret.rs");
    include!("../../smelt/src/runtime/client/secret_header.rs");
    include!("../../smelt/src/runtime/client/encode_path.rs");
    include!("../../smelt/src/runtime/client/param_text.rs");
    include!("../../smelt/src/runtime/client/text.rs");
    include!("../../smelt/src/runtime/client/json.rs");
    include!("../../smelt/src/runtime/client/bytes.rs");
    include!("../../smelt/src/runtime/client/query_object.rs");
    include!("../../smelt/src/runtime/client/file_part.rs");
    include!("../../smelt/src/runtime/client/event_stream.rs");
    include!("../../smelt/src/runtime/client/form_pairs.rs");
    include!("../../smelt/src/runtime/client/basic_auth.rs");
    include!("../../smelt/src/runtime/client/api_error.rs");
    include!("../../smelt/src/runtime/client/unexpected.rs");
    include!("../../smelt/src/runtime/client/link_pages.rs");

    /// An operation's error enum, as generated ones are.
    #[derive(Debug)]
    pub struct NotFound;

    impl OperationError for NotFound {
        fn status(&self) -> ::reqwest::StatusCode {
            ::reqwest::StatusCode::NOT_FOUND
        }
    }

    mod tests {
        use super::*;
        use serde_json::json;

        fn request() -> ::reqwest::RequestBuilder {
            ::reqwest::Client::new().get("http://localhost/x")
        }

        #[test]
        fn path_segments_are_percent_encoded_and_dot_segments_refused() {
            assert_eq!(encode_path::<NotFound>("a b/ü?#~._-", "id").expect("encodes"), "a%20b%2F%C3%BC%3F%23~._-");
            for bad in ["", ".", ".."] {
                let Err(Error::Validation(e)) = encode_path::<NotFound>(bad, "id") else { panic!("{bad:?} accepted") };
                assert!(e.message.contains("path parameter `id`"), "{e}");
            }
        }

        #[test]
        fn parameters_are_text_strings_as_they_are() {
            assert_eq!(param_text(&"a b"), "a b");
            assert_eq!(param_text(&3), "3");
            assert_eq!(param_text(&json!({"a": [1]})), r#"{"a":[1]}"#);
        }

        #[test]
        fn object_parameters_spread_into_query_keys() {
            let value = json!({"color": "red", "size": 2, "gone": null});
            let deep = query_object(request(), "filter", &value, true).build().expect("builds");
            assert_eq!(deep.url().query(), Some("filter%5Bcolor%5D=red&filter%5Bsize%5D=2"));
            let form = query_object(request(), "filter", &value, false).build().expect("builds");
            assert_eq!(form.url().query(), Some("color=red&size=2"));
        }

        #[test]
        fn form_bodies_nest_objects_and_lists() {
            let body = json!({"a": {"b": 1}, "tags": ["x", "y"], "items": [{"id": 1}], "deep": ["z"], "none": null});
            let pairs = form_pairs::<_, NotFound>(&body, &["deep"]).expect("encodes");
            let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            assert_eq!(text, ["a[b]=1", "tags=x", "tags=y", "items[0][id]=1", "deep[0]=z"]);
        }

        #[test]
        fn credentials_are_redacted_and_marked_sensitive() {
            assert_eq!(format!("{:?}", Secret("hunter2".to_owned())), "Secret(<redacted>)");
            let sent = secret_header(request(), "X-Key", "hunter2").build().expect("builds");
            assert!(sent.headers()["X-Key"].is_sensitive());
            // An invalid header value fails the request when it is built, not before.
            assert!(secret_header(request(), "X-Key", "bad\nvalue").build().is_err());
            assert_eq!(basic_auth("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
            assert_eq!(basic_auth("a", ""), "Basic YTo=");
        }

        fn received(status: u16, content_type: Option<&str>, body: &str) -> Received {
            let mut headers = ::reqwest::header::HeaderMap::new();
            if let Some(media) = content_type {
                headers.insert(::reqwest::header::CONTENT_TYPE, media.parse().expect("a header value"));
            }
            let status = ::reqwest::StatusCode::from_u16(status).expect("a status");
            let url = ::reqwest::Url::parse("https://api.example.com/v1/items?page=1").expect("a URL");
            Received { url, status, headers, body: body.as_bytes().to_vec() }
        }

        #[test]
        fn errors_keep_the_response_and_show_its_body() {
            let api: Error<NotFound> = Error::Api {
                error: NotFound,
                response: Box::new(received(404, None, "{\"message\":\n  \"gone\"}").raw()),
            };
            assert_eq!(api.status(), Some(::reqwest::StatusCode::NOT_FOUND));
            assert_eq!(api.to_string(), r#"the server answered 404 Not Found: {"message": "gone"}"#);
            assert_eq!(api.response().map(|r| r.body.as_str()), Some("{\"message\":\n  \"gone\"}"));
            let long = "x".repeat(1000);
            let teapot: Error<NotFound> = unexpected(received(418, None, &long));
            assert_eq!(teapot.to_string(), format!("unexpected status 418 I'm a teapot: {}…", "x".repeat(300)));
            let empty: Error<NotFound> = unexpected(received(500, None, ""));
            assert!(empty.to_string().ends_with("(empty body)"), "{empty}");

            let Err(decode) = json::<u8, NotFound>(&received(200, Some("application/json"), "\"x\"")) else {
                panic!("a string is no u8")
            };
            assert_eq!(decode.status(), Some(::reqwest::StatusCode::OK));
            assert!(decode.to_string().starts_with("could not decode the 200 OK response ("), "{decode}");
            assert!(decode.to_string().ends_with(r#": "x""#), "{decode}");
            assert!(std::error::Error::source(&decode).is_some());
            let invalid: Error<NotFound> = Error::Validation(super::super::models::validation::ValidationError {
                pointer: "/name".to_owned(),
                message: "too long".to_owned(),
            });
            assert_eq!((invalid.status(), invalid.to_string()), (None, "invalid request: /name: too long".to_owned()));
        }

        #[test]
        fn bodies_are_read_by_the_media_type_that_arrived() {
            // JSON where text was documented: the string it holds.
            assert_eq!(text(&received(200, Some("application/json"), "\"1.0.0\"")), "1.0.0");
            assert_eq!(text(&received(200, Some("text/plain"), "\"1.0.0\"")), "\"1.0.0\"");
            assert_eq!(text(&received(200, Some("application/json"), "{\"a\":1}")), "{\"a\":1}");
            // Text where JSON was documented: taken by a string type, refused by others.
            let version: String = json::<_, NotFound>(&received(200, Some("text/plain"), "1.0.0")).expect("text");
            assert_eq!(version, "1.0.0");
            assert!(json::<u8, NotFound>(&received(200, Some("text/plain"), "x")).is_err());
            let number: u8 = json::<_, NotFound>(&received(200, Some("text/plain"), "7")).expect("JSON in text/plain");
            assert_eq!(number, 7);
            // An empty body is `null`: what a nullable type takes.
            assert_eq!(json::<Option<u8>, NotFound>(&received(204, None, "")).expect("empty"), None);
            assert_eq!(
                json::<Option<u8>, NotFound>(&received(200, Some("application/json"), "null")).expect("null"),
                None
            );
            assert!(json::<u8, NotFound>(&received(200, Some("application/json"), "")).is_err());
        }

        #[test]
        fn a_success_carries_status_headers_and_typed_headers() {
            #[derive(Debug, PartialEq)]
            struct Paging {
                link: Option<String>,
                remaining: Option<i64>,
            }
            let mut r = received(201, Some("application/json"), "[1]");
            r.headers.append("link", "<https://x/?page=2>; rel=\"next\"".parse().expect("value"));
            r.headers.append("link", "<https://x/?page=9>; rel=\"last\"".parse().expect("value"));
            r.headers.insert("x-ratelimit-remaining", "not a number".parse().expect("value"));
            let body: Vec<u8> = json::<_, NotFound>(&r).expect("a list");
            let read = |h: &::reqwest::header::HeaderMap| Paging {
                link: header_value(h, "Link"),
                remaining: header_value(h, "X-RateLimit-Remaining"),
            };
            let response = r.ok(body, read);
            assert_eq!(response.status().as_u16(), 201);
            assert_eq!(response.len(), 1, "derefs to the body");
            assert_eq!(
                response.typed_headers(),
                &Paging {
                    link: Some("<https://x/?page=2>; rel=\"next\", <https://x/?page=9>; rel=\"last\"".to_owned()),
                    remaining: None
                }
            );
            assert_eq!(response.headers()["content-type"], "application/json");
            assert_eq!(response.into_body(), [1]);
        }

        #[test]
        fn the_next_link_is_found_among_others_and_resolved() {
            let page = |links: &[&str]| {
                let mut r = received(200, Some("application/json"), "[]");
                for link in links {
                    r.headers.append(::reqwest::header::LINK, link.parse().expect("a header value"));
                }
                r.ok(Vec::<u8>::new(), |_| ())
            };
            let next = |links: &[&str]| next_link(&page(links)).map(|u| u.to_string());
            assert_eq!(
                next(&[
                    r#"<https://api.example.com/v1/items?page=1>; rel="prev", <https://api.example.com/v1/items?page=3>; rel="next""#
                ]),
                Some("https://api.example.com/v1/items?page=3".to_owned())
            );
            // Several headers, a relation list, no quotes, a relative target.
            assert_eq!(
                next(&["</v1/items?page=9>; rel=last", "<?page=2>; rel=\"next last\""]),
                Some("https://api.example.com/v1/items?page=2".to_owned())
            );
            assert_eq!(next(&["<https://x/?page=9>; rel=\"last\""]), None);
            assert_eq!(next(&[]), None);
        }

        #[test]
        fn a_file_part_always_has_a_file_name() {
            let file =
                super::super::models::binary::FilePart::new(b"%PDF".to_vec()).with_content_type("application/pdf");
            assert!(file_part::<NotFound>(&file, "upload").is_ok());
            let bad = super::super::models::binary::FilePart::new(vec![]).with_content_type("not a media type");
            assert!(matches!(file_part::<NotFound>(&bad, "upload"), Err(Error::Request(_))));
        }
    }
}

mod behaviour {
    use super::models::{tags, validation::*};
    use serde_json::json;

    #[test]
    fn validation_reports_the_pointer_of_what_breaks() {
        assert!(min_len(2, 1, "items", "/a").is_ok());
        let e = max_len(3, 2, "characters", "/name").expect_err("too long");
        assert_eq!(e.to_string(), "/name: has 3 characters, at most 2 allowed");
        assert_eq!(minimum(1.0, 1.0, true, "/n").expect_err("exclusive").message, "is 1, must be > 1");
        assert!(maximum(2.0, 2.0, false, "/n").is_ok());

        struct Short(&'static str);
        impl Validate for Short {
            fn validate_at(&self, pointer: &str) -> Result<(), ValidationError> {
                max_len(self.0.chars().count(), 1, "characters", pointer)
            }
        }
        let list = vec![Short("a"), Short("bc")];
        assert_eq!(list.validate_at("/list").expect_err("second too long").pointer, "/list/1");
        let map = std::collections::BTreeMap::from([("a/b~c".to_owned(), Short("xy"))]);
        assert_eq!(map.validate_at("").expect_err("too long").pointer, "/a~1b~0c");
        assert!(None::<Short>.validate_at("/x").is_ok());
    }

    #[test]
    fn tags_are_read_before_the_variant() {
        assert_eq!(tags::tag_of_json(&json!({"kind": "circle"})).expect("tag"), "circle");
        for (value, message) in [
            (json!([1]), "Shape: expected an object"),
            (json!({"kind": 1}), "Shape: `kind` must be a string"),
            (json!({}), "Shape: missing `kind`"),
        ] {
            assert_eq!(tags::tag_of_json(&value).expect_err("bad tag").to_string(), message);
        }
        #[derive(serde::Deserialize, Debug, PartialEq)]
        #[serde(deny_unknown_fields)]
        struct Circle {
            radius: f64,
        }
        let circle: Circle = tags::variant_of_json(json!({"kind": "circle", "radius": 2.0})).expect("strips the tag");
        assert_eq!(circle, Circle { radius: 2.0 });
        assert!(
            tags::variant_of_json::<Circle>(json!({"kind": "circle"})).is_err(),
            "an invalid known variant is an error"
        );
    }
}
