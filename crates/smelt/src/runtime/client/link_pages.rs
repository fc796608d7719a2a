// Part of the generated client module where an operation's pages link to each other (`Link`
// headers): a stream of the items of every page. Needs `futures`.

/// The most pages a stream reads: a server whose `next` links never end cannot make it run forever.
const MAX_PAGES: usize = 1000;

/// The items of `first` and of every page after it, following each page's RFC 8288
/// `Link: <…>; rel="next"` with `next` until a page has none, a link repeats, or `MAX_PAGES`
/// pages were read. An error ends the stream after it is yielded.
fn link_pages<'a, T, H, E, First, Next, NextFuture>(
    first: First,
    next: Next,
) -> impl ::futures::Stream<Item = Result<T, Error<E>>> + 'a
where
    T: 'a,
    H: 'a,
    E: 'a,
    First: ::std::future::Future<Output = Result<Response<Vec<T>, H>, Error<E>>> + 'a,
    Next: Fn(::reqwest::Url) -> NextFuture + Clone + 'a,
    NextFuture: ::std::future::Future<Output = Result<Response<Vec<T>, H>, Error<E>>> + 'a,
{
    use ::futures::TryStreamExt;
    enum Step<F> {
        First(F),
        Next(::reqwest::Url),
    }
    let start = (Some(Step::First(first)), ::std::collections::BTreeSet::new(), 0_usize);
    ::futures::stream::try_unfold(start, move |(step, mut seen, pages)| {
        let next = next.clone();
        async move {
            let page = match step {
                None => return Ok(None),
                Some(Step::First(first)) => first.await?,
                Some(Step::Next(url)) => next(url).await?,
            };
            let pages = pages + 1;
            // A page's own URL counts as followed: a page linking to itself ends the stream.
            seen.insert(page.url().as_str().to_owned());
            let following =
                next_link(&page).filter(|url| pages < MAX_PAGES && seen.insert(url.as_str().to_owned()));
            Ok(Some((page.into_body(), (following.map(Step::Next), seen, pages))))
        }
    })
    .map_ok(|items| ::futures::stream::iter(items.into_iter().map(Ok)))
    .try_flatten()
}

/// The `rel="next"` target of a page's `Link` headers (RFC 8288), resolved against the page's URL.
fn next_link<T, H>(page: &Response<T, H>) -> Option<::reqwest::Url> {
    let values = page.headers().get_all(::reqwest::header::LINK);
    for value in values.iter().filter_map(|v| v.to_str().ok()) {
        let mut rest = value;
        while let Some(open) = rest.find('<') {
            let Some(close) = rest[open..].find('>') else { break };
            let target = &rest[open + 1..open + close];
            let params_end = rest[open + close..].find(",").map_or(rest.len(), |i| open + close + i);
            let params = &rest[open + close + 1..params_end];
            let is_next = params.split(';').any(|p| {
                let (key, value) = p.split_once('=').unwrap_or((p, ""));
                key.trim().eq_ignore_ascii_case("rel")
                    && value.trim().trim_matches('"').split_whitespace().any(|r| r.eq_ignore_ascii_case("next"))
            });
            if is_next {
                return page.url().join(target).ok();
            }
            rest = &rest[params_end..];
        }
    }
    None
}
