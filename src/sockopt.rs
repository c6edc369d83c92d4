//! SKELETON — replaced by the sockopt helper.
