//! End-to-end tests of the example programs (`examples/*.rs`): each server is started on port 0,
//! its `listening on ADDR` line is read from its stdout, and it is then talked to by the matching
//! client example and by an independent Python 3 `socket` peer. Exit codes and error messages are
//! checked too.
//!
//! How the example binaries are found: cargo builds examples for `cargo test` but not for
//! `cargo test --test examples`, and it gives tests no `CARGO_BIN_EXE_*` for examples. So the
//! first test that needs one runs `cargo build --examples` once (a no-op when they are fresh),
//! with the same cargo, profile and target directory as this test binary, and then runs
//! `<target>/<profile>/examples/NAME` directly (no `cargo run` per process: that would be slow
//! and would hold the build lock).
//!
//! Every spawned process is owned by a guard that kills and reaps it when dropped, so a failing
//! test leaves no orphan behind. Timeouts are generous (a loaded 2-core machine) and only stop a
//! hung test: nothing here measures time.
//!
//! Unix only: under wine the test would have to run `cargo build` for the Windows target from
//! inside a Windows process, start the `.exe` examples through wine and talk to them from a
//! Linux Python peer; and the UNIX-socket examples are Unix programs. The examples are built for
//! Windows by `.ci/windows.sh` (clippy `--all-targets`), not run.
#![cfg(unix)]

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long any single step may take before the test is declared hung.
const TIMEOUT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------
// Finding (and building) the examples
// ---------------------------------------------------------------------------------------------

/// `<target>/<profile>/examples`, after `cargo build --examples` has run once.
fn examples_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // This binary is <target>/<profile>/deps/examples-<hash>.
        let exe = std::env::current_exe().expect("current_exe");
        let profile_dir = exe.parent().and_then(Path::parent).expect("<target>/<profile>");
        let profile = profile_dir.file_name().and_then(|p| p.to_str()).expect("profile name");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(["build", "--examples", "--quiet"]);
        match profile {
            "debug" => {}
            "release" => {
                cmd.arg("--release");
            }
            other => {
                cmd.args(["--profile", other]);
            }
        }
        // Without a target triple the target directory holds CACHEDIR.TAG; pass it explicitly so
        // a `--target-dir` given to `cargo test` is honoured. (Otherwise CARGO_TARGET_DIR, if
        // set, is inherited.)
        if let Some(target) = profile_dir.parent().filter(|t| t.join("CACHEDIR.TAG").exists()) {
            cmd.arg("--target-dir").arg(target);
        }
        let status = cmd.status().expect("running cargo build --examples");
        assert!(status.success(), "cargo build --examples failed: {status}");
        let dir = profile_dir.join("examples");
        assert!(dir.join("tour").exists(), "no example binaries in {}", dir.display());
        dir
    })
}

fn example(name: &str) -> PathBuf {
    examples_dir().join(name)
}

/// Whether `python3` (with its `socket` module) runs here; if not, `test` skips its Python peer
/// checks through `util::skip`, which fails the test in strict mode (CI).
fn have_python(test: &str) -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    let ok = *HAVE.get_or_init(|| {
        Command::new("python3")
            .args(["-c", "import socket"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    });
    if !ok {
        util::skip(test, "python3 is not installed: no Python peer checks");
    }
    ok
}

/// A name unique in this test run, for socket paths and abstract names.
fn unique(tag: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("berkeley-ex-{}-{tag}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed))
}

/// A fresh temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(unique(tag));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

/// A running process with its stdout read line by line and its stderr collected; killed and
/// reaped on drop.
struct Proc {
    name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    stdout_all: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

impl Proc {
    /// Starts an example.
    fn example(name: &str, args: &[&str]) -> Proc {
        Proc::start(name, Command::new(example(name)).args(args))
    }

    /// Starts `python3 -c SCRIPT ARGS...`.
    fn python(script: &str, args: &[&str]) -> Proc {
        Proc::start("python3", Command::new("python3").arg("-c").arg(script).args(args))
    }

    fn start(name: &str, cmd: &mut Command) -> Proc {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {name}: {e}"));
        let stdin = child.stdin.take();
        let (tx, lines) = mpsc::channel();
        let stdout_all = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let all = Arc::clone(&stdout_all);
        let out_reader = thread::spawn(move || {
            let mut line = Vec::new();
            loop {
                line.clear();
                match out.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        let text = String::from_utf8_lossy(&line).into_owned();
                        all.lock().unwrap().push_str(&text);
                        let _ = tx.send(text.trim_end_matches('\n').to_string());
                    }
                }
            }
        });
        let mut err = child.stderr.take().expect("stderr");
        let err_all = Arc::clone(&stderr);
        let err_reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match err.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => err_all.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n])),
                }
            }
        });
        Proc {
            name: name.to_string(),
            child,
            stdin,
            lines,
            stdout_all,
            stderr,
            readers: vec![out_reader, err_reader],
        }
    }

    /// The next line of stdout (without `\n`).
    fn line(&self) -> String {
        match self.lines.recv_timeout(TIMEOUT) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => {
                panic!(
                    "{}: no output line within {TIMEOUT:?}; stderr: {}",
                    self.name,
                    self.stderr()
                )
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!("{}: stdout closed; stderr: {}", self.name, self.stderr())
            }
        }
    }

    /// Reads the `listening on ADDR` line a server prints and returns ADDR.
    fn listening(&self) -> String {
        let line = self.line();
        match line.strip_prefix("listening on ") {
            Some(addr) => addr.to_string(),
            None => panic!("{}: expected `listening on ADDR`, got {line:?}", self.name),
        }
    }

    fn write(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin already closed");
        stdin.write_all(text.as_bytes()).and_then(|()| stdin.flush()).expect("writing stdin");
    }

    fn close_stdin(&mut self) {
        drop(self.stdin.take());
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn stdout(&self) -> String {
        self.stdout_all.lock().unwrap().clone()
    }

    /// Waits for the process to exit (closing its stdin first) and for its output to be read.
    fn wait(&mut self) -> ExitStatus {
        self.close_stdin();
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            match self.child.try_wait().expect("try_wait") {
                Some(status) => break status,
                None if Instant::now() > deadline => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    panic!(
                        "{}: did not exit within {TIMEOUT:?}; stderr: {}",
                        self.name,
                        self.stderr()
                    );
                }
                None => thread::sleep(Duration::from_millis(10)),
            }
        };
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        status
    }

    /// Waits for exit and checks the exit code.
    fn expect_exit(&mut self, code: i32) {
        let status = self.wait();
        assert_eq!(
            status.code(),
            Some(code),
            "{}: exit status {status}; stdout: {:?}; stderr: {:?}",
            self.name,
            self.stdout(),
            self.stderr()
        );
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The result of running a program to completion.
#[derive(Debug)]
struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs an example to completion with `stdin` as its input.
fn run(name: &str, args: &[&str], stdin: &str) -> Out {
    let mut p = Proc::example(name, args);
    if !stdin.is_empty() {
        p.write(stdin);
    }
    let status = p.wait();
    let out = Out { code: status.code(), stdout: p.stdout(), stderr: p.stderr() };
    assert!(!out.stderr.contains("panicked"), "{name} panicked: {}", out.stderr);
    out
}

/// Runs a Python script to completion and returns its stdout (asserting exit 0).
fn python(script: &str, args: &[&str]) -> String {
    let mut p = Proc::python(script, args);
    p.expect_exit(0);
    p.stdout()
}

/// `HOST:PORT` → port; `[::1]:PORT` → port.
fn port_of(addr: &str) -> &str {
    addr.rsplit_once(':').map(|(_, port)| port).expect("ADDR has a port")
}

/// Waits until `cond` holds on the process's stderr (servers log asynchronously).
fn wait_stderr(p: &Proc, what: &str) {
    let deadline = Instant::now() + TIMEOUT;
    while !p.stderr().contains(what) {
        assert!(
            Instant::now() < deadline,
            "{}: stderr never contained {what:?}: {}",
            p.name,
            p.stderr()
        );
        thread::sleep(Duration::from_millis(10));
    }
}

/// Whether IPv6 loopback works here (some containers have no `::1`); if not, `test` skips
/// through `util::skip`, which fails the test in strict mode (CI).
fn have_ipv6(test: &str) -> bool {
    let ok = std::net::TcpListener::bind("[::1]:0").is_ok();
    if !ok {
        util::skip(test, "no IPv6 loopback (::1) here");
    }
    ok
}

// Python peers. Each takes its arguments from sys.argv and fails (exit 1) on any surprise.

/// TCP: connect to (host, port), send argv[3], half-close, print everything echoed.
const PY_TCP_ECHO: &str = r#"
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=30)
s.sendall(sys.argv[3].encode())
s.shutdown(socket.SHUT_WR)
data = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode())
"#;

