//! Which derives each model type gets. The ones smelt knows (`Copy`, `Eq`, `Hash`, `PartialOrd`,
//! `Ord`, `Default`) go only where every value the type holds has them, so that a user's
//! `derives = ["Eq", "Hash"]` cannot fail on a float or a JSON value; derives smelt cannot see
//! into (`schemars::JsonSchema`) go on every type, as written.

use std::borrow::Cow;
use std::collections::HashMap;

use super::types::*;
use crate::diagnostic::Diagnostics;

/// Derives every model type has; a user asking for one again is told so, not obeyed twice.
const ALWAYS: &[&str] = &["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"];

/// The most types a note lists by name before it counts the rest.
const LISTED: usize = 12;

/// Sets each type's `derives`: its own (string enums compare and hash, a struct of optional fields
/// has a `Default`) and those of `requested` it can have. A note per requested derive names the
/// types that did not get it, and why.
pub fn decide(types: &mut [TypeDef], requested: &[String], diags: &mut Diagnostics) {
    let (known, paths) = classify(requested, diags);
    let graph = Graph::new(types);
    let mut has: HashMap<KnownDerive, Vec<Verdict>> = HashMap::new();
    for derive in KnownDerive::ALL {
        let wanted = known.contains(&derive);
        let mut blocked: Vec<Option<Blocker>> = types.iter().map(|t| graph.own_blocker(t, derive)).collect();
        if derive == KnownDerive::Ord {
            // `Ord` needs `Eq` and `PartialOrd` on the same type.
            for (i, b) in blocked.iter_mut().enumerate() {
                for needed in [KnownDerive::Eq, KnownDerive::PartialOrd] {
                    if b.is_none() && !has[&needed][i].has {
                        *b = Some(Blocker::Lacks(needed));
                    }
                }
            }
        }
        let inherent: Vec<bool> = types.iter().map(|t| inherent(t, derive)).collect();
        let verdicts = graph.solve(derive, wanted, &inherent, blocked);
        if wanted {
            note_missing(types, derive, &verdicts, diags);
        }
        has.insert(derive, verdicts);
    }
    for (i, t) in types.iter_mut().enumerate() {
        let deriving = !matches!(t.kind, TypeKind::Alias(_));
        t.derives = if deriving {
            let mut derives: Vec<Derive> =
                KnownDerive::ALL.iter().filter(|&d| has[d][i].has).map(|d| Derive::Known(*d)).collect();
            derives.extend(paths.iter().cloned());
            derives
        } else {
            Vec::new()
        };
    }
}

