//! Batch datagram I/O: [`sendmmsg`](Socket::sendmmsg) / [`recvmmsg`](Socket::recvmmsg) over a
//! reusable [`Mmsg`] batch.

use std::fmt;
#[cfg(any(target_os = "linux", target_os = "android"))]
use std::sync::atomic::{AtomicBool, Ordering};

use super::{retry, Socket};
use crate::addr::{SockAddr, ToSockAddr};
use crate::error::{Error, Result};
use crate::sys;
use crate::types::MsgFlags;

/// A reusable batch of datagrams for [`recvmmsg`](Socket::recvmmsg) and
/// [`sendmmsg`](Socket::sendmmsg): `capacity` slots of `msg_size` bytes each, with every
/// message's length, address and flags. It owns all its buffers, so the calls allocate
/// nothing (the OS headers live on the stack).
///
/// C: an array of `struct mmsghdr` with one `iovec` and one `sockaddr_storage` each.
///
/// Receiving fills the batch; [`get`](Mmsg::get) / [`iter`](Mmsg::iter) read it. Sending
/// takes what [`push`](Mmsg::push) queued; [`clear`](Mmsg::clear) empties it for reuse.
/// Opt-in on Linux: [`set_gso`](Mmsg::set_gso) (UDP GSO on send) and
/// [`set_gro`](Mmsg::set_gro) (split UDP GRO receives): on loopback on the Linux machine the
/// benches ran on, sending and receiving 32 × 64-byte datagrams took about 3.2× (GSO) and
/// 18× (GSO + GRO) less CPU time than a `sendto`/`recv` loop.
///
/// ```
/// use berkeley::socket::Mmsg;
/// use berkeley::{Domain, Protocol, Socket, Type};
/// # fn main() -> berkeley::Result<()> {
/// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// rx.bind("127.0.0.1:0")?;
/// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
/// tx.bind("127.0.0.1:0")?;
///
/// let mut out = Mmsg::new(8, 64);
/// out.push(b"one", rx.getsockname()?)?;
/// out.push(b"two", rx.getsockname()?)?;
/// assert_eq!(tx.sendmmsg(&out, berkeley::MsgFlags::empty())?, 2);
///
/// let mut inb = Mmsg::new(8, 64);
/// let n = rx.recvmmsg(&mut inb, berkeley::MsgFlags::empty())?; // 1 or 2 (Linux: usually 2)
/// let first = inb.get(0).unwrap();
/// assert_eq!((first.data, *first.addr), (&b"one"[..], tx.getsockname()?));
/// # let _ = n;
/// # Ok(()) }
/// ```
#[doc(alias = "mmsghdr")]
pub struct Mmsg {
    data: Vec<u8>,
    msg_size: usize,
    count: usize,
    lens: Vec<usize>,
    oflags: Vec<i32>,
    addrs: Vec<SockAddr>,
    gso: bool,
    /// Linux: a GSO send failed where the plain send of the same messages worked, so this
    /// batch sends plainly until `set_gso(true)` probes again. Atomic so `sendmmsg` can take
    /// `&Mmsg` and the batch stays `Sync`.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    gso_refused: AtomicBool,
    /// Linux, after `set_gro(true)`: the coalesced receives and what of them is not handed out.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    gro: Option<Box<gro::Gro>>,
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    gro: bool,
}

/// One message of an [`Mmsg`] batch, from [`Mmsg::get`] or [`Mmsg::iter`].
///
/// ```
/// use berkeley::socket::Mmsg;
/// # fn main() -> berkeley::Result<()> {
/// let mut b = Mmsg::new(1, 16);
/// b.push(b"hi", "127.0.0.1:9")?;
/// let m = b.get(0).unwrap();
/// assert_eq!((m.data, m.full_len), (&b"hi"[..], 2));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message<'a> {
    /// The bytes (never more than the slot holds).
    pub data: &'a [u8],
    /// The count the OS returned: more than `data.len()` for a datagram cut under
    /// `MSG_TRUNC` (Linux).
    pub full_len: usize,
    /// Output flags: [`MsgFlags::TRUNC`] when the datagram did not fit its slot.
    pub flags: MsgFlags,
    /// The sender (received) or destination (queued); empty for "the connected peer".
    pub addr: &'a SockAddr,
}

