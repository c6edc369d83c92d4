//! The public scatter/gather and peek calls: `send_vectored`, `sendto_vectored`,
//! `recv_vectored(_with_flags)`, `recvfrom_vectored`, `peek`, `peekfrom`, the uninit receives.

use std::io::{IoSlice, IoSliceMut};
use std::mem::MaybeUninit;

use berkeley::{Domain, MsgFlags, Protocol, SockAddr, Socket, Type};

fn udp() -> Socket {
    let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP).unwrap();
    s.bind("127.0.0.1:0").unwrap();
    s
}

fn tcp_pair() -> (Socket, Socket) {
    let l = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    l.bind("127.0.0.1:0").unwrap();
    l.listen(1).unwrap();
    let c = Socket::new(Domain::INET, Type::STREAM, Protocol::TCP).unwrap();
    c.connect(l.getsockname().unwrap()).unwrap();
    (c, l.accept().unwrap().0)
}

#[test]
fn sendto_vectored_gathers_one_datagram_and_recvfrom_vectored_scatters_it() {
    let (rx, tx) = (udp(), udp());
    let parts = [IoSlice::new(b"ab"), IoSlice::new(b""), IoSlice::new(b"cdef")];
    assert_eq!(tx.sendto_vectored(&parts, rx.getsockname().unwrap()).unwrap(), 6);
    let (mut a, mut b) = ([0u8; 3], [0u8; 8]);
    let got =
        rx.recvfrom_vectored(&mut [IoSliceMut::new(&mut a), IoSliceMut::new(&mut b)]).unwrap();
    assert_eq!(got.len, 6);
    assert_eq!(got.full_len, 6);
    assert_eq!(&a, b"abc");
    assert_eq!(&b[..3], b"def");
    assert_eq!(got.addr, tx.getsockname().unwrap());
    assert!(!got.flags.contains(MsgFlags::TRUNC));
}

#[cfg(unix)] // Windows fails a cut datagram with WSAEMSGSIZE
#[test]
fn truncated_datagram_is_flagged() {
    let s = udp();
    s.sendto(&[9u8; 100], s.getsockname().unwrap()).unwrap();
    let mut buf = [0u8; 10];
    let got =
        s.recv_vectored_with_flags(&mut [IoSliceMut::new(&mut buf)], MsgFlags::empty()).unwrap();
    assert_eq!(got.len, 10);
    assert!(got.flags.contains(MsgFlags::TRUNC));
    assert_eq!(got.addr, SockAddr::default());

    // With MSG_TRUNC asked for, Linux reports the full length; len stays within the buffer.
    s.sendto(&[9u8; 100], s.getsockname().unwrap()).unwrap();
    let got =
        s.recv_vectored_with_flags(&mut [IoSliceMut::new(&mut buf)], MsgFlags::TRUNC).unwrap();
    assert_eq!(got.len, 10);
    #[cfg(target_os = "linux")]
    assert_eq!(got.full_len, 100);
}

#[test]
fn tcp_vectored_round_trip_and_peek() {
    let (c, s) = tcp_pair();
    let n = c.send_vectored(&[IoSlice::new(b"hello "), IoSlice::new(b"world")]).unwrap();
    assert_eq!(n, 11);
    let mut buf = [0u8; 11];
    // peek blocks until something is there; loop until all 11 bytes are queued.
    while s.peek(&mut buf).unwrap() < 11 {}
    assert_eq!(&buf, b"hello world");
    let (mut h, mut w) = ([0u8; 6], [0u8; 5]);
    assert_eq!(
        s.recv_vectored(&mut [IoSliceMut::new(&mut h), IoSliceMut::new(&mut w)]).unwrap(),
        11
    );
    assert_eq!((&h, &w), (b"hello ", b"world"));
    // End of file reads as 0.
    drop(c);
    assert_eq!(s.recv_vectored(&mut [IoSliceMut::new(&mut h)]).unwrap(), 0);
}

#[test]
fn peekfrom_and_uninit_receives_leave_or_take_the_datagram() {
    let (rx, tx) = (udp(), udp());
    tx.sendto(b"first", rx.getsockname().unwrap()).unwrap();
    let mut buf = [0u8; 16];
    let (n, from) = rx.peekfrom(&mut buf).unwrap();
    assert_eq!((n, &buf[..5], from), (5, &b"first"[..], tx.getsockname().unwrap()));

    let mut raw = [MaybeUninit::<u8>::uninit(); 16];
    let got = rx.recv_uninit_with_flags(&mut raw, MsgFlags::PEEK).unwrap();
    assert_eq!(got.len, 5);
    let (got, from) = rx.recvfrom_uninit_with_flags(&mut raw, MsgFlags::empty()).unwrap();
    assert_eq!((got.len, from), (5, tx.getsockname().unwrap()));
    // SAFETY: the receive initialised raw[..got.len].
    let bytes: Vec<u8> = raw[..got.len].iter().map(|b| unsafe { b.assume_init() }).collect();
    assert_eq!(bytes, b"first");
    // Taken now: a non-blocking peek finds nothing.
    rx.set_nonblocking(true).unwrap();
    assert!(rx.peek(&mut buf).unwrap_err().is_would_block());
}

#[test]
fn sendto_vectored_error_names_the_destination() {
    let tx = udp();
    let v6: SockAddr = "[::1]:9".parse().unwrap();
    let err = tx.sendto_vectored(&[IoSlice::new(b"x")], v6).unwrap_err();
    assert_eq!(err.addr(), Some(&v6), "{err:?}");
}
