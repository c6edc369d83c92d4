//! `echo_server [ADDR]` — a TCP echo server, like the one in CS:APP chapter 11.
//!
//! ```text
//! $ cargo run --example echo_server -- 127.0.0.1:7007
//! listening on 127.0.0.1:7007
//! ```
//!
//! The C shape, call by call: `socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)`,
//! `setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)`, `bind`, `listen`, then `accept` in a loop with a
//! thread per connection that `recv`s and `send`s back until `recv` returns 0 (the client
//! closed). Connections are logged to stderr as `connected HOST:PORT` / `closed HOST:PORT`.
//!
//! One client's trouble stays its own: a client that resets the connection is reported as
//! `echo_server: HOST:PORT: <error>` and only its thread ends; a client that sends but never
//! reads blocks only the thread serving it (the echo has nowhere to go) until it closes. When
//! `accept` fails for lack of descriptors (EMFILE), the server reports it once, backs off
//! without spinning, and serves the waiting clients once descriptors are free (see the accept
//! loop). `tests/load.rs` checks all of this, and 200 clients at once.

mod common;

use std::io::ErrorKind;
use std::thread;
use std::time::Duration;

use berkeley::sockopt::ReuseAddr;
use berkeley::{Protocol, SockAddr, Socket, Type};
use common::{Prog, Result};

const PROG: Prog = Prog {
    name: "echo_server",
    usage: "\
usage: echo_server [ADDR]

A TCP echo server: echoes every byte back to each client until it closes, one thread per
connection. Prints `listening on ADDR` to stdout once ready; logs `connected HOST:PORT` and
`closed HOST:PORT` to stderr. Runs until killed.

  ADDR   HOST:PORT to listen on (default 127.0.0.1:7007; IPv6 as [::1]:7007;
         port 0 lets the OS choose)
",
};

/// How long to wait before calling `accept` again after it failed for lack of descriptors or
/// memory (see the loop in `run`).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let addr = PROG.addr_arg(&args, "127.0.0.1:7007")?;

    // socket(2), setsockopt(2), bind(2), listen(2): the four steps of every TCP server.
    let listener = Socket::new(addr.family(), Type::STREAM, Protocol::TCP)?;
    listener.setsockopt(ReuseAddr, true)?;
    listener.bind(addr)?;
    listener.listen(128)?;
    common::announce(&listener.getsockname()?)?;

    // The last accept error reported: one that persists is reported once, not on every retry.
    let mut reported: Option<String> = None;
    loop {
        match listener.accept() {
            Ok((conn, peer)) => {
                reported = None;
                PROG.log(format_args!("connected {peer}"));
                let spawned = thread::Builder::new().spawn(move || serve(conn, peer));
                if let Err(e) = spawned {
                    // The closure (and the connection) was dropped: the client sees it close.
                    PROG.warn(format_args!("cannot start a thread: {e}"));
                }
            }
            // A client that gave up before accept: its own event, reported; accept the next.
            Err(e) if e.kind() == ErrorKind::ConnectionAborted => PROG.warn(&e),
            // Anything else is in practice a shortage that outlasts the call: EMFILE (every
            // descriptor of the process in use), ENFILE (of the system), ENOBUFS/ENOMEM. The
            // client that made accept fail is still waiting in the listen queue, so the listener
            // stays readable: retrying at once would spin at 100% CPU and print the error
            // thousands of times a second. There are two classic fixes. One keeps a spare
            // descriptor (say /dev/null) open, and on EMFILE closes it, accepts the waiting
            // client, closes that connection at once and reopens the spare: no spin, but the
            // client is hung up on. The other, used here, backs off: report the error once, then
            // sleep and retry, ten calls a second, until the connection threads (or other
            // processes) free descriptors. The waiting clients stay queued in the kernel and are
            // served then, nobody is turned away for a momentary shortage; when the queue is full
            // the kernel makes new clients retry their connect.
            Err(e) => {
                let text = e.to_string();
                if reported.as_deref() != Some(text.as_str()) {
                    PROG.warn(&text);
                    reported = Some(text);
                }
                thread::sleep(ACCEPT_BACKOFF);
            }
        }
    }
}

/// Echoes until the client closes its side (recv returns 0) or the connection fails.
fn serve(conn: Socket, peer: SockAddr) {
    if let Err(e) = common::echo(&conn) {
        PROG.warn(format_args!("{peer}: {e}"));
    }
    PROG.log(format_args!("closed {peer}"));
}
