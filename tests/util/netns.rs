//! Network namespaces made by a test (Linux, root): `ip netns add` with a unique name, deleted
//! by `Drop` even when the test fails. Sockets are created inside one with [`Netns::run`],
//! which runs a closure on a thread that has joined the namespace (`setns(2)` changes only the
//! calling thread's namespace); a socket keeps its namespace for life, so the test can use it
//! from any thread afterwards.
//!
//! Used through `#[path = "util/netns.rs"] mod netns;` by tests/raw.rs and tests/packet.rs.
#![allow(dead_code)] // each test file uses a different subset

use std::fs::File;
use std::os::fd::AsRawFd;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A network namespace `/run/netns/NAME`, deleted on drop.
pub struct Netns {
    name: String,
}

impl Netns {
    /// Creates `bk-TAG-PID-N` with its loopback up, or says why it cannot (not root, no
    /// iproute2): the caller skips with that message.
    pub fn new(tag: &str) -> Result<Netns, String> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("bk-{tag}-{}-{n}", std::process::id());
        let out = Command::new("ip")
            .args(["netns", "add", &name])
            .output()
            .map_err(|e| format!("cannot run `ip` (iproute2): {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "`ip netns add` failed (needs root): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let ns = Netns { name };
        ns.ip(&["link", "set", "lo", "up"]);
        Ok(ns)
    }

    /// The namespace's name (for `ip -n NAME`, `ip link set DEV netns NAME`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs `ip -n NAME ARGS...` and asserts that it succeeds.
    pub fn ip(&self, args: &[&str]) {
        let out = Command::new("ip").arg("-n").arg(&self.name).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "ip -n {} {}: {}",
            self.name,
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs `sh -c SCRIPT` inside the namespace (`ip netns exec`) and returns its output.
    pub fn sh(&self, script: &str) -> Output {
        Command::new("ip").args(["netns", "exec", &self.name, "sh", "-c", script]).output().unwrap()
    }

    /// Sets a sysctl of this namespace through its `/proc/sys` file, e.g.
    /// `("net/ipv4/ping_group_range", "0 0")`. Never touches the host's.
    pub fn sysctl(&self, key: &str, value: &str) {
        let out = self.sh(&format!("echo '{value}' > /proc/sys/{key}"));
        assert!(
            out.status.success(),
            "sysctl {key}={value} in {}: {}",
            self.name,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A command that runs `program` inside the namespace (`ip netns exec NAME program`).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &self.name]).arg(program);
        cmd
    }

    /// Runs `f` on a thread that has joined this namespace: sockets `f` creates live in it.
    pub fn run<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        let path = format!("/run/netns/{}", self.name);
        std::thread::scope(|s| {
            s.spawn(|| {
                let file = File::open(&path).unwrap();
                // SAFETY: setns takes a descriptor the File keeps open and a constant; it changes
                // only this thread's network namespace, which ends with the thread.
                let rc = unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) };
                assert_eq!(rc, 0, "setns({path}): {}", std::io::Error::last_os_error());
                f()
            })
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
        })
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        // Deleting the namespace also deletes its interfaces (and so both ends of a veth pair).
        let _ = Command::new("ip").args(["netns", "del", &self.name]).status();
    }
}
