//! JSON pointer → line:column, for diagnostics.
//!
//! The value loader's parsers throw positions away, and diagnostics only need where a node
//! starts, so both formats are read again here by small scanners that skip everything else.
//! A scanner walks the text once, keeping the JSON pointer of the node it is in, and reports each
//! node to a `Visitor`; locating pointers and finding duplicate keys are two such visitors.
//! Scanners work on byte offsets; offsets become line:column in one sweep at the end, so a
//! minified one-line document costs no more than a pretty-printed one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::str::Chars;
use std::sync::OnceLock;

pub use crate::diagnostic::Location;

/// A mapping key written twice under the same parent (YAML; JSON too). The last one wins in the value tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// Pointer of the key, e.g. `/paths/~1pets/get`.
    pub pointer: String,
    pub first: Location,
    pub second: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

pub struct SourceMap {
    text: String,
    format: Format,
    /// Byte offset of each line start; built on first use, only by the per-line helpers.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceMap {
    pub fn new(text: String, format: Format) -> Self {
        SourceMap { text, format, line_starts: OnceLock::new() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Fills in every diagnostic's line and column in one pass over the source.
    pub fn locate(&self, diagnostics: &mut [crate::diagnostic::Diagnostic]) {
        let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
        let found = self.locate_all(&pointers);
        for (d, loc) in diagnostics.iter_mut().zip(found) {
            d.location = loc;
        }
    }

    /// Locations of many pointers in one pass; a pointer not found falls back to its nearest ancestor.
    ///
    /// Columns count characters, not bytes. `None` only when not even the root exists (blank text).
    pub fn locate_all(&self, pointers: &[&str]) -> Vec<Option<Location>> {
        let mut visitor = Locate::new(pointers);
        scan(&self.text, self.format, &mut visitor);
        let offsets: Vec<Option<usize>> = pointers.iter().map(|p| visitor.nearest(p)).collect();
        let found: Vec<usize> = offsets.iter().flatten().copied().collect();
        let mut locations = locations_of(&self.text, &found).into_iter();
        offsets.iter().map(|offset| offset.and_then(|_| locations.next())).collect()
    }

    /// Every key written again under the same parent, in text order; a key written three times
    /// gives two entries (first with second, second with third).
    pub fn duplicate_keys(&self) -> Vec<DuplicateKey> {
        let mut visitor = Duplicates::default();
        scan(&self.text, self.format, &mut visitor);
        let offsets: Vec<usize> = visitor.found.iter().flat_map(|d| [d.first, d.second]).collect();
        let locations = locations_of(&self.text, &offsets);
        visitor
            .found
            .into_iter()
            .zip(locations.chunks_exact(2))
            .filter_map(|(dup, pair)| match pair {
                [first, second] => Some(DuplicateKey { pointer: dup.pointer, first: *first, second: *second }),
                _ => None,
            })
            .collect()
    }

    /// Text of a 1-based line without its line break, e.g. to show the line a diagnostic points at.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let starts = self.line_starts();
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// Location of a byte offset into [`text`](Self::text); `None` past the end.
    /// For many offsets, [`locate_all`](Self::locate_all) converts them in a single sweep.
    pub fn offset_to_location(&self, offset: usize) -> Option<Location> {
        if offset > self.text.len() {
            return None;
        }
        let starts = self.line_starts();
        let index = starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let mut start = starts.get(index).copied().unwrap_or(0);
        if index == 0 {
            start = bom_len(&self.text).min(offset);
        }
        let chars = self.text.as_bytes().get(start..offset)?.iter().filter(|&&b| is_char_start(b)).count();
        Some(Location {
            line: u32::try_from(index + 1).unwrap_or(u32::MAX),
            column: u32::try_from(chars + 1).unwrap_or(u32::MAX),
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }
}

/// Receives the nodes a scanner walks through, in text order.
trait Visitor<'a> {
    /// A node starts at byte `offset`: a mapping member (`key` is its decoded key), or a sequence
    /// element or the root (`key` is `None`). Returns whether the node's descendants are wanted.
    fn enter(&mut self, pointer: &str, key: Option<&Cow<'a, str>>, offset: usize) -> bool;
    /// A mapping or sequence begins; its members follow until the matching `close`.
    fn open(&mut self) {}
    fn close(&mut self) {}
}

/// Finds where the requested pointers start, descending only towards them.
struct Locate<'p> {
    /// Every requested pointer and each of its ancestors → offset of the node, once seen.
    wanted: HashMap<&'p str, Option<usize>>,
}

impl<'p> Locate<'p> {
    fn new(pointers: &[&'p str]) -> Self {
        let mut wanted = HashMap::new();
        for &pointer in pointers {
            let mut current = Some(pointer);
            // Once an ancestor is known, all of its own ancestors are too.
            while let Some(p) = current.filter(|p| !wanted.contains_key(p)) {
                wanted.insert(p, None);
                current = parent(p);
            }
        }
        Locate { wanted }
    }

    /// Offset of the pointer's node, or of its nearest ancestor that exists.
    fn nearest(&self, pointer: &str) -> Option<usize> {
        let mut current = pointer;
        loop {
            if let Some(Some(offset)) = self.wanted.get(current) {
                return Some(*offset);
            }
            current = parent(current)?;
        }
    }
}

impl<'a> Visitor<'a> for Locate<'_> {
    fn enter(&mut self, pointer: &str, _key: Option<&Cow<'a, str>>, offset: usize) -> bool {
        match self.wanted.get_mut(pointer) {
            Some(slot) => {
                // A later duplicate overwrites: the value tree keeps the last one too.
                *slot = Some(offset);
                true
            }
            None => false,
        }
    }
}

/// The pointer one level up; the parent of the root is `None`. A malformed pointer without a
/// leading `/` goes straight to the root.
fn parent(pointer: &str) -> Option<&str> {
    if pointer.is_empty() {
        return None;
    }
    Some(pointer.rsplit_once('/').map_or("", |(head, _)| head))
}

struct Duplicate {
    pointer: String,
    first: usize,
    second: usize,
}

#[derive(Default)]
struct Duplicates<'a> {
    /// Keys seen in each open container (innermost at `depth - 1`) → offset of the latest one.
    /// Slots past `depth` are kept to reuse their allocation.
    seen: Vec<HashMap<Cow<'a, str>, usize>>,
    depth: usize,
    found: Vec<Duplicate>,
}

impl<'a> Visitor<'a> for Duplicates<'a> {
    fn enter(&mut self, pointer: &str, key: Option<&Cow<'a, str>>, offset: usize) -> bool {
        let seen = self.depth.checked_sub(1).and_then(|top| self.seen.get_mut(top));
        if let (Some(key), Some(seen)) = (key, seen) {
            if let Some(first) = seen.insert(key.clone(), offset) {
                self.found.push(Duplicate { pointer: pointer.to_owned(), first, second: offset });
            }
        }
        true
    }

    fn open(&mut self) {
        match self.seen.get_mut(self.depth) {
            Some(seen) => seen.clear(),
            None => self.seen.push(HashMap::new()),
        }
        self.depth += 1;
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        // `clear` costs the capacity, so a huge mapping (all schemas) would tax every small one
        // reusing its slot afterwards.
        if let Some(seen) = self.seen.get_mut(self.depth) {
            if seen.capacity() > 64 {
                *seen = HashMap::new();
            }
        }
    }
}

fn scan<'a>(text: &'a str, format: Format, visitor: &mut impl Visitor<'a>) {
    let start = bom_len(text);
    match format {
        Format::Json => Json::new(text, start, visitor).run(),
        Format::Yaml => Yaml::new(text, visitor).run(start),
    }
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// UTF-8 continuation bytes don't start a character; columns count characters.
fn is_char_start(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

/// Converts byte offsets to locations with one forward sweep over the text, whatever their order.
fn locations_of(text: &str, offsets: &[usize]) -> Vec<Location> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut locations = vec![Location { line: 1, column: 1 }; offsets.len()];
    let bytes = text.as_bytes();
    let mut pos = bom_len(text);
    let (mut line, mut column) = (1u32, 1u32);
    for i in order {
        let target = offsets[i].min(bytes.len());
        let segment = bytes.get(pos..target).unwrap_or_default();
        // Whole-segment counts vectorize; a branch per byte is several times slower on 10 MB.
        let same_line = match segment.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                let breaks = segment.iter().filter(|&&b| b == b'\n').count();
                line = line.saturating_add(u32::try_from(breaks).unwrap_or(u32::MAX));
                column = 1;
                segment.get(last + 1..).unwrap_or_default()
            }
            None => segment,
        };
        let chars = same_line.iter().filter(|&&b| is_char_start(b)).count();
        column = column.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        pos = pos.max(target);
        locations[i] = Location { line, column };
    }
    locations
}

