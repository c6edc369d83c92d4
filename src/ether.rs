//! SKELETON — replaced by the ether helper.
#![forbid(unsafe_code)]
