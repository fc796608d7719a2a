//! Descriptions as rustdoc text. Specs write Markdown for other renderers (Swagger UI, Redoc):
//! bare URLs, `[text]` that rustdoc would read as a broken intra-doc link, tabs, list items whose
//! continuation lines are not indented, carriage returns, code that would run as a doctest. Each
//! becomes what rustdoc and clippy read without a warning and renders as the author meant.

use std::collections::BTreeSet;

/// The lines of `text` as rustdoc lines (without the leading space `///` adds).
pub fn lines(text: &str) -> Vec<String> {
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}'], "\n")
        .replace('\t', "    ");
    let mut out = Vec::new();
    let labels = labels(&text);
    let mut in_fence = false;
    // The list items the current line may belong to, outermost first.
    let mut items: Vec<Item> = Vec::new();
    // Whether the previous line was part of a block quote.
    let mut quoted = false;
    let mut after_blank = false;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            out.push(if in_fence { "```text".to_owned() } else { "```".to_owned() });
            items.clear();
            quoted = false;
            continue;
        }
        if in_fence {
            out.push(line.trim_end().to_owned());
            continue;
        }
        if trimmed.is_empty() {
            out.push(String::new());
            after_blank = true;
            quoted = false;
            continue;
        }
        if is_definition(trimmed) {
            // A definition cannot interrupt a paragraph (CommonMark): one written right under its
            // text would be read as text, and its label as an unresolved link.
            if out.last().is_some_and(|l: &String| !l.is_empty() && !is_definition(l)) {
                out.push(String::new());
            }
            out.push(trimmed.trim_end().to_owned());
            items.clear();
            quoted = false;
            continue;
        }
        let raw = line.len() - trimmed.len();
        let mut marker = list_marker(trimmed);
        // An ordered item that would start a new list inside paragraph text must start at 1, or it
        // is that paragraph's text (CommonMark 5.2): `  1. a\n      2. b` is one item, not two levels.
        let starts_list = items.last().is_none_or(|item| raw > item.raw);
        let in_paragraph = !after_blank && out.last().is_some_and(|l: &String| !l.is_empty());
        if marker.is_some() && starts_list && in_paragraph && ordered_start(trimmed).is_some_and(|n| n != 1) {
            marker = None;
        }
        if std::mem::take(&mut after_blank) && marker.is_none() {
            // After a blank line, text stays in the items whose content column it reaches.
            while items.last().is_some_and(|item| raw < item.raw + item.content - item.indent) {
                items.pop();
            }
        }
        if quoted && !trimmed.starts_with('>') {
            if marker.is_none() {
                // A lazy continuation of the quote: the `>` Markdown implies, written out.
                out.push(format!("> {}", inline(trimmed.trim_end(), &labels)));
                continue;
            }
            // A list item ends the quote; the blank line says so.
            out.push(String::new());
        }
        quoted = trimmed.starts_with('>');
        let indent = match marker {
            Some(width) => {
                // Items less indented than the innermost close it; more indented ones nest in it.
                while items.last().is_some_and(|item| raw < item.raw) {
                    items.pop();
                }
                let own = match items.last() {
                    Some(item) if raw == item.raw => {
                        let own = item.indent;
                        items.pop();
                        own
                    }
                    Some(item) => item.content,
                    // At most 3: four spaces would start an indented code block.
                    None => raw.min(3),
                };
                items.push(Item { raw, indent: own, content: own + width });
                own
            }
            // Continuation lines of an item: exactly at its content column.
            None => match items.last() {
                Some(item) => item.content,
                // Four spaces would start an indented code block, which rustdoc runs as a doctest.
                None => raw.min(3),
            },
        };
        // Markup dropped at the start (`<br> text`) leaves the space after it, which would push the
        // text past its column (clippy: overindented list item).
        out.push(format!("{}{}", " ".repeat(indent), inline(trimmed.trim_end(), &labels).trim_start()));
    }
    if in_fence {
        out.push("```".to_owned());
    }
    // HTML that was only markup (`<p></p>`) leaves blank lines: none at the ends, so that a text
    // of nothing but markup gives no doc comment at all (clippy: empty doc comment).
    for line in &mut out {
        line.truncate(line.trim_end().len());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let leading = out.iter().take_while(|l| l.is_empty()).count();
    out.drain(..leading);
    out
}

