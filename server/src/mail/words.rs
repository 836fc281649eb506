//! The words of an e-mail in its reader's language: the app's own Fluent messages (the inbox's
//! sentences, phase and disposition names), so a notice reads the same in the app and in mail.

use crate::http::lang::Lang;
use crate::messages::Messages;
use fluent_bundle::FluentValue;
use std::sync::LazyLock;

macro_rules! sources {
    ($code:literal) => {
        [
            include_str!(concat!("../../../locales/", $code, "/inbox.ftl")),
            include_str!(concat!("../../../locales/", $code, "/dispositions.ftl")),
            include_str!(concat!("../../../locales/", $code, "/workspace.ftl")),
        ]
    };
}

static MESSAGES: LazyLock<Messages> = LazyLock::new(|| {
    Messages::new([
        &sources!("sv"),
        &sources!("nb"),
        &sources!("nn"),
        &sources!("en"),
    ])
});

/// The message for `key` (`area.name`) in `lang` with `args`; the key itself if missing.
pub fn text(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    MESSAGES.text(lang, key, args)
}
