//! Schemas → IR types. Component schemas become named types; inline objects, enums and unions
//! become named types too, called after where they stand (`{Parent}{Property}`, `…Item`).

use std::collections::{BTreeMap, HashMap};

use openapiv3::Schema;

use super::analysis::Analysis;
use super::doc::Doc;
use super::names::{self, Scope};
use super::view::{Additional, Bounds, Kind, Node, ObjectParts, View};
use crate::diagnostic::Diagnostics;
use crate::ir::*;
use crate::json::push_token;

pub struct Converter<'a, 'd> {
    doc: &'d Doc<'a>,
    analysis: &'d Analysis<'a>,
    names: &'d HashMap<&'a str, String>,
    scope: &'d mut Scope,
    diags: &'d mut Diagnostics,
    options: &'d crate::Options,
    types: Vec<TypeDef>,
    /// Inline unions already defined, by structure, so identical ones are emitted once.
    unions: HashMap<String, String>,
    /// Names for inline unions that stand at two or more places, by structure.
    shared_union_names: HashMap<String, Option<String>>,
    /// The type already defined for each inline schema, by its address in the document. An inline
    /// schema is reached again whenever `allOf` merges the component it sits in; defining it once
    /// keeps the work (and the output) linear in the spec, and recursion through it finite.
    inline: HashMap<*const Schema, String>,
    /// Schema positions converted so far, against `options.limits.max_work()`.
    work: u64,
    /// The first limit passed, if any: conversion then stops descending.
    exceeded: Option<crate::Exceeded>,
    /// Inline definitions in progress, one inside the other (`allOf` merges can chain them).
    depth: usize,
    /// The helper struct of each tag property name (`petType` → `TagPetType`), claimed in the
    /// models' `tags` module, where two tags spelled differently can land on one name.
    tag_helpers: BTreeMap<String, String>,
    tag_scope: Scope,
}

/// How many inline definitions may be in progress one inside the other. Each level takes a few
/// stack frames (a few KB in a debug build script); the worker thread has 256 MB.
const MAX_INLINE_DEPTH: usize = 4_000;

/// The type a merged part of a struct is written in, and where: its inline schemas are named after it.
struct Owner {
    name: String,
    pointer: String,
}

/// Where an inline schema stands, which is what it is named after.
#[derive(Clone)]
pub struct Place {
    pub parent: String,
    pub property: Option<String>,
    pub item: bool,
}

impl Place {
    pub fn named(parent: &str) -> Self {
        Place { parent: parent.to_owned(), property: None, item: false }
    }

    fn property(parent: &str, property: &str) -> Self {
        Place { parent: parent.to_owned(), property: Some(property.to_owned()), item: false }
    }

    fn item(&self) -> Self {
        Place { item: true, ..self.clone() }
    }

    fn name(&self) -> String {
        let prop = self.property.as_deref().map(names::type_ident).unwrap_or_default();
        let prop = prop.trim_start_matches("r#");
        format!("{}{}{}", self.parent, prop, if self.item { "Item" } else { "" })
    }
}

impl<'a, 'd> Converter<'a, 'd> {
    /// The typed document being lowered.
    pub fn doc(&self) -> &'d Doc<'a> {
        self.doc
    }

    pub fn diags(&mut self) -> &mut Diagnostics {
        self.diags
    }

