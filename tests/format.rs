//! Dates in the reader's language (src/format.rs), in a real browser: the formatters kept per
//! language and style write what the browser's own `toLocaleDateString` / `toLocaleString`
//! write, and a formatter of one style or language never answers for another.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use samrad::format;
use samrad::i18n::Locale;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Tuesday 2 February 2027, 14:05 local time.
fn moment() -> f64 {
    js_sys::Date::new_with_year_month_day_hr_min_sec(2027, 1, 2, 14, 5, 0).get_time()
}

/// What the browser writes for `ms` in `locale` (its date tags, best first) with these
/// options, made afresh by `Date.prototype.toLocaleString`.
fn browser(ms: f64, locale: Locale, date_style: &str, time_style: Option<&str>) -> String {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dateStyle".into(), &date_style.into()).unwrap();
    if let Some(t) = time_style {
        js_sys::Reflect::set(&options, &"timeStyle".into(), &t.into()).unwrap();
    }
    let tags: js_sys::Array = locale
        .date_tags()
        .iter()
        .map(|t| JsValue::from_str(t))
        .collect();
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    let write: js_sys::Function = js_sys::Reflect::get(&date, &"toLocaleString".into())
        .unwrap()
        .into();
    write
        .call2(&date, &tags, &options)
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn each_style_in_each_language_writes_what_the_browser_writes() {
    let ms = moment();
    // Interleaved, so that a formatter kept for one style or language would show in another.
    for _ in 0..2 {
        for locale in [Locale::Sv, Locale::Nb, Locale::Nn, Locale::En] {
            assert_eq!(format::date(ms, locale), browser(ms, locale, "long", None));
            assert_eq!(
                format::short_date(ms, locale),
                browser(ms, locale, "medium", None)
            );
            assert_eq!(
                format::full_date(ms, locale),
                browser(ms, locale, "full", None)
            );
            assert_eq!(
                format::date_time(ms, locale),
                browser(ms, locale, "medium", Some("short"))
            );
        }
    }
    assert!(format::date(ms, Locale::Sv).contains("2 februari 2027"));
    assert!(format::full_date(ms, Locale::Sv).starts_with("tisdag"));
    assert!(format::date_time(ms, Locale::Sv).contains("14:05"));
    assert!(!format::date(ms, Locale::Sv).contains("14:05"));
    // Chromium has no nynorsk formats: bokmål's stand in (day first), not American English.
    assert!(format::date(ms, Locale::Nn).starts_with("2. februar 2027"));
}
