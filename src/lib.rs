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
//! - Sockets: [`Socket`] and its typed options ([`sockopt`]).
//! - Packet bytes: [`wire`] — typed zero-copy views of Ethernet, ARP, IPv4, IPv6, ICMP, UDP and
//!   TCP headers, and the RFC 1071 checksum.
//! - All OS calls live in a private `sys` module, one backend per platform.
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
pub mod inet;
pub mod poll;
pub mod socket;
pub mod sockopt;
mod sys;
pub mod types;
pub mod wire;

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

// -- poll --
pub use crate::poll::{poll, PollFd, PollFlags};

// -- sockopt --

// -- winsock --
#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
pub mod winsock;
#[cfg(windows)]
#[cfg_attr(docsrs, doc(cfg(windows)))]
pub use crate::winsock::Winsock;

// -- end of re-exports --

/// The README's example compiles and runs as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