impl Message<'_> {
    /// Whether the datagram was longer than its slot (`MSG_TRUNC` in the output flags, or a
    /// full length beyond the slot).
    ///
    /// ```
    /// # use berkeley::socket::Mmsg;
    /// # fn main() -> berkeley::Result<()> {
    /// let mut b = Mmsg::new(1, 16);
    /// b.push(b"hi", "127.0.0.1:9")?;
    /// assert!(!b.get(0).unwrap().is_truncated());
    /// # Ok(()) }
    /// ```
    pub fn is_truncated(&self) -> bool {
        self.flags.contains(MsgFlags::TRUNC) || self.full_len > self.data.len()
    }
}

impl Mmsg {
    /// A batch of `capacity` messages of up to `msg_size` bytes each (one allocation of
    /// `capacity * msg_size` bytes, here and never again).
    ///
    /// A `capacity * msg_size` that overflows `usize` gives a batch of capacity 0.
    ///
    /// ```
    /// let b = berkeley::socket::Mmsg::new(32, 1500);
    /// assert_eq!((b.capacity(), b.msg_size(), b.len()), (32, 1500, 0));
    /// ```
    pub fn new(capacity: usize, msg_size: usize) -> Mmsg {
        let capacity = if capacity.checked_mul(msg_size).is_some() { capacity } else { 0 };
        Mmsg {
            data: vec![0; capacity * msg_size],
            msg_size,
            count: 0,
            lens: vec![0; capacity],
            oflags: vec![0; capacity],
            addrs: vec![SockAddr::empty(); capacity],
            gso: false,
            #[cfg(any(target_os = "linux", target_os = "android"))]
            gso_refused: AtomicBool::new(false),
            #[cfg(any(target_os = "linux", target_os = "android"))]
            gro: None,
            #[cfg(not(any(target_os = "linux", target_os = "android")))]
            gro: false,
        }
    }

