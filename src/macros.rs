//! The crate's shared table macros: `c_flags!` declares a newtype of C flag bits (`MSG_*`,
//! `POLL*`) and `c_debug!` the `Debug` of a newtype of C constants that prints their C names.
//!
//! Private to the crate. Import them as `crate::macros::{c_flags, c_debug}` (`types.rs` re-exports
//! both, for modules that import them from there).

/// Declares the `impl` of a newtype of C flag bits (`MsgFlags`, `PollFlags`): its constants;
/// the methods named (`empty`, `is_empty`, `contains`, `intersects`, `from_raw`, `as_raw`), each
/// with the docs written above it; the operators `|`, `&`, `|=`, `&=`; and a `Debug` that lists
/// the C names of the set flags in the order of the `debug` table, then any unknown bits in
/// hex, or prints `0`.
///
/// ```text
/// c_flags! {
///     Name(raw type);
///     consts { /// docs
///              pub const A: Name = Name(c::A); ... }
///     /// docs
///     fn empty;
///     ...
///     debug { A => "C_A", ... }
/// }
/// ```
macro_rules! c_flags {
    (
        $ty:ident($raw:ty);
        consts { $( $(#[$cattr:meta])* pub const $konst:ident: $kty:ty = $kval:expr; )* }
        $( $(#[$mattr:meta])* fn $method:ident; )*
        debug { $( $(#[$nattr:meta])* $name:ident => $cname:literal ),* $(,)? }
    ) => {
        impl $ty {
            $( $(#[$cattr])* pub const $konst: $kty = $kval; )*
            $( c_flags!(@fn [$(#[$mattr])*] $method $ty $raw); )*
        }

        impl std::ops::BitOr for $ty {
            type Output = $ty;
            #[inline]
            fn bitor(self, rhs: $ty) -> $ty {
                $ty(self.0 | rhs.0)
            }
        }

        impl std::ops::BitOrAssign for $ty {
            #[inline]
            fn bitor_assign(&mut self, rhs: $ty) {
                self.0 |= rhs.0;
            }
        }

        impl std::ops::BitAnd for $ty {
            type Output = $ty;
            #[inline]
            fn bitand(self, rhs: $ty) -> $ty {
                $ty(self.0 & rhs.0)
            }
        }

        impl std::ops::BitAndAssign for $ty {
            #[inline]
            fn bitand_assign(&mut self, rhs: $ty) {
                self.0 &= rhs.0;
            }
        }

        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                const NAMES: &[($ty, &str)] = &[ $( $(#[$nattr])* ($ty::$name, $cname), )* ];
                if self.0 == 0 {
                    return f.write_str("0");
                }
                let mut rest = self.0;
                let mut first = true;
                for &(flag, name) in NAMES {
                    // On some systems two names share a bit (POLLWRNORM == POLLOUT): print it once.
                    if flag.0 != 0 && rest & flag.0 == flag.0 {
                        if !first {
                            f.write_str(" | ")?;
                        }
                        f.write_str(name)?;
                        first = false;
                        rest &= !flag.0;
                    }
                }
                if rest != 0 {
                    if !first {
                        f.write_str(" | ")?;
                    }
                    write!(f, "{rest:#x}")?;
                }
                Ok(())
            }
        }
    };

    (@fn [$($attr:tt)*] empty $ty:ident $raw:ty) => {
        $($attr)*
        #[inline]
        pub const fn empty() -> $ty {
            $ty(0)
        }
    };
    (@fn [$($attr:tt)*] is_empty $ty:ident $raw:ty) => {
        $($attr)*
        #[inline]
        pub const fn is_empty(self) -> bool {
            self.0 == 0
        }
    };
    (@fn [$($attr:tt)*] contains $ty:ident $raw:ty) => {
        $($attr)*
        #[inline]
        pub const fn contains(self, other: $ty) -> bool {
            self.0 & other.0 == other.0
        }
    };
    (@fn [$($attr:tt)*] intersects $ty:ident $raw:ty) => {
        $($attr)*
        #[inline]
        pub const fn intersects(self, other: $ty) -> bool {
            self.0 & other.0 != 0
        }
    };
    (@fn [$($attr:tt)*] from_raw $ty:ident $raw:ty) => {
        $($attr)*
        #[inline]
        pub const fn from_raw(raw: $raw) -> $ty {
            $ty(raw)
        }
    };
    (@fn [$($attr:tt)*] as_raw $ty:ident $raw:ty) => {
        $($attr)*
        #[inline]
        pub const fn as_raw(self) -> $raw {
            self.0
        }
    };
}
pub(crate) use c_flags;

/// Writes the C name of a known constant, or `Name(value)` for others.
macro_rules! c_debug {
    ($(#[$attr:meta])* $ty:ident: $($(#[$meta:meta])* $konst:ident => $cname:literal),* $(,)?) => {
        $(#[$attr])*
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match *self {
                    $( $(#[$meta])* $ty::$konst => f.write_str($cname), )*
                    other => write!(f, concat!(stringify!($ty), "({})"), other.0),
                }
            }
        }
    };
}
pub(crate) use c_debug;
