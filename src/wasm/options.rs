//! A JavaScript options object → the engine's options, resolved: its keys
//! are the options' table's ([`crate::OPTIONS`]), its values strings,
//! numbers or (for `columns`) a `{ field: header }` object.

use super::errors::{js_error, usage_error};
use crate::{Environment, Error, Lang, Options, RawOptions, RawValue, Stage, DEFAULTS};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

/// The local zone as the JavaScript runtime knows it.
fn runtime_zone() -> Option<String> {
    let fmt = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &Object::new());
    Reflect::get(&fmt.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
}

/// The previous worklist given as `options.previous` (a `Uint8Array` or an
/// `ArrayBuffer`; not copied yet: see [`copy_previous`]), and the options
/// without it: the file is the shell's to hand over, not an option the
/// engine resolves.
pub(super) fn take_previous(options: JsValue) -> Result<(JsValue, Option<Uint8Array>), JsValue> {
    let Some(obj) = options.dyn_ref::<Object>() else {
        return Ok((options, None));
    };
    let key = JsValue::from_str("previous");
    let value = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok((options, None));
    }
    if !(value.is_instance_of::<Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>()) {
        return Err(usage_error(
            "previous: se esperaba un Uint8Array / expected a Uint8Array",
        ));
    }
    let rest = Object::assign(&Object::new(), obj);
    let _ = Reflect::delete_property(&rest, &key);
    Ok((rest.into(), Some(Uint8Array::new(&value))))
}

/// The previous worklist's bytes in the engine's memory, copied once its
/// stage is reported: should the copy or its reading need more memory than
/// the engine can have, the caller knows it was the previous worklist (the
/// export's bytes were copied, and its heap reserved, before).
pub(super) fn copy_previous(
    previous: Option<Uint8Array>,
    progress: &mut impl FnMut(Stage, f64),
) -> Option<Vec<u8>> {
    previous.map(|p| {
        progress(Stage::Previous, 0.0);
        p.to_vec()
    })
}

/// A JavaScript value as an option's raw value (`None`: not given).
fn raw_value(v: &JsValue) -> Option<RawValue> {
    if v.is_undefined() || v.is_null() {
        None
    } else if let Some(s) = v.as_string() {
        Some(RawValue::Text(s))
    } else if let Some(n) = v.as_f64() {
        Some(RawValue::Number(n))
    } else if let Some(obj) = v.dyn_ref::<Object>().filter(|_| !v.is_function()) {
        // `{ field: header }`, by field name (the same order whatever order
        // the object was written in).
        let mut pairs: Vec<(String, String)> = Object::entries(obj)
            .iter()
            .filter_map(|e| {
                let e = js_sys::Array::from(&e);
                Some((
                    e.get(0).as_string()?,
                    e.get(1).as_string().unwrap_or_default(),
                ))
            })
            .collect();
        pairs.sort();
        Some(RawValue::Pairs(pairs))
    } else {
        Some(RawValue::Text(format!("{v:?}")))
    }
}

/// Reads a JavaScript options object and resolves it; an error comes in
/// the language the object asked for (the default when that is wrong too).
pub(super) fn options_from(options: JsValue) -> Result<Options, JsValue> {
    let mut pairs = Vec::new();
    if let Some(obj) = options.dyn_ref::<Object>() {
        for key in Object::keys(obj).iter().filter_map(|k| k.as_string()) {
            let value = Reflect::get(obj, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
            if let Some(v) = raw_value(&value) {
                pairs.push((key, v));
            } else if crate::known_keys().all(|k| k != key) {
                // A misspelt option (`asof`) is an error even without a value.
                pairs.push((key, RawValue::Text(String::new())));
            }
        }
    }
    let lang_of = |pairs: &[(String, RawValue)]| -> Lang {
        pairs
            .iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| match v {
                RawValue::Text(t) => t.parse().ok(),
                _ => None,
            })
            .unwrap_or(DEFAULTS.lang)
    };
    let lang = lang_of(&pairs);
    let raw = RawOptions::from_keys(pairs).map_err(|e: Error| js_error(&e, lang))?;
    let env = Environment {
        now: chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
            .unwrap_or_default(),
        local_zone: runtime_zone(),
    };
    raw.resolve(&env)
        .map_err(|e| js_error(&e, raw.message_lang()))
}
