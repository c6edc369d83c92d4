//! SKELETON — replaced by the inet helper.
#![forbid(unsafe_code)]
