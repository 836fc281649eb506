//! Writing a new remark: its kind, what it is about (the selection or the whole clause), the
//! text, and for a proposal the new wording — prefilled with the current wording and shown as
//! a live word diff against it.

use crate::components::diff_view::DiffView;
use crate::components::mention_field::MentionField;
use crate::i18n::{t, use_i18n};
use crate::live::{use_live, ComposerDraft};
use leptos::prelude::*;
use samrad_domain::{word_diff, Action, RemarkDraft, RemarkKind, Target};

/// What a new remark starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct ComposerSeed {
    pub kind: RemarkKind,
    pub target: Target,
    /// The selected text, or the whole clause text for a remark on the clause.
    pub quote: String,
}

#[component]
pub fn Composer(clause: String, seed: ComposerSeed, on_done: Callback<()>) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let may_propose = live.may(Action::Propose);
    // Unsent text of this clause's composer, kept on the device, comes back here.
    let draft_key = ComposerDraft::key(&clause);
    let restored = live.draft::<ComposerDraft>(&draft_key);
    let kind = RwSignal::new(
        restored
            .as_ref()
            .and_then(|d| RemarkKind::from_key(&d.kind))
            .filter(|k| *k != RemarkKind::Proposal || may_propose)
            .unwrap_or(seed.kind),
    );
    let body = RwSignal::new(
        restored
            .as_ref()
            .map(|d| d.body.clone())
            .unwrap_or_default(),
    );
    let mentions = RwSignal::new(Vec::<String>::new());
    let wording = RwSignal::new(
        restored
            .as_ref()
            .and_then(|d| d.wording.clone())
            .unwrap_or_else(|| seed.quote.clone()),
    );
    let was_restored = restored.is_some();
    {
        let key = draft_key.clone();
        Effect::new(move |first: Option<()>| {
            let draft = ComposerDraft {
                kind: kind.get().key().to_string(),
                body: body.get(),
                wording: (kind.get() == RemarkKind::Proposal).then(|| wording.get()),
            };
            // Opening the composer keeps nothing until something is typed.
            if first.is_some() || was_restored {
                let typed = !draft.body.trim().is_empty() || draft.wording.is_some();
                live.keep_draft(&key, typed.then_some(&draft));
            }
        });
    }
    let forget_draft = {
        let key = draft_key.clone();
        move || live.keep_draft::<ComposerDraft>(&key, None)
    };
    let forget_on_cancel = forget_draft.clone();
    let error = RwSignal::new(None::<String>);
    let base = clause.clone();
    let field = format!("composer-{base}");
    let wording_field = format!("composer-wording-{base}");
    let current = seed.quote.clone();
    let on_range = matches!(seed.target, Target::Range { .. });
    let target = seed.target.clone();
    let typing_clause = clause.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = RemarkDraft {
            clause: clause.clone(),
            kind: kind.get_untracked(),
            target: target.clone(),
            body: body.get_untracked(),
            proposed_text: (kind.get_untracked() == RemarkKind::Proposal)
                .then(|| wording.get_untracked()),
            mentions: mentions.get_untracked(),
        };
        let now = js_sys::Date::now();
        match live.write(|a, me| a.write_remark(me, draft, now)) {
            Ok(id) => {
                live.announce(Some(&clause), false);
                forget_draft();
                on_done.run(());
                focus_remark(id);
            }
            Err(e) => error.set(Some(locale.get_untracked().error(&e))),
        }
    };
    let kinds = move || {
        let mut k = vec![RemarkKind::Comment, RemarkKind::Question];
        if may_propose {
            k.push(RemarkKind::Proposal);
        }
        k
    };
    let radio_name = format!("kind-{base}");
    view! {
        <form class="composer" on:submit=submit>
            <fieldset class="kinds">
                <legend>{t("composer.kind")}</legend>
                {kinds()
                    .into_iter()
                    .map(|k| {
                        let name = radio_name.clone();
                        let key = match k {
                            RemarkKind::Comment => "kind.comment",
                            RemarkKind::Question => "kind.question",
                            RemarkKind::Proposal => "kind.proposal",
                        };
                        view! {
                            <label class="radio">
                                <input
                                    type="radio"
                                    name=name
                                    value=k.key()
                                    prop:checked=move || kind.get() == k
                                    on:change=move |_| kind.set(k)
                                />
                                {t(key)}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <p class="composer-target">
                {move || {
                    if on_range { t("composer.on_selection")() } else { t("composer.on_clause")() }
                }}
            </p>
            {on_range.then(|| view! { <blockquote class="quote">{seed.quote.clone()}</blockquote> })}
            <Show when=move || kind.get() == RemarkKind::Proposal>
                <label for=wording_field.clone()>{t("composer.wording")}</label>
                <textarea
                    id=wording_field.clone()
                    rows="4"
                    prop:value=move || wording.get()
                    on:input=move |ev| wording.set(event_target_value(&ev))
                ></textarea>
                <div class="diff-preview" aria-live="polite">
                    <span class="diff-label">{t("composer.diff")}</span>
                    {
                        let current = current.clone();
                        move || view! { <DiffView parts=word_diff(&current, &wording.get()) /> }
                    }
                </div>
            </Show>
            <MentionField
                field_id=field.clone()
                label=Signal::derive(move || {
                    let key = if kind.get() == RemarkKind::Proposal {
                        "composer.rationale"
                    } else {
                        "composer.body"
                    };
                    locale.get().text(key, &[])
                })
                value=body
                mentions=mentions
                on_typing=Callback::new(move |typing: bool| live.announce(Some(&typing_clause), typing))
                autofocus=true
            />
            <p class="hint">{t("composer.markdown_hint")}</p>
            {was_restored.then(|| view! { <p class="draft-restored" data-testid="draft-restored">{t("device.draft_restored")}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="submit" class="primary">{t("composer.submit")}</button>
                <button type="button" on:click=move |_| { forget_on_cancel(); on_done.run(()) }>{t("remark.cancel")}</button>
            </div>
        </form>
    }
}

/// Moves focus to the remark just written, once its card is in the page: the writer goes on
/// from what they wrote, not from the top of the page.
fn focus_remark(id: String) {
    use wasm_bindgen::JsCast;
    let selector = format!("li.remark[data-remark=\"{id}\"]");
    gloo_timers::callback::Timeout::new(0, move || {
        let found = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = found {
            el.set_tab_index(-1);
            let _ = el.focus();
        }
    })
    .forget();
}
