//! `NetdbCache::from_files` on arbitrary services(5) and protocols(5) text (the input split at
//! its first NUL byte): never a panic, and every lookup answers what the documented rule gives —
//! the first entry in file order whose name or alias (exact) and protocol match — computed here
//! by a plain linear scan of the lines.
#![no_main]

use std::path::PathBuf;

use berkeley::netdb::NetdbCache;
use berkeley::Protocol;
use libfuzzer_sys::fuzz_target;

/// A file of this process's own, in memory (/dev/shm) where there is one: two files are
/// written per input, and a disk-backed temporary directory costs most of the time.
fn scratch(name: &str) -> PathBuf {
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
    dir.join(format!("berkeley-fuzz-{}-{name}", std::process::id()))
}

/// The fields of a line, without its comment.
fn fields(line: &str) -> Vec<&str> {
    line.split('#').next().unwrap_or("").split_ascii_whitespace().collect()
}

/// (names and aliases, port, protocol) of each well-formed services line, in file order.
fn services(text: &str) -> Vec<(Vec<&str>, u16, &str)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let f = fields(line);
        let [name, port_proto, aliases @ ..] = &f[..] else { continue };
        let Some((port, proto)) = port_proto.split_once('/') else { continue };
        // A port is a decimal number of 16 bits ("65536" and "0x50" make the line malformed).
        let Ok(port) = port.parse::<u16>() else { continue };
        if proto.is_empty() {
            continue;
        }
        let mut names = vec![*name];
        names.extend_from_slice(aliases);
        out.push((names, port, proto));
    }
    out
}

/// (names and aliases, number) of each well-formed protocols line, in file order.
fn protocols(text: &str) -> Vec<(Vec<&str>, i32)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let f = fields(line);
        let [name, number, aliases @ ..] = &f[..] else { continue };
        let Ok(number) = number.parse::<i32>() else { continue };
        let mut names = vec![*name];
        names.extend_from_slice(aliases);
        out.push((names, number));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let (serv_bytes, proto_bytes) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let (serv_path, proto_path) = (scratch("services"), scratch("protocols"));
    std::fs::write(&serv_path, serv_bytes).unwrap();
    std::fs::write(&proto_path, proto_bytes).unwrap();
    let cache = NetdbCache::from_files(&serv_path, &proto_path).expect("both files exist");

    // The cache reads the files as UTF-8, invalid sequences replaced.
    let serv_text = String::from_utf8_lossy(serv_bytes);
    let proto_text = String::from_utf8_lossy(proto_bytes);
    let servs = services(&serv_text);
    for (names, port, proto) in &servs {
        for &name in names {
            let first = servs.iter().find(|(n, _, p)| n.contains(&name) && p == proto).unwrap();
            assert_eq!(cache.getservbyname(name, *proto).ok(), Some(first.1), "{name}/{proto}");
            let any = servs.iter().find(|(n, _, _)| n.contains(&name)).unwrap();
            assert_eq!(cache.getservbyname(name, None).ok(), Some(any.1), "{name}");
        }
        let first = servs.iter().find(|(_, po, p)| po == port && p == proto).unwrap();
        assert_eq!(cache.getservbyport(*port, *proto).ok(), Some(first.0[0]), "{port}/{proto}");
        let any = servs.iter().find(|(_, po, _)| po == port).unwrap();
        assert_eq!(cache.getservbyport(*port, None).ok(), Some(any.0[0]), "{port}");
        // A protocol no line has: nothing, as a typed error.
        assert!(cache.getservbyname(names[0], "no-such-proto").is_err());
    }
    let protos = protocols(&proto_text);
    for (names, number) in &protos {
        for &name in names {
            let first = protos.iter().find(|(n, _)| n.contains(&name)).unwrap();
            assert_eq!(
                cache.getprotobyname(name).ok(),
                Some(Protocol::from_raw(first.1)),
                "{name}"
            );
        }
        let first = protos.iter().find(|(_, n)| n == number).unwrap();
        assert_eq!(cache.getprotobynumber(Protocol::from_raw(*number)).ok(), Some(first.0[0]));
    }
    // Names that no line holds are not found.
    if !servs.iter().any(|(n, _, _)| n.contains(&"no-such-service")) {
        assert!(cache.getservbyname("no-such-service", None).is_err());
    }
});
