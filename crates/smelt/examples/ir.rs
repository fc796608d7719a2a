//! Prints the IR and diagnostics of a spec: `cargo run -p smelt --example ir -- SPEC`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: ir SPEC");
    match smelt::pipeline::prepare(std::path::Path::new(&path)) {
        Ok(p) => {
            for d in &p.diagnostics {
                eprintln!("{d}");
            }
            println!("{:#?}", p.api);
        }
        Err(e) => eprintln!("error: {e}"),
    }
}