/// TCP: two clients at once — the second is served while the first is still connected.
const PY_TCP_CONCURRENT: &str = r#"
import socket, sys
addr = (sys.argv[1], int(sys.argv[2]))
a = socket.create_connection(addr, timeout=30)
b = socket.create_connection(addr, timeout=30)
b.sendall(b"second")
assert b.recv(100) == b"second"
a.sendall(b"first")
assert a.recv(100) == b"first"
a.close(); b.close()
print("ok")
"#;

/// UDP: send argv[3] to (host, port), print the reply and check it came from the server.
const PY_UDP: &str = r#"
import socket, sys
addr = (sys.argv[1], int(sys.argv[2]))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(30)
s.sendto(sys.argv[3].encode(), addr)
data, src = s.recvfrom(65536)
assert src == addr, (src, addr)
print(data.decode())
"#;

/// UNIX stream: connect to argv[1] ('@name' = abstract), send argv[2], half-close, print echo.
const PY_UNIX: &str = r#"
import socket, sys
path = sys.argv[1]
if path.startswith("@"):
    path = "\0" + path[1:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(30)
s.connect(path)
s.sendall(sys.argv[2].encode())
s.shutdown(socket.SHUT_WR)
data = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode())
"#;

// ---------------------------------------------------------------------------------------------
// echo_server / echo_client
// ---------------------------------------------------------------------------------------------

#[test]
fn echo_server_serves_echo_client_and_python() {
    let server = Proc::example("echo_server", &["127.0.0.1:0"]);
    let addr = server.listening();
    assert!(addr.starts_with("127.0.0.1:") && port_of(&addr) != "0", "{addr}");

    let out = run("echo_client", &[&addr, "hello", "two words", ""], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "hello\ntwo words\n\n");

    // No MESSAGE: each stdin line, the last one without its newline.
    let out = run("echo_client", &[&addr], "first line\nsecond\nno newline");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "first line\nsecond\nno newline\n");

    // After `--`, messages may look like options.
    let out = run("echo_client", &[&addr, "--", "-h", "--help"], "");
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), "-h\n--help\n"), "{out:?}");

    wait_stderr(&server, "connected 127.0.0.1:");
    wait_stderr(&server, "closed 127.0.0.1:");

    if have_python("echo_server_serves_echo_client_and_python") {
        let echoed = python(PY_TCP_ECHO, &["127.0.0.1", port_of(&addr), "from python\nline 2\n"]);
        assert_eq!(echoed, "from python\nline 2\n");
        assert_eq!(python(PY_TCP_CONCURRENT, &["127.0.0.1", port_of(&addr)]), "ok\n");
    }
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
}

/// Host names are looked up with `getaddrinfo` (`localhost` is in /etc/hosts: no DNS needed).
#[test]
fn examples_accept_host_names() {
    let server = Proc::example("echo_server", &["localhost:0"]);
    let addr = server.listening();
    assert!(addr.starts_with("127.0.0.1:") || addr.starts_with("[::1]:"), "{addr}");
    let out = run("echo_client", &[&format!("localhost:{}", port_of(&addr)), "by name"], "");
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), "by name\n"), "{out:?}");
    // A name that does not exist is one error line naming the lookup, exit 1.
    let out = run("echo_client", &["nosuch.invalid:7", "hi"], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr.starts_with("echo_client: ") && out.stderr.contains("getaddrinfo("),
        "{out:?}"
    );
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
}

