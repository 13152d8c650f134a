//! The native command line's parts: flags ([`args`]), which files a run
//! reads and writes, with a scheduled run's archive ([`archive`]), files
//! ([`output`]), interrupts ([`interrupt`]), the progress bar on a terminal
//! ([`progress`]).

pub mod archive;
pub mod args;
pub mod interrupt;
pub mod output;
pub mod progress;
