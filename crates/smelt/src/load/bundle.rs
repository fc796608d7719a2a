//! Bundle: `$ref`s that name another file become local refs, so later stages see one document.
//!
//! A reference like `./schemas/pet.yaml`, `common.json#/components/schemas/Error` or
//! `../shared/types.yaml#/Pet` is resolved against the directory of the file that contains it. The
//! file is loaded once (cached by canonical path), the node at the fragment (the whole document when
//! there is none) is copied into the root document and the reference is rewritten to point at the
//! copy:
//!
//! - a schema, parameter, response, request body, header, example, link, callback or security
//!   scheme goes to `components/<section>/<name>`; the name is the fragment's last token when that
//!   stands in the section's own container (`#/components/schemas/Error`, `#/definitions/Pet`) or is
//!   the fragment's only token (`types.yaml#/Pet`), else the file's stem (`pet.yaml` → `pet`). A
//!   name already used by a different node gets `_2`, `_3`… (a note); an identical node without
//!   references is reused;
//! - a root `components/<section>/<Name>` entry that is nothing but such a reference receives the
//!   node itself, under `<Name>`;
//! - a path item (or any object that has no components section) is copied in place of the
//!   reference, e.g. under `paths/<p>`.
//!
//! Where the reference stands decides what it is, by walking the document along the OpenAPI object
//! structure. References inside a copied node are resolved relative to the node's own file,
//! including its local `#/…` references. Every target is imported once; cycles between files end
//! because a target being imported already has its name. What cannot be resolved (missing file or
//! fragment, unparsable file, URL) is a warning at the reference, which is left as it is.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use super::{load_file, SourceMap};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::json::push_token;
use crate::json::{kind_of, percent_decode, unescape_token};
use crate::Error;

/// What bundling read, and where the nodes it copied came from (to point diagnostics there).
#[derive(Default)]
pub struct Bundle {
    /// Every file read besides the root, in the order first read (for `cargo:rerun-if-changed`).
    /// A file that exists but does not parse is listed too: fixing it changes the output.
    pub sources: Vec<PathBuf>,
    /// Each loaded file: its name in messages and its source map.
    files: Vec<(String, SourceMap)>,
    /// Pointer in the bundled document where a copied node stands → its file and pointer there.
    origins: HashMap<String, (usize, String)>,
}

impl Bundle {
    /// Diagnostics inside copied nodes point into the bundled document, which the root's source map
    /// does not hold: each gets the file it came from and its line and column there.
    pub fn relocate(&self, diagnostics: &mut [Diagnostic]) {
        if self.origins.is_empty() {
            return;
        }
        let mut per_file: Vec<Vec<(usize, String)>> = vec![Vec::new(); self.files.len()];
        for (i, d) in diagnostics.iter().enumerate() {
            if let Some((file, pointer)) = self.origin(&d.pointer) {
                if let Some(wanted) = per_file.get_mut(file) {
                    wanted.push((i, pointer));
                }
            }
        }
        for ((name, source), wanted) in self.files.iter().zip(per_file) {
            let pointers: Vec<&str> = wanted.iter().map(|(_, p)| p.as_str()).collect();
            let found = source.locate_all(&pointers);
            for ((i, _), at) in wanted.iter().zip(found) {
                if let Some(d) = diagnostics.get_mut(*i) {
                    d.file = Some(name.clone());
                    d.location = at;
                }
            }
        }
    }

    /// The file of a pointer inside a copied node, and its line and column there; `None` for the
    /// root's own nodes.
    pub fn place(&self, pointer: &str) -> Option<(String, Option<super::Location>)> {
        let (file, inner) = self.origin(pointer)?;
        let (name, source) = self.files.get(file)?;
        Some((name.clone(), source.locate_all(&[inner.as_str()]).pop().flatten()))
    }

    /// The copied node holding `pointer` (the innermost), with the pointer inside its file.
    fn origin(&self, pointer: &str) -> Option<(usize, String)> {
        let mut prefix = pointer;
        loop {
            if let Some((file, at)) = self.origins.get(prefix) {
                return Some((*file, format!("{at}{}", &pointer[prefix.len()..])));
            }
            prefix = &prefix[..prefix.rfind('/')?];
        }
    }
}

