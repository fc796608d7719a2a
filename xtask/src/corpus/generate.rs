//! Generating one spec's crate into the scratch workspace, surviving whatever the generator does.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use smelt::{Tally, WriteMode};

/// What one spec came to, before the crates are compiled.
#[derive(Debug)]
pub(crate) struct Generation {
    /// The `openapi` (or `swagger 2.0`) version the document declares; `?` if it declares none.
    pub(crate) version: String,
    pub(crate) outcome: Outcome,
}

#[derive(Debug)]
pub(crate) enum Outcome {
    /// The crate was written; it still has to compile.
    Generated { crate_name: String, stats: Stats },
    /// smelt returned an error: a clean refusal if the document is Swagger.
    Refused { message: String, swagger: bool },
    /// smelt panicked, or writing the crate failed.
    Crashed(String),
}

#[derive(Debug)]
pub(crate) struct Stats {
    pub(crate) operations: usize,
    pub(crate) types: usize,
    pub(crate) tally: Tally,
    /// Time spent in `smelt::generate_crate`.
    pub(crate) took: Duration,
}

/// Generates the crate `crate_name` from `spec` into `out`.
pub(crate) fn generate(spec: &Path, crate_name: &str, out: &Path) -> Generation {
    let version = openapi_version(spec);
    let result = panic::catch_unwind(AssertUnwindSafe(|| generate_and_write(spec, crate_name, out)));
    let outcome = match result {
        Ok(Ok(stats)) => Outcome::Generated { crate_name: crate_name.to_owned(), stats },
        Ok(Err(outcome)) => outcome,
        Err(payload) => Outcome::Crashed(format!("panic: {}", panic_message(payload.as_ref()))),
    };
    Generation { version, outcome }
}

fn generate_and_write(spec: &Path, crate_name: &str, out: &Path) -> Result<Stats, Outcome> {
    let refused = |e: smelt::Error| {
        let message = without_path(spec, &e.to_string());
        Outcome::Refused { swagger: message.contains("Swagger"), message }
    };
    let start = Instant::now();
    let generated = smelt::generate_crate(spec, crate_name).map_err(refused)?;
    let took = start.elapsed();
    smelt::write_crate(&generated, out, WriteMode::Write)
        .map_err(|e| Outcome::Crashed(format!("cannot write {}: {e}", out.display())))?;
    Ok(Stats {
        operations: generated.api.operations.len(),
        types: generated.api.types.len(),
        tally: Tally::of(&generated.diagnostics),
        took,
    })
}

/// The version field of the document, read without the rest of the pipeline.
pub(crate) fn openapi_version(spec: &Path) -> String {
    let Ok(loaded) = smelt::load::load_file(spec) else {
        return "?".to_owned();
    };
    let field = |name: &str| loaded.value.get(name).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
    field("openapi").or_else(|| field("swagger").map(|v| format!("swagger {v}"))).unwrap_or_else(|| "?".to_owned())
}

/// An error message without the spec's path in front (the table already names the spec).
fn without_path(spec: &Path, message: &str) -> String {
    let path = spec.display().to_string();
    message.strip_prefix(&path).map_or(message, |rest| rest.trim_start_matches(':').trim_start()).to_owned()
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_lose_the_spec_path() {
        let spec = Path::new("../corpus/a.yaml");
        assert_eq!(without_path(spec, "../corpus/a.yaml: at /info: missing"), "at /info: missing");
        assert_eq!(without_path(spec, "../corpus/a.yaml:3:4: bad indent"), "3:4: bad indent");
        assert_eq!(without_path(spec, "other"), "other");
    }

    #[test]
    fn panic_payloads() {
        let payload = panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(panic_message(payload.as_ref()), "boom 1");
        let payload = panic::catch_unwind(|| std::panic::panic_any(3)).unwrap_err();
        assert_eq!(panic_message(payload.as_ref()), "(no message)");
    }
}