use crate::json::push_token_to as push_token;

fn push_index(pointer: &mut String, index: usize) {
    // Writing to a String cannot fail.
    let _ = write!(pointer, "/{index}");
}

// ---------------------------------------------------------------------------------------------
// JSON

/// Deeper containers are skipped as leaves, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 256;

/// A byte-level JSON scanner; tolerant of malformed input, which it reads as best it can.
struct Json<'a, 'v, V> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    pointer: String,
    visitor: &'v mut V,
}

impl<'a, 'v, V: Visitor<'a>> Json<'a, 'v, V> {
    fn new(text: &'a str, pos: usize, visitor: &'v mut V) -> Self {
        Json { text, bytes: text.as_bytes(), pos, pointer: String::new(), visitor }
    }

    fn run(&mut self) {
        self.skip_whitespace();
        if self.pos < self.bytes.len() && self.visitor.enter("", None, self.pos) {
            self.value(0);
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Reads the value at `pos`, reporting the members of containers.
    fn value(&mut self, depth: usize) {
        match self.peek() {
            Some(b'{') if depth < MAX_DEPTH => self.object(depth),
            Some(b'[') if depth < MAX_DEPTH => self.array(depth),
            _ => self.skip_value(),
        }
    }

    fn object(&mut self, depth: usize) {
        self.pos += 1;
        self.visitor.open();
        let base = self.pointer.len();
        while let Some(start) = self.next_member() {
            let key = self.key();
            self.skip_whitespace();
            if self.peek() == Some(b':') {
                self.pos += 1;
                self.skip_whitespace();
            }
            push_token(&mut self.pointer, &key);
            self.member(depth, Some(&key), start);
            self.pointer.truncate(base);
        }
        self.visitor.close();
    }

    fn array(&mut self, depth: usize) {
        self.pos += 1;
        self.visitor.open();
        let base = self.pointer.len();
        let mut index = 0;
        while let Some(start) = self.next_member() {
            push_index(&mut self.pointer, index);
            self.member(depth, None, start);
            self.pointer.truncate(base);
            index += 1;
        }
        self.visitor.close();
    }

    /// Moves to the next member of the open container; `None` at its end (consumed) or at EOF.
    fn next_member(&mut self) -> Option<usize> {
        loop {
            self.skip_whitespace();
            match self.peek()? {
                // Either bracket ends the container: with mismatched ones, that is the best guess.
                b'}' | b']' => {
                    self.pos += 1;
                    return None;
                }
                b',' => self.pos += 1,
                _ => return Some(self.pos),
            }
        }
    }

    /// Reports the member starting at `start` (its key or, in arrays, its value) and reads its value.
    fn member(&mut self, depth: usize, key: Option<&Cow<'a, str>>, start: usize) {
        if self.visitor.enter(&self.pointer, key, start) {
            self.value(depth + 1);
        } else {
            self.skip_value();
        }
        if self.pos == start {
            // Only a stray `:` gets here; stepping over it guarantees progress on garbage.
            self.pos += 1;
        }
    }

    /// Reads an object key at `pos`. Not JSON but cheap to tolerate: a bare word up to the colon.
    fn key(&mut self) -> Cow<'a, str> {
        let text = self.text;
        if self.peek() == Some(b'"') {
            let start = self.pos + 1;
            let (end, escaped) = self.skip_string();
            let raw = text.get(start..end).unwrap_or_default();
            return if escaped { Cow::Owned(unescape(raw)) } else { Cow::Borrowed(raw) };
        }
        let start = self.pos;
        while let Some(b) = self.peek() {
            if matches!(b, b':' | b',' | b'{' | b'}' | b'[' | b']' | b'"' | b'\n') {
                break;
            }
            self.pos += 1;
        }
        Cow::Borrowed(text.get(start..self.pos).unwrap_or_default().trim())
    }

    /// Skips the string whose opening quote is at `pos`; returns where its content ends and
    /// whether it holds escapes. An unterminated string runs to the end of the text.
    fn skip_string(&mut self) -> (usize, bool) {
        let mut escaped = false;
        let mut i = self.pos + 1;
        while let Some(n) = self.bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'"' || b == b'\\')) {
            i += n;
            if self.bytes.get(i) == Some(&b'"') {
                self.pos = i + 1;
                return (i, escaped);
            }
            escaped = true;
            i += 2;
        }
        self.pos = self.bytes.len();
        (self.bytes.len(), escaped)
    }

    /// Skips the value at `pos` without reporting anything inside it; stops before the `,`, `}`
    /// or `]` that follows it.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.skip_string();
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' if depth == 0 => return,
                b'}' | b']' => {
                    depth -= 1;
                    self.pos += 1;
                }
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return,
                _ => self.pos += 1,
            }
            if depth == 0 && matches!(b, b'"' | b'}' | b']') {
                return;
            }
        }
    }
}

