//! Chapter approvals on the remiss page: how many chapters are approved, every chapter's
//! approval or that it has none yet, and for coordinators a form to record one (a chapter or
//! a range) and a way to reopen an approved chapter with a reason.

use crate::components::approval_badge::ApprovalBadge;
use crate::components::approval_form::ApprovalForm;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Role};

#[component]
pub fn ApprovalsSection() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let manages = live.me().role == Role::Coordinator;
    let outline = Memo::new(move |_| live.read([Change::Outline], |a| a.outline()));
    let reasons = RwSignal::new(std::collections::HashMap::<String, String>::new());
    let error = RwSignal::new(None::<String>);
    let reopen = move |chapter: String| {
        let reason = reasons.with_untracked(|r| r.get(&chapter).cloned().unwrap_or_default());
        let result =
            live.write(|a, me| a.reopen_chapter(me, &chapter, &reason, js_sys::Date::now()));
        error.set(result.err().map(|e| locale.get_untracked().error(&e)));
    };
    let summary = move || {
        let (approved, total) = live.read([Change::Outline], |a| {
            let outline = a.outline();
            let approved = outline
                .iter()
                .filter(|c| a.chapter_approval(&c.id).is_some_and(|x| x.locks()))
                .count();
            (approved, outline.len())
        });
        locale.get().text_n(
            "approval.summary",
            approved,
            &[("total", &total.to_string())],
        )
    };
    let row = move |id: String, name: String| {
        // Stored values keep the row's closures `Fn` (the reopen control shows and hides).
        let chapter = StoredValue::new(id.clone());
        let label = StoredValue::new(name.clone());
        let locked = move || {
            live.read([Change::Outline], |a| {
                chapter.with_value(|c| a.chapter_approval(c).is_some_and(|x| x.locks()))
            })
        };
        let reopen_control = move || {
            let input = chapter.with_value(|c| format!("reopen-{c}"));
            view! {
                <div class="reopen ui">
                    <label for=input.clone()>
                        {move || label.with_value(|n| locale.get().text("approval.reopen_reason", &[("chapter", n)]))}
                    </label>
                    <input
                        id=input
                        type="text"
                        maxlength="500"
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            reasons.update(|r| {
                                r.insert(chapter.get_value(), v);
                            });
                        }
                    />
                    <button type="button" on:click=move |_| reopen(chapter.get_value())>
                        {t("approval.reopen")}
                    </button>
                </div>
            }
        };
        view! {
            <li class="approval-row">
                <strong>{name}</strong>
                <ApprovalBadge chapter=id say_none=true />
                {manages.then(|| view! { <Show when=locked>{reopen_control()}</Show> })}
            </li>
        }
    };
    view! {
        <section aria-labelledby="approvals-title" class="approvals">
            <h2 id="approvals-title">{t("approval.title")}</h2>
            <p class="approval-summary" data-testid="approval-summary">{summary}</p>
            <ul class="approval-list">
                {move || outline.get().into_iter().map(|c| row(c.id.clone(), format!("{} {}", c.number, c.title))).collect_view()}
            </ul>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {manages.then(|| view! { <ApprovalForm /> })}
        </section>
    }
}
