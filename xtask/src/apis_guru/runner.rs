//! Runs the child of every spec, two (or as many as there are cores) at a time, each under a time
//! limit: a child past it is killed. A spec over [`ALONE`] bytes runs alone: it uses every core
//! itself, and its time is then its own, as when a user generates it, rather than depending on which
//! neighbour it happened to share the machine with (GitHub's took 1.05 s in one run and 2.15 s in
//! another beside a neighbour). The 29 specs over it add about 10 s to the run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use super::child::{self, Report};

/// How long one spec may take, counting process start, generation, writing and counting.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Specs over this many bytes run alone: the largest ones, whose times are compared with targets.
const ALONE: u64 = 1 << 20;
/// How many lines of a failed child's stderr are kept.
const STDERR_LINES: usize = 8;

/// One spec to generate.
pub(crate) struct Job {
    pub(crate) spec: PathBuf,
    pub(crate) out: PathBuf,
    pub(crate) name: String,
    /// The spec's size in bytes: what decides whether it runs alone, and a column of the table.
    pub(crate) bytes: u64,
}

/// How a child ended.
#[derive(Debug, Clone)]
pub(crate) struct Ended {
    /// What the child reported, if it got that far.
    pub(crate) report: Option<Report>,
    pub(crate) timed_out: bool,
    pub(crate) status: Option<ExitStatus>,
    /// The last lines of its stderr (a panic's message, an abort's reason).
    pub(crate) stderr: Vec<String>,
    /// The child's whole life, as the parent saw it.
    pub(crate) wall: Duration,
}

/// Runs `exe`'s child subcommand for every job; the results are in the jobs' order. `progress` is
/// called as each ends, with the job's index.
pub(crate) fn run_all(exe: &Path, jobs: &[Job], progress: &(dyn Fn(usize, &Ended) + Sync)) -> Vec<Ended> {
    let workers = thread::available_parallelism().map_or(2, usize::from).min(jobs.len()).max(1);
    let next = AtomicUsize::new(0);
    // Shared by ordinary jobs, held alone by a large one.
    let machine = RwLock::new(());
    let results: Mutex<Vec<Option<Ended>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let ended = if job.bytes > ALONE {
                    let _alone = machine.write().unwrap_or_else(PoisonError::into_inner);
                    run_one(exe, job)
                } else {
                    let _shared = machine.read().unwrap_or_else(PoisonError::into_inner);
                    run_one(exe, job)
                };
                progress(i, &ended);
                results.lock().expect("no worker panics holding the lock")[i] = Some(ended);
            });
        }
    });
    results.into_inner().expect("workers are done").into_iter().map(|e| e.expect("every job ran")).collect()
}

fn run_one(exe: &Path, job: &Job) -> Ended {
    let start = Instant::now();
    let spawned = Command::new(exe)
        .arg(child::SUBCOMMAND)
        .arg(&job.spec)
        .arg(&job.out)
        .arg(&job.name)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut process = match spawned {
        Ok(process) => process,
        Err(e) => {
            return Ended {
                report: None,
                timed_out: false,
                status: None,
                stderr: vec![format!("cannot run {}: {e}", exe.display())],
                wall: start.elapsed(),
            }
        }
    };
    // Read both pipes while waiting, so that a chatty child never blocks on a full pipe.
    let stdout = reader(process.stdout.take());
    let stderr = reader(process.stderr.take());
    let (status, timed_out) = wait(&mut process, start + TIME_LIMIT);
    let wall = start.elapsed();
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(STDERR_LINES)..].iter().map(|l| (*l).to_owned()).collect();
    Ended { report: Report::parse(&stdout), timed_out, status, stderr: tail, wall }
}

fn reader(pipe: Option<impl std::io::Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Waits for `process` until `deadline`, then kills it: its status and whether it was killed.
fn wait(process: &mut Child, deadline: Instant) -> (Option<ExitStatus>, bool) {
    loop {
        match process.try_wait() {
            Ok(Some(status)) => return (Some(status), false),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = process.kill();
                return (process.wait().ok(), true);
            }
            Err(_) => return (None, false),
        }
    }
}
