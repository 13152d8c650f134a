//! Engine errors as JavaScript `Error`s carrying their facts.

use crate::text;
use crate::{Error, Lang};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

/// A JavaScript `Error` with the engine's message and its facts: `code`
/// (`no_identity_column`…), `input` (`export` or `previous`: which file),
/// `option` (the JavaScript name of the option at fault) with its `value`
/// and what was `expected` (words), `field` (a mapping whose header is
/// missing), `headers` (the file's header cells, for the errors about
/// columns: the page offers to map them).
pub(super) fn js_error(e: &Error, lang: Lang) -> JsValue {
    let err = js_sys::Error::new(&e.message(lang));
    let option = match e {
        Error::InvalidOption { option, .. } => Some(option.key()),
        Error::MappedColumnMissing { .. } => Some("columns"),
        _ => None,
    };
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&err, &k.into(), &v);
    };
    set("code", e.code().into());
    set("input", e.input().into());
    if let Some(name) = option {
        set("option", name.into());
    }
    if let Error::InvalidOption { option, value } = e {
        set("value", value.as_str().into());
        set("expected", text::options::expected(*option, lang).into());
    }
    if let Error::MappedColumnMissing { field, .. } = e {
        set("field", field.name().into());
    }
    if let Some(headers) = e.headers() {
        let list: js_sys::Array = headers.iter().map(|h| JsValue::from_str(h)).collect();
        set("headers", list.into());
    }
    err.into()
}

/// A JavaScript `Error` for a call the API cannot take (a wrong argument).
pub(super) fn usage_error(message: &str) -> JsValue {
    JsError::new(message).into()
}

/// Stores a panic's message where the caller can read it
/// (`globalThis.__retentionWorklistPanic`) before the trap, so it can show
/// it instead of "unreachable". Nothing here panics on input; this is for
/// bugs.
pub(super) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!(
            "Error interno del motor (por favor, repórtalo) / internal engine error (please report it): {info}"
        );
        let _ = Reflect::set(
            &js_sys::global(),
            &JsValue::from_str("__retentionWorklistPanic"),
            &JsValue::from_str(&msg),
        );
    }));
}
