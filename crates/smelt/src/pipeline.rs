//! The pipeline, the one orchestrator: load → bundle → repair → typed document → lowering to the IR
//! → code (emit and render) → files. Every front end (the `generate_*` functions,
//! [`crate::Config`], the CLI, xtask, the examples) runs it through [`run`], which stops after any
//! [`Stage`] and tells an observer what each took. The stages make the decisions; this module only
//! sequences them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::Api;
use crate::load::{self, Loaded};
use crate::output::{GeneratedCrate, GeneratedFile, GeneratedModule, Rendered};
use crate::{Error, Options};

/// The stages, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Read the file and parse YAML or JSON, with a source map.
    Load,
    /// Bring what `$ref`s name in other files into the document.
    Bundle,
    /// Lower 3.1 to what `openapiv3` models, and repair what real specs get wrong.
    Repair,
    /// Deserialize into `openapiv3`, mending what still does not fit.
    Document,
    /// Build the IR: every type, operation and name final.
    Ir,
    /// Emit each module's tokens (quote) and render them (prettyplease), the modules side by side:
    /// token streams cannot cross threads, so each is rendered where it is emitted.
    Code,
    /// Lay out the files: a crate's `Cargo.toml` and `src/`, or a build script's module.
    Files,
}

impl Stage {
    pub const ALL: [Stage; 7] =
        [Stage::Load, Stage::Bundle, Stage::Repair, Stage::Document, Stage::Ir, Stage::Code, Stage::Files];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load",
            Stage::Bundle => "bundle",
            Stage::Repair => "repair",
            Stage::Document => "document",
            Stage::Ir => "ir",
            Stage::Code => "code",
            Stage::Files => "files",
        }
    }
}

/// What the code and files stages make.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A whole crate of this name.
    Crate(&'a str),
    /// One file for a build script to `include!`.
    Module,
}

/// What a run made, up to the stage it stopped after.
#[derive(Debug)]
pub struct Run {
    /// Repairs and other warnings, in document order (from [`Stage::Ir`] on; before it, in the
    /// order found and not yet located in the source).
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the spec was read from (the spec, and files its `$ref`s name).
    pub sources: Vec<PathBuf>,
    /// From [`Stage::Ir`] on.
    pub api: Option<Api>,
    /// The crate's files, or the module as one file; from [`Stage::Files`] on.
    pub files: Vec<GeneratedFile>,
}

/// A spec turned into IR, with every diagnostic located in the source.
#[derive(Debug)]
pub struct Prepared {
    pub api: Api,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the spec was read from (the spec, and files its `$ref`s name).
    pub sources: Vec<PathBuf>,
}

/// Runs the stages on the spec at `path` through `until`, on a thread with a deep stack, calling
/// `observe` after each with the time it took.
pub fn run(
    path: &Path,
    options: &Options,
    target: Target<'_>,
    until: Stage,
    observe: &mut (dyn FnMut(Stage, Duration) + Send),
) -> Result<Run, Error> {
    with_deep_stack(path, || {
        let started = Instant::now();
        let loaded = load::load_file(path)?;
        observe(Stage::Load, started.elapsed());
        run_loaded(loaded, options, target, until, observe)
    })
}

/// The IR of the spec at `path`, with default options.
pub fn prepare(path: &Path) -> Result<Prepared, Error> {
    prepare_with(path, &Options::default())
}

/// The IR of the spec at `path`.
pub fn prepare_with(path: &Path, options: &Options) -> Result<Prepared, Error> {
    prepared(run(path, options, Target::Module, Stage::Ir, &mut |_, _| {})?)
}

/// As [`prepare`], from text already in memory (`path` names it in messages).
pub fn prepare_text(path: &Path, text: String) -> Result<Prepared, Error> {
    let loaded = load::load_text(path, text)?;
    let run =
        with_deep_stack(path, || run_loaded(loaded, &Options::default(), Target::Module, Stage::Ir, &mut |_, _| {}))?;
    prepared(run)
}

/// Generates a complete crate named `crate_name` from the spec at `spec`.
pub fn generate_crate(spec: &Path, crate_name: &str) -> Result<GeneratedCrate, Error> {
    generate_crate_with(spec, crate_name, &Options::default())
}

/// As [`generate_crate`], with options.
pub fn generate_crate_with(spec: &Path, crate_name: &str, options: &Options) -> Result<GeneratedCrate, Error> {
    let run = run(spec, options, Target::Crate(crate_name), Stage::Files, &mut |_, _| {})?;
    let api = run.api.ok_or_else(|| internal(spec, "the IR"))?;
    Ok(GeneratedCrate { files: run.files, diagnostics: run.diagnostics, api })
}

/// The module file for a build script's `OUT_DIR`.
pub fn generate_module(spec: &Path, options: &Options) -> Result<GeneratedModule, Error> {
    let run = run(spec, options, Target::Module, Stage::Files, &mut |_, _| {})?;
    let file = run.files.into_iter().next().ok_or_else(|| internal(spec, "the module file"))?;
    Ok(GeneratedModule {
        file_name: file.path.display().to_string(),
        contents: file.contents,
        diagnostics: run.diagnostics,
        sources: run.sources,
    })
}

fn prepared(run: Run) -> Result<Prepared, Error> {
    let Run { diagnostics, sources, api, .. } = run;
    let api = api.ok_or_else(|| internal(sources.first().map_or(Path::new(""), PathBuf::as_path), "the IR"))?;
    Ok(Prepared { api, diagnostics, sources })
}

fn internal(spec: &Path, what: &str) -> Error {
    Error::invalid(spec, "", format!("internal error: the pipeline did not make {what}"))
}

