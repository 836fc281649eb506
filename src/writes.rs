//! The writes a reader starts from the agreement's first screen — editing or withdrawing their
//! own remark, replying, drafting their organisation's stance, writing a proposal again on the
//! current wording. The first screen only offers them: with the `split` feature their code (the
//! domain's write operations and the words for a refusal) is in the interactive parts' file
//! `soon` (later/parts.rs), fetched right after the first screen is drawn and kept by the
//! service worker for offline use, so a write made once it is there waits for nothing.
//!
//! Each returns `Err` with the words to show when the domain refused the write, or when its
//! code could not be fetched (offline before the service worker kept it).

use crate::i18n::Locale;
use crate::later::NotFetched;
use crate::live::Live;
use samrad_domain::{Agreement, DomainError, Participant, ParticipantId, StanceValue};

/// Declares one write per entry: `name(live, locale, args)` (awaited), which runs `body` on
/// the replica as the signed-in participant, in the file `soon` with `split`. The replica is
/// taken when the code has arrived, not when asked: a refusal's hand-back may have swapped it
/// for a fresh one while the file loaded, and a write on the old one would be lost.
macro_rules! soon_writes {
    ($($(#[doc = $doc:literal])* $name:ident($a:ident, $me:ident $(, $arg:ident: $ty:ty)*) $body:block)*) => {
        $(
            $(#[doc = $doc])*
            pub async fn $name(live: Live, locale: Locale $(, $arg: $ty)*) -> Result<(), String> {
                code::$name(live, locale $(, $arg)*)
                    .await
                    .unwrap_or_else(|NotFetched| Err(locale.text("later.part_not_fetched", &[])))
            }
        )*

        mod code {
            use super::*;
            $(
                #[cfg(feature = "split")]
                #[leptos::wasm_split::wasm_split(soon, wasm_split_path = ::leptos::wasm_split, fallible)]
                pub fn $name(
                    live: Live,
                    locale: Locale
                    $(, $arg: $ty)*
                ) -> Result<Result<(), String>, NotFetched> {
                    Ok(run(live, locale, |$a, $me| $body))
                }

                #[cfg(not(feature = "split"))]
                pub async fn $name(
                    live: Live,
                    locale: Locale
                    $(, $arg: $ty)*
                ) -> Result<Result<(), String>, NotFetched> {
                    Ok(run(live, locale, |$a, $me| $body))
                }
            )*
        }
    };
}

/// Runs `write` on the replica as the signed-in participant; a refusal in the reader's words.
/// Generic, so each write's copy is made where it is called: in the file `soon` with `split`.
fn run<T>(
    live: Live,
    locale: Locale,
    write: impl FnOnce(&Agreement, &Participant) -> Result<T, DomainError>,
) -> Result<(), String> {
    live.write(write).map(|_| ()).map_err(|e| locale.error(&e))
}

soon_writes! {
    /// Rewrites the reader's own remark `id` to `body`.
    edit_remark(a, me, id: String, body: String, now: f64) {
        a.edit_remark(me, &id, &body, None, now)
    }
    /// Withdraws the reader's own remark `id`.
    withdraw_remark(a, me, id: String) {
        a.withdraw_remark(me, &id)
    }
    /// Replies to remark `to`, naming `mentions`.
    reply(a, me, to: String, body: String, mentions: Vec<ParticipantId>, now: f64) {
        a.reply_mentioning(&to, me, &body, &mentions, now)
    }
    /// Drafts the reader's organisation's stance on `clause`.
    set_stance(a, me, clause: String, value: StanceValue, motivation: String, now: f64) {
        a.set_stance(me, &clause, value, &motivation, now)
    }
    /// Writes the reader's proposal `id` again on the current wording.
    rebase_proposal(a, me, id: String, now: f64) {
        a.rebase_proposal(me, &id, now)
    }
}
