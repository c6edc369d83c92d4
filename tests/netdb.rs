//! Name services against glibc's own answers: `getent` (`hosts`, `ahosts`, `ahostsv4`,
//! `services`, `protocols`) and Python's `socket` module (`getaddrinfo`, `gethostbyname_ex`,
//! `gethostbyaddr`, `getservbyname`, `getservbyport`, `getprotobyname`, `getnameinfo`,
//! `gethostname`, `getfqdn`), for `localhost`, this machine's host name, `127.0.0.1`, `::1`,
//! every entry of /etc/services (both protocols, both directions) and every entry of
//! /etc/protocols. Only /etc files and loopback are used: no outside DNS is reachable, and a
//! `.invalid` name must fail with `EAI_NONAME`. Those oracles are glibc's: the `glibc` module runs on
//! Linux (glibc) only; the `portable` tests run everywhere, Windows under wine included.

mod util;

/// What every platform answers the same way: numeric lookups, the well-known services and
/// protocols, errors and input checks.
mod portable {
    use berkeley::netdb::{
        getaddrinfo, gethostbyname, gethostname, getnameinfo, getprotobyname, getservbyname,
        getservbyport, resolve, AddrInfoFlags, AddrInfoHints, Eai, NameInfoFlags, NetdbCode,
    };
    use berkeley::{Domain, Error, Protocol, SockAddr, Type};
    use std::io::ErrorKind;

    #[test]
    fn numeric_lookups() {
        let hints = AddrInfoHints::new().family(Domain::INET).socktype(Type::STREAM);
        let all: Vec<_> = getaddrinfo(Some("127.0.0.1"), Some("80"), &hints).unwrap().collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].addr().to_string(), "127.0.0.1:80");
        assert_eq!(all[0].family(), Domain::INET);
        // glibc names the protocol; wine's GetAddrInfoW leaves it 0 ("the socket type's"),
        // which gives the same TCP socket.
        #[cfg(unix)]
        assert_eq!(all[0].protocol(), Protocol::TCP);
        #[cfg(windows)]
        assert!([Protocol::TCP, Protocol::DEFAULT].contains(&all[0].protocol()));
        let v6 = AddrInfoHints::new().flags(AddrInfoFlags::NUMERICHOST).socktype(Type::DGRAM);
        let ai = getaddrinfo(Some("::1"), Some("53"), &v6).unwrap().next().unwrap();
        assert_eq!(ai.addr().to_string(), "[::1]:53");
        assert_eq!(resolve("127.0.0.1:7").unwrap()[0].to_string(), "127.0.0.1:7");

        let addr: SockAddr = "127.0.0.1:8080".parse().unwrap();
        let ni =
            getnameinfo(&addr, NameInfoFlags::NUMERICHOST | NameInfoFlags::NUMERICSERV).unwrap();
        assert_eq!((ni.host.as_str(), ni.service.as_str()), ("127.0.0.1", "8080"));

        let h = gethostbyname("127.0.0.1").unwrap();
        assert_eq!(h.addrs, ["127.0.0.1".parse::<std::net::IpAddr>().unwrap()]);
        assert!(!gethostname().unwrap().is_empty());
    }

    #[test]
    fn well_known_services_and_protocols() {
        assert_eq!(getservbyname("http", "tcp").unwrap(), 80);
        assert_eq!(getservbyname("domain", "udp").unwrap(), 53);
        assert_eq!(getservbyport(22, "tcp").unwrap(), "ssh");
        assert_eq!(getprotobyname("tcp").unwrap(), Protocol::TCP);
        assert_eq!(getprotobyname("udp").unwrap(), Protocol::UDP);
        let err = getservbyname("nosuch-svc", "tcp").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert_eq!(err.to_string(), "getservbyname(nosuch-svc/tcp): service/proto not found");
    }

    #[test]
    fn errors_and_bad_input() {
        let numeric = AddrInfoHints::new().flags(AddrInfoFlags::NUMERICHOST);
        let err = getaddrinfo(Some("not-an-address"), None, &numeric).unwrap_err();
        let Error::Netdb(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.code(), NetdbCode::Eai(Eai::NONAME));
        assert_eq!(e.call(), "getaddrinfo");
        assert_eq!(e.name(), "not-an-address");
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert!(err.to_string().starts_with("getaddrinfo(not-an-address): "), "{err}");
        let io = std::io::Error::from(err);
        assert_eq!(io.kind(), ErrorKind::NotFound);
        assert!(matches!(Error::downcast_ref(&io), Some(Error::Netdb(_))));

        let hints = AddrInfoHints::new();
        assert!(matches!(
            getaddrinfo(Some("a\0b"), None, &hints),
            Err(Error::InvalidInput { call: "getaddrinfo", .. })
        ));
        assert!(matches!(getservbyname("ht\0tp", None), Err(Error::InvalidInput { .. })));
        assert!(matches!(gethostbyname("a\0b"), Err(Error::InvalidInput { .. })));
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use super::util;

    use std::collections::HashMap;
    use std::io::ErrorKind;
    use std::net::IpAddr;
    use std::process::Command;
    use std::sync::OnceLock;

    use berkeley::netdb::{
        create_connection, getaddrinfo, getaddrinfo_timeout, getfqdn, gethostbyaddr, gethostbyname,
        gethostbyname2, gethostbyname_ex, gethostname, getnameinfo, getprotobyname,
        getprotobynumber, getservbyname, getservbyport, resolve, AddrInfoFlags, AddrInfoHints, Eai,
        HErrno, NameInfoFlags, NetdbCode,
    };
    use berkeley::{Domain, Error, Protocol, SockAddr, Socket, Type};
    use serde_json::Value;

    /// `getent DATABASE KEYS...`: its stdout lines (empty when nothing was found).
    fn getent(args: &[&str]) -> Vec<String> {
        let out = Command::new("getent").args(args).output().expect("getent runs");
        String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect()
    }

    /// The names every host test looks up.
    fn host_names() -> Vec<String> {
        vec!["localhost".into(), gethostname().unwrap(), "127.0.0.1".into(), "::1".into()]
    }

    /// Python computes its answers for the same questions, once; `None` without python3.
    fn python() -> Option<&'static Value> {
        static ORACLE: OnceLock<Option<Value>> = OnceLock::new();
        ORACLE
            .get_or_init(|| {
                let out = Command::new("python3").arg("-c").arg(PY_ORACLE).output().ok()?;
                assert!(out.status.success(), "oracle: {}", String::from_utf8_lossy(&out.stderr));
                Some(serde_json::from_slice(&out.stdout).expect("the oracle prints JSON"))
            })
            .as_ref()
    }

    const PY_ORACLE: &str = r#"
