//! Helpers shared by the example programs: argument handling, `HOST:PORT` parsing, error
//! reporting and stdout writing, so that every example follows the same conventions:
//!
//! - errors go to stderr as one line `NAME: <error>` and the exit code is 1;
//! - a usage error prints the problem and the usage to stderr and the exit code is 2;
//! - `--help` (or `-h`) prints the usage to stdout and the exit code is 0;
//! - nothing panics: a closed stdout is an error like any other.
//!
//! Each example includes this file with `mod common;` and uses the part it needs.
#![allow(dead_code)] // each example uses a different subset

use std::fmt;
use std::io::{self, Write};
use std::process;

use berkeley::{inet_aton, inet_pton6};
use berkeley::{SockAddr, SockAddrIn, SockAddrIn6, SockAddrUn, Socket};

/// The error type of the examples' `run` functions: anything displayable.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// `Result` with [`BoxError`].
pub type Result<T, E = BoxError> = std::result::Result<T, E>;

/// An error made of a message (for the examples' own checks).
#[derive(Debug)]
pub struct Msg(pub String);

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Msg {}

/// A boxed error with a message.
pub fn msg(text: impl Into<String>) -> BoxError {
    Box::new(Msg(text.into()))
}

/// A program: its name (the prefix of every error line) and its usage text.
#[derive(Debug, Clone, Copy)]
pub struct Prog {
    /// The example's name, as in `cargo run --example NAME`.
    pub name: &'static str,
    /// The usage text: first line `usage: NAME ...`, then a description.
    pub usage: &'static str,
}

impl Prog {
    /// The command-line arguments after the program name.
    ///
    /// `--help`/`-h` anywhere before a `--` prints the usage to stdout and exits with 0; an
    /// argument that is not valid UTF-8 is a usage error.
    pub fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        for arg in std::env::args_os().skip(1) {
            match arg.into_string() {
                Ok(a) => args.push(a),
                Err(bad) => self.usage_error(&format!("argument {bad:?} is not valid UTF-8")),
            }
        }
        // `--help` counts only before a `--` (after it, everything is an operand).
        if args.iter().take_while(|a| *a != "--").any(|a| a == "--help" || a == "-h") {
            let mut out = io::stdout().lock();
            let ok = out.write_all(self.usage.as_bytes()).and_then(|()| out.flush());
            process::exit(if ok.is_ok() { 0 } else { 1 });
        }
        args
    }

    /// Reports a usage error (the problem, then the usage) on stderr and exits with 2.
    pub fn usage_error(&self, problem: &str) -> ! {
        let _ = write!(io::stderr().lock(), "{}: {problem}\n\n{}", self.name, self.usage);
        process::exit(2)
    }

    /// Reports `err` on stderr as `NAME: err` and exits with 1.
    pub fn fail(&self, err: impl fmt::Display) -> ! {
        self.warn(err);
        process::exit(1)
    }

    /// Writes `NAME: err` to stderr and carries on (for servers: one client's failure is not
    /// the server's).
    pub fn warn(&self, err: impl fmt::Display) {
        let _ = writeln!(io::stderr().lock(), "{}: {err}", self.name);
    }

    /// Writes a log line (`connected 127.0.0.1:5000`) to stderr.
    pub fn log(&self, line: impl fmt::Display) {
        let _ = writeln!(io::stderr().lock(), "{line}");
    }

    /// The optional `ADDR` operand, parsed with [`parse_addr`] (`default` when there is none);
    /// a second operand is a usage error.
    pub fn addr_arg(&self, args: &[String], default: &str) -> Result<SockAddr> {
        match args {
            [] => parse_addr(default),
            [addr] => parse_addr(addr),
            _ => self.usage_error("too many arguments"),
        }
    }

    /// Runs the example's `run` function and exits: 0 on success, 1 with `NAME: error` on
    /// failure.
    pub fn main(&self, run: impl FnOnce(Vec<String>) -> Result<()>) -> ! {
        let args = self.args();
        match run(args) {
            Ok(()) => process::exit(0),
            Err(err) => self.fail(err),
        }
    }
}

/// Writes `bytes` to stdout and flushes, so each line shows at once (and a test reading the
/// pipe sees it). A failed write (stdout closed) is an error, never a panic.
pub fn emit(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| msg(format!("stdout: {e}")))
}

