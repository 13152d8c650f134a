//! The native command line's parts: flags ([`args`]), files ([`output`]),
//! interrupts ([`interrupt`]).

pub mod args;
pub mod interrupt;
pub mod output;