    /// Switches UDP GSO (generic segmentation offload) on or off for
    /// [`sendmmsg`](Socket::sendmmsg) of this batch. Off by default.
    ///
    /// With GSO on, `sendmmsg` hands each run of consecutive queued messages that go to the
    /// same address and have the same length (the run's last one may be shorter) to the kernel
    /// as **one** send with a `UDP_SEGMENT` control message (up to 64 datagrams, 65 000 bytes
    /// per run), so the kernel's send path runs once per run instead of once per datagram. The
    /// peer still gets every datagram as its own datagram, with the same bytes, in the same
    /// order, whether it reads them with `recv`, `recvfrom` or `recvmmsg` (a receiver that
    /// switched `sockopt::UdpGro` (Linux) on gets them coalesced, as from any GSO
    /// sender). On loopback on the Linux machine the benches ran on, sending 32 × 64-byte
    /// datagrams this way and receiving them with `recvmmsg` took about 3.2× less CPU time
    /// (3.3× less wall time) than a `sendto`/`recv` loop (`benches/io.rs`, group
    /// `udp_64b_batch32_gso`); plain `sendmmsg` gains nothing there, as the kernel's
    /// per-datagram work, not the system call, is the cost.
    ///
    /// What `sendmmsg` returns and a partial send mean the same as without GSO: counts are of
    /// messages (a run goes out whole or not at all). Where the kernel refuses a GSO send
    /// (a kernel before 4.18, a device without checksum offload, a segment beyond the path
    /// MTU, a socket that is not UDP), `sendmmsg` sends the same messages without GSO in the
    /// same call, and if that works the batch stays without GSO until `set_gso(true)` is
    /// called again (the probe is once per batch). Linux only: elsewhere this flag changes
    /// nothing (the send is a `sendto` loop). Tested on Linux.
    ///
    /// C: `sendmsg` with `cmsg_level = SOL_UDP`, `cmsg_type = UDP_SEGMENT` per `mmsghdr`.
    ///
    /// ```
    /// use berkeley::socket::Mmsg;
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// let mut out = Mmsg::new(32, 64);
    /// out.set_gso(true);
    /// for i in 0..32u8 {
    ///     out.push(&[i; 64], rx.getsockname()?)?;
    /// }
    /// assert_eq!(tx.sendmmsg(&out, MsgFlags::empty())?, 32);
    ///
    /// let mut inb = Mmsg::new(32, 2048);
    /// let mut got = 0;
    /// while got < 32 {
    ///     let n = rx.recvmmsg(&mut inb, MsgFlags::empty())?;
    ///     for m in inb.iter() {
    ///         assert_eq!(m.data, &[got as u8; 64][..]); // one datagram each, in order
    ///         got += 1;
    ///     }
    ///     # let _ = n;
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "UDP_SEGMENT")]
    #[doc(alias = "gso")]
    pub fn set_gso(&mut self, on: bool) {
        self.gso = on;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        self.gso_refused.store(false, Ordering::Relaxed);
    }

    /// Whether [`set_gso`](Mmsg::set_gso) switched GSO on (it stays `true` after the kernel
    /// refused it; the batch then sends plainly).
    ///
    /// ```
    /// let mut b = berkeley::socket::Mmsg::new(4, 8);
    /// assert!(!b.gso());
    /// b.set_gso(true);
    /// assert!(b.gso());
    /// ```
    pub fn gso(&self) -> bool {
        self.gso
    }

    /// Makes [`recvmmsg`](Socket::recvmmsg) take coalesced receives apart: for a socket with
    /// `sockopt::UdpGro` (Linux) on, where the kernel hands over several datagrams
    /// of one flow as one buffer (a GSO send on loopback always; same-size datagrams a NIC
    /// coalesced), `recvmmsg` splits each such buffer at the segment size the kernel reports
    /// (the `UDP_GRO` control message) back into the original datagrams, one
    /// [`Message`] each, with the same bytes, sender and order. Off by default.
    ///
    /// Switch `UdpGro` on the socket yourself: without it every receive is one datagram and
    /// this changes nothing but the memory used. The other way round — `UdpGro` on and GRO
    /// off in the batch — delivers each coalesced buffer as one message, cut to the slot size.
    ///
    /// Each kernel receive then goes into a buffer of 64 KiB (the largest a coalesced
    /// datagram can be), so the batch allocates `min(capacity, 128) * 64 KiB` once, here.
    /// Datagrams one call cannot hand out (more than `capacity`) stay in the batch and the
    /// next `recvmmsg` on it returns them first, without a system call: use one batch per
    /// socket, and [`clear`](Mmsg::clear) drops them. A datagram longer than `msg_size` is cut
    /// and flagged as without GRO. On loopback on the Linux machine the benches ran on, GSO
    /// send + GRO receive of 32 × 64-byte datagrams took about 18× less CPU time than a
    /// `sendto`/`recv` loop (`benches/io.rs`, group `udp_64b_batch32_gso`). Linux only:
    /// elsewhere this flag changes nothing. Tested on Linux.
    ///
    /// ```
    /// use berkeley::socket::Mmsg;
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// # #[cfg(target_os = "linux")]
    /// rx.setsockopt(berkeley::sockopt::UdpGro, true)?; // Linux
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// let mut out = Mmsg::new(32, 64);
    /// out.set_gso(true);
    /// for i in 0..32u8 {
    ///     out.push(&[i; 64], rx.getsockname()?)?;
    /// }
    /// tx.sendmmsg(&out, MsgFlags::empty())?;
    ///
    /// let mut inb = Mmsg::new(32, 64);
    /// inb.set_gro(true);
    /// let mut got = 0;
    /// while got < 32 {
    ///     rx.recvmmsg(&mut inb, MsgFlags::empty())?;
    ///     for m in inb.iter() {
    ///         assert_eq!(m.data, &[got as u8; 64][..]); // the original datagrams, in order
    ///         got += 1;
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    #[doc(alias = "UDP_GRO")]
    #[doc(alias = "gro")]
    pub fn set_gro(&mut self, on: bool) {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            if !on {
                self.gro = None;
            } else if self.gro.is_none() {
                self.gro = Some(Box::new(gro::Gro::new(self.capacity())));
            }
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            self.gro = on;
        }
    }

    /// Whether [`set_gro`](Mmsg::set_gro) switched GRO splitting on.
    ///
    /// ```
    /// let mut b = berkeley::socket::Mmsg::new(4, 8);
    /// assert!(!b.gro());
    /// b.set_gro(true);
    /// assert!(b.gro());
    /// ```
    pub fn gro(&self) -> bool {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            self.gro.is_some()
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            self.gro
        }
    }

    /// How many messages the batch holds at most.
    ///
    /// ```
    /// assert_eq!(berkeley::socket::Mmsg::new(4, 8).capacity(), 4);
    /// ```
    pub fn capacity(&self) -> usize {
        self.lens.len()
    }

    /// The size of each message slot.
    ///
    /// ```
    /// assert_eq!(berkeley::socket::Mmsg::new(4, 8).msg_size(), 8);
    /// ```
    pub fn msg_size(&self) -> usize {
        self.msg_size
    }

    /// How many messages are in the batch (received, or queued to send).
    ///
    /// ```
    /// assert_eq!(berkeley::socket::Mmsg::new(4, 8).len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the batch holds no message.
    ///
    /// ```
    /// assert!(berkeley::socket::Mmsg::new(4, 8).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Empties the batch (keeps its buffers), and drops datagrams a GRO receive left for the
    /// next [`recvmmsg`](Socket::recvmmsg).
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let mut b = berkeley::socket::Mmsg::new(4, 8);
    /// b.push(b"x", "127.0.0.1:9")?;
    /// b.clear();
    /// assert!(b.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn clear(&mut self) {
        self.count = 0;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if let Some(g) = &mut self.gro {
            g.clear();
        }
    }

    /// Queues a datagram for [`sendmmsg`](Socket::sendmmsg) to `addr` (anything
    /// [`ToSockAddr`] takes; [`SockAddr::empty()`] for a connected socket's peer).
    ///
    /// Errors: `InvalidInput` (call `sendmmsg`) when `data` is longer than the slot size or
    /// the batch is full — nothing is cut or dropped silently — and the address errors.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let mut b = berkeley::socket::Mmsg::new(1, 4);
    /// assert!(b.push(b"too long", "127.0.0.1:9").is_err());
    /// b.push(b"ok", "127.0.0.1:9")?;
    /// assert!(b.push(b"full", "127.0.0.1:9").is_err());
    /// # Ok(()) }
    /// ```
    pub fn push(&mut self, data: &[u8], addr: impl ToSockAddr) -> Result<()> {
        if data.len() > self.msg_size {
            return Err(Error::InvalidInput {
                call: "sendmmsg",
                what: "datagram longer than the batch's message size",
            });
        }
        if self.count == self.capacity() {
            return Err(Error::InvalidInput { call: "sendmmsg", what: "the batch is full" });
        }
        let addr = *addr.to_sock_addr()?;
        let i = self.count;
        self.data[i * self.msg_size..][..data.len()].copy_from_slice(data);
        self.lens[i] = data.len();
        self.oflags[i] = 0;
        self.addrs[i] = addr;
        self.count += 1;
        Ok(())
    }

    /// Message `i`, if the batch has that many.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let mut b = berkeley::socket::Mmsg::new(2, 8);
    /// b.push(b"a", "127.0.0.1:9")?;
    /// assert_eq!(b.get(0).unwrap().data, b"a");
    /// assert!(b.get(1).is_none());
    /// # Ok(()) }
    /// ```
    pub fn get(&self, i: usize) -> Option<Message<'_>> {
        if i >= self.count {
            return None;
        }
        let full_len = self.lens[i];
        let len = full_len.min(self.msg_size);
        Some(Message {
            data: &self.data[i * self.msg_size..][..len],
            full_len,
            flags: MsgFlags::from_raw(self.oflags[i]),
            addr: &self.addrs[i],
        })
    }

    /// The messages in order.
    ///
    /// ```
    /// # fn main() -> berkeley::Result<()> {
    /// let mut b = berkeley::socket::Mmsg::new(2, 8);
    /// b.push(b"a", "127.0.0.1:9")?;
    /// b.push(b"b", "127.0.0.1:9")?;
    /// let all: Vec<&[u8]> = b.iter().map(|m| m.data).collect();
    /// assert_eq!(all, [&b"a"[..], &b"b"[..]]);
    /// # Ok(()) }
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = Message<'_>> + '_ {
        (0..self.count).filter_map(|i| self.get(i))
    }
}

