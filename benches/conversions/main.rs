//! Conversions benchmarks: berkeley against glibc (through FFI), std and socket2, in the same
//! groups, so `cargo bench --bench conversions` shows the ratios in one run.
//!
//! What the names in the output mean:
//!
//! - `inet_aton/1024-addrs`, `inet_aton/1M-addrs` (and the same for `inet_pton4`, `inet_pton6`):
//!   the parser runs over a corpus of 1,024 addresses (which stays in the CPU caches) or of
//!   1,048,576 addresses (which does not), one address per iteration; times are per address.
//! - `inet_ntoa`, `inet_ntop6`: formatting, over 1,024 addresses, one per iteration.
//! - `ether_aton`, `ether_aton_canonical`, `ether_ntoa`, `sockaddr_in`, `sockaddr`: each
//!   iteration converts a whole 1,024-entry corpus; the throughput line is per entry.
//! - `berkeley`, `glibc`, `std`, `socket2`: the competitor. std's `Ipv4Addr` parser accepts a
//!   stricter grammar than `inet_aton` (four dotted decimal parts only, no `127.1`, no hex or
//!   octal parts), so in the `inet_aton` groups it does less work per input; the corpora are
//!   all dotted decimal, so every competitor accepts every input.
//!
//! Timing follows criterion's usual configuration: the defaults below (sample size 30, 0.5 s
//! warm-up, 2 s measurement per benchmark, about a minute and a half in all) are set on the
//! `Criterion` value, and the command line overrides them, e.g.
//! `cargo bench --bench conversions -- --warm-up-time 1 --measurement-time 2 inet_aton`.
//!
//! glibc is the reference competitor, so the benchmarks run on Unix (glibc) only; on other
//! targets the bench builds to an empty program.

#[cfg(unix)]
mod ether_addr;
#[cfg(unix)]
mod inet;

/// The defaults every group runs with. Groups set only their throughput, never their timing,
/// so `--warm-up-time`, `--measurement-time` and `--sample-size` on the command line win
/// (`criterion_group!` applies `Criterion::configure_from_args` after this).
#[cfg(unix)]
fn config() -> criterion::Criterion {
    use std::time::Duration;
    criterion::Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

#[cfg(unix)]
criterion::criterion_group! {
    name = benches;
    config = config();
    targets = inet::benches, ether_addr::benches
}
#[cfg(unix)]
criterion::criterion_main!(benches);

#[cfg(not(unix))]
fn main() {}