import json, socket, subprocess
def err(e):
    return {"error": e.errno if isinstance(e, socket.gaierror) else str(e)}
def call(f, *a):
    try:
        return f(*a)
    except OSError as e:
        return err(e)
out = {"hostname": socket.gethostname(), "fqdn": socket.getfqdn(),
       "fqdn_localhost": socket.getfqdn("localhost"), "gai": {}, "ex": {}, "byaddr": {},
       "nameinfo": {}, "serv_name": {}, "serv_port": {}, "proto": {}}
hosts = ["localhost", socket.gethostname(), "127.0.0.1", "::1"]
for h in hosts:
    for fam in (0, socket.AF_INET, socket.AF_INET6):
        for flags in (0, socket.AI_CANONNAME):
            for serv in (None, "http", "22"):
                key = "%s|%d|%d|%s" % (h, fam, flags, serv)
                r = call(socket.getaddrinfo, h, serv, fam, 0, 0, flags)
                if isinstance(r, list):
                    r = [[f, t, p, c, sa[0], sa[1]] for (f, t, p, c, sa) in r]
                out["gai"][key] = r
    r = call(socket.gethostbyname_ex, h)
    out["ex"][h] = list(r) if isinstance(r, tuple) else r
    r = call(socket.gethostbyaddr, h)
    out["byaddr"][h] = list(r) if isinstance(r, tuple) else r
for (a, p) in (("127.0.0.1", 22), ("127.0.0.1", 53), ("127.0.0.1", 65000), ("::1", 80)):
    for flags in (0, 1, 2, 3, 4, 8, 16, 24):
        r = call(socket.getnameinfo, (a, p), flags)
        out["nameinfo"]["%s|%d|%d" % (a, p, flags)] = list(r) if isinstance(r, tuple) else r
for line in subprocess.run(["getent", "services"], capture_output=True, text=True).stdout.splitlines():
    f = line.split()
    port, proto = f[1].split("/")
    for name in [f[0]] + f[2:]:
        for pr in (proto, None):
            key = "%s/%s" % (name, pr)
            r = call(socket.getservbyname, name, pr) if pr else call(socket.getservbyname, name)
            out["serv_name"][key] = r
        out["serv_port"]["%s/%s" % (port, proto)] = call(socket.getservbyport, int(port), proto)
        out["serv_port"]["%s/None" % port] = call(socket.getservbyport, int(port))
for line in subprocess.run(["getent", "protocols"], capture_output=True, text=True).stdout.splitlines():
    f = line.split()
    for name in [f[0]] + f[2:]:
        out["proto"][name] = call(socket.getprotobyname, name)
for name in ("nosuch-proto", "tcp\tx"):
    out["proto"][name] = call(socket.getprotobyname, name)