impl fmt::Debug for Mmsg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mmsg")
            .field("capacity", &self.capacity())
            .field("msg_size", &self.msg_size)
            .field("len", &self.count)
            .field("gso", &self.gso)
            .field("gro", &self.gro())
            .finish()
    }
}

impl Socket {
    /// `recvmmsg(2)` — receives up to `batch.capacity()` datagrams in one call, replacing the
    /// batch's contents; returns how many (also [`batch.len()`](Mmsg::len)). Waits, as the
    /// socket does, for the first datagram only, then takes what is queued
    /// (`MSG_WAITFORONE` is implied).
    ///
    /// C: `int recvmmsg(int fd, struct mmsghdr *msgvec, unsigned int vlen, int flags, struct
    /// timespec *timeout);` — Python has none.
    ///
    /// Each message gives its bytes, sender and output flags; a datagram longer than the slot
    /// is cut and flagged [`MsgFlags::TRUNC`] ([`Message::is_truncated`]). At most 128
    /// messages per call on Linux. Other OSes: one `recvmsg` per call (the same API, one
    /// datagram; Windows fails a datagram longer than the slot with `WSAEMSGSIZE`). Retries
    /// `EINTR`; timeouts as [`recv`](Socket::recv). With [`Mmsg::set_gro`] (Linux), coalesced
    /// receives are split back into their datagrams, and datagrams left over from the last
    /// call are returned first, without a system call.
    ///
    /// ```
    /// use berkeley::socket::Mmsg;
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let s = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// s.bind("127.0.0.1:0")?;
    /// s.sendto(b"ping", s.getsockname()?)?;
    /// let mut batch = Mmsg::new(32, 1500);
    /// assert_eq!(s.recvmmsg(&mut batch, MsgFlags::empty())?, 1);
    /// assert_eq!(batch.get(0).unwrap().data, b"ping");
    /// # Ok(()) }
    /// ```
    ///
    /// See [recvmmsg(2)](https://man7.org/linux/man-pages/man2/recvmmsg.2.html).
    pub fn recvmmsg(&self, batch: &mut Mmsg, flags: MsgFlags) -> Result<usize> {
        batch.count = 0;
        let f = flags.as_raw();
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if batch.gro.is_some() {
            let f = f | sys::c::MSG_WAITFORONE;
            return self.timeouts(retry(|| gro::recvmmsg(self, batch, f)), f);
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let n = {
            let f = f | sys::c::MSG_WAITFORONE;
            self.timeouts(
                retry(|| {
                    sys::recvmmsg(
                        self.as_sys(),
                        &mut batch.data,
                        batch.msg_size,
                        &mut batch.lens,
                        &mut batch.oflags,
                        &mut batch.addrs,
                        f,
                    )
                }),
                f,
            )?
        };
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let n = {
            if batch.capacity() == 0 {
                return Ok(0);
            }
            let slot = &mut batch.data[..batch.msg_size];
            let mut bufs = [std::io::IoSliceMut::new(slot)];
            let ((len, oflags), from) =
                self.timeouts(retry(|| sys::recvmsg(self.as_sys(), &mut bufs, f)), f)?;
            batch.lens[0] = len;
            batch.oflags[0] = oflags;
            batch.addrs[0] = from;
            1
        };
        batch.count = n;
        Ok(n)
    }

    /// `sendmmsg(2)` — sends the batch's queued datagrams, each to its address, in one call;
    /// returns how many were sent. Fewer than [`batch.len()`](Mmsg::len) is a partial send:
    /// the first `n` went out, the rest did not (send them again); an error means none went.
    ///
    /// C: `int sendmmsg(int fd, struct mmsghdr *msgvec, unsigned int vlen, int flags);` —
    /// Python has none.
    ///
    /// At most 128 messages per call on Linux. Other OSes: a loop of `sendto` with the same
    /// result (it stops at the first failure after a success). Never raises `SIGPIPE`;
    /// retries `EINTR`. With [`Mmsg::set_gso`] (Linux), runs of messages to one address with
    /// one length go out as one UDP GSO send each; the result means the same.
    ///
    /// ```
    /// use berkeley::socket::Mmsg;
    /// use berkeley::{Domain, MsgFlags, Protocol, Socket, Type};
    /// # fn main() -> berkeley::Result<()> {
    /// let rx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// rx.bind("127.0.0.1:0")?;
    /// let tx = Socket::new(Domain::INET, Type::DGRAM, Protocol::UDP)?;
    /// let mut batch = Mmsg::new(32, 64);
    /// for i in 0..32u8 {
    ///     batch.push(&[i; 64], rx.getsockname()?)?;
    /// }
    /// assert_eq!(tx.sendmmsg(&batch, MsgFlags::empty())?, 32);
    /// # Ok(()) }
    /// ```
    ///
    /// See [sendmmsg(2)](https://man7.org/linux/man-pages/man2/sendmmsg.2.html).
    pub fn sendmmsg(&self, batch: &Mmsg, flags: MsgFlags) -> Result<usize> {
        let f = flags.as_raw();
        let n = batch.count;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            if batch.gso && !batch.gso_refused.load(Ordering::Relaxed) {
                return self.timeouts(retry(|| gso::sendmmsg(self, batch, f)), f);
            }
            self.timeouts(
                retry(|| {
                    sys::sendmmsg(
                        self.as_sys(),
                        &batch.data,
                        batch.msg_size,
                        &batch.lens[..n],
                        &batch.addrs[..n],
                        f,
                    )
                }),
                f,
            )
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            let mut sent = 0;
            for m in batch.iter() {
                let r = if m.addr.is_empty() {
                    retry(|| sys::send(self.as_sys(), m.data, f))
                } else {
                    retry(|| sys::sendto(self.as_sys(), m.data, f, m.addr))
                };
                match self.timeouts(r, f) {
                    Ok(_) => sent += 1,
                    Err(e) if sent == 0 => return Err(e),
                    Err(_) => break,
                }
            }
            let _ = n;
            Ok(sent)
        }
    }
}

