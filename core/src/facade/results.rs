//! Result checks (being written).
