//! The words of the compilation's exports in the reader's language: the app's own Fluent
//! messages (`locales/<language>/*.ftl`), so page and documents say the same.

use crate::http::lang::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use samrad_domain::DomainError;
use std::sync::LazyLock;

type Bundle = FluentBundle<FluentResource>;

/// The areas of `locales/<language>/` the exports' words come from.
macro_rules! sources {
    ($code:literal) => {
        [
            include_str!(concat!("../../../locales/", $code, "/compilation.ftl")),
            include_str!(concat!("../../../locales/", $code, "/stances.ftl")),
            include_str!(concat!("../../../locales/", $code, "/dispositions.ftl")),
            include_str!(concat!("../../../locales/", $code, "/workspace.ftl")),
            include_str!(concat!("../../../locales/", $code, "/errors.ftl")),
        ]
    };
}

fn bundle(code: &str, sources: [&str; 5]) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![code.parse().unwrap_or_default()]);
    // Isolation marks around placeables would end up in the documents' text.
    bundle.set_use_isolating(false);
    for source in sources {
        // A broken message shows its key (the app's tests refuse broken files).
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

static BUNDLES: LazyLock<[Bundle; 4]> = LazyLock::new(|| {
    [
        bundle("sv", sources!("sv")),
        bundle("nb", sources!("nb")),
        bundle("nn", sources!("nn")),
        bundle("en", sources!("en")),
    ]
});

/// The words of one language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words(pub Lang);

/// The words of `lang`.
pub(crate) fn words(lang: Lang) -> Words {
    Words(lang)
}

impl Words {
    /// The message for `key` (`area.name`, as the app names it) with its variables filled in;
    /// the key itself if there is none, so a gap is noticed rather than left blank.
    pub fn text(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = &BUNDLES[match self.0 {
            Lang::Sv => 0,
            Lang::Nb => 1,
            Lang::Nn => 2,
            Lang::En => 3,
        }];
        let Some(pattern) = bundle
            .get_message(&key.replace('.', "-"))
            .and_then(|m| m.value())
        else {
            return key.to_string();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// A domain refusal in this language (`error.<key>`), as the app words it.
    pub fn error(self, error: &DomainError) -> String {
        self.text(&format!("error.{}", error.key()), &[])
    }
}
