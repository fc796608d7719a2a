// The generated models' `validation` module: checks of the constraints a spec states.

/// A value that breaks a constraint of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// JSON pointer from the body's root, e.g. `/state/dataConfirmed`.
    pub pointer: ::std::string::String,
    pub message: ::std::string::String,
}

impl ::std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let at = if self.pointer.is_empty() { "/" } else { &self.pointer };
        ::std::write!(f, "{at}: {}", self.message)
    }
}

impl ::std::error::Error for ValidationError {}

/// Implemented by request types with a constraint beneath them.
pub trait Validate {
    /// Checks `self`, found at `pointer` in the body.
    fn validate_at(&self, pointer: &str) -> ::std::result::Result<(), ValidationError>;
}

impl<T: Validate + ?::std::marker::Sized> Validate for &T {
    fn validate_at(&self, pointer: &str) -> ::std::result::Result<(), ValidationError> {
        (**self).validate_at(pointer)
    }
}

impl<T: Validate> Validate for ::std::option::Option<T> {
    fn validate_at(&self, pointer: &str) -> ::std::result::Result<(), ValidationError> {
        self.as_ref().map_or(::std::result::Result::Ok(()), |value| value.validate_at(pointer))
    }
}

impl<T: Validate> Validate for ::std::boxed::Box<T> {
    fn validate_at(&self, pointer: &str) -> ::std::result::Result<(), ValidationError> {
        (**self).validate_at(pointer)
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, pointer: &str) -> ::std::result::Result<(), ValidationError> {
        self.iter().enumerate().try_for_each(|(i, item)| item.validate_at(&::std::format!("{pointer}/{i}")))
    }
}

impl<T: Validate> Validate for ::std::vec::Vec<T> {
    fn validate_at(&self, pointer: &str) -> ::std::result::Result<(), ValidationError> {
        self.as_slice().validate_at(pointer)
    }
}

impl<T: Validate> Validate for ::std::collections::BTreeMap<::std::string::String, T> {
    fn validate_at(&self, pointer: &str) -> ::std::result::Result<(), ValidationError> {
        self.iter().try_for_each(|(key, item)| item.validate_at(&::std::format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))))
    }
}

fn fail(pointer: &str, message: ::std::string::String) -> ::std::result::Result<(), ValidationError> {
    ::std::result::Result::Err(ValidationError { pointer: pointer.to_owned(), message })
}

/// `len` (characters, items or properties) is at least `min`.
pub fn min_len(len: usize, min: u64, what: &str, pointer: &str) -> ::std::result::Result<(), ValidationError> {
    if (len as u64) < min { fail(pointer, ::std::format!("has {len} {what}, at least {min} required")) } else { ::std::result::Result::Ok(()) }
}

/// `len` (characters, items or properties) is at most `max`.
pub fn max_len(len: usize, max: u64, what: &str, pointer: &str) -> ::std::result::Result<(), ValidationError> {
    if (len as u64) > max { fail(pointer, ::std::format!("has {len} {what}, at most {max} allowed")) } else { ::std::result::Result::Ok(()) }
}

pub fn minimum(value: f64, min: f64, exclusive: bool, pointer: &str) -> ::std::result::Result<(), ValidationError> {
    if value < min || (exclusive && value == min) {
        fail(pointer, ::std::format!("is {value}, must be {} {min}", if exclusive { ">" } else { ">=" }))
    } else {
        ::std::result::Result::Ok(())
    }
}

pub fn maximum(value: f64, max: f64, exclusive: bool, pointer: &str) -> ::std::result::Result<(), ValidationError> {
    if value > max || (exclusive && value == max) {
        fail(pointer, ::std::format!("is {value}, must be {} {max}", if exclusive { "<" } else { "<=" }))
    } else {
        ::std::result::Result::Ok(())
    }
}

/// `value` is a whole multiple of `divisor` (to within floating-point rounding).
pub fn multiple_of(value: f64, divisor: f64, pointer: &str) -> ::std::result::Result<(), ValidationError> {
    let quotient = value / divisor;
    if (quotient - quotient.round()).abs() > 1e-9 * quotient.abs().max(1.0) {
        fail(pointer, ::std::format!("is {value}, must be a multiple of {divisor}"))
    } else {
        ::std::result::Result::Ok(())
    }
}

/// No two of `items` are the same JSON value (compared as serialized, so only equal values in the
/// same key order are found: a duplicate can pass, a distinct pair is never refused).
pub fn unique_items<T: ::serde::Serialize>(items: &[T], pointer: &str) -> ::std::result::Result<(), ValidationError> {
    let mut seen = ::std::collections::BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let Ok(text) = ::serde_json::to_string(item) else { continue };
        if let ::std::option::Option::Some(first) = seen.insert(text, i) {
            return fail(pointer, ::std::format!("items {first} and {i} are equal, items must be unique"));
        }
    }
    ::std::result::Result::Ok(())
}
