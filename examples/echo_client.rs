//! `echo_client ADDR [MESSAGE...]` — the client of `echo_server`.
//!
//! ```text
//! $ cargo run --example echo_client -- 127.0.0.1:7007 hello world
//! hello
//! world
//! ```
//!
//! Connects (`socket`, `connect`), then for each MESSAGE — or each line of stdin when there is
//! none — sends the line with its `\n` (`send` until all is written) and reads the echo back
//! (`recv` until as many bytes came back), printing it. At the end it closes its side
//! (`shutdown(SHUT_WR)`), as a polite client does.

mod common;

use std::io::{self, BufRead};

use berkeley::{Protocol, Shutdown, Socket, Type};
use common::{msg, Prog, Result};

const PROG: Prog = Prog {
    name: "echo_client",
    usage: "\
usage: echo_client ADDR [MESSAGE...]

Connects to a TCP echo server, sends each MESSAGE as a line (or each line of stdin when no
MESSAGE is given) and prints each echoed line.

  ADDR      HOST:PORT of the server (IPv6 as [::1]:7007)
  MESSAGE   a line to send (put `--` before the first one if it starts with `-`)
",
};

fn main() {
    PROG.main(run)
}

fn run(args: Vec<String>) -> Result<()> {
    let Some((addr, mut messages)) = args.split_first() else {
        PROG.usage_error("missing ADDR");
    };
    // `echo_client ADDR -- -h` sends "-h": a `--` before the messages is not one.
    if messages.first().is_some_and(|m| m == "--") {
        messages = &messages[1..];
    }
    let addr = common::parse_addr(addr)?;

    let sock = Socket::new(addr.family(), Type::STREAM, Protocol::TCP)?;
    sock.connect(addr)?;

    if messages.is_empty() {
        let mut stdin = io::stdin().lock();
        let mut line = Vec::new();
        loop {
            line.clear();
            if stdin.read_until(b'\n', &mut line).map_err(|e| msg(format!("stdin: {e}")))? == 0 {
                break;
            }
            echo_line(&sock, common::chomp(&line))?;
        }
    } else {
        for m in messages {
            echo_line(&sock, m.as_bytes())?;
        }
    }
    // Tell the server we are done (it reads end-of-file and closes its side).
    sock.shutdown(Shutdown::WRITE)?;
    Ok(())
}

/// Sends `line` + `\n`, reads back as many bytes and prints them.
fn echo_line(sock: &Socket, line: &[u8]) -> Result<()> {
    let mut out = Vec::with_capacity(line.len() + 1);
    out.extend_from_slice(line);
    out.push(b'\n');
    sock.sendall(&out)?;

    // TCP is a byte stream: the echo may come back in pieces, so recv until all of it is here.
    let mut echoed = vec![0u8; out.len()];
    let mut got = 0;
    while got < echoed.len() {
        let n = sock.recv(&mut echoed[got..])?;
        if n == 0 {
            return Err(msg(format!(
                "the server closed the connection after echoing {got} of {} bytes",
                echoed.len()
            )));
        }
        got += n;
    }
    common::emit(&echoed)
}
