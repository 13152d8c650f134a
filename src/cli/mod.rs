//! The native command line's parts: flags ([`args`]), files ([`output`]),
//! interrupts ([`interrupt`]), the progress bar on a terminal ([`progress`]).

pub mod args;
pub mod interrupt;
pub mod output;
pub mod progress;
