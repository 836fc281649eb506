//! The app's own Fluent messages (`locales/<language>/*.ftl`) for what the server writes in the
//! reader's language — Word documents, spreadsheets, e-mail — so a string is declared once for
//! app and server, plural-aware.

use crate::http::lang::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

type Bundle = FluentBundle<FluentResource>;

/// The [`Messages`] of the Fluent files of `areas` (`locales/<language>/<area>.ftl`) in every
/// language of [`Lang::ALL`], built on first use: the list of languages is written here once.
macro_rules! messages {
    ($($area:literal),+ $(,)?) => {
        std::sync::LazyLock::new(|| {
            $crate::messages::Messages::new([
                &[$($crate::messages::messages!(@file "sv", $area)),+],
                &[$($crate::messages::messages!(@file "nb", $area)),+],
                &[$($crate::messages::messages!(@file "nn", $area)),+],
                &[$($crate::messages::messages!(@file "en", $area)),+],
            ])
        })
    };
    (@file $lang:literal, $area:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../locales/", $lang, "/", $area, ".ftl"))
    };
}
pub(crate) use messages;

/// One bundle per language of [`Lang::ALL`], each from the Fluent files it was given.
pub(crate) struct Messages([Bundle; 4]);

impl Messages {
    /// The bundles from each language's files, in the order of [`Lang::ALL`].
    pub(crate) fn new(sources: [&[&str]; 4]) -> Messages {
        let [sv, nb, nn, en] = sources;
        Messages([
            bundle(Lang::Sv, sv),
            bundle(Lang::Nb, nb),
            bundle(Lang::Nn, nn),
            bundle(Lang::En, en),
        ])
    }

    /// The message for `key` (`area.name`, as the app names it) in `lang` with its variables
    /// filled in; the key itself if there is none, so a gap is noticed rather than left blank.
    pub(crate) fn text(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = &self.0[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)];
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
}

fn bundle(lang: Lang, sources: &[&str]) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.code().parse().unwrap_or_default()]);
    // Isolation marks around placeables would end up in a document's text or a plain-text mail.
    bundle.set_use_isolating(false);
    for source in sources {
        // A broken message shows its key (the app's tests refuse broken files).
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}
