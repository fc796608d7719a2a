//! A flat, borrowed view of an `openapiv3` schema, so the rest of the IR builder handles one shape
//! instead of `Type`/`AnySchema`/boxed-or-not references.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, Type, VariantOrUnknownOrEmpty};

use crate::repair::markers::Marker;

/// A schema position: a `$ref` or an inline schema.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

pub fn node(r: &ReferenceOr<Schema>) -> Node<'_> {
    match r {
        ReferenceOr::Reference { reference } => Node::Ref(reference),
        ReferenceOr::Item(s) => Node::Inline(s),
    }
}

pub fn node_boxed(r: &ReferenceOr<Box<Schema>>) -> Node<'_> {
    match r {
        ReferenceOr::Reference { reference } => Node::Ref(reference),
        ReferenceOr::Item(s) => Node::Inline(s),
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Additional<'a> {
    /// Not given, or `true`.
    Any,
    Forbidden,
    Schema(Node<'a>),
}

/// Numeric bounds as written (already lowered to 3.0 form).
#[derive(Debug, Clone, Copy, Default)]
pub struct Bounds {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
}

pub enum Kind<'a> {
    String {
        format: Option<String>,
        values: Vec<String>,
        min_length: Option<usize>,
        max_length: Option<usize>,
        pattern: Option<&'a str>,
    },
    Integer {
        format: Option<String>,
        bounds: Bounds,
    },
    Number {
        format: Option<String>,
        bounds: Bounds,
    },
    Boolean,
    Object(ObjectParts<'a>),
    Array {
        items: Option<Node<'a>>,
        min_items: Option<usize>,
        max_items: Option<usize>,
        unique: bool,
    },
    /// `prefixItems`, as the repair stage lowered it.
    Tuple(Vec<Node<'a>>),
    OneOf(Vec<Node<'a>>),
    AnyOf(Vec<Node<'a>>),
    /// Members to merge, and the schema's own object keywords next to `allOf`, if any.
    AllOf(Vec<Node<'a>>, Option<ObjectParts<'a>>),
    /// Only `null` (3.1 `type: 'null'`).
    Null,
    /// No constraint smelt can express: any JSON value.
    Any,
}

#[derive(Clone)]
pub struct ObjectParts<'a> {
    pub properties: Vec<(&'a str, Node<'a>)>,
    pub required: &'a [String],
    pub additional: Additional<'a>,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
}

pub struct View<'a> {
    pub data: &'a SchemaData,
    pub kind: Kind<'a>,
}

impl<'a> View<'a> {
    pub fn of(schema: &'a Schema) -> Self {
        let kind = match kind_of(schema) {
            Kind::Array { items: Some(Node::Inline(items)), .. } if is_tuple(items) => match kind_of(items) {
                Kind::OneOf(members) => Kind::Tuple(members),
                other => other,
            },
            other => other,
        };
        View { data: &schema.schema_data, kind }
    }

    /// The value of a one-value enum (a lowered `const`), as a string.
    pub fn const_string(&self) -> Option<&str> {
        match &self.kind {
            Kind::String { values, .. } if values.len() == 1 => Some(&values[0]),
            _ => None,
        }
    }

    pub fn description(&self) -> Option<&'a str> {
        self.data.description.as_deref()
    }

    pub fn nullable(&self) -> bool {
        self.data.nullable
    }
}

fn is_tuple(schema: &Schema) -> bool {
    Marker::Tuple.is_set(|k| schema.schema_data.extensions.get(k))
}

fn format_of<T: std::fmt::Debug>(f: &VariantOrUnknownOrEmpty<T>, name: impl Fn(&T) -> &'static str) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn additional(a: &Option<AdditionalProperties>) -> Additional<'_> {
    match a {
        None | Some(AdditionalProperties::Any(true)) => Additional::Any,
        Some(AdditionalProperties::Any(false)) => Additional::Forbidden,
        Some(AdditionalProperties::Schema(s)) => Additional::Schema(node(s)),
    }
}

fn props(p: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>) -> Vec<(&str, Node<'_>)> {
    p.iter().map(|(k, v)| (k.as_str(), node_boxed(v))).collect()
}

fn kind_of(schema: &Schema) -> Kind<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => Kind::String {
            format: format_of(&s.format, |f| match f {
                openapiv3::StringFormat::Date => "date",
                openapiv3::StringFormat::DateTime => "date-time",
                openapiv3::StringFormat::Password => "password",
                openapiv3::StringFormat::Byte => "byte",
                openapiv3::StringFormat::Binary => "binary",
            }),
            values: s.enumeration.iter().flatten().cloned().collect(),
            min_length: s.min_length,
            max_length: s.max_length,
            pattern: s.pattern.as_deref(),
        },
        SchemaKind::Type(Type::Integer(i)) => Kind::Integer {
            format: format_of(&i.format, |f| match f {
                openapiv3::IntegerFormat::Int32 => "int32",
                openapiv3::IntegerFormat::Int64 => "int64",
            }),
            // i64 bounds beyond 2^53 lose precision as f64; fine for a bounds check message.
            bounds: Bounds {
                minimum: i.minimum.map(|v| v as f64),
                maximum: i.maximum.map(|v| v as f64),
                exclusive_minimum: i.exclusive_minimum,
                exclusive_maximum: i.exclusive_maximum,
                multiple_of: i.multiple_of.map(|v| v as f64),
            },
        },
        SchemaKind::Type(Type::Number(n)) => Kind::Number {
            format: format_of(&n.format, |f| match f {
                openapiv3::NumberFormat::Float => "float",
                openapiv3::NumberFormat::Double => "double",
            }),
            bounds: Bounds {
                minimum: n.minimum,
                maximum: n.maximum,
                exclusive_minimum: n.exclusive_minimum,
                exclusive_maximum: n.exclusive_maximum,
                multiple_of: n.multiple_of,
            },
        },
        SchemaKind::Type(Type::Boolean(_)) => Kind::Boolean,
        SchemaKind::Type(Type::Object(o)) => Kind::Object(ObjectParts {
            properties: props(&o.properties),
            required: &o.required,
            additional: additional(&o.additional_properties),
            min_properties: o.min_properties,
            max_properties: o.max_properties,
        }),
        SchemaKind::Type(Type::Array(a)) => Kind::Array {
            items: a.items.as_ref().map(node_boxed),
            min_items: a.min_items,
            max_items: a.max_items,
            unique: a.unique_items,
        },
        SchemaKind::OneOf { one_of } => Kind::OneOf(one_of.iter().map(node).collect()),
        SchemaKind::AnyOf { any_of } => Kind::AnyOf(any_of.iter().map(node).collect()),
        SchemaKind::AllOf { all_of } => Kind::AllOf(all_of.iter().map(node).collect(), None),
        SchemaKind::Not { .. } => Kind::Any,
        SchemaKind::Any(any) => any_kind(schema, any),
    }
}

