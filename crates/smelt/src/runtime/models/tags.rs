// The generated models' `tags` module, after its `Tag…` structs: reading the tag of discriminated
// unions.

/// The tag of a union's object: missing or not a string is an error.
pub(super) fn tag_of<E: ::serde::de::Error>(value: &::serde_json::Value, tag: &str, union: &str) -> ::std::result::Result<::std::string::String, E> {
    let ::serde_json::Value::Object(object) = value else {
        return ::std::result::Result::Err(E::custom(::std::format_args!("{union}: expected an object")));
    };
    match object.get(tag) {
        ::std::option::Option::Some(::serde_json::Value::String(found)) => ::std::result::Result::Ok(found.clone()),
        ::std::option::Option::Some(_) => ::std::result::Result::Err(E::custom(::std::format_args!("{union}: `{tag}` must be a string"))),
        ::std::option::Option::None => ::std::result::Result::Err(E::custom(::std::format_args!("{union}: missing `{tag}`"))),
    }
}

/// A known variant's body; an invalid one is an error, never an unknown variant.
pub(super) fn variant<T: ::serde::de::DeserializeOwned, E: ::serde::de::Error>(mut value: ::serde_json::Value, strip: ::std::option::Option<&str>) -> ::std::result::Result<T, E> {
    if let (::std::option::Option::Some(tag), ::serde_json::Value::Object(object)) = (strip, &mut value) {
        object.remove(tag);
    }
    ::serde_json::from_value(value).map_err(E::custom)
}
