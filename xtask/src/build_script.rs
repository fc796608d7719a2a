//! The build.rs front end costs nothing when nothing changed: a second `cargo build` of the example
//! crate (`crates/askui-build-example`, whose build script runs `smelt::Config`) finds it fresh and
//! runs neither its build script nor rustc.

use crate::{cargo, Failure, Result};

const PACKAGE: &str = "askui-build-example";

pub(crate) fn run() -> Result<()> {
    let build = ["build", "--package", PACKAGE, "--locked"];
    cargo::run(&build)?;

    let shown = format!("cargo {} --verbose", build.join(" "));
    eprintln!("$ {shown}");
    let output = cargo::command()
        .args(build)
        .args(["--verbose", "--color", "never"])
        .output()
        .map_err(|e| Failure(format!("cannot run `{shown}`: {e}")))?;
    let log = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(Failure(format!("`{shown}` exited with {}:\n{log}", output.status)));
    }
    let problems = check(&log);
    if !problems.is_empty() {
        return Err(Failure(format!("a no-op rebuild of {PACKAGE} did work:\n  {}\n{log}", problems.join("\n  "))));
    }
    eprintln!("no-op rebuild: {PACKAGE} is `Fresh`; its build script did not run and it was not compiled again");
    Ok(())
}

/// What is wrong with the `--verbose` log of a rebuild that should have done nothing for `PACKAGE`.
fn check(log: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let statuses: Vec<&str> = log.lines().map(str::trim_start).collect();
    if !statuses.iter().any(|l| l.starts_with(&format!("Fresh {PACKAGE} v"))) {
        problems.push(format!("no `Fresh {PACKAGE}` line"));
    }
    let ours = |l: &&&str| l.contains(PACKAGE) || l.contains(&PACKAGE.replace('-', "_"));
    for line in statuses.iter().filter(ours) {
        if ["Dirty ", "Compiling ", "Running "].iter().any(|s| line.starts_with(s)) {
            problems.push(format!("`{line}`"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn a_fresh_log_passes() {
        let log =
            "       Fresh serde v1.0.0\n       Fresh askui-build-example v0.1.0 (/ws/crates/askui-build-example)\n\
                   warning: askui-build-example@0.1.0: spec.yaml:1:1: warning: replayed\n    Finished `dev` profile\n";
        assert_eq!(check(log), Vec::<String>::new());
    }

    #[test]
    fn a_rerun_build_script_fails() {
        let log = "       Dirty askui-build-example v0.1.0 (/ws/crates/askui-build-example): the file `x` has changed\n\
                   \x20  Compiling askui-build-example v0.1.0 (/ws/crates/askui-build-example)\n\
                   \x20    Running `/ws/target/debug/build/askui-build-example-0123/build-script-build`\n\
                   \x20    Running `rustc --crate-name askui_build_example --edition=2021 crates/askui-build-example/src/lib.rs`\n\
                   \x20    Running `rustc --crate-name serde`\n";
        let problems = check(log);
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert_eq!(problems[0], "no `Fresh askui-build-example` line");
        assert!(problems[3].contains("build-script-build"), "{problems:?}");
    }
}
