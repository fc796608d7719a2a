// Part of the generated client module: credentials, kept out of `Debug` output.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// A credential; never shown by `Debug`.
#[derive(Clone)]
struct Secret(String);

impl ::std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}