#[test]
fn echo_server_ipv6() {
    if !have_ipv6("echo_server_ipv6") {
        return;
    }
    let server = Proc::example("echo_server", &["[::1]:0"]);
    let addr = server.listening();
    assert!(addr.starts_with("[::1]:"), "{addr}");
    let out = run("echo_client", &[&addr, "over IPv6"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "over IPv6\n");
    wait_stderr(&server, "connected [::1]:");
}

#[test]
fn echo_client_connection_refused() {
    // A port nobody listens on: bind one, note it, close it.
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let out = run("echo_client", &[&addr, "hi"], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stderr,
        format!("echo_client: connect(127.0.0.1:{port}): Connection refused (os error 111)\n")
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn echo_server_address_in_use() {
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = run("echo_server", &[&format!("127.0.0.1:{port}")], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stderr,
        format!("echo_server: bind(127.0.0.1:{port}): Address already in use (os error 98)\n")
    );
    assert_eq!(out.stdout, "", "no `listening on` line when bind fails");
}

// ---------------------------------------------------------------------------------------------
// UDP
// ---------------------------------------------------------------------------------------------

#[test]
fn udp_echo_server_serves_udp_client_and_python() {
    let server = Proc::example("udp_echo_server", &["127.0.0.1:0"]);
    let addr = server.listening();
    assert!(addr.starts_with("127.0.0.1:") && port_of(&addr) != "0", "{addr}");

    let out = run("udp_client", &[&addr, "hello, udp"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "hello, udp\n");

    let out = run("udp_client", &[&addr, "with timeout", "--timeout", "10"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "with timeout\n");

    let out = run("udp_client", &["--timeout=10", "--", &addr, "-h"], "");
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), "-h\n"), "{out:?}");

    if have_python("udp_echo_server_serves_udp_client_and_python") {
        assert_eq!(python(PY_UDP, &["127.0.0.1", port_of(&addr), "from python"]), "from python\n");
    }
    wait_stderr(&server, "10 bytes from 127.0.0.1:");
}

#[test]
fn udp_client_times_out() {
    // A UDP socket that receives but never answers.
    let silent = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = silent.local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let out = run("udp_client", &[&addr, "anyone?", "--timeout", "0.3"], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(out.stderr, format!("udp_client: no reply from {addr} within 0.3 s\n"));
    assert_eq!(out.stdout, "");
    // The datagram did go out.
    silent.set_read_timeout(Some(TIMEOUT)).unwrap();
    let mut buf = [0u8; 64];
    let (n, _) = silent.recv_from(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"anyone?");
}

#[test]
fn udp_client_port_unreachable() {
    // Nobody on the port: loopback answers with ICMP port unreachable, which a connected UDP
    // socket reports as ECONNREFUSED on the next recv.
    let port = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port();
    let out = run("udp_client", &[&format!("127.0.0.1:{port}"), "hi"], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.starts_with("udp_client: recv"), "{out:?}");
    assert!(out.stderr.ends_with("Connection refused (os error 111)\n"), "{out:?}");
}

// ---------------------------------------------------------------------------------------------
// UNIX domain
// ---------------------------------------------------------------------------------------------

#[test]
fn unix_echo_server_pathname() {
    let dir = TempDir::new("unix");
    let path = dir.0.join("echo.sock");
    let path = path.to_str().unwrap();

    // A stale socket file, as a crashed server leaves it: bound, then closed.
    drop(std::os::unix::net::UnixListener::bind(path).unwrap());
    assert!(Path::new(path).exists());

    let server = Proc::example("unix_echo_server", &[path]);
    assert_eq!(server.listening(), path);
    wait_stderr(&server, "removed stale socket");

    let out = run("unix_client", &[path, "hello, unix"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "hello, unix\n");

    if have_python("unix_echo_server_pathname") {
        assert_eq!(python(PY_UNIX, &[path, "from python"]), "from python");
    }

    // A second server on the same path must not steal the live socket.
    let out = run("unix_echo_server", &[path], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.starts_with("unix_echo_server: "), "{out:?}");
    assert!(out.stderr.contains("another server is listening"), "{out:?}");
    let out = run("unix_client", &[path, "still there"], "");
    assert_eq!(out.stdout, "still there\n", "{out:?}");
}

#[test]
fn unix_echo_server_leaves_other_files_alone() {
    let dir = TempDir::new("unixfile");
    let path = dir.0.join("not-a-socket");
    std::fs::write(&path, "precious").unwrap();
    let out = run("unix_echo_server", &[path.to_str().unwrap()], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("is not a socket"), "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn unix_echo_server_abstract() {
    let name = format!("@{}", unique("abstract"));
    let server = Proc::example("unix_echo_server", &[&name]);
    assert_eq!(server.listening(), name);

    let out = run("unix_client", &[&name, "abstract hello"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "abstract hello\n");

    if have_python("unix_echo_server_abstract") {
        assert_eq!(python(PY_UNIX, &[&name, "py abstract"]), "py abstract");
    }
}

#[test]
fn unix_client_no_server() {
    let dir = TempDir::new("nosrv");
    let path = dir.0.join("nobody.sock");
    let out = run("unix_client", &[path.to_str().unwrap(), "hi"], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.starts_with("unix_client: connect("), "{out:?}");
    assert!(out.stderr.ends_with("No such file or directory (os error 2)\n"), "{out:?}");
}

// ---------------------------------------------------------------------------------------------
// chat
// ---------------------------------------------------------------------------------------------

/// Two chat processes, lines crossing both ways, then a clean exit of both. The server binds
/// `bind` (a loopback `HOST:PORT`); the client connects to `host` and the chosen port.
fn chat_pair(udp: bool, bind: &str, host: &str) {
    let flag: &[&str] = if udp { &["--udp"] } else { &[] };
    let mut server = Proc::example("chat", &[flag, &[bind]].concat());
    let addr = server.listening();
    let prefix = bind.rsplit_once(':').unwrap().0;
    assert!(addr.starts_with(prefix) && port_of(&addr) != "0", "{addr}");
    let port = port_of(&addr).to_string();
    let mut client = Proc::example("chat", &[flag, &[host, &port]].concat());

    // The client speaks first (a UDP server learns its peer from the first datagram).
    client.write("hello from the client\n");
    assert_eq!(server.line(), "peer: hello from the client");
    server.write("hello from the server\n");
    assert_eq!(client.line(), "peer: hello from the server");
    client.write("\n");
    assert_eq!(server.line(), "peer: ");
    server.write("two\nlines\n");
    assert_eq!(client.line(), "peer: two");
    assert_eq!(client.line(), "peer: lines");

    // The client's stdin ends: it tells the server, which leaves; then the client leaves too.
    client.close_stdin();
    server.expect_exit(0);
    client.expect_exit(0);
    assert!(!server.stderr().contains("panicked") && !client.stderr().contains("panicked"));
    if !udp {
        assert!(server.stderr().starts_with(&format!("connected {prefix}")), "{}", server.stderr());
    }
}

#[test]
fn chat_tcp_two_processes() {
    chat_pair(false, "127.0.0.1:0", "127.0.0.1");
}

#[test]
fn chat_udp_two_processes() {
    chat_pair(true, "127.0.0.1:0", "127.0.0.1");
}

#[test]
fn chat_ipv6_two_processes() {
    if !have_ipv6("chat_ipv6_two_processes") {
        return;
    }
    chat_pair(false, "[::1]:0", "::1");
    chat_pair(true, "[::1]:0", "::1");
}

#[test]
fn chat_tcp_with_python() {
    if !have_python("chat_tcp_with_python") {
        return;
    }
    let mut server = Proc::example("chat", &["127.0.0.1:0"]);
    let port = port_of(&server.listening()).to_string();
    let script = r#"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
s.sendall(b"hi from python\n")
f = s.makefile("rb")
line = f.readline()
assert line == b"hi from the server\n", line
s.shutdown(socket.SHUT_WR)
assert f.read() == b""   # the server leaves after our end-of-file
print("ok")
"#;
    let mut py = Proc::python(script, &[&port]);
    assert_eq!(server.line(), "peer: hi from python");
    server.write("hi from the server\n");
    py.expect_exit(0);
    assert_eq!(py.stdout(), "ok\n");
    server.expect_exit(0);
}

#[test]
fn chat_udp_with_python() {
    if !have_python("chat_udp_with_python") {
        return;
    }
    let mut server = Proc::example("chat", &["--udp", "127.0.0.1:0"]);
    let port = port_of(&server.listening()).to_string();
    // Typed before any peer is known: held back, then sent to the peer.
    server.write("early line\n");
    let script = r#"
import socket, sys
addr = ("127.0.0.1", int(sys.argv[1]))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(30)
s.sendto(b"hi from python\n", addr)
data, src = s.recvfrom(65536)
assert (data, src) == (b"early line\n", addr), (data, src)
data, src = s.recvfrom(65536)
assert data == b"later line\n", data
s.sendto(b"", addr)               # an empty datagram: we are done
data, src = s.recvfrom(65536)
assert data == b"", data          # and the server says goodbye the same way
print("ok")
"#;
    let mut py = Proc::python(script, &[&port]);
    assert_eq!(server.line(), "peer: hi from python");
    server.write("later line\n");
    py.expect_exit(0);
    assert_eq!(py.stdout(), "ok\n");
    server.expect_exit(0);
}

#[test]
fn chat_client_connection_refused() {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port();
    let out = run("chat", &["127.0.0.1", &port.to_string()], "");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stderr,
        format!("chat: connect(127.0.0.1:{port}): Connection refused (os error 111)\n")
    );
}

// ---------------------------------------------------------------------------------------------
// tour
// ---------------------------------------------------------------------------------------------

#[test]
fn tour_runs_and_teaches() {
    let out = run("tour", &[], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "");
    let text = &out.stdout;
    for needle in [
        "== byte order",
        "htons(0x1234)",
        "inet_aton(\"127.1\", &in)",
        "inet_aton(\"0x7f.1\", &in)",
        "7f 00 00 01 (127.0.0.1)",
        "inet_ntoa(",
        "\"192.168.0.1\"",
        "\"::ffff:1.2.3.4\"",
        "\"2001:db8::1\"",
        "\"0:1a:2b:3c:4d:5e\"",
        "\"00:1a:2b:3c:4d:5e\"",
        // struct sockaddr_in for 127.0.0.1:8080, as the kernel sees it.
        "16 bytes: 02 00 1f 90 7f 00 00 01 00 00 00 00 00 00 00 00",
        "sin_port = htons(8080)",
        "== TCP echo",
        "\"hello, TCP\"",
        "== UDP round trip",
        "\"pong\"",
        "== UNIX socketpair",
        "\"through the pair\"",
        "== name services",
        "-> 127.0.0.1:80",
        "getservbyname(\"http\", \"tcp\")",
        "-> port 80",
        "gethostname()",
        "done.",
    ] {
        assert!(text.contains(needle), "tour output lacks {needle:?}:\n{text}");
    }
    // Only loopback addresses appear in the socket sections.
    for line in text.lines().filter(|l| l.contains("getsockname") || l.contains("from ")) {
        assert!(!line.contains("0.0.0.0"), "{line}");
    }
}

// ---------------------------------------------------------------------------------------------
// Command lines: --help, usage errors, bad input
// ---------------------------------------------------------------------------------------------

const ALL: &[&str] = &[
    "tour",
    "echo_server",
    "echo_client",
    "udp_echo_server",
    "udp_client",
    "unix_echo_server",
    "unix_client",
    "chat",
    "hostinfo",
    "portscan",
    "ifconfig",
    "netstat",
    "ping",
    "sniff",
];

#[test]
fn help_prints_usage_and_exits_0() {
    for name in ALL {
        for flag in ["--help", "-h"] {
            let out = run(name, &[flag], "");
            assert_eq!(out.code, Some(0), "{name} {flag}: {out:?}");
            assert!(out.stdout.starts_with(&format!("usage: {name}")), "{name}: {out:?}");
            assert_eq!(out.stderr, "", "{name}: {out:?}");
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    let cases: &[(&str, &[&str])] = &[
        ("tour", &["extra"]),
        ("echo_server", &["127.0.0.1:0", "extra"]),
        ("echo_client", &[]),
        ("udp_echo_server", &["127.0.0.1:0", "extra"]),
        ("udp_client", &[]),
        ("udp_client", &["127.0.0.1:7"]),
        ("udp_client", &["127.0.0.1:7", "hi", "--timeout"]),
        ("udp_client", &["127.0.0.1:7", "hi", "--bogus"]),
        ("unix_echo_server", &[]),
        ("unix_client", &["/tmp/x.sock"]),
        ("chat", &[]),
        ("chat", &["--bogus", "7000"]),
        ("chat", &["1.2.3.4", "5", "6"]),
        ("netstat", &["-q"]),
        ("netstat", &["extra"]),
        ("ping", &[]),
        ("ping", &["-x", "127.0.0.1"]),
        ("ping", &["127.0.0.1", "127.0.0.2"]),
        ("ping", &["127.0.0.1", "-c"]),
        ("sniff", &["-q"]),
        ("sniff", &["lo", "eth0"]),
        ("sniff", &["-c"]),
    ];
    for (name, args) in cases {
        let out = run(name, args, "");
        assert_eq!(out.code, Some(2), "{name} {args:?}: {out:?}");
        assert!(out.stderr.starts_with(&format!("{name}: ")), "{name} {args:?}: {out:?}");
        assert!(out.stderr.contains(&format!("usage: {name}")), "{name} {args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{name} {args:?}: {out:?}");
    }
}

#[test]
fn bad_addresses_and_ports_exit_1() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("echo_client", &["300.1.2.3:80", "hi"], "bad address \"300.1.2.3:80\": "),
        (
            "echo_client",
            &["nosuch.invalid:80", "hi"],
            "bad address \"nosuch.invalid:80\": getaddrinfo(",
        ),
        ("echo_client", &["127.0.0.1:99999", "hi"], "invalid port \"99999\""),
        ("echo_client", &["127.0.0.1:-1", "hi"], "invalid port \"-1\""),
        ("echo_client", &["127.0.0.1", "hi"], "expected HOST:PORT"),
        ("echo_client", &["127.0.0.1 junk:80", "hi"], "bad address"),
        ("echo_client", &["::1:80", "hi"], "needs brackets"),
        ("echo_client", &["[::g]:80", "hi"], "bad address \"[::g]:80\": "),
        ("echo_server", &["nonsense"], "bad address \"nonsense\""),
        ("echo_server", &["127.0.0.1:65536"], "invalid port \"65536\""),
        ("udp_echo_server", &["1.2.3.4.5:0"], "bad address"),
        ("udp_client", &["127.0.0.1:x", "hi"], "invalid port \"x\""),
        ("udp_client", &["127.0.0.1:7", "hi", "--timeout", "soon"], "bad timeout \"soon\""),
        ("udp_client", &["127.0.0.1:7", "hi", "--timeout", "-1"], "bad timeout \"-1\""),
        ("udp_client", &["127.0.0.1:7", "hi", "--timeout", "NaN"], "bad timeout \"NaN\""),
        ("unix_client", &["", "hi"], "empty socket path"),
        ("chat", &["70000"], "invalid port \"70000\""),
        ("chat", &["127.0.0.1:70000"], "invalid port \"70000\""),
        ("chat", &["999.0.0.1", "7000"], "bad host \"999.0.0.1\""),
        ("chat", &["--udp", "127.0.0.1", "port"], "invalid port \"port\""),
    ];
    for (name, args, what) in cases {
        let out = run(name, args, "");
        assert_eq!(out.code, Some(1), "{name} {args:?}: {out:?}");
        assert!(out.stderr.starts_with(&format!("{name}: ")), "{name} {args:?}: {out:?}");
        assert!(out.stderr.contains(what), "{name} {args:?}: want {what:?}: {out:?}");
        assert_eq!(out.stderr.lines().count(), 1, "one error line: {name} {args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{name} {args:?}: {out:?}");
    }
}

#[test]
fn unix_path_too_long_is_an_error() {
    let long = format!("/tmp/{}", "x".repeat(200));
    for name in ["unix_echo_server", "unix_client"] {
        let args: Vec<&str> = if name == "unix_client" { vec![&long, "hi"] } else { vec![&long] };
        let out = run(name, &args, "");
        assert_eq!(out.code, Some(1), "{name}: {out:?}");
        assert!(out.stderr.starts_with(&format!("{name}: UNIX socket path is")), "{name}: {out:?}");
    }
}

#[test]
fn odd_input_never_panics() {
    let long = "9".repeat(5000);
    let odd_addrs = [
        "",
        ":",
        ":80",
        "[",
        "[]:80",
        "[::1]",
        "[::1]:",
        "[1.2.3.4]:80",
        "1.2.3.4:",
        "1.2.3.4:+80",
        "1.2.3.4: 80",
        "1.2.3.4:80:",
        "a:b:c",
        "0x100000000:1",
        "1.2.3.4\t:80",
        "é:80",
        "[::1%lo]:80",
        &long,
    ];
    for addr in odd_addrs {
        for (name, args) in [
            ("echo_client", vec![addr, "hi"]),
            ("echo_server", vec![addr]),
            ("udp_echo_server", vec![addr]),
            ("udp_client", vec![addr, "hi", "--timeout", "1"]),
            ("chat", vec![addr, "7000"]),
        ] {
            let out = run(name, &args, "");
            assert_eq!(out.code, Some(1), "{name} {addr:?}: {out:?}");
            assert!(out.stderr.starts_with(&format!("{name}: ")), "{name} {addr:?}: {out:?}");
            assert_eq!(out.stderr.lines().count(), 1, "{name} {addr:?}: {out:?}");
        }
    }
    // An argument that is not UTF-8 is a usage error, not a crash.
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"127.0.0.1:\xff");
    for name in ALL {
        let mut p = Proc::start(name, Command::new(example(name)).arg(bad));
        p.expect_exit(2);
        assert!(p.stderr().contains("not valid UTF-8"), "{name}: {}", p.stderr());
    }
}

// ---------------------------------------------------------------------------------------------
// netstat
// ---------------------------------------------------------------------------------------------

/// Holds a TCP listener (backlog 5), a connection to it with 7 unread bytes at the accepted
/// end, a bound UDP socket and an abstract UNIX listener; prints `PID TCPPORT UDPPORT NAME`.
#[cfg(any(target_os = "linux", target_os = "android"))]
const NETSTAT_PEER: &str = r#"
import os, socket, sys, time
name = sys.argv[1]
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(5)
c = socket.create_connection(l.getsockname()); a, _ = l.accept(); c.sendall(b"unread!")
while len(a.recv(64, socket.MSG_PEEK)) < 7: time.sleep(0.01)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
x = socket.socket(socket.AF_UNIX); x.bind("\0" + name); x.listen(3)
print(os.getpid(), l.getsockname()[1], u.getsockname()[1], name, flush=True)
sys.stdin.read()
"#;

/// `(Recv-Q, Send-Q, local address)` of the rows `ss ARGS` shows for `pid`; UNIX names without
/// their inode.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn ss_rows_of(args: &str, pid: &str) -> Vec<(String, String, String)> {
    let out = Command::new("ss").arg(args).output().expect("ss runs");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows: Vec<_> = text
        .lines()
        .filter(|l| l.contains(&format!("pid={pid},")))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[2].to_string(), f[3].to_string(), f[4].to_string())
        })
        .collect();
    rows.sort();
    rows
}

