//! Emit alone: what it makes of IR values built by hand (`crates/compile-checks/hand_built.rs`),
//! with no spec and no parser in between. The `compile-checks` crate compiles the same output.

#[path = "../../compile-checks/hand_built.rs"]
mod hand_built;

#[test]
fn hand_built_ir_emits_as_snapshotted() {
    for (name, api) in hand_built::all() {
        let models = smelt::render::render(smelt::emit::models(&api)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let client = if api.operations.is_empty() {
            String::new()
        } else {
            smelt::render::render(smelt::emit::client(&api)).unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        insta::assert_snapshot!(name, format!("{models}\n// ---- client.rs ----\n\n{client}"));
    }
}
