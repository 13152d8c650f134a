//! The archive folder's own cases.
