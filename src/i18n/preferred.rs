//! Which language the app starts in: the one the address asks for (`?lang=nb`, as the sign-in
//! page's links and the redirect after signing in carry it), else the one the reader last chose
//! in the picker on this device, else the first of the browser's languages Samråd speaks — the
//! rule the server's own pages follow with `Accept-Language` — else Swedish.
//!
//! A choice in the picker also rewrites an address that names a language, so the tab keeps
//! it over a reload.
//!
//! Before, only the address counted: a reader who chose nynorsk got Swedish again at the next
//! reload or mail link, and a Norwegian browser's sign-in page in bokmål led to a Swedish app.

use super::Locale;
use crate::session::local_storage;

/// The localStorage key of the reader's choice in the picker.
const CHOSEN: &str = "samrad-language";

/// The language to start in (see the module's doc).
pub fn preferred() -> Locale {
    let window = leptos::prelude::window();
    let asked = window.location().search().ok().and_then(|q| from_query(&q));
    let chosen = || local_storage().and_then(|s| s.get_item(CHOSEN).ok().flatten());
    asked
        .and_then(|code| Locale::from_code(&code))
        .or_else(|| chosen().and_then(|code| Locale::from_code(&code)))
        .or_else(|| {
            let tags = window.navigator().languages();
            from_tags(tags.iter().filter_map(|tag| tag.as_string()))
        })
        .unwrap_or(Locale::Sv)
}

/// Keeps the reader's choice on this device for the next visit. Not kept (private browsing,
/// storage off) the app still follows the address and the browser.
pub fn remember(locale: Locale) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(CHOSEN, locale.code());
    }
    readdress(locale);
}

/// An address that names a language (the sign-in redirect's `?lang=nb`) is made to name the
/// one chosen, or a reload of the tab would go back to the address's language.
fn readdress(locale: Locale) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    if from_query(&search).is_none() {
        return;
    }
    let address = format!("{path}{}{hash}", with_lang(&search, locale.code()));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

/// `search` with its `lang` parameter set to `code`, the others as they were.
fn with_lang(search: &str, code: &str) -> String {
    let pairs: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.strip_prefix("lang=") {
            Some(_) => format!("lang={code}"),
            None => pair.to_owned(),
        })
        .collect();
    format!("?{}", pairs.join("&"))
}

/// The `lang` parameter of a query string (`?a=1&lang=nb`), if any.
fn from_query(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .map(str::to_owned)
}

/// The first of the browser's language tags (most preferred first) that Samråd speaks, by the
/// same rule as the server's pages ([`samrad_domain::language`]).
pub(super) fn from_tags(tags: impl IntoIterator<Item = impl AsRef<str>>) -> Option<Locale> {
    samrad_domain::language::first_spoken(tags).and_then(Locale::from_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_language_names_a_locale() {
        assert_eq!(from_tags(["no", "en"]), Some(Locale::Nb));
        assert_eq!(from_tags(["de", "nn-NO"]), Some(Locale::Nn));
        assert_eq!(from_tags(["de"]), None);
    }

    #[test]
    fn the_address_takes_the_language_chosen() {
        assert_eq!(with_lang("?lang=nb", "nn"), "?lang=nn");
        assert_eq!(with_lang("?x=1&lang=nb&y=2", "en"), "?x=1&lang=en&y=2");
        assert_eq!(with_lang("?slang=a&lang=sv", "nb"), "?slang=a&lang=nb");
    }

    #[test]
    fn the_address_names_a_language_by_its_own_parameter() {
        assert_eq!(from_query("?lang=nn").as_deref(), Some("nn"));
        assert_eq!(from_query("?x=1&lang=nb").as_deref(), Some("nb"));
        assert_eq!(from_query("?slang=nb"), None);
        assert_eq!(from_query(""), None);
    }
}