/// A list item: its indentation as written, as emitted, and the column its text starts at.
struct Item {
    raw: usize,
    indent: usize,
    content: usize,
}

/// The width of a list marker and the spaces after it (`- `, `* `, `+ `, `12. `, `3) `, `1.  `): the
/// column the item's text starts at. Five or more spaces start indented code inside the item, so
/// its text starts one space after the marker (CommonMark).
fn list_marker(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = if matches!(bytes.first(), Some(b'-' | b'*' | b'+')) {
        1
    } else {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
            return None;
        }
        digits + 1
    };
    let spaces = bytes[marker..].iter().take_while(|&&b| b == b' ').count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// The number of an ordered list marker (`2.`, `3)`), `None` for a bullet.
fn ordered_start(line: &str) -> Option<u64> {
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Inline fixes outside code spans: bare URLs in `<…>`, lone `[text]` escaped.
fn inline(line: &str, labels: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`') {
            // A code span runs to the next backtick. An unmatched one opens or closes a span that
            // crosses a line break; what follows it is still read, or a link or URL after it would
            // reach rustdoc bare (GitHub: a link text of two lines, `` [`amazing\n language`](u) ``).
            match after.find('`') {
                Some(end) => {
                    out.push_str(&rest[..end + 2]);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('`');
                    rest = after;
                }
            }
            continue;
        }
        if rest.starts_with('<') {
            // An autolink and a line break are kept as written; the HTML that AWS and others write
            // (`<a href>`, `<code>`, `<i>`, `<b>`, `<p>`) becomes its Markdown; any other `<` is
            // text (rustdoc would warn of an unclosed `<b>` or of `<string>` as an unknown tag).
            match rest.find('>').map(|end| (end, &rest[1..end])) {
                Some((end, inner)) if is_autolink(inner) => {
                    out.push_str(&rest[..=end]);
                    rest = &rest[end + 1..];
                }
                Some((end, inner)) if matches!(inner.trim(), "br" | "br/" | "br /" | "hr" | "hr/") => {
                    // At the start of a block, `<hr>` (and `<br>` alone) would open an HTML block,
                    // in which the escapes that follow are raw HTML (api2cart: `\</br>` read as an
                    // unopened tag). There it only separates, so it goes.
                    if !at_block_start(&out) {
                        out.push_str(&rest[..=end]);
                    }
                    rest = &rest[end + 1..];
                }
                Some((end, inner)) => match html(inner, &rest[end + 1..], labels) {
                    Some((markdown, consumed)) => {
                        out.push_str(&markdown);
                        rest = &rest[end + 1 + consumed..];
                    }
                    None => {
                        // A backslash before it is text too, or `\<` would read as an escaped backslash.
                        out.push_str(if out.ends_with('\\') { "\\\\<" } else { "\\<" });
                        rest = &rest[1..];
                    }
                },
                None => {
                    out.push_str(if out.ends_with('\\') { "\\\\<" } else { "\\<" });
                    rest = &rest[1..];
                }
            }
            continue;
        }
        if rest.starts_with('[') {
            let (consumed, text) = bracket(rest, labels);
            out.push_str(&text);
            rest = &rest[consumed..];
            continue;
        }
        if let Some(len) = bare_url(rest, &out) {
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether nothing but a quote or list marker precedes on this line.
fn at_block_start(out: &str) -> bool {
    let start = out.trim_start_matches(['>', ' ']);
    start.is_empty() || list_marker(start) == Some(start.len())
}

/// The Markdown for the HTML tag `<tag>` followed by `after`, and how much of `after` it takes:
/// `<a href="u">t</a>` as `[t](u)`, `<code>x</code>` as `` `x` ``, emphasis as `*` and `**`,
/// paragraph tags as nothing. `None` for any other tag, which stays text.
fn html(tag: &str, after: &str, labels: &BTreeSet<String>) -> Option<(String, usize)> {
    let name = tag.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
    let closing = |name: &str| {
        let close = format!("</{name}>");
        after.to_ascii_lowercase().find(&close).map(|at| (&after[..at], at + close.len()))
    };
    match name.as_str() {
        "i" | "/i" | "em" | "/em" => Some(("*".to_owned(), 0)),
        "b" | "/b" | "strong" | "/strong" => Some(("**".to_owned(), 0)),
        "p" | "/p" | "p/" => Some((if name == "/p" { " " } else { "" }.to_owned(), 0)),
        "code" => {
            let (inner, consumed) = closing("code")?;
            (!inner.contains('`') && !inner.contains('<')).then(|| (format!("`{inner}`"), consumed))
        }
        "a" => {
            let href = tag.split_once("href=")?.1;
            let quote = href.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            let url = href[1..].split(quote).next()?;
            let (text, consumed) = closing("a")?;
            let usable = !url.is_empty() && !url.contains(char::is_whitespace) && !url.contains(['(', ')', '<', '>']);
            let text = inline(text.trim(), labels);
            usable.then(|| (if text.is_empty() { format!("<{url}>") } else { format!("[{text}]({url})") }, consumed))
        }
        _ => None,
    }
}

fn is_autolink(inner: &str) -> bool {
    let scheme = inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:");
    let email = inner.contains('@') && !inner.contains(char::is_whitespace);
    (scheme || email) && !inner.contains(char::is_whitespace)
}

/// A `[…]` at the start of `rest`: an inline link (`[t](u)`), a reference link whose label the text
/// defines (`[t][r]`, `[r]`) stay; anything else is escaped, since
/// rustdoc would try to resolve it as an item path (and warn when it names none).
fn bracket(rest: &str, labels: &BTreeSet<String>) -> (usize, String) {
    let Some(close) = rest.find(']') else { return (1, "\\[".to_owned()) };
    let inner = &rest[1..close];
    let after = &rest[close + 1..];
    let escaped =
        |consumed: usize| (consumed, format!("\\[{}\\]{}", inline(inner, labels), &rest[close + 1..consumed]));
    if inner.contains('[') {
        return escaped(close + 1);
    }
    if after.starts_with('(') {
        if let Some(end) = after.find(')') {
            let end = close + 1 + end + 1;
            return (end, format!("[{}]{}", inline(inner, labels), &rest[close + 1..end]));
        }
    }
    if let Some(reference) = after.strip_prefix('[') {
        if let Some(end) = reference.find(']') {
            let label = if end == 0 { inner } else { &reference[..end] };
            let consumed = close + 1 + end + 2;
            if labels.contains(&label.to_lowercase()) {
                return (consumed, format!("[{}]{}", inline(inner, labels), &rest[close + 1..consumed]));
            }
            // The reference part is escaped too, or rustdoc would read `[r]` as a link of its own.
            return (consumed, format!("\\[{}\\]\\[{}\\]", inline(inner, labels), inline(&reference[..end], labels)));
        }
    }
    // A definition (`[r]: u`) is a line of its own and never reaches here: `Tags[<i>N</i>]:` is text.
    if labels.contains(&inner.to_lowercase()) {
        return (close + 1, format!("[{}]", inline(inner, labels)));
    }
    escaped(close + 1)
}

/// Whether `line` is a reference definition, `[label]: url`.
fn is_definition(line: &str) -> bool {
    line.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .is_some_and(|(label, after)| !label.is_empty() && !label.contains('[') && after.starts_with(':'))
}

/// The labels that reference definitions (`[label]: url` on a line of their own) define, lowercased
/// (labels match case-insensitively).
fn labels(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim_start)
        .filter(|line| is_definition(line))
        .filter_map(|line| Some(line[1..].split_once(']')?.0.to_lowercase()))
        .collect()
}

