//! The newcomer's path: what a program written the README's way shows when it fails, `?`
//! between berkeley's errors and std's in both directions, and a README that lists every
//! example.
//!
//! The failing-`main` tests run the `connect` example (`examples/connect.rs`, whose `main`
//! returns `berkeley::Result<()>`) as a process and compare what it prints exactly. They build
//! the examples once with `cargo build --examples`, like tests/examples.rs (Unix only, for the
//! same reasons: see that file).

use std::io;
use std::net::Ipv4Addr;

use berkeley::{Domain, Error, Protocol, SockAddr, Socket, Type};

#[cfg(unix)]
const ECONNREFUSED: i32 = libc::ECONNREFUSED;
#[cfg(windows)]
const ECONNREFUSED: i32 = windows_sys::Win32::Networking::WinSock::WSAECONNREFUSED;

/// A loopback TCP address nobody accepts connections on: a socket bound there without
/// `listen`, so a `connect` to it is refused at once (Linux, Windows). Keep the socket alive
/// while using the address, so no other process can take the port.
fn refusing_port() -> (Socket, SockAddr) {
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    s.bind("127.0.0.1:0").unwrap();
    let addr = s.getsockname().unwrap();
    (s, addr)
}

// ---------------------------------------------------------------------------------------------
// `?` in both directions
// ---------------------------------------------------------------------------------------------

/// A berkeley call inside a function that returns `io::Result`.
fn connect_io(addr: &SockAddr) -> io::Result<Socket> {
    let s = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP)?;
    s.connect(addr)?; // berkeley::Error -> io::Error
    Ok(s)
}

#[test]
fn question_mark_turns_berkeley_errors_into_io_errors() {
    let (_guard, addr) = refusing_port();
    let err = connect_io(&addr).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    // The io::Error prints the same line as the berkeley error: call, address, OS message.
    let msg = io::Error::from_raw_os_error(ECONNREFUSED).to_string();
    assert_eq!(err.to_string(), format!("connect({addr}): {msg}"));
    let inner = Error::downcast_ref(&err).expect("the berkeley error is the payload");
    assert_eq!(inner.call(), Some("connect"));
    assert_eq!(inner.raw_os_error(), Some(ECONNREFUSED));
    assert_eq!(inner.addr(), Some(&addr));
}

/// std I/O inside a function that returns `berkeley::Result`.
fn read_file(path: &std::path::Path) -> berkeley::Result<Vec<u8>> {
    Ok(std::fs::read(path)?) // io::Error -> berkeley::Error
}

#[test]
fn question_mark_turns_io_errors_into_berkeley_errors() {
    let missing =
        std::env::temp_dir().join(format!("berkeley-newcomer-{}-no-such-file", std::process::id()));
    let err = read_file(&missing).unwrap_err();
    let io_err = std::fs::read(&missing).unwrap_err();
    assert!(matches!(err, Error::Io(_)), "{err:?}");
    assert_eq!(err.kind(), io::ErrorKind::NotFound);
    assert_eq!(err.to_string(), io_err.to_string());
    assert_eq!(err.raw_os_error(), io_err.raw_os_error());
}

/// berkeley → io → berkeley: a berkeley error that went through `io::Result` code comes back
/// whole (call, code, address), not wrapped in `Error::Io`.
fn connect_via_io_code(addr: &SockAddr) -> berkeley::Result<Socket> {
    Ok(connect_io(addr)?)
}

#[test]
fn a_berkeley_error_comes_back_whole_through_io_result_code() {
    let (_guard, addr) = refusing_port();
    let err = connect_via_io_code(&addr).unwrap_err();
    match &err {
        Error::Os { call, code, addr: Some(a) } => {
            assert_eq!((*call, *code, &**a), ("connect", ECONNREFUSED, &addr));
        }
        other => panic!("expected Error::Os with the address, got {other:?}"),
    }
    assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
}

