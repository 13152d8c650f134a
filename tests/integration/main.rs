//! The integration tests: one test binary, so the crate and its dependencies are linked once
//! (as ripgrep's and rust_xlsxwriter's tests are). Each concern is a module; run one with a
//! filter on its path:
//!
//! ```text
//! cargo test --test integration carry::
//! cargo test --test integration hostile::shapes::deep_quoting
//! ```
//!
//! A new concern is a new module here (a file beside this one, or a folder with a `mod.rs` when it
//! outgrows 600 lines, `layout::no_source_file_is_over_600_lines` checks), using the helpers of
//! [`common`] rather than its own: paths, the report date and options, the CLI, scratch folders,
//! the workbook read back.

mod common;

mod accessibility;
mod archive;
mod billing;
mod carry;
mod cli;
mod cli_faults;
mod cli_outputs;
mod days;
mod dialects;
mod hostile;
mod layout;
mod live_colours;
mod progress;
mod properties;
mod real_workbooks;
mod sheets;
mod split;
mod stages_bench;
mod workbook;
