//! UI strings, looked up by key from the resource files in `locales/`. Components never hold
//! text of their own; a missing key shows the key itself so it is noticed, never a blank.

use leptos::prelude::*;
use samrad_domain::DomainError;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The languages Samråd speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// Swedish, the default.
    Sv,
    /// Norwegian bokmål.
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Locale {
    /// Every language, in the order the picker lists them.
    pub const ALL: [Locale; 4] = [Locale::Sv, Locale::Nb, Locale::Nn, Locale::En];

    /// BCP 47 tag, used for `lang` and for formatting dates and numbers.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Sv => "sv-SE",
            Locale::Nb => "nb-NO",
            Locale::Nn => "nn-NO",
            Locale::En => "en-GB",
        }
    }

    /// Short code, as in `?lang=nb`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Sv => "sv",
            Locale::Nb => "nb",
            Locale::Nn => "nn",
            Locale::En => "en",
        }
    }

    /// Parses [`Locale::code`].
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Locale::Sv => "Svenska",
            Locale::Nb => "Norsk bokmål",
            Locale::Nn => "Norsk nynorsk",
            Locale::En => "English",
        }
    }

    fn strings(self) -> &'static HashMap<String, String> {
        static SV: LazyLock<HashMap<String, String>> =
            LazyLock::new(|| parse(include_str!("../locales/sv.json")));
        static NB: LazyLock<HashMap<String, String>> =
            LazyLock::new(|| parse(include_str!("../locales/nb.json")));
        static NN: LazyLock<HashMap<String, String>> =
            LazyLock::new(|| parse(include_str!("../locales/nn.json")));
        static EN: LazyLock<HashMap<String, String>> =
            LazyLock::new(|| parse(include_str!("../locales/en.json")));
        match self {
            Locale::Sv => &SV,
            Locale::Nb => &NB,
            Locale::Nn => &NN,
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

    /// A domain refusal in this language (`error.<key>`), with the role, phase or quote it
    /// names. The domain's own `Display` is English and meant for logs.
    pub fn error(self, error: &DomainError) -> String {
        let key = format!("error.{}", error.key());
        match error {
            DomainError::NotAllowed { role, phase, .. } => {
                let role = self.text(&format!("role.{}", role.key()), &[]);
                let phase = self.text(&format!("phase.{}", phase.key()), &[]);
                self.text(&key, &[("role", &role), ("phase", &phase)])
            }
            DomainError::DeadlinePassed { organisation, .. } => {
                self.text(&key, &[("organisation", organisation)])
            }
            DomainError::QuoteGone(quote) => self.text(&key, &[("quote", quote)]),
            DomainError::Markdown(detail) => self.text(&key, &[("detail", detail)]),
            _ => self.text(&key, &[]),
        }
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
        assert!(sv.len() > 50, "{} keys", sv.len());
        for other in Locale::ALL {
            let strings = other.strings();
            let mut missing: Vec<_> = sv.keys().filter(|k| !strings.contains_key(*k)).collect();
            missing.extend(strings.keys().filter(|k| !sv.contains_key(*k)));
            assert!(missing.is_empty(), "{other:?} differs in: {missing:?}");
        }
    }

    #[test]
    fn norwegian_uses_norwegian_stance_terms() {
        assert_eq!(Locale::Nb.text("stance.supports", &[]), "Støtter");
        assert_eq!(Locale::Nb.text("stance.opposes", &[]), "Støtter ikke");
        assert_eq!(Locale::Nn.text("stance.opposes", &[]), "Støttar ikkje");
        assert_eq!(Locale::Sv.text("stance.no_remarks", &[]), "Ingen erinran");
    }

    #[test]
    fn every_domain_refusal_is_worded_in_every_language() {
        use samrad_domain::{Action, Phase, Role};
        let errors = [
            DomainError::Decode("x".into()),
            DomainError::Apply("x".into()),
            DomainError::MissingChanges,
            DomainError::Busy("x".into()),
            DomainError::UnknownChapter("x".into()),
            DomainError::UnknownClause("x".into()),
            DomainError::UnknownRemark("x".into()),
            DomainError::UnknownVersion("x".into()),
            DomainError::Empty,
            DomainError::NotAllowed {
                role: Role::Member,
                action: Action::Remark,
                phase: Phase::Merging,
            },
            DomainError::NotAuthor("x".into()),
            DomainError::NotOwnOrganisation {
                participant: "x".into(),
                organisation: "y".into(),
            },
            DomainError::NotRespondent("x".into()),
            DomainError::DeadlinePassed {
                organisation: "Strandviks kommun".into(),
                deadline_ms: 0.0,
            },
            DomainError::InvalidRange {
                start: 1,
                end: 0,
                len: 0,
            },
            DomainError::NotAProposal("x".into()),
            DomainError::AlreadyAccepted("x".into()),
            DomainError::Orphaned("x".into()),
            DomainError::QuoteGone("Ett ord".into()),
            DomainError::Withdrawn("x".into()),
            DomainError::NothingToSend("x".into()),
            DomainError::Markdown("x".into()),
        ];
        for locale in Locale::ALL {
            for e in &errors {
                let text = locale.error(e);
                assert!(!text.starts_with("error."), "{locale:?} lacks {}", e.key());
                assert!(!text.contains('{'), "{locale:?} {}: {text}", e.key());
            }
        }
        assert_eq!(
            Locale::Sv.error(&errors[9]),
            "Som ledamot kan du inte göra det under fasen Sammanställning."
        );
        assert_eq!(
            Locale::Nn.error(&errors[18]),
            "Teksten du markerte, finst ikkje lenger i punktet: «Ett ord»."
        );
    }

    #[test]
    fn placeholders_are_filled() {
        let s = Locale::Sv.text("toc.remarks", &[("count", "3")]);
        assert_eq!(s, "3 synpunkter");
        assert_eq!(Locale::En.text("no.such.key", &[]), "no.such.key");
    }
}