/// The length of a bare `http(s)://` URL at the start of `rest`, unless it is already part of a
/// word (`xhttp://`). Trailing sentence punctuation is not part of it.
fn bare_url(rest: &str, before: &str) -> Option<usize> {
    if !(rest.starts_with("http://") || rest.starts_with("https://")) {
        return None;
    }
    // Links smelt keeps (`[t](u)`, `<u>`) are copied whole and never reach here, so a URL after
    // `(`, a quote or `=` is text (`(http://x)`, an escaped `<img src="http://x">`) and is linked.
    if before.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '/') {
        return None;
    }
    // `|` too: in a table it ends the cell (Zuora: `| https://rest.apisandbox.zuora.com|`).
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']' | '|'))
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '*', '_']);
    (url.len() > "https://".len()).then_some(url.len())
}

#[cfg(test)]
mod tests {
    use super::lines;

    fn one(text: &str) -> String {
        lines(text).join("\n")
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(one("See https://example.com/a?b=1."), "See <https://example.com/a?b=1>.");
        assert_eq!(one("(http://x.io/y)"), "(<http://x.io/y>)");
        // Google: a space between link text and target; NBG: link text begun on the line before.
        assert_eq!(one("The [field mask] (https://x.io/m) of"), "The \\[field mask\\] (<https://x.io/m>) of");
        assert_eq!(one("v3.1.5](https://x.io/p)"), "v3.1.5](<https://x.io/p>)");
        assert_eq!(one("<https://x.io> and [x](https://x.io)"), "<https://x.io> and [x](https://x.io)");
        assert_eq!(one("`https://x.io` stays code"), "`https://x.io` stays code");
        assert_eq!(one("url: https://x.io/a_b, then"), "url: <https://x.io/a_b>, then");
        assert_eq!(one("|Sandbox | https://x.io|"), "|Sandbox | <https://x.io>|");
        assert_eq!(
            one("for [`amazing\n language:go`](https://x.io/s?q=a) is"),
            "for \\[`amazing\n language:go`](<https://x.io/s?q=a>) is"
        );
    }

