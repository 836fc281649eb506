//! The words of a Word document or spreadsheet in the reader's language: the app's own Fluent
//! messages (`locales/<language>/*.ftl`, one declaration per string for app and server,
//! plural-aware), and dates as Swedes and Norwegians write them.

use crate::messages::{messages, Messages};
use fluent_bundle::FluentValue;
use samrad_domain::calendar::{Date, LocalTime};
use samrad_domain::DomainError;
use std::sync::LazyLock;

pub use crate::http::lang::Lang;

/// The areas of `locales/<language>/` the documents' words come from, in every language.
static MESSAGES: LazyLock<Messages> = messages!(
    "docx",
    "compilation",
    "stances",
    "errors",
    "dispositions",
    "remarks",
    "workspace",
    "versions"
);

const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_NO: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The words of a Word document in a language: the app's own messages, dates, quotation marks.
pub trait Words {
    /// The message for `key` (`area.name`, as the app names it) with its variables filled in;
    /// the key itself if there is none, so a gap is noticed rather than left blank.
    fn text(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String;
    /// A domain refusal in this language (`error.<key>`), as the app words it.
    fn error(self, error: &DomainError) -> String;
    /// Quoted text, with this language's quotation marks.
    fn quote(self, text: &str) -> String;
    /// A date as written in this language ("15 januari 2027", "15. januar 2027"), in Swedish
    /// and Norwegian local time.
    fn date(self, ms: f64) -> String;
}

impl Words for Lang {
    fn text(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        MESSAGES.text(self, key, args)
    }

    fn error(self, error: &DomainError) -> String {
        let key = format!("error.{}", error.key());
        let words = |key: String| FluentValue::from(self.text(&key, &[]));
        match error {
            DomainError::NotAllowed { role, phase, .. } => self.text(
                &key,
                &[
                    ("role", words(format!("role.{}", role.key()))),
                    ("phase", words(format!("phase.{}", phase.key()))),
                ],
            ),
            DomainError::NotDrafting(phase) => {
                self.text(&key, &[("phase", words(format!("phase.{}", phase.key())))])
            }
            DomainError::HasRemarks(count) => self.text(&key, &[("count", (*count).into())]),
            DomainError::DeadlinePassed { organisation, .. } => {
                self.text(&key, &[("organisation", organisation.as_str().into())])
            }
            DomainError::QuoteGone(quote) => self.text(&key, &[("quote", quote.as_str().into())]),
            DomainError::Markdown(detail) => self.text(&key, &[("detail", detail.as_str().into())]),
            _ => self.text(&key, &[]),
        }
    }

    fn quote(self, text: &str) -> String {
        match self {
            Lang::Sv => format!("”{text}”"),
            Lang::Nb | Lang::Nn => format!("«{text}»"),
            Lang::En => format!("“{text}”"),
        }
    }

    fn date(self, ms: f64) -> String {
        let Date { year, month, day } = LocalTime::of(ms).date;
        let m = (month - 1) as usize;
        match self {
            Lang::Sv => format!("{day} {} {year}", MONTHS_SV[m]),
            Lang::Nb | Lang::Nn => format!("{day}. {} {year}", MONTHS_NO[m]),
            Lang::En => format!("{day} {} {year}", MONTHS_EN[m]),
        }
    }
}

/// An instant as ISO 8601 in UTC (`2027-01-15T09:30:00Z`), as Word dates comments.
pub fn iso(ms: f64) -> String {
    let ms = ms as i64;
    let date = Date::from_days(ms.div_euclid(86_400_000));
    let secs = ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        date.iso(),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_local_and_worded_per_language() {
        let days = |iso: &str| Date::parse(iso).map(Date::days).unwrap_or_default();
        // 2027-01-14T23:30Z is already the 15th in Stockholm.
        let late = (days("2027-01-14") * 86_400_000 + 23 * 3_600_000 + 1_800_000) as f64;
        assert_eq!(Lang::Sv.date(late), "15 januari 2027");
        // 2024-06-30T22:30Z is 1 July in Oslo (UTC+2).
        let summer = (days("2024-06-30") * 86_400_000 + 22 * 3_600_000 + 1_800_000) as f64;
        assert_eq!(Lang::Sv.date(summer), "1 juli 2024");
        assert_eq!(Lang::Nb.date(summer), "1. juli 2024");
        assert_eq!(Lang::En.date(summer), "1 July 2024");
        // 2024-01-15T12:00Z.
        let winter = (days("2024-01-15") * 86_400_000 + 12 * 3_600_000) as f64;
        assert_eq!(Lang::Nn.date(winter), "15. januar 2024");
        assert_eq!(iso(winter + 61_000.0), "2024-01-15T12:01:01Z");
    }

    #[test]
    fn labels_come_from_the_app_strings() {
        assert_eq!(Lang::Sv.text("toc.label", &[]), "Innehåll");
        assert_eq!(Lang::Nb.text("toc.label", &[]), "Innhold");
        assert_eq!(Lang::Nn.text("toc.label", &[]), "Innhald");
        assert_eq!(Lang::En.text("toc.label", &[]), "Contents");
        assert_eq!(Lang::Sv.text("docx.case_number", &[]), "Diarienummer");
        assert_eq!(
            Lang::Sv.error(&DomainError::HasRemarks(1)),
            "Det finns redan en synpunkt på avtalet. Ett nytt utkast kan bara läsas in innan någon har lämnat synpunkter."
        );
        assert_eq!(
            Lang::Nn.error(&DomainError::NotDrafting(
                samrad_domain::Phase::Consultation
            )),
            "Eit nytt utkast kan berre lesast inn medan avtalen er eit utkast (no: Høyring)."
        );
        assert_eq!(Lang::Sv.text("docx.nothing", &[]), "docx.nothing");
    }
}
