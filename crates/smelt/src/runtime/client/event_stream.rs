// Part of the generated client module: `text/event-stream` responses, read event by event
// without extra dependencies.

/// A `text/event-stream` response, read one event at a time with [`EventStream::next`].
#[derive(Debug)]
pub struct EventStream {
    response: ::reqwest::Response,
    buffer: Vec<u8>,
    done: bool,
}

/// One server-sent event, as received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    pub event: Option<String>,
    pub data: String,
    pub id: Option<String>,
    pub retry: Option<u64>,
}

/// A `text/event-stream` success, read as it arrives: `wrap` makes the body of the stream
/// (a variant of a response enum, or the stream itself), `read` the typed headers.
fn event_stream<T, H>(
    response: ::reqwest::Response,
    wrap: fn(EventStream) -> T,
    read: fn(&::reqwest::header::HeaderMap) -> H,
) -> Response<T, H> {
    let (url, status, headers) = (response.url().clone(), response.status(), response.headers().clone());
    let typed_headers = read(&headers);
    Response { url, status, headers, typed_headers, body: wrap(EventStream::new(response)) }
}

impl EventStream {
    fn new(response: ::reqwest::Response) -> Self {
        EventStream { response, buffer: Vec::new(), done: false }
    }

    /// The next event; `None` when the stream has ended.
    pub async fn next(&mut self) -> Option<Result<Event, ::reqwest::Error>> {
        loop {
            if let Some(event) = self.take_event() {
                return Some(Ok(event));
            }
            if self.done {
                return None;
            }
            match self.response.chunk().await {
                Ok(Some(chunk)) => self.buffer.extend_from_slice(&chunk),
                Ok(None) => {
                    // A last event without its blank line still counts.
                    self.done = true;
                    self.buffer.extend_from_slice(b"\n\n");
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// Parses the first complete event in the buffer, skipping blocks with no data.
    fn take_event(&mut self) -> Option<Event> {
        loop {
            let text = String::from_utf8_lossy(&self.buffer).replace("\r\n", "\n");
            let end = text.find("\n\n")?;
            let block = text[..end].to_owned();
            self.buffer = text.as_bytes()[end + 2..].to_vec();
            let mut event = Event::default();
            let mut data: Vec<&str> = Vec::new();
            for line in block.lines() {
                let (field, value) = line.split_once(':').unwrap_or((line, ""));
                let value = value.strip_prefix(' ').unwrap_or(value);
                match field {
                    "event" => event.event = Some(value.to_owned()),
                    "data" => data.push(value),
                    "id" => event.id = Some(value.to_owned()),
                    "retry" => event.retry = value.parse().ok(),
                    _ => {}
                }
            }
            if !data.is_empty() || event.event.is_some() {
                event.data = data.join("\n");
                return Some(event);
            }
        }
    }
}