/// Resolves every reference to another file in `root` (read from `path`); see the module docs.
pub fn bundle(path: &Path, root: &mut Value, diags: &mut Diagnostics) -> Bundle {
    if !has_external(root, false) {
        return Bundle::default();
    }
    let root_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut b = Bundler {
        diags,
        quiet: false,
        root_shown_dir: normalize(&root_dir),
        root_dir,
        root_canonical: std::fs::canonicalize(path).ok(),
        files: Vec::new(),
        by_path: HashMap::new(),
        by_canonical: HashMap::new(),
        assigned: HashMap::new(),
        claims: HashMap::new(),
        taken: HashMap::new(),
        root_prints: HashMap::new(),
        suffixes: HashMap::new(),
        queue: Vec::new(),
        queued: HashMap::new(),
        inlining: HashSet::new(),
        origins: HashMap::new(),
        sources: Vec::new(),
    };
    b.survey(root);
    b.walk(root, Kind::Document, "", Ctx::Root);
    let mut i = 0;
    while i < b.queue.len() {
        let Import { section, kind, file, ref pointer, ref name, .. } = b.queue[i];
        let (pointer, at) = (pointer.clone(), push_token(&push_token("/components", section), name));
        let mut node = std::mem::take(&mut b.queue[i].node);
        b.origins.insert(at.clone(), (file, pointer));
        b.walk(&mut node, kind, &at, Ctx::File(file));
        b.queue[i].node = node;
        i += 1;
    }
    b.finish(root)
}

/// The kind of OpenAPI object a node is, by where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Info,
    Components,
    PathItem,
    Operation,
    Parameter,
    Header,
    MediaType,
    Encoding,
    RequestBody,
    Response,
    Callback,
    Schema,
    Discriminator,
    Example,
    Link,
    SecurityScheme,
}

impl Kind {
    /// The `components` section a referenced node of this kind is copied to; `None`: copied in place.
    fn section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Parameter => "parameters",
            Kind::Response => "responses",
            Kind::RequestBody => "requestBodies",
            Kind::Header => "headers",
            Kind::Example => "examples",
            Kind::Link => "links",
            Kind::Callback => "callbacks",
            Kind::SecurityScheme => "securitySchemes",
            _ => return None,
        })
    }

    /// Containers whose keys name nodes of this kind (a fragment's last token under one is a name).
    fn containers(self) -> &'static [&'static str] {
        match self {
            Kind::Schema => &["schemas", "definitions", "$defs"],
            Kind::Parameter => &["parameters"],
            Kind::Response => &["responses"],
            Kind::RequestBody => &["requestBodies"],
            Kind::Header => &["headers"],
            Kind::Example => &["examples"],
            Kind::Link => &["links"],
            Kind::Callback => &["callbacks"],
            Kind::SecurityScheme => &["securitySchemes"],
            _ => &[],
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Schema => "schema",
            Kind::Parameter => "parameter",
            Kind::Response => "response",
            Kind::RequestBody => "request body",
            Kind::Header => "header",
            Kind::Example => "example",
            Kind::Link => "link",
            Kind::Callback => "callback",
            Kind::SecurityScheme => "security scheme",
            Kind::PathItem => "path item",
            _ => "object",
        }
    }
}

const SECTIONS: &[(&str, Kind)] = &[
    ("schemas", Kind::Schema),
    ("parameters", Kind::Parameter),
    ("responses", Kind::Response),
    ("requestBodies", Kind::RequestBody),
    ("headers", Kind::Header),
    ("examples", Kind::Example),
    ("links", Kind::Link),
    ("callbacks", Kind::Callback),
    ("securitySchemes", Kind::SecurityScheme),
];

/// How the children under one key are laid out.
#[derive(Clone, Copy)]
enum Slot {
    One(Kind),
    Map(Kind),
    List(Kind),
}

/// Schema keywords whose value is one schema (JSON Schema 2020-12 and the drafts before it), here
/// and in `repair::refs`, which counts nesting through them; `contentSchema`, bundled here, is not
/// among them.
pub(crate) const ONE_SCHEMA_KEYWORDS: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
];