/// Splits the user's derives into those smelt analyses and the paths it applies as written.
fn classify(requested: &[String], diags: &mut Diagnostics) -> (Vec<KnownDerive>, Vec<Derive>) {
    let (mut known, mut paths) = (Vec::new(), Vec::new());
    for raw in requested {
        let path = raw.trim().trim_start_matches("::");
        let last = path.rsplit("::").next().unwrap_or(path);
        let std_path = !path.contains("::") || path.starts_with("std::") || path.starts_with("core::");
        let always = ALWAYS.contains(&last) && (std_path || path.starts_with("serde::"));
        let is_path = path.split("::").all(|segment| {
            let mut chars = segment.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        match KnownDerive::ALL.iter().find(|d| d.name() == last) {
            _ if !is_path => {
                diags.warn("/components/schemas", format!("derive `{raw}` is ignored: it is not a Rust path"))
            }
            Some(&d) if std_path => {
                if !known.contains(&d) {
                    known.push(d);
                }
            }
            _ if always => diags
                .note("/components/schemas", format!("derive `{raw}` is ignored: every model type derives it already")),
            _ => {
                let d = Derive::Path(path.to_owned());
                if !paths.contains(&d) {
                    paths.push(d);
                }
            }
        }
    }
    (known, paths)
}

/// Whether `t` has `derive` without being asked: string enums compare, order and hash (a
/// one-value `const` is also `Copy` and its value is the `Default`), and a struct whose fields
/// may all be absent has a `Default`.
fn inherent(t: &TypeDef, derive: KnownDerive) -> bool {
    match (&t.kind, derive) {
        (TypeKind::Enum(_), KnownDerive::Eq | KnownDerive::Hash | KnownDerive::PartialOrd | KnownDerive::Ord) => true,
        (TypeKind::Enum(e), KnownDerive::Copy | KnownDerive::Default) => e.unknown.is_none(),
        (TypeKind::Struct(s), KnownDerive::Default) => {
            s.additional.is_none() && s.fields.iter().all(|f| f.presence != Presence::Required)
        }
        _ => false,
    }
}

/// Why a type cannot have a derive.
#[derive(Debug, Clone)]
enum Blocker {
    /// A value it holds directly lacks it, e.g. `f64` for `Eq`.
    Value(&'static str),
    /// A named type it holds lacks it.
    Type(usize),
    /// The type lacks another derive this one needs (`Ord` needs `Eq`).
    Lacks(KnownDerive),
    /// Its kind cannot derive it (only a unit variant can be an enum's `Default`).
    Kind,
    /// A `Default` would build the type inside itself forever.
    Recursive,
}

#[derive(Debug, Clone)]
struct Verdict {
    has: bool,
    why_not: Option<Blocker>,
}

/// The named types each type holds, for the derives that follow what a type holds.
struct Graph {
    /// For each type, the types whose derive it needs, per derive kind: `Default` does not look
    /// inside `Option`, `Vec` or maps (they are empty by default), the others do.
    needs: Vec<[Vec<usize>; 2]>,
    /// The reverse of `needs`: the types that need each type's derive.
    dependents: Vec<[Vec<usize>; 2]>,
}

const THROUGH: usize = 0;
const DEFAULT: usize = 1;

impl Graph {
    fn new(types: &[TypeDef]) -> Self {
        let index: HashMap<&str, usize> = types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
        let needs: Vec<[Vec<usize>; 2]> = types
            .iter()
            .map(|t| {
                let mut through = Vec::new();
                let mut default = Vec::new();
                for ty in holds(t) {
                    named(&ty, false, &mut |name, behind_default| {
                        if let Some(&j) = index.get(name) {
                            through.push(j);
                            if !behind_default {
                                default.push(j);
                            }
                        }
                    });
                }
                through.sort_unstable();
                through.dedup();
                default.sort_unstable();
                default.dedup();
                [through, default]
            })
            .collect();
        let mut dependents: Vec<[Vec<usize>; 2]> = vec![[Vec::new(), Vec::new()]; types.len()];
        for (i, needs) in needs.iter().enumerate() {
            for which in [THROUGH, DEFAULT] {
                for &j in &needs[which] {
                    dependents[j][which].push(i);
                }
            }
        }
        Graph { needs, dependents }
    }

    /// What stops `t` from having `derive` before its named types are looked at.
    fn own_blocker(&self, t: &TypeDef, derive: KnownDerive) -> Option<Blocker> {
        if inherent(t, derive) {
            return None;
        }
        let kind_allows = match &t.kind {
            TypeKind::Enum(_) => false,
            TypeKind::Tagged(_) | TypeKind::Untagged(_) => derive != KnownDerive::Default,
            TypeKind::Struct(_) | TypeKind::Alias(_) | TypeKind::Newtype(_) => true,
        };
        if !kind_allows {
            return Some(Blocker::Kind);
        }
        if let TypeKind::Tagged(_) = t.kind {
            // The variant for an unknown tag keeps the object as a `serde_json::Value`.
            if let Some(why) = lacking(&Ty::Json, derive) {
                return Some(Blocker::Value(why));
            }
        }
        holds(t).iter().find_map(|ty| lacking(ty, derive)).map(Blocker::Value)
    }

    /// Which types have `derive`. The comparing derives hold on a recursive type unless something
    /// inside it lacks them (the greatest fixed point: assume yes, take back what fails); a
    /// `Default` must be built from values that are there, so recursion gives none (the least
    /// fixed point: only what is proved from the leaves). Each type changes once: linear.
    fn solve(
        &self,
        derive: KnownDerive,
        wanted: bool,
        inherent: &[bool],
        blocked: Vec<Option<Blocker>>,
    ) -> Vec<Verdict> {
        let n = inherent.len();
        let which = if derive == KnownDerive::Default { DEFAULT } else { THROUGH };
        let mut verdicts: Vec<Verdict> = Vec::with_capacity(n);
        if derive == KnownDerive::Default {
            let mut waiting: Vec<usize> = self.needs.iter().map(|needs| needs[which].len()).collect();
            let mut queue = Vec::new();
            for i in 0..n {
                let ready = inherent[i] || (wanted && blocked[i].is_none() && waiting[i] == 0);
                verdicts.push(Verdict { has: ready, why_not: blocked[i].clone() });
                if ready {
                    queue.push(i);
                }
            }
            while let Some(j) = queue.pop() {
                for &i in &self.dependents[j][which] {
                    waiting[i] -= 1;
                    if waiting[i] == 0 && !verdicts[i].has && wanted && blocked[i].is_none() {
                        verdicts[i].has = true;
                        queue.push(i);
                    }
                }
            }
            let has: Vec<bool> = verdicts.iter().map(|v| v.has).collect();
            for (i, v) in verdicts.iter_mut().enumerate() {
                if !v.has && v.why_not.is_none() {
                    let missing = self.needs[i][which].iter().copied().find(|&j| j != i && !has[j]);
                    v.why_not = Some(missing.map_or(Blocker::Recursive, Blocker::Type));
                }
            }
        } else {
            let mut queue = Vec::new();
            for i in 0..n {
                let has = inherent[i] || (wanted && blocked[i].is_none());
                verdicts.push(Verdict { has, why_not: if has { None } else { blocked[i].clone() } });
                if !has {
                    queue.push(i);
                }
            }
            while let Some(j) = queue.pop() {
                for &i in &self.dependents[j][which] {
                    if verdicts[i].has && !inherent[i] {
                        verdicts[i] = Verdict { has: false, why_not: Some(Blocker::Type(j)) };
                        queue.push(i);
                    }
                }
            }
        }
        verdicts
    }
}

/// Everything a type holds: what the boxing pass looks at (fields, variants, the type it stands
/// for) and a struct's map of undeclared properties.
fn holds(t: &TypeDef) -> Vec<Cow<'_, Ty>> {
    let mut held = super::cycles::held(t);
    if let TypeKind::Struct(Struct { additional: Some(value), .. }) = &t.kind {
        held.push(Cow::Owned(Ty::Map(Box::new(value.clone()))));
    }
    held
}

/// Calls `found` with each named type in `ty`, and whether a `Default` of `ty` is had without it
/// (it sits inside an `Option`, `Vec` or map).
fn named(ty: &Ty, behind_default: bool, found: &mut dyn FnMut(&str, bool)) {
    match ty {
        Ty::Named(n) => found(n, behind_default),
        Ty::Vec(inner) | Ty::Option(inner) | Ty::Map(inner) => named(inner, true, found),
        Ty::Box(inner) => named(inner, behind_default, found),
        Ty::Tuple(items) => items.iter().for_each(|t| named(t, behind_default, found)),
        _ => {}
    }
}

/// The value inside `ty` (not a named type) that lacks `derive`, described for the note.
fn lacking(ty: &Ty, derive: KnownDerive) -> Option<&'static str> {
    use KnownDerive::*;
    let own = |has: &[KnownDerive], what: &'static str| (!has.contains(&derive)).then_some(what);
    match ty {
        Ty::Named(_) => None,
        Ty::String => own(&[Eq, Hash, PartialOrd, Ord, Default], "a `String`"),
        Ty::Bool | Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64 | Ty::U8 | Ty::U16 | Ty::U32 | Ty::U64 => None,
        Ty::F32 | Ty::F64 => own(&[Copy, PartialOrd, Default], "a float"),
        Ty::Uuid => None,
        // chrono `0.4` is all the generated manifest asks for; its oldest releases have no `Default`.
        Ty::DateTime | Ty::Date => own(&[Copy, Eq, Hash, PartialOrd, Ord], "a chrono date"),
        Ty::File => own(&[Eq, Default], "a file part"),
        Ty::Custom { .. } => Some("a type from the `formats` option, which smelt cannot see into"),
        // `serde_json` hashes values only since 1.0.117; the manifest asks for any `1`.
        Ty::Json => own(&[Eq, Default], "a `serde_json::Value`"),
        Ty::JsonMap => own(&[Eq, Default], "a `serde_json::Map`"),
        Ty::Map(inner) | Ty::Vec(inner) => {
            if derive == Copy {
                Some(if matches!(ty, Ty::Vec(_)) { "a `Vec`" } else { "a `BTreeMap`" })
            } else if derive == Default {
                None
            } else {
                lacking(inner, derive)
            }
        }
        Ty::Option(inner) => (derive != Default).then(|| lacking(inner, derive)).flatten(),
        Ty::Box(inner) => {
            if derive == Copy {
                Some("a `Box`")
            } else {
                lacking(inner, derive)
            }
        }
        Ty::Tuple(items) => items.iter().find_map(|t| lacking(t, derive)),
    }
}

/// One note per requested derive that some types did not get: which, and why.
fn note_missing(types: &[TypeDef], derive: KnownDerive, verdicts: &[Verdict], diags: &mut Diagnostics) {
    let missing: Vec<usize> =
        (0..types.len()).filter(|&i| !verdicts[i].has && !matches!(types[i].kind, TypeKind::Alias(_))).collect();
    if missing.is_empty() {
        return;
    }
    let listed: Vec<String> = missing
        .iter()
        .take(LISTED)
        .map(|&i| {
            let why = match &verdicts[i].why_not {
                Some(Blocker::Value(what)) => format!("holds {what}"),
                Some(Blocker::Type(j)) => format!("holds `{}`", types[*j].name),
                Some(Blocker::Lacks(other)) => format!("has no `{}`", other.name()),
                Some(Blocker::Kind) => "an enum with no value to default to".to_owned(),
                Some(Blocker::Recursive) | None => "holds itself".to_owned(),
            };
            format!("`{}` ({why})", types[i].name)
        })
        .collect();
    let more = missing.len().saturating_sub(LISTED);
    let rest = if more > 0 { format!(" and {more} more") } else { String::new() };
    diags.note(
        "/components/schemas",
        format!(
            "derive `{}` left off {} of {} types: {}{rest}",
            derive.name(),
            missing.len(),
            types.iter().filter(|t| !matches!(t.kind, TypeKind::Alias(_))).count(),
            listed.join(", ")
        ),
    );
}
