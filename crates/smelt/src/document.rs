//! Typed document: the repaired value tree deserialized into `openapiv3`'s model. Where it still
//! does not fit, repair's fallback mends one place and the parse is retried (see
//! [`crate::repair::fallback`]): `openapiv3`'s strictness never fails a spec on its own.

use serde_json::Value;

use crate::diagnostic::Diagnostics;
use crate::json::{fits_as, Mismatch};

/// The typed document, repairing `value` where it does not fit; or why it cannot be had.
pub fn parse(value: &mut Value, diags: &mut Diagnostics) -> Result<openapiv3::OpenAPI, Mismatch> {
    let mut repaired: Vec<String> = Vec::new();
    loop {
        match fits_as(value) {
            Ok(doc) => return Ok(doc),
            Err(error) => repaired.push(crate::repair::fallback::repair_one(value, error, &repaired, diags)?),
        }
    }
}