/// What stands under `key` in an object of `kind`; `None`: nothing a reference in it could name.
fn slot(kind: Kind, key: &str) -> Option<Slot> {
    use Kind::*;
    use Slot::{List, Map, One};
    Some(match (kind, key) {
        (Document, "paths" | "webhooks") => Map(PathItem),
        (Document, "info") => One(Info),
        (Document, "components") => One(Components),
        (Components, "pathItems") => Map(PathItem),
        (Components, section) => Map(SECTIONS.iter().find(|(s, _)| *s == section)?.1),
        (PathItem | Operation, "parameters") => List(Parameter),
        (PathItem, "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" | "query") => {
            One(Operation)
        }
        (PathItem, "additionalOperations") => Map(Operation),
        (Operation, "requestBody") => One(RequestBody),
        (Operation, "responses") => Map(Response),
        (Operation, "callbacks") => Map(Callback),
        (Callback, expression) if !expression.starts_with("x-") => One(PathItem),
        (Parameter | Header, "schema") => One(Schema),
        (Parameter | Header | RequestBody | Response, "content") => Map(MediaType),
        (Parameter | Header | MediaType, "examples") => Map(Example),
        (MediaType, "schema" | "itemSchema") => One(Schema),
        (MediaType, "encoding") => Map(Encoding),
        (Encoding | Response, "headers") => Map(Header),
        (Response, "links") => Map(Link),
        (Schema, "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas") => Map(Schema),
        (Schema, "allOf" | "anyOf" | "oneOf" | "prefixItems") => List(Schema),
        (Schema, keyword) if keyword == "contentSchema" || ONE_SCHEMA_KEYWORDS.contains(&keyword) => One(Schema),
        (Schema, "discriminator") => One(Discriminator),
        _ => return None,
    })
}

/// Keywords whose value is text, where a reference to text in another file may stand.
fn is_text_keyword(kind: Kind, key: &str) -> bool {
    matches!(key, "description" | "summary" | "title" | "termsOfService")
        && !matches!(kind, Kind::Document | Kind::Components | Kind::Callback | Kind::Discriminator)
}

/// Which file a node was written in: references in it are relative to that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    File(usize),
}

/// Where a reference leads, once chains of bare `$ref`s are followed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Target {
    /// Into the root document: the local reference to write.
    Root(String),
    /// A loaded file and a (normalized, escaped) JSON pointer into it.
    File(usize, String),
}

enum Resolved {
    /// Left as written: a local reference of the root, or one that could not be resolved (warned).
    Keep,
    /// Rewritten to this local reference.
    Local(String),
    /// Replaced by this node of that file (at that pointer there).
    Inline(Value, usize, String),
}

/// Opening a referenced file: the root itself, a loaded file, or why not.
#[derive(Debug, Clone)]
enum Opened {
    Root,
    File(usize),
}

struct File {
    /// Directory references in the file are resolved against, as the path was built (symlinks honest).
    dir: PathBuf,
    /// The same, `.` and `..` folded, for names in messages and `sources`.
    shown_dir: PathBuf,
    /// Name in messages (relative to the root's directory when inside it).
    display: String,
    stem: String,
    value: Value,
    source: SourceMap,
}

/// A node copied into `components`, walked after the root so that its own references follow.
struct Import {
    section: &'static str,
    name: String,
    kind: Kind,
    file: usize,
    pointer: String,
    node: Value,
}

enum Chosen {
    Fresh(String),
    /// An identical node already has this name.
    Reused(String),
    Renamed(String),
}

