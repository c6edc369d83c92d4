//! `connect ADDR` — the smallest client, written the README's way: `fn main() ->
//! berkeley::Result<()>` and `?` after every call.
//!
//! ```text
//! $ cargo run --example connect -- 127.0.0.1:7007     # with echo_server running
//! connected to 127.0.0.1:7007 from 127.0.0.1:52814
//! $ cargo run --example connect -- 127.0.0.1:9        # nobody listening
//! Error: Os { call: "connect", code: 111, kind: ConnectionRefused, message: "Connection refused", addr: Some(127.0.0.1:9) }
//! ```
//!
//! The C shape: `socket(family, SOCK_STREAM, 0)`, `connect`, `getpeername`, `getsockname`.
//! ADDR is parsed by `SockAddr`'s `FromStr`: `a.b.c.d:port`, `[v6]:port`, `/path` (a UNIX
//! socket) or, on Linux, `@name` (an abstract UNIX name); no name lookup.
//!
//! Unlike the other examples, this one lets Rust report a failure: when `main` returns an
//! `Err`, Rust prints `Error: ` and the error's `Debug` form to stderr and exits with 1. The
//! `Debug` of a `berkeley::Error` names the call, the OS code, its kind and message and the
//! address, as above. (The other examples print the shorter `Display` form,
//! `connect(127.0.0.1:9): Connection refused (os error 111)`, after their name.)

use std::io::{self, Write};
use std::process;

use berkeley::{Protocol, SockAddr, Socket, Type};

const USAGE: &str = "\
usage: connect ADDR

Opens a stream connection to ADDR, prints `connected to PEER from LOCAL` and closes it. On
failure prints the error the way `fn main() -> berkeley::Result<()>` does and exits with 1.

  ADDR   a.b.c.d:PORT, [IPV6]:PORT, /PATH (UNIX socket) or @NAME (Linux abstract name)
";

fn main() -> berkeley::Result<()> {
    let text = addr_arg();
    let addr: SockAddr = text.parse()?;
    let sock = Socket::new(addr.family(), Type::STREAM, Protocol::DEFAULT)?;
    sock.connect(addr)?;
    let (peer, local) = (sock.getpeername()?, sock.getsockname()?);
    // `?` on std I/O works too: an `io::Error` (say, stdout closed) becomes a `berkeley::Error`.
    writeln!(io::stdout(), "connected to {peer} from {local}")?;
    Ok(())
}

/// The one ADDR operand. `--help` prints the usage (exit 0); anything else than one operand is
/// a usage error (exit 2), reported like the other examples do.
fn addr_arg() -> String {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        let ok = io::stdout().write_all(USAGE.as_bytes()).is_ok();
        process::exit(if ok { 0 } else { 1 });
    }
    let problem = match args.as_slice() {
        [one] => match one.to_str() {
            Some(text) => return text.to_owned(),
            None => format!("argument {one:?} is not valid UTF-8"),
        },
        [] => "missing ADDR".to_owned(),
        _ => "too many arguments".to_owned(),
    };
    let _ = write!(io::stderr(), "connect: {problem}\n\n{USAGE}");
    process::exit(2)
}
