//! IR values built by hand, independent of any parser: `crates/smelt/tests/emit.rs` snapshots
//! what emit makes of each, and the build script of `compile-checks` renders each into a module
//! that the crate compiles. Each value holds the IR's invariants (types sorted by name, names
//! final and unique) as `lower::build` would.

use smelt::ir::{
    Alternative, Api, Body, BodyEncoding, Check, Credential, CredentialKind, CredentialSlot, EnumVariant,
    ErrorResponse, Field, HeaderField, Operation, Param, ParamLocation, ParamStyle, Presence, ResponseBody,
    ResponseHeaders, StatusMatch, StringEnum, Struct, SuccessResponse, Ty, TypeDef, TypeKind, UntaggedVariant,
};

pub fn all() -> Vec<(&'static str, Api)> {
    vec![("models_only", models_only()), ("one_operation", one_operation())]
}

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        source: format!("/components/schemas/{name}"),
        doc: None,
        kind,
        validate: false,
        derives: Vec::new(),
    }
}

fn field(name: &str, ty: Ty, presence: Presence) -> Field {
    let ty = if presence == Presence::Required { ty } else { Ty::Option(Box::new(ty)) };
    Field {
        name: name.to_owned(),
        wire: name.to_owned(),
        ty,
        doc: None,
        presence,
        nullable: false,
        checks: Vec::new(),
        item_checks: Vec::new(),
    }
}

/// A struct with a renamed, a constrained and a map-holding field; a string enum keeping unknown
/// values; an alias; an untagged union; a recursive newtype.
fn models_only() -> Api {
    let mut kind = def(
        "Kind",
        TypeKind::Enum(StringEnum {
            variants: vec![
                EnumVariant { name: "Dog".into(), wire: "dog".into() },
                EnumVariant { name: "Cat".into(), wire: "cat".into() },
            ],
            unknown: Some("Other".into()),
        }),
    );
    kind.doc = Some("What a pet is.".into());
    let mut name = field("name", Ty::String, Presence::Optional);
    name.checks = vec![Check::MinLength(1), Check::MaxLength(64), Check::Pattern("^[A-Za-z ]+$".into())];
    let mut pet_type = field("pet_type", Ty::Named("Kind".into()), Presence::Required);
    pet_type.wire = "petType".into();
    let mut pet = def(
        "Pet",
        TypeKind::Struct(Struct {
            fields: vec![
                field("id", Ty::I64, Presence::Required),
                name,
                pet_type,
                field("tags", Ty::Vec(Box::new(Ty::String)), Presence::Optional),
            ],
            additional: Some(Ty::Json),
        }),
    );
    pet.validate = true;
    let types = vec![
        kind,
        def(
            "Named",
            TypeKind::Untagged(vec![
                UntaggedVariant { name: "Pet".into(), ty: Ty::Named("Pet".into()) },
                UntaggedVariant { name: "String".into(), ty: Ty::String },
            ]),
        ),
        pet,
        def("PetList", TypeKind::Alias(Ty::Vec(Box::new(Ty::Named("Pet".into()))))),
        def("Tree", TypeKind::Newtype(Ty::Vec(Box::new(Ty::Named("Tree".into()))))),
    ];
    Api { title: "Hand-built models".into(), version: "1.0".into(), types, ..Api::default() }
}

/// `PUT /pets/{pet_id}` with a path and a query parameter, a JSON body, one success body, a
/// typed and a raw error, sent with a bearer token.
fn one_operation() -> Api {
    let mut api = models_only();
    api.title = "Hand-built client".into();
    let param = |name: &str, location, ty, required| Param {
        name: name.to_owned(),
        wire: name.to_owned(),
        location,
        ty,
        required,
        doc: None,
        style: if location == ParamLocation::Path { ParamStyle::Simple } else { ParamStyle::Form },
        explode: location != ParamLocation::Path,
        grouped: false,
        checks: Vec::new(),
        item_checks: Vec::new(),
    };
    api.operations = vec![Operation {
        name: "update_pet".into(),
        operation_id: "updatePet".into(),
        error_name: "UpdatePetError".into(),
        method: "PUT".into(),
        path: "/pets/{pet_id}".into(),
        doc: Some("Replaces a pet.".into()),
        params: vec![
            Param {
                checks: vec![Check::Minimum { value: 1.0, exclusive: false }, Check::MultipleOf(1.0)],
                ..param("pet_id", ParamLocation::Path, Ty::I64, true)
            },
            param("dry_run", ParamLocation::Query, Ty::Bool, false),
            Param {
                checks: vec![Check::Pattern("^[a-z]+$".into())],
                item_checks: Vec::new(),
                ..param("tag", ParamLocation::Query, Ty::String, false)
            },
        ],
        params_struct: None,
        body: Some(Body {
            name: "body".into(),
            ty: Ty::Named("Pet".into()),
            required: true,
            media_type: "application/json".into(),
            encoding: BodyEncoding::Json,
            deep_object: Vec::new(),
            validate: true,
        }),
        alternatives: vec![Alternative {
            method: "update_pet_multipart".into(),
            body: Body {
                name: "body".into(),
                ty: Ty::Named("Pet".into()),
                required: true,
                media_type: "multipart/form-data".into(),
                encoding: BodyEncoding::Multipart,
                deep_object: Vec::new(),
                validate: true,
            },
        }],
        success: vec![SuccessResponse {
            status: StatusMatch::Code(200),
            variant: "Ok".into(),
            body: ResponseBody::Json(Ty::Named("Pet".into())),
        }],
        response_enum: None,
        undocumented_success: Some(0),
        pagination: None,
        headers: Some(ResponseHeaders {
            name: "UpdatePetHeaders".into(),
            fields: vec![HeaderField {
                name: "x_rate_limit_remaining".into(),
                wire: "X-RateLimit-Remaining".into(),
                ty: Ty::I64,
                doc: None,
            }],
        }),
        errors: vec![
            ErrorResponse {
                status: StatusMatch::Code(422),
                variant: "UnprocessableEntity".into(),
                ty: Some(Ty::JsonMap),
                has_body: true,
                doc: None,
            },
            ErrorResponse {
                status: StatusMatch::Default,
                variant: "Default".into(),
                ty: None,
                has_body: true,
                doc: None,
            },
        ],
        slots: vec![0],
    }];
    api.credentials = vec![Credential {
        schemes: vec!["bearer".into()],
        method: "with_bearer_token".into(),
        kind: CredentialKind::Bearer,
        slot: 0,
        doc: None,
    }];
    api.slots = vec![CredentialSlot {
        field: "authorization".into(),
        variant: "Authorization".into(),
        location: ParamLocation::Header,
        wire: "Authorization".into(),
    }];
    api
}