    #[test]
    fn lone_brackets_are_escaped() {
        assert_eq!(one("values [a, b] or [c]"), "values \\[a, b\\] or \\[c\\]");
        assert_eq!(
            one("a [link](http://x) and [ref][1]\n\n[1]: http://y"),
            "a [link](http://x) and [ref][1]\n\n[1]: http://y"
        );
        // DocuSign: a reference to a label the text never defines would be an unresolved link.
        assert_eq!(one("[Create a lock][createLock] first"), "\\[Create a lock\\]\\[createLock\\] first");
        assert_eq!(
            one("see [Docs] and [x][]\n[docs]: http://d\n[X]: http://x"),
            "see [Docs] and [x][]\n\n[docs]: http://d\n[X]: http://x"
        );
        assert_eq!(one("[1]: http://x"), "[1]: http://x");
        // etmdb: a definition right under its paragraph gets the blank line it needs.
        assert_eq!(
            lines("listed [see here][ref].\n[ref]: https://x.io\n[b]: https://y.io"),
            ["listed [see here][ref].", "", "[ref]: https://x.io", "[b]: https://y.io"]
        );
        assert_eq!(one("`[code]` stays"), "`[code]` stays");
        assert_eq!(one("unclosed [ bracket"), "unclosed \\[ bracket");
        // AWS Service Catalog: a colon after the bracket mid-line is no definition.
        assert_eq!(one("in Tags[<i>N</i>]:<i>Value</i>"), "in Tags\\[*N*\\]:*Value*");
    }