struct Bundler<'d> {
    diags: &'d mut Diagnostics,
    /// Resolving ahead of the walk (claims): the walk reports the same problems again.
    quiet: bool,
    root_dir: PathBuf,
    root_shown_dir: PathBuf,
    root_canonical: Option<PathBuf>,
    files: Vec<File>,
    /// Path as built from a reference → what opening it gave.
    by_path: HashMap<PathBuf, Result<Opened, String>>,
    by_canonical: HashMap<PathBuf, Result<Opened, String>>,
    /// Target already imported (or being imported) into a section → its local reference. The
    /// section is part of the key: a node used as two kinds of object is copied to both sections.
    assigned: HashMap<(&'static str, usize, String), String>,
    /// Root `components/<section>/<name>` entries that are a bare reference → the target they receive.
    claims: HashMap<String, (usize, String)>,
    /// Names in use per components section (the root's and imported ones).
    taken: HashMap<&'static str, HashSet<String>>,
    /// Fingerprints of the root's components entries that hold no reference (identical imports reuse them).
    root_prints: HashMap<(&'static str, String), u64>,
    /// Next suffix to try per section and base name.
    suffixes: HashMap<(&'static str, String), usize>,
    queue: Vec<Import>,
    queued: HashMap<(&'static str, String), usize>,
    /// Targets being copied in place right now (a reference back to one is a cycle).
    inlining: HashSet<(usize, String)>,
    origins: HashMap<String, (usize, String)>,
    sources: Vec<PathBuf>,
}

/// Copies in place nested this deep are given up (a chain of path items through many files).
const MAX_INLINE_DEPTH: usize = 64;
/// Chains of bare `$ref`s longer than this are given up.
const MAX_CHAIN: usize = 64;

impl Bundler<'_> {
    fn warn(&mut self, at: &str, message: String) {
        if !self.quiet {
            self.diags.warn(at, message);
        }
    }

    /// Names the root already uses, and bare references in its components that will receive their
    /// target under their own name.
    fn survey(&mut self, root: &Value) {
        let Some(Value::Object(components)) = root.get("components") else { return };
        let mut claims = Vec::new();
        for &(section, _) in SECTIONS {
            let Some(Value::Object(entries)) = components.get(section) else { continue };
            let taken = self.taken.entry(section).or_default();
            for (name, entry) in entries {
                taken.insert(name.clone());
                if !has_ref(entry) {
                    self.root_prints.insert((section, name.clone()), fingerprint(entry));
                }
                if let Value::Object(map) = entry {
                    if let (1, Some(Value::String(r))) = (map.len(), map.get("$ref")) {
                        if !r.starts_with('#') {
                            claims.push((section, name.clone(), r.clone()));
                        }
                    }
                }
            }
        }
        self.quiet = true;
        for (section, name, r) in claims {
            let at = push_token(&push_token("/components", section), &name);
            let Some(Target::File(file, pointer)) = self.target(&r, Ctx::Root, &at) else { continue };
            let is_object = self.files[file].value.pointer(&pointer).is_some_and(Value::is_object);
            let key = (section, file, pointer);
            if is_object && !self.assigned.contains_key(&key) {
                self.assigned.insert(key.clone(), local_ref(section, &name));
                self.claims.insert(at, (key.1, key.2));
            }
        }
        self.quiet = false;
    }

    fn walk(&mut self, value: &mut Value, kind: Kind, at: &str, ctx: Ctx) {
        if kind == Kind::Discriminator {
            self.mapping(value, at, ctx);
            return;
        }
        if let Some(r) = value.get("$ref").and_then(Value::as_str) {
            let r = r.to_owned();
            match self.reference(&r, kind, at, &push_token(at, "$ref"), ctx) {
                Resolved::Keep => {}
                Resolved::Local(local) => {
                    if let Value::Object(map) = value {
                        map.insert("$ref".into(), Value::String(local));
                    }
                }
                Resolved::Inline(node, file, pointer) => {
                    self.inline(value, node, (file, pointer), kind, at, ctx);
                    return;
                }
            }
            // Beside a reference only schemas (3.1) carry more than a summary or description.
            if kind != Kind::Schema {
                return;
            }
        }
        let Value::Object(map) = value else { return };
        for (key, child) in map.iter_mut() {
            if key == "$ref" {
                continue;
            }
            let child_at = push_token(at, key);
            if is_text_keyword(kind, key) {
                self.text(child, key, &child_at, ctx);
                continue;
            }
            let Some(slot) = slot(kind, key) else { continue };
            match (slot, child) {
                (Slot::One(Kind::Schema) | Slot::List(_), Value::Array(items)) => {
                    let k = match slot {
                        Slot::List(k) => k,
                        _ => Kind::Schema,
                    };
                    for (i, item) in items.iter_mut().enumerate() {
                        self.walk(item, k, &push_token(&child_at, &i.to_string()), ctx);
                    }
                }
                (Slot::One(k), child) => self.walk(child, k, &child_at, ctx),
                (Slot::Map(k), Value::Object(entries)) => {
                    for (name, entry) in entries.iter_mut() {
                        // Extensions, except where keys are names (a property may be called `x-id`).
                        if k != Kind::Schema && name.starts_with("x-") {
                            continue;
                        }
                        self.walk(entry, k, &push_token(&child_at, name), ctx);
                    }
                }
                _ => {}
            }
        }
    }

    /// Text given as a reference into another file (`description: {$ref: texts.yaml#/intro}`):
    /// the string it names is brought in, since no `components` section holds text. What names
    /// no string is left for `repair::texts`, which drops it with a warning.
    fn text(&mut self, value: &mut Value, key: &str, at: &str, ctx: Ctx) {
        let Some(r) = value.get("$ref").and_then(Value::as_str).map(str::to_owned) else { return };
        if r.starts_with('#') && ctx == Ctx::Root {
            return;
        }
        match self.target(&r, ctx, &push_token(at, "$ref")) {
            Some(Target::File(file, pointer)) => {
                let File { value: doc, display, .. } = &self.files[file];
                if let Some(Value::String(text)) = doc.pointer(&pointer) {
                    let message =
                        format!("`{key}` is `{{$ref: {r}}}`, not text; the text it names in {display} is used");
                    *value = Value::String(text.clone());
                    self.warn(at, message);
                }
            }
            Some(Target::Root(local)) => {
                if let Value::Object(map) = value {
                    map.insert("$ref".into(), Value::String(local));
                }
            }
            None => {}
        }
    }

    /// `discriminator.mapping` values name schemas by reference too.
    fn mapping(&mut self, value: &mut Value, at: &str, ctx: Ctx) {
        let Some(Value::Object(mapping)) = value.get_mut("mapping") else { return };
        let at = push_token(at, "mapping");
        for (tag, target) in mapping.iter_mut() {
            let Value::String(r) = target else { continue };
            if !(looks_like_file(r) || (r.starts_with('#') && ctx != Ctx::Root)) {
                continue;
            }
            let r = r.clone();
            let tag_at = push_token(&at, tag);
            if let Resolved::Local(local) = self.reference(&r, Kind::Schema, &tag_at, &tag_at, ctx) {
                *target = Value::String(local);
            }
        }
    }

    /// Replaces the reference object at `at` with the node it names; keys beside the `$ref` are kept
    /// and win over the node's.
    fn inline(&mut self, value: &mut Value, node: Value, key: (usize, String), kind: Kind, at: &str, ctx: Ctx) {
        let mut siblings = match value {
            Value::Object(map) => std::mem::take(map),
            _ => Map::new(),
        };
        siblings.shift_remove("$ref");
        let mut siblings = Value::Object(siblings);
        self.walk(&mut siblings, kind, at, ctx);
        let mut node = node;
        self.origins.insert(at.to_owned(), key.clone());
        self.inlining.insert(key.clone());
        self.walk(&mut node, kind, at, Ctx::File(key.0));
        self.inlining.remove(&key);
        if let (Value::Object(content), Value::Object(siblings)) = (&mut node, siblings) {
            content.extend(siblings);
        }
        *value = node;
    }

    /// Resolves the reference `r` standing at `at` (an object of `kind`) in a node of `ctx`.
    fn reference(&mut self, r: &str, kind: Kind, at: &str, ref_at: &str, ctx: Ctx) -> Resolved {
        let Some(target) = self.target(r, ctx, ref_at) else { return Resolved::Keep };
        let key = match target {
            Target::Root(local) if local == r => return Resolved::Keep,
            Target::Root(local) => return Resolved::Local(local),
            Target::File(file, pointer) => (file, pointer),
        };
        let claimed = ctx == Ctx::Root && self.claims.get(at) == Some(&key);
        if claimed {
            self.claims.remove(at);
        } else if let Some(section) = kind.section() {
            if let Some(local) = self.assigned.get(&(section, key.0, key.1.clone())) {
                return Resolved::Local(local.clone());
            }
        }
        let file = &self.files[key.0];
        let Some(node) = file.value.pointer(&key.1) else { return Resolved::Keep };
        let fits = match kind {
            Kind::Schema => node.is_object() || node.is_boolean(),
            _ => node.is_object(),
        };
        if !fits {
            let expected = if kind == Kind::Schema { "an object or a boolean" } else { "an object" };
            let message = format!(
                "`$ref: {r}`: the {} it names in {} is {}, not {expected}; the reference is left unresolved",
                kind.what(),
                file.display,
                kind_of(node),
            );
            self.warn(ref_at, message);
            return Resolved::Keep;
        }
        let section = match kind.section() {
            Some(section) if !claimed => section,
            _ => {
                if self.inlining.contains(&key) || self.inlining.len() >= MAX_INLINE_DEPTH {
                    let message =
                        format!("`$ref: {r}`: the {} includes itself; the reference is left unresolved", kind.what());
                    self.warn(ref_at, message);
                    return Resolved::Keep;
                }
                return Resolved::Inline(node.clone(), key.0, key.1);
            }
        };
        let node = node.clone();
        let base = self.base_name(kind, key.0, &key.1);
        let name = match self.choose(section, &base, &node) {
            Chosen::Reused(name) => {
                let local = local_ref(section, &name);
                self.assigned.insert((section, key.0, key.1), local.clone());
                return Resolved::Local(local);
            }
            Chosen::Fresh(name) => name,
            Chosen::Renamed(name) => {
                let what = kind.what();
                let message = format!(
                    "the {what} `{base}` of {} is imported as `{name}`: `{base}` is already a different {what}",
                    self.files[key.0].display
                );
                if !self.quiet {
                    self.diags.note(ref_at, message);
                }
                name
            }
        };
        let local = local_ref(section, &name);
        self.assigned.insert((section, key.0, key.1.clone()), local.clone());
        self.queued.insert((section, name.clone()), self.queue.len());
        self.queue.push(Import { section, name, kind, file: key.0, pointer: key.1, node });
        Resolved::Local(local)
    }

    /// Where `r` leads, following bare `$ref`s (`{$ref: …}` alone) to the node they stand for.
    /// `None`: a local reference of the root (nothing to do), or unresolvable (warned).
    fn target(&mut self, r: &str, ctx: Ctx, ref_at: &str) -> Option<Target> {
        let mut target = self.step(r, ctx, ref_at)?;
        let mut seen = HashSet::new();
        loop {
            let Target::File(file, pointer) = &target else { return Some(target) };
            let next = match self.files[*file].value.pointer(pointer) {
                Some(Value::Object(map)) if map.len() == 1 => {
                    map.get("$ref").and_then(Value::as_str).map(str::to_owned)
                }
                _ => None,
            };
            let Some(next) = next else { return Some(target) };
            let file = *file;
            if !seen.insert(target) || seen.len() > MAX_CHAIN {
                self.warn(
                    ref_at,
                    format!("`$ref: {r}` leads to references that loop; the reference is left unresolved"),
                );
                return None;
            }
            target = self.step(&next, Ctx::File(file), ref_at)?;
        }
    }

    /// One reference, one step: which file, which pointer in it.
    fn step(&mut self, r: &str, ctx: Ctx, ref_at: &str) -> Option<Target> {
        let (file_part, fragment) = r.split_once('#').unwrap_or((r, ""));
        if file_part.is_empty() {
            return match ctx {
                Ctx::Root => None,
                Ctx::File(file) => self.pointer_in(file, fragment, r, ref_at).map(|p| Target::File(file, p)),
            };
        }
        let relative = match url_scheme(file_part) {
            // A `file:` URL is absolute (RFC 8089); `url` decodes it to a path of this machine.
            Some(scheme) if scheme.eq_ignore_ascii_case("file") => {
                match url::Url::parse(file_part).ok().and_then(|u| u.to_file_path().ok()) {
                    Some(path) => std::borrow::Cow::Owned(path.display().to_string()),
                    None => {
                        self.warn(
                            ref_at,
                            format!("`$ref: {r}` is no file path here; the reference is left unresolved"),
                        );
                        return None;
                    }
                }
            }
            Some(scheme) => {
                let message = format!("`$ref: {r}`: {scheme} URLs are not fetched; the reference is left unresolved");
                self.warn(ref_at, message);
                return None;
            }
            None => percent_decode(file_part),
        };
        let (dir, shown_dir) = match ctx {
            Ctx::Root => (&self.root_dir, &self.root_shown_dir),
            Ctx::File(file) => (&self.files[file].dir, &self.files[file].shown_dir),
        };
        let path = dir.join(relative.as_ref());
        let shown = normalize(&shown_dir.join(relative.as_ref()));
        match self.open(path, shown, ref_at) {
            Err(message) => {
                self.warn(ref_at, format!("`$ref: {r}`: {message}; the reference is left unresolved"));
                None
            }
            Ok(Opened::Root) => Some(Target::Root(format!("#{fragment}"))),
            Ok(Opened::File(file)) => self.pointer_in(file, fragment, r, ref_at).map(|p| Target::File(file, p)),
        }
    }

    /// The fragment as a normalized JSON pointer into the file, if it names a node there.
    fn pointer_in(&mut self, file: usize, fragment: &str, r: &str, ref_at: &str) -> Option<String> {
        let pointer = if fragment.is_empty() {
            String::new()
        } else if let Some(tokens) = fragment.strip_prefix('/') {
            tokens.split('/').fold(String::new(), |p, token| push_token(&p, &unescape_token(token)))
        } else {
            let message = format!(
                "`$ref: {r}`: `#{fragment}` is not a JSON pointer (anchors are not supported); the reference is left unresolved"
            );
            self.warn(ref_at, message);
            return None;
        };
        if self.files[file].value.pointer(&pointer).is_none() {
            let message = format!(
                "`$ref: {r}`: {} has nothing at `#{fragment}`; the reference is left unresolved",
                self.files[file].display
            );
            self.warn(ref_at, message);
            return None;
        }
        Some(pointer)
    }

    /// Opens a referenced file (once per path, and once per canonical path).
    fn open(&mut self, path: PathBuf, shown: PathBuf, ref_at: &str) -> Result<Opened, String> {
        if let Some(opened) = self.by_path.get(&path) {
            return opened.clone();
        }
        let opened = self.open_uncached(&path, shown, ref_at);
        self.by_path.insert(path, opened.clone());
        opened
    }

    fn open_uncached(&mut self, path: &Path, shown: PathBuf, ref_at: &str) -> Result<Opened, String> {
        let display = self.display(&shown);
        let canonical = std::fs::canonicalize(path).map_err(|e| format!("cannot read {display}: {e}"))?;
        if self.root_canonical.as_ref() == Some(&canonical) {
            return Ok(Opened::Root);
        }
        if let Some(opened) = self.by_canonical.get(&canonical) {
            return opened.clone();
        }
        // `..` folded is the nicer name, unless a symlink makes it another file.
        let listed =
            if std::fs::canonicalize(&shown).ok().as_ref() == Some(&canonical) { shown } else { path.to_path_buf() };
        self.sources.push(listed.clone());
        let opened = match load_file(path) {
            Ok(loaded) => {
                for dup in loaded.source.duplicate_keys() {
                    self.diags.warn(
                        ref_at,
                        format!(
                            "{display}: key written twice at {} (lines {} and {}); the last one is used",
                            dup.pointer, dup.first.line, dup.second.line
                        ),
                    );
                }
                let stem = listed.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                self.files.push(File {
                    dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
                    shown_dir: listed.parent().map(Path::to_path_buf).unwrap_or_default(),
                    display,
                    stem,
                    value: loaded.value,
                    source: loaded.source,
                });
                Ok(Opened::File(self.files.len() - 1))
            }
            Err(e) => Err(describe(&e, &display)),
        };
        self.by_canonical.insert(canonical, opened.clone());
        opened
    }

    /// A file's name in messages, relative to the root's directory (`../x.yaml` outside it), so
    /// that the root's directory joined with it is the file.
    fn display(&self, shown: &Path) -> String {
        relative_to(shown, &self.root_shown_dir).unwrap_or_else(|| shown.to_owned()).display().to_string()
    }

    /// The name a target is imported under, before clashes are settled.
    fn base_name(&self, kind: Kind, file: usize, pointer: &str) -> String {
        let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_token).collect();
        let name = match tokens.as_slice() {
            [only] => only.clone(),
            [.., parent, last] if kind.containers().contains(&parent.as_str()) => last.clone(),
            _ => String::new(),
        };
        if !name.is_empty() {
            return name;
        }
        let stem = &self.files[file].stem;
        if stem.is_empty() {
            "Imported".to_owned()
        } else {
            stem.clone()
        }
    }

    /// Settles the name of an import in `section`: `base` if free, the existing entry if identical,
    /// else `base_2`, `base_3`…
    fn choose(&mut self, section: &'static str, base: &str, node: &Value) -> Chosen {
        let taken = self.taken.entry(section).or_default();
        if taken.insert(base.to_owned()) {
            return Chosen::Fresh(base.to_owned());
        }
        let id = (section, base.to_owned());
        if !has_ref(node) {
            let same = match self.queued.get(&id) {
                Some(&i) => self.queue.get(i).is_some_and(|import| import.node == *node),
                None => self.root_prints.get(&id) == Some(&fingerprint(node)),
            };
            if same {
                return Chosen::Reused(base.to_owned());
            }
        }
        let next = self.suffixes.entry(id).or_insert(2);
        loop {
            let candidate = format!("{base}_{next}");
            *next += 1;
            if taken.insert(candidate.clone()) {
                return Chosen::Renamed(candidate);
            }
        }
    }

    /// Adds the imported nodes to the root's `components`.
    fn finish(self, root: &mut Value) -> Bundle {
        let Bundler { diags, queue, files, origins, sources, .. } = self;
        if !queue.is_empty() {
            if let Value::Object(root) = root {
                let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(components) = components {
                    for import in queue {
                        let section = components.entry(import.section).or_insert_with(|| Value::Object(Map::new()));
                        if let Value::Object(section) = section {
                            section.insert(import.name, import.node);
                        } else {
                            diags.warn(
                                push_token("/components", import.section),
                                format!(
                                    "`{}` is not an object: `{}` could not be added to it",
                                    import.section, import.name
                                ),
                            );
                        }
                    }
                } else {
                    diags.warn(
                        "/components",
                        "`components` is not an object: referenced files could not be added to it",
                    );
                }
            }
        }
        Bundle { sources, files: files.into_iter().map(|f| (f.display, f.source)).collect(), origins }
    }
}

/// Whether anything in the tree references another file (the common single-file case stops here).
fn has_external(value: &Value, in_mapping: bool) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, v)| match v {
            Value::String(r) if key == "$ref" => !r.starts_with('#'),
            Value::String(r) => in_mapping && looks_like_file(r),
            v => has_external(v, key == "mapping"),
        }),
        Value::Array(items) => items.iter().any(|v| has_external(v, false)),
        _ => false,
    }
}

