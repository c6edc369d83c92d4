//! The audited `unsafe` of the text conversions ([`inet`](crate::inet), [`ether`](crate::ether)):
//! the one exception DESIGN.md ("Layers") allows to their `#![forbid(unsafe_code)]`.
//!
//! - [`text`]: [`AsciiBuf`](text::AsciiBuf), the formatters' stack buffer, ASCII by
//!   construction (written in place with every byte's top bit cleared: `inet_ntoa`,
//!   `inet_ntop`) or checked once when it is built (a few word operations: `ether_ntoa`), so
//!   that `as_str()` is a free `from_utf8_unchecked` instead of a UTF-8 validation on every
//!   call.
//! - `x86` (x86_64 only): the SSSE3 kernel of the strict dotted quad of
//!   `inet_pton4`/`inet_aton`, chosen at run time (std caches the CPU feature test in an
//!   atomic); the SSE2 (baseline) ones: the IPv6 text scan and group conversion of
//!   `inet_pton6`, and the IPv6 layout of `inet_ntop` (digits, zero groups, lengths,
//!   positions).
//! - `mac` (x86_64 only): the MAC address kernels of `ether_aton` (SSE2 canonical form, SSSE3
//!   1-digit parts) and the SSSE3 `ether_ntoa` formatter, sharing `x86`'s helpers and CPU
//!   check. Their scalar twins live in
//!   `inet.rs` and `ether.rs` (safe code); `berkeley::inet::twins` and `berkeley::ether::twins`
//!   expose both paths to the differential tests and proptests (tests/inet.rs,
//!   tests/ether.rs), which check both against glibc, and to the fuzz targets.
//!
//! Under Miri, and on every other architecture (aarch64 included: no NEON kernels yet), the
//! parsers take the scalar path only.
//!
//! Setting the environment variable `BERKELEY_BASELINE_CPU` (to any value) before the first
//! conversion makes berkeley ignore what the CPU detection finds: the SSSE3 kernels and the
//! AVX2 checksum are not used, as on an x86_64 CPU with only the baseline (SSE2). The results
//! are the same either way (tests/baseline_cpu.rs checks it); it is there to test and time
//! the paths a baseline CPU takes.
#![allow(unsafe_code)] // the audited exception, see above

/// Whether `BERKELEY_BASELINE_CPU` is set: then the kernels chosen by run-time CPU detection
/// are not used (see the module docs). Read once by each detection cache.
#[cfg(target_arch = "x86_64")]
pub(crate) fn baseline_cpu() -> bool {
    std::env::var_os("BERKELEY_BASELINE_CPU").is_some()
}

pub(crate) mod text;

#[cfg(all(target_arch = "x86_64", not(miri)))]
pub(crate) mod mac;
#[cfg(all(target_arch = "x86_64", not(miri)))]
pub(crate) mod x86;
