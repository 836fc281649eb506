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

/// A timestamp as the locale writes a date alone ("17 april 2024").
pub fn date(ms: f64, locale: Locale) -> String {
    date_in_style(ms, locale, "long")
}

/// A date in a narrow column, the month shortened ("17 apr. 2024", "17 Apr 2024").
pub fn short_date(ms: f64, locale: Locale) -> String {
    date_in_style(ms, locale, "medium")
}

fn date_in_style(ms: f64, locale: Locale, style: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &style.into());
    date.to_locale_date_string(locale.tag(), &options).into()
}

/// The end of the local day a date input names (`YYYY-MM-DD`): a deadline "on the 20th"
/// runs until that day is over where the coordinator sets it.
pub fn end_of_day(input: &str) -> Option<f64> {
    let mut parts = input.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let date = js_sys::Date::new_with_year_month_day_hr_min_sec_milli(
        y,
        m as i32 - 1,
        d as i32,
        23,
        59,
        59,
        999,
    );
    let ms = date.get_time();
    (ms.is_finite() && date.get_date() == d).then_some(ms)
}

/// A timestamp as a date input's value (`YYYY-MM-DD`, local).
pub fn input_date(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// Whole local days from today to the day of `deadline_ms` (0 on the day itself, negative
/// once it has passed).
pub fn days_left(deadline_ms: f64, now_ms: f64) -> i64 {
    let midnight = |ms: f64| {
        let d = js_sys::Date::new(&JsValue::from_f64(ms));
        js_sys::Date::new_with_year_month_day(
            d.get_full_year(),
            d.get_month() as i32,
            d.get_date() as i32,
        )
        .get_time()
    };
    ((midnight(deadline_ms) - midnight(now_ms)) / 86_400_000.0).round() as i64
}
