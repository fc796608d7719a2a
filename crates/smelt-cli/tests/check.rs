//! `smelt check`: the lint output for the seed spec, and its exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// Runs `smelt ARGS` from the workspace root, without colour.
fn smelt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smelt"))
        .args(args)
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .output()
        .expect("run smelt")
}

/// Stdout with the workspace's absolute path (should one appear) made relative.
fn stdout(output: &Output) -> String {
    let root = format!("{}/", workspace().display());
    String::from_utf8_lossy(&output.stdout).replace(&root, "")
}

#[test]
fn the_seed_spec_lints_with_warnings_shown_in_place() {
    let output = smelt(&["check", "specs/askui-workspaces.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let out = stdout(&output);
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!out.contains('\x1b'), "no colour when stdout is not a terminal");
    // The two dangling discriminator mapping values, and what smelt resolved them to.
    for side in ["Input", "Output"] {
        let dangling = format!(
            "`#/components/schemas/AgentExecutionStateDeliveredToDestination-{side}` points at no schema; resolved to"
        );
        assert!(out.contains(&dangling), "{out}");
    }
    assert!(out.ends_with("specs/askui-workspaces.yaml: 16 warnings, 14 notes (--notes shows the notes)\n"), "{out}");
    assert!(!out.contains("\nnote: "), "notes only with --notes");
    insta::assert_snapshot!("askui_workspaces", out);
}

#[test]
fn notes_are_shown_with_notes() {
    let out = stdout(&smelt(&["check", "specs/askui-workspaces.yaml", "--notes", "--verbose"]));
    assert_eq!(out.matches("\nnote: ").count() + usize::from(out.starts_with("note: ")), 14, "{out}");
    assert!(out.ends_with("specs/askui-workspaces.yaml: 16 warnings, 14 notes\n"), "{out}");
}

#[test]
fn one_message_at_several_places_is_shown_once_unless_verbose() {
    let count = |out: &str| out.matches("warning: ").count();
    let grouped = stdout(&smelt(&["check", "specs/askui-workspaces.yaml"]));
    let verbose = stdout(&smelt(&["check", "specs/askui-workspaces.yaml", "--verbose"]));
    assert_eq!(count(&verbose), 16, "{verbose}");
    let more = "  … and 1 more like it, at /components/schemas/workspaces__domain__entities__AgentExecutionStateDeliveredToDestination/properties/deliveries/items/discriminator/mapping/WEBHOOK (--verbose shows each)";
    assert!(grouped.contains(more), "{grouped}");
    assert!(count(&grouped) < 16, "{grouped}");
    assert!(!verbose.contains("more like it"), "{verbose}");
    // The tally counts every place either way.
    assert!(grouped.ends_with("16 warnings, 14 notes (--notes shows the notes)\n"), "{grouped}");
}

#[test]
fn deny_warnings_exits_1() {
    let output = smelt(&["check", "specs/askui-workspaces.yaml", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("16 warnings"));
}

#[test]
fn a_spec_that_cannot_be_read_exits_2() {
    let output = smelt(&["check", "specs/no-such-spec.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let out = stdout(&output);
    assert!(out.starts_with("error: cannot read the file: "), "{out}");
    assert!(out.contains("--> specs/no-such-spec.yaml\n"), "{out}");
    assert!(out.ends_with("specs/no-such-spec.yaml: 1 error, 0 warnings; nothing can be generated from it\n"), "{out}");
}
