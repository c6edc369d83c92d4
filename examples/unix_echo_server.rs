//! `unix_echo_server PATH|@NAME` — a UNIX-domain stream echo server.
//!
//! ```text
//! $ cargo run --example unix_echo_server -- /tmp/echo.sock
//! listening on /tmp/echo.sock
//! $ cargo run --example unix_echo_server -- @echo        # Linux abstract name: no file
//! listening on @echo
//! ```
//!
//! The C shape: `socket(AF_UNIX, SOCK_STREAM, 0)`, `bind` to a `struct sockaddr_un`, `listen`,
//! `accept` with a thread per connection. A pathname socket leaves a file behind when the server
//! dies, and `bind` then fails with `EADDRINUSE`; so, like most servers, this one removes a
//! *stale* socket file first — only if the path is a socket, and only if nobody accepts
//! connections on it (a `connect` to it is refused). Any other file is left alone.
//! An `@NAME` is a Linux abstract name (`sun_path[0] == '\0'`): no file, gone with the server.

mod common;

use std::thread;

use berkeley::{Domain, Protocol, SockAddr, Socket, Type};
use common::{msg, Prog, Result};

const PROG: Prog = Prog {
    name: "unix_echo_server",
    usage: "\
usage: unix_echo_server PATH|@NAME

A UNIX-domain stream echo server: echoes every byte back to each client until it closes, one
thread per connection. Removes a stale socket file at PATH before binding. Prints
`listening on PATH` to stdout once ready; logs connections to stderr. Runs until killed.

  PATH    filesystem path of the socket
  @NAME   Linux abstract socket name (no file is created)
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let [target] = args.as_slice() else {
        PROG.usage_error(if args.is_empty() { "missing PATH" } else { "too many arguments" });
    };
    let addr = common::unix_addr(target)?;
    if !target.starts_with('@') {
        remove_stale_socket(target, &addr)?;
    }

    let listener = Socket::new(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
    listener.bind(addr)?;
    listener.listen(128)?;
    common::announce(&listener.getsockname()?)?;

    let mut next_id = 1u64;
    loop {
        match listener.accept() {
            Ok((conn, _peer)) => {
                // UNIX clients are usually unnamed (they never bind), so number them instead.
                let id = next_id;
                next_id += 1;
                PROG.log(format_args!("connected client {id}"));
                if let Err(e) = thread::Builder::new().spawn(move || serve(conn, id)) {
                    PROG.warn(format_args!("cannot start a thread: {e}"));
                }
            }
            Err(e) => {
                PROG.warn(&e);
                thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }
}

/// Removes `path` if it is a socket file nobody listens on (what a crashed server leaves).
fn remove_stale_socket(path: &str, addr: &SockAddr) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(msg(format!("{path}: {e}"))),
    };
    if !is_socket(&meta) {
        return Err(msg(format!("{path} exists and is not a socket; not removing it")));
    }
    let probe = Socket::new(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
    match probe.connect(addr) {
        Ok(()) => Err(msg(format!("{path}: another server is listening there"))),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            std::fs::remove_file(path).map_err(|e| msg(format!("removing stale {path}: {e}")))?;
            PROG.log(format_args!("removed stale socket {path}"));
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(unix)]
fn is_socket(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_socket()
}

#[cfg(not(unix))]
fn is_socket(_meta: &std::fs::Metadata) -> bool {
    // std cannot tell a socket file apart on this platform: never remove anything.
    false
}

/// Echoes until the client closes its side or the connection fails.
fn serve(conn: Socket, id: u64) {
    if let Err(e) = common::echo(&conn) {
        PROG.warn(format_args!("client {id}: {e}"));
    }
    PROG.log(format_args!("closed client {id}"));
}