/// The crate's parsers inside a function that returns `io::Result`.
fn parse_io(v4: &str, v6: &str, mac: &str) -> io::Result<()> {
    berkeley::inet_aton(v4)?;
    berkeley::inet_pton6(v6)?;
    berkeley::ether_aton(mac)?;
    Ok(())
}

#[test]
fn question_mark_turns_parse_errors_into_io_errors() {
    parse_io("127.1", "::1", "00:1a:2b:3c:4d:5e").unwrap();
    for (args, text) in [
        (("1.2.3.x", "::1", "0:0:0:0:0:0"), "invalid IPv4 address: invalid character at byte 6"),
        (("1.2.3.4", "1:::2", "0:0:0:0:0:0"), "invalid IPv6 address: misplaced '::' at byte 2"),
        (("1.2.3.4", "::1", "00:11:22"), "invalid MAC address: unexpected end of input at byte 8"),
    ] {
        let err = parse_io(args.0, args.1, args.2).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{args:?}");
        assert_eq!(err.to_string(), text, "{args:?}");
        let parse = err.get_ref().and_then(|e| e.downcast_ref::<berkeley::ParseError>());
        assert!(parse.is_some(), "the ParseError is the payload: {err:?}");
    }
}

/// The crate's parsers inside a function that returns `berkeley::Result`.
fn parse_berkeley(ip: &str, addr: &str) -> berkeley::Result<SockAddr> {
    let ip: Ipv4Addr = berkeley::inet_aton(ip)?; // ParseError -> berkeley::Error
    let mut sa: SockAddr = addr.parse()?; // already a berkeley::Error
    if sa.family() == Domain::INET {
        sa = SockAddr::from(berkeley::SockAddrIn::new(ip, sa.as_in().unwrap().port()));
    }
    Ok(sa)
}

#[test]
fn question_mark_turns_parse_errors_into_berkeley_errors() {
    assert_eq!(parse_berkeley("0x7f.1", "0.0.0.0:80").unwrap().to_string(), "127.0.0.1:80");
    let err = parse_berkeley("1.2.3.x", "0.0.0.0:80").unwrap_err();
    assert!(matches!(err, Error::Parse(_)), "{err:?}");
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    assert_eq!(err.to_string(), "invalid IPv4 address: invalid character at byte 6");
    let err = parse_berkeley("1.2.3.4", "localhost:80").unwrap_err();
    assert!(matches!(err, Error::Parse(_)), "{err:?}");
    assert!(err.to_string().starts_with("invalid socket address: "), "{err}");
}

/// All of them into the error type of quick programs and of anyhow-style code.
fn boxed(addr: &SockAddr) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    berkeley::inet_aton("127.0.0.1")?;
    connect_io(addr)?;
    Ok(())
}

#[test]
fn question_mark_turns_berkeley_errors_into_boxed_errors() {
    let (_guard, addr) = refusing_port();
    let err = boxed(&addr).unwrap_err();
    let msg = io::Error::from_raw_os_error(ECONNREFUSED).to_string();
    assert_eq!(err.to_string(), format!("connect({addr}): {msg}"));
    // Nothing printed twice by a reporter that walks the chain.
    let io_err = err.downcast_ref::<io::Error>().expect("an io::Error from connect_io");
    let inner = io_err.get_ref().expect("payload");
    assert!(inner.source().is_none(), "an OS error has no source: {inner:?}");
}

// ---------------------------------------------------------------------------------------------
// What a failing `fn main() -> berkeley::Result<()>` prints
// ---------------------------------------------------------------------------------------------

#[cfg(unix)]
mod failing_main {
    use std::io::Read;
    use std::os::unix::net::UnixListener;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::sync::OnceLock;

    use super::*;

