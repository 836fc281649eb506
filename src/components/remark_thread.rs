//! A remark as a card: who, when, what kind, the quoted text, the remark (Markdown, sanitised),
//! a proposal's word diff with support and opposition, the coordinators' disposition, the
//! author's own edit and withdraw, and the replies with a reply field that offers @mentions.
//! Replies re-render on their own, so a reader typing a reply keeps the draft while others
//! answer in the same thread.

use crate::components::diff_view::DiffView;
use crate::components::mention_field::MentionField;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::markdown::to_safe_html;
use leptos::prelude::*;
use samrad_domain::{may, Action, AnchorState, DispositionValue, Remark, RemarkKind, Support};

fn kind_key(kind: RemarkKind) -> &'static str {
    match kind {
        RemarkKind::Comment => "kind.comment",
        RemarkKind::Question => "kind.question",
        RemarkKind::Proposal => "kind.proposal",
    }
}

fn disposition_key(value: DispositionValue) -> &'static str {
    match value {
        DispositionValue::Accepted => "disposition.accepted",
        DispositionValue::PartlyAccepted => "disposition.partly_accepted",
        DispositionValue::Rejected => "disposition.rejected",
        DispositionValue::Noted => "disposition.noted",
        DispositionValue::Answered => "disposition.answered",
    }
}

#[component]
pub fn RemarkThread(id: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let remark = {
        let id = id.clone();
        Memo::new(move |_| live.read(|a| a.remark(&id)))
    };
    let Some(first) = remark.get_untracked() else {
        return ().into_any();
    };
    let me = live.me();
    let clause = first.clause.clone();
    let (replying, set_replying) = signal(false);
    let reply_body = RwSignal::new(String::new());
    let reply_mentions = RwSignal::new(Vec::<String>::new());
    let reply_error = RwSignal::new(None::<String>);
    let reply_label = Signal::derive({
        let name = first.author_name.clone();
        move || locale.get().text("remark.reply_label", &[("name", &name)])
    });
    let send_reply = {
        let id = id.clone();
        let clause = clause.clone();
        Callback::new(move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = reply_body.get_untracked();
            let mentions = reply_mentions.get_untracked();
            let now = js_sys::Date::now();
            match live.write(|a, me| a.reply_mentioning(&id, me, &body, &mentions, now)) {
                Ok(_) => {
                    reply_body.set(String::new());
                    reply_mentions.set(Vec::new());
                    reply_error.set(None);
                    set_replying.set(false);
                    live.announce(Some(&clause), false);
                }
                Err(e) => reply_error.set(Some(locale.get_untracked().error(&e))),
            }
        })
    };
    let replies = move || remark.get().map(|r| r.replies).unwrap_or_default();
    let may_reply = move || live.read(|a| may(me.role, a.phase(), Action::Reply));
    let data_remark = id.clone();
    let reply_field = StoredValue::new(format!("reply-{id}"));
    let typing = Callback::new({
        let c = clause.clone();
        move |typing: bool| live.announce(Some(&c), typing)
    });
    let dom_id = format!("remark-{id}");
    view! {
        <li class="remark" id=dom_id data-remark=data_remark data-kind=first.kind.key()>
            {move || remark.get().map(|r| view! { <RemarkCard remark=r /> })}
            <ol class="replies">
                <For
                    each=replies
                    key=|r| (r.id.clone(), r.body.clone(), r.withdrawn)
                    children=|r| {
                        let data = r.id.clone();
                        view! {
                            <li class="reply" data-remark=data>
                                <RemarkCard remark=r />
                            </li>
                        }
                    }
                />
            </ol>
            <Show when=may_reply>
                <Show
                    when=move || replying.get()
                    fallback=move || {
                        view! {
                            <button class="link-button" data-action="reply" on:click=move |_| set_replying.set(true)>
                                {t("remark.reply_open")}
                            </button>
                        }
                    }
                >
                    <form class="reply-form" on:submit=move |ev| send_reply.run(ev)>
                        <MentionField
                            field_id=reply_field.get_value()
                            label=reply_label
                            value=reply_body
                            mentions=reply_mentions
                            on_typing=typing
                            autofocus=true
                        />
                        {move || reply_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                        <div class="actions">
                            <button type="submit" class="primary">{t("remark.reply_submit")}</button>
                            <button type="button" on:click=move |_| set_replying.set(false)>
                                {t("remark.cancel")}
                            </button>
                        </div>
                    </form>
                </Show>
            </Show>
        </li>
    }
    .into_any()
}