    pub fn options(&self) -> &'d crate::Options {
        self.options
    }

    /// The types converted, or the first limit the spec passed.
    pub fn finish(self) -> Result<Vec<TypeDef>, crate::Exceeded> {
        match self.exceeded {
            Some(exceeded) => Err(exceeded),
            None => Ok(self.types),
        }
    }

    pub fn new(
        doc: &'d Doc<'a>,
        analysis: &'d Analysis<'a>,
        names: &'d HashMap<&'a str, String>,
        scope: &'d mut Scope,
        diags: &'d mut Diagnostics,
        options: &'d crate::Options,
    ) -> Self {
        let mut c = Converter {
            doc,
            analysis,
            names,
            scope,
            diags,
            options,
            types: Vec::new(),
            unions: HashMap::new(),
            shared_union_names: HashMap::new(),
            inline: HashMap::new(),
            work: 0,
            exceeded: None,
            depth: 0,
            tag_helpers: BTreeMap::new(),
            tag_scope: Scope::new(),
        };
        c.name_shared_unions();
        c
    }

    /// Inline unions at two or more places are named by their members' common word prefix.
    fn name_shared_unions(&mut self) {
        let mut places: HashMap<String, (usize, Vec<String>)> = HashMap::new();
        let mut order = Vec::new();
        for (name, node) in self.doc.schemas() {
            let root = push_token("/components/schemas", name);
            super::walk::walk(node, &root, &mut |v| {
                let Node::Inline(schema) = v.node else { return };
                if v.pointer == root {
                    return;
                }
                let view = View::of(schema);
                if let Kind::OneOf(members) | Kind::AnyOf(members) = &view.kind {
                    let key = structure_key(schema);
                    let entry = places.entry(key.clone()).or_insert_with(|| {
                        order.push(key);
                        let member_names = members.iter().filter_map(|m| match m {
                            Node::Ref(r) => self.doc.schema_name(r).map(|n| self.names[n].clone()),
                            Node::Inline(_) => None,
                        });
                        (0, member_names.collect())
                    });
                    entry.0 += 1;
                }
            });
        }
        for key in order {
            let (count, member_names) = &places[&key];
            if *count < 2 {
                continue;
            }
            let name = common_prefix(member_names).filter(|n| self.scope.is_free(n));
            self.shared_union_names.insert(key, name);
        }
    }

    /// Defines the named type for one component schema.
    pub fn component(&mut self, raw: &'a str, node: Node<'a>) {
        let name = self.names[raw].clone();
        let pointer = push_token("/components/schemas", raw);
        let kind = match node {
            Node::Ref(_) => TypeKind::Alias(self.ty(node, &Place::named(&name), &pointer).0),
            Node::Inline(schema) => {
                let drop_tag = self.variant_only_tag(raw);
                self.kind_of(&name, schema, &pointer, drop_tag.as_deref())
            }
        };
        let doc = match node {
            Node::Inline(s) => s.schema_data.description.clone(),
            Node::Ref(_) => None,
        };
        self.push(name, pointer, doc, kind);
    }

    /// The tag property to leave out of a component used only as a discriminated-union variant.
    fn variant_only_tag(&self, raw: &str) -> Option<String> {
        if self.analysis.used_alone.contains(raw) {
            return None;
        }
        let tags = self.analysis.member_of.get(raw)?;
        tags.iter().all(|t| *t == tags[0]).then(|| tags[0].clone())
    }

    fn push(&mut self, name: String, source: String, doc: Option<String>, kind: TypeKind) {
        self.types.push(TypeDef { name, source, doc, kind, validate: false, derives: Vec::new() });
    }

    /// The kind of a named type defined by `schema`.
    fn kind_of(&mut self, name: &str, schema: &'a Schema, pointer: &str, drop_tag: Option<&str>) -> TypeKind {
        let view = View::of(schema);
        match &view.kind {
            Kind::Object(parts)
                if !parts.properties.is_empty() || matches!(parts.additional, Additional::Forbidden) =>
            {
                TypeKind::Struct(self.structure(name, &[], Some(parts), pointer, drop_tag))
            }
            Kind::AllOf(members, own) if !(own.is_none() && members.len() == 1) => {
                TypeKind::Struct(self.structure(name, members, own.as_ref(), pointer, drop_tag))
            }
            Kind::OneOf(members) | Kind::AnyOf(members) => self.union(name, schema, members, pointer),
            Kind::String { values, .. } if !values.is_empty() => {
                TypeKind::Enum(self.string_enum(values, view.const_string().is_some(), pointer))
            }
            _ => {
                let (ty, nullable) = self.ty(Node::Inline(schema), &Place::named(name), pointer);
                TypeKind::Alias(if nullable { Ty::Option(Box::new(ty)) } else { ty })
            }
        }
    }

    /// The type of a schema position; `bool` is whether null is allowed.
    /// The constraints of a schema and of its items, each of them one the generated code can
    /// check: a `pattern` the regex crate cannot compile (look-around, back-references) is dropped
    /// with a note, and so is every `pattern` under `types-only` (which has no `regex` dependency).
    pub fn checks(&mut self, view: Option<&View<'a>>, pointer: &str) -> (Vec<Check>, Vec<Check>) {
        let Some(v) = view else { return Default::default() };
        let (own, items) = (checks_of(v), item_checks_of(self.doc, v));
        (self.checkable(own, pointer), self.checkable(items, &push_token(pointer, "items")))
    }

    /// The constraints of the schema `node` points at (a parameter's), following `$ref`s.
    pub fn checks_at(&mut self, node: Node<'a>, pointer: &str) -> (Vec<Check>, Vec<Check>) {
        let view = self.doc.deref(node).map(View::of);
        self.checks(view.as_ref(), pointer)
    }

    fn checkable(&mut self, checks: Vec<Check>, pointer: &str) -> Vec<Check> {
        checks
            .into_iter()
            .filter(|c| {
                let Check::Pattern(p) = c else { return true };
                let why = if self.options.types_only {
                    "a types-only crate has no `regex`".to_owned()
                } else {
                    match regex_syntax::parse(p) {
                        Ok(_) => return true,
                        Err(e) => format!("Rust's regex cannot express it: {}", first_line(&e.to_string())),
                    }
                };
                self.diags.note(pointer, format!("`pattern: {p}` is not checked before sending ({why})"));
                false
            })
            .collect()
    }

    pub fn ty(&mut self, node: Node<'a>, place: &Place, pointer: &str) -> (Ty, bool) {
        self.work += 1;
        if self.work > self.options.limits.max_work() {
            if self.exceeded.is_none() {
                let limit = self.options.limits.max_work();
                self.exceeded = Some(crate::Exceeded::new(
                    "units of work (schema positions converted) to build its types",
                    limit,
                    "max-work",
                    pointer,
                ));
            }
            return (Ty::Json, false);
        }
        let schema = match node {
            Node::Ref(r) => {
                return match self.doc.schema_name(r) {
                    Some(target) => (Ty::Named(self.names[target].clone()), false),
                    None => (Ty::Json, false),
                };
            }
            Node::Inline(schema) => schema,
        };
        let view = View::of(schema);
        let nullable = view.nullable();
        let ty = match &view.kind {
            Kind::String { values, .. } if !values.is_empty() => self.define_inline(place, schema, pointer),
            Kind::String { format, .. } => match format.as_deref().and_then(|f| self.options.formats.get(f)) {
                Some(custom) => {
                    Ty::Custom { rust_type: custom.rust_type.clone(), serde_with: custom.serde_with.clone() }
                }
                None => string_ty(format.as_deref()),
            },
            Kind::Integer { format, .. } => integer_ty(format.as_deref()),
            Kind::Number { format, .. } => {
                if format.as_deref() == Some("float") {
                    Ty::F32
                } else {
                    Ty::F64
                }
            }
            Kind::Boolean => Ty::Bool,
            Kind::Object(parts) if parts.properties.is_empty() => match parts.additional {
                Additional::Schema(value) => {
                    let (inner, inner_null) =
                        self.ty(value, &place.item(), &push_token(pointer, "additionalProperties"));
                    Ty::Map(Box::new(if inner_null { Ty::Option(Box::new(inner)) } else { inner }))
                }
                Additional::Any | Additional::Forbidden => Ty::JsonMap,
            },
            Kind::Object(_) => self.define_inline(place, schema, pointer),
            Kind::Array { items, .. } => {
                let inner = match items {
                    Some(items) => {
                        let (inner, inner_null) = self.ty(*items, &place.item(), &push_token(pointer, "items"));
                        if inner_null {
                            Ty::Option(Box::new(inner))
                        } else {
                            inner
                        }
                    }
                    None => Ty::Json,
                };
                Ty::Vec(Box::new(inner))
            }
            Kind::Tuple(members) => {
                let members = members.clone();
                let items = members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let (t, null) = self.ty(
                            *m,
                            &place.item(),
                            &push_token(&push_token(pointer, "prefixItems"), &i.to_string()),
                        );
                        if null {
                            Ty::Option(Box::new(t))
                        } else {
                            t
                        }
                    })
                    .collect();
                Ty::Tuple(items)
            }
            Kind::AllOf(members, None) if members.len() == 1 => {
                let (inner, inner_null) = self.ty(members[0], place, &push_token(pointer, "allOf/0"));
                return (inner, nullable || inner_null);
            }
            Kind::AllOf(..) => self.define_inline(place, schema, pointer),
            Kind::OneOf(_) | Kind::AnyOf(_) => {
                let key = structure_key(schema);
                if let Some(existing) = self.unions.get(&key) {
                    Ty::Named(existing.clone())
                } else {
                    let shared = self.shared_union_names.get(&key).cloned().flatten();
                    let ty = self.define_inline_named(shared.unwrap_or_else(|| place.name()), schema, pointer);
                    if let Ty::Named(n) = &ty {
                        self.unions.insert(key, n.clone());
                    }
                    ty
                }
            }
            Kind::Null => return (Ty::Json, true),
            Kind::Any => Ty::Json,
        };
        (ty, nullable)
    }

    fn define_inline(&mut self, place: &Place, schema: &'a Schema, pointer: &str) -> Ty {
        self.define_inline_named(place.name(), schema, pointer)
    }

    fn define_inline_named(&mut self, wanted: String, schema: &'a Schema, pointer: &str) -> Ty {
        if let Some(name) = self.inline.get(&std::ptr::from_ref(schema)) {
            return Ty::Named(name.clone());
        }
        if self.depth >= MAX_INLINE_DEPTH {
            self.diags.warn(pointer, format!("inline schemas nest more than {MAX_INLINE_DEPTH} deep through allOf merges; this one is read as any JSON value"));
            return Ty::Json;
        }
        let (name, changed) = self.scope.claim(&wanted);
        if changed {
            self.diags.warn(pointer, format!("type name `{wanted}` is taken; this inline schema is named `{name}`"));
        }
        // Claimed before its members are converted, so a member that leads back here ends.
        self.inline.insert(std::ptr::from_ref(schema), name.clone());
        self.depth += 1;
        let kind = self.kind_of(&name, schema, pointer, None);
        self.depth -= 1;
        self.push(name.clone(), pointer.to_owned(), schema.schema_data.description.clone(), kind);
        Ty::Named(name)
    }

    /// A struct from `allOf` members (merged in order) and/or the schema's own object keywords.
    fn structure(
        &mut self,
        name: &str,
        members: &[Node<'a>],
        own: Option<&ObjectParts<'a>>,
        pointer: &str,
        drop_tag: Option<&str>,
    ) -> Struct {
        // Each part with where it is written and the type it belongs to there: an inline schema in a
        // merged component's property is that component's (`BaseStatus`), wherever it is merged.
        let mut parts: Vec<(ObjectParts<'a>, Owner)> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let at = push_token(&push_token(pointer, "allOf"), &i.to_string());
            let Some((schema, owner)) = self.owner_of(*m, Owner { name: name.to_owned(), pointer: at.clone() }) else {
                self.diags.warn(&at, "an allOf member that is not an object cannot be merged into a struct; skipped");
                continue;
            };
            match View::of(schema) {
                View { kind: Kind::Object(p), .. } => parts.push((p, owner)),
                View { kind: Kind::AllOf(inner, own), .. } => {
                    // One level of nesting is common (`allOf: [{$ref: Base}]` where Base is itself an allOf).
                    for (j, n) in inner.into_iter().enumerate() {
                        let inner_at = Owner {
                            name: owner.name.clone(),
                            pointer: push_token(&push_token(&owner.pointer, "allOf"), &j.to_string()),
                        };
                        if let Some((s, inner_owner)) = self.owner_of(n, inner_at) {
                            if let View { kind: Kind::Object(p), .. } = View::of(s) {
                                parts.push((p, inner_owner));
                            }
                        }
                    }
                    if let Some(o) = own {
                        parts.push((o, owner));
                    }
                }
                _ => self
                    .diags
                    .warn(&at, "an allOf member that is not an object cannot be merged into a struct; skipped"),
            }
        }
        let own_at = Owner { name: name.to_owned(), pointer: pointer.to_owned() };
        let mut fields = Vec::new();
        let mut field_scope = Scope::new();
        let mut seen_wire: HashMap<String, usize> = HashMap::new();
        let mut additional = None;
        let all_required: Vec<&String> = parts
            .iter()
            .flat_map(|(p, _)| p.required.iter())
            .chain(own.iter().flat_map(|o| o.required.iter()))
            .collect();
        for (part, owner) in parts.into_iter().chain(own.cloned().map(|o| (o, own_at))) {
            if let Additional::Schema(value) = part.additional {
                let (ty, _) = self.ty(
                    value,
                    &Place::named(&owner.name).item(),
                    &push_token(&owner.pointer, "additionalProperties"),
                );
                additional = Some(ty);
            }
            for (wire, node) in &part.properties {
                if Some(*wire) == drop_tag {
                    continue;
                }
                let field_at = push_token(&push_token(&owner.pointer, "properties"), wire);
                let required = all_required.iter().any(|r| r.as_str() == *wire);
                let field = self.field(name, &owner.name, wire, *node, required, &field_at, &mut field_scope);
                // A later allOf member redefining a property overrides it, as in JSON Schema's intersection.
                if let Some(i) = seen_wire.get(*wire) {
                    fields[*i] = field;
                } else {
                    seen_wire.insert((*wire).to_owned(), fields.len());
                    fields.push(field);
                }
            }
        }
        Struct { fields, additional }
    }

    /// A field of struct `parent`, declared in (and its inline types named after) `owner`.
    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        parent: &str,
        owner: &str,
        wire: &str,
        node: Node<'a>,
        required: bool,
        pointer: &str,
        scope: &mut Scope,
    ) -> Field {
        let (ty, nullable) = self.ty(node, &Place::property(owner, wire), pointer);
        let view = match node {
            Node::Inline(s) => Some(View::of(s)),
            Node::Ref(_) => None,
        };
        let is_const_with_default =
            view.as_ref().is_some_and(|v| v.const_string().is_some() && v.data.default.is_some());
        let presence = match (required, nullable) {
            (false, false) if is_const_with_default => Presence::Defaulted,
            (false, true) if self.options.double_option == Some(true) => Presence::OptionalNullable,
            (true, _) => Presence::Required,
            (false, _) => Presence::Optional,
        };
        let ty = match presence {
            Presence::OptionalNullable => Ty::Option(Box::new(Ty::Option(Box::new(ty)))),
            Presence::Optional => Ty::Option(Box::new(ty)),
            _ if nullable => Ty::Option(Box::new(ty)),
            _ => ty,
        };
        let (checks, item_checks) = self.checks(view.as_ref(), pointer);
        let wanted = names::field_ident(wire);
        let (name, changed) = scope.claim(&wanted);
        if changed {
            self.diags
                .warn(pointer, format!("field name `{wanted}` is taken in `{parent}`; property `{wire}` is `{name}`"));
        }
        let doc = view.as_ref().and_then(|v| v.description().map(str::to_owned));
        Field { name, wire: wire.to_owned(), ty, doc, presence, nullable, checks, item_checks }
    }

    fn union(&mut self, name: &str, schema: &'a Schema, members: &[Node<'a>], pointer: &str) -> TypeKind {
        let key = if matches!(View::of(schema).kind, Kind::OneOf(_)) { "oneOf" } else { "anyOf" };
        if let Some(disc) = &schema.schema_data.discriminator {
            if let Some(tagged) = self.tagged(name, &disc.property_name, members, pointer, key) {
                return TypeKind::Tagged(tagged);
            }
        }
        let mut scope = Scope::new();
        let mut variants: Vec<(UntaggedVariant, (u8, std::cmp::Reverse<usize>))> = members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let at = push_token(&push_token(pointer, key), &i.to_string());
                let (ty, nullable) = self.ty(*m, &Place::named(&format!("{name}Variant{i}")), &at);
                let ty = if nullable { Ty::Option(Box::new(ty)) } else { ty };
                let rank = self.specificity(*m, &ty);
                let (variant, _) = scope.claim(&variant_name(&ty));
                (UntaggedVariant { name: variant, ty }, rank)
            })
            .collect();
        // serde tries untagged variants in order: the most specific shapes first, catch-alls last.
        variants.sort_by_key(|(_, rank)| *rank);
        let variants = variants.into_iter().map(|(v, _)| v).collect();
        TypeKind::Untagged(variants)
    }

    /// Sort key for untagged variants: scalars before strings, objects with more required
    /// properties before those with fewer, free-form values last.
    fn specificity(&self, member: Node<'a>, ty: &Ty) -> (u8, std::cmp::Reverse<usize>) {
        let required = self.doc.deref(member).map_or(0, |s| match View::of(s).kind {
            Kind::Object(p) => p.required.len(),
            Kind::AllOf(members, own) => own.map_or(0, |o| o.required.len()) + members.len(),
            _ => 0,
        });
        let rank = match ty {
            Ty::Option(inner) | Ty::Box(inner) => return self.specificity(member, inner),
            Ty::Bool => 0,
            Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 | Ty::U8 | Ty::U16 | Ty::U32 | Ty::U64 => 1,
            Ty::F32 | Ty::F64 => 2,
            Ty::Uuid | Ty::DateTime | Ty::Date => 3,
            Ty::Named(_) if required > 0 => 4,
            Ty::Named(_) => 5,
            Ty::Vec(_) | Ty::Tuple(_) => 6,
            Ty::String | Ty::File | Ty::Custom { .. } => 7,
            Ty::Map(_) => 8,
            Ty::JsonMap => 9,
            Ty::Json => 10,
        };
        (rank, std::cmp::Reverse(required))
    }

    /// The inline schema `node` stands for, and its owner: the last component a `$ref` chain passes
    /// through, else `here`. `None` for a reference to nothing, or a chain that does not end.
    fn owner_of(&self, mut node: Node<'a>, mut here: Owner) -> Option<(&'a Schema, Owner)> {
        for _ in 0..32 {
            match node {
                Node::Inline(s) => return Some((s, here)),
                Node::Ref(r) => {
                    let target = self.doc.schema_name(r)?;
                    here =
                        Owner { name: self.names[target].clone(), pointer: push_token("/components/schemas", target) };
                    node = self.doc.schema(target)?;
                }
            }
        }
        None
    }

    /// A discriminated union; `None` (after a warning) when a member cannot carry a tag.
    fn tagged(&mut self, name: &str, tag: &str, members: &[Node<'a>], pointer: &str, key: &str) -> Option<TaggedUnion> {
        let entries = self.analysis.mappings.get(pointer);
        let mut variants = Vec::new();
        let mut scope = Scope::with_reserved(["Unknown"]);
        for (i, member) in members.iter().enumerate() {
            let at = push_token(&push_token(pointer, key), &i.to_string());
            let Node::Ref(r) = member else {
                self.diags.warn(
                    &at,
                    "an inline member of a discriminated union is not supported; the union is read untagged",
                );
                return None;
            };
            let target = self.doc.schema_name(r)?;
            let own_tag = self.doc.deref(*member).and_then(|s| tag_const(self.doc, s, tag));
            let mapped: Vec<&str> =
                entries.into_iter().flatten().filter(|e| e.target == Some(target)).map(|e| e.key.as_str()).collect();
            let tag_value = match (&own_tag, mapped.first()) {
                (Some(own), _) => {
                    for m in mapped.iter().filter(|m| **m != own) {
                        self.diags.warn(&at, format!("the mapping names `{m}` for `{target}`, but its `{tag}` is the constant `{own}`; using `{own}`"));
                    }
                    own.clone()
                }
                (None, Some(m)) => (*m).to_owned(),
                (None, None) => target.to_owned(),
            };
            if variants.iter().any(|v: &TaggedVariant| v.tag_value == tag_value) {
                self.diags.warn(&at, format!("a second member with tag `{tag_value}` in `{name}`; it cannot be told apart from the first and is left out"));
                continue;
            }
            let (variant, changed) = scope.claim(&names::variant_ident(&tag_value));
            if changed {
                self.diags
                    .warn(&at, format!("variant name for tag `{tag_value}` is taken in `{name}`; it is `{variant}`"));
            }
            let tag_in_body = self.variant_only_tag(target).is_none();
            variants.push(TaggedVariant { name: variant, tag_value, ty: self.names[target].clone(), tag_in_body });
        }
        let helper = match self.tag_helpers.get(tag) {
            Some(helper) => helper.clone(),
            None => {
                let (helper, _) =
                    self.tag_scope.claim(&format!("Tag{}", names::type_ident(tag).trim_start_matches("r#")));
                self.tag_helpers.insert(tag.to_owned(), helper.clone());
                helper
            }
        };
        Some(TaggedUnion { tag: tag.to_owned(), helper, variants, unknown: "Unknown".into() })
    }

    fn string_enum(&mut self, values: &[String], is_const: bool, pointer: &str) -> StringEnum {
        let mut scope = Scope::new();
        let mut variants: Vec<EnumVariant> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for value in values {
            if !seen.insert(value.as_str()) {
                self.diags.warn(
                    push_token(pointer, "enum"),
                    format!("enum value `{value}` is listed twice; it is one variant"),
                );
                continue;
            }
            let wanted = names::variant_ident(value);
            let (name, changed) = scope.claim(&wanted);
            if changed {
                self.diags.warn(
                    push_token(pointer, "enum"),
                    format!("enum values `{value}` and another both name `{wanted}`; this one is `{name}`"),
                );
            }
            variants.push(EnumVariant { name, wire: value.clone() });
        }
        let unknown = (!is_const).then(|| scope.claim("Unknown").0);
        StringEnum { variants, unknown }
    }
}

