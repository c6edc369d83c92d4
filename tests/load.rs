//! Load and fault tests of the example servers (issue 13): `echo_server` under 200 concurrent
//! clients, clients that misbehave (reset mid-transfer, half-close, never read), `accept`
//! hitting EMFILE, and `udp_echo_server` under a 10,000-datagram burst in a network namespace of
//! its own, where the kernel's UDP counters account for every datagram that was not echoed.
//!
//! These are tests, not benchmarks: nothing here asserts a speed. Each test prints its figures
//! with `eprintln!` (see them with `cargo test --test load -- --nocapture`). `HANG` only stops a
//! hung test. The one bound on a measured quantity is the EMFILE test's spin check, a behaviour
//! check (the server must not busy-loop while it cannot accept) with a generous bound: over the
//! 2 s it waits, the server's CPU time and the time its accept loop was runnable (on a CPU or
//! waiting for one, which shows a busy loop even on a loaded machine) both stay under 1 s.
//!
//! The servers are the real example binaries (built once by `util::example_bin`), started as
//! child processes owned by a guard that kills and reaps them on drop. The clients are the
//! crate's own `Socket`s, non-blocking and driven by `poll`, so a client never blocks in `send`
//! while the server waits for it to read: no deadlock whatever the socket buffer sizes.
//!
//! Linux only: the checks read /proc (a process's descriptors, its CPU time, the UDP counters of
//! a namespace) and the UDP test makes its namespace with `unshare -n`.
#![cfg(target_os = "linux")]

mod util;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use berkeley::sockopt::Linger;
use berkeley::{poll, Domain, PollFd, PollFlags, Protocol, Shutdown, SockAddr, Socket, Type};

/// The examples this file runs (built together, once).
const EXAMPLES: &[&str] = &["echo_server", "udp_echo_server"];

/// How long any single step may take before the test is declared hung (a loaded 2-core machine
/// runs several test binaries at once). Not a speed requirement.
const HANG: Duration = Duration::from_secs(120);

/// The load test: this many clients at once, each sending this many messages of 1 to
/// `MAX_MESSAGE` bytes.
const CLIENTS: usize = 200;
const MESSAGES: usize = 200;
const MAX_MESSAGE: usize = 64 * 1024;

/// The UDP burst: this many datagrams, as fast as one thread can send them.
const DATAGRAMS: usize = 10_000;

/// The descriptor limit the EMFILE test gives `echo_server`.
const FD_LIMIT: usize = 32;

/// The tests of this file run one at a time: each loads the machine on its own, and the EMFILE
/// test's CPU figure is clearer without 200 other clients around.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Random data (seeded: every run sends the same bytes)
// ---------------------------------------------------------------------------------------------

/// xorshift64* — tiny, seeded, good enough to pick sizes, offsets and bytes.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread small seeds over the state (splitmix64's finaliser); the state is never 0.
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| (self.next() >> 56) as u8).collect()
    }
}

