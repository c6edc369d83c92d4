//! The conversion benches' corpora, shared by `main.rs` (criterion) and `icount.rs`
//! (instruction counts under callgrind). Every corpus is built from a fixed seed, so every run
//! measures the same inputs.
#![allow(dead_code)] // each bench binary uses the generators it needs

use std::net::{Ipv4Addr, Ipv6Addr};

use berkeley::{ether_ntoa, inet_ntop, MacAddr};

/// The small corpus: stays in the CPU caches.
pub const SMALL: usize = 1 << 10;
/// The large corpus: 1,048,576 entries, far bigger than the caches.
pub const LARGE: usize = 1 << 20;

/// xorshift64*: deterministic inputs without a rand dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// IPv4 addresses whose octets have one, two or three digits in equal shares, chosen
/// independently per octet: every one of the 81 digit-count mixes (`1.2.3.4` ...
/// `100.200.255.10`) appears about equally often.
pub fn v4(n: usize, seed: u64) -> Vec<Ipv4Addr> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let o: [u8; 4] = std::array::from_fn(|_| match rng.below(3) {
                0 => rng.below(10) as u8,
                1 => 10 + rng.below(90) as u8,
                _ => 100 + rng.below(156) as u8,
            });
            Ipv4Addr::from(o)
        })
        .collect()
}

/// IPv6 addresses as tables hold them, in fixed shares: 25% full random 8-group addresses
/// (no zero group, so no `::`); 25% random groups with one zero run of every length 1..=8 at
/// every position (uniform length and start; length 8 is `::`); 15% link-local
/// (`fe80::` + 64 random bits); 10% IPv4-mapped (`::ffff:a.b.c.d`); 10% global unicast under
/// a /32 with zero runs inside (`2001:db8:x::y`); 10% groups of 1 to 4 hex digits mixed; 5%
/// well-known (`::1`, `::`, `ff02::1`, `fe80::1`).
pub fn v6(n: usize, seed: u64) -> Vec<Ipv6Addr> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let mut g: [u16; 8] = std::array::from_fn(|_| (rng.next() as u16).max(1));
            match rng.below(20) {
                0..=4 => {}
                5..=9 => {
                    let len = 1 + rng.below(8) as usize;
                    let start = rng.below((9 - len) as u64) as usize;
                    g[start..start + len].fill(0);
                }
                10..=12 => g[..4].copy_from_slice(&[0xfe80, 0, 0, 0]),
                13 | 14 => g[..6].copy_from_slice(&[0, 0, 0, 0, 0, 0xffff]),
                15 | 16 => {
                    g = [0x2001, 0xdb8, g[2], 0, 0, 0, 0, g[7] & 0xff];
                    if rng.below(2) == 0 {
                        g[5] = g[4] | 1;
                    }
                }
                17 | 18 => {
                    for x in &mut g {
                        *x >>= 4 * rng.below(4);
                        *x = (*x).max(1);
                    }
                }
                _ => {
                    g = match rng.below(4) {
                        0 => [0, 0, 0, 0, 0, 0, 0, 1],
                        1 => [0; 8],
                        2 => [0xff02, 0, 0, 0, 0, 0, 0, 1],
                        _ => [0xfe80, 0, 0, 0, 0, 0, 0, 1],
                    }
                }
            }
            Ipv6Addr::from(g)
        })
        .collect()
}

/// The IPv6 corpus as text, in glibc's `inet_ntop` form.
pub fn v6_text(n: usize, seed: u64) -> Vec<String> {
    v6(n, seed).into_iter().map(|ip| inet_ntop(ip.into()).to_string()).collect()
}

/// The IPv4 corpus as dotted-decimal text.
pub fn v4_text(n: usize, seed: u64) -> Vec<String> {
    v4(n, seed).into_iter().map(|ip| ip.to_string()).collect()
}

/// Random MAC addresses; one octet in four below 0x10 (so glibc's no-leading-zero form has
/// 1-digit parts in a realistic mix).
pub fn macs(n: usize, seed: u64) -> Vec<MacAddr> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let b = rng.next().to_le_bytes();
            let mut m = [b[0], b[1], b[2], b[3], b[4], b[5]];
            for (i, o) in m.iter_mut().enumerate() {
                if (b[6] >> (2 * i)) & 3 == 0 {
                    *o &= 0x0f;
                }
            }
            MacAddr::new(m)
        })
        .collect()
}

/// MAC texts in the forms people feed `ether_aton`, in equal shares: canonical lowercase,
/// canonical uppercase, and glibc's `ether_ntoa` output (no leading zeros, so 1-digit parts).
pub fn mac_mixed_text(n: usize, seed: u64) -> Vec<String> {
    macs(n, seed)
        .into_iter()
        .enumerate()
        .map(|(i, m)| match i % 3 {
            0 => m.to_string(),
            1 => m.to_string().to_uppercase(),
            _ => ether_ntoa(m).to_string(),
        })
        .collect()
}

/// Only the canonical two-digit form `xx:xx:xx:xx:xx:xx`: lowercase, one in four uppercase.
pub fn mac_canonical_text(n: usize, seed: u64) -> Vec<String> {
    macs(n, seed)
        .into_iter()
        .enumerate()
        .map(|(i, m)| if i % 4 == 3 { m.to_string().to_uppercase() } else { m.to_string() })
        .collect()
}
