//! The engine's version: one string for the CLI's `--version`, the
//! workbook's Resumen sheet and the page (`engine_info`). It comes from
//! `Cargo.toml` alone (no clock, no build machine), so the native and the
//! WebAssembly builds of one tree say the same, and the workbook's bytes do
//! not depend on where it was built.

/// The crate's version, `0.1.0`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The program and its version as `retention-worklist --version` prints
/// them and the Resumen sheet records them: `retention-worklist 0.1.0`.
///
/// ```
/// assert_eq!(
///     retention_worklist::VERSION_LINE,
///     format!("retention-worklist {}", retention_worklist::VERSION)
/// );
/// ```
pub const VERSION_LINE: &str = concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION"));
