//! The options as command-line flags (`clap::Args`), for `smelt generate` and other front ends.
//!
//! Written out rather than derived: the derive cannot collect repeated `KEY=VALUE` flags into the
//! map fields. The struct literal in `from_arg_matches_mut` names every field, so a new option does
//! not compile until it has a flag.

use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

use crate::{FormatType, Options};

const HEADING: &str = "Generated code";

impl Args for Options {
    fn augment_args(cmd: Command) -> Command {
        let list = |id: &'static str, value: &'static str, help: &'static str| {
            Arg::new(id).long(id).value_name(value).action(ArgAction::Append).help(help).help_heading(HEADING)
        };
        let limit = |id: &'static str, help: &'static str| {
            Arg::new(id)
                .long(id)
                .value_name("N")
                .value_parser(clap::value_parser!(u64))
                .help(help)
                .help_heading("Limits")
        };
        let flag = |id: &'static str, help: &'static str| {
            Arg::new(id).long(id).action(ArgAction::SetTrue).help(help).help_heading(HEADING)
        };
        cmd.arg(
            list("rename", "SCHEMA=TYPE", "Call the Rust type of schema SCHEMA TYPE [repeatable]")
                .value_parser(parse_rename),
        )
        .arg(
            list(
                "format",
                "FORMAT=TYPE[,SERDE_WITH]",
                "Use Rust type TYPE for strings of format FORMAT, with serde adapter module SERDE_WITH [repeatable]",
            )
            .value_parser(parse_format),
        )
        .arg(list("derive", "PATH", "Also derive PATH on every model type [repeatable]"))
        .arg(list("include-tag", "TAG", "Generate only operations tagged TAG [repeatable]"))
        .arg(list("exclude-tag", "TAG", "Leave out operations tagged TAG [repeatable]"))
        .arg(list("include-operation", "OPERATION-ID", "Generate only this operation [repeatable]"))
        .arg(list("exclude-operation", "OPERATION-ID", "Leave out this operation [repeatable]"))
        .arg(flag("types-only", "Models only: no client, no reqwest dependency"))
        .arg(flag(
            "double-option",
            "Every optional nullable field as Option<Option<T>>, so absent and null differ (default: those of request types)",
        ))
        .arg(limit("max-types", "Refuse a spec that needs more Rust types than N [default: 1000000]"))
        .arg(limit("max-output-bytes", "Refuse a spec whose generated files exceed N bytes [default: 4294967296]"))
        .arg(limit("max-work", "Refuse a spec whose IR takes more than N units of work [default: 100000000]"))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for Options {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut matches.clone())
    }

    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        fn many<T: Clone + Send + Sync + 'static>(m: &mut ArgMatches, id: &str) -> Vec<T> {
            m.remove_many::<T>(id).map(Iterator::collect).unwrap_or_default()
        }
        let mut strings = |id| {
            let mut list = Vec::new();
            super::append(&mut list, many::<String>(m, id));
            list
        };
        let (derives, include_tags, exclude_tags) = (strings("derive"), strings("include-tag"), strings("exclude-tag"));
        let (include_operations, exclude_operations) = (strings("include-operation"), strings("exclude-operation"));
        Ok(Options {
            rename: many(m, "rename").into_iter().collect(),
            formats: many(m, "format").into_iter().collect(),
            derives,
            include_tags,
            exclude_tags,
            include_operations,
            exclude_operations,
            types_only: m.get_flag("types-only"),
            double_option: m.get_flag("double-option").then_some(true),
            limits: crate::options::Limits {
                max_types: m.remove_one("max-types"),
                max_output_bytes: m.remove_one("max-output-bytes"),
                max_work: m.remove_one("max-work"),
            },
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.update_from_arg_matches_mut(&mut matches.clone())
    }

    /// Flags go over what is there already, as [`Options::merge`] says.
    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.merge(Self::from_arg_matches_mut(matches)?);
        Ok(())
    }
}

