//! UI strings, looked up by key from the resource files in `locales/`. Components never hold
//! text of their own; a missing key shows the key itself so it is noticed, never a blank.

use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The languages Samråd speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// Swedish, the default.
    Sv,
    /// English.
    En,
}

impl Locale {
    /// BCP 47 tag, used for `lang` and for formatting dates.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Sv => "sv-SE",
            Locale::En => "en-GB",
        }
    }

    fn strings(self) -> &'static HashMap<String, String> {
        static SV: LazyLock<HashMap<String, String>> =
            LazyLock::new(|| parse(include_str!("../locales/sv.json")));
        static EN: LazyLock<HashMap<String, String>> =
            LazyLock::new(|| parse(include_str!("../locales/en.json")));
        match self {
            Locale::Sv => &SV,
            Locale::En => &EN,
        }
    }

    /// The string for `key`, with `{name}` placeholders filled from `args`.
    pub fn text(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self
            .strings()
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }
}

fn parse(json: &str) -> HashMap<String, String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The current locale, shared by every component.
pub type I18nCtx = RwSignal<Locale>;

/// Provides the locale context, Swedish by default.
pub fn provide_i18n_context(locale: Locale) -> I18nCtx {
    let ctx = RwSignal::new(locale);
    provide_context(ctx);
    ctx
}

/// The locale context; falls back to Swedish when none is provided (e.g. in a lone test).
pub fn use_i18n() -> I18nCtx {
    use_context::<I18nCtx>().unwrap_or_else(|| RwSignal::new(Locale::Sv))
}

/// Shorthand: the string for `key` in the current locale, reactive.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let locale = use_i18n();
    move || locale.get().text(key, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_every_locale() {
        let sv = Locale::Sv.strings();
        let en = Locale::En.strings();
        assert!(!sv.is_empty());
        let mut missing: Vec<_> = sv.keys().filter(|k| !en.contains_key(*k)).collect();
        missing.extend(en.keys().filter(|k| !sv.contains_key(*k)));
        assert!(missing.is_empty(), "keys missing in a locale: {missing:?}");
    }

    #[test]
    fn placeholders_are_filled() {
        let s = Locale::Sv.text("toc.remarks", &[("count", "3")]);
        assert_eq!(s, "3 synpunkter");
        assert_eq!(Locale::En.text("no.such.key", &[]), "no.such.key");
    }
}