/// One remark or reply: header, quote, text, proposal, disposition and the actions on it.
#[component]
fn RemarkCard(remark: Remark) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let when = remark.created_ms;
    let mine = remark.author == me.id;
    let is_reply = remark.parent.is_some();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(remark.body.clone());
    let error = RwSignal::new(None::<String>);
    let id = remark.id.clone();
    let id_for_save = remark.id.clone();
    let phase = live.read(|a| a.phase());
    let html = to_safe_html(&remark.body);
    // An accepted proposal's quoted words were replaced by its own wording: say so, rather
    // than that the text was removed.
    let accepted = remark.kind == RemarkKind::Proposal
        && remark.disposition.as_ref().map(|d| d.value) == Some(DispositionValue::Accepted);
    let quote = remark.anchor.clone().map(|a| {
        let orphaned = a.state == AnchorState::Orphaned;
        let note = if accepted {
            "remark.accepted_into_text"
        } else {
            "remark.orphaned"
        };
        view! {
            <blockquote class="quote" class:orphaned=orphaned>
                {a.quote}
                {orphaned.then(|| view! { <span class="orphan-note">" "{t(note)}</span> })}
            </blockquote>
        }
    });
    let proposal = (remark.kind == RemarkKind::Proposal).then(|| {
        let id = remark.id.clone();
        let wording = remark.proposed_text.clone().unwrap_or_default();
        let diff = move || live.read(|a| a.proposal_diff(&id).ok());
        view! {
            <div class="proposal">
                <span class="proposal-label">{t("proposal.label")}</span>
                {move || match diff() {
                    Some(parts) => view! { <DiffView parts=parts /> }.into_any(),
                    None => view! { <p class="diff">{wording.clone()}</p> }.into_any(),
                }}
            </div>
        }
    });
    let support = (remark.kind == RemarkKind::Proposal && !remark.withdrawn).then(|| {
        let id = remark.id.clone();
        view! { <SupportButtons proposal=id /> }
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
    let coordinator = (!is_reply && !remark.withdrawn && may(me.role, phase, Action::Dispose))
        .then(|| view! { <DispositionForm remark=remark.clone() /> });
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let now = js_sys::Date::now();
            match live.write(|a, me| a.edit_remark(me, &id, &draft.get_untracked(), None, now)) {
                Ok(()) => editing.set(false),
                Err(e) => error.set(Some(locale.get_untracked().error(&e))),
            }
        }
    };
    let withdraw = {
        let id = id.clone();
        move |_| {
            if let Err(e) = live.write(|a, me| a.withdraw_remark(me, &id)) {
                error.set(Some(locale.get_untracked().error(&e)));
            }
        }
    };
    let edit_field = format!("edit-{id}");
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
                    let html = html.clone();
                    move || view! { <div class="remark-body" inner_html=html.clone()></div> }
                }
            >
                <form class="edit-form" on:submit=save.clone()>
                    <label for=edit_field.clone()>{t("remark.edit_label")}</label>
                    <textarea
                        id=edit_field.clone()
                        rows="3"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    ></textarea>
                    <div class="actions">
                        <button type="submit" class="primary">{t("remark.save")}</button>
                        <button type="button" on:click=move |_| editing.set(false)>{t("remark.cancel")}</button>
                    </div>
                </form>
            </Show>
            {proposal}
            {support}
            {disposition}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {(mine && !remark.withdrawn)
                .then(|| {
                    view! {
                        <div class="own-actions">
                            <button type="button" class="link-button" data-action="edit" on:click=move |_| editing.set(true)>
                                {t("remark.edit")}
                            </button>
                            <button type="button" class="link-button" on:click=withdraw.clone()>
                                {t("remark.withdraw")}
                            </button>
                        </div>
                    }
                })}
            {coordinator}
        </article>
    }
}

