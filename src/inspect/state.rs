//! [`State`]: the kernel's TCP state numbers (`include/net/tcp_states.h`), which sock_diag also
//! uses for UDP, raw and UNIX sockets.
#![forbid(unsafe_code)]

use std::fmt;

/// A socket's state as the kernel reports it: the TCP states of `tcp_states.h` (`TCP_ESTABLISHED`
/// = 1 ... `TCP_NEW_SYN_RECV` = 12), which Linux uses for every socket kind — an unconnected UDP
/// or UNIX datagram socket is [`State::CLOSE`], a connected one [`State::ESTABLISHED`], a
/// listening UNIX stream socket [`State::LISTEN`].
///
/// `Debug` prints the C name; [`ss_name`](State::ss_name) and
/// [`netstat_name`](State::netstat_name) give the tools' spellings.
///
/// ```
/// use berkeley::inspect::State;
///
/// assert_eq!(format!("{:?}", State::TIME_WAIT), "TCP_TIME_WAIT");
/// assert_eq!(State::TIME_WAIT.ss_name(), "TIME-WAIT");
/// assert_eq!(State::TIME_WAIT.netstat_name(), "TIME_WAIT");
/// assert_eq!(State::from_raw(10), State::LISTEN);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct State(pub(crate) u8);

macro_rules! states {
    ($( $(#[$m:meta])* $name:ident = $v:literal, $c:literal, $ss:literal, $ns:literal; )*) => {
        impl State {
            $( $(#[$m])* pub const $name: State = State($v); )*

            /// The name `ss` prints (`ESTAB`, `LISTEN`, `UNCONN`, `TIME-WAIT`, ...); `UNKNOWN`
            /// for a number the kernel does not use.
            ///
            /// ```
            /// use berkeley::inspect::State;
            /// assert_eq!(State::ESTABLISHED.ss_name(), "ESTAB");
            /// assert_eq!(State::CLOSE.ss_name(), "UNCONN");
            /// ```
            pub const fn ss_name(self) -> &'static str {
                match self.0 { $( $v => $ss, )* _ => "UNKNOWN" }
            }

            /// The name net-tools' `netstat` prints for a TCP socket (`ESTABLISHED`, `LISTEN`,
            /// `CLOSE`, `TIME_WAIT`, ...); `UNKNOWN` for a number the kernel does not use.
            ///
            /// ```
            /// use berkeley::inspect::State;
            /// assert_eq!(State::FIN_WAIT1.netstat_name(), "FIN_WAIT1");
            /// assert_eq!(State::FIN_WAIT1.ss_name(), "FIN-WAIT-1");
            /// ```
            pub const fn netstat_name(self) -> &'static str {
                match self.0 { $( $v => $ns, )* _ => "UNKNOWN" }
            }
        }

        impl fmt::Debug for State {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0 { $( $v => f.write_str($c), )* n => write!(f, "State({n})") }
            }
        }
    };
}

states! {
    /// `TCP_ESTABLISHED` (1): connected.
    ESTABLISHED = 1, "TCP_ESTABLISHED", "ESTAB", "ESTABLISHED";
    /// `TCP_SYN_SENT` (2): `connect` sent a SYN, no answer yet.
    SYN_SENT = 2, "TCP_SYN_SENT", "SYN-SENT", "SYN_SENT";
    /// `TCP_SYN_RECV` (3): a SYN was answered, the handshake is not complete.
    SYN_RECV = 3, "TCP_SYN_RECV", "SYN-RECV", "SYN_RECV";
    /// `TCP_FIN_WAIT1` (4): closed here, FIN not yet acknowledged.
    FIN_WAIT1 = 4, "TCP_FIN_WAIT1", "FIN-WAIT-1", "FIN_WAIT1";
    /// `TCP_FIN_WAIT2` (5): closed here, waiting for the peer's FIN.
    FIN_WAIT2 = 5, "TCP_FIN_WAIT2", "FIN-WAIT-2", "FIN_WAIT2";
    /// `TCP_TIME_WAIT` (6): closed both ways, waiting out stray segments.
    TIME_WAIT = 6, "TCP_TIME_WAIT", "TIME-WAIT", "TIME_WAIT";
    /// `TCP_CLOSE` (7): closed — for UDP, raw and UNIX datagram sockets: not connected.
    CLOSE = 7, "TCP_CLOSE", "UNCONN", "CLOSE";
    /// `TCP_CLOSE_WAIT` (8): the peer closed, this side has not.
    CLOSE_WAIT = 8, "TCP_CLOSE_WAIT", "CLOSE-WAIT", "CLOSE_WAIT";
    /// `TCP_LAST_ACK` (9): closed after the peer, waiting for the last ACK.
    LAST_ACK = 9, "TCP_LAST_ACK", "LAST-ACK", "LAST_ACK";
    /// `TCP_LISTEN` (10): `listen` was called.
    LISTEN = 10, "TCP_LISTEN", "LISTEN", "LISTEN";
    /// `TCP_CLOSING` (11): both sides closed at once.
    CLOSING = 11, "TCP_CLOSING", "CLOSING", "CLOSING";
    /// `TCP_NEW_SYN_RECV` (12): a pending connection of a listener (a request socket).
    NEW_SYN_RECV = 12, "TCP_NEW_SYN_RECV", "SYN-RECV", "SYN_RECV";
}

impl State {
    /// The state with kernel number `raw`.
    ///
    /// ```
    /// use berkeley::inspect::State;
    /// assert_eq!(State::from_raw(1), State::ESTABLISHED);
    /// assert_eq!(format!("{:?}", State::from_raw(99)), "State(99)");
    /// ```
    pub const fn from_raw(raw: u8) -> State {
        State(raw)
    }

    /// The kernel number.
    ///
    /// ```
    /// use berkeley::inspect::State;
    /// assert_eq!(State::LISTEN.as_raw(), 10);
    /// ```
    pub const fn as_raw(self) -> u8 {
        self.0
    }
}
