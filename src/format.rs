//! Dates and numbers in the reader's locale, through the browser's Intl support.

use crate::i18n::Locale;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// How a formatter writes a timestamp: its `dateStyle`, and its `timeStyle` when it writes
/// the time too.
type Style = (&'static str, Option<&'static str>);

thread_local! {
    /// One formatter per language and style: making an `Intl.DateTimeFormat` costs far more
    /// than using one (`toLocaleDateString` makes one per call), and a page shows hundreds of
    /// dates — the process timeline's dates alone took 32 ms of an agreement's first screen.
    /// A formatter keeps the time zone it was made in: on a device moved across time zones,
    /// dates are written in the old one until the page is reloaded.
    static FORMATS: RefCell<Vec<(Locale, Style, js_sys::Intl::DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
}

/// `ms` written by the locale's formatter of `style`, made on first use.
fn formatted(ms: f64, locale: Locale, style: Style) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        let at = match formats
            .iter()
            .position(|(l, s, _)| *l == locale && *s == style)
        {
            Some(at) => at,
            None => {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &style.0.into());
                if let Some(time) = style.1 {
                    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &time.into());
                }
                let tags: js_sys::Array = locale
                    .date_tags()
                    .iter()
                    .map(|tag| JsValue::from_str(tag))
                    .collect();
                let format = js_sys::Intl::DateTimeFormat::new(&tags, &options);
                formats.push((locale, style, format));
                formats.len() - 1
            }
        };
        formats[at]
            .2
            .format()
            .call1(&JsValue::NULL, &date)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    })
}

/// A timestamp (ms since the epoch) as the locale writes a date and time.
pub fn date_time(ms: f64, locale: Locale) -> String {
    formatted(ms, locale, ("medium", Some("short")))
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

/// A timestamp's day in full, with the weekday ("tisdag 2 februari 2027"): what a date
/// field's day is, said in the app's language.
pub fn full_date(ms: f64, locale: Locale) -> String {
    date_in_style(ms, locale, "full")
}

/// A date in a narrow column, the month shortened ("17 apr. 2024", "17 Apr 2024").
pub fn short_date(ms: f64, locale: Locale) -> String {
    date_in_style(ms, locale, "medium")
}

fn date_in_style(ms: f64, locale: Locale, style: &'static str) -> String {
    formatted(ms, locale, (style, None))
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
