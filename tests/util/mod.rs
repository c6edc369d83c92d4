//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses a different subset

/// The number of open file descriptors of this process (Linux: entries of `/proc/self/fd`).
#[cfg(target_os = "linux")]
pub fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map(|d| d.count()).unwrap_or(0)
}

/// Runs `f` and asserts that it leaves the process's descriptor count unchanged.
///
/// Tests in one binary run on several threads; a test that uses this must hold [`FD_LOCK`]
/// so no other test opens or closes descriptors meanwhile — `fd_leak_check` takes it.
#[cfg(target_os = "linux")]
pub fn fd_leak_check<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let _guard = FD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let before = open_fds();
    let out = f();
    let after = open_fds();
    assert_eq!(before, after, "{name}: file descriptors leaked ({before} before, {after} after)");
    out
}

/// No-op on other platforms.
#[cfg(not(target_os = "linux"))]
pub fn fd_leak_check<T>(_name: &str, f: impl FnOnce() -> T) -> T {
    f()
}

/// Serialises tests that count descriptors.
pub static FD_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Holds [`FD_LOCK`] for a test that opens descriptors in a binary where another test counts
/// them with [`fd_leak_check`] (which takes the lock itself: never call both in one test).
pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    FD_LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether this process may open raw sockets (root or CAP_NET_RAW). Tests that need it call this
/// and skip with a message when it is false.
#[cfg(unix)]
pub fn have_cap_net_raw() -> bool {
    // SAFETY: socket() takes integers only; the descriptor is closed right away.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_RAW, libc::IPPROTO_ICMP) };
    if fd >= 0 {
        // SAFETY: fd was just returned by socket() and is owned here.
        unsafe { libc::close(fd) };
        true
    } else {
        false
    }
}

/// `127.0.0.1:0` (IPv4 loopback, any port) as a berkeley address.
pub fn lo4() -> berkeley::SockAddr {
    berkeley::SockAddr::from(std::net::SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, 0)))
}

/// `[::1]:0` (IPv6 loopback, any port) as a berkeley address.
pub fn lo6() -> berkeley::SockAddr {
    berkeley::SockAddr::from(std::net::SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, 0)))
}

/// Whether `::1` can be bound here (IPv6 may be disabled in a container); tests using it skip
/// with a message when it cannot.
pub fn have_ipv6_loopback() -> bool {
    std::net::UdpSocket::bind("[::1]:0").is_ok()
}

/// Whether `fd` has `FD_CLOEXEC` set.
#[cfg(unix)]
pub fn is_cloexec(fd: std::os::fd::RawFd) -> bool {
    // SAFETY: F_GETFD takes no argument and only reads the descriptor flags.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    assert!(flags >= 0, "fcntl(F_GETFD) failed: {}", std::io::Error::last_os_error());
    flags & libc::FD_CLOEXEC != 0
}

/// Whether the tests run in strict mode (`BERKELEY_TEST_STRICT=1`, set by `.ci/run`): then a
/// test that cannot run here fails instead of skipping, so CI never passes vacuously.
pub fn strict() -> bool {
    std::env::var_os("BERKELEY_TEST_STRICT").is_some_and(|v| v != "0" && !v.is_empty())
}

/// Skips the calling test with a message (written straight to stderr, so it shows even though
/// the test harness captures output): `skip("tcp_v6_lifecycle", "::1 is not available")`.
/// In strict mode it panics instead — a skip in CI is a failure.
pub fn skip(test: &str, why: &str) {
    use std::io::Write;
    if strict() {
        panic!("{test}: cannot run here ({why}) and BERKELEY_TEST_STRICT is set");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// The path of a freshly built example binary: the first call runs `cargo build` for `all` (the
/// examples the calling test file uses; a no-op when they are fresh), with the cargo, profile and
/// target directory of this test binary.
#[cfg(unix)]
pub fn example_bin(name: &str, all: &[&str]) -> std::path::PathBuf {
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::sync::OnceLock;
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        // This binary is <target>/<profile>/deps/NAME-<hash>.
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        let profile = profile_dir.file_name().and_then(|p| p.to_str()).unwrap();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(["build", "--quiet"]);
        for ex in all {
            cmd.args(["--example", ex]);
        }
        match profile {
            "debug" => {}
            "release" => {
                cmd.arg("--release");
            }
            other => {
                cmd.args(["--profile", other]);
            }
        }
        if let Some(target) = profile_dir.parent().filter(|t| t.join("CACHEDIR.TAG").exists()) {
            cmd.arg("--target-dir").arg(target);
        }
        let status = cmd.status().expect("running cargo build --example ...");
        assert!(status.success(), "cargo build of the examples failed: {status}");
        profile_dir.join("examples")
    });
    dir.join(name)
}
