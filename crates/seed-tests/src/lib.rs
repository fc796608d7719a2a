//! Test support for the behaviour tests in `tests/` (std only).
//!
//! [`Peer`] runs a FastAPI + pydantic v2 app of `peer/` built the way the real
//! AskUI Workspaces service is, so a generated client can be tested against a
//! live server: `peer/app.py` ([`SEED_APP`], the seed operation, for
//! `tests/peer.rs`) or another script of that directory, e.g.
//! `peer/askui_api.py` (for `tests/askui_api.rs`). All apps share one venv and
//! take the same command line (`--port N`):
//!
//! * the Python virtualenv lives in `<workspace>/target/peer-venv`; it is created
//!   (`python3 -m venv`, `pip install -r peer/requirements.txt`) when its
//!   `bin/python` is missing, and `pip install -r` runs again into it when the
//!   requirements changed since (a marker file in the venv holds their hash;
//!   a venv made by someone else, e.g. CI, has none, so it is checked once).
//!   Setup is serialized across processes by a lock directory, so test
//!   binaries running at the same time do not race. `SMELT_PEER_PYTHON` names
//!   another interpreter to create it with.
//! * the app listens on a free loopback port; its output goes to
//!   `<workspace>/target/peer-logs/peer-<app stem>-<port>.log`.
//! * its stdin is a pipe that stays open as long as this process (or the
//!   [`Peer`] value) lives: the app exits by itself when the pipe closes, so a
//!   test process that dies never leaves the server running.
//!
//! Panics on any failure: this is test code.
//!
//! [`delivery_builders!`] gives the test files the builders of the generated
//! deliveries they share.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime};

/// How long the server may take to accept connections once spawned.
const READY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long to wait for another process that is creating the venv.
const VENV_LOCK_TIMEOUT: Duration = Duration::from_secs(20 * 60);
/// A venv lock older than this is taken to be left over by a killed process.
const VENV_LOCK_STALE: Duration = Duration::from_secs(15 * 60);
/// Attempts at starting the server (a freed port can be taken by someone else).
const START_ATTEMPTS: usize = 3;

/// The app [`Peer::shared`] and [`Peer::start`] run: the seed peer.
pub const SEED_APP: &str = "app.py";

/// Apache Airflow's API server (`peer/airflow_server.py`), run by a venv of its own
/// (`target/airflow-venv`, `peer/airflow-requirements.txt`): migrating its database and starting
/// take longer than the FastAPI peers.
pub const AIRFLOW_APP: &str = "airflow_server.py";
const AIRFLOW_READY_TIMEOUT: Duration = Duration::from_secs(240);

/// A running app of `peer/`.
pub struct Peer {
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub base_url: String,
    /// The loopback port the server listens on.
    pub port: u16,
    /// The server's stdout and stderr.
    pub log_path: PathBuf,
    /// The script it runs, a file name in `peer/` (e.g. `app.py`).
    pub app: String,
    /// The server; its stdin pipe is kept open for as long as this value lives.
    child: Mutex<Child>,
}

