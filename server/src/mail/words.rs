//! The words of an e-mail in its reader's language: the app's own Fluent messages (the inbox's
//! sentences, phase and disposition names), so a notice reads the same in the app and in mail.

use crate::http::lang::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

type Bundle = FluentBundle<FluentResource>;

macro_rules! sources {
    ($code:literal) => {
        [
            include_str!(concat!("../../../locales/", $code, "/inbox.ftl")),
            include_str!(concat!("../../../locales/", $code, "/dispositions.ftl")),
            include_str!(concat!("../../../locales/", $code, "/workspace.ftl")),
        ]
    };
}

fn bundle(code: &str, sources: [&str; 3]) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![code.parse().unwrap_or_default()]);
    // Isolation marks would show in plain-text mail.
    bundle.set_use_isolating(false);
    for source in sources {
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

/// The message for `key` (`area.name`) in `lang` with `args`; the key itself if missing.
pub fn text(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let bundle = &BUNDLES[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)];
    let id = key.replace('.', "-");
    let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}