/// UDP GSO for [`Socket::sendmmsg`]: runs of messages coalesced into one `mmsghdr` each, with a
/// `UDP_SEGMENT` control message.
#[cfg(any(target_os = "linux", target_os = "android"))]
mod gso {
    use std::mem;
    use std::sync::atomic::Ordering;

    use super::Mmsg;
    use crate::error::{Error, Result};
    use crate::socket::Socket;
    use crate::sys::{self, c};

    /// Datagrams per GSO send: the kernel's `UDP_MAX_SEGMENTS` (64 before Linux 6.9, 128 since).
    const MAX_SEGS: usize = 64;
    /// Bytes per GSO send: the payload must fit one IP packet's 16-bit length with the UDP and
    /// IP headers (and options); this leaves room for them on IPv4 and IPv6.
    const MAX_BYTES: usize = 65_000;

    /// One `UDP_SEGMENT` control message: `cmsghdr` followed by the `u16` segment size. The
    /// header's size is a multiple of its alignment (that of `size_t`), so the data sits at
    /// `CMSG_DATA` and the struct's size is `CMSG_SPACE(2)`.
    #[repr(C)]
    #[derive(Clone, Copy)]
    struct SegmentCmsg {
        hdr: c::cmsghdr,
        size: u16,
    }

    /// How many messages from `start` one GSO send takes: the same address and length, the last
    /// one maybe shorter, within `MAX_SEGS` and `MAX_BYTES`. A zero-length message (no segment
    /// size) goes alone.
    pub(super) fn run_len(batch: &Mmsg, start: usize, end: usize) -> usize {
        let seg = batch.lens[start];
        if seg == 0 {
            return 1;
        }
        let addr = &batch.addrs[start];
        let mut n = 1;
        let mut bytes = seg;
        while start + n < end && n < MAX_SEGS {
            let len = batch.lens[start + n];
            if len == 0 || len > seg || bytes + len > MAX_BYTES || batch.addrs[start + n] != *addr {
                break;
            }
            n += 1;
            bytes += len;
            if len < seg {
                break; // a shorter segment ends the run
            }
        }
        n
    }

