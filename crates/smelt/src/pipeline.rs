//! The front half of the pipeline, shared by every front end: load → repair → typed document → IR.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::Api;
use crate::load::{self, Loaded};
use crate::{Error, Options};

/// A spec turned into IR, with every diagnostic located in the source.
#[derive(Debug)]
pub struct Prepared {
    pub api: Api,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the spec was read from (the spec, and files its `$ref`s name).
    pub sources: Vec<PathBuf>,
}

pub fn prepare(path: &Path) -> Result<Prepared, Error> {
    prepare_with(path, &Options::default())
}

pub fn prepare_with(path: &Path, options: &Options) -> Result<Prepared, Error> {
    with_deep_stack(path, || prepare_on_this_thread(path, options))
}

/// [`prepare_with`] without its own thread, for callers already on a deep stack.
pub(crate) fn prepare_on_this_thread(path: &Path, options: &Options) -> Result<Prepared, Error> {
    prepare_loaded(load::load_file(path)?, options)
}

/// The stack of every thread smelt runs deep stages on.
pub(crate) const DEEP_STACK: usize = 256 << 20;

/// The typed stage (`openapiv3`'s deserializers) recurses deeply on nested schemas, more so in
/// debug builds; the caller's thread may have as little as 2 MB (a test thread, a build script), so
/// the deep stages run on a thread of their own with room to spare.
pub(crate) fn with_deep_stack<T: Send>(
    path: &Path,
    work: impl FnOnce() -> Result<T, Error> + Send,
) -> Result<T, Error> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().name("smelt".into()).stack_size(DEEP_STACK).spawn_scoped(scope, work);
        match worker {
            Ok(handle) => {
                handle.join().unwrap_or_else(|_| Err(Error::invalid(path, "", "internal error: smelt panicked")))
            }
            Err(_) => Err(Error::invalid(path, "", "could not start a worker thread")),
        }
    })
}

/// As [`prepare`], from text already in memory (`path` names it in messages).
pub fn prepare_text(path: &Path, text: String) -> Result<Prepared, Error> {
    let loaded = load::load_text(path, text)?;
    with_deep_stack(path, || prepare_loaded(loaded, &Options::default()))
}

fn prepare_loaded(loaded: Loaded, options: &Options) -> Result<Prepared, Error> {
    let Loaded { path, mut value, source } = loaded;
    let mut diags = Diagnostics::default();
    for dup in source.duplicate_keys() {
        diags.warn(
            dup.pointer.clone(),
            format!("key written twice (lines {} and {}); the last one is used", dup.first.line, dup.second.line),
        );
    }
    // `$ref`s to other files become local before anything else looks at the tree.
    let bundle = load::bundle::bundle(&path, &mut value, &mut diags);
    let invalid = |pointer: String, message: String, source: &load::SourceMap| {
        let (file, location) = match bundle.place(&pointer) {
            Some((file, at)) => (Some(file), at),
            None => (None, source.locate_all(&[pointer.as_str()]).pop().flatten()),
        };
        Error::Invalid { path: path.clone(), pointer, message, file, location }
    };
    if let Err(fatal) = crate::repair::repair(&mut value, &mut diags) {
        return Err(invalid(fatal.pointer, fatal.message, &source));
    }
    // Where the tree still does not fit the typed model, the fallback repairs and retries.
    let doc = crate::document::parse(&mut value, &mut diags).map_err(|e| invalid(e.pointer, e.message, &source))?;
    drop(value);
    let api = crate::ir::build(&doc, options, &mut diags).map_err(|e| invalid(e.pointer, e.message, &source))?;
    diags.locate(&source);
    let mut diagnostics = diags.into_vec();
    bundle.relocate(&mut diagnostics);
    // Document order reads best; diagnostics found in later passes are sorted into place.
    // The spec's own first, then each other file's.
    diagnostics
        .sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)).then_with(|| a.pointer.cmp(&b.pointer)));
    let mut sources = vec![path];
    sources.extend(bundle.sources);
    Ok(Prepared { api, diagnostics, sources })
}
