//! Which of Samråd's languages a browser asks for, by the language codes the app and the
//! server's own pages both use (`sv`, `nb`, `nn`, `en`). One rule for both, so a reader whose
//! browser prefers Norwegian gets bokmål on the sign-in page and in the app alike.

/// The languages Samråd speaks, by code, in the order the language pickers list them.
pub const CODES: [&str; 4] = ["sv", "nb", "nn", "en"];

/// The code of the language a BCP 47 tag names (`nb-NO`, `SV_se`), if Samråd speaks it. Plain
/// `no` is Norwegian as most readers write it: bokmål.
pub fn spoken(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "no" => Some("nb"),
        code => CODES.into_iter().find(|c| *c == code),
    }
}

/// The first of `tags` (most preferred first, as `navigator.languages` lists them) that Samråd
/// speaks.
pub fn first_spoken(tags: impl IntoIterator<Item = impl AsRef<str>>) -> Option<&'static str> {
    tags.into_iter().find_map(|tag| spoken(tag.as_ref()))
}

/// The most preferred language of an `Accept-Language` value that Samråd speaks (RFC 9110
/// §12.5.4: quality values, default 1, 0 meaning "not this"; ties keep the browser's order).
pub fn from_accept_language(value: &str) -> Option<&'static str> {
    let mut ranked: Vec<(f32, &str)> = value
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, range))
        })
        .collect();
    // A stable sort keeps the browser's order among equal qualities.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    first_spoken(ranked.into_iter().map(|(_, range)| range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_first_language_samrad_speaks() {
        assert_eq!(first_spoken(["nb-NO", "en-US"]), Some("nb"));
        assert_eq!(first_spoken(["de-DE", "nn-NO", "sv"]), Some("nn"));
        assert_eq!(first_spoken(["no", "en"]), Some("nb"));
        assert_eq!(first_spoken(["en-GB", "sv-SE"]), Some("en"));
        assert_eq!(first_spoken(["SV_se"]), Some("sv"));
        assert_eq!(first_spoken(["de", "fr", ""]), None);
        assert_eq!(first_spoken(Vec::<String>::new()), None);
    }

    #[test]
    fn accept_language_follows_quality_and_order() {
        assert_eq!(from_accept_language("nb-NO,nb;q=0.9,en;q=0.8"), Some("nb"));
        assert_eq!(
            from_accept_language("de;q=1, en;q=0.5, nn;q=0.7"),
            Some("nn")
        );
        assert_eq!(from_accept_language("no, en"), Some("nb"));
        assert_eq!(from_accept_language("en-GB, sv-SE"), Some("en"));
        assert_eq!(from_accept_language("sv;q=0, en;q=0.1"), Some("en"));
        assert_eq!(from_accept_language("*"), None);
    }
}