/// The same from the netstat example's output.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn netstat_rows_of(stdout: &str, pid: &str) -> Vec<(String, String, String)> {
    let mut rows: Vec<_> = stdout
        .lines()
        .filter(|l| l.ends_with(&format!(" {pid}/python3")))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[1].to_string(), f[2].to_string(), f[3].to_string())
        })
        .collect();
    rows.sort();
    rows
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn netstat_agrees_with_ss_on_a_python_peer() {
    if !have_python("netstat_agrees_with_ss_on_a_python_peer") {
        return;
    }
    if Command::new("ss").arg("-V").output().is_err() {
        util::skip("netstat_agrees_with_ss_on_a_python_peer", "ss (iproute2) is not installed");
        return;
    }
    let name = unique("netstat");
    let mut peer = Proc::python(NETSTAT_PEER, &[&name]);
    let ready = peer.line();
    let f: Vec<&str> = ready.split_whitespace().collect();
    let (pid, tcp, udp) = (f[0], f[1], f[2]);

    let all = run("netstat", &["-tuxanp"], "");
    assert_eq!(all.code, Some(0), "{all:?}");
    let ours = netstat_rows_of(&all.stdout, pid);
    assert_eq!(ours, ss_rows_of("-tuaxnp", pid), "netstat -tuxanp vs ss -tuaxnp:\n{}", all.stdout);
    assert_eq!(ours.len(), 5, "listener, both ends, UDP, UNIX listener:\n{}", all.stdout);
    let listener = format!("127.0.0.1:{tcp}");
    let line_of = |out: &str, needle: &str, state: &str| {
        out.lines()
            .find(|l| l.contains(needle) && l.contains(state) && l.ends_with("/python3"))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no {state} row for {needle}:\n{out}"))
    };
    let l = line_of(&all.stdout, &format!("{listener} "), "LISTEN");
    assert!(l.starts_with("tcp        0      5 "), "a listener's Send-Q is its backlog: {l}");
    let accepted = all
        .stdout
        .lines()
        .find(|l| {
            l.contains("ESTABLISHED") && l.split_whitespace().nth(3) == Some(listener.as_str())
        })
        .unwrap_or_else(|| panic!("no accepted row:\n{}", all.stdout));
    assert_eq!(accepted.split_whitespace().nth(1), Some("7"), "unread bytes: {accepted}");
    line_of(&all.stdout, &format!("127.0.0.1:{udp} "), "udp");
    line_of(&all.stdout, &format!("@{name} "), "LISTENING");

    // -l: the listeners and the unconnected UDP socket, not the connection.
    let listening = run("netstat", &["-tuxlnp"], "");
    assert_eq!(listening.code, Some(0), "{listening:?}");
    let ours = netstat_rows_of(&listening.stdout, pid);
    assert_eq!(ours, ss_rows_of("-tuxlnp", pid), "netstat -l vs ss -l:\n{}", listening.stdout);
    assert_eq!(ours.len(), 3, "{}", listening.stdout);
    assert!(!listening.stdout.contains("ESTABLISHED"), "{}", listening.stdout);

    // Without -n: the same rows, names instead of numbers where the system has them.
    let named = run("netstat", &["-tuxap"], "");
    assert_eq!(named.code, Some(0), "{named:?}");
    assert_eq!(netstat_rows_of(&named.stdout, pid).len(), 5, "{}", named.stdout);
    // Without -p: no owner column.
    let bare = run("netstat", &["-tn"], "");
    assert_eq!(bare.code, Some(0), "{bare:?}");
    assert!(!bare.stdout.contains("PID/Program"), "{}", bare.stdout);
    assert!(bare.stdout.contains(&listener), "{}", bare.stdout);
    peer.close_stdin();
}