/// Whether a node holds references whose meaning depends on the file it is in.
fn has_ref(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, v)| key == "$ref" || key == "discriminator" || has_ref(v)),
        Value::Array(items) => items.iter().any(has_ref),
        _ => false,
    }
}

/// A `discriminator.mapping` value that names a file rather than a schema.
fn looks_like_file(r: &str) -> bool {
    let file = r.split_once('#').map_or(r, |(f, _)| f).to_ascii_lowercase();
    file.starts_with("./")
        || file.starts_with("../")
        || [".yaml", ".yml", ".json"].iter().any(|ext| file.ends_with(ext))
        || url_scheme(&file).is_some()
}

/// `https` of `https://…`; a one-letter "scheme" is a Windows drive.
fn url_scheme(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && scheme.len() > 1).then_some(scheme)
}

fn fingerprint(value: &Value) -> u64 {
    fn feed(value: &Value, h: &mut DefaultHasher) {
        match value {
            Value::Null => 0u8.hash(h),
            Value::Bool(b) => (1u8, b).hash(h),
            Value::Number(n) => (2u8, n.to_string()).hash(h),
            Value::String(s) => (3u8, s).hash(h),
            Value::Array(items) => {
                (4u8, items.len()).hash(h);
                items.iter().for_each(|v| feed(v, h));
            }
            Value::Object(map) => {
                (5u8, map.len()).hash(h);
                for (k, v) in map {
                    k.hash(h);
                    feed(v, h);
                }
            }
        }
    }
    let mut h = DefaultHasher::new();
    feed(value, &mut h);
    h.finish()
}