/// Decodes the backslash escapes of a JSON string or a YAML double-quoted scalar (YAML's are a
/// superset of JSON's). Invalid escapes decode to U+FFFD or to the escaped character itself.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(escape) = chars.next() else { break };
        out.push(match escape {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            '0' => '\0',
            'a' => '\u{7}',
            'v' => '\u{b}',
            'e' => '\u{1b}',
            'N' => '\u{85}',
            '_' => '\u{a0}',
            'L' => '\u{2028}',
            'P' => '\u{2029}',
            'x' => hex_char(&mut chars, 2),
            'U' => hex_char(&mut chars, 8),
            'u' => utf16_char(&mut chars),
            // `\"`, `\\`, `\/`, an escaped space or tab, and unknown escapes.
            other => other,
        });
    }
    out
}

/// Reads up to `digits` hex digits; `None` if fewer are there (those present are consumed).
fn hex_digits(chars: &mut Chars<'_>, digits: usize) -> Option<u32> {
    let mut value = 0u32;
    for _ in 0..digits {
        let digit = chars.clone().next()?.to_digit(16)?;
        chars.next();
        value = value.wrapping_mul(16).wrapping_add(digit);
    }
    Some(value)
}

fn hex_char(chars: &mut Chars<'_>, digits: usize) -> char {
    hex_digits(chars, digits).and_then(char::from_u32).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// `\uXXXX`, joining a surrogate pair written as two escapes.
fn utf16_char(chars: &mut Chars<'_>) -> char {
    let Some(high) = hex_digits(chars, 4) else { return char::REPLACEMENT_CHARACTER };
    if (0xD800..0xDC00).contains(&high) {
        let mut ahead = chars.clone();
        if ahead.next() == Some('\\') && ahead.next() == Some('u') {
            if let Some(low) = hex_digits(&mut ahead, 4).filter(|low| (0xDC00..0xE000).contains(low)) {
                *chars = ahead;
                let joined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return char::from_u32(joined).unwrap_or(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER)
}

// ---------------------------------------------------------------------------------------------
// YAML

/// A block-style YAML scanner working line by line on indentation: enough for OpenAPI documents
/// as tools and people write them. Flow collections (`{…}`, `[…]`) are leaves.
struct Yaml<'a, 'v, V> {
    text: &'a str,
    pointer: String,
    /// Open block collections, outermost first.
    frames: Vec<Frame>,
    visitor: &'v mut V,
    /// How the lines after a node's first line still belong to it.
    pending: Pending,
    /// Column of a node whose descendants the visitor does not want: deeper lines are skipped.
    prune: Option<usize>,
    started: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Map,
    Seq,
}

struct Frame {
    /// Column of the collection's keys or `-` indicators.
    indent: usize,
    kind: Kind,
    /// Length of the pointer of the node holding the collection.
    base: usize,
    next_index: usize,
}

enum Pending {
    None,
    /// Lines indented deeper than this column continue the last scalar: block scalars (`|`, `>`)
    /// and plain scalars folded over several lines.
    Deeper(usize),
    /// A quoted scalar or flow collection still open at the end of its line.
    Flow(FlowState),
}

struct FlowState {
    depth: usize,
    quote: Option<u8>,
    /// Column of the node holding it, for the `Deeper` that follows once it is closed.
    owner: usize,
}

impl FlowState {
    /// Follows quotes and brackets through one more line; true once the node is closed.
    fn feed(&mut self, line: &str) -> bool {
        let bytes = line.as_bytes();
        // A line break separates tokens just like a space.
        let mut prev = b' ';
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match self.quote {
                Some(b'"') if b == b'\\' => i += 1,
                Some(b'\'') if b == b'\'' && bytes.get(i) == Some(&b'\'') => i += 1,
                Some(quote) if b == quote => {
                    self.quote = None;
                    if self.depth == 0 {
                        return true;
                    }
                }
                Some(_) => {}
                None => match b {
                    // Inside a plain scalar (`don't`) a quote is just a character.
                    b'"' | b'\'' if matches!(prev, b' ' | b'\t' | b'[' | b'{' | b',' | b':') => self.quote = Some(b),
                    b'[' | b'{' => self.depth += 1,
                    b']' | b'}' => {
                        self.depth = self.depth.saturating_sub(1);
                        if self.depth == 0 {
                            return true;
                        }
                    }
                    b'#' if matches!(prev, b' ' | b'\t') => return false,
                    _ => {}
                },
            }
            prev = b;
        }
        false
    }
}

impl<'a, 'v, V: Visitor<'a>> Yaml<'a, 'v, V> {
    fn new(text: &'a str, visitor: &'v mut V) -> Self {
        Yaml {
            text,
            pointer: String::new(),
            frames: Vec::new(),
            visitor,
            pending: Pending::None,
            prune: None,
            started: false,
        }
    }

    fn run(&mut self, start: usize) {
        let mut offset = start;
        for raw in self.text.get(start..).unwrap_or_default().split('\n') {
            let line_start = offset;
            offset += raw.len() + 1;
            if !self.line(line_start, raw.strip_suffix('\r').unwrap_or(raw)) {
                break;
            }
        }
        while !self.frames.is_empty() {
            self.pop_frame();
        }
    }

    /// Handles one line starting at byte `start`; false once the rest of the text is not wanted.
    fn line(&mut self, start: usize, line: &'a str) -> bool {
        if let Pending::Flow(state) = &mut self.pending {
            let owner = state.owner;
            if state.feed(line) {
                self.pending = Pending::Deeper(owner);
            }
            return true;
        }
        let content = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            return true;
        }
        if let Pending::Deeper(owner) = self.pending {
            if indent > owner {
                return true;
            }
            self.pending = Pending::None;
        }
        if let Some(column) = self.prune {
            if indent > column {
                return true;
            }
            self.prune = None;
        }
        if indent == 0 && (is_marker(content, "---") || is_marker(content, "...")) {
            // Only the first document is loaded.
            return !self.started;
        }
        if !self.started {
            if indent == 0 && content.starts_with('%') {
                return true; // a directive
            }
            self.started = true;
            let offset = start + indent;
            if !self.visitor.enter("", None, offset) {
                return false;
            }
            if content.starts_with(['{', '[']) {
                // JSON (or flow YAML) saved as .yaml.
                Json::new(self.text, offset, &mut *self.visitor).value(0);
                return false;
            }
        }
        self.nodes(start + indent, indent, content);
        true
    }

    /// Reads the nodes starting on one line: `- ` entries, possibly nested, then a key or a scalar.
    fn nodes(&mut self, mut offset: usize, mut column: usize, mut rest: &'a str) {
        while let Some(after) = sequence_dash(rest) {
            let item = after.trim_start_matches([' ', '\t']);
            let width = rest.len() - item.len();
            let item_start = if is_empty_value(item) { offset } else { offset + width };
            self.sequence_entry(column, item_start);
            offset += width;
            column += width;
            rest = item;
        }
        // Anchors and tags in front of a node don't change where it sits.
        let (width, node) = split_properties(rest);
        offset += width;
        column += width;
        if is_empty_value(node) {
            return; // the node follows on the next lines
        }
        if let Some((key, value)) = mapping_key(node) {
            self.mapping_key(column, key, offset);
            self.pending = continuation(value, column);
        } else {
            let owner = self.scalar_owner(column);
            self.pending = continuation(node, owner);
        }
    }

    fn sequence_entry(&mut self, column: usize, offset: usize) {
        self.close_deeper(column);
        if !self.top_is(column, Kind::Seq) {
            self.open_frame(column, Kind::Seq);
        }
        let Some(frame) = self.frames.last_mut() else { return };
        let index = frame.next_index;
        frame.next_index += 1;
        self.pointer.truncate(frame.base);
        push_index(&mut self.pointer, index);
        self.enter(None, offset, column);
    }

    fn mapping_key(&mut self, column: usize, key: Cow<'a, str>, offset: usize) {
        self.close_deeper(column);
        // `key:` with its `- ` entries at the key's own column: the next key there ends the list.
        if self.top_is(column, Kind::Seq) {
            self.pop_frame();
        }
        if !self.top_is(column, Kind::Map) {
            self.open_frame(column, Kind::Map);
        }
        let base = self.frames.last().map_or(0, |frame| frame.base);
        self.pointer.truncate(base);
        push_token(&mut self.pointer, &key);
        self.enter(Some(&key), offset, column);
    }

    fn enter(&mut self, key: Option<&Cow<'a, str>>, offset: usize, column: usize) {
        // The first unwanted node on a line is the outermost one: it decides what to skip.
        if !self.visitor.enter(&self.pointer, key, offset) && self.prune.is_none() {
            self.prune = Some(column);
        }
    }

    /// Column of the node a scalar starting at `column` belongs to: lines deeper than it continue the scalar.
    fn scalar_owner(&mut self, column: usize) -> usize {
        self.close_deeper(column);
        match self.frames.last() {
            Some(frame) if frame.indent < column => frame.indent,
            _ => column.saturating_sub(1),
        }
    }

    fn top_is(&self, indent: usize, kind: Kind) -> bool {
        self.frames.last().is_some_and(|frame| frame.indent == indent && frame.kind == kind)
    }

    fn open_frame(&mut self, indent: usize, kind: Kind) {
        self.frames.push(Frame { indent, kind, base: self.pointer.len(), next_index: 0 });
        self.visitor.open();
    }

    fn pop_frame(&mut self) {
        if let Some(frame) = self.frames.pop() {
            self.pointer.truncate(frame.base);
            self.visitor.close();
        }
    }

    /// A line at `column` ends every collection indented deeper.
    fn close_deeper(&mut self, column: usize) {
        while self.frames.last().is_some_and(|frame| frame.indent > column) {
            self.pop_frame();
        }
    }
}

/// `---` or `...` alone or followed by a space: a document boundary.
fn is_marker(content: &str, marker: &str) -> bool {
    content.strip_prefix(marker).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

fn is_empty_value(text: &str) -> bool {
    text.is_empty() || text.starts_with('#')
}

/// The text after a block sequence's `-` indicator, if `text` starts with one.
fn sequence_dash(text: &str) -> Option<&str> {
    let after = text.strip_prefix('-')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(after)
}

/// Skips anchors (`&a`) and tags (`!t`) in front of a node: returns their width and what follows.
fn split_properties(text: &str) -> (usize, &str) {
    let mut rest = text;
    while rest.starts_with(['&', '!']) {
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        rest = rest.get(end..).unwrap_or_default().trim_start_matches([' ', '\t']);
    }
    (text.len() - rest.len(), rest)
}

/// Splits `key: value` into the key (unquoted, unescaped) and the text after the colon.
fn mapping_key(text: &str) -> Option<(Cow<'_, str>, &str)> {
    match *text.as_bytes().first()? {
        quote @ (b'"' | b'\'') => {
            let (raw, after, escaped) = quoted(text, quote)?;
            let value = after.trim_start_matches([' ', '\t']).strip_prefix(':')?;
            let key = match (escaped, quote) {
                (false, _) => Cow::Borrowed(raw),
                (true, b'"') => Cow::Owned(unescape(raw)),
                (true, _) => Cow::Owned(raw.replace("''", "'")),
            };
            Some((key, value))
        }
        // Flow collections, block scalar headers, aliases, explicit `?` keys and reserved
        // indicators: values here, or too rare in OpenAPI documents to matter.
        b'[' | b'{' | b'|' | b'>' | b'*' | b'?' | b'#' | b'@' | b'`' | b'%' => None,
        _ => plain_key(text),
    }
}

/// A plain key ends at the first `: ` (or `:` at the end of the line), unless a comment starts first.
fn plain_key(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let bytes = text.as_bytes();
    let mut prev = b' ';
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                let key = text.get(..i)?.trim_end_matches([' ', '\t']);
                return (!key.is_empty()).then(|| (Cow::Borrowed(key), text.get(i + 1..).unwrap_or_default()));
            }
            b'#' if matches!(prev, b' ' | b'\t') => return None,
            _ => prev = b,
        }
    }
    None
}