// ---------------------------------------------------------------------------------------------
// ping and sniff (Linux: raw, datagram ICMP and packet sockets; network namespaces)
// ---------------------------------------------------------------------------------------------

/// Whether iputils' `ping` runs here (the reference the ping example is compared with); if not,
/// `test` skips through `util::skip` (a failure in strict mode: CI installs iputils-ping).
#[cfg(target_os = "linux")]
fn have_iputils(test: &str) -> bool {
    let ok = Command::new("ping")
        .arg("-V")
        .output()
        .map(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains("iputils"))
        .unwrap_or(false);
    if !ok {
        util::skip(test, "iputils ping is not installed");
    }
    ok
}

/// Whether this process may open an ICMP socket, raw or datagram (the ping example needs one).
#[cfg(target_os = "linux")]
fn can_ping(test: &str) -> bool {
    let dgram = std::net::UdpSocket::bind("127.0.0.1:0").is_ok() && {
        // SAFETY: socket() takes integers only; the descriptor is closed right away.
        let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM, libc::IPPROTO_ICMP) };
        if fd >= 0 {
            // SAFETY: fd was just returned by socket() and is owned here.
            unsafe { libc::close(fd) };
        }
        fd >= 0
    };
    let ok = util::have_cap_net_raw() || dgram;
    if !ok {
        util::skip(test, "no raw ICMP socket (CAP_NET_RAW) and ping_group_range excludes us");
    }
    ok
}

/// A network namespace made for one test (`ip netns add`, loopback up), deleted on drop — also
/// when the test fails. Needs root; `None` (after `util::skip`) when it cannot be made.
#[cfg(target_os = "linux")]
struct Netns(String);

#[cfg(target_os = "linux")]
impl Netns {
    fn new(test: &str) -> Option<Netns> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!("bkex{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        let made = Command::new("ip")
            .args(["netns", "add", &name])
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !made {
            util::skip(test, "cannot create a network namespace (needs root and iproute2)");
            return None;
        }
        let ns = Netns(name);
        ns.run(&["ip", "link", "set", "lo", "up"]);
        Some(ns)
    }

    /// `ip netns exec NAME ARGS...` as a command to add to.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &self.0]).args(args);
        cmd
    }

    /// Runs a command in the namespace and asserts that it succeeds.
    fn run(&self, args: &[&str]) {
        let out = self.cmd(args).output().expect("ip netns exec");
        assert!(out.status.success(), "{args:?} in {}: {out:?}", self.0);
    }

    fn sysctl(&self, setting: &str) {
        self.run(&["sysctl", "-q", "-w", setting]);
    }
}

#[cfg(target_os = "linux")]
impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.0]).status();
    }
}

/// ping's output with the parts that differ from run to run replaced: `time=0.043 ms` becomes
/// `time=T ms`, `time 2003ms` becomes `time Tms`, and the four rtt figures (checked to be
/// `min <= avg <= max` with three decimals) become `T`. The rest — every line, count, sequence
/// number, TTL and byte count — must be the same text for two pings to agree.
#[cfg(target_os = "linux")]
fn ping_shape(out: &str) -> String {
    let mut shape = String::new();
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("rtt min/avg/max/mdev = ") {
            let (figures, tail) = rest.split_once(" ms").expect("rtt line ends with ms");
            let f: Vec<f64> = figures
                .split('/')
                .map(|x| {
                    assert_eq!(x.split_once('.').map(|(_, d)| d.len()), Some(3), "{line}");
                    x.parse().expect("rtt figure")
                })
                .collect();
            assert_eq!(f.len(), 4, "{line}");
            assert!(f[0] <= f[1] && f[1] <= f[2], "min <= avg <= max: {line}");
            // ", ipg/ewma a/b ms" (only with -i 0) is timing too.
            let tail = if tail.starts_with(", ipg/ewma ") { ", ipg/ewma T" } else { tail };
            shape.push_str(&format!("rtt min/avg/max/mdev = T/T/T/T ms{tail}\n"));
            continue;
        }
        let words: Vec<String> = line
            .split(' ')
            .map(|w| {
                if let Some(t) = w.strip_prefix("time=") {
                    assert!(t.parse::<f64>().is_ok(), "{line}");
                    "time=T".to_owned()
                } else if w.len() > 2
                    && w.ends_with("ms")
                    && w[..w.len() - 2].bytes().all(|b| b.is_ascii_digit())
                {
                    "Tms".to_owned()
                } else {
                    w.to_owned()
                }
            })
            .collect();
        shape.push_str(&words.join(" "));
        shape.push('\n');
    }
    shape
}

/// Runs the ping example and iputils' ping with the same arguments at the same time (so each
/// sees the other's ICMP on its raw socket and must ignore it) and returns both results.
#[cfg(target_os = "linux")]
fn ping_both(wrap: &[&str], args: &[&str]) -> (Out, Out) {
    let ours = example("ping");
    let mut theirs: Vec<&str> = wrap.to_vec();
    theirs.push("ping");
    theirs.extend_from_slice(args);
    let mut mine: Vec<&str> = wrap.to_vec();
    mine.push(ours.to_str().unwrap());
    mine.extend_from_slice(args);
    let start = |argv: &[&str]| {
        let mut cmd = Command::new(argv[0]);
        cmd.args(&argv[1..]);
        Proc::start(argv[0], &mut cmd)
    };
    let (mut a, mut b) = (start(&mine), start(&theirs));
    let collect = |p: &mut Proc| {
        let status = p.wait();
        Out { code: status.code(), stdout: p.stdout(), stderr: p.stderr() }
    };
    let (a, b) = (collect(&mut a), collect(&mut b));
    assert!(!a.stderr.contains("panicked"), "{a:?}");
    (a, b)
}

#[cfg(target_os = "linux")]
#[test]
fn ping_matches_iputils_on_loopback() {
    let test = "ping_matches_iputils_on_loopback";
    if !have_iputils(test) || !can_ping(test) {
        return;
    }
    let (ours, iputils) = ping_both(&[], &["-c", "3", "127.0.0.1"]);
    assert_eq!(ours.code, Some(0), "{ours:?}");
    assert_eq!(iputils.code, Some(0), "{iputils:?}");
    assert_eq!(ours.stderr, "");
    assert_eq!(ping_shape(&ours.stdout), ping_shape(&iputils.stdout), "ours:\n{}", ours.stdout);
    let shape = ping_shape(&ours.stdout);
    assert!(shape.starts_with("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n"), "{shape}");
    for seq in 1..=3 {
        let line = format!("64 bytes from 127.0.0.1: icmp_seq={seq} ttl=64 time=T ms\n");
        assert!(shape.contains(&line), "{shape}");
    }
    assert!(
        shape.contains("\n--- 127.0.0.1 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time Tms\n"),
        "{shape}"
    );
}

/// `-t` sets the TTL of the requests; the replies' TTL is the replying kernel's (64 on
/// loopback), which is what both programs show.
#[cfg(target_os = "linux")]
#[test]
fn ping_ttl_option_shows_the_replies_ttl() {
    let test = "ping_ttl_option_shows_the_replies_ttl";
    if !have_iputils(test) || !can_ping(test) {
        return;
    }
    let (ours, iputils) = ping_both(&[], &["-c", "2", "-i", "0.2", "-t", "5", "127.0.0.1"]);
    assert_eq!((ours.code, iputils.code), (Some(0), Some(0)), "{ours:?} {iputils:?}");
    assert_eq!(ping_shape(&ours.stdout), ping_shape(&iputils.stdout), "ours:\n{}", ours.stdout);
    assert!(ours.stdout.contains("icmp_seq=2 ttl=64 time="), "{}", ours.stdout);
}

/// No reply (the namespace's kernel ignores echo requests): 100% loss, exit 1, after -W.
#[cfg(target_os = "linux")]
#[test]
fn ping_without_reply_exits_1() {
    let test = "ping_without_reply_exits_1";
    if !have_iputils(test) || !can_ping(test) {
        return;
    }
    let Some(ns) = Netns::new(test) else { return };
    ns.sysctl("net.ipv4.icmp_echo_ignore_all=1");
    let (ours, iputils) =
        ping_both(&["ip", "netns", "exec", &ns.0], &["-W", "1", "-c", "1", "127.0.0.1"]);
    assert_eq!(ours.code, Some(1), "{ours:?}");
    assert_eq!(iputils.code, Some(1), "{iputils:?}");
    assert_eq!(ours.stderr, "");
    assert_eq!(ping_shape(&ours.stdout), ping_shape(&iputils.stdout), "ours:\n{}", ours.stdout);
    assert!(
        ours.stdout.contains("1 packets transmitted, 0 received, 100% packet loss"),
        "{}",
        ours.stdout
    );
    assert!(!ours.stdout.contains("rtt "), "{}", ours.stdout);

    // No route at all (the namespace has only lo): an error, exit 2, as iputils.
    let (ours, iputils) = ping_both(&["ip", "netns", "exec", &ns.0], &["-c", "1", "10.9.9.9"]);
    assert_eq!((ours.code, iputils.code), (Some(2), Some(2)), "{ours:?} {iputils:?}");
    assert_eq!(
        ours.stderr,
        "ping: connect(10.9.9.9:1025): Network is unreachable (os error 101)\n"
    );
    assert_eq!(ours.stdout, "");
}

