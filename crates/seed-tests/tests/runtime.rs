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
    include!("../../smelt/src/runtime/client/unexpected.rs");
    include!("../../smelt/src/runtime/client/basic_auth.rs");

    /// An operation's error enum, as generated ones are.
    #[derive(Debug)]
    pub struct NotFound;

    impl std::fmt::Display for NotFound {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("404 not found")
        }
    }

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

        #[test]
        fn errors_map_to_statuses_and_messages() {
            let api: Error<NotFound> = Error::Api(NotFound);
            assert_eq!(api.status(), Some(::reqwest::StatusCode::NOT_FOUND));
            assert_eq!(api.to_string(), "404 not found");
            let source = serde_json::from_str::<u8>("x").expect_err("not a number");
            let decode: Error<NotFound> = Error::Decode(Box::new(DecodeError {
                status: ::reqwest::StatusCode::OK,
                body: "x".to_owned(),
                source,
            }));
            assert_eq!(decode.status(), Some(::reqwest::StatusCode::OK));
            assert!(decode.to_string().starts_with("could not decode the 200 OK response"), "{decode}");
            assert!(std::error::Error::source(&decode).is_some());
            let invalid: Error<NotFound> = Error::Validation(super::super::models::validation::ValidationError {
                pointer: "/name".to_owned(),
                message: "too long".to_owned(),
            });
            assert_eq!((invalid.status(), invalid.to_string()), (None, "invalid request: /name: too long".to_owned()));
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
