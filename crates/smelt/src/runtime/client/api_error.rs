// Part of the generated client module: a documented error response, with what arrived.
// Copied into generated crates by `runtime::Part` where an operation documents errors.

/// `error` (the body as documented) beside the response it was read from.
fn api_error<E>(error: E, received: Received) -> Error<E> {
    Error::Api { error, response: Box::new(received.raw()) }
}
