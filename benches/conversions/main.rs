//! Conversions benchmarks: berkeley against glibc (through FFI), std and socket2, in the same
//! groups, so `cargo bench --bench conversions` shows the ratios in one run.

use criterion::{criterion_group, criterion_main};

mod ether_addr;
mod inet;

criterion_group!(benches, inet::benches, ether_addr::benches);
criterion_main!(benches);