impl Peer {
    /// One [`SEED_APP`] server shared by every test of the calling test
    /// binary, started on first use: `Peer::shared_app(SEED_APP)`.
    pub fn shared() -> &'static Peer {
        Peer::shared_app(SEED_APP)
    }

    /// One server of `app` (a script in `peer/`, e.g. `"askui_api.py"`) shared
    /// by every test of the calling test binary, started on first use; each
    /// app has its own. It is never dropped: it exits when the binary does
    /// (EOF on its stdin). A start that panics is tried again by the next
    /// caller.
    pub fn shared_app(app: &str) -> &'static Peer {
        static SHARED: Mutex<BTreeMap<String, &'static Peer>> = Mutex::new(BTreeMap::new());
        // Held while starting, so that concurrent first callers start one server.
        let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(peer) = shared.get(app) {
            return peer;
        }
        let peer: &'static Peer = Box::leak(Box::new(Peer::start_app(app)));
        shared.insert(app.to_owned(), peer);
        peer
    }

    /// Starts a [`SEED_APP`] server of its own: `Peer::start_app(SEED_APP)`.
    pub fn start() -> Peer {
        Peer::start_app(SEED_APP)
    }

    /// Starts a server of `app` (a script in `peer/`) of its own; it is killed
    /// when the value is dropped.
    pub fn start_app(app: &str) -> Peer {
        let script = peer_dir().join(app);
        assert!(script.is_file(), "no peer app {} (expected a script in peer/)", script.display());
        let stem = Path::new(app).file_stem().and_then(|stem| stem.to_str()).unwrap_or(app).to_owned();
        let (python, ready_timeout) = if app == AIRFLOW_APP {
            (ensure_venv_of("airflow-venv", "airflow-requirements.txt"), AIRFLOW_READY_TIMEOUT)
        } else {
            (ensure_venv(), READY_TIMEOUT)
        };
        let logs = target_dir().join("peer-logs");
        fs::create_dir_all(&logs).unwrap_or_else(|e| panic!("cannot create {}: {e}", logs.display()));

        let mut failures = Vec::new();
        for _ in 0..START_ATTEMPTS {
            let port = free_port();
            let log_path = logs.join(format!("peer-{stem}-{port}.log"));
            let log = File::create(&log_path).unwrap_or_else(|e| panic!("cannot create {}: {e}", log_path.display()));
            let log_err = log.try_clone().unwrap_or_else(|e| panic!("cannot clone {}: {e}", log_path.display()));
            let mut child = Command::new(&python)
                .arg(&script)
                .arg("--port")
                .arg(port.to_string())
                .current_dir(peer_dir())
                .env("PYTHONUNBUFFERED", "1")
                // The apps import peer/askui_models.py: no __pycache__ in the source tree.
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .stdin(Stdio::piped())
                .stdout(Stdio::from(log))
                .stderr(Stdio::from(log_err))
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));

            match wait_until_listening(&mut child, port, ready_timeout) {
                Ok(()) => {
                    return Peer {
                        base_url: format!("http://127.0.0.1:{port}"),
                        port,
                        log_path,
                        app: app.to_owned(),
                        child: Mutex::new(child),
                    }
                }
                Err(Exited(why)) => {
                    failures.push(format!("--- port {port}: {why}\n{}", read_log(&log_path)));
                }
                Err(TimedOut) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!(
                        "the peer {app} did not accept connections on 127.0.0.1:{port} within {}s; \
                         its log ({}):\n{}",
                        ready_timeout.as_secs(),
                        log_path.display(),
                        read_log(&log_path)
                    );
                }
            }
        }
        panic!(
            "the peer {app} exited before accepting connections ({START_ATTEMPTS} attempts):\n{}",
            failures.join("\n")
        );
    }

    /// `base_url` followed by `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The server's output so far.
    pub fn log(&self) -> String {
        read_log(&self.log_path)
    }

    /// Whether the server process is still running.
    pub fn is_running(&self) -> bool {
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        matches!(child.try_wait(), Ok(None))
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        // Closing stdin alone makes the app exit; kill too, so no one waits.
        drop(child.stdin.take());
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Defines, in the calling test file, the builders of the two
/// `askui_workspaces::models::DataDestinationDelivery` variants:
/// `workflow(schedule_id)` and `webhook(status_code, headers, body)`.
///
/// A macro because those types come from a dev-dependency of this crate, which
/// its library cannot name; the test files can.
#[macro_export]
macro_rules! delivery_builders {
    () => {
        mod delivery_builders {
            use askui_workspaces::models::{
                DataDestinationDelivery, DataDestinationDeliveryAskUiWorkflow, DataDestinationDeliveryWebhook,
                WebhookResponse,
            };

            /// An `ASKUI_WORKFLOW` delivery to the schedule `schedule_id`.
            pub fn workflow(schedule_id: &str) -> DataDestinationDelivery {
                DataDestinationDelivery::AskuiWorkflow(DataDestinationDeliveryAskUiWorkflow {
                    schedule_id: schedule_id.to_owned(),
                })
            }

            /// A `WEBHOOK` delivery whose webhook answered `status_code`, `headers` and `body`.
            pub fn webhook(status_code: i64, headers: &[(&str, &str)], body: &str) -> DataDestinationDelivery {
                DataDestinationDelivery::Webhook(DataDestinationDeliveryWebhook {
                    response: WebhookResponse {
                        status_code,
                        headers: headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
                        body: body.to_owned(),
                    },
                })
            }
        }
        use delivery_builders::{webhook, workflow};
    };
}

/// `<workspace>` (the directory holding the workspace `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// `<workspace>/crates/seed-tests/peer`.
pub fn peer_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("peer")
}

fn target_dir() -> PathBuf {
    workspace_root().join("target")
}

/// `<workspace>/target/peer-venv`.
pub fn venv_dir() -> PathBuf {
    target_dir().join("peer-venv")
}

/// Makes sure the venv exists and matches `peer/requirements.txt`; returns
/// its `bin/python`.
pub fn ensure_venv() -> PathBuf {
    ensure_venv_of("peer-venv", "requirements.txt")
}