/// `#/components/<section>/<name>`, the name escaped as a JSON pointer token (and `%`, which later
/// stages percent-decode).
fn local_ref(section: &str, name: &str) -> String {
    push_token(&format!("#/components/{section}"), name).replace('%', "%25")
}

/// `.` and `..` folded away without touching the file system.
/// `path` as seen from `base` (both normalized); `None` when `base` climbs out where `path` does not
/// follow (no name to write for it).
fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let (mut path_parts, mut base_parts) = (path.components().peekable(), base.components().peekable());
    while let (Some(a), Some(b)) = (path_parts.peek(), base_parts.peek()) {
        if a != b {
            break;
        }
        path_parts.next();
        base_parts.next();
    }
    let mut out = PathBuf::new();
    for part in base_parts {
        match part {
            Component::Normal(_) => out.push(".."),
            _ => return None,
        }
    }
    out.extend(path_parts);
    Some(out)
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn describe(e: &Error, display: &str) -> String {
    match e {
        Error::Io { source, .. } => format!("cannot read {display}: {source}"),
        Error::Syntax { line: 0, message, .. } => format!("cannot parse {display}: {message}"),
        Error::Syntax { line, column, message, .. } => format!("cannot parse {display} ({line}:{column}): {message}"),
        Error::Invalid { message, .. } => format!("cannot use {display}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_dots_lexically() {
        assert_eq!(normalize(Path::new("a/b/../c/./d.yaml")), Path::new("a/c/d.yaml"));
        assert_eq!(normalize(Path::new("../x/../../y.json")), Path::new("../../y.json"));
        assert_eq!(normalize(Path::new("/../y.json")), Path::new("/y.json"));
    }

    #[test]
    fn names_files_from_the_root_directory() {
        let name =
            |path: &str, base: &str| relative_to(Path::new(path), Path::new(base)).map(|p| p.display().to_string());
        assert_eq!(name("specs/common/a.yaml", "specs").as_deref(), Some("common/a.yaml"));
        assert_eq!(name("shared/a.yaml", "specs/v1").as_deref(), Some("../../shared/a.yaml"));
        assert_eq!(name("a.yaml", "").as_deref(), Some("a.yaml"));
        assert_eq!(name("a.yaml", "../up"), None);
    }

    #[test]
    fn tells_urls_from_paths() {
        assert_eq!(url_scheme("https://example.com/a.yaml"), Some("https"));
        assert_eq!(url_scheme("C:\\specs\\a.yaml"), None);
        assert_eq!(url_scheme("schemas/pet.yaml"), None);
        assert!(looks_like_file("./dog.yaml#/Dog"));
        assert!(!looks_like_file("Dog"));
    }

    #[test]
    fn local_refs_escape_names() {
        assert_eq!(local_ref("schemas", "a/b%"), "#/components/schemas/a~1b%25");
    }

    #[test]
    fn leaves_single_file_documents_alone() {
        let mut diags = Diagnostics::default();
        let mut root = serde_json::json!({"openapi": "3.0.3"});
        let _ = bundle(Path::new("none.yaml"), &mut root, &mut diags);
        assert!(diags.items().is_empty());
    }
}
