//! SKELETON — replaced by the sockopt helper: setsockopt/getsockopt over libc.