/// Writes one line (adds the `\n`) to stdout and flushes.
pub fn emit_line(line: impl fmt::Display) -> Result<()> {
    emit(format!("{line}\n").as_bytes())
}

/// Prints the one line every server prints before it serves anything: `listening on ADDR`.
pub fn announce(addr: &SockAddr) -> Result<()> {
    emit_line(format_args!("listening on {addr}"))
}

/// Parses a port number: decimal digits only, 0–65535.
pub fn parse_port(text: &str) -> Result<u16> {
    let bad = || msg(format!("invalid port {text:?} (expected a number from 0 to 65535)"));
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    text.parse::<u16>().map_err(|_| bad())
}

/// Parses a host: an IPv4 address in the `inet_aton` grammar (`127.0.0.1`, `127.1`, `0x7f.1`),
/// an IPv6 address (`::1`), or a host name (`localhost`), which `getaddrinfo` looks up (the
/// first address it returns is used).
pub fn parse_host(host: &str, port: u16) -> Result<SockAddr> {
    if host.contains(':') {
        let ip = inet_pton6(host)?;
        return Ok(SockAddr::from(SockAddrIn6::new(ip, port, 0, 0)));
    }
    // glibc's inet_aton stops at the first whitespace and ignores the rest; an example must not
    // silently drop part of what the user typed, so whitespace is rejected here.
    if host.chars().any(char::is_whitespace) {
        return Err(msg("an address contains no whitespace"));
    }
    match inet_aton(host) {
        Ok(ip) => Ok(SockAddr::from(SockAddrIn::new(ip, port))),
        // A host name: letters, digits, '-' and '.', with at least one letter.
        Err(_)
            if host.bytes().any(|b| b.is_ascii_alphabetic())
                && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') =>
        {
            let found = berkeley::netdb::resolve(&format!("{host}:{port}"))?;
            found.into_iter().next().ok_or_else(|| msg(format!("{host}: no address")))
        }
        Err(e) => Err(e.into()),
    }
}

/// Parses `HOST:PORT` (IPv4 host in the `inet_aton` grammar, or a host name) or `[HOST]:PORT`
/// (IPv6 host).
pub fn parse_addr(text: &str) -> Result<SockAddr> {
    split_addr(text)
        .and_then(|(host, port)| parse_host(host, parse_port(port)?))
        .map_err(|e| msg(format!("bad address {text:?}: {e}")))
}

fn split_addr(text: &str) -> Result<(&str, &str)> {
    if let Some(rest) = text.strip_prefix('[') {
        let (host, port) =
            rest.split_once("]:").ok_or_else(|| msg("expected [IPV6]:PORT, like [::1]:7007"))?;
        if !host.contains(':') {
            return Err(msg("only an IPv6 address goes in brackets"));
        }
        return Ok((host, port));
    }
    let (host, port) =
        text.rsplit_once(':').ok_or_else(|| msg("expected HOST:PORT, like 127.0.0.1:7007"))?;
    if host.contains(':') {
        return Err(msg("an IPv6 address needs brackets: [::1]:7007"));
    }
    Ok((host, port))
}

/// `PATH` or `@NAME` as a `sockaddr_un`.
pub fn unix_addr(target: &str) -> Result<SockAddr> {
    if let Some(name) = target.strip_prefix('@') {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        return Ok(SockAddr::from(SockAddrUn::new_abstract(name.as_bytes())?));
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        return Err(msg(format!("abstract socket names (@{name}) exist only on Linux")));
    }
    if target.is_empty() {
        return Err(msg("empty socket path"));
    }
    Ok(SockAddr::from(SockAddrUn::new(target)?))
}

/// The echo servers' loop: `recv`s and `sendall`s back what came until the peer closes its side
/// (`recv` returns 0) or the connection fails.
pub fn echo(conn: &Socket) -> berkeley::Result<()> {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match conn.recv(&mut buf)? {
            0 => return Ok(()),
            n => conn.sendall(&buf[..n])?,
        }
    }
}

/// Strips one trailing `\n` (and a `\r` before it) from a line.
pub fn chomp(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}
