//! Times each pipeline stage on one spec: `cargo run --release -p smelt --example stages -- SPEC`.
use std::path::Path;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stages SPEC");
    let path = Path::new(&path);
    let t = Instant::now();
    let loaded = smelt::load::load_file(path).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("load      {:>8.3}s", t.elapsed().as_secs_f64());
    let (mut value, source) = (loaded.value, loaded.source);
    let t = Instant::now();
    let mut diags = smelt::Diagnostics::default();
    let dups = source.duplicate_keys();
    eprintln!("dup keys  {:>8.3}s ({})", t.elapsed().as_secs_f64(), dups.len());
    let t = Instant::now();
    smelt::repair::repair(&mut value, &mut diags).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("repair    {:>8.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let doc = smelt::document::parse(&mut value, &mut diags).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("typed     {:>8.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let api = smelt::ir::build(&doc, &smelt::Options::default(), &mut diags).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!(
        "ir        {:>8.3}s ({} types, {} operations)",
        t.elapsed().as_secs_f64(),
        api.types.len(),
        api.operations.len()
    );
    let t = Instant::now();
    diags.locate(&source);
    eprintln!("locate    {:>8.3}s ({} diagnostics)", t.elapsed().as_secs_f64(), diags.items().len());
    let t = Instant::now();
    let models = smelt::emit::models(&api);
    let client = smelt::emit::client(&api);
    eprintln!("emit      {:>8.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let m = smelt::render::render(models).unwrap_or_else(|e| panic!("{e}"));
    let c = smelt::render::render(client).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("render    {:>8.3}s ({} + {} lines)", t.elapsed().as_secs_f64(), m.lines().count(), c.lines().count());
}
