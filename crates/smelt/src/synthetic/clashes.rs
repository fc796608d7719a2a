//! A spec whose parameters, properties, schemas and operations are named after every name the
//! generated code uses itself ([`crate::lower::generated_names`]: method locals, the client's items,
//! the runtime's helpers), with tag properties and credentials that land on one Rust name. `cargo
//! xtask codegen` writes it to `specs/fixture-clashes.json` and generates its crate, which the
//! workspace builds with warnings denied: a helper added to the runtime is covered by the next
//! codegen, and a name it shadows fails the build.

use serde_json::{json, Map, Value};

/// The fixture, as pretty JSON with a final newline.
pub fn spec() -> String {
    let names = crate::lower::generated_names();
    let snake: Vec<&str> =
        names.iter().map(String::as_str).filter(|n| n.starts_with(|c: char| c.is_lowercase())).collect();
    let camel: Vec<&str> =
        names.iter().map(String::as_str).filter(|n| n.starts_with(|c: char| c.is_uppercase())).collect();

    let string = || json!({"type": "string"});
    let param = |name: &str, location: &str| json!({"name": name, "in": location, "required": location == "path", "schema": string()});
    let params = |location: &str| -> Vec<Value> { snake.iter().map(|n| param(n, location)).collect() };
    let path: String = snake.iter().map(|n| format!("/{{{n}}}")).collect();

    let mut properties: Map<String, Value> = snake.iter().chain(&camel).map(|n| ((*n).to_owned(), string())).collect();
    properties
        .insert("shadows".to_owned(), json!({"type": "array", "items": {"$ref": "#/components/schemas/Shadows"}}));
    properties.insert("pet".to_owned(), json!({"$ref": "#/components/schemas/Pet"}));
    properties.insert("vehicle".to_owned(), json!({"$ref": "#/components/schemas/Vehicle"}));
    let mut schemas = Map::new();
    schemas.insert("Clashes".to_owned(), json!({"type": "object", "properties": properties}));
    let camel_schemas: Vec<Value> =
        camel.iter().map(|n| json!({"$ref": format!("#/components/schemas/{n}")})).collect();
    schemas.insert("Shadows".to_owned(), json!({"oneOf": camel_schemas}));
    for name in &camel {
        schemas.insert(
            (*name).to_owned(),
            json!({"type": "object", "required": [*name], "properties": {*name: string()}}),
        );
    }
    // Two unions whose tags, `petType` and `pet_type`, are one Rust name.
    for (union, tag, variants) in [("Pet", "petType", ["Cat", "Dog"]), ("Vehicle", "pet_type", ["Car", "Van"])] {
        let refs: Vec<Value> = variants.iter().map(|v| json!({"$ref": format!("#/components/schemas/{v}")})).collect();
        schemas.insert(union.to_owned(), json!({"oneOf": refs, "discriminator": {"propertyName": tag}}));
        for variant in variants {
            schemas.insert(
                variant.to_owned(),
                json!({"type": "object", "required": [tag], "properties": {tag: {"type": "string", "enum": [variant]}, "name": string()}}),
            );
        }
    }

    let json_body = |schema: &str| json!({"content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
    let two_bodies = || {
        json!({
            "200": {"description": "JSON", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Clashes"}}}},
            "202": {"description": "Text", "content": {"text/plain": {"schema": string()}}},
            "404": {"description": "Missing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        })
    };
    let mut paths = Map::new();
    // `decode` and `raw` would name their error and response enums `DecodeError` and
    // `RawResponse`, the runtime's.
    paths.insert(
        path,
        json!({"post": {"operationId": "decode", "parameters": params("path"), "requestBody": json_body("Clashes"), "responses": two_bodies()}}),
    );
    paths.insert(
        "/raw".to_owned(),
        json!({"get": {"operationId": "raw", "parameters": params("query"), "responses": two_bodies()}}),
    );
    paths.insert(
        "/events".to_owned(),
        json!({"get": {"operationId": "event_stream", "parameters": params("header"), "responses": {"200": {"description": "Events", "content": {"text/event-stream": {"schema": string()}}}}}}),
    );
    paths.insert(
        "/form".to_owned(),
        json!({"post": {"operationId": "form_pairs", "parameters": params("cookie"), "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Clashes"}}}}, "responses": {"204": {"description": "Done"}}}}),
    );
    paths.insert(
        "/upload".to_owned(),
        json!({"post": {"operationId": "file_part", "requestBody": {"content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {"file_part": {"type": "string", "format": "binary"}, "param_text": string(), "json": {"type": "integer"}}
        }}}}, "responses": {"200": {"description": "Bytes", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}}}),
    );

    let spec = json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Name clashes fixture",
            "version": "1.0.0",
            "description": "Written by `cargo xtask codegen` (`smelt::synthetic::clashes`): named after every name the generated code uses itself. Do not edit."
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "dashed": {"type": "apiKey", "in": "query", "name": "api-key"},
                "underscored": {"type": "apiKey", "in": "query", "name": "api_key"},
                "token": {"type": "http", "scheme": "bearer"},
                "login": {"type": "http", "scheme": "basic"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "session"}
            }
        },
        "security": [{"dashed": []}, {"underscored": []}, {"token": []}, {"login": []}, {"cookie": []}]
    });
    let mut text = serde_json::to_string_pretty(&spec).unwrap_or_default();
    text.push('\n');
    text
}
