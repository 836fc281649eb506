//! One clause: its wording, the remarks on it and a form for a new remark.

use crate::components::remark_form::RemarkForm;
use crate::components::remark_thread::RemarkThread;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;

#[component]
pub fn ClauseCard(id: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let clause = {
        let id = id.clone();
        move || live.read(|a| a.clause(&id))
    };
    let remark_ids = {
        let id = id.clone();
        move || {
            live.read(|a| {
                a.remarks_of(&id)
                    .into_iter()
                    .map(|r| r.id)
                    .collect::<Vec<_>>()
            })
        }
    };
    let number = {
        let clause = clause.clone();
        move || clause().map(|c| c.number).unwrap_or_default()
    };
    let form_label = Signal::derive({
        let number = number.clone();
        move || {
            locale
                .get()
                .text("remark.add_label", &[("number", &number())])
        }
    });
    let submit = {
        let id = id.clone();
        Callback::new(move |body: String| {
            let now = js_sys::Date::now();
            live.write(|a, me| a.add_remark(&id, me, &body, now))
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    };
    let heading_id = format!("clause-heading-{id}");
    let clause_text = clause.clone();
    let labelled_by = heading_id.clone();
    let article_id = format!("clause-{id}");
    let field_id = format!("remark-new-{id}");
    let data_clause = number.clone();
    view! {
        <article class="clause" id=article_id data-clause=data_clause aria-labelledby=labelled_by>
            <h3 id=heading_id>
                <span class="clause-number">{number.clone()}</span>
                " "
                {move || clause().map(|c| c.heading).unwrap_or_default()}
            </h3>
            <p class="clause-text">{move || clause_text().map(|c| c.text).unwrap_or_default()}</p>
            <section class="remarks" aria-label=t("clause.remarks")>
                <Show
                    when={
                        let remark_ids = remark_ids.clone();
                        move || !remark_ids().is_empty()
                    }
                    fallback=|| view! { <p class="empty">{t("clause.no_remarks")}</p> }
                >
                    <ol class="remark-list">
                        <For
                            each=remark_ids.clone()
                            key=|id| id.clone()
                            children=|id| view! { <RemarkThread id=id /> }
                        />
                    </ol>
                </Show>
                <RemarkForm
                    field_id=field_id
                    label=form_label
                    submit_key="remark.add_submit"
                    on_submit=submit
                />
            </section>
        </article>
    }
}