/// `count` messages of `lo..=hi` bytes, each a slice of `pool` at a random offset (so
/// consecutive messages differ and a reordered or misplaced byte shows).
fn messages(pool: &[u8], rng: &mut Rng, count: usize, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    (0..count)
        .map(|_| {
            let len = rng.range(lo, hi);
            (rng.range(0, pool.len() - len), len)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// A server process
// ---------------------------------------------------------------------------------------------

/// A running example server: its address (from its `listening on ADDR` line) and its stderr,
/// collected as it comes (a server that logs every connection must never block on a full pipe).
/// Killed and reaped on drop.
struct Server {
    name: String,
    child: Child,
    addr: SockAddr,
    stderr: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

impl Server {
    /// Starts example `name` with `args`.
    fn example(name: &str, args: &[&str]) -> Server {
        Server::start(name, Command::new(util::example_bin(name, EXAMPLES)).args(args))
    }

    /// Starts `cmd` (an example, possibly behind `sh` or `unshare`) and waits for its
    /// `listening on ADDR` line.
    fn start(name: &str, cmd: &mut Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {name}: {e}"));
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("stderr");
        let all = Arc::clone(&stderr);
        let err_reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                all.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, first_line) = mpsc::channel();
        let out_reader = thread::spawn(move || {
            let mut line = String::new();
            let _ = out.read_line(&mut line);
            let _ = tx.send(line);
            // Keep draining: anything more on stdout is not expected, but must not block it.
            let _ = std::io::copy(&mut out, &mut std::io::sink());
        });
        let mut server = Server {
            name: name.to_string(),
            child,
            addr: util::lo4(),
            stderr,
            readers: vec![err_reader, out_reader],
        };
        let line = first_line.recv_timeout(HANG).unwrap_or_else(|e| {
            panic!("{name}: no `listening on` line ({e}); stderr: {}", server.stderr())
        });
        let addr = line.trim_end().strip_prefix("listening on ").unwrap_or_else(|| {
            panic!(
                "{name}: expected `listening on ADDR`, got {line:?}; stderr: {}",
                server.stderr()
            )
        });
        server.addr = addr.parse().unwrap_or_else(|e| panic!("{name}: bad address {addr}: {e}"));
        server
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The descriptors the server has open (`/proc/PID/fd`), in no particular order.
    fn fd_numbers(&self) -> Vec<usize> {
        let dir = format!("/proc/{}/fd", self.pid());
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
        entries.map(|e| e.unwrap().file_name().to_str().unwrap().parse().unwrap()).collect()
    }

    /// The number of descriptors the server has open.
    fn fds(&self) -> usize {
        self.fd_numbers().len()
    }

    /// Waits until the server has `want` descriptors open (connection threads close theirs
    /// after logging `closed`); returns the count it settled on.
    fn wait_fds(&self, want: usize) -> usize {
        let deadline = Instant::now() + HANG;
        loop {
            let now = self.fds();
            if now == want || Instant::now() > deadline {
                return now;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The CPU time (user + system) the server has used so far (`/proc/PID/stat`).
    fn cpu(&self) -> Duration {
        let path = format!("/proc/{}/stat", self.pid());
        let stat = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // Fields after the command name (which may hold spaces) start with field 3, `state`;
        // utime and stime are fields 14 and 15, in clock ticks.
        let rest = &stat[stat.rfind(')').expect("(comm)") + 1..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        // SAFETY: sysconf takes an integer and only reads a system constant.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
        assert!(hz > 0, "sysconf(_SC_CLK_TCK) = {hz}");
        Duration::from_secs_f64(ticks as f64 / hz as f64)
    }

    /// How long the server's main thread (the accept loop) has been runnable so far: on a CPU
    /// or waiting for one (`/proc/PID/task/PID/schedstat`; `None` without CONFIG_SCHED_INFO).
    /// Unlike CPU time, this shows a busy loop even when other processes keep it off the CPU.
    fn runnable(&self) -> Option<Duration> {
        let path = format!("/proc/{0}/task/{0}/schedstat", self.pid());
        let stat = std::fs::read_to_string(path).ok()?;
        let mut fields = stat.split_whitespace().map(|f| f.parse::<u64>().ok());
        let (on_cpu, waiting) = (fields.next()??, fields.next()??);
        Some(Duration::from_nanos(on_cpu + waiting))
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// How many stderr lines contain `what`.
    fn lines_with(&self, what: &str) -> usize {
        self.stderr().lines().filter(|l| l.contains(what)).count()
    }

    /// Waits until at least `n` stderr lines contain `what` (servers log asynchronously).
    fn wait_lines(&self, what: &str, n: usize) {
        let deadline = Instant::now() + HANG;
        while self.lines_with(what) < n {
            assert!(
                Instant::now() < deadline,
                "{}: fewer than {n} stderr lines with {what:?}: {}",
                self.name,
                tail(&self.stderr())
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Asserts that the server still runs and has not panicked.
    fn assert_alive(&mut self) {
        let status = self.child.try_wait().expect("try_wait");
        let stderr = self.stderr();
        assert!(status.is_none(), "{} exited ({status:?}): {}", self.name, tail(&stderr));
        assert!(!stderr.contains("panicked"), "{} panicked: {}", self.name, tail(&stderr));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
    }
}

/// The last lines of a (possibly long) log, for failure messages.
fn tail(log: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

// ---------------------------------------------------------------------------------------------
// TCP clients
// ---------------------------------------------------------------------------------------------

fn connect(addr: &SockAddr) -> Socket {
    try_connect(addr).unwrap_or_else(|e| panic!("{e}"))
}

fn try_connect(addr: &SockAddr) -> Result<Socket, String> {
    let sock = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).map_err(|e| e.to_string())?;
    sock.connect(addr).map_err(|e| format!("connect to {addr}: {e}"))?;
    Ok(sock)
}

/// Sends `msgs` (pipelined) while reading the echo and checking it byte for byte, half-closes
/// once everything is sent, and expects the server's end-of-file after the last echoed byte.
/// Returns the number of bytes echoed.
fn exchange(sock: &Socket, msgs: &[&[u8]]) -> Result<u64, String> {
    sock.set_nonblocking(true).map_err(|e| e.to_string())?;
    let total: usize = msgs.iter().map(|m| m.len()).sum();
    let (mut send_msg, mut send_off) = (0, 0);
    let (mut recv_msg, mut recv_off, mut received) = (0, 0, 0);
    let mut shut = false;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        while send_msg < msgs.len() && send_off == msgs[send_msg].len() {
            (send_msg, send_off) = (send_msg + 1, 0);
        }
        if send_msg == msgs.len() && !shut {
            sock.shutdown(Shutdown::WRITE).map_err(|e| format!("shutdown: {e}"))?;
            shut = true;
        }
        let events = if shut { PollFlags::IN } else { PollFlags::IN | PollFlags::OUT };
        let mut fds = [PollFd::new(sock, events)];
        if poll(&mut fds, Some(HANG)).map_err(|e| e.to_string())? == 0 {
            return Err(format!("stalled: {received} of {total} bytes echoed"));
        }
        let ready = fds[0].revents();
        if !shut && ready.intersects(PollFlags::OUT | PollFlags::ERR | PollFlags::HUP) {
            match sock.send(&msgs[send_msg][send_off..]) {
                Ok(n) => send_off += n,
                Err(e) if e.is_would_block() => {}
                Err(e) => return Err(format!("send after {received} bytes echoed: {e}")),
            }
        }
        if ready.intersects(PollFlags::IN | PollFlags::ERR | PollFlags::HUP) {
            let n = match sock.recv(&mut buf) {
                Ok(0) if received == total => return Ok(total as u64),
                Ok(0) => return Err(format!("end-of-file after {received} of {total} bytes")),
                Ok(n) => n,
                Err(e) if e.is_would_block() => continue,
                Err(e) => return Err(format!("recv after {received} of {total} bytes: {e}")),
            };
            let mut got = &buf[..n];
            while !got.is_empty() {
                let Some(msg) = msgs.get(recv_msg) else {
                    return Err(format!("{} bytes more than the {total} sent", got.len()));
                };
                let take = got.len().min(msg.len() - recv_off);
                if got[..take] != msg[recv_off..recv_off + take] {
                    return Err(format!(
                        "echo differs in message {recv_msg} at byte {recv_off}..{}",
                        recv_off + take
                    ));
                }
                (got, recv_off, received) = (&got[take..], recv_off + take, received + take);
                while recv_msg < msgs.len() && recv_off == msgs[recv_msg].len() {
                    (recv_msg, recv_off) = (recv_msg + 1, 0);
                }
            }
        }
    }
}

/// A fresh client sends `len` random bytes and gets them back: the server still serves.
fn check_serves(server: &Server, len: usize, seed: u64) {
    let data = Rng::new(seed).bytes(len);
    let sock = connect(&server.addr);
    let echoed = exchange(&sock, &[&data[..]]).unwrap_or_else(|e| {
        panic!(
            "{}: a new client is not served: {e}; stderr: {}",
            server.name,
            tail(&server.stderr())
        )
    });
    assert_eq!(echoed, len as u64);
}

/// Sends on a non-blocking `sock` without reading until the socket buffers on both sides are
/// full — the server is then blocked sending the echo back; returns the bytes sent.
fn fill_until_blocked(sock: &Socket) -> usize {
    sock.set_nonblocking(true).unwrap();
    let chunk = vec![0x5a; 64 * 1024];
    let mut sent = 0;
    loop {
        match sock.send(&chunk) {
            Ok(n) => sent += n,
            Err(e) if e.is_would_block() => return sent,
            Err(e) => panic!("send: {e}"),
        }
    }
}

/// The address `sock` is bound to, as the server logs it (`connected 127.0.0.1:PORT`).
fn local(sock: &Socket) -> String {
    sock.getsockname().unwrap().to_string()
}

// ---------------------------------------------------------------------------------------------
// echo_server
// ---------------------------------------------------------------------------------------------

/// 200 clients at once, each sending 200 messages of 1 byte to 64 KiB: every byte comes back in
/// order, every connection is logged and closed, and the server's descriptor count returns to
/// where it was before the first client.
#[test]
fn echo_server_under_200_concurrent_clients() {
    let _serial = one_at_a_time();
    let mut server = Server::example("echo_server", &["127.0.0.1:0"]);
    let baseline = server.fds();
    let pool = Arc::new(Rng::new(13).bytes(4 * MAX_MESSAGE));

    let start = Instant::now();
    let clients: Vec<JoinHandle<Result<u64, String>>> = (0..CLIENTS)
        .map(|c| {
            let pool = Arc::clone(&pool);
            let addr = server.addr;
            thread::Builder::new()
                .name(format!("client {c}"))
                .stack_size(256 * 1024)
                .spawn(move || {
                    let mut rng = Rng::new(1000 + c as u64);
                    let spans = messages(&pool, &mut rng, MESSAGES, 1, MAX_MESSAGE);
                    let msgs: Vec<&[u8]> = spans.iter().map(|&(o, l)| &pool[o..o + l]).collect();
                    let sock = try_connect(&addr)?;
                    exchange(&sock, &msgs).map_err(|e| format!("client {c}: {e}"))
                })
                .expect("spawning a client thread")
        })
        .collect();
    let results: Vec<Result<u64, String>> =
        clients.into_iter().map(|c| c.join().expect("client thread panicked")).collect();
    let elapsed = start.elapsed();
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {CLIENTS} clients failed, first: {:?}; server stderr: {}",
        failures.len(),
        &failures[..failures.len().min(5)],
        tail(&server.stderr())
    );
    let bytes: u64 = results.iter().map(|r| *r.as_ref().unwrap()).sum();

    server.wait_lines("closed ", CLIENTS);
    assert_eq!(server.lines_with("connected "), CLIENTS, "{}", tail(&server.stderr()));
    assert_eq!(
        server.lines_with("echo_server: "),
        0,
        "no client failed, so the server reports nothing: {}",
        tail(&server.stderr())
    );
    let after = server.wait_fds(baseline);
    assert_eq!(
        after, baseline,
        "echo_server leaked descriptors ({baseline} before, {after} after)"
    );
    server.assert_alive();

    let secs = elapsed.as_secs_f64();
    let mib = bytes as f64 / (1024.0 * 1024.0);
    eprintln!(
        "load: echo_server, {CLIENTS} clients x {MESSAGES} messages of 1..=64 KiB: \
         {mib:.0} MiB each way in {secs:.1} s = {:.0} messages/s, {:.0} MiB/s echoed; \
         server fds {baseline} before and after",
        (CLIENTS * MESSAGES) as f64 / secs,
        mib / secs,
    );
}

/// Clients that reset the connection (SO_LINGER 0, then close) while the server is sending to
/// them, while it waits for more, or right after connecting: the server reports the error for
/// that client, closes its end, and serves the next client; nothing leaks.
#[test]
fn echo_server_survives_clients_that_reset() {
    let _serial = one_at_a_time();
    let mut server = Server::example("echo_server", &["127.0.0.1:0"]);
    let baseline = server.fds();

    // Mid-transfer: the server is blocked sending the echo back when the reset arrives.
    let blocked = connect(&server.addr);
    let name = local(&blocked);
    assert!(fill_until_blocked(&blocked) > 0);
    blocked.setsockopt(Linger, Some(Duration::ZERO)).unwrap();
    drop(blocked);
    server.wait_lines(&format!("closed {name}"), 1);
    assert_eq!(server.lines_with(&format!("echo_server: {name}: ")), 1, "{}", server.stderr());

    // While the server waits in recv: the echo came back (unread) and then the reset.
    let idle = connect(&server.addr);
    let name = local(&idle);
    idle.sendall(b"then reset").unwrap();
    thread::sleep(Duration::from_millis(100)); // let the echo come back (not required)
    idle.setsockopt(Linger, Some(Duration::ZERO)).unwrap();
    drop(idle);
    server.wait_lines(&format!("closed {name}"), 1);
    assert_eq!(server.lines_with(&format!("echo_server: {name}: ")), 1, "{}", server.stderr());

    // Right after connecting, perhaps before the server has accepted: 50 of them at once.
    let burst: Vec<Socket> = (0..50).map(|_| connect(&server.addr)).collect();
    for sock in burst {
        sock.setsockopt(Linger, Some(Duration::ZERO)).unwrap();
    }
    server.wait_lines("closed ", 52);

    check_serves(&server, 1 << 20, 1);
    let after = server.wait_fds(baseline);
    assert_eq!(after, baseline, "descriptors leaked ({baseline} before, {after} after)");
    server.assert_alive();
}

/// A client that shuts down its sending side (`shutdown(SHUT_WR)`) before reading gets the
/// whole echo and then end-of-file; the server treats it as a normal close, not an error.
#[test]
fn echo_server_half_close() {
    let _serial = one_at_a_time();
    let mut server = Server::example("echo_server", &["127.0.0.1:0"]);
    let baseline = server.fds();

    // Send, shut down writing, and only then read.
    let data = Rng::new(2).bytes(20_000);
    let sock = connect(&server.addr);
    let name = local(&sock);
    sock.sendall(&data).unwrap();
    sock.shutdown(Shutdown::WRITE).unwrap();
    sock.settimeout(Some(HANG)).unwrap();
    let mut echoed = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match sock.recv(&mut buf).unwrap() {
            0 => break,
            n => echoed.extend_from_slice(&buf[..n]),
        }
    }
    assert!(echoed == data, "{} bytes echoed of {}", echoed.len(), data.len());
    server.wait_lines(&format!("closed {name}"), 1);
    drop(sock);

    // Nothing sent at all: end-of-file straight away.
    let sock = connect(&server.addr);
    sock.shutdown(Shutdown::WRITE).unwrap();
    sock.settimeout(Some(HANG)).unwrap();
    assert_eq!(sock.recv(&mut buf).unwrap(), 0);
    drop(sock);

    // Half-close while the echo is still flowing (4 MiB: far more than the buffers hold).
    let data = Rng::new(3).bytes(4 << 20);
    let sock = connect(&server.addr);
    assert_eq!(exchange(&sock, &[&data[..]]), Ok(data.len() as u64));
    drop(sock);

    server.wait_lines("closed ", 3);
    assert_eq!(server.lines_with("echo_server: "), 0, "a half-close is not an error");
    let after = server.wait_fds(baseline);
    assert_eq!(after, baseline, "descriptors leaked ({baseline} before, {after} after)");
    server.assert_alive();
}

/// A client that sends but never reads blocks the thread serving it (the echo cannot go
/// anywhere), and only that thread: other clients are served meanwhile. When it finally closes,
/// the server drops the connection.
#[test]
fn echo_server_client_that_never_reads() {
    let _serial = one_at_a_time();
    let mut server = Server::example("echo_server", &["127.0.0.1:0"]);
    let baseline = server.fds();

    let stuck = connect(&server.addr);
    let name = local(&stuck);
    let sent = fill_until_blocked(&stuck);
    assert!(sent > 0);

    // Ten others, at once, while the server is blocked on `stuck`.
    let others: Vec<JoinHandle<Result<u64, String>>> = (0..10)
        .map(|c| {
            let addr = server.addr;
            thread::spawn(move || {
                let data = Rng::new(100 + c).bytes(256 * 1024);
                exchange(&try_connect(&addr)?, &[&data[..]])
            })
        })
        .collect();
    for other in others {
        assert_eq!(other.join().unwrap(), Ok(256 * 1024), "{}", tail(&server.stderr()));
    }
    assert_eq!(server.lines_with(&format!("closed {name}")), 0, "the stuck client is still served");
    assert_eq!(server.wait_fds(baseline + 1), baseline + 1, "only the stuck connection is open");

    // It closes with unread data, which resets the connection: the blocked send fails.
    drop(stuck);
    server.wait_lines(&format!("closed {name}"), 1);
    check_serves(&server, 1 << 16, 4);
    let after = server.wait_fds(baseline);
    assert_eq!(after, baseline, "descriptors leaked ({baseline} before, {after} after)");
    server.assert_alive();
    eprintln!("load: a client that never reads had {sent} bytes in flight; 10 others were served");
}

/// `accept` failing with EMFILE (the server's RLIMIT_NOFILE lowered to 32 and every descriptor
/// in use): the server reports it once, does not spin while it waits (its CPU time, and the
/// time its accept loop was runnable, stay under half the wall time), and serves the clients
/// that queued up once descriptors are free again.
#[test]
fn echo_server_accept_emfile() {
    let _serial = one_at_a_time();
    let bin = util::example_bin("echo_server", EXAMPLES);
    let mut server = Server::start(
        "echo_server",
        Command::new("sh")
            .args(["-c", &format!("ulimit -n {FD_LIMIT} && exec \"$0\" \"$@\"")])
            .arg(bin)
            .arg("127.0.0.1:0"),
    );
    let baseline = server.fds();

    // More clients than the server can hold: the kernel completes their handshakes (the listen
    // backlog is 128), the server accepts until its descriptors run out.
    let mut held: Vec<Socket> = (0..FD_LIMIT + 8).map(|_| connect(&server.addr)).collect();
    server.wait_lines("Too many open files", 1);
    let accepted = server.lines_with("connected ");
    // (It may have inherited descriptors above the limit too.)
    let open = server.fd_numbers();
    assert!((0..FD_LIMIT).all(|fd| open.contains(&fd)), "EMFILE with a free descriptor: {open:?}");

    // While it cannot accept: no busy loop, no flood of messages. The CPU time alone would not
    // show a busy loop on a loaded machine (it gets what the scheduler gives it); the time the
    // accept loop was runnable does.
    let (cpu_before, runnable_before) = (server.cpu(), server.runnable());
    let wall = Instant::now();
    thread::sleep(Duration::from_secs(2));
    let (cpu, wall) = (server.cpu() - cpu_before, wall.elapsed());
    assert!(cpu < wall / 2, "echo_server spins while accept fails: {cpu:?} of CPU in {wall:?}");
    let runnable = runnable_before.zip(server.runnable()).map(|(before, now)| now - before);
    if let Some(runnable) = runnable {
        assert!(
            runnable < wall / 2,
            "echo_server spins while accept fails: its accept loop was runnable {runnable:?} of \
             {wall:?}"
        );
    }
    let reports = server.lines_with("Too many open files");
    assert_eq!(
        reports,
        1,
        "EMFILE is reported once, not {reports} times: {}",
        tail(&server.stderr())
    );

    // Free 20 descriptors: the server accepts the clients that waited in the backlog and serves
    // them, and new ones.
    held.drain(..20);
    let served = held.len();
    for (i, sock) in held.iter().enumerate() {
        let data = Rng::new(200 + i as u64).bytes(10_000);
        assert_eq!(exchange(sock, &[&data[..]]), Ok(10_000), "{}", tail(&server.stderr()));
    }
    check_serves(&server, 1 << 16, 5);
    drop(held);
    let after = server.wait_fds(baseline);
    assert_eq!(after, baseline, "descriptors leaked ({baseline} before, {after} after)");
    server.assert_alive();
    eprintln!(
        "load: echo_server at EMFILE (RLIMIT_NOFILE {FD_LIMIT}, {accepted} clients accepted, {} \
         queued) used {} ms of CPU in {} ms (runnable {}) and reported it in {reports} line; \
         once 20 descriptors were free it served the {served} clients left and a new one",
        FD_LIMIT + 8 - accepted,
        cpu.as_millis(),
        wall.as_millis(),
        runnable.map_or("unknown".into(), |r| format!("{} ms", r.as_millis())),
    );
}

// ---------------------------------------------------------------------------------------------
// udp_echo_server
// ---------------------------------------------------------------------------------------------

/// The `Udp:` counters of this process's network namespace (`/proc/self/net/snmp`).
fn udp_counters() -> Vec<(String, u64)> {
    let snmp = std::fs::read_to_string("/proc/self/net/snmp").expect("/proc/self/net/snmp");
    let mut udp = snmp.lines().filter(|l| l.starts_with("Udp: "));
    let (names, values) = (udp.next().expect("Udp: header"), udp.next().expect("Udp: values"));
    names
        .split_whitespace()
        .zip(values.split_whitespace())
        .skip(1)
        .map(|(n, v)| (n.to_string(), v.parse().expect("a counter")))
        .collect()
}

fn counter(counters: &[(String, u64)], name: &str) -> u64 {
    counters.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no Udp {name}")).1
}

/// `udp_echo_server` under a 10,000-datagram burst, in a network namespace made for it (so the
/// kernel's UDP counters are this test's alone): every datagram is either echoed byte for byte
/// or counted by the kernel as dropped for a full socket buffer (`RcvbufErrors`) — the server
/// loses nothing else — and it keeps serving afterwards.
#[test]
fn udp_echo_server_burst() {
    let _serial = one_at_a_time();
    let probe = Command::new("unshare").args(["-n", "ip", "link", "set", "lo", "up"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return util::skip(
            "udp_echo_server_burst",
            "cannot make a network namespace (needs root, unshare and iproute2)",
        );
    }
    let bin = util::example_bin("udp_echo_server", EXAMPLES);
    let out = Command::new("unshare")
        .args([
            "-n",
            "sh",
            "-c",
            "ip link set lo up && exec \"$0\" --exact udp_burst_in_namespace --ignored \
             --nocapture --test-threads=1",
        ])
        .arg(std::env::current_exe().unwrap())
        .env("BERKELEY_LOAD_NETNS", "1")
        .env("BERKELEY_UDP_ECHO_SERVER", bin)
        .output()
        .expect("running unshare");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the test inside the namespace failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let figures = stdout.lines().find_map(|l| l.find("load: udp_echo_server").map(|at| &l[at..]));
    eprintln!("{}", figures.expect("the inner test printed its figures"));
}

/// The burst itself; run by [`udp_echo_server_burst`] inside the namespace it makes.
#[test]
#[ignore = "run by udp_echo_server_burst inside the network namespace it creates"]
fn udp_burst_in_namespace() {
    assert!(std::env::var_os("BERKELEY_LOAD_NETNS").is_some(), "run through udp_echo_server_burst");
    let bin = std::env::var_os("BERKELEY_UDP_ECHO_SERVER").expect("BERKELEY_UDP_ECHO_SERVER");
    let mut server = Server::start("udp_echo_server", Command::new(bin).arg("127.0.0.1:0"));

    // Datagram i: i as 4 little-endian bytes, then a slice of the pool (4 to 4096 bytes in all).
    let pool = Arc::new(Rng::new(14).bytes(8192));
    let spans = Arc::new(messages(&pool, &mut Rng::new(15), DATAGRAMS, 0, 4092));
    let datagram = |pool: &[u8], spans: &[(usize, usize)], i: usize| {
        let (off, len) = spans[i];
        let mut d = (i as u32).to_le_bytes().to_vec();
        d.extend_from_slice(&pool[off..off + len]);
        d
    };

    let sock = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    sock.bind("127.0.0.1:0").unwrap();
    let before = udp_counters();

    // The receiver: checks each reply, stops once every datagram is accounted for (echoed, or
    // counted by the kernel as dropped).
    let rx = sock.dup().unwrap();
    rx.settimeout(Some(Duration::from_millis(100))).unwrap();
    let sent_all = Arc::new(AtomicBool::new(false));
    let receiver = {
        let (pool, spans, sent_all, server_addr) =
            (Arc::clone(&pool), Arc::clone(&spans), Arc::clone(&sent_all), server.addr);
        let rcvbuf_errors = counter(&before, "RcvbufErrors");
        thread::spawn(move || -> Result<usize, String> {
            let mut seen = vec![false; DATAGRAMS];
            let mut replies = 0;
            let mut buf = vec![0u8; 65_536];
            let deadline = Instant::now() + HANG;
            loop {
                match rx.recvfrom(&mut buf) {
                    Ok((n, from)) => {
                        if from != server_addr {
                            return Err(format!("a reply from {from}, not {server_addr}"));
                        }
                        let i = u32::from_le_bytes(buf[..4].try_into().unwrap()) as usize;
                        if i >= DATAGRAMS || seen[i] || buf[..n] != datagram(&pool, &spans, i) {
                            return Err(format!("reply {replies} ({n} bytes) is no datagram sent"));
                        }
                        (seen[i], replies) = (true, replies + 1);
                    }
                    Err(e) if e.is_timeout() => {}
                    Err(e) => return Err(format!("recvfrom: {e}")),
                }
                if sent_all.load(Ordering::SeqCst) {
                    let dropped = counter(&udp_counters(), "RcvbufErrors") - rcvbuf_errors;
                    if replies as u64 + dropped >= DATAGRAMS as u64 {
                        return Ok(replies);
                    }
                }
                if Instant::now() > deadline {
                    return Err(format!("only {replies} replies, and no more drops counted"));
                }
            }
        })
    };

    let start = Instant::now();
    for i in 0..DATAGRAMS {
        let d = datagram(&pool, &spans, i);
        assert_eq!(sock.sendto(&d, &server.addr).unwrap(), d.len());
    }
    let send_time = start.elapsed();
    sent_all.store(true, Ordering::SeqCst);
    let replies = receiver.join().unwrap().unwrap_or_else(|e| panic!("{e}"));

    let after = udp_counters();
    let delta = |name| counter(&after, name) - counter(&before, name);
    let (dropped, in_errors) = (delta("RcvbufErrors"), delta("InErrors"));
    assert_eq!(replies as u64 + dropped, DATAGRAMS as u64, "echoed + dropped = sent");
    assert_eq!(in_errors, dropped, "no receive errors other than full buffers");
    // Every datagram that reached the server was logged; its echo may have been dropped at the
    // client's own socket (counted in `dropped` too).
    let logged = server.lines_with(" bytes from ");
    assert!(
        (replies..=DATAGRAMS).contains(&logged) && DATAGRAMS - logged <= dropped as usize,
        "server logged {logged} datagrams, {replies} replies, {dropped} dropped"
    );

    // A sender that is gone before its replies arrive (the kernel answers them with ICMP port
    // unreachable) does not disturb the server either.
    let gone = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    for _ in 0..100 {
        gone.sendto(b"gone", &server.addr).unwrap();
    }
    drop(gone);

    // It keeps serving. (A datagram on an idle loopback is not dropped; retry all the same.)
    sock.settimeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 64];
    let echoed = (0..5).any(|_| {
        sock.sendto(b"after the burst", &server.addr).unwrap();
        matches!(sock.recvfrom(&mut buf), Ok((15, _)) if &buf[..15] == b"after the burst")
    });
    assert!(echoed, "udp_echo_server stopped serving: {}", tail(&server.stderr()));
    assert_eq!(server.lines_with("udp_echo_server: "), 0, "no errors: {}", tail(&server.stderr()));
    server.assert_alive();

    println!(
        "load: udp_echo_server, a burst of {DATAGRAMS} datagrams of 4..=4096 bytes sent in \
         {:.2} s: the server received {logged}, {replies} echoed back, {dropped} dropped by full \
         socket buffers (Udp RcvbufErrors in the test's namespace), none lost otherwise",
        send_time.as_secs_f64()
    );
}
