//! The control-message walk and decoders on arbitrary bytes: never a panic, never a read past
//! the bytes, at most one error (which ends the walk), and every message's data inside the
//! input.
#![no_main]

use berkeley::msg::{Cmsg, RawCmsgs};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let range = data.as_ptr_range();
    let mut errors = 0;
    for m in RawCmsgs::new(data) {
        match m {
            Ok(m) => {
                assert!(errors == 0, "a message after an error");
                let r = m.data.as_ptr_range();
                assert!(range.start <= r.start && r.end <= range.end);
                let parsed = Cmsg::parse(m);
                let _ = format!("{parsed:?}");
                if let Cmsg::Unknown { data, level, type_ } = parsed {
                    assert_eq!((data.as_slice(), level, type_), (m.data, m.level, m.type_));
                }
            }
            Err(e) => {
                errors += 1;
                let _ = e.to_string();
            }
        }
    }
    assert!(errors <= 1);
});
