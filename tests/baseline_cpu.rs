//! `BERKELEY_BASELINE_CPU`: with it set, berkeley takes the paths of an x86_64 CPU with only
//! the baseline features (no SSSE3 parser kernels, no AVX2 checksum), and every conversion and
//! checksum still gives the same answers as the scalar twins (which tests/inet.rs and
//! tests/ether.rs check against glibc). One test in its own binary: the variable must be set
//! before berkeley's first CPU check in the process, and the answer is kept for its lifetime.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use berkeley::ether::ether_aton_bytes;
use berkeley::ether::twins as ether_twins;
use berkeley::inet::twins as inet_twins;
use berkeley::inet::{inet_pton4_bytes, inet_pton6_bytes};
use berkeley::wire::checksum;
use berkeley::{ether_ntoa, inet_aton_bytes, inet_ntop, MacAddr};

/// A small xorshift: the same inputs on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Texts that take every path: dotted quads (valid, out of range, leading zeros, short
/// forms), IPv6 forms, MACs (canonical, 1-digit parts, broken), and byte noise.
fn texts(rng: &mut Rng) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = [
        "127.0.0.1",
        "255.255.255.255",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3",
        "127.1",
        "0x7f.1",
        "1.2.3.4.",
        " 1.2.3.4",
        "::",
        "::1",
        "fe80::1:2",
        "::ffff:192.0.2.1",
        "1::2::3",
        "2001:db8:0:0:0:0:2:1",
        "00:1a:2b:3c:4d:5e",
        "0:1a:2b:3:4d:5e",
        "00:1A:2b:3C:4d:5E",
        "00:1a:2b:3c:4d",
        "00:1a:2b:3c:4d:5g",
        "",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    for _ in 0..20_000 {
        let t = match rng.below(4) {
            0 => {
                let parts: Vec<String> = (0..4).map(|_| rng.below(300).to_string()).collect();
                parts.join(".")
            }
            1 => {
                let groups: Vec<String> =
                    (0..8).map(|_| format!("{:x}", rng.below(0x1_0000) >> rng.below(16))).collect();
                let mut s = groups.join(":");
                if rng.below(2) == 0 {
                    let at = rng.below(s.len() as u64) as usize;
                    s.replace_range(at..(at + 4).min(s.len()), "::");
                }
                s
            }
            2 => {
                let parts: Vec<String> = (0..6)
                    .map(|_| {
                        let b = rng.below(256);
                        if rng.below(3) == 0 {
                            format!("{b:x}")
                        } else {
                            format!("{b:02x}")
                        }
                    })
                    .collect();
                parts.join(":")
            }
            _ => {
                let n = rng.below(20) as usize;
                let alphabet = b"0123456789abcdefABCDEF.:x ";
                let bytes: Vec<u8> =
                    (0..n).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
                String::from_utf8(bytes).unwrap()
            }
        };
        v.push(t.into_bytes());
    }
    v
}

#[test]
fn baseline_cpu_paths_give_the_same_answers() {
    // Before any conversion or checksum in this process (this binary's only test).
    std::env::set_var("BERKELEY_BASELINE_CPU", "1");

    // The detected kernels are off: the SIMD twins of the SSSE3 kernels report "no kernel".
    assert!(inet_twins::inet_aton_simd(b"1.2.3.4").is_none());
    assert!(inet_twins::inet_pton4_simd(b"1.2.3.4").is_none());
    assert!(ether_twins::ether_ntoa_simd(MacAddr::BROADCAST).is_none());
    assert!(ether_twins::ether_aton_simd(b"0:1:2:3:4:5").is_none());

    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for t in texts(&mut rng) {
        let shown = String::from_utf8_lossy(&t);
        assert_eq!(inet_aton_bytes(&t), inet_twins::inet_aton_scalar(&t), "inet_aton {shown:?}");
        assert_eq!(inet_pton4_bytes(&t), inet_twins::inet_pton4_scalar(&t), "pton4 {shown:?}");
        assert_eq!(inet_pton6_bytes(&t), inet_twins::inet_pton6_scalar(&t), "pton6 {shown:?}");
        assert_eq!(ether_aton_bytes(&t), ether_twins::ether_aton_scalar(&t), "aton {shown:?}");
    }
    for _ in 0..20_000 {
        let (a, b) = (rng.next(), rng.next());
        let v6 = Ipv6Addr::from(u128::from(a) << 64 | u128::from(b) & !(0xffff << rng.below(96)));
        let v4 = Ipv4Addr::from(a as u32);
        let mac = MacAddr::new((b >> 8).to_be_bytes()[2..].try_into().unwrap());
        for ip in [IpAddr::V6(v6), IpAddr::V4(v4)] {
            assert_eq!(inet_ntop(ip).as_str(), inet_twins::inet_ntop_scalar(ip).as_str());
        }
        assert_eq!(ether_ntoa(mac).as_str(), ether_twins::ether_ntoa_scalar(mac).as_str());
    }

    // The checksum without AVX2 (the SSE2 kernel for long buffers): the textbook sum, at every
    // length up to 600 and a few long ones.
    let data: Vec<u8> = (0..70_000).map(|_| rng.next() as u8).collect();
    let naive = |d: &[u8]| {
        let mut acc: u64 =
            d.chunks(2).map(|p| u64::from(p[0]) << 8 | u64::from(*p.get(1).unwrap_or(&0))).sum();
        while acc >> 16 != 0 {
            acc = (acc & 0xffff) + (acc >> 16);
        }
        acc as u16
    };
    for len in (0..600).chain([1500, 9000, 65_535, 70_000]) {
        for start in [0, 1, 3] {
            let d = &data[start..start + len.min(data.len() - start)];
            assert_eq!(checksum::sum(d), naive(d), "checksum of {} bytes at {start}", d.len());
        }
    }
}