/// Finds the end of the quoted scalar opening `text`: its raw content, the text after the
/// closing quote, and whether the content holds escapes. `None` if it doesn't close on this line.
fn quoted(text: &str, quote: u8) -> Option<(&str, &str, bool)> {
    let bytes = text.as_bytes();
    let mut escaped = false;
    let mut i = 1;
    while let Some(&b) = bytes.get(i) {
        let doubled = quote == b'\'' && bytes.get(i + 1) == Some(&b'\'');
        if (quote == b'"' && b == b'\\') || (b == quote && doubled) {
            escaped = true;
            i += 2;
        } else if b == quote {
            return Some((text.get(1..i)?, text.get(i + 1..)?, escaped));
        } else {
            i += 1;
        }
    }
    None
}

/// How the lines after a node's first line belong to it, judged from the text after its key or
/// `- ` (`value`); `owner` is the column of that key or dash.
fn continuation(value: &str, owner: usize) -> Pending {
    let (_, value) = split_properties(value.trim_start_matches([' ', '\t']));
    match value.as_bytes().first() {
        // Nothing yet: a nested collection (or nothing, a null) follows on the next lines.
        None | Some(b'#') => Pending::None,
        Some(b'"' | b'\'' | b'[' | b'{') => {
            let mut state = FlowState { depth: 0, quote: None, owner };
            if state.feed(value) {
                Pending::Deeper(owner)
            } else {
                Pending::Flow(state)
            }
        }
        // Block scalar headers, plain scalars and aliases: deeper lines are their content.
        Some(_) => Pending::Deeper(owner),
    }
}
