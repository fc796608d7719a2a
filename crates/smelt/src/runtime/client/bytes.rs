// Part of the generated client module: reading a response body as bytes.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

fn bytes(received: &Received) -> Vec<u8> {
    received.body.clone()
}
