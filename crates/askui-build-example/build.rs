//! Generates `$OUT_DIR/askui_workspaces.rs` from the spec; cargo reruns this only when the spec changes.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    smelt::Config::new().generate("../../specs/askui-workspaces.yaml")?;
    Ok(())
}