    /// `sendmmsg(2)` of the batch's first `MMSG_MAX` messages, one header per run (see
    /// [`run_len`]), a `UDP_SEGMENT` control message on each run of two or more. Returns how
    /// many messages went out. When the kernel refuses the first header's GSO send, sends the
    /// same messages plainly, and marks the batch as refused if that works.
    pub(super) fn sendmmsg(s: &Socket, batch: &Mmsg, flags: i32) -> Result<usize> {
        let n = batch.count.min(sys::MMSG_MAX).min(batch.lens.len());
        // SAFETY: all-zero mmsghdr, iovec and cmsghdr values are valid (null pointers, zero
        // lengths).
        let mut hdrs: [c::mmsghdr; sys::MMSG_MAX] = unsafe { mem::zeroed() };
        // SAFETY: as above.
        let mut iovs: [c::iovec; sys::MMSG_MAX] = unsafe { mem::zeroed() };
        // SAFETY: as above.
        let mut cmsgs: [SegmentCmsg; sys::MMSG_MAX] = unsafe { mem::zeroed() };
        let mut segs = [0usize; sys::MMSG_MAX];
        let mut h = 0;
        let mut i = 0;
        while i < n {
            let k = run_len(batch, i, n);
            for (j, iov) in iovs.iter_mut().enumerate().skip(i).take(k) {
                let msg = &batch.data[j * batch.msg_size..][..batch.lens[j]];
                iov.iov_base = msg.as_ptr().cast_mut().cast();
                iov.iov_len = msg.len();
            }
            let m = &mut hdrs[h].msg_hdr;
            m.msg_iov = &mut iovs[i];
            m.msg_iovlen = k as _;
            let addr = &batch.addrs[i];
            if !addr.is_empty() {
                m.msg_name = addr.as_ptr().cast_mut().cast();
                m.msg_namelen = addr.raw_len() as c::socklen_t;
            }
            if k > 1 {
                let cm = &mut cmsgs[h];
                cm.hdr.cmsg_level = c::SOL_UDP;
                cm.hdr.cmsg_type = c::UDP_SEGMENT;
                cm.hdr.cmsg_len = (mem::size_of::<c::cmsghdr>() + mem::size_of::<u16>()) as _;
                // run_len keeps a run's first length as its segment size, and a run of two or
                // more holds at most MAX_BYTES (< 65 536) bytes, so it fits.
                cm.size = batch.lens[i] as u16;
                m.msg_control = (cm as *mut SegmentCmsg).cast();
                m.msg_controllen = mem::size_of::<SegmentCmsg>() as _;
            }
            segs[h] = k;
            h += 1;
            i += k;
        }
        let (vlen, f) = (h as _, flags | c::MSG_NOSIGNAL);
        // SAFETY: the first `h` headers point to live iovecs (consecutive in `iovs` per run)
        // inside `batch.data`, addresses of `msg_namelen` and cmsgs of `msg_controllen` bytes;
        // the kernel only reads them (and writes `msg_len`).
        let rc = unsafe { c::sendmmsg(s.as_sys(), hdrs.as_mut_ptr(), vlen, f) };
        if rc >= 0 {
            return Ok(segs[..(rc as usize).min(h)].iter().sum());
        }
        let err = Error::os("sendmmsg", sys::last_error());
        if segs[0] < 2 || err.is_interrupted() || err.is_would_block() {
            return Err(err); // not a GSO send, or a condition the plain send meets too
        }
        let plain = sys::sendmmsg(
            s.as_sys(),
            &batch.data,
            batch.msg_size,
            &batch.lens[..n],
            &batch.addrs[..n],
            flags,
        )?;
        batch.gso_refused.store(true, Ordering::Relaxed);
        Ok(plain)
    }
}

