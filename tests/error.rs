//! `Error`: what users see (Display, Debug) and what survives `?` in either direction.

use std::io;

use berkeley::{Error, ParseError, SockAddr};

#[cfg(unix)]
const REFUSED: i32 = libc::ECONNREFUSED;
#[cfg(windows)]
const REFUSED: i32 = windows_sys::Win32::Networking::WinSock::WSAECONNREFUSED;

fn refused() -> Error {
    let addr: SockAddr = "127.0.0.1:9".parse().unwrap();
    Error::os_addr("connect", REFUSED, &addr)
}

/// The system's message for a code, without std's " (os error N)" suffix.
fn message(code: i32) -> String {
    let full = io::Error::from_raw_os_error(code).to_string();
    full.strip_suffix(&format!(" (os error {code})")).unwrap().to_owned()
}

#[test]
fn errors_are_send_sync_static() {
    fn assert<T: Send + Sync + 'static + std::error::Error>() {}
    assert::<Error>();
    assert::<ParseError>();
}

#[test]
fn display_names_call_address_message_and_code() {
    assert_eq!(
        refused().to_string(),
        format!("connect(127.0.0.1:9): {} (os error {REFUSED})", message(REFUSED))
    );
}

/// What `fn main() -> berkeley::Result<()>` prints on failure is `Error: {:?}`: it must carry
/// the OS message, as std's io::Error Debug does.
#[test]
fn debug_carries_kind_and_message() {
    assert_eq!(
        format!("{:?}", refused()),
        format!(
            "Os {{ call: \"connect\", code: {REFUSED}, kind: ConnectionRefused, message: {:?}, \
             addr: Some(127.0.0.1:9) }}",
            message(REFUSED)
        )
    );
    #[cfg(target_os = "linux")]
    assert_eq!(
        format!("{:?}", refused()),
        "Os { call: \"connect\", code: 111, kind: ConnectionRefused, message: \"Connection refused\", addr: Some(127.0.0.1:9) }"
    );
    assert_eq!(
        format!("{:?}", Error::os("listen", REFUSED)),
        format!(
            "Os {{ call: \"listen\", code: {REFUSED}, kind: ConnectionRefused, message: {:?}, addr: None }}",
            message(REFUSED)
        )
    );
}

#[test]
fn into_io_error_keeps_kind_and_context() {
    let io_err: io::Error = refused().into();
    assert_eq!(io_err.kind(), io::ErrorKind::ConnectionRefused);
    assert_eq!(io_err.to_string(), refused().to_string());
    let back = Error::downcast_ref(&io_err).expect("the berkeley error is inside");
    assert_eq!(back.raw_os_error(), Some(REFUSED));
    assert_eq!(back.call(), Some("connect"));
    assert_eq!(back.addr().map(|a| a.to_string()).as_deref(), Some("127.0.0.1:9"));
}

#[test]
fn io_error_round_trips_back_into_the_same_error() {
    let io_err: io::Error = refused().into();
    let again = Error::from(io_err);
    assert!(matches!(again, Error::Os { call: "connect", code, .. } if code == REFUSED));
    assert_eq!(again.to_string(), refused().to_string());
}

#[test]
fn foreign_io_errors_become_error_io() {
    let e = Error::from(io::Error::new(io::ErrorKind::UnexpectedEof, "short file"));
    assert!(matches!(e, Error::Io(_)));
    assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
    assert_eq!(e.to_string(), "short file");
    let raw = Error::from(io::Error::from_raw_os_error(REFUSED));
    assert_eq!(raw.raw_os_error(), Some(REFUSED));
    // Error::Io goes back out as the very io::Error it holds.
    let out: io::Error = raw.into();
    assert_eq!(out.raw_os_error(), Some(REFUSED));
}

#[test]
fn question_mark_works_in_both_directions() {
    fn io_fn() -> io::Result<()> {
        Err(refused())?;
        Ok(())
    }
    fn berkeley_fn() -> berkeley::Result<()> {
        io_fn()?;
        Ok(())
    }
    fn parse_io() -> io::Result<std::net::Ipv4Addr> {
        Ok(berkeley::inet_aton("1.2.3.x")?)
    }
    let e = berkeley_fn().unwrap_err();
    assert_eq!(e.raw_os_error(), Some(REFUSED), "the OS code survives io::Result and back");
    assert_eq!(e.call(), Some("connect"));
    let p = parse_io().unwrap_err();
    assert_eq!(p.kind(), io::ErrorKind::InvalidInput);
    assert_eq!(p.to_string(), "invalid IPv4 address: invalid character at byte 6");
}

#[test]
fn predicates() {
    #[cfg(unix)]
    {
        use libc::{EAGAIN, EALREADY, EINPROGRESS, EINTR, ETIMEDOUT};
        assert!(Error::os("connect", EINPROGRESS).is_in_progress());
        assert!(Error::os("connect", EALREADY).is_in_progress());
        assert!(!Error::os("connect", EAGAIN).is_in_progress(), "EAGAIN is backlog-full on Unix");
        assert!(Error::os("recv", EAGAIN).is_would_block());
        assert!(!Error::os("recv", EAGAIN).is_timeout());
        assert!(Error::os("connect", ETIMEDOUT).is_timeout());
        assert!(Error::os("recv", EINTR).is_interrupted());
        assert!(!Error::os("recv", EAGAIN).is_interrupted());
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Networking::WinSock::{WSAEALREADY, WSAETIMEDOUT, WSAEWOULDBLOCK};
        assert!(Error::os("connect", WSAEWOULDBLOCK).is_in_progress());
        assert!(!Error::os("recv", WSAEWOULDBLOCK).is_in_progress());
        assert!(Error::os("recv", WSAEWOULDBLOCK).is_would_block());
        assert!(Error::os("connect", WSAEALREADY).is_in_progress());
        assert!(Error::os("recv", WSAETIMEDOUT).is_timeout());
    }
    let parse = Error::from(berkeley::inet_aton("x").unwrap_err());
    assert!(!parse.is_timeout() && !parse.is_would_block() && !parse.is_in_progress());
}

/// What an error reporter that walks `source()` (anyhow's `{:#}`, eyre) prints: the caller's
/// context, then the berkeley error with its call, address and OS message — each once.
#[test]
fn error_chains_show_context_and_os_error_once() {
    #[derive(Debug)]
    struct Context(Error);
    impl std::fmt::Display for Context {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("starting the client")
        }
    }
    impl std::error::Error for Context {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    let top = Context(refused());
    let mut chain = vec![top.to_string()];
    let mut next = std::error::Error::source(&top);
    while let Some(e) = next {
        chain.push(e.to_string());
        next = e.source();
    }
    let text = chain.join(": ");
    assert_eq!(
        text,
        format!(
            "starting the client: connect(127.0.0.1:9): {} (os error {REFUSED})",
            message(REFUSED)
        )
    );
    assert_eq!(text.matches(&message(REFUSED)).count(), 1, "the OS message appears once: {text}");
}
