//! Conversions benchmarks: berkeley against glibc (through FFI), std and socket2, in the same
//! groups, so `cargo bench --bench conversions` shows the ratios in one run.
//!
//! What the names in the output mean:
//!
//! - `OP/1024-addrs` and `OP/1M-addrs`, for every OP (`inet_aton`, `inet_pton4`, `inet_pton6`,
//!   `inet_ntoa`, `inet_ntop6`, `ether_aton`, `ether_aton_canonical`, `ether_ntoa`): the
//!   operation runs over a corpus of 1,024 entries (which stays in the CPU caches) or of
//!   1,048,576 entries (which does not), the next entry each iteration, so branch predictors
//!   cannot learn one input; times are per entry. The corpora are described in `corpus.rs`:
//!   IPv4 with one-, two- and three-digit parts in every mix; IPv6 with full random 8-group
//!   addresses, zero runs of every length at every position, link-local and v4-mapped forms;
//!   MACs canonical (either case) and with 1-digit parts. Every corpus comes from a fixed seed.
//! - `sockaddr_in`, `sockaddr`: socket-address construction, each iteration converting a whole
//!   1,024-entry corpus; the throughput line is per entry.
//! - `loop only` (in the inet groups): the same loop with a body that hands the input back —
//!   the floor under every row of its group; a competitor taking C ns and a loop taking L ns
//!   cap any ratio there at C / L.
//! - `berkeley`, `glibc`, `std`, `socket2`: the competitor. `berkeley as &str` includes taking
//!   the `&str` of the returned buffer (handed to `black_box`, so its bytes must exist in
//!   memory, as they must for any caller that reads them). std's `Ipv4Addr` parser accepts a stricter grammar than
//!   `inet_aton` (four dotted decimal parts only, no `127.1`, no hex or octal parts), so in the
//!   `inet_aton` groups it does less work per input; the corpora are all dotted decimal, so
//!   every competitor accepts every input.
//!
//! Timing follows criterion's usual configuration: the defaults below (sample size 30, 0.5 s
//! warm-up, 2 s measurement per benchmark) are set on the `Criterion` value, and the command
//! line overrides them, e.g.
//! `cargo bench --bench conversions -- --warm-up-time 1 --measurement-time 2 inet_aton`.
//! Instruction counts of the same operations on the same corpora: `benches/conversions/icount.sh`.
//!
//! glibc is the reference competitor, so the benchmarks run on Unix (glibc) only; on other
//! targets the bench builds to an empty program.

/// Benches `$body` over the corpus entries in turn (the corpus length is a power of two). Every
/// competitor pays the same loop: one masked index, `black_box` on the input and on the output,
/// and nothing allocated per iteration.
#[cfg(unix)]
macro_rules! cycle {
    ($group:expr, $name:expr, $corpus:expr, |$x:ident| $body:expr) => {{
        let corpus = &$corpus;
        let mask = corpus.len() - 1;
        let mut i = 0usize;
        $group.bench_function($name, |b| {
            b.iter(|| {
                let $x = std::hint::black_box(&corpus[i & mask]);
                i = i.wrapping_add(1);
                std::hint::black_box($body)
            })
        });
    }};
}

#[cfg(unix)]
mod corpus;
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
