//! The words of an e-mail in its reader's language: the app's own Fluent messages (the inbox's
//! sentences, phase and disposition names), so a notice reads the same in the app and in mail.

use crate::http::lang::Lang;
use crate::messages::{messages, Messages};
use fluent_bundle::FluentValue;
use std::sync::LazyLock;

static MESSAGES: LazyLock<Messages> = messages!("inbox", "dispositions", "workspace");

/// The message for `key` (`area.name`) in `lang` with `args`; the key itself if missing.
pub fn text(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    MESSAGES.text(lang, key, args)
}