/// UDP GRO for [`Socket::recvmmsg`]: kernel receives into 64 KiB buffers, split at the
/// `UDP_GRO` segment size into the batch's slots.
#[cfg(any(target_os = "linux", target_os = "android"))]
mod gro {
    use std::mem;

    use super::Mmsg;
    use crate::addr::SockAddr;
    use crate::error::{Error, Result};
    use crate::msg::RawCmsgs;
    use crate::socket::Socket;
    use crate::sys::{self, c};
    use crate::types::MsgFlags;

    /// One kernel receive's buffer: a coalesced datagram's payload is below 64 KiB (an IP
    /// packet's 16-bit length).
    const SUPER: usize = 65_536;
    /// Control bytes per receive: `UDP_GRO` comes first (the kernel writes it before the IP
    /// level's), and room is left for a few of those.
    const CTRL_WORDS: usize = 16;

    /// The coalesced receives of the last system call and how far they are handed out.
    pub(super) struct Gro {
        buf: Vec<u8>,
        /// Per receive: bytes, segment size (0: not coalesced), output flags, sender.
        lens: Vec<usize>,
        segs: Vec<usize>,
        oflags: Vec<i32>,
        addrs: Vec<SockAddr>,
        /// Receives filled by the last call; the one being split and the offset in it.
        filled: usize,
        next: usize,
        off: usize,
    }

    impl Gro {
        pub(super) fn new(capacity: usize) -> Gro {
            let n = capacity.min(sys::MMSG_MAX);
            Gro {
                buf: vec![0; n * SUPER],
                lens: vec![0; n],
                segs: vec![0; n],
                oflags: vec![0; n],
                addrs: vec![SockAddr::empty(); n],
                filled: 0,
                next: 0,
                off: 0,
            }
        }

        pub(super) fn clear(&mut self) {
            (self.filled, self.next, self.off) = (0, 0, 0);
        }
    }

    /// Hands out what the last receives hold; if nothing, receives first (one
    /// `recvmmsg(2)` with a control buffer per message) and then hands out.
    pub(super) fn recvmmsg(s: &Socket, batch: &mut Mmsg, flags: i32) -> Result<usize> {
        let Some(mut g) = batch.gro.take() else { return Ok(0) };
        let r = if g.next < g.filled { Ok(()) } else { receive(s, &mut g, flags) };
        let n = match r {
            Ok(()) => split(&mut g, batch),
            Err(e) => Err(e),
        };
        batch.gro = Some(g);
        let n = n?;
        batch.count = n;
        Ok(n)
    }

