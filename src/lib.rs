//! # berkeley — the Berkeley (BSD) socket API for Rust
//!
//! The socket calls people learn in C and Python courses — `socket`, `bind`, `listen`,
//! `accept`, `connect`, `send`, `recv`, `sendto`, `recvfrom`, `getsockname`, `setsockopt`,
//! `htons`, `inet_aton`, `inet_ntop`, `ether_aton` — under the same names, as safe, fast,
//! documented Rust, on Unix (libc) and Windows (Winsock).
//!
//! ```
//! use berkeley::{inet_aton, inet_ntoa, htons};
//!
//! // glibc's inet_aton grammar, exactly: "127.1" is 127.0.0.1, "0x7f.1" too.
//! let ip = inet_aton("0x7f.1")?;
//! assert_eq!(&*inet_ntoa(ip), "127.0.0.1");
//! assert_eq!(htons(0x0102).to_ne_bytes(), [1, 2]);
//! # Ok::<(), berkeley::ParseError>(())
//! ```
//!
//! ## Layers
//!
//! - Conversions, pure and allocation-free: [`byteorder`], [`inet`], [`ether`].
//! - Addresses: [`addr`] — [`SockAddr`] and one type per family.
//! - Sockets: [`Socket`] and its typed options ([`sockopt`]); `sendmsg`/`recvmsg` with typed
//!   control messages ([`msg`]); [`icmp`] tells which ICMP socket (raw or datagram) the
//!   process may open, and why not.
//! - Packet bytes: [`wire`] — typed zero-copy views of Ethernet, ARP, IPv4, IPv6, ICMP, UDP and
//!   TCP headers, and the RFC 1071 checksum.
//! - All OS calls live in a private `sys` module, one backend per platform.
//!
//! ## Names
//!
//! One rule, everywhere: **the C name for every C call** (`socketpair`, `dup`, `getsockname`,
//! `inet_aton`, `setsockopt`), **Python's name where C has none** (`sendall`,
//! `create_connection`, `settimeout`), and Rust/std names only as `#[doc(alias)]`es, so that
//! searching the docs for `local_addr` finds `getsockname`. Constants
//! are transparent newtypes named after their C prefix (`Domain::INET` is `AF_INET`), each
//! with `const fn from_raw`/`as_raw` for the C integer and a `Debug` that prints the C name. Every
//! time value is a [`Duration`](std::time::Duration); every value with several fields is a named
//! struct, never a tuple.
//!
//! ## Platforms: what is tested where
//!
//! | target | in CI (`.ci/run`) |
//! |---|---|
//! | Linux (`x86_64-unknown-linux-gnu`, glibc) | everything: unit, integration and doc tests (loopback, a Python `socket` peer, the example programs), Miri on the library's unit tests, clippy, docs |
//! | Windows (`x86_64-pc-windows-gnu`) | clippy, docs, and the unit, integration and doc tests **under wine** (which maps Winsock onto Linux sockets, so Windows-only behaviour such as its reuse rules or error timing is not reproduced); docs also rendered for `x86_64-pc-windows-msvc` |
//! | macOS (`x86_64-apple-darwin`, `aarch64-apple-darwin`), FreeBSD (`x86_64-unknown-freebsd`) | compiled, linted (clippy `-D warnings`) and documented only: **no test runs there** |
//!
//! The MSRV (Rust 1.77) is checked with `cargo check` for all of these targets. Items that exist
//! on some platforms only say so (a "Available on ... only" note on docs.rs).
//!
//! ## Public dependencies and semver
//!
//! berkeley's signatures use no libc or windows-sys type except in the explicit escape hatches
//! whose purpose is to meet C: the address types' `from_raw`/`as_raw` (`&libc::sockaddr_in`,
//! ...), which make **libc** (Unix) and **windows-sys** (Windows) public dependencies. berkeley
//! re-exports them as [`berkeley::libc`](crate#reexports) and `berkeley::windows_sys`: name the C
//! types through these paths and you always have the version berkeley was built with.
//!
//! - Updates within libc 0.2 are semver-compatible and happen in any berkeley release.
//! - Moving to a semver-incompatible version (libc 0.3, windows-sys 0.62) is a breaking change
//!   of berkeley: it happens only in a release that may break (the next 0.x minor while berkeley
//!   is 0.x, a major release after 1.0), and the changelog says so.
//!
//! ## What berkeley does not do
//!
//! It is not an async runtime and not a protocol stack: it is the socket API, made safe.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs, missing_debug_implementations, rust_2018_idioms)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![doc(test(attr(deny(warnings))))]

pub mod addr;
mod ascii;
pub mod byteorder;
pub mod error;
pub mod ether;
pub mod icmp;
pub mod inet;
#[cfg(any(target_os = "linux", target_os = "android", windows))]
#[cfg_attr(docsrs, doc(cfg(any(target_os = "linux", target_os = "android", windows))))]
pub mod inspect;
mod macros;
pub mod msg;
pub mod netdb;
pub mod poll;
pub mod select;
mod simd;
pub mod socket;
pub mod sockopt;
mod sys;
pub mod types;
pub mod wire;

// The fuzz targets' way into crate-private parsers (fuzz/; cargo-fuzz sets `--cfg fuzzing`).
#[cfg(all(fuzzing, any(target_os = "linux", target_os = "android")))]
#[doc(hidden)]
pub mod fuzzing;

// -- byteorder --
pub use crate::byteorder::{htonl, htons, ntohl, ntohs};

// -- error --
pub use crate::error::{Error, ParseError, ParseErrorKind, Result};

// -- types --
pub use crate::types::{Domain, EtherType, MsgFlags, Protocol, Shutdown, Type};

// -- addr --
#[cfg(any(target_os = "linux", target_os = "android"))]
pub use crate::addr::SockAddrLl;
pub use crate::addr::{SockAddr, SockAddrIn, SockAddrIn6, SockAddrUn, ToSockAddr};

// -- inet --
pub use crate::inet::{
    inet_addr, inet_aton, inet_aton_bytes, inet_ntoa, inet_ntop, inet_pton, inet_pton4, inet_pton6,
    InetError, InetNtoa, InetNtop,
};

// -- ether --
pub use crate::ether::{ether_aton, ether_ntoa, EtherError, EtherNtoa, MacAddr};

// -- socket --
pub use crate::socket::Socket;
/// Python's `socket.create_server`, at the crate root as in Python's module.
pub use crate::socket::{create_server, ServerOptions};

// -- msg --
pub use crate::msg::{Cmsg, CmsgBuffer, ControlMessage};

// -- poll --
pub use crate::poll::{poll, PollFd, PollFlags};

/// `select` and its `fd_set` at the crate root, as in C.
pub use crate::select::{select, FdSet};

// -- netdb --
pub use crate::netdb::{getaddrinfo, gethostbyname, gethostname, getnameinfo, getservbyname};

// -- sockopt --

// -- winsock --
#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
pub mod winsock;
#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
pub use crate::winsock::Winsock;

// -- backend crates (public dependencies: see "Public dependencies and semver" above) --
/// The libc crate berkeley is built with: name C types through it (`berkeley::libc::sockaddr_in`)
/// to get the version the address types' `from_raw`/`as_raw` use.
#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
pub use libc;
/// The windows-sys crate berkeley is built with: name Winsock types through it
/// (`berkeley::windows_sys::Win32::Networking::WinSock::SOCKADDR_IN`) to get the version the
/// address types' `from_raw`/`as_raw` use.
#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
pub use windows_sys;

// -- end of re-exports --

/// The README's example compiles and runs as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