/// ICMP errors that quote our requests: with `-t 1` the first router (a second namespace,
/// forwarding, behind a veth pair) answers "time exceeded"; both programs print a `From`
/// line per request, count them as errors and exit 1.
#[cfg(target_os = "linux")]
#[test]
fn ping_reports_time_exceeded_like_iputils() {
    let test = "ping_reports_time_exceeded_like_iputils";
    if !have_iputils(test) || !can_ping(test) {
        return;
    }
    let (Some(host), Some(router)) = (Netns::new(test), Netns::new(test)) else { return };
    let (a, b) = (format!("{}a", host.0), format!("{}b", host.0));
    let link = Command::new("ip")
        .args(["link", "add", &a, "netns", &host.0, "type", "veth", "peer", "name", &b])
        .args(["netns", &router.0])
        .status()
        .expect("ip link add");
    assert!(link.success(), "veth pair");
    host.run(&["ip", "addr", "add", "10.1.0.1/24", "dev", &a]);
    host.run(&["ip", "link", "set", &a, "up"]);
    host.run(&["ip", "route", "add", "10.2.0.0/24", "via", "10.1.0.2"]);
    router.run(&["ip", "addr", "add", "10.1.0.2/24", "dev", &b]);
    router.run(&["ip", "link", "set", &b, "up"]);
    // The router forwards 10.2.0.0/24 (back to the host: it never gets that far) and does not
    // rate-limit its ICMP errors.
    router.run(&["ip", "route", "add", "10.2.0.0/24", "via", "10.1.0.1"]);
    router.sysctl("net.ipv4.ip_forward=1");
    router.sysctl("net.ipv4.icmp_ratelimit=0");
    let (ours, iputils) = ping_both(
        &["ip", "netns", "exec", &host.0],
        &["-c", "2", "-i", "0.2", "-t", "1", "-W", "2", "10.2.0.9"],
    );
    assert_eq!((ours.code, iputils.code), (Some(1), Some(1)), "{ours:?} {iputils:?}");
    assert_eq!(ping_shape(&ours.stdout), ping_shape(&iputils.stdout), "ours:\n{}", ours.stdout);
    assert!(ours.stdout.contains("From 10.1.0.2 icmp_seq=2 Time to live exceeded\n"), "{ours:?}");
    assert!(ours.stdout.contains("2 packets transmitted, 0 received, +2 errors, 100% packet loss"));
}

/// As an unprivileged user (uid 65534, no capabilities) in a namespace whose
/// `net.ipv4.ping_group_range` admits every group: a raw socket is refused, the datagram ICMP
/// socket works, and the output is iputils' (TTL from `IP_RECVTTL`).
#[cfg(target_os = "linux")]
#[test]
fn ping_unprivileged_uses_a_datagram_socket() {
    let test = "ping_unprivileged_uses_a_datagram_socket";
    if !have_iputils(test) {
        return;
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        util::skip(test, "setpriv (util-linux) is not installed");
        return;
    }
    let Some(ns) = Netns::new(test) else { return };
    ns.sysctl("net.ipv4.ping_group_range=0 2147483647");
    // The user `nobody` must be able to run the binary: a copy in a fresh world-readable dir.
    let dir = TempDir::new("ping");
    let bin = dir.0.join("ping");
    std::fs::copy(example("ping"), &bin).expect("copy the ping example");
    let nobody = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
    ];
    let mut argv: Vec<&str> = nobody.to_vec();
    argv.extend([bin.to_str().unwrap(), "-c", "2", "-i", "0.2", "127.0.0.1"]);
    let out = ns.cmd(&argv).output().expect("ping as nobody");
    let (code, stdout) = (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    let shape = ping_shape(&stdout);
    for seq in 1..=2 {
        let line = format!("64 bytes from 127.0.0.1: icmp_seq={seq} ttl=64 time=T ms\n");
        assert!(shape.contains(&line), "{shape}");
    }
    assert!(shape.contains("2 packets transmitted, 2 received, 0% packet loss"), "{shape}");

    // With the range empty again, neither socket opens: one line that says why each failed.
    ns.sysctl("net.ipv4.ping_group_range=1 0");
    let mut argv: Vec<&str> = nobody.to_vec();
    argv.extend([bin.to_str().unwrap(), "-c", "1", "127.0.0.1"]);
    let out = ns.cmd(&argv).output().expect("ping as nobody");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("ping: raw ICMP sockets need CAP_NET_RAW"), "{stderr}");
    assert!(stderr.contains("net.ipv4.ping_group_range (1 0)"), "{stderr}");
    assert!(out.stdout.is_empty(), "{out:?}");

    // And below 2 ms between requests is for root only, as with iputils.
    let mut argv: Vec<&str> = nobody.to_vec();
    argv.extend([bin.to_str().unwrap(), "-c", "1", "-i", "0", "127.0.0.1"]);
    let out = ns.cmd(&argv).output().expect("ping -i 0 as nobody");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ping: cannot flood; minimal interval allowed for user is 2ms\n"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn ping_ipv6_loopback() {
    let test = "ping_ipv6_loopback";
    if !have_iputils(test) || !can_ping(test) || !have_ipv6(test) {
        return;
    }
    let (ours, iputils) = ping_both(&[], &["-c", "1", "::1"]);
    assert_eq!((ours.code, iputils.code), (Some(0), Some(0)), "{ours:?} {iputils:?}");
    assert_eq!(ping_shape(&ours.stdout), ping_shape(&iputils.stdout), "ours:\n{}", ours.stdout);
    assert!(
        ours.stdout
            .starts_with("PING ::1(::1) 56 data bytes\n64 bytes from ::1: icmp_seq=1 ttl=64 time="),
        "{}",
        ours.stdout
    );
}

/// Ctrl-C (SIGINT) ends an endless ping with the statistics, as iputils does.
#[cfg(target_os = "linux")]
#[test]
fn ping_ctrl_c_prints_the_statistics() {
    let test = "ping_ctrl_c_prints_the_statistics";
    if !can_ping(test) {
        return;
    }
    let mut p = Proc::example("ping", &["-i", "0.2", "127.0.0.1"]);
    assert!(p.line().starts_with("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data."));
    assert!(p.line().contains("icmp_seq=1 ttl=64 time="));
    assert!(p.line().contains("icmp_seq=2 ttl=64 time="));
    // SAFETY: kill() takes integers only; the pid is our own child, not yet reaped.
    assert_eq!(unsafe { libc::kill(p.child.id() as libc::pid_t, libc::SIGINT) }, 0);
    p.expect_exit(0);
    let out = p.stdout();
    let replies = out.lines().filter(|l| l.starts_with("64 bytes from")).count();
    let stats = out
        .lines()
        .find(|l| l.contains(" packets transmitted, "))
        .unwrap_or_else(|| panic!("no statistics after SIGINT:\n{out}"));
    let numbers: Vec<usize> = stats.split([' ', ',']).filter_map(|w| w.parse().ok()).collect();
    assert_eq!(numbers[1], replies, "{stats}");
    assert!(numbers[0] >= replies && numbers[0] <= replies + 1, "{stats}");
    assert!(out.contains("\n--- 127.0.0.1 ping statistics ---\n"), "{out}");
    assert!(out.contains("\nrtt min/avg/max/mdev = "), "{out}");
}

#[test]
fn ping_bad_arguments_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["-c", "0", "127.0.0.1"], "ping: -c: invalid count \"0\""),
        (&["-c", "x", "127.0.0.1"], "ping: -c: invalid count \"x\""),
        (&["-t", "0", "127.0.0.1"], "ping: -t: invalid TTL \"0\""),
        (&["-t", "256", "127.0.0.1"], "ping: -t: invalid TTL \"256\""),
        (&["-W", "0", "127.0.0.1"], "ping: -W: bad linger time"),
        (&["-i", "-1", "127.0.0.1"], "ping: -i: bad time \"-1\""),
        (&["-i", "NaN", "127.0.0.1"], "ping: -i: bad time \"NaN\""),
        (&["300.1.1.1"], "ping: "),
        (&["nosuch.invalid"], "ping: getaddrinfo(nosuch.invalid"),
    ];
    for (args, what) in cases {
        let out = run("ping", args, "");
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert!(out.stderr.starts_with(what), "{args:?}: want {what:?}: {out:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}: {out:?}");
    }
}

