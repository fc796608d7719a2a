// The generated models' `binary` module: files (`format: binary`).

/// A file: its bytes, and the name and media type to send with them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilePart {
    pub bytes: ::std::vec::Vec<u8>,
    pub file_name: ::std::option::Option<::std::string::String>,
    pub content_type: ::std::option::Option<::std::string::String>,
}

impl FilePart {
    pub fn new(bytes: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
        FilePart { bytes: bytes.into(), file_name: ::std::option::Option::None, content_type: ::std::option::Option::None }
    }

    /// The file name sent with the part (servers often check its extension).
    pub fn with_file_name(mut self, name: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.file_name = ::std::option::Option::Some(name.into());
        self
    }

    /// The media type sent with the part, e.g. `application/pdf`.
    pub fn with_content_type(mut self, media_type: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.content_type = ::std::option::Option::Some(media_type.into());
        self
    }
}

/// In JSON a binary string is its content as text.
impl ::serde::Serialize for FilePart {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&::std::string::String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> ::serde::Deserialize<'de> for FilePart {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(FilePart::new)
    }
}
