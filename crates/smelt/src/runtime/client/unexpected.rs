// Part of the generated client module: responses with an undocumented status.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

fn unexpected<E>(received: Received) -> Error<E> {
    Error::UnexpectedStatus(Box::new(received.raw()))
}
