//! The reader's language for the pages the server writes itself: `?lang=` if given (as the
//! app reads it), else the browser's `Accept-Language`, else Swedish. The app's own strings live
//! in `locales/`; these pages need only a handful, kept beside them in `pages.rs`.

use axum::http::{header, HeaderMap};

/// A language Samråd speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Swedish, the default.
    Sv,
    /// Norwegian bokmål.
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the app's picker lists them.
    pub const ALL: [Lang; 4] = [Lang::Sv, Lang::Nb, Lang::Nn, Lang::En];

    /// The short code, as in `?lang=nb`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`, as the app sets it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv-SE",
            Lang::Nb => "nb-NO",
            Lang::Nn => "nn-NO",
            Lang::En => "en-GB",
        }
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Sv => "Svenska",
            Lang::Nb => "Norsk bokmål",
            Lang::Nn => "Norsk nynorsk",
            Lang::En => "English",
        }
    }

    /// Parses [`Lang::code`].
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language of a `?lang=` value if it names one, else the best of `Accept-Language`,
    /// else Swedish.
    pub fn negotiate(asked: Option<&str>, headers: &HeaderMap) -> Lang {
        asked
            .and_then(Lang::from_code)
            .or_else(|| {
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(from_accept_language)
            })
            .unwrap_or(Lang::Sv)
    }
}

/// The most preferred language of an `Accept-Language` value that Samråd speaks, by the same
/// rule as the app's start ([`samrad_domain::language`]).
fn from_accept_language(value: &str) -> Option<Lang> {
    samrad_domain::language::from_accept_language(value).and_then(Lang::from_code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(accept: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_str(accept).expect("ascii"),
        );
        headers
    }

    #[test]
    fn the_query_wins_then_the_browser_then_swedish() {
        assert_eq!(Lang::negotiate(Some("nn"), &with("en")), Lang::Nn);
        assert_eq!(Lang::negotiate(Some("xx"), &with("en")), Lang::En);
        assert_eq!(Lang::negotiate(None, &HeaderMap::new()), Lang::Sv);
        assert_eq!(Lang::negotiate(None, &with("de-DE, fr")), Lang::Sv);
    }

    #[test]
    fn accept_language_names_a_page_language() {
        assert_eq!(
            from_accept_language("de;q=1, en;q=0.5, nn;q=0.7"),
            Some(Lang::Nn)
        );
        assert_eq!(from_accept_language("no"), Some(Lang::Nb));
        assert_eq!(from_accept_language("*"), None);
    }
}
