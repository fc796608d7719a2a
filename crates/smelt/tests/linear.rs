//! Cost linear in the spec: on the synthetic family (`smelt::synthetic`, every schema recursive and
//! shared through properties, items, allOf, oneOf, nullable wrappers and maps), the number of
//! types and the bytes of output grow linearly in its size. Timings go to `cargo xtask bench`.

fn generate(n: usize) -> (usize, usize) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("linear");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("synthetic-{n}.json"));
    std::fs::write(&path, smelt::synthetic::spec(n)).expect("write spec");
    let types = smelt::pipeline::prepare(&path).unwrap_or_else(|e| panic!("{e}")).api.types.len();
    let generated = smelt::generate_crate(&path, "synthetic").unwrap_or_else(|e| panic!("{e}"));
    let bytes = generated.files.iter().map(|f| f.contents.len()).sum();
    (types, bytes)
}

#[test]
fn output_grows_linearly() {
    let sizes = [25, 100, 400];
    let measured: Vec<(usize, usize)> = sizes.iter().map(|&n| generate(n)).collect();
    for (&n, &(types, bytes)) in sizes.iter().zip(&measured) {
        // Per schema: the struct, `f`'s merged struct and its enum, `g`'s two structs, `d`'s union.
        assert!(types <= 8 * n, "n = {n}: {types} types");
        assert!(bytes <= 7_000 * n, "n = {n}: {bytes} bytes");
    }
    // Doubling twice: per-schema output stays the same, to within the fixed parts of a crate.
    let per = |(n, (_, bytes)): (usize, (usize, usize))| bytes as f64 / n as f64;
    let (small, large) = (per((sizes[1], measured[1])), per((sizes[2], measured[2])));
    assert!(large <= small * 1.1, "bytes per schema grew from {small:.0} to {large:.0}");
}