    fn receive(s: &Socket, g: &mut Gro, flags: i32) -> Result<()> {
        g.clear();
        let n = g.lens.len();
        if n == 0 {
            return Ok(());
        }
        // SAFETY: all-zero mmsghdr, iovec and sockaddr_storage values are valid (null
        // pointers, zero lengths).
        let mut hdrs: [c::mmsghdr; sys::MMSG_MAX] = unsafe { mem::zeroed() };
        // SAFETY: as above.
        let mut iovs: [c::iovec; sys::MMSG_MAX] = unsafe { mem::zeroed() };
        // SAFETY: as above.
        let mut names: [c::sockaddr_storage; sys::MMSG_MAX] = unsafe { mem::zeroed() };
        // u64 words: aligned for cmsghdr.
        let mut ctrl = [[0u64; CTRL_WORDS]; sys::MMSG_MAX];
        let base = g.buf.as_mut_ptr();
        for i in 0..n {
            // In bounds: buf holds n * SUPER bytes.
            iovs[i].iov_base = base.wrapping_add(i * SUPER).cast();
            iovs[i].iov_len = SUPER;
            let m = &mut hdrs[i].msg_hdr;
            m.msg_iov = &mut iovs[i];
            m.msg_iovlen = 1;
            m.msg_name = (&mut names[i] as *mut c::sockaddr_storage).cast();
            m.msg_namelen = mem::size_of::<c::sockaddr_storage>() as c::socklen_t;
            m.msg_control = ctrl[i].as_mut_ptr().cast();
            m.msg_controllen = mem::size_of::<[u64; CTRL_WORDS]>() as _;
        }
        // SAFETY: the first `n` headers point to live iovecs writable for SUPER bytes each
        // inside `g.buf`, to live sockaddr_storage of `msg_namelen` bytes and to live control
        // buffers of `msg_controllen` bytes; a null timeout waits as the socket does.
        let rc = unsafe {
            c::recvmmsg(s.as_sys(), hdrs.as_mut_ptr(), n as _, flags as _, std::ptr::null_mut())
        };
        if rc < 0 {
            return Err(Error::os("recvmmsg", sys::last_error()));
        }
        let got = (rc as usize).min(n);
        for i in 0..got {
            let m = &hdrs[i].msg_hdr;
            g.lens[i] = (hdrs[i].msg_len as usize).min(SUPER);
            g.oflags[i] = m.msg_flags;
            let alen = (m.msg_namelen as usize).min(mem::size_of::<c::sockaddr_storage>());
            // SAFETY: names[i] is a live sockaddr_storage, readable for its whole size >= alen.
            g.addrs[i] = unsafe {
                SockAddr::from_raw_parts((&names[i] as *const c::sockaddr_storage).cast(), alen)
            };
            let clen = (m.msg_controllen as usize).min(mem::size_of::<[u64; CTRL_WORDS]>());
            // SAFETY: ctrl[i] is a live, initialised [u64; CTRL_WORDS]; viewed as its bytes.
            let bytes = unsafe { std::slice::from_raw_parts(ctrl[i].as_ptr().cast::<u8>(), clen) };
            g.segs[i] = RawCmsgs::new(bytes)
                .filter_map(|c| c.ok())
                .find(|c| c.level == c::SOL_UDP && c.type_ == c::UDP_GRO)
                .and_then(|c| c.data.get(..4))
                .map_or(0, |d| i32::from_ne_bytes([d[0], d[1], d[2], d[3]]).max(0) as usize);
        }
        g.filled = got;
        Ok(())
    }

    /// Copies the datagrams of the pending receives into the batch's slots, as many as fit.
    fn split(g: &mut Gro, batch: &mut Mmsg) -> Result<usize> {
        let mut k = 0;
        while k < batch.capacity() && g.next < g.filled {
            let i = g.next;
            let len = g.lens[i];
            let seg = if g.segs[i] == 0 { len.max(1) } else { g.segs[i] };
            let dgram = &g.buf[i * SUPER + g.off..][..seg.min(len - g.off)];
            let copy = dgram.len().min(batch.msg_size);
            batch.data[k * batch.msg_size..][..copy].copy_from_slice(&dgram[..copy]);
            batch.lens[k] = dgram.len();
            let last = g.off + seg >= len;
            // The kernel's flags belong to the receive; TRUNC (the receive did not fit its
            // 64 KiB, which a UDP datagram cannot do) to its last datagram only.
            let mut fl = g.oflags[i] & !MsgFlags::TRUNC.as_raw();
            if last {
                fl |= g.oflags[i] & MsgFlags::TRUNC.as_raw();
            }
            if dgram.len() > batch.msg_size {
                fl |= MsgFlags::TRUNC.as_raw();
            }
            batch.oflags[k] = fl;
            batch.addrs[k] = g.addrs[i];
            k += 1;
            if last {
                g.next += 1;
                g.off = 0;
            } else {
                g.off += seg;
            }
        }
        Ok(k)
    }
}
