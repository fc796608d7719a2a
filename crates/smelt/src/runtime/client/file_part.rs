// Part of the generated client module: files sent as multipart parts.
// Copied into generated crates by `runtime::Part`; paths are relative (`super::models`) so that it
// fits both a crate and a build.rs module.

/// A multipart part for a file. It always carries a file name (the field's name when the
/// file has none): servers read a part without one as a text field (RFC 7578 §4.2). A
/// malformed media type fails the request.
fn file_part<E>(file: &super::models::binary::FilePart, field: &str) -> Result<::reqwest::multipart::Part, Error<E>> {
    let name = file.file_name.clone().unwrap_or_else(|| field.to_owned());
    let part = ::reqwest::multipart::Part::bytes(file.bytes.clone()).file_name(name);
    match &file.content_type {
        Some(media) => part.mime_str(media).map_err(Error::Request),
        None => Ok(part),
    }
}
