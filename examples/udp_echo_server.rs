//! `udp_echo_server [ADDR]` — echoes each UDP datagram back to its sender.
//!
//! ```text
//! $ cargo run --example udp_echo_server -- 127.0.0.1:7007
//! listening on 127.0.0.1:7007
//! ```
//!
//! The C shape: `socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)`, `bind`, then a loop of
//! `recvfrom` (which says who sent the datagram) and `sendto` back to that address. There is no
//! `listen`/`accept`: UDP has no connections, every datagram stands alone. Each datagram is
//! logged to stderr as `N bytes from HOST:PORT`.

mod common;

use std::io::ErrorKind;

use berkeley::{Protocol, Socket, Type};
use common::{Prog, Result};

const PROG: Prog = Prog {
    name: "udp_echo_server",
    usage: "\
usage: udp_echo_server [ADDR]

A UDP echo server: sends each datagram back to its sender. Prints `listening on ADDR` to
stdout once ready; logs `N bytes from HOST:PORT` to stderr. Runs until killed.

  ADDR   HOST:PORT to bind (default 127.0.0.1:7007; IPv6 as [::1]:7007;
         port 0 lets the OS choose)
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let addr = PROG.addr_arg(&args, "127.0.0.1:7007")?;

    let sock = Socket::new(addr.family(), Type::DGRAM, Protocol::UDP)?;
    sock.bind(addr)?;
    common::announce(&sock.getsockname()?)?;

    // The largest UDP payload is 65,507 bytes (IPv4) or 65,527 (IPv6): one buffer fits any.
    let mut buf = vec![0u8; 65_536];
    loop {
        let (n, from) = match sock.recvfrom(&mut buf) {
            Ok(got) => got,
            // An ICMP error for an earlier reply (the sender has gone) can surface here on some
            // systems; it concerns that old peer only, so keep serving.
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset
                ) =>
            {
                PROG.warn(&e);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        PROG.log(format_args!("{n} bytes from {from}"));
        if let Err(e) = sock.sendto(&buf[..n], from) {
            // One unreachable sender is not a reason to stop serving the others.
            PROG.warn(&e);
        }
    }
}