fn integer_ty(format: Option<&str>) -> Ty {
    match format {
        Some("int8") => Ty::I8,
        Some("int16") => Ty::I16,
        Some("int32") => Ty::I32,
        Some("uint8") => Ty::U8,
        Some("uint16") => Ty::U16,
        Some("uint32") => Ty::U32,
        Some("uint64" | "uint") => Ty::U64,
        _ => Ty::I64,
    }
}

fn string_ty(format: Option<&str>) -> Ty {
    match format {
        Some("binary") => Ty::File,
        Some("uuid" | "uuid1" | "uuid2" | "uuid3" | "uuid4" | "uuid5" | "uuid6" | "uuid7" | "uuid8") => Ty::Uuid,
        Some("date-time") => Ty::DateTime,
        Some("date") => Ty::Date,
        _ => Ty::String,
    }
}

/// The constant value of property `tag` in a variant schema.
fn tag_const(doc: &Doc<'_>, schema: &Schema, tag: &str) -> Option<String> {
    let view = View::of(schema);
    let props = match &view.kind {
        Kind::Object(p) => p.properties.clone(),
        Kind::AllOf(members, own) => {
            let mut all: Vec<_> = own.iter().flat_map(|o| o.properties.clone()).collect();
            for m in members {
                if let Some(View { kind: Kind::Object(p), .. }) = doc.deref(*m).map(View::of) {
                    all.extend(p.properties);
                }
            }
            all
        }
        _ => return None,
    };
    let (_, node) = props.into_iter().find(|(k, _)| *k == tag)?;
    let s = doc.deref(node)?;
    View::of(s).const_string().map(str::to_owned)
}

