//! Generates one module per option set of `sets.rs`, and one per hand-built IR value of
//! `hand_built.rs` (emitted and rendered without a spec), into `$OUT_DIR`, and `sets.rs` there,
//! which declares them.

use std::fmt::Write as _;
use std::path::Path;

#[path = "hand_built.rs"]
mod hand_built;
#[path = "sets.rs"]
mod sets;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = std::env::var("OUT_DIR")?;
    println!("cargo:rerun-if-changed=sets.rs");
    println!("cargo:rerun-if-changed=hand_built.rs");
    let mut index = String::new();
    for set in sets::all() {
        let spec = root.join(set.spec);
        let module =
            smelt::generate_module(&spec, &set.options).map_err(|e| format!("option set `{}`: {e}", set.name))?;
        for source in &module.sources {
            println!("cargo:rerun-if-changed={}", source.display());
        }
        std::fs::write(Path::new(&out).join(format!("{}.rs", set.name)), module.contents)?;
        writeln!(index, "pub mod {0} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{0}.rs\")); }}", set.name)?;
    }
    for (name, api) in hand_built::all() {
        let client = (!api.operations.is_empty()).then(|| smelt::emit::client(&api));
        let contents = smelt::render::render(smelt::emit::module(&api, smelt::emit::models(&api), client))?;
        std::fs::write(Path::new(&out).join(format!("hand_{name}.rs")), contents)?;
        writeln!(index, "pub mod hand_{name} {{ include!(concat!(env!(\"OUT_DIR\"), \"/hand_{name}.rs\")); }}")?;
    }
    std::fs::write(Path::new(&out).join("sets.rs"), index)?;
    Ok(())
}
