//! GitHub's REST description (in `../shared/corpus/large`): its list operations document `Link`
//! and rate-limit headers, so the client reads them typed and streams pages. Without
//! `../shared/corpus` the test says what it skips (and fails under `SMELT_REQUIRE_CORPUS=1`).

const SPEC: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/large/github-api.github.com-octokit-23.0.2.json");

#[test]
fn github_lists_stream_their_pages_and_read_their_headers() {
    let path = std::path::Path::new(SPEC);
    if !path.exists() {
        assert!(
            std::env::var_os("SMELT_REQUIRE_CORPUS").is_none(),
            "{SPEC} is missing and SMELT_REQUIRE_CORPUS is set"
        );
        eprintln!("SKIPPED github_lists_stream_their_pages_and_read_their_headers: {SPEC} is missing");
        return;
    }
    let generated = smelt::generate_crate(path, "github").unwrap_or_else(|e| panic!("{e}"));
    let client = &generated.files.iter().find(|f| f.path.ends_with("client.rs")).expect("a client").contents;
    for expected in [
        "pub fn repos_list_for_org_stream<'a>(",
        "pub struct ReposListForOrgHeaders {\n    /// `Link`\n    pub link: Option<String>,",
        "pub x_rate_limit_remaining: Option<i64>,",
    ] {
        assert!(client.contains(expected), "the GitHub client has no `{expected}`");
    }
    let cargo = &generated.files.iter().find(|f| f.path.ends_with("Cargo.toml")).expect("a manifest").contents;
    assert!(cargo.contains("\nfutures = "), "streams need futures: {cargo}");
}
