//! Plain data across the boundary: Rust values to JavaScript ones, the
//! progress callback, and the heap grown once per run.

use super::errors::usage_error;
use crate::Stage;
use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A value as plain JavaScript data (objects, arrays, numbers, strings).
pub(super) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map_err(|e| usage_error(&e.to_string()))
}

/// Sets `obj[k] = v`.
pub(super) fn set_key(obj: &Object, k: &str, v: &JsValue) -> Result<(), JsValue> {
    Reflect::set(obj, &JsValue::from_str(k), v)
        .map(drop)
        .map_err(|_| usage_error("cannot build the result object"))
}

/// A whole number (an offset, a count) from a query object; `default` when
/// it is not there.
pub(super) fn count_in(query: &JsValue, key: &str, default: usize) -> Result<usize, JsValue> {
    let v = Reflect::get(query, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 => Ok(n.min(usize::MAX as f64) as usize),
        _ => Err(usage_error(&format!(
            "preview: {key} must be a whole number ≥ 0"
        ))),
    }
}

/// A progress callback that calls the JavaScript one, if any, with the
/// stage's name (`reading`, `classifying`, `writing`) and the fraction done.
pub(super) fn progress_to(on_progress: Option<js_sys::Function>) -> impl FnMut(Stage, f64) {
    move |stage: Stage, fraction: f64| {
        if let Some(f) = &on_progress {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from_str(stage.as_str()),
                &JsValue::from_f64(fraction),
            );
        }
    }
}

/// Grows the wasm heap once, up front, to about what a run on `input` bytes
/// will need (`times` the input: 6 with the workbook, 3 without). Otherwise
/// the allocator grows it 64 KiB at a time, thousands of `memory.grow` calls
/// that each make the JS engine swap the memory's ArrayBuffer
/// (benches/PROFILE.md). The block is freed at once and the allocator
/// serves the run from it. When the memory cannot grow that far, nothing
/// happens here (`try_reserve`: no trap); the run asks for what it needs.
pub(super) fn reserve_heap(input: usize, times: usize) {
    let mut block = Vec::<u8>::new();
    let _ = block.try_reserve_exact(input.saturating_mul(times));
    drop(std::hint::black_box(block));
}
