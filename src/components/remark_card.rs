//! One remark or reply as a card: who, when, what kind, the quoted text, the remark
//! (Markdown, built into DOM nodes: see markdown.rs), a proposal's word diff with support and
//! opposition, the coordinators' disposition, and the author's own edit and withdraw.
//!
//! The card is built from the remark as it reads when it changes; the author's open edit lives
//! beside it (edit.rs) and outlives that. What depends on the clause's wording — whether the
//! quoted words are still there, a proposal's diff against the current wording — follows that
//! clause's text on its own, so a keystroke in the wording re-reads those and not the card.

use crate::components::disposition_form::disposition_key;
use crate::components::proposal_view::ProposalView;
use crate::components::remark_history::RemarkHistory;
use crate::components::remark_trace::RemarkTrace;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::markdown::markdown;
use crate::writes;
use leptos::prelude::*;
use samrad_domain::{Action, AnchorState, Change, DispositionValue, Remark, RemarkKind};

mod edit;
mod edit_form;
pub use edit::RemarkEdit;
pub use edit_form::RemarkEditForm;

fn kind_key(kind: RemarkKind) -> &'static str {
    match kind {
        RemarkKind::Comment => "kind.comment",
        RemarkKind::Question => "kind.question",
        RemarkKind::Proposal => "kind.proposal",
    }
}

/// One remark or reply: header, quote, text, proposal, disposition and the actions on it;
/// `edit` is the author's edit of it and `history_open` whether the reader has its earlier
/// wordings open, both kept by its row in the thread across the card's rebuilds.
#[component]
pub fn RemarkCard(remark: Remark, edit: RemarkEdit, history_open: RwSignal<bool>) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let when = remark.created_ms;
    let mine = remark.author == me.id;
    let is_reply = remark.parent.is_some();
    let (editing, error) = (edit.open, edit.error);
    let id = remark.id.clone();
    let id_for_save = remark.id.clone();
    let text_keys = {
        let (clause, id) = (remark.clause.clone(), remark.id.clone());
        move || [Change::Text(clause.clone()), Change::Remark(id.clone())]
    };
    // An accepted proposal's quoted words were replaced by its own wording: say so, rather
    // than that the text was removed.
    let accepted = remark.kind == RemarkKind::Proposal
        && remark.disposition.as_ref().map(|d| d.value) == Some(DispositionValue::Accepted);
    let quote = remark.anchor.clone().map(|a| {
        let id = remark.id.clone();
        let keys = text_keys.clone();
        let orphaned = Memo::new(move |_| {
            live.read(keys(), |a| a.anchor_state(&id)) == Some(AnchorState::Orphaned)
        });
        let note = if accepted {
            "remark.accepted_into_text"
        } else {
            "remark.orphaned"
        };
        view! {
            <blockquote class="quote" class:orphaned=move || orphaned.get()>
                {a.quote}
                {move || orphaned.get().then(|| view! { <span class="orphan-note">" "{t(note)}</span> })}
            </blockquote>
        }
    });
    let proposal = (remark.kind == RemarkKind::Proposal).then(|| {
        view! { <ProposalView remark=remark.clone() /> }
    });
    // A decided proposal is no longer supported or opposed: the decision is taken.
    let support =
        (remark.kind == RemarkKind::Proposal && !remark.withdrawn && !accepted).then(|| {
            let id = remark.id.clone();
            crate::later::quiet_part(move || crate::later::support_buttons(id.clone()))
        });
    let disposition = remark.disposition.clone().map(|d| {
        view! {
            <p class="disposition" data-disposition=d.value.key()>
                <strong>{t("disposition.label")}": "</strong>
                <span class="disposition-value">{t(disposition_key(d.value))}</span>
                {(!d.motivation.is_empty()).then(|| format!(" – {}", d.motivation))}
            </p>
        }
    });
    let coordinator = (!is_reply && !remark.withdrawn).then(|| {
        let remark = remark.clone();
        move || {
            live.may(Action::Dispose).then(|| {
                let remark = remark.clone();
                crate::later::quiet_part(move || crate::later::disposition_form(remark.clone()))
            })
        }
    });
    // The write's code is in the interactive parts' file (writes.rs).
    let withdraw = {
        let id = id.clone();
        move |_| {
            let withdraw = writes::withdraw_remark(live, locale.get_untracked(), id.clone());
            leptos::task::spawn_local(async move {
                match withdraw.await {
                    Ok(()) => error.set(None),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    // Offered only while the domain would take them: not after a response, not outside the
    // phases the author's role writes in, not once withdrawn.
    let own = {
        let id = id.clone();
        let me = me.clone();
        move || {
            live.read([Change::Meta, Change::Remark(id.clone())], |a| {
                (
                    a.may_edit_remark(&me, &id).is_ok(),
                    a.may_withdraw_remark(&me, &id).is_ok(),
                )
            })
        }
    };
    let history = (remark.revisions > 0).then(|| {
        view! { <RemarkHistory remark=id.clone() count=remark.revisions open=history_open /> }
    });
    let role_key = format!("role.{}", remark.role.key());
    view! {
        <article class="remark-card" class:withdrawn=remark.withdrawn>
            <header class="remark-meta">
                {(!is_reply).then(|| view! { <span class=format!("kind kind-{}", remark.kind.key())>{t(kind_key(remark.kind))}</span> })}
                <span class="author">{remark.author_name.clone()}</span>
                <span class="organisation">{remark.organisation.clone()}</span>
                <span class="role">{move || locale.get().text(&role_key, &[])}</span>
                <time datetime=format::iso(when)>{move || format::date_time(when, locale.get())}</time>
                {remark.edited_ms.map(|_| view! { <span class="edited">{t("remark.edited")}</span> })}
                {move || live.unsaved(&id_for_save).then(|| view! { <span class="unsaved">{t("remark.unsaved")}</span> })}
                {remark.withdrawn.then(|| view! { <span class="withdrawn-badge">{t("remark.withdrawn")}</span> })}
            </header>
            {quote}
            <Show
                when=move || editing.get()
                fallback={
                    let body = remark.body.clone();
                    move || view! { <div class="remark-body" use:markdown=body.clone()></div> }
                }
            >
                // Among the interactive parts (later.rs): opened by the author only.
                {
                    let id = id.clone();
                    crate::later::part(move || crate::later::edit_form(id.clone(), edit))
                }
            </Show>
            {proposal}
            {support}
            {disposition}
            {(!is_reply).then(|| view! { <RemarkTrace remark=remark.clone() /> })}
            {history}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {(mine && !remark.withdrawn)
                .then(|| {
                    let withdraw = withdraw.clone();
                    move || {
                        let (may_edit, may_withdraw) = own();
                        let withdraw = withdraw.clone();
                        (may_edit || may_withdraw).then(|| view! {
                            <div class="own-actions">
                                // Not while the field is open: it is being edited.
                                {(may_edit && !editing.get()).then(|| view! {
                                    <button type="button" class="link-button" data-action="edit" on:click=move |_| edit.open_when_ready()>
                                        {t("remark.edit")}
                                    </button>
                                })}
                                {may_withdraw.then(|| view! {
                                    <button type="button" class="link-button" data-action="withdraw" on:click=withdraw>
                                        {t("remark.withdraw")}
                                    </button>
                                })}
                            </div>
                        })
                    }
                })}
            {coordinator}
        </article>
    }
}