    /// `<target>/<profile>/examples/connect`, after `cargo build --examples` has run once
    /// (cargo does not build examples for `cargo test --test newcomer`).
    fn connect_example() -> &'static Path {
        static EXE: OnceLock<PathBuf> = OnceLock::new();
        EXE.get_or_init(|| {
            // This binary is <target>/<profile>/deps/newcomer-<hash>.
            let exe = std::env::current_exe().expect("current_exe");
            let profile_dir = exe.parent().and_then(Path::parent).expect("<target>/<profile>");
            let profile = profile_dir.file_name().and_then(|p| p.to_str()).expect("profile");
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
            let mut cmd = Command::new(cargo);
            cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args([
                "build",
                "--quiet",
                "--example",
                "connect",
            ]);
            match profile {
                "debug" => {}
                "release" => {
                    cmd.arg("--release");
                }
                other => {
                    cmd.args(["--profile", other]);
                }
            }
            if let Some(target) = profile_dir.parent().filter(|t| t.join("CACHEDIR.TAG").exists()) {
                cmd.arg("--target-dir").arg(target);
            }
            let status = cmd.status().expect("running cargo build --example connect");
            assert!(status.success(), "cargo build --example connect failed: {status}");
            let exe = profile_dir.join("examples").join("connect");
            assert!(exe.exists(), "no {}", exe.display());
            exe
        })
    }

    #[derive(Debug)]
    struct Out {
        code: Option<i32>,
        stdout: String,
        stderr: String,
    }

    fn run(args: &[&str]) -> Out {
        let out = Command::new(connect_example())
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("running the connect example");
        let out = Out {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!out.stderr.contains("panicked"), "{out:?}");
        out
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_refused_connect_prints_call_kind_message_and_address() {
        let (_guard, addr) = refusing_port();
        let out = run(&[&addr.to_string()]);
        assert_eq!(out.code, Some(1), "{out:?}");
        assert_eq!(out.stdout, "", "{out:?}");
        assert_eq!(
            out.stderr,
            format!(
                "Error: Os {{ call: \"connect\", code: 111, kind: ConnectionRefused, \
                 message: \"Connection refused\", addr: Some({addr}) }}\n"
            )
        );
    }

    #[test]
    #[cfg(not(target_os = "linux"))]
    fn a_refused_connect_prints_call_kind_message_and_address() {
        let (_guard, addr) = refusing_port();
        let out = run(&[&addr.to_string()]);
        assert_eq!(out.code, Some(1), "{out:?}");
        let msg = io::Error::from_raw_os_error(ECONNREFUSED).to_string();
        let msg = msg.strip_suffix(&format!(" (os error {ECONNREFUSED})")).unwrap();
        assert_eq!(
            out.stderr,
            format!(
                "Error: Os {{ call: \"connect\", code: {ECONNREFUSED}, kind: \
                 ConnectionRefused, message: {msg:?}, addr: Some({addr}) }}\n"
            )
        );
    }

    #[test]
    fn a_missing_unix_socket_prints_not_found_and_the_path() {
        let path = std::env::temp_dir()
            .join(format!("berkeley-newcomer-{}-nobody.sock", std::process::id()));
        let text = path.to_str().expect("temp dir is UTF-8");
        let out = run(&[text]);
        assert_eq!(out.code, Some(1), "{out:?}");
        let msg = io::Error::from_raw_os_error(libc::ENOENT).to_string();
        let msg = msg.strip_suffix(&format!(" (os error {})", libc::ENOENT)).unwrap();
        assert_eq!(
            out.stderr,
            format!(
                "Error: Os {{ call: \"connect\", code: {}, kind: NotFound, message: {msg:?}, \
                 addr: Some({text}) }}\n",
                libc::ENOENT
            )
        );
    }

    #[test]
    fn text_that_is_no_address_is_a_parse_error() {
        let out = run(&["localhost:80"]);
        assert_eq!(out.code, Some(1), "{out:?}");
        assert!(out.stderr.starts_with("Error: Parse(ParseError { what: \"socket address\""));
        assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
        assert_eq!(out.stdout, "");
    }

    #[test]
    fn a_successful_connect_prints_both_ends() {
        let listener = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
        listener.bind("127.0.0.1:0").unwrap();
        listener.listen(1).unwrap();
        let server = listener.getsockname().unwrap();
        let out = run(&[&server.to_string()]);
        assert_eq!((out.code, out.stderr.as_str()), (Some(0), ""), "{out:?}");
        let local = out
            .stdout
            .strip_prefix(&format!("connected to {server} from "))
            .and_then(|rest| rest.strip_suffix('\n'))
            .unwrap_or_else(|| panic!("unexpected output {out:?}"));
        // The connection the example made is the one waiting in the backlog.
        let (_conn, peer) = listener.accept().unwrap();
        assert_eq!(peer.to_string(), local);
    }

    #[test]
    fn a_unix_stream_socket_works_the_same_way() {
        let dir = std::env::temp_dir();
        let path = dir.join(format!("berkeley-newcomer-{}-listen.sock", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).unwrap();
        let out = run(&[path.to_str().unwrap()]);
        let _ = std::fs::remove_file(&path);
        assert_eq!((out.code, out.stderr.as_str()), (Some(0), ""), "{out:?}");
        let prefix = format!("connected to {} from ", path.display());
        assert!(out.stdout.starts_with(&prefix), "{out:?}");
        let (mut conn, _) = listener.accept().unwrap();
        let mut rest = Vec::new();
        conn.read_to_end(&mut rest).unwrap(); // the example closed its end
        assert!(rest.is_empty());
    }

    #[test]
    fn odd_input_is_an_error_line_never_a_panic() {
        let long = "9".repeat(5000);
        for addr in
            ["", ":", "[", "[::1]", "[::1]:", "1.2.3.4:", "1.2.3.4:99999", "127.1:80", "/", &long]
        {
            let out = run(&[addr]);
            assert_eq!(out.code, Some(1), "{addr:?}: {out:?}");
            assert!(out.stderr.starts_with("Error: "), "{addr:?}: {out:?}");
            assert_eq!(out.stderr.lines().count(), 1, "{addr:?}: {out:?}");
            assert_eq!(out.stdout, "", "{addr:?}: {out:?}");
        }
    }

    #[test]
    fn usage_errors_exit_2_and_help_exits_0() {
        for args in [&[][..], &["127.0.0.1:1", "extra"][..]] {
            let out = run(args);
            assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
            assert!(out.stderr.starts_with("connect: "), "{out:?}");
            assert!(out.stderr.contains("usage: connect ADDR"), "{out:?}");
            assert_eq!(out.stdout, "");
        }
        use std::os::unix::ffi::OsStrExt;
        let not_utf8 = std::ffi::OsStr::from_bytes(b"127.0.0.1:\xff");
        let out = Command::new(connect_example()).arg(not_utf8).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"), "{out:?}");
        let out = run(&["--help"]);
        assert_eq!(out.code, Some(0), "{out:?}");
        assert!(out.stdout.starts_with("usage: connect ADDR"), "{out:?}");
        assert_eq!(out.stderr, "");
    }
}

// ---------------------------------------------------------------------------------------------
// The README
// ---------------------------------------------------------------------------------------------

/// Every example program has its line in the README, with the command that runs it.
#[test]
fn the_readme_lists_every_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root.join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            names.push(path.file_stem().unwrap().to_str().unwrap().to_owned());
        }
    }
    assert!(names.len() >= 9, "examples found: {names:?}");
    for name in names {
        let command = format!("cargo run --example {name}");
        // `cargo run --example NAME` followed by the end of the line or a non-name character.
        let listed = readme.match_indices(&command).any(|(at, _)| {
            let next = readme[at + command.len()..].chars().next();
            !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        assert!(listed, "README.md has no line for examples/{name}.rs (`{command}`)");
    }
}
