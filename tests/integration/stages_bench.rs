//! The `stages` benchmark (`benches/stages.rs`) compiled into this binary and run once on 500
//! generated rows, so a change to the engine's stages that breaks the benchmark fails here, without
//! a test binary of its own. `cargo bench --bench stages` measures.

#[path = "../../benches/stages.rs"]
mod stages;

#[test]
fn the_stages_benchmark_runs_once_on_500_generated_rows() {
    stages::main();
}
