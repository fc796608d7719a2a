use std::collections::BTreeMap;
use std::fs::File;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use super::*;

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("smelt-config-test-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A spec with one warning: `name` is written twice (line 9).
const SPEC: &str = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        name: {type: string}
";

/// The same settings three ways: `smelt.toml` ([`Options::EVERY_OPTION_TOML`]), builder calls,
/// flags.
fn builder() -> Config {
    let mut config = Config::new();
    config
        .derive("Eq")
        .derive("Hash")
        .include_tag("a")
        .exclude_tag("b")
        .include_operation("get_a")
        .exclude_operation("delete_a")
        .types_only(true)
        .double_option(true)
        .rename("A", "B")
        .rename("C", "D")
        .format("date-time", "time::OffsetDateTime", Some("time::serde::rfc3339"))
        .format("uuid", "my::Id", None)
        .limits(crate::Limits { max_types: Some(10), max_output_bytes: Some(20), max_work: Some(30) });
    config
}

#[cfg(feature = "cli")]
const FLAGS: &[&str] = &[
    "--derive=Eq",
    "--derive=Hash",
    "--include-tag=a",
    "--exclude-tag=b",
    "--include-operation=get_a",
    "--exclude-operation=delete_a",
    "--types-only",
    "--double-option",
    "--rename=A=B",
    "--rename=C=D",
    "--format=date-time=time::OffsetDateTime,time::serde::rfc3339",
    "--format=uuid=my::Id",
    "--max-types=10",
    "--max-output-bytes=20",
    "--max-work=30",
];

fn options(config: &Config) -> Options {
    config.resolve_options(None).unwrap().0
}

#[test]
fn builder_toml_and_flags_agree() {
    let from_builder = options(&builder());
    let from_toml = Options::from_toml(Path::new("smelt.toml"), Options::EVERY_OPTION_TOML).unwrap();
    assert_eq!(from_builder, from_toml);
    assert_ne!(from_builder, Options::default());
    #[cfg(feature = "cli")]
    assert_eq!(crate::options::cli::tests::parse(FLAGS).unwrap(), from_toml);
}

#[test]
fn builder_calls_override_the_config_file_whatever_their_order() {
    let dir = TempDir::new();
    let file = dir.write("smelt.toml", "types-only = true\nderives = [\"Eq\"]\n[rename]\nFoo = \"Bar\"\nX = \"Y\"\n");
    let mut config = Config::new();
    config.types_only(false).rename("Foo", "Baz").derive("Hash").config_file(&file);
    let (options, read) = config.resolve_options(None).unwrap();
    assert_eq!(read.as_deref(), Some(file.as_path()));
    assert!(!options.types_only);
    assert_eq!(options.derives, ["Eq", "Hash"]);
    assert_eq!(options.rename, BTreeMap::from([("Foo".into(), "Baz".into()), ("X".into(), "Y".into())]));
}

#[test]
fn options_replaces_everything_before_it() {
    let mut config = builder();
    config.options(Options { derives: vec!["Ord".into()], ..Options::default() }).derive("Eq");
    assert_eq!(options(&config), Options { derives: vec!["Ord".into(), "Eq".into()], ..Options::default() });
}

#[test]
fn relative_config_files_and_specs_are_taken_from_the_base() {
    let dir = TempDir::new();
    dir.write("smelt.toml", "double-option = true\n");
    let mut config = Config::new();
    config.config_file("smelt.toml");
    assert_eq!(config.resolve_options(Some(&dir.0)).unwrap().0.double_option, Some(true));
    assert_eq!(resolve(Some(Path::new("/pkg")), Path::new("../specs/a.yaml")), Path::new("/pkg/../specs/a.yaml"));
    assert_eq!(resolve(Some(Path::new("/pkg")), Path::new("/abs/a.yaml")), Path::new("/abs/a.yaml"));
    assert_eq!(resolve(None, Path::new("a.yaml")), Path::new("a.yaml"));
}

#[test]
fn paths_in_messages_are_tidy() {
    assert_eq!(tidy(Path::new("/ws/crates/x/../../specs/./a.yaml")), Path::new("/ws/specs/a.yaml"));
    assert_eq!(tidy(Path::new("../../specs/a.yaml")), Path::new("../../specs/a.yaml"));
    assert_eq!(tidy(Path::new("x/../../a.yaml")), Path::new("../a.yaml"));
}

#[test]
fn a_bad_config_file_fails_naming_it() {
    let dir = TempDir::new();
    let file = dir.write("smelt.toml", "typo = 1\n");
    let spec = dir.write("my-api.yaml", SPEC);
    let e = Config::new().config_file(&file).run(None, &spec, &dir.0, &mut Vec::new()).unwrap_err();
    assert!(e.to_string().contains("smelt.toml:1:1: unknown field `typo`"), "{e}");
}

#[test]
fn generate_writes_the_module_and_tells_cargo() {
    let dir = TempDir::new();
    let spec = dir.write("my-api.yaml", SPEC);
    let file = dir.write("smelt.toml", "derives = [\"Eq\"]\n");
    let out = dir.0.join("out");
    let mut cargo = Vec::new();
    let path = Config::new().config_file(&file).run(None, &spec, &out, &mut cargo).unwrap();
    assert_eq!(path, out.join("my_api.rs"));
    let contents = fs::read_to_string(&path).unwrap();
    assert!(contents.contains("pub mod models") && contents.contains("pub mod client"), "{contents}");
    let pet_derives = contents.split("pub struct Pet").next().and_then(|before| before.rsplit("#[derive(").next());
    let pet_derives: String = pet_derives.unwrap_or_default().split_whitespace().collect();
    assert!(pet_derives.contains(",Eq,"), "derives from smelt.toml missing: {pet_derives}");
    let cargo = String::from_utf8(cargo).unwrap();
    let lines: Vec<&str> = cargo.lines().collect();
    assert_eq!(lines[0], format!("cargo:rerun-if-changed={}", file.display()));
    assert_eq!(lines[1], format!("cargo:rerun-if-changed={}", spec.display()));
    assert!(lines[2].starts_with(&format!("cargo:warning={}:10:", spec.display())), "{cargo}");
    assert!(lines[2].contains("warning: key written twice"), "{cargo}");
    assert_eq!(lines.len(), 3, "{cargo}");
}

#[test]
fn an_unchanged_module_is_not_rewritten() {
    let dir = TempDir::new();
    let spec = dir.write("my-api.yaml", SPEC);
    let config = Config::new();
    let path = config.run(None, &spec, &dir.0, &mut Vec::new()).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    File::options().write(true).open(&path).unwrap().set_modified(old).unwrap();
    config.run(None, &spec, &dir.0, &mut Vec::new()).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), old, "rewritten though unchanged");

    let mut config = Config::new();
    config.types_only(true);
    config.run(None, &spec, &dir.0, &mut Vec::new()).unwrap();
    assert_ne!(fs::metadata(&path).unwrap().modified().unwrap(), old, "not rewritten though changed");
    assert!(!fs::read_to_string(&path).unwrap().contains("pub mod client"));
}

#[test]
fn a_missing_spec_fails_naming_it() {
    let dir = TempDir::new();
    let spec = dir.0.join("missing.yaml");
    let e = Config::new().run(None, &spec, &dir.0, &mut Vec::new()).unwrap_err();
    assert!(e.to_string().contains("missing.yaml: cannot read"), "{e}");
}
