//! The build-script front end, in the manner of prost-build: [`Config`] generates one module file
//! into `OUT_DIR` for `include!`; [`compile`] is the shorthand with default options.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::options::append;
use crate::{FormatType, Options, Severity};

/// Generates a spec's module into `OUT_DIR` with the default options: `Config::new().generate(spec)`.
pub fn compile(spec: impl AsRef<Path>) -> Result<PathBuf, BuildError> {
    Config::new().generate(spec)
}

/// What went wrong in [`Config::generate`].
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The spec or the config file could not be read or is not valid.
    #[error(transparent)]
    Generate(#[from] crate::Error),
    /// Generation reported errors (printed as `cargo:warning` lines before).
    #[error("{}: {errors} error(s) in the spec; see the warnings above", spec.display())]
    Spec { spec: PathBuf, errors: usize },
    #[error("OUT_DIR is not set: run from a build script, or call Config::out_dir")]
    NoOutDir,
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

type Edit = Box<dyn Fn(&mut Options)>;

/// Options for generating from a build script. Builder calls apply in order, on top of the
/// [`config_file`](Config::config_file) if there is one.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     smelt::Config::new()
///         .config_file("smelt.toml")
///         .format("date-time", "time::OffsetDateTime", Some("time::serde::rfc3339"))
///         .derive("Eq")
///         .generate("openapi/my-api.yaml")?;
///     Ok(())
/// }
/// // src/lib.rs then holds `pub mod models { … }` and `pub mod client { … }` with
/// // include!(concat!(env!("OUT_DIR"), "/my_api.rs"));
/// ```
#[derive(Default)]
pub struct Config {
    out_dir: Option<PathBuf>,
    config_file: Option<PathBuf>,
    edits: Vec<Edit>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("out_dir", &self.out_dir)
            .field("config_file", &self.config_file)
            .field("edits", &self.edits.len())
            .finish()
    }
}

impl Config {
    /// No options set: the spec's own names and types, written to `$OUT_DIR`.
    pub fn new() -> Config {
        Config::default()
    }

