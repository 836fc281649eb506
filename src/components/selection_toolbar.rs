//! The small toolbar offered for a selection in a clause: comment, question or propose
//! wording. It appears right above the clause text, so it is reached with Tab from the text.

use crate::components::clause_text::TextSelection;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use samrad_domain::RemarkKind;

#[component]
pub fn SelectionToolbar(
    selection: TextSelection,
    /// Whether the reader may propose wording.
    may_propose: bool,
    /// Starts a remark of the chosen kind on the selection.
    on_choose: Callback<RemarkKind>,
) -> impl IntoView {
    let quote = selection.quote.clone();
    let short: String = if quote.chars().count() > 60 {
        format!("{} …", quote.chars().take(60).collect::<String>())
    } else {
        quote
    };
    let locale = use_i18n();
    // Quoted as the reader's language quotes: ”…” in Swedish, «…» in Norwegian.
    let quoted = move || locale.get().text("selection.quote", &[("quote", &short)]);
    view! {
        <div class="selection-toolbar" role="toolbar" aria-label=t("selection.toolbar")>
            <span class="selection-quote">{quoted}</span>
            <button type="button" on:click=move |_| on_choose.run(RemarkKind::Comment)>
                {t("kind.comment.action")}
            </button>
            <button type="button" on:click=move |_| on_choose.run(RemarkKind::Question)>
                {t("kind.question.action")}
            </button>
            {may_propose
                .then(|| {
                    view! {
                        <button type="button" on:click=move |_| on_choose.run(RemarkKind::Proposal)>
                            {t("kind.proposal.action")}
                        </button>
                    }
                })}
        </div>
    }
}