/// Support and oppose a proposal, with the counts.
#[component]
fn SupportButtons(proposal: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let me = live.me();
    let id = proposal.clone();
    let count = Memo::new(move |_| live.read(|a| a.support_count(&id)));
    let id = proposal.clone();
    let me_id = me.id.clone();
    let mine = move || live.read(|a| a.support_of(&id, &me_id));
    let allowed = live.read(|a| may(me.role, a.phase(), Action::Support));
    let set = {
        let proposal = proposal.clone();
        move |choice: Support| {
            let current = live.read(|a| a.support_of(&proposal, &live.me().id));
            let next = (current != Some(choice)).then_some(choice);
            let _ = live.write(|a, me| a.set_support(me, &proposal, next));
        }
    };
    let set_for = set.clone();
    let mine_for = mine.clone();
    view! {
        <div class="support" role="group" aria-label=move || locale.get().text("support.label", &[])>
            <button
                type="button"
                class="support-for"
                aria-pressed=move || (mine_for() == Some(Support::For)).to_string()
                disabled=!allowed
                on:click=move |_| set_for(Support::For)
            >
                {move || locale.get().text("support.for", &[("count", &count.get().for_.to_string())])}
            </button>
            <button
                type="button"
                class="support-against"
                aria-pressed=move || (mine() == Some(Support::Against)).to_string()
                disabled=!allowed
                on:click=move |_| set(Support::Against)
            >
                {move || locale.get().text("support.against", &[("count", &count.get().against.to_string())])}
            </button>
        </div>
    }
}

/// The coordinators' disposition of a remark, and accepting a proposal into the text.
#[component]
fn DispositionForm(remark: Remark) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let value = RwSignal::new(
        remark
            .disposition
            .as_ref()
            .map(|d| d.value)
            .unwrap_or(DispositionValue::Noted),
    );
    let motivation = RwSignal::new(
        remark
            .disposition
            .as_ref()
            .map(|d| d.motivation.clone())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let id = remark.id.clone();
    let select_id = format!("disposition-{id}");
    let motivation_id = format!("motivation-{id}");
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let now = js_sys::Date::now();
            let result = live.write(|a, me| {
                a.set_disposition(
                    me,
                    &id,
                    value.get_untracked(),
                    &motivation.get_untracked(),
                    now,
                )
            });
            error.set(result.err().map(|e| locale.get_untracked().error(&e)));
        }
    };
    // Accepted once, the wording is in the text; a second acceptance is refused by the domain.
    let accepted = remark.disposition.as_ref().map(|d| d.value) == Some(DispositionValue::Accepted);
    let can_accept = remark.kind == RemarkKind::Proposal
        && !accepted
        && live.read(|a| may(live.me().role, a.phase(), Action::EditText));
    let accept = {
        let id = id.clone();
        move |_| {
            let now = js_sys::Date::now();
            let result =
                live.write(|a, me| a.accept_proposal(me, &id, &motivation.get_untracked(), now));
            error.set(result.err().map(|e| locale.get_untracked().error(&e)));
        }
    };
    view! {
        <details class="disposition-form">
            <summary>{t("disposition.give")}</summary>
            <form on:submit=save>
                <label for=select_id.clone()>{t("disposition.label")}</label>
                <select
                    id=select_id.clone()
                    on:change=move |ev| {
                        if let Some(v) = DispositionValue::from_key(&event_target_value(&ev)) {
                            value.set(v);
                        }
                    }
                >
                    {DispositionValue::ALL
                        .into_iter()
                        .map(|v| {
                            view! {
                                <option value=v.key() selected=move || value.get() == v>
                                    {t(disposition_key(v))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for=motivation_id.clone()>{t("disposition.motivation")}</label>
                <textarea
                    id=motivation_id.clone()
                    rows="2"
                    prop:value=move || motivation.get()
                    on:input=move |ev| motivation.set(event_target_value(&ev))
                ></textarea>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit">{t("disposition.save")}</button>
                    {can_accept
                        .then(|| {
                            view! {
                                <button type="button" class="primary" on:click=accept.clone()>
                                    {t("proposal.accept")}
                                </button>
                            }
                        })}
                </div>
            </form>
        </details>
    }
}