    /// Where to write the module; default `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Reads options from a `smelt.toml` (see [`Options`]); relative to the package like the spec.
    /// Builder calls override what it says, whatever their order.
    pub fn config_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.config_file = Some(path.into());
        self
    }

    /// Replaces every option set so far (the config file's too).
    pub fn options(&mut self, options: Options) -> &mut Self {
        self.edit(move |o| *o = options.clone())
    }

    /// Names the Rust type for schema `schema` `rust_name`.
    pub fn rename(&mut self, schema: impl Into<String>, rust_name: impl Into<String>) -> &mut Self {
        let (schema, rust_name) = (schema.into(), rust_name.into());
        self.edit(move |o| {
            o.rename.insert(schema.clone(), rust_name.clone());
        })
    }

    /// Strings of format `format` become `rust_type`, (de)serialized with `#[serde(with = serde_with)]`
    /// when given.
    pub fn format(
        &mut self,
        format: impl Into<String>,
        rust_type: impl Into<String>,
        serde_with: Option<&str>,
    ) -> &mut Self {
        let format = format.into();
        let ty = FormatType { rust_type: rust_type.into(), serde_with: serde_with.map(str::to_owned) };
        self.edit(move |o| {
            o.formats.insert(format.clone(), ty.clone());
        })
    }

    /// Also derives `path` (e.g. `Eq`, `schemars::JsonSchema`) on every model type.
    pub fn derive(&mut self, path: impl Into<String>) -> &mut Self {
        self.push(path, |o| &mut o.derives)
    }

    /// Generates only operations with this tag (or another included one).
    pub fn include_tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.push(tag, |o| &mut o.include_tags)
    }

    /// Leaves out operations with this tag.
    pub fn exclude_tag(&mut self, tag: impl Into<String>) -> &mut Self {
        self.push(tag, |o| &mut o.exclude_tags)
    }

    /// Generates only this operationId (and other included ones).
    pub fn include_operation(&mut self, operation_id: impl Into<String>) -> &mut Self {
        self.push(operation_id, |o| &mut o.include_operations)
    }

    /// Leaves out this operationId.
    pub fn exclude_operation(&mut self, operation_id: impl Into<String>) -> &mut Self {
        self.push(operation_id, |o| &mut o.exclude_operations)
    }

    /// Models only, no `client` module.
    pub fn types_only(&mut self, on: bool) -> &mut Self {
        self.edit(move |o| o.types_only = on)
    }

    /// Optional nullable fields as `Option<Option<T>>`.
    pub fn double_option(&mut self, on: bool) -> &mut Self {
        self.edit(move |o| o.double_option = Some(on))
    }

    /// Limits no input can pass; the ones set in `limits` replace those of the config file.
    pub fn limits(&mut self, limits: crate::Limits) -> &mut Self {
        self.edit(move |o| o.limits.merge(limits))
    }

    fn edit(&mut self, edit: impl Fn(&mut Options) + 'static) -> &mut Self {
        self.edits.push(Box::new(edit));
        self
    }

    fn push(&mut self, item: impl Into<String>, list: fn(&mut Options) -> &mut Vec<String>) -> &mut Self {
        let item = item.into();
        self.edit(move |o| append(list(o), [item.clone()]))
    }

    /// Generates the module for `spec` into the output directory as `<spec stem in snake_case>.rs`
    /// and returns its path. The file is written only when its content changes, so that a build
    /// with nothing new compiles nothing.
    ///
    /// A relative `spec` (and config file) is taken from `CARGO_MANIFEST_DIR` when set, as cargo
    /// does for build scripts, else from the current directory. Prints `cargo:rerun-if-changed` for
    /// every file read and each warning or error about the spec as `cargo:warning`; fails if there
    /// are errors.
    pub fn generate(&self, spec: impl AsRef<Path>) -> Result<PathBuf, BuildError> {
        let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(BuildError::NoOutDir)?,
        };
        let spec = resolve(base.as_deref(), spec.as_ref());
        self.run(base.as_deref(), &spec, &out_dir, &mut io::stdout().lock())
    }

    /// The options the builder calls and the config file give; `base` is where a relative config file is.
    fn resolve_options(&self, base: Option<&Path>) -> Result<(Options, Option<PathBuf>), crate::Error> {
        let file = self.config_file.as_deref().map(|f| resolve(base, f));
        let mut options = match &file {
            Some(file) => Options::from_file(file)?,
            None => Options::default(),
        };
        for edit in &self.edits {
            edit(&mut options);
        }
        Ok((options, file))
    }

    /// [`generate`](Config::generate) once the environment is looked up; cargo's instructions go to
    /// `cargo`. Nothing is printed for a run that fails early: cargo reruns a failed build script anyway.
    fn run(
        &self,
        base: Option<&Path>,
        spec: &Path,
        out_dir: &Path,
        cargo: &mut dyn Write,
    ) -> Result<PathBuf, BuildError> {
        let (options, file) = self.resolve_options(base)?;
        let module = crate::generate_module(spec, &options)?;
        let mut say = |line: String| writeln!(cargo, "cargo:{}", line.replace(['\r', '\n'], " "));
        let to_stdout = |source| BuildError::Write { path: "<stdout>".into(), source };
        let mut watched: Vec<&Path> = file.as_deref().into_iter().chain([spec]).collect();
        for source in &module.sources {
            if !watched.contains(&source.as_path()) {
                watched.push(source);
            }
        }
        for path in watched {
            say(format!("rerun-if-changed={}", path.display())).map_err(to_stdout)?;
        }
        let shown = tidy(spec);
        let mut errors = 0;
        let groups = crate::diagnostic::grouped(&module.diagnostics);
        for g in groups.iter().filter(|g| g.first.severity != Severity::Note) {
            let d = g.first;
            errors += usize::from(d.severity == Severity::Error) * (1 + g.more.len());
            let sep = if d.location.is_some() { ":" } else { ": " };
            let more = g
                .summary()
                .map(|s| format!(" ({}; `smelt check --verbose` lists each)", s.trim_start()))
                .unwrap_or_default();
            say(format!("warning={}{sep}{d}{more}", shown.display())).map_err(to_stdout)?;
        }
        if errors > 0 {
            return Err(BuildError::Spec { spec: shown, errors });
        }
        let path = out_dir.join(&module.file_name);
        write_if_changed(&path, &module.contents).map_err(|source| BuildError::Write { path: path.clone(), source })?;
        Ok(path)
    }
}

/// `path`, or `base/path` when `path` is relative and there is a base.
fn resolve(base: Option<&Path>, path: &Path) -> PathBuf {
    match base {
        Some(base) if path.is_relative() => base.join(path),
        _ => path.to_owned(),
    }
}

/// `path` without `.` and `dir/..` components, for messages: `/pkg/../specs/a.yaml` is shown as
/// `/specs/a.yaml`. Files are still read by the path as given.
fn tidy(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Writes `contents` to `path` unless it holds them already (its mtime is then kept).
fn write_if_changed(path: &Path, contents: &str) -> io::Result<()> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, contents)
}

#[cfg(test)]
mod tests;
