//! `udp_client ADDR MESSAGE [--timeout SECS]` — sends one datagram and prints the reply.
//!
//! ```text
//! $ cargo run --example udp_client -- 127.0.0.1:7007 hello
//! hello
//! ```
//!
//! The C shape: `socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)`, `connect` (for UDP this only
//! records the peer: the kernel then drops datagrams from anyone else, and reports an ICMP
//! "port unreachable" as `ECONNREFUSED`), `setsockopt(SOL_SOCKET, SO_RCVTIMEO, {SECS, 0})`,
//! `send`, `recv`. UDP may lose the datagram or the reply, so the wait is bounded: with no
//! reply within SECS (default 2) the program says so and exits with 1.

mod common;

use std::time::Duration;

use berkeley::sockopt::RcvTimeo;
use berkeley::{Protocol, Socket, Type};
use common::{msg, Prog, Result};

const PROG: Prog = Prog {
    name: "udp_client",
    usage: "\
usage: udp_client ADDR MESSAGE [--timeout SECS]

Sends MESSAGE as one UDP datagram to ADDR and prints the reply. Exits with 1 if no reply
comes within the timeout.

  ADDR            HOST:PORT of the server (IPv6 as [::1]:7007)
  MESSAGE         the datagram's payload
  --timeout SECS  how long to wait for the reply (default 2; fractions like 0.5 allowed)
  --              ends the options: a MESSAGE after it may start with `-`
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let mut timeout = Duration::from_secs(2);
    let mut positional = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            // Everything after `--` is an operand, so a MESSAGE may start with `-`.
            positional.extend(args.by_ref());
        } else if arg == "--timeout" {
            let Some(secs) = args.next() else { PROG.usage_error("--timeout needs SECS") };
            timeout = parse_secs(&secs)?;
        } else if let Some(secs) = arg.strip_prefix("--timeout=") {
            timeout = parse_secs(secs)?;
        } else if arg.starts_with('-') && arg.len() > 1 {
            PROG.usage_error(&format!("unknown option {arg:?}"));
        } else {
            positional.push(arg);
        }
    }
    let [addr, message] = positional.as_slice() else {
        PROG.usage_error(if positional.len() < 2 {
            "missing ADDR or MESSAGE"
        } else {
            "too many arguments"
        });
    };
    let addr = common::parse_addr(addr)?;

    let sock = Socket::new(addr.family(), Type::DGRAM, Protocol::UDP)?;
    sock.connect(addr)?;
    sock.setsockopt(RcvTimeo, Some(timeout))?;
    sock.send(message.as_bytes())?;

    let mut buf = vec![0u8; 65_536];
    let n = match sock.recv(&mut buf) {
        Ok(n) => n,
        // SO_RCVTIMEO expired: the OS says EAGAIN (Windows: WSAETIMEDOUT), berkeley says
        // `Error::Timeout`, and `is_timeout()` is true on both.
        Err(e) if e.is_timeout() => {
            return Err(msg(format!("no reply from {addr} within {} s", secs_text(timeout))));
        }
        Err(e) => return Err(e.into()),
    };
    buf.truncate(n);
    buf.push(b'\n');
    common::emit(&buf)
}

/// Parses a positive number of seconds (`2`, `0.5`), at most a day.
fn parse_secs(text: &str) -> Result<Duration> {
    let bad =
        || msg(format!("bad timeout {text:?}: expected seconds, more than 0 and at most 86400"));
    let secs: f64 = text.parse().map_err(|_| bad())?;
    if !(secs > 0.0 && secs <= 86_400.0) {
        return Err(bad());
    }
    let d = Duration::from_secs_f64(secs);
    // SO_RCVTIMEO of zero means "wait forever": round tiny values up to a microsecond.
    Ok(d.max(Duration::from_micros(1)))
}

fn secs_text(d: Duration) -> String {
    format!("{}", d.as_secs_f64())
}
