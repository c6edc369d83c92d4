//! Conversions benchmarks: berkeley against glibc (through FFI), std and socket2, in the same
//! groups, so `cargo bench --bench conversions` shows the ratios in one run.
//!
//! glibc is the reference competitor, so the benchmarks run on Unix (glibc) only; on other
//! targets the bench builds to an empty program.

#[cfg(unix)]
mod ether_addr;
#[cfg(unix)]
mod inet;

#[cfg(unix)]
criterion::criterion_group!(benches, inet::benches, ether_addr::benches);
#[cfg(unix)]
criterion::criterion_main!(benches);

#[cfg(not(unix))]
fn main() {}
