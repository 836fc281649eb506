//! Writing the server did not take, handed back: after a refusal the replica is loaded afresh
//! (see `live/socket.rs`), and each remark, reply, edit, support or stance of the reader's that
//! the server lacks is listed here with its text, to send again — through the same checks as
//! when it was first written — or to discard. Nothing the reader typed disappears unseen.

use crate::i18n::{t, use_i18n, Locale};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Support, Unsaved};

/// The heading of one item: what it was and on which clause.
fn label(locale: Locale, item: &Unsaved, number: &str) -> String {
    let key = match item {
        Unsaved::Support {
            support: Some(Support::For),
            ..
        } => "unsaved.kind.support".to_string(),
        Unsaved::Support {
            support: Some(Support::Against),
            ..
        } => "unsaved.kind.opposition".to_string(),
        Unsaved::Support { support: None, .. } => "unsaved.kind.support_cleared".to_string(),
        other => format!("unsaved.kind.{}", other.key()),
    };
    let value = match item {
        Unsaved::Stance { value, .. } => locale.text(&format!("stance.{}", value.key()), &[]),
        _ => String::new(),
    };
    locale.text(&key, &[("number", number), ("value", &value)])
}

#[component]
pub fn UnsavedPanel() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let returned = live.returned;
    let status = RwSignal::new(String::new());
    let items = move || returned.with(|r| r.items.clone());
    // The server words its refusals in English, for whoever keeps it running: offered as a
    // technical detail, marked as English, behind a summary in the reader's language.
    let reason = move || {
        let reason = returned.with(|r| r.reason.clone());
        (!reason.is_empty()).then(|| {
            view! {
                <details class="unsaved-reason">
                    <summary>{t("unsaved.reason")}</summary>
                    <code lang="en">{reason}</code>
                </details>
            }
        })
    };
    let item_view = move |(key, item): (u64, Unsaved)| {
        let error = RwSignal::new(None::<String>);
        let clause = item.clause().to_string();
        let heading_id = format!("unsaved-{key}");
        let heading = {
            let item = item.clone();
            // Read as the replica fills: a list restored on page load comes before the text.
            move || {
                let number = live.read([Change::Outline], |a| {
                    a.heading(&clause).map(|c| c.number).unwrap_or_default()
                });
                label(locale.get(), &item, &number)
            }
        };
        let (quote, proposal_body, replies) = match &item {
            Unsaved::Remark {
                quote,
                body,
                proposed_text: Some(_),
                replies,
                ..
            } => (quote.clone(), Some(body.clone()), replies.clone()),
            Unsaved::Remark { quote, replies, .. } => (quote.clone(), None, replies.clone()),
            _ => (None, None, Vec::new()),
        };
        let text = item.text().map(str::to_string);
        let send = move |_| match live.post_again(key) {
            Ok(()) => status.set(locale.get_untracked().text("unsaved.posted", &[])),
            Err(e) => error.set(Some(locale.get_untracked().error(&e))),
        };
        let discard = move |_| live.discard(key);
        let (labelled, described_send, described_discard) =
            (heading_id.clone(), heading_id.clone(), heading_id.clone());
        view! {
            <li class="unsaved-item" aria-labelledby=labelled data-testid="unsaved-item">
                <h3 id=heading_id>{heading}</h3>
                {quote
                    .map(|q| {
                        view! {
                            <p class="unsaved-quote">
                                <span class="unsaved-caption">{t("unsaved.quote")}</span>
                                " "
                                <q>{q}</q>
                            </p>
                        }
                    })}
                {text.filter(|s| !s.is_empty()).map(|s| view! { <p class="unsaved-text">{s}</p> })}
                {proposal_body
                    .filter(|s| !s.is_empty())
                    .map(|s| view! { <p class="unsaved-text unsaved-rationale">{s}</p> })}
                {replies
                    .into_iter()
                    .map(|r| {
                        view! {
                            <p class="unsaved-reply">
                                <span class="unsaved-caption">{t("unsaved.reply")}</span>
                                " "
                                {r.body}
                            </p>
                        }
                    })
                    .collect_view()}
                <div class="unsaved-actions">
                    <button type="button" on:click=send aria-describedby=described_send>
                        {t("unsaved.send_again")}
                    </button>
                    <button type="button" class="danger" on:click=discard aria-describedby=described_discard>
                        {t("unsaved.discard")}
                    </button>
                </div>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </li>
        }
    };
    view! {
        <Show when=move || !returned.with(|r| r.items.is_empty())>
            <section
                id="unsaved"
                tabindex="-1"
                class="unsaved-panel"
                aria-labelledby="unsaved-title"
                data-testid="unsaved"
            >
                <h2 id="unsaved-title">{t("unsaved.title")}</h2>
                <p role="alert">{t("unsaved.intro")}</p>
                {reason}
                <ul class="unsaved-list">
                    <For each=items key=|(key, _)| *key children=item_view />
                </ul>
            </section>
        </Show>
        <p class="visually-hidden" role="status">{move || status.get()}</p>
    }
}
