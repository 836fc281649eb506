//! Dates and numbers in the reader's locale, through the browser's Intl support.

use crate::i18n::Locale;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

thread_local! {
    /// One formatter per language: making an `Intl.DateTimeFormat` costs far more than using
    /// one, and a page shows hundreds of dates.
    static FORMATS: RefCell<Vec<(Locale, js_sys::Intl::DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
}

/// A timestamp (ms since the epoch) as the locale writes a date and time.
pub fn date_time(ms: f64, locale: Locale) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        if !formats.iter().any(|(l, _)| *l == locale) {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
            let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
            let tags = js_sys::Array::of1(&locale.tag().into());
            formats.push((locale, js_sys::Intl::DateTimeFormat::new(&tags, &options)));
        }
        let format = formats
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|(_, f)| f.format());
        match format.and_then(|f| f.call1(&JsValue::NULL, &date).ok()) {
            Some(text) => text.as_string().unwrap_or_default(),
            None => String::new(),
        }
    })
}

/// An ISO 8601 timestamp for `<time datetime>`.
pub fn iso(ms: f64) -> String {
    js_sys::Date::new(&JsValue::from_f64(ms))
        .to_iso_string()
        .into()
}