fn run_loaded(
    loaded: Loaded,
    options: &Options,
    target: Target<'_>,
    until: Stage,
    observe: &mut dyn FnMut(Stage, Duration),
) -> Result<Run, Error> {
    let Loaded { path, mut value, source } = loaded;
    let mut diags = Diagnostics::default();
    let mut sources = vec![path.clone()];
    let mut clock = Instant::now();
    // Reports the stage just finished; true when the run stops after it.
    let mut done = |stage: Stage| {
        observe(stage, clock.elapsed());
        clock = Instant::now();
        stage >= until
    };
    let stopped = |diags: Diagnostics, sources: Vec<PathBuf>| Run {
        diagnostics: diags.into_vec(),
        sources,
        api: None,
        files: Vec::new(),
    };
    if until == Stage::Load {
        return Ok(stopped(diags, sources));
    }

    for dup in source.duplicate_keys() {
        diags.warn(
            dup.pointer.clone(),
            format!("key written twice (lines {} and {}); the last one is used", dup.first.line, dup.second.line),
        );
    }
    // `$ref`s to other files become local before anything else looks at the tree.
    let bundle = load::bundle::bundle(&path, &mut value, &mut diags);
    sources.extend(bundle.sources.iter().cloned());
    if done(Stage::Bundle) {
        return Ok(stopped(diags, sources));
    }

    let invalid = |pointer: String, message: String| {
        let (file, location) = match bundle.place(&pointer) {
            Some((file, at)) => (Some(file), at),
            None => (None, source.locate_all(&[pointer.as_str()]).pop().flatten()),
        };
        Error::Invalid { path: path.clone(), pointer, message, file, location }
    };
    crate::repair::repair(&mut value, &mut diags).map_err(|fatal| invalid(fatal.pointer, fatal.message))?;
    if done(Stage::Repair) {
        return Ok(stopped(diags, sources));
    }

    let doc = crate::document::parse(&mut value, &mut diags).map_err(|e| invalid(e.pointer, e.message))?;
    drop(value);
    if done(Stage::Document) {
        return Ok(stopped(diags, sources));
    }

    let api = crate::lower::build(&doc, options, &mut diags).map_err(|e| invalid(e.pointer, e.message))?;
    drop(doc);
    let mut diagnostics = diags.into_vec();
    source.locate(&mut diagnostics);
    bundle.relocate(&mut diagnostics);
    // The spec's own first, then each other file's; in document order within each (diagnostics
    // found in later passes are sorted into place).
    diagnostics
        .sort_by(|a, b| (&a.file, a.location).cmp(&(&b.file, b.location)).then_with(|| a.pointer.cmp(&b.pointer)));
    let mut run = Run { diagnostics, sources, api: None, files: Vec::new() };
    if done(Stage::Ir) {
        run.api = Some(api);
        return Ok(run);
    }

    let code = code(&path, &api, options, target)?;
    if done(Stage::Code) {
        run.api = Some(api);
        return Ok(run);
    }

    run.files = match code {
        Code::Crate(name, rendered) => crate::output::crate_files(&path, name, options, &api, rendered)?,
        Code::Module(contents) => {
            vec![crate::output::module_file(&path, options, &api, contents, &mut run.diagnostics)?]
        }
    };
    done(Stage::Files);
    run.api = Some(api);
    Ok(run)
}

/// The rendered modules, for the target they were made for.
enum Code<'a> {
    Crate(&'a str, Rendered),
    Module(String),
}

fn code<'a>(path: &Path, api: &Api, options: &Options, target: Target<'a>) -> Result<Code<'a>, Error> {
    use crate::render::{render, render_documented};
    let rendered = |what: &str, result: Result<String, syn::Error>| {
        result.map_err(|e| {
            Error::invalid(path, "", format!("internal error: smelt emitted invalid Rust for {what}: {e}"))
        })
    };
    match target {
        Target::Module => {
            let client = (!options.types_only).then(|| crate::emit::client(api));
            let tokens = crate::emit::module(api, crate::emit::models(api), client);
            Ok(Code::Module(rendered("the module file", render(tokens))?))
        }
        Target::Crate(name) => {
            // The two modules are emitted and rendered side by side: on large specs each takes seconds.
            let (models, client) = beside(
                || rendered("models", render(crate::emit::models(api))),
                || (!options.types_only).then(|| rendered("client", render(crate::emit::client(api)))),
            );
            let (tokens, doc) = crate::emit::lib(api, options.types_only, &crate::output::spec_label(path));
            let lib = rendered("lib.rs", render_documented(tokens, Some(&doc)))?;
            Ok(Code::Crate(name, Rendered { lib, models: models?, client: client.transpose()? }))
        }
    }
}

/// The stack of every thread smelt runs deep stages on.
pub(crate) const DEEP_STACK: usize = 256 << 20;

/// The typed stage (`openapiv3`'s deserializers) recurses deeply on nested schemas, more so in
/// debug builds, and formatting as deep as the types nest; the caller's thread may have as little
/// as 2 MB (a test thread, a build script), so the deep stages run on a thread of their own with
/// room to spare.
fn with_deep_stack<T: Send>(path: &Path, work: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
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

/// Runs `a` here and `b` on a thread of its own (with the deep stack formatting needs), and
/// returns both results; if the thread cannot be started or panics, `b` runs here.
fn beside<A, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send + Clone) -> (A, B) {
    std::thread::scope(|scope| {
        let spare = b.clone();
        let worker =
            std::thread::Builder::new().name("smelt-emit".into()).stack_size(DEEP_STACK).spawn_scoped(scope, b);
        let first = a();
        let second = match worker.map(|w| w.join()) {
            Ok(Ok(done)) => done,
            _ => spare(),
        };
        (first, second)
    })
}