/// `AnySchema` is what `openapiv3` produces for keyword mixes it has no variant for.
fn any_kind<'a>(schema: &'a Schema, any: &'a openapiv3::AnySchema) -> Kind<'a> {
    if !any.one_of.is_empty() {
        return Kind::OneOf(any.one_of.iter().map(node).collect());
    }
    if !any.any_of.is_empty() {
        return Kind::AnyOf(any.any_of.iter().map(node).collect());
    }
    let own = || ObjectParts {
        properties: props(&any.properties),
        required: &any.required,
        additional: additional(&any.additional_properties),
        min_properties: any.min_properties,
        max_properties: any.max_properties,
    };
    if !any.all_of.is_empty() {
        // allOf next to own properties: the own part is merged like one more member.
        let has_own = !any.properties.is_empty() || !any.required.is_empty();
        return Kind::AllOf(any.all_of.iter().map(node).collect(), has_own.then(own));
    }
    let bounds = Bounds {
        minimum: any.minimum,
        maximum: any.maximum,
        exclusive_minimum: any.exclusive_minimum.unwrap_or(false),
        exclusive_maximum: any.exclusive_maximum.unwrap_or(false),
        multiple_of: any.multiple_of,
    };
    match any.typ.as_deref() {
        Some("string") => Kind::String {
            format: any.format.clone(),
            values: any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
            min_length: any.min_length,
            max_length: any.max_length,
            pattern: any.pattern.as_deref(),
        },
        Some("integer") => Kind::Integer { format: any.format.clone(), bounds },
        Some("number") => Kind::Number { format: any.format.clone(), bounds },
        Some("boolean") => Kind::Boolean,
        Some("array") => Kind::Array {
            items: any.items.as_ref().map(node_boxed),
            min_items: any.min_items,
            max_items: any.max_items,
            unique: any.unique_items.unwrap_or(false),
        },
        Some("object") => Kind::Object(own()),
        None if !any.properties.is_empty() || any.additional_properties.is_some() => Kind::Object(own()),
        None if any.items.is_some() => Kind::Array {
            items: any.items.as_ref().map(node_boxed),
            min_items: any.min_items,
            max_items: any.max_items,
            unique: any.unique_items.unwrap_or(false),
        },
        None if Marker::Null.is_set(|k| schema.schema_data.extensions.get(k)) => Kind::Null,
        _ => Kind::Any,
    }
}