/// Makes sure the venv `target/<name>` exists and matches `peer/<requirements>`; returns its
/// `bin/python`.
pub fn ensure_venv_of(name: &str, requirements: &str) -> PathBuf {
    let venv = target_dir().join(name);
    let python = venv.join("bin").join("python");
    let marker = venv.join(".smelt-requirements-hash");
    let requirements = peer_dir().join(requirements);
    let wanted = format!(
        "{:016x}",
        fnv1a64(&fs::read(&requirements).unwrap_or_else(|e| panic!("cannot read {}: {e}", requirements.display())))
    );
    let up_to_date = || python.exists() && fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str());
    if up_to_date() {
        return python;
    }

    fs::create_dir_all(target_dir()).expect("cannot create the target directory");
    let _lock = DirLock::acquire(&target_dir().join(format!("{name}.lock")));
    if up_to_date() {
        // Another process made it while this one waited for the lock.
        return python;
    }

    let logs = target_dir().join("peer-logs");
    fs::create_dir_all(&logs).expect("cannot create target/peer-logs");
    let log_path = logs.join(format!("{name}-setup.log"));
    File::create(&log_path).unwrap_or_else(|e| panic!("cannot create {}: {e}", log_path.display()));

    // A venv made by someone else (e.g. CI's setup step) is reused: installing
    // into it is quick when the requirements are already met. It is made anew
    // only when it has no interpreter or installing into it fails.
    let reused = python.exists();
    if !reused {
        create_venv(&venv, &log_path);
    }
    if let Err(failure) = pip_install(&python, &requirements, &log_path) {
        if !reused {
            panic!("{failure}");
        }
        create_venv(&venv, &log_path);
        pip_install(&python, &requirements, &log_path).unwrap_or_else(|failure| panic!("{failure}"));
    }
    fs::write(&marker, &wanted).unwrap_or_else(|e| panic!("cannot write {}: {e}", marker.display()));
    python
}

/// (Re)creates the venv at `venv` with `$SMELT_PEER_PYTHON` or `python3`.
fn create_venv(venv: &Path, log_path: &Path) {
    if venv.exists() {
        fs::remove_dir_all(venv).unwrap_or_else(|e| panic!("cannot remove the stale {}: {e}", venv.display()));
    }
    let base_python = std::env::var_os("SMELT_PEER_PYTHON").unwrap_or_else(|| "python3".into());
    run_logged(Command::new(&base_python).arg("-m").arg("venv").arg(venv), log_path, "creating the peer venv")
        .unwrap_or_else(|failure| panic!("{failure}"));
}

fn pip_install(python: &Path, requirements: &Path, log_path: &Path) -> Result<(), String> {
    run_logged(
        Command::new(python).args(["-m", "pip", "install", "--disable-pip-version-check", "-r"]).arg(requirements),
        log_path,
        "installing the peer's requirements",
    )
}

/// Runs `command` with its output appended to `log_path`; on failure, says
/// so with the log.
fn run_logged(command: &mut Command, log_path: &Path, what: &str) -> Result<(), String> {
    let log = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", log_path.display()));
    let log_err = log.try_clone().expect("cannot clone the log file");
    let status = command.stdin(Stdio::null()).stdout(Stdio::from(log)).stderr(Stdio::from(log_err)).status();
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => {
            Err(format!("{what}: {command:?} failed ({status}); log ({}):\n{}", log_path.display(), read_log(log_path)))
        }
        Err(e) => Err(format!("{what}: cannot run {command:?}: {e}")),
    }
}

/// A lock held by creating a directory (atomic on every platform). Removed on
/// drop; taken over when older than [`VENV_LOCK_STALE`].
struct DirLock(PathBuf);

impl DirLock {
    fn acquire(path: &Path) -> DirLock {
        let start = Instant::now();
        loop {
            match fs::create_dir(path) {
                Ok(()) => return DirLock(path.to_path_buf()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let age = fs::metadata(path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| SystemTime::now().duration_since(t).ok());
                    if age.is_some_and(|age| age > VENV_LOCK_STALE) {
                        let _ = fs::remove_dir(path);
                        continue;
                    }
                    if start.elapsed() > VENV_LOCK_TIMEOUT {
                        panic!(
                            "waited {}s for {} (remove it if no test is running)",
                            VENV_LOCK_TIMEOUT.as_secs(),
                            path.display()
                        );
                    }
                    sleep(Duration::from_millis(250));
                }
                Err(e) => panic!("cannot create {}: {e}", path.display()),
            }
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.0);
    }
}

enum NotListening {
    Exited(String),
    TimedOut,
}
use NotListening::{Exited, TimedOut};

fn wait_until_listening(child: &mut Child, port: u16, timeout: Duration) -> Result<(), NotListening> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Err(Exited(format!("exited with {status}"))),
            Ok(None) => {}
            Err(e) => return Err(Exited(format!("cannot poll the process: {e}"))),
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok() {
            return Ok(());
        }
        if start.elapsed() > timeout {
            return Err(TimedOut);
        }
        sleep(Duration::from_millis(100));
    }
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("cannot bind 127.0.0.1:0")
}

fn read_log(path: &Path) -> String {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => format!("(cannot read {}: {e})", path.display()),
    }
}

/// 64-bit FNV-1a: stable across Rust releases, unlike `DefaultHasher`.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    #[should_panic(expected = "no peer app")]
    fn start_app_rejects_a_script_that_is_not_there() {
        let _ = Peer::start_app("no_such_app.py");
    }

    #[test]
    fn free_port_is_bindable() {
        let port = free_port();
        assert_ne!(port, 0);
        TcpListener::bind(("127.0.0.1", port)).expect("the port is free");
    }
}
