//! Dates and numbers in the reader's locale, through the browser's Intl support.

use crate::i18n::Locale;
use wasm_bindgen::JsValue;

/// A timestamp (ms since the epoch) as the locale writes a date and time.
pub fn date_time(ms: f64, locale: Locale) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(locale.tag(), &options).into()
}

/// An ISO 8601 timestamp for `<time datetime>`.
pub fn iso(ms: f64) -> String {
    js_sys::Date::new(&JsValue::from_f64(ms))
        .to_iso_string()
        .into()
}
