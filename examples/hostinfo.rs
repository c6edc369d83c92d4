//! `hostinfo NAME|ADDR` — CS:APP's program: the host entry of a name or an address.
//!
//! ```text
//! $ cargo run --example hostinfo -- localhost
//! official hostname: localhost
//! address: 127.0.0.1
//! $ cargo run --example hostinfo -- 127.1
//! official hostname: localhost
//! address: 127.0.0.1
//! ```
//!
//! The C shape (CS:APP 2nd edition, figure 11.8): if `inet_aton(argv[1], &addr)` accepts the
//! argument, `gethostbyaddr(&addr, sizeof addr, AF_INET)`, else `gethostbyname(argv[1])`; then
//! print `h_name`, each of `h_aliases` and each of `h_addr_list` (through `inet_ntoa`). So
//! `127.1` is an address, as in C. berkeley's calls are the thread-safe `_r` versions; an IPv6
//! address (`::1`) goes to `gethostbyaddr` too.

mod common;

use std::net::IpAddr;

use berkeley::netdb::{gethostbyaddr, gethostbyname};
use berkeley::{inet_aton, inet_pton6};
use common::{emit, Prog, Result};

const PROG: Prog = Prog {
    name: "hostinfo",
    usage: "\
usage: hostinfo NAME|ADDR

Prints the host entry of a host name or an address: `official hostname:`, `alias:` and
`address:` lines, like CS:APP's hostinfo. An argument that inet_aton accepts (127.0.0.1, 127.1,
0x7f.1) or an IPv6 address is looked up with gethostbyaddr, anything else with gethostbyname.
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let [target] = args.as_slice() else {
        PROG.usage_error(if args.is_empty() {
            "missing NAME or ADDR"
        } else {
            "too many arguments"
        })
    };
    let host = if let Ok(v4) = inet_aton(target) {
        // inet_aton ignores what follows a space; an address with a space is a name here.
        if target.chars().any(char::is_whitespace) {
            gethostbyname(target)?
        } else {
            gethostbyaddr(IpAddr::V4(v4))?
        }
    } else if let Ok(v6) = inet_pton6(target) {
        gethostbyaddr(IpAddr::V6(v6))?
    } else {
        gethostbyname(target)?
    };
    let mut out = format!("official hostname: {}\n", host.name);
    for alias in &host.aliases {
        out.push_str(&format!("alias: {alias}\n"));
    }
    for addr in &host.addrs {
        out.push_str(&format!("address: {addr}\n"));
    }
    emit(out.as_bytes())
}
