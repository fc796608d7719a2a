//! Limits no input can pass, so that a spec cannot make smelt take the machine down. Each is a
//! count of what the output or the work holds, never a time, so whether a spec passes does not
//! depend on how busy the machine is. The defaults are far above what the largest public spec
//! needs (Microsoft Graph beta, 47 MB: 30,099 types, 3.4 M lines).

use serde::Deserialize;

/// `[limits]` in `smelt.toml`; every field optional, `None` is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Limits {
    /// Most Rust types the IR may hold.
    pub max_types: Option<u64>,
    /// Most bytes the generated files may hold together.
    pub max_output_bytes: Option<u64>,
    /// Most units of work for building the IR (one per schema position converted).
    pub max_work: Option<u64>,
}

impl Limits {
    pub const DEFAULT_MAX_TYPES: u64 = 1_000_000;
    pub const DEFAULT_MAX_OUTPUT_BYTES: u64 = 4 << 30;
    pub const DEFAULT_MAX_WORK: u64 = 100_000_000;

    pub fn max_types(&self) -> u64 {
        self.max_types.unwrap_or(Self::DEFAULT_MAX_TYPES)
    }

    pub fn max_output_bytes(&self) -> u64 {
        self.max_output_bytes.unwrap_or(Self::DEFAULT_MAX_OUTPUT_BYTES)
    }

    pub fn max_work(&self) -> u64 {
        self.max_work.unwrap_or(Self::DEFAULT_MAX_WORK)
    }

    /// `over`'s limits replace these where `over` sets one.
    pub fn merge(&mut self, over: Limits) {
        let Limits { max_types, max_output_bytes, max_work } = over;
        self.max_types = max_types.or(self.max_types);
        self.max_output_bytes = max_output_bytes.or(self.max_output_bytes);
        self.max_work = max_work.or(self.max_work);
    }
}

/// A limit the spec went past: where generation stopped and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    pub pointer: String,
    pub message: String,
}

impl Exceeded {
    pub fn new(what: &str, limit: u64, option: &str, pointer: impl Into<String>) -> Self {
        Exceeded {
            pointer: pointer.into(),
            message: format!(
                "the spec needs more than {limit} {what}, smelt's limit; raise it with `{option}` (smelt.toml `[limits]`, `Config::limits` or `--{option}`) if the spec is meant to be this large"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_merge() {
        let mut base = Limits { max_types: Some(5), ..Limits::default() };
        assert_eq!((base.max_types(), base.max_work()), (5, Limits::DEFAULT_MAX_WORK));
        base.merge(Limits { max_work: Some(7), ..Limits::default() });
        assert_eq!(base, Limits { max_types: Some(5), max_output_bytes: None, max_work: Some(7) });
    }
}