fn checks_of(view: &View<'_>) -> Vec<Check> {
    let mut out = Vec::new();
    let bounds = |b: &Bounds, out: &mut Vec<Check>| {
        if let Some(v) = b.minimum {
            out.push(Check::Minimum { value: v, exclusive: b.exclusive_minimum });
        }
        if let Some(v) = b.maximum {
            out.push(Check::Maximum { value: v, exclusive: b.exclusive_maximum });
        }
        out.extend(b.multiple_of.filter(|m| *m > 0.0).map(Check::MultipleOf));
    };
    match &view.kind {
        Kind::String { min_length, max_length, values, pattern, .. } if values.is_empty() => {
            out.extend(min_length.map(|n| Check::MinLength(n as u64)));
            out.extend(max_length.map(|n| Check::MaxLength(n as u64)));
            out.extend(pattern.map(|p| Check::Pattern(p.to_owned())));
        }
        Kind::Integer { bounds: b, .. } | Kind::Number { bounds: b, .. } => bounds(b, &mut out),
        Kind::Array { min_items, max_items, unique, .. } => {
            out.extend(min_items.map(|n| Check::MinItems(n as u64)));
            out.extend(max_items.map(|n| Check::MaxItems(n as u64)));
            out.extend(unique.then_some(Check::UniqueItems));
        }
        Kind::Object(p) if p.properties.is_empty() => {
            out.extend(p.min_properties.map(|n| Check::MinProperties(n as u64)));
            out.extend(p.max_properties.map(|n| Check::MaxProperties(n as u64)));
        }
        _ => {}
    }
    out
}

