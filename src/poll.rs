//! SKELETON — replaced by the socket helper.