/// The fields two sniffers must agree on for one frame: length, MACs, EtherType, addresses
/// (with ports), protocol and its detail (TCP flags, UDP length, ICMP echo id/seq).
#[cfg(target_os = "linux")]
#[derive(Debug, PartialEq, Eq)]
struct FrameFields {
    len: String,
    macs: (String, String),
    ethertype: String,
    src: String,
    dst: String,
    proto: String,
    detail: String,
}

/// MAC in a canonical form (`00:1a:..`), from `ether_ntoa`'s `0:1a:..` or tcpdump's.
#[cfg(target_os = "linux")]
fn canon_mac(m: &str) -> String {
    let m = m.trim_end_matches(',');
    m.split(':')
        .map(|b| format!("{:02x}", u8::from_str_radix(b, 16).expect(m)))
        .collect::<Vec<_>>()
        .join(":")
}

/// A line of `tcpdump -nn -e` (IPv4/IPv6 TCP, UDP, ICMP, ICMPv6).
#[cfg(target_os = "linux")]
fn tcpdump_fields(line: &str) -> FrameFields {
    let w: Vec<&str> = line.split_whitespace().collect();
    // TIME SRC > DST, ethertype IPv4 (0x0800), length N: A > B: REST
    let ethertype = w[5].to_owned();
    let len = w[8].trim_end_matches(':').to_owned();
    let (src, dst) = (w[9].to_owned(), w[11].trim_end_matches(':').to_owned());
    let rest = &w[12..];
    let (proto, detail) = match rest[0] {
        "Flags" => ("TCP".to_owned(), rest[1].trim_end_matches(',').to_owned()),
        "UDP," => ("UDP".to_owned(), format!("length {}", rest[2])),
        "ICMP" => {
            let text = rest.join(" ");
            let detail = match (text.find(" id "), text.find(" seq ")) {
                (Some(i), Some(s)) => {
                    let id = text[i + 4..].split(',').next().unwrap();
                    let seq = text[s + 5..].split(',').next().unwrap();
                    format!("id {id} seq {seq}")
                }
                _ => String::new(),
            };
            ("ICMP".to_owned(), detail)
        }
        "ICMP6," => ("ICMPv6".to_owned(), String::new()),
        other => (other.to_owned(), String::new()),
    };
    FrameFields {
        len,
        macs: (canon_mac(w[1]), canon_mac(w[3])),
        ethertype,
        src,
        dst,
        proto,
        detail,
    }
}

/// A line of the sniff example.
#[cfg(target_os = "linux")]
fn sniff_fields(line: &str) -> FrameFields {
    let w: Vec<&str> = line.split_whitespace().collect();
    // LEN IFACE SRC > DST ETHERTYPE A > B PROTO ...
    let rest = &w[9..];
    let (proto, detail) = match rest[0] {
        "TCP" => ("TCP".to_owned(), rest[1].to_owned()),
        "UDP" => ("UDP".to_owned(), rest[1..3].join(" ")),
        "ICMP" => {
            let detail = match rest.iter().position(|x| *x == "id") {
                Some(i) => format!("id {} seq {}", rest[i + 1], rest[i + 3]),
                None => String::new(),
            };
            ("ICMP".to_owned(), detail)
        }
        "ICMPv6" => ("ICMPv6".to_owned(), String::new()),
        other => (other.to_owned(), String::new()),
    };
    FrameFields {
        len: w[0].to_owned(),
        macs: (canon_mac(w[2]), canon_mac(w[4])),
        ethertype: w[5].to_owned(),
        src: w[6].to_owned(),
        dst: w[8].to_owned(),
        proto,
        detail,
    }
}

/// Waits until the process `pid` holds an `AF_PACKET` socket (it is in `/proc/PID/net/packet`,
/// the namespace's list, by inode), so no frame sent afterwards can be missed.
#[cfg(target_os = "linux")]
fn wait_for_packet_socket(pid: u32, what: &str) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let inodes: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
            .map(|d| {
                d.filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
                    .filter_map(|l| {
                        let l = l.to_string_lossy().into_owned();
                        Some(l.strip_prefix("socket:[")?.trim_end_matches(']').to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let table = std::fs::read_to_string(format!("/proc/{pid}/net/packet")).unwrap_or_default();
        let bound = table.lines().skip(1).any(|row| {
            row.split_whitespace().last().is_some_and(|ino| inodes.iter().any(|i| i == ino))
        });
        if bound {
            return;
        }
        assert!(Instant::now() < deadline, "{what} never opened its packet socket");
        thread::sleep(Duration::from_millis(20));
    }
}

/// The traffic both sniffers watch: a UDP datagram to a closed port (and the ICMP port
/// unreachable it causes), a TCP connection opened and closed, the same UDP over IPv6, a ping.
#[cfg(target_os = "linux")]
const SNIFF_TRAFFIC: &str = r#"
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b"hello", ("127.0.0.1", 9))
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1)
c = socket.create_connection(l.getsockname()); a, _ = l.accept()
c.sendall(b"data"); assert a.recv(10) == b"data"
c.close(); a.close()
try:
    v = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); v.sendto(b"x", ("::1", 9))
except OSError:
    pass
"#;

#[cfg(target_os = "linux")]
#[test]
fn sniff_agrees_with_tcpdump() {
    let test = "sniff_agrees_with_tcpdump";
    if !have_python(test) {
        return;
    }
    if Command::new("tcpdump").arg("--version").output().is_err() {
        util::skip(test, "tcpdump is not installed");
        return;
    }
    if !util::have_cap_net_raw() {
        util::skip(test, "capturing needs CAP_NET_RAW");
        return;
    }
    let Some(ns) = Netns::new(test) else { return };
    // At least 2 (UDP + ICMP) + 8 (TCP: 3 handshake, data + ack, 3 closing) frames come.
    const N: &str = "10";
    let sniff = example("sniff");
    let mut ours = Proc::start("sniff", &mut ns.cmd(&[sniff.to_str().unwrap(), "lo", "-c", N]));
    let mut theirs =
        Proc::start("tcpdump", &mut ns.cmd(&["tcpdump", "-nn", "-e", "-l", "-i", "lo", "-c", N]));
    wait_for_packet_socket(ours.child.id(), "sniff");
    wait_stderr(&theirs, "listening on lo");
    wait_for_packet_socket(theirs.child.id(), "tcpdump");
    let traffic = ns.cmd(&["python3", "-c", SNIFF_TRAFFIC]).output().expect("python3");
    assert!(traffic.status.success(), "{traffic:?}");
    let status = ours.wait();
    assert!(status.success(), "sniff: {status}; stderr: {}", ours.stderr());
    let status = theirs.wait();
    assert!(status.success(), "tcpdump: {status}; stderr: {}", theirs.stderr());
    let (ours, theirs) = (ours.stdout(), theirs.stdout());
    assert_eq!(ours.lines().count(), 10, "{ours}");
    assert_eq!(theirs.lines().count(), 10, "{theirs}");
    for (a, b) in ours.lines().zip(theirs.lines()) {
        assert!(a.split_whitespace().nth(1) == Some("lo"), "{a}");
        assert_eq!(sniff_fields(a), tcpdump_fields(b), "\nsniff:   {a}\ntcpdump: {b}");
    }
    let kinds: Vec<String> = ours.lines().map(|l| sniff_fields(l).proto).collect();
    for kind in ["UDP", "ICMP", "TCP"] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} frame:\n{ours}");
    }
    assert!(ours.contains(" TCP [S] ") && ours.contains(" TCP [S.] "), "{ours}");
}

/// Two namespaces joined by a veth pair (no IPv6, so no neighbour discovery chatter).
#[cfg(target_os = "linux")]
fn veth_pair(test: &str) -> Option<(Netns, Netns, String, String)> {
    let (one, two) = (Netns::new(test)?, Netns::new(test)?);
    for ns in [&one, &two] {
        ns.sysctl("net.ipv6.conf.all.disable_ipv6=1");
        ns.sysctl("net.ipv6.conf.default.disable_ipv6=1");
    }
    let (a, b) = (format!("{}a", one.0), format!("{}b", one.0));
    let link = Command::new("ip")
        .args(["link", "add", &a, "netns", &one.0, "type", "veth", "peer", "name", &b])
        .args(["netns", &two.0])
        .status()
        .expect("ip link add");
    assert!(link.success(), "veth pair");
    one.run(&["ip", "addr", "add", "10.1.0.1/24", "dev", &a]);
    two.run(&["ip", "addr", "add", "10.1.0.2/24", "dev", &b]);
    one.run(&["ip", "link", "set", &a, "up"]);
    two.run(&["ip", "link", "set", &b, "up"]);
    Some((one, two, a, b))
}