    #[test]
    fn html_is_text_but_autolinks_and_breaks() {
        assert_eq!(
            one("a <b>bold</b> <br> <https://x.io> List<string>"),
            "a **bold** <br> <https://x.io> List\\<string>"
        );
        assert_eq!(one("x < y"), "x \\< y");
        // AWS: HTML as its Markdown, so that URLs in attributes are links, not bare text.
        assert_eq!(
            one("<p>See <a href=\"https://x.io/a\">Intro</a> in the <i>Guide</i>.</p> <code>escape</code> (<code>\\</code>)"),
            "See [Intro](https://x.io/a) in the *Guide*.  `escape` (`\\`)"
        );
        assert_eq!(one("a \\<b"), "a \\\\\\<b");
        // api2cart: a leading `<hr>` would make the rest of the paragraph an HTML block.
        assert_eq!(lines("text\n<hr>\n<div>a</br>"), ["text", "", "\\<div>a\\</br>"]);
        assert_eq!(one("> <br>quoted"), "> quoted");
        assert_eq!(one("<a href=\"https://x.io\"></a> <a name=x>y</a>"), "<https://x.io> \\<a name=x>y\\</a>");
    }

    #[test]
    fn whitespace_and_line_ends() {
        assert_eq!(lines("a\r\nb\rc\u{2028}d"), ["a", "b", "c", "d"]);
        assert_eq!(lines("\tindented\ttab\n\tsecond"), ["indented    tab", "   second"]);
        assert_eq!(lines("  \n text \n\n"), ["text"]);
        assert!(lines("<p></p>").is_empty());
    }

    #[test]
    fn list_continuations_are_indented() {
        assert_eq!(
            lines("- item\nmore\n- next\n     over\n\nafter"),
            ["- item", "  more", "- next", "  over", "", "after"]
        );
        assert_eq!(lines("1. one\ncontinued"), ["1. one", "   continued"]);
        // Azure: an ordered `2.` under an item's text cannot start a list there; it is the item's text.
        assert_eq!(
            lines("  1. Secret - Url.\n            2. Key - Url.\n   It is possible."),
            ["1. Secret - Url.", "   2. Key - Url.", "   It is possible."]
        );
        assert_eq!(lines("1. a\n   1. b"), ["1. a", "   1. b"], "a nested list starting at 1 is one");
        // Zoom: a continuation that starts with a break, which is dropped with the space after it.
        assert_eq!(lines("* item\n<br> **Scope:** x"), ["* item", "  **Scope:** x"]);
        // DocuSign: two spaces after the marker put the item's text, and so its continuation, at 4.
        assert_eq!(lines("1.  one\n   continued"), ["1.  one", "    continued"]);
        assert_eq!(lines("* a\n  * b\n  c"), ["* a", "  * b", "    c"]);
        // Ragged nesting (Adyen): each deeper item nests one level, siblings line up.
        assert_eq!(
            lines("   * a\n        * b\n         * c\n         * d\n* e"),
            ["* a", "  * b", "    * c", "    * d", "* e"]
        );
    }

    #[test]
    fn paragraphs_after_blank_lines_stay_in_their_item() {
        // NBG: a paragraph inside a nested item, indented with tabs and spaces, then the next items.
        assert_eq!(
            lines("4. a\n\t  1. b\n\t\t  \n\t\t  more\n\t  2. c\n5. d\n\nafter"),
            ["4. a", "   1. b", "", "      more", "   2. c", "5. d", "", "after"]
        );
        assert_eq!(lines("- item\n\n  second paragraph\n\nout"), ["- item", "", "  second paragraph", "", "out"]);
    }

    #[test]
    fn quotes_carry_their_marker() {
        assert_eq!(lines("> note\nmore\n* item"), ["> note", "> more", "", "* item"]);
        assert_eq!(lines("> a\n> b\n\nc"), ["> a", "> b", "", "c"]);
    }

    #[test]
    fn code_never_runs() {
        assert_eq!(lines("```js\nlet a = 1;\n```"), ["```text", "let a = 1;", "```"]);
        assert_eq!(lines("```\nunclosed"), ["```text", "unclosed", "```"]);
        assert_eq!(lines("text\n        indented code"), ["text", "   indented code"]);
    }
}
