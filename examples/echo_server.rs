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

mod common;

use std::thread;

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

    loop {
        match listener.accept() {
            Ok((conn, peer)) => {
                PROG.log(format_args!("connected {peer}"));
                let spawned = thread::Builder::new().spawn(move || serve(conn, peer));
                if let Err(e) = spawned {
                    // The closure (and the connection) was dropped: the client sees it close.
                    PROG.warn(format_args!("cannot start a thread: {e}"));
                }
            }
            // A client that gave up before accept (ECONNABORTED), a signal (EINTR) or too many
            // open files (EMFILE): report it and keep serving the others.
            Err(e) => {
                PROG.warn(&e);
                if e.kind() != std::io::ErrorKind::ConnectionAborted {
                    thread::sleep(std::time::Duration::from_millis(10));
                }
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