/// The MAC address of `dev` in `ns` (from `ip link show`), canonical form.
#[cfg(target_os = "linux")]
fn mac_of(ns: &Netns, dev: &str) -> String {
    let out = ns.cmd(&["ip", "link", "show", dev]).output().expect("ip link show");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let at = text.find("link/ether ").unwrap_or_else(|| panic!("no MAC for {dev}: {text}"));
    canon_mac(text[at + 11..].split_whitespace().next().unwrap())
}

/// On every interface (no IFACE) over a veth pair: the ARP exchange and the ping that follows,
/// with the interface's name, the real MACs (in `ether_ntoa` form), the direction (`out` for
/// what this host sends, `broadcast` is never ours to mark on a sent frame), ARP and ICMP.
#[cfg(target_os = "linux")]
#[test]
fn sniff_all_interfaces_over_a_veth_pair() {
    let test = "sniff_all_interfaces_over_a_veth_pair";
    if !util::have_cap_net_raw() {
        util::skip(test, "capturing needs CAP_NET_RAW");
        return;
    }
    let Some((one, two, a, b)) = veth_pair(test) else { return };
    let (mac_a, mac_b) = (mac_of(&one, &a), mac_of(&two, &b));
    let sniff = example("sniff");
    let mut p = Proc::start("sniff", &mut one.cmd(&[sniff.to_str().unwrap(), "-c", "4"]));
    wait_for_packet_socket(p.child.id(), "sniff");
    let ping = example("ping");
    let out = one.cmd(&[ping.to_str().unwrap(), "-c", "1", "10.1.0.2"]).output().expect("ping");
    assert!(out.status.success(), "{out:?}");
    p.expect_exit(0);
    let text = p.stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    let f: Vec<Vec<&str>> = lines.iter().map(|l| l.split_whitespace().collect()).collect();
    // 42 IFACE out MAC > ff:ff:ff:ff:ff:ff ARP who-has 10.1.0.2 tell 10.1.0.1
    assert_eq!(&f[0][..3], &["42", a.as_str(), "out"], "{}", lines[0]);
    assert_eq!(canon_mac(f[0][3]), mac_a, "{}", lines[0]);
    assert_eq!(f[0][5], "ff:ff:ff:ff:ff:ff", "{}", lines[0]);
    assert_eq!(&f[0][6..], &["ARP", "who-has", "10.1.0.2", "tell", "10.1.0.1"], "{}", lines[0]);
    // 42 IFACE MAC_B > MAC_A ARP reply 10.1.0.2 is-at MAC_B
    assert_eq!(&f[1][..2], &["42", a.as_str()], "{}", lines[1]);
    assert_eq!((canon_mac(f[1][2]), canon_mac(f[1][4])), (mac_b.clone(), mac_a.clone()));
    assert_eq!(&f[1][5..8], &["ARP", "reply", "10.1.0.2"], "{}", lines[1]);
    assert_eq!(canon_mac(f[1][9]), mac_b, "{}", lines[1]);
    // The echo request (out) and its reply, 98 bytes each.
    assert_eq!(&f[2][..3], &["98", a.as_str(), "out"], "{}", lines[2]);
    assert_eq!((canon_mac(f[2][3]), canon_mac(f[2][5])), (mac_a.clone(), mac_b.clone()));
    assert_eq!(&f[2][6..14], &["IPv4", "10.1.0.1", ">", "10.1.0.2", "ICMP", "type", "8", "code"]);
    assert_eq!(&f[3][..2], &["98", a.as_str()], "{}", lines[3]);
    assert_eq!((canon_mac(f[3][2]), canon_mac(f[3][4])), (mac_b, mac_a));
    assert_eq!(&f[3][5..13], &["IPv4", "10.1.0.2", ">", "10.1.0.1", "ICMP", "type", "0", "code"]);
    // The same identifier and sequence number in request and reply.
    assert_eq!(lines[2].rsplit_once(" id ").unwrap().1, lines[3].rsplit_once(" id ").unwrap().1);
}

#[test]
fn sniff_bad_arguments_exit_1() {
    for (args, what) in [
        (&["nosuch0"][..], "sniff: nosuch0: if_nametoindex: No such device"),
        (&["-c", "0"][..], "sniff: -c: invalid count \"0\""),
        (&["lo", "-c", "x"][..], "sniff: -c: invalid count \"x\""),
    ] {
        let out = run("sniff", args, "");
        assert_eq!(out.code, Some(1), "{args:?}: {out:?}");
        assert!(out.stderr.starts_with(what), "{args:?}: want {what:?}: {out:?}");
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}: {out:?}");
    }
}

/// Frames that are cut short or wrong, written on `lo` with a Python packet socket: each gives
/// a line with what could be decoded and the problem; nothing panics.
#[cfg(target_os = "linux")]
const SNIFF_MALFORMED: &str = r#"
import socket, struct
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("lo", 0))
eth = bytes(6) + bytes(6)
def csum(b):
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while t >> 16: t = (t & 0xffff) + (t >> 16)
    return ~t & 0xffff
def ip(total, proto, good=True):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 1, 0, 64, proto, 0,
                    bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    c = csum(h) if good else 0x1234
    return h[:10] + struct.pack("!H", c) + h[12:]
# 1. IPv4 + UDP header, but the IP total length claims 100 bytes: cut short.
s.send(eth + b"\x08\x00" + ip(100, 17) + struct.pack("!HHHH", 1234, 53, 80, 0))
# 2. A whole IPv4 + UDP packet with a wrong IP header checksum.
s.send(eth + b"\x08\x00" + ip(28, 17, good=False) + struct.pack("!HHHH", 1234, 53, 8, 0))
# 3. Only 5 bytes of an IPv4 header.
s.send(eth + b"\x08\x00" + b"\x45\x00\x00\x54\x00")
# 4. An EtherType nobody decodes.
s.send(eth + b"\x88\xb5" + b"hello")
# 5. An ICMP echo request with a wrong ICMP checksum.
s.send(eth + b"\x08\x00" + ip(28, 1) + struct.pack("!BBHHH", 8, 0, 0xbeef, 7, 1))
"#;

#[cfg(target_os = "linux")]
#[test]
fn sniff_reports_malformed_frames() {
    let test = "sniff_reports_malformed_frames";
    if !have_python(test) {
        return;
    }
    if !util::have_cap_net_raw() {
        util::skip(test, "capturing needs CAP_NET_RAW");
        return;
    }
    let Some(ns) = Netns::new(test) else { return };
    let sniff = example("sniff");
    let mut p = Proc::start("sniff", &mut ns.cmd(&[sniff.to_str().unwrap(), "lo", "-c", "5"]));
    wait_for_packet_socket(p.child.id(), "sniff");
    let sent = ns.cmd(&["python3", "-c", SNIFF_MALFORMED]).output().expect("python3");
    assert!(sent.status.success(), "{sent:?}");
    p.expect_exit(0);
    let out = p.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    let ends = |i: usize, tail: &str| assert!(lines[i].ends_with(tail), "line {i}: {}", lines[i]);
    assert!(lines[0].starts_with("42 lo 0:0:0:0:0:0 > 0:0:0:0:0:0 IPv4 "), "{}", lines[0]);
    ends(0, " IPv4 10.0.0.1.1234 > 10.0.0.2.53 UDP [truncated]");
    ends(1, " IPv4 10.0.0.1.1234 > 10.0.0.2.53 UDP length 0 [bad checksum]");
    ends(2, " IPv4 [truncated]");
    ends(3, " 0x88b5");
    ends(4, " IPv4 10.0.0.1 > 10.0.0.2 ICMP type 8 code 0 id 7 seq 1 [bad checksum]");
    assert_eq!(p.stderr(), "");
}

/// Without CAP_NET_RAW: one line on stderr that says what is missing, exit 1.
#[cfg(target_os = "linux")]
#[test]
fn sniff_without_cap_net_raw_says_so() {
    let test = "sniff_without_cap_net_raw_says_so";
    if Command::new("setpriv").arg("--version").output().is_err() {
        util::skip(test, "setpriv (util-linux) is not installed");
        return;
    }
    let dir = TempDir::new("sniff");
    let bin = dir.0.join("sniff");
    std::fs::copy(example("sniff"), &bin).expect("copy the sniff example");
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"])
        .args(["--bounding-set=-all"])
        .arg(&bin)
        .args(["lo", "-c", "1"])
        .output()
        .expect("setpriv");
    if !out.status.success() && out.stderr.starts_with(b"setpriv:") {
        util::skip(test, "setpriv cannot change the user here (not root)");
        return;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("sniff: socket: Operation not permitted"), "{stderr}");
    assert!(stderr.contains("CAP_NET_RAW"), "{stderr}");
    assert!(out.stdout.is_empty(), "{out:?}");
}
