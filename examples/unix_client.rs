//! `unix_client PATH|@NAME MESSAGE` — the client of `unix_echo_server`.
//!
//! ```text
//! $ cargo run --example unix_client -- /tmp/echo.sock hello
//! hello
//! ```
//!
//! The C shape: `socket(AF_UNIX, SOCK_STREAM, 0)`, `connect` to a `struct sockaddr_un`, `send`
//! the message, `shutdown(SHUT_WR)` so the server reads end-of-file, then `recv` until the
//! server closes too, and print what came back.

mod common;

use berkeley::{Domain, Protocol, Shutdown, Socket, Type};
use common::{Prog, Result};

const PROG: Prog = Prog {
    name: "unix_client",
    usage: "\
usage: unix_client PATH|@NAME MESSAGE

Connects to a UNIX-domain stream echo server, sends MESSAGE and prints the echo.

  PATH      filesystem path of the server's socket
  @NAME     Linux abstract socket name
  MESSAGE   the bytes to send
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let [target, message] = args.as_slice() else {
        PROG.usage_error(if args.len() < 2 {
            "missing PATH or MESSAGE"
        } else {
            "too many arguments"
        });
    };
    let addr = common::unix_addr(target)?;

    let sock = Socket::new(Domain::UNIX, Type::STREAM, Protocol::DEFAULT)?;
    sock.connect(addr)?;
    sock.sendall(message.as_bytes())?;
    sock.shutdown(Shutdown::WRITE)?;

    // Print the echo as it arrives, then end the line if the echo did not.
    let mut buf = [0u8; 16 * 1024];
    let mut last = 0u8; // an empty echo still prints an (empty) line
    loop {
        let n = sock.recv(&mut buf)?;
        if n == 0 {
            break;
        }
        common::emit(&buf[..n])?;
        last = buf[n - 1];
    }
    if last != b'\n' {
        common::emit(b"\n")?;
    }
    Ok(())
}