fn item_checks_of(doc: &Doc<'_>, view: &View<'_>) -> Vec<Check> {
    match &view.kind {
        Kind::Array { items: Some(Node::Inline(s)), .. } => checks_of(&View::of(s)),
        Kind::Array { items: Some(n @ Node::Ref(_)), .. } => {
            // A referenced primitive with constraints (e.g. a named bounded string).
            doc.deref(*n)
                .map(View::of)
                .filter(|v| !matches!(v.kind, Kind::Object(_) | Kind::AllOf(..) | Kind::OneOf(_) | Kind::AnyOf(_)))
                .map(|v| checks_of(&v))
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// Identical inline schemas have identical serializations.
fn structure_key(schema: &Schema) -> String {
    serde_json::to_string(schema).unwrap_or_default()
}

/// The longest word-level common prefix of UpperCamel names, if it has two words or more.
fn common_prefix(names: &[String]) -> Option<String> {
    let split: Vec<Vec<&str>> = names.iter().map(|n| names::camel_words(n)).collect();
    let first = split.first()?;
    let len = (0..first.len()).take_while(|&i| split.iter().all(|w| w.get(i) == first.get(i))).count();
    (len >= 2).then(|| first[..len].concat())
}

/// A readable variant name for an untagged union member.
fn variant_name(ty: &Ty) -> String {
    match ty {
        Ty::Named(n) => n.clone(),
        Ty::String => "String".into(),
        Ty::Bool => "Bool".into(),
        Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 | Ty::U8 | Ty::U16 | Ty::U32 | Ty::U64 => "Integer".into(),
        Ty::File => "File".into(),
        Ty::Custom { rust_type, .. } => names::type_ident(rust_type.rsplit("::").next().unwrap_or(rust_type)),
        Ty::F32 | Ty::F64 => "Number".into(),
        Ty::Uuid => "Uuid".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Date => "Date".into(),
        Ty::Json => "Value".into(),
        Ty::JsonMap => "Object".into(),
        Ty::Map(_) => "Map".into(),
        Ty::Vec(inner) => format!("{}List", variant_name(inner)),
        Ty::Tuple(_) => "Tuple".into(),
        Ty::Option(inner) | Ty::Box(inner) => variant_name(inner),
    }
}

/// The line of a regex-syntax error that says what is wrong (the others draw the pattern).
fn first_line(message: &str) -> &str {
    message.lines().rev().find(|l| l.starts_with("error:")).unwrap_or(message).trim_start_matches("error: ")
}
