//! `NetdbCache` read from files the test writes: lookups filter by protocol and return the first
//! entry in file order, as glibc's files backend does; a missing file is an error.
//!
//! Unix only, as `NetdbCache` is (Windows keeps these databases elsewhere).
#![cfg(unix)]

use berkeley::netdb::NetdbCache;
use berkeley::Protocol;

/// Writes the two files to a fresh directory and loads them.
fn cache(name: &str, services: &str, protocols: &str) -> NetdbCache {
    let dir =
        std::env::temp_dir().join(format!("berkeley-netdb-cache-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (s, p) = (dir.join("services"), dir.join("protocols"));
    std::fs::write(&s, services).unwrap();
    std::fs::write(&p, protocols).unwrap();
    let cache = NetdbCache::from_files(&s, &p).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    cache
}

#[test]
fn lookups_by_port_and_name_filter_by_protocol() {
    let c =
        cache("proto", "web 80/tcp www\nradio 80/udp\nonly-udp 9/udp\n", "tcp 6 TCP\nudp 17 UDP\n");
    assert_eq!(c.getservbyport(80, "tcp").unwrap(), "web");
    assert_eq!(c.getservbyport(80, "udp").unwrap(), "radio");
    assert_eq!(c.getservbyport(80, None).unwrap(), "web"); // the first in file order
    assert!(c.getservbyport(9, "tcp").is_err());
    assert_eq!(c.getservbyport(9, None).unwrap(), "only-udp");
    assert_eq!(c.getservbyname("www", "tcp").unwrap(), 80);
    assert!(c.getservbyname("www", "udp").is_err());
    assert!(c.getservbyname("radio", "tcp").is_err());
    assert_eq!(c.getprotobyname("UDP").unwrap(), Protocol::UDP);
    assert_eq!(c.getprotobynumber(Protocol::UDP).unwrap(), "udp");
    assert!(c.getprotobynumber(Protocol::from_raw(200)).is_err());
}

#[test]
fn a_missing_file_is_an_error() {
    let missing = std::env::temp_dir().join("berkeley-netdb-cache-no-such-file");
    assert!(NetdbCache::from_files(&missing, "/etc/protocols").is_err());
}
