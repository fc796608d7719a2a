// Part of the generated models' `validation` module where a spec has a `pattern`: it needs the
// `regex` crate, which a crate without patterns does not depend on.

/// `value` matches `pattern` (compiled once, into `compiled`). A pattern this `regex` cannot
/// compile is not checked: smelt checked it compiles, so that is a different `regex` version.
pub fn pattern(
    value: &str,
    compiled: &::std::sync::OnceLock<::std::option::Option<::regex::Regex>>,
    pattern: &str,
    pointer: &str,
) -> ::std::result::Result<(), ValidationError> {
    match compiled.get_or_init(|| ::regex::Regex::new(pattern).ok()) {
        ::std::option::Option::Some(re) if !re.is_match(value) => {
            fail(pointer, ::std::format!("{value:?} does not match the pattern {pattern:?}"))
        }
        _ => ::std::result::Result::Ok(()),
    }
}