print(json.dumps(out))
"#;

    /// Our `getaddrinfo` in Python's shape: `[family, type, proto, canonname, host, port]` rows,
    /// or `{"error": EAI code}`.
    fn gai_rows(host: &str, family: i32, flags: i32, serv: Option<&str>) -> Value {
        let hints = AddrInfoHints::new()
            .family(Domain::from_raw(family))
            .flags(AddrInfoFlags::from_raw(flags));
        match getaddrinfo(Some(host), serv, &hints) {
            Ok(it) => Value::Array(
                it.map(|ai| {
                    let sa = ai.addr().as_socket().unwrap();
                    serde_json::json!([
                        ai.family().as_raw(),
                        ai.socktype().as_raw(),
                        ai.protocol().as_raw(),
                        ai.canonname().unwrap_or(""),
                        sa.ip().to_string(),
                        sa.port()
                    ])
                })
                .collect(),
            ),
            Err(Error::Netdb(e)) => match e.code() {
                NetdbCode::Eai(code) => serde_json::json!({ "error": code.as_raw() }),
                other => panic!("{host}: unexpected {other:?}"),
            },
            Err(e) => panic!("{host}: {e}"),
        }
    }

    #[test]
    fn getaddrinfo_matches_python() {
        let Some(py) = python() else {
            return util::skip("getaddrinfo_matches_python", "python3 is not installed");
        };
        let mut n = 0;
        for (key, want) in py["gai"].as_object().unwrap() {
            let f: Vec<&str> = key.split('|').collect();
            let serv = (f[3] != "None").then_some(f[3]);
            let got = gai_rows(f[0], f[1].parse().unwrap(), f[2].parse().unwrap(), serv);
            assert_eq!(&got, want, "getaddrinfo({key})");
            n += 1;
        }
        assert_eq!(n, 4 * 3 * 2 * 3);
    }

    #[test]
    fn getaddrinfo_matches_getent_ahosts() {
        for name in host_names() {
            for (db, family) in [("ahosts", Domain::UNSPEC), ("ahostsv4", Domain::INET)] {
                // getent prints `ADDR TYPE [CANONNAME]` per answer, the name on the first line.
                let want: Vec<String> = getent(&[db, &name])
                    .iter()
                    .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
                    .collect();
                let hints = AddrInfoHints::new()
                    .family(family)
                    .flags(AddrInfoFlags::ADDRCONFIG | AddrInfoFlags::CANONNAME);
                let got: Vec<String> = match getaddrinfo(Some(&name), None, &hints) {
                    Ok(it) => it
                        .map(|ai| {
                            let ty = match ai.socktype() {
                                Type::STREAM => "STREAM",
                                Type::DGRAM => "DGRAM",
                                Type::RAW => "RAW",
                                other => panic!("{other:?}"),
                            };
                            format!("{} {ty}", ai.addr().as_socket().unwrap().ip())
                        })
                        .collect(),
                    Err(_) => Vec::new(),
                };
                assert_eq!(got, want, "getent {db} {name}");
            }
        }
    }

    #[test]
    fn getaddrinfo_entries_are_usable() {
        let hints = AddrInfoHints::new().family(Domain::INET).socktype(Type::STREAM);
        let mut it = getaddrinfo(Some("localhost"), Some("http"), &hints).unwrap();
        let ai = it.next().unwrap();
        assert_eq!(ai.addr().to_string(), "127.0.0.1:80");
        assert_eq!(
            (ai.family(), ai.socktype(), ai.protocol()),
            (Domain::INET, Type::STREAM, Protocol::TCP)
        );
        // The iterator is Send: the list can be read (and freed) on another thread.
        let rest = std::thread::spawn(move || it.count()).join().unwrap();
        assert_eq!(rest, 0);

        let passive = AddrInfoHints::new().flags(AddrInfoFlags::PASSIVE).family(Domain::INET);
        let ai = getaddrinfo(None, Some("7007"), &passive).unwrap().next().unwrap();
        assert_eq!(ai.addr().to_string(), "0.0.0.0:7007");
        let ai = getaddrinfo(None, Some("7007"), &AddrInfoHints::new().family(Domain::INET))
            .unwrap()
            .next()
            .unwrap();
        assert_eq!(ai.addr().to_string(), "127.0.0.1:7007");

        let canon = AddrInfoHints::new().flags(AddrInfoFlags::CANONNAME);
        let ai = getaddrinfo(Some("localhost"), None, &canon).unwrap().next().unwrap();
        assert_eq!(ai.canonname(), Some("localhost"));
    }

    #[test]
    fn unknown_names_fail_with_the_right_code() {
        let hints = AddrInfoHints::new();
        let err = getaddrinfo(Some("nosuch.invalid"), None, &hints).unwrap_err();
        let Error::Netdb(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.code(), NetdbCode::Eai(Eai::NONAME));
        assert_eq!(err.to_string(), "getaddrinfo(nosuch.invalid): Name or service not known");
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert_eq!(err.raw_os_error(), None);
        let io: std::io::Error = err.into();
        assert_eq!(io.kind(), ErrorKind::NotFound);
        assert!(io.to_string().starts_with("getaddrinfo(nosuch.invalid)"));

        // A numeric-only lookup of a name, an unknown service, a bad socket type.
        let numeric = AddrInfoHints::new().flags(AddrInfoFlags::NUMERICHOST);
        let Err(Error::Netdb(e)) = getaddrinfo(Some("localhost"), None, &numeric) else { panic!() };
        assert_eq!(e.code(), NetdbCode::Eai(Eai::NONAME));
        let stream = AddrInfoHints::new().socktype(Type::STREAM);
        let Err(Error::Netdb(e)) = getaddrinfo(Some("localhost"), Some("nosuch-svc"), &stream)
        else {
            panic!()
        };
        assert_eq!(e.code(), NetdbCode::Eai(Eai::SERVICE));
        assert_eq!(e.name(), "localhost, nosuch-svc");
        let Err(Error::Netdb(e)) = getaddrinfo(None, None, &hints) else { panic!() };
        assert_eq!(e.code(), NetdbCode::Eai(Eai::NONAME));

        let err = gethostbyname("nosuch.invalid").unwrap_err();
        let Error::Netdb(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.code(), NetdbCode::Host(HErrno::HOST_NOT_FOUND));
        assert_eq!(err.to_string(), "gethostbyname2_r(nosuch.invalid): Unknown host");
        assert_eq!(err.kind(), ErrorKind::NotFound);

        let err = getservbyname("nosuch-svc", "tcp").unwrap_err();
        assert_eq!(err.to_string(), "getservbyname(nosuch-svc/tcp): service/proto not found");
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert_eq!(
            getprotobynumber(Protocol::from_raw(250)).unwrap_err().to_string(),
            "getprotobynumber(250): protocol not found"
        );
    }

    #[test]
    fn interior_nul_is_an_error_before_any_call() {
        let hints = AddrInfoHints::new();
        for res in [
            getaddrinfo(Some("local\0host"), None, &hints).map(drop),
            getaddrinfo(Some("localhost"), Some("ht\0tp"), &hints).map(drop),
            gethostbyname("local\0host").map(drop),
            getservbyname("ht\0tp", "tcp").map(drop),
            getservbyname("http", "t\0cp").map(drop),
            getservbyport(80, "t\0cp").map(drop),
            getprotobyname("t\0cp").map(drop),
        ] {
            assert!(matches!(res, Err(Error::InvalidInput { .. })), "{res:?}");
        }
        assert!(matches!(
            gethostbyname2("localhost", Domain::UNIX),
            Err(Error::WrongFamily { .. })
        ));
    }

    fn hostent_value(h: berkeley::Result<berkeley::netdb::HostEnt>) -> Option<Value> {
        let h = h.ok()?;
        let addrs: Vec<String> = h.addrs.iter().map(IpAddr::to_string).collect();
        Some(serde_json::json!([h.name, h.aliases, addrs]))
    }

    #[test]
    fn legacy_host_calls_match_python() {
        let Some(py) = python() else {
            return util::skip("legacy_host_calls_match_python", "python3 is not installed");
        };
        for name in host_names() {
            let want = &py["ex"][&name];
            match hostent_value(gethostbyname_ex(&name)) {
                Some(got) => assert_eq!(&got, want, "gethostbyname_ex({name})"),
                None => assert!(want.get("error").is_some(), "gethostbyname_ex({name}): {want}"),
            }
            // Python's gethostbyaddr resolves a name to its first address first.
            let want = &py["byaddr"][&name];
            let ip = getaddrinfo(Some(&name), None, &AddrInfoHints::new())
                .unwrap()
                .next()
                .and_then(|ai| ai.addr().as_socket())
                .map(|a| a.ip())
                .unwrap();
            match hostent_value(gethostbyaddr(ip)) {
                Some(got) => assert_eq!(&got, want, "gethostbyaddr({name})"),
                None => assert!(want.get("error").is_some(), "gethostbyaddr({name}): {want}"),
            }
        }
        assert_eq!(gethostname().unwrap(), py["hostname"].as_str().unwrap());
        assert_eq!(getfqdn("").unwrap(), py["fqdn"].as_str().unwrap());
        assert_eq!(getfqdn("localhost").unwrap(), py["fqdn_localhost"].as_str().unwrap());
    }

    #[test]
    fn legacy_host_calls_match_getent_hosts() {
        for name in host_names() {
            let want = getent(&["hosts", &name]);
            let want: Vec<&str> =
                want.first().map_or(Vec::new(), |l| l.split_whitespace().collect());
            // getent: an address key goes to gethostbyaddr; a name to gethostbyname2(AF_INET6),
            // then gethostbyname2(AF_INET).
            let got = match name.parse::<IpAddr>() {
                Ok(ip) => gethostbyaddr(ip),
                Err(_) => gethostbyname2(&name, Domain::INET6)
                    .or_else(|_| gethostbyname2(&name, Domain::INET)),
            };
            let got: Vec<String> = match got {
                Ok(h) => {
                    let mut v = vec![h.addrs[0].to_string(), h.name];
                    v.extend(h.aliases);
                    v
                }
                Err(_) => Vec::new(),
            };
            assert_eq!(got, want, "getent hosts {name}");
        }
        let h = gethostbyname("localhost").unwrap();
        assert_eq!(h.addrtype, Domain::INET);
        assert!(h.addrs.iter().all(IpAddr::is_ipv4));
    }

    #[test]
    fn getnameinfo_matches_python() {
        let Some(py) = python() else {
            return util::skip("getnameinfo_matches_python", "python3 is not installed");
        };
        for (key, want) in py["nameinfo"].as_object().unwrap() {
            let f: Vec<&str> = key.split('|').collect();
            let addr: SockAddr = match f[0] {
                "::1" => format!("[::1]:{}", f[1]),
                v4 => format!("{v4}:{}", f[1]),
            }
            .parse()
            .unwrap();
            let got = match getnameinfo(&addr, NameInfoFlags::from_raw(f[2].parse().unwrap())) {
                Ok(ni) => serde_json::json!([ni.host, ni.service]),
                Err(Error::Netdb(e)) => match e.code() {
                    NetdbCode::Eai(c) => serde_json::json!({ "error": c.as_raw() }),
                    other => panic!("{other:?}"),
                },
                Err(e) => panic!("{e}"),
            };
            assert_eq!(&got, want, "getnameinfo({key})");
        }
    }

    /// `getent services`: (name or alias, port, protocol) for every name of every entry, in file
    /// order.
    fn services() -> Vec<(String, u16, String, bool)> {
        let mut out = Vec::new();
        for line in getent(&["services"]) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let (port, proto) = f[1].split_once('/').unwrap();
            for (i, name) in std::iter::once(f[0]).chain(f[2..].iter().copied()).enumerate() {
                out.push((name.to_owned(), port.parse().unwrap(), proto.to_owned(), i == 0));
            }
        }
        out
    }

    #[test]
    fn every_service_matches_getent_both_directions() {
        let all = services();
        assert!(all.len() > 100, "getent services lists /etc/services");
        let mut first_by_name: HashMap<(&str, &str), u16> = HashMap::new();
        let mut first_by_port: HashMap<(u16, &str), &str> = HashMap::new();
        for (name, port, proto, official) in &all {
            first_by_name.entry((name, proto)).or_insert(*port);
            if *official {
                first_by_port.entry((*port, proto)).or_insert(name);
            }
        }
        for ((name, proto), port) in &first_by_name {
            assert_eq!(
                getservbyname(name, *proto).unwrap(),
                *port,
                "getservbyname({name}, {proto})"
            );
        }
        for ((port, proto), name) in &first_by_port {
            assert_eq!(
                getservbyport(*port, *proto).unwrap(),
                *name,
                "getservbyport({port}, {proto})"
            );
        }
        for proto in ["tcp", "udp"] {
            assert!(first_by_name.keys().filter(|k| k.1 == proto).count() > 50, "{proto} entries");
        }
    }

    #[test]
    fn every_service_matches_python() {
        let Some(py) = python() else {
            return util::skip("every_service_matches_python", "python3 is not installed");
        };
        let answer = |v: berkeley::Result<Value>| -> Value {
            v.unwrap_or_else(|e| {
                assert_eq!(e.kind(), ErrorKind::NotFound, "{e}");
                serde_json::json!({ "error": "service/proto not found" })
            })
        };
        for (key, want) in py["serv_name"].as_object().unwrap() {
            let (name, proto) = key.rsplit_once('/').unwrap();
            let proto = (proto != "None").then_some(proto);
            let got = answer(getservbyname(name, proto).map(Value::from));
            if want.get("error").is_some() {
                assert!(got.get("error").is_some(), "getservbyname({key}): {got}");
            } else {
                assert_eq!(&got, want, "getservbyname({key})");
            }
        }
        for (key, want) in py["serv_port"].as_object().unwrap() {
            let (port, proto) = key.split_once('/').unwrap();
            let proto = (proto != "None").then_some(proto);
            let got = answer(getservbyport(port.parse().unwrap(), proto).map(Value::from));
            if want.get("error").is_some() {
                assert!(got.get("error").is_some(), "getservbyport({key}): {got}");
            } else {
                assert_eq!(&got, want, "getservbyport({key})");
            }
        }
    }

    #[test]
    fn every_protocol_matches_getent_and_python() {
        let lines = getent(&["protocols"]);
        assert!(lines.len() > 20, "getent protocols lists /etc/protocols");
        let mut first_by_number: HashMap<i32, String> = HashMap::new();
        for line in &lines {
            let f: Vec<&str> = line.split_whitespace().collect();
            let number: i32 = f[1].parse().unwrap();
            first_by_number.entry(number).or_insert_with(|| f[0].to_owned());
            for name in std::iter::once(f[0]).chain(f[2..].iter().copied()) {
                assert_eq!(
                    getprotobyname(name).unwrap().as_raw(),
                    number,
                    "getprotobyname({name})"
                );
            }
        }
        for (number, name) in &first_by_number {
            assert_eq!(&getprotobynumber(Protocol::from_raw(*number)).unwrap(), name);
            assert_eq!(
                getent(&["protocols", &number.to_string()])[0].split_whitespace().next(),
                Some(name.as_str())
            );
        }
        let Some(py) = python() else {
            return util::skip(
                "every_protocol_matches_getent_and_python",
                "python3 is not installed",
            );
        };
        for (name, want) in py["proto"].as_object().unwrap() {
            match getprotobyname(name) {
                Ok(p) => assert_eq!(want.as_i64(), Some(i64::from(p.as_raw())), "{name}"),
                Err(e) => {
                    assert!(want.get("error").is_some(), "getprotobyname({name:?}): {want}");
                    assert_eq!(e.kind(), ErrorKind::NotFound);
                }
            }
        }
    }

    #[test]
    fn the_cache_answers_like_glibc_for_every_entry() {
        let cache = berkeley::netdb::NetdbCache::load().unwrap();
        let all = services();
        let mut names = 0;
        for (name, port, proto, _) in &all {
            for p in [Some(proto.as_str()), Some("tcp"), Some("udp"), None] {
                let glibc = getservbyname(name, p).ok();
                assert_eq!(
                    cache.getservbyname(name, p).ok(),
                    glibc,
                    "getservbyname({name}, {p:?})"
                );
            }
            for p in [Some(proto.as_str()), None] {
                let glibc = getservbyport(*port, p).ok();
                let ours = cache.getservbyport(*port, p).ok().map(str::to_owned);
                assert_eq!(ours, glibc, "getservbyport({port}, {p:?})");
            }
            names += 1;
        }
        assert!(names > 100);
        for miss in ["nosuch-svc", "HTTP", "", "http/tcp"] {
            assert_eq!(cache.getservbyname(miss, None).ok(), getservbyname(miss, None).ok());
        }
        for port in [0, 1, 4, 65535] {
            let ours = cache.getservbyport(port, "tcp").ok().map(str::to_owned);
            assert_eq!(ours, getservbyport(port, "tcp").ok(), "getservbyport({port})");
        }
        for line in getent(&["protocols"]) {
            let f: Vec<&str> = line.split_whitespace().collect();
            for name in std::iter::once(f[0]).chain(f[2..].iter().copied()) {
                assert_eq!(cache.getprotobyname(name).ok(), getprotobyname(name).ok(), "{name}");
            }
            let p = Protocol::from_raw(f[1].parse().unwrap());
            assert_eq!(
                cache.getprotobynumber(p).ok().map(str::to_owned),
                getprotobynumber(p).ok(),
                "getprotobynumber({p:?})"
            );
        }
        for n in [-1, 250, 1000] {
            let p = Protocol::from_raw(n);
            assert_eq!(cache.getprotobynumber(p).ok().map(str::to_owned), getprotobynumber(p).ok());
        }
        let err = cache.getservbyname("nosuch-svc", "tcp").unwrap_err();
        assert_eq!(err.to_string(), getservbyname("nosuch-svc", "tcp").unwrap_err().to_string());
    }

    #[test]
    fn lookups_are_thread_safe() {
        // One thread's answers, then 8 threads × 10,000 mixed lookups must give the same.
        let services: Vec<(String, u16, String)> =
            services().into_iter().filter(|s| s.3).map(|(n, p, pr, _)| (n, p, pr)).collect();
        let expect_port: Vec<u16> =
            services.iter().map(|(n, _, pr)| getservbyname(n, pr.as_str()).unwrap()).collect();
        let expect_name: Vec<String> =
            services.iter().map(|(_, p, pr)| getservbyport(*p, pr.as_str()).unwrap()).collect();
        let expect_host = gethostbyname("localhost").unwrap();
        let expect_proto = getprotobyname("udp").unwrap();
        let services = std::sync::Arc::new((services, expect_port, expect_name));
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let s = services.clone();
                let host = expect_host.clone();
                std::thread::spawn(move || {
                    let (list, ports, names) = &*s;
                    for i in 0..10_000usize {
                        let k = (i * 7 + t * 13) % list.len();
                        let (name, port, proto) = &list[k];
                        match i % 5 {
                            0 | 1 => {
                                assert_eq!(getservbyname(name, proto.as_str()).unwrap(), ports[k])
                            }
                            2 => {
                                assert_eq!(getservbyport(*port, proto.as_str()).unwrap(), names[k])
                            }
                            3 => assert_eq!(getprotobyname("udp").unwrap(), expect_proto),
                            _ => assert_eq!(gethostbyname("localhost").unwrap(), host),
                        }
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
    }

    #[test]
    fn resolving_conveniences() {
        let addrs = resolve("localhost:7007").unwrap();
        assert_eq!(addrs.iter().map(|a| a.to_string()).collect::<Vec<_>>(), ["127.0.0.1:7007"]);
        assert_eq!(resolve("127.1:http").unwrap()[0].to_string(), "127.0.0.1:80");
        assert_eq!(resolve("[::1]:53").unwrap()[0].to_string(), "[::1]:53");
        assert!(matches!(resolve("localhost"), Err(Error::InvalidInput { .. })));
        assert!(matches!(resolve("::1:80"), Err(Error::InvalidInput { .. })));
        assert_eq!(resolve("nosuch.invalid:80").unwrap_err().kind(), ErrorKind::NotFound);

        let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
        listener.bind("127.0.0.1:0").unwrap();
        listener.listen(1).unwrap();
        let port = listener.getsockname().unwrap().as_socket().unwrap().port();
        let s = create_connection(&format!("localhost:{port}"), None).unwrap();
        assert_eq!(s.getpeername().unwrap(), listener.getsockname().unwrap());
        drop(listener);
        let err = create_connection(&format!("localhost:{port}"), None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused);

        let hints = AddrInfoHints::new().socktype(Type::DGRAM);
        let ai = getaddrinfo_timeout(
            "localhost",
            Some("domain"),
            &hints,
            std::time::Duration::from_secs(30),
        )
        .unwrap()
        .next()
        .unwrap();
        assert_eq!(ai.addr().to_string(), "127.0.0.1:53");
    }

    /// The name-service examples, built on first use (see `util::example_bin`).
    fn example(name: &str) -> std::path::PathBuf {
        util::example_bin(name, &["hostinfo", "portscan", "ifconfig"])
    }

    /// Runs an example; returns (exit code, stdout, stderr).
    fn run_example(name: &str, args: &[&str]) -> (Option<i32>, String, String) {
        let out = Command::new(example(name)).args(args).output().unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code(), text(out.stdout), text(out.stderr))
    }

    #[test]
    fn hostinfo_example_matches_python() {
        let Some(py) = python() else {
            return util::skip("hostinfo_example_matches_python", "python3 is not installed");
        };
        let hostname = gethostname().unwrap();
        // Names go to gethostbyname, what inet_aton accepts to gethostbyaddr (so 127.1 is an
        // address, as in C).
        for (arg, want) in [
            ("localhost", &py["ex"]["localhost"]),
            (hostname.as_str(), &py["ex"][&hostname]),
            ("127.0.0.1", &py["byaddr"]["127.0.0.1"]),
            ("127.1", &py["byaddr"]["127.0.0.1"]),
        ] {
            let (code, out, err) = run_example("hostinfo", &[arg]);
            assert_eq!(code, Some(0), "hostinfo {arg}: {err}");
            let mut expect = format!("official hostname: {}\n", want[0].as_str().unwrap());
            for alias in want[1].as_array().unwrap() {
                expect.push_str(&format!("alias: {}\n", alias.as_str().unwrap()));
            }
            for addr in want[2].as_array().unwrap() {
                expect.push_str(&format!("address: {}\n", addr.as_str().unwrap()));
            }
            assert_eq!(out, expect, "hostinfo {arg}");
        }
        let (code, out, err) = run_example("hostinfo", &["nosuch.invalid"]);
        assert_eq!((code, out.as_str()), (Some(1), ""));
        assert_eq!(err, "hostinfo: gethostbyname2_r(nosuch.invalid): Unknown host\n");
        let (code, _, err) = run_example("hostinfo", &[]);
        assert_eq!(code, Some(2));
        assert!(err.contains("usage: hostinfo NAME|ADDR"), "{err}");
        let (code, out, _) = run_example("hostinfo", &["--help"]);
        assert_eq!(code, Some(0));
        assert!(out.starts_with("usage: hostinfo"));
    }

    #[test]
    fn portscan_example_usage_and_errors() {
        let (code, _, err) = run_example("portscan", &["127.0.0.1"]);
        assert_eq!(code, Some(2));
        assert!(err.contains("usage: portscan HOST PORTS"), "{err}");
        let (code, out, _) = run_example("portscan", &["--help"]);
        assert_eq!(code, Some(0));
        assert!(out.contains("Only scan hosts you own"), "{out}");
        for bad in ["0", "10-5", "80,", "x", "70000", "1-2-3"] {
            let (code, _, err) = run_example("portscan", &["127.0.0.1", bad]);
            assert_eq!(code, Some(1), "{bad}");
            assert!(err.starts_with("portscan: bad port list"), "{bad}: {err}");
        }
        let (code, _, err) = run_example("portscan", &["nosuch.invalid", "80"]);
        assert_eq!(code, Some(1));
        assert_eq!(err, "portscan: getaddrinfo(nosuch.invalid): Name or service not known\n");
        let (code, _, err) = run_example("portscan", &["127.0.0.1", "80", "--timeout", "soon"]);
        assert_eq!(code, Some(1), "{err}");
    }

    /// Re-runs this binary inside a new network namespace (nothing else listens there), for the
    /// portscan checks whose counts must be exact.
    #[test]
    fn portscan_example_in_a_namespace() {
        let ok =
            Command::new("unshare").args(["-n", "true"]).output().is_ok_and(|o| o.status.success());
        if !ok {
            return util::skip(
                "portscan_example_in_a_namespace",
                "cannot create a network namespace",
            );
        }
        let out = Command::new("unshare")
        .args([
            "-n",
            "sh",
            "-c",
            "ip link set lo up && exec \"$0\" --exact glibc::portscan_netns_inner --ignored --nocapture",
        ])
        .arg(std::env::current_exe().unwrap())
        .env("BERKELEY_NETNS_INNER", "1")
        .env("BERKELEY_PORTSCAN", example("portscan"))
        .output()
        .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "inner: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("PORTSCAN_INNER_DONE"), "the inner test ran: {stdout}");
    }

    /// A DNS server that never answers, in a private mount and network namespace (its own
    /// `/etc/resolv.conf` bind-mounted over the real one): `getaddrinfo_timeout` must give up.
    #[test]
    fn getaddrinfo_timeout_gives_up_on_a_silent_server() {
        let conf =
            std::env::temp_dir().join(format!("berkeley-resolv-{}.conf", std::process::id()));
        std::fs::write(&conf, "nameserver 127.0.0.1\noptions timeout:30 attempts:1\n").unwrap();
        let ok = Command::new("unshare")
            .args(["-mn", "sh", "-c", "mount --bind \"$0\" /etc/resolv.conf"])
            .arg(&conf)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            let _ = std::fs::remove_file(&conf);
            return util::skip(
                "getaddrinfo_timeout_gives_up_on_a_silent_server",
                "cannot make a mount and network namespace (needs root)",
            );
        }
        let out = Command::new("unshare")
            .args([
                "-mn",
                "sh",
                "-c",
                "mount --bind \"$0\" /etc/resolv.conf && ip link set lo up && exec \"$1\" \
                 --exact glibc::silent_dns_inner --ignored --nocapture",
            ])
            .arg(&conf)
            .arg(std::env::current_exe().unwrap())
            .env("BERKELEY_NETNS_INNER", "1")
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&conf);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "inner: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("SILENT_DNS_DONE"), "the inner test ran: {stdout}");
    }

    #[test]
    #[ignore = "run by getaddrinfo_timeout_gives_up_on_a_silent_server in its namespaces"]
    fn silent_dns_inner() {
        assert!(std::env::var_os("BERKELEY_NETNS_INNER").is_some(), "run through the outer test");
        // The server: bound, never answering.
        let _server = std::net::UdpSocket::bind("127.0.0.1:53").unwrap();
        let hints = AddrInfoHints::new().socktype(Type::STREAM);
        let wait = std::time::Duration::from_millis(300);
        let err = getaddrinfo_timeout("hang.example", Some("80"), &hints, wait).unwrap_err();
        let Error::Netdb(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.code(), NetdbCode::Timeout);
        assert!(err.is_timeout());
        assert_eq!(err.kind(), ErrorKind::TimedOut);
        assert_eq!(err.to_string(), "getaddrinfo(hang.example, 80): timed out");
        // /etc/hosts still answers.
        let ai = getaddrinfo_timeout(
            "localhost",
            Some("80"),
            &hints,
            std::time::Duration::from_secs(20),
        )
        .unwrap()
        .next()
        .unwrap();
        assert_eq!(ai.addr().to_string(), "127.0.0.1:80");
        println!("SILENT_DNS_DONE");
    }

    /// Python listeners on 5 random ports of 20000–20999, alive until the returned child's stdin
    /// closes (when it is dropped, after `kill`).
    struct Listeners {
        child: std::process::Child,
        ports: Vec<u16>,
    }

    impl Drop for Listeners {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn python_listeners() -> Listeners {
        use std::io::BufRead;
        let script = "import random, socket, sys
ports, socks = set(), []
while len(socks) < 5:
    p = random.randint(20000, 20999)
    if p in ports: continue
    s = socket.socket()
    try: s.bind(('127.0.0.1', p))
    except OSError: continue
    s.listen(128); socks.append(s); ports.add(p)
print(' '.join(map(str, sorted(ports))), flush=True)
sys.stdin.read()";
        let mut child = Command::new("python3")
            .args(["-c", script])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let ports = line.split_whitespace().map(|p| p.parse().unwrap()).collect();
        Listeners { child, ports }
    }

    #[test]
    #[ignore = "run by portscan_example_in_a_namespace inside the namespace it creates"]
    fn portscan_netns_inner() {
        assert!(std::env::var_os("BERKELEY_NETNS_INNER").is_some(), "run through the outer test");
        let portscan = std::env::var("BERKELEY_PORTSCAN").unwrap();
        let scan = |args: &[&str]| {
            let out = Command::new(&portscan).args(args).output().unwrap();
            assert!(
                out.status.success(),
                "portscan {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
        };
        let listeners = python_listeners();
        let open_lines: String = listeners
            .ports
            .iter()
            .map(|p| {
                let service = getservbyport(*p, "tcp").unwrap_or_else(|_| "unknown".into());
                format!("{p}/tcp open {service}\n")
            })
            .collect();

        // A range holding the listeners: the open set and the closed count are exact.
        let (out, err) = scan(&["127.0.0.1", "20000-20999"]);
        assert_eq!(out, format!("{open_lines}995 closed ports\n"));
        assert_eq!(err.lines().count(), 0, "no progress for 1,000 ports: {err}");
        // The same with a name, a port list and very little concurrency.
        let list: Vec<String> = listeners.ports.iter().map(u16::to_string).collect();
        let (out, _) =
            scan(&["localhost", &format!("1-3,{},20000", list.join(",")), "--max-inflight", "2"]);
        let extra = if listeners.ports.contains(&20000) { 3 } else { 4 };
        assert_eq!(out, format!("{open_lines}{extra} closed ports\n"));

        // IPv6: the listeners are IPv4-only, so ::1 has every port closed.
        if util::have_ipv6_loopback() {
            let (out, _) = scan(&["::1", "20000-20099"]);
            assert_eq!(out, "100 closed ports\n");
        } else {
            util::skip("portscan_netns_inner (IPv6 part)", "::1 is not available");
        }

        // Every port: loopback self-connects (source port == target port) are not open ports.
        let (out, err) = scan(&["127.0.0.1", "1-65535"]);
        assert_eq!(out, format!("{open_lines}65530 closed ports\n"));
        assert_eq!(err.lines().count(), 9, "progress every tenth: {err}");
        assert!(err.lines().all(|l| l.starts_with("scanned ")), "{err}");

        // nmap is a second oracle: compared when installed (CI installs it; strict mode fails
        // without it).
        let nmap_args = ["-sT", "-p", "20000-20999", "-oG", "-", "127.0.0.1"];
        if let Ok(nmap) = Command::new("nmap").args(nmap_args).output() {
            let text = String::from_utf8_lossy(&nmap.stdout);
            // `Ports: 20123/open/tcp//unknown///, ...`
            let mut open: Vec<u16> = text
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|f| f.contains("/open/tcp/"))
                .filter_map(|f| f.split('/').next()?.parse().ok())
                .collect();
            open.sort_unstable();
            assert_eq!(open, listeners.ports, "nmap -sT agrees: {text}");
        } else {
            util::skip("portscan_netns_inner (nmap part)", "nmap is not installed");
        }
        drop(listeners);

        // SYNs that vanish: a neighbour that never answers (a static ARP entry with a MAC nobody
        // has) — every port is filtered after the timeout.
        let setup =
            "ip link add bk0 type veth peer name bk1 && ip link set bk0 up && ip link set bk1 up \
                 && ip addr add 10.9.0.1/24 dev bk0 \
                 && ip neigh add 10.9.0.3 lladdr 02:00:00:00:00:09 dev bk0";
        if Command::new("sh").args(["-c", setup]).status().is_ok_and(|s| s.success()) {
            let (out, _) = scan(&["10.9.0.3", "1-300", "--timeout", "300"]);
            assert_eq!(out, "0 closed ports\n300 filtered ports\n");
        } else {
            util::skip("portscan_netns_inner (filtered part)", "cannot create a veth pair");
        }
        println!("PORTSCAN_INNER_DONE");
    }
}
