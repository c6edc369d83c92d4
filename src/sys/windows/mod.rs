//! SKELETON — the Windows backend (issue 4).