/// `KEY=VALUE`, both non-empty.
fn split_pair<'a>(s: &'a str, form: &str) -> Result<(&'a str, &'a str), String> {
    match s.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() && !value.trim().is_empty() => Ok((key.trim(), value.trim())),
        _ => Err(format!("expected {form}")),
    }
}

/// `SCHEMA=TYPE`.
fn parse_rename(s: &str) -> Result<(String, String), String> {
    split_pair(s, "SCHEMA=TYPE").map(|(k, v)| (k.to_owned(), v.to_owned()))
}

/// `FORMAT=TYPE` or `FORMAT=TYPE,SERDE_WITH`.
fn parse_format(s: &str) -> Result<(String, FormatType), String> {
    const FORM: &str = "FORMAT=TYPE or FORMAT=TYPE,SERDE_WITH";
    let (format, value) = split_pair(s, FORM)?;
    let (rust_type, serde_with) = match value.split_once(',') {
        None => (value, None),
        Some((ty, with)) if !ty.trim().is_empty() && !with.trim().is_empty() => {
            (ty.trim(), Some(with.trim().to_owned()))
        }
        Some(_) => return Err(format!("expected {FORM}")),
    };
    Ok((format.to_owned(), FormatType { rust_type: rust_type.to_owned(), serde_with }))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The options that `args` (flags only) give.
    pub(crate) fn parse(args: &[&str]) -> Result<Options, String> {
        let cmd = Options::augment_args(Command::new("smelt").no_binary_name(true));
        let mut matches = cmd.try_get_matches_from(args).map_err(|e| e.to_string())?;
        Options::from_arg_matches_mut(&mut matches).map_err(|e| e.to_string())
    }

    #[test]
    fn no_flags_is_the_default() {
        assert_eq!(parse(&[]).unwrap(), Options::default());
    }

    #[test]
    fn every_flag() {
        let options = parse(&[
            "--rename=A=B",
            "--rename",
            "C = D",
            "--format",
            "date-time=time::OffsetDateTime,time::serde::rfc3339",
            "--format=uuid=my::Id",
            "--derive",
            "Eq",
            "--derive=Hash",
            "--derive=Eq",
            "--include-tag=t1",
            "--exclude-tag=t2",
            "--include-operation=get_a",
            "--exclude-operation=delete_a",
            "--types-only",
            "--double-option",
            "--max-types=10",
            "--max-output-bytes",
            "20",
            "--max-work=30",
        ])
        .unwrap();
        let expected =
            Options { include_tags: vec!["t1".into()], exclude_tags: vec!["t2".into()], ..Options::every_option() };
        assert_eq!(options, expected);
    }

    #[test]
    fn malformed_pairs_are_rejected_with_the_expected_form() {
        for (args, expected) in [
            (["--rename", "A"], "expected SCHEMA=TYPE"),
            (["--rename", "=B"], "expected SCHEMA=TYPE"),
            (["--rename", "A="], "expected SCHEMA=TYPE"),
            (["--format", "uuid"], "expected FORMAT=TYPE or FORMAT=TYPE,SERDE_WITH"),
            (["--format", "uuid=a,"], "expected FORMAT=TYPE or FORMAT=TYPE,SERDE_WITH"),
        ] {
            let e = parse(&args).unwrap_err();
            assert!(e.contains(expected), "{args:?}: {e}");
        }
    }

    #[test]
    fn flags_update_options_from_a_file() {
        let mut options = Options { derives: vec!["Eq".into()], types_only: true, ..Options::default() };
        let cmd = Options::augment_args_for_update(Command::new("smelt").no_binary_name(true));
        let matches = cmd.try_get_matches_from(["--derive=Hash", "--double-option"]).unwrap();
        options.update_from_arg_matches(&matches).unwrap();
        assert_eq!(options.derives, ["Eq", "Hash"]);
        assert!(options.types_only && options.double_option == Some(true));
    }
}
