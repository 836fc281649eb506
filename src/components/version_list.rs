//! The named versions, newest first: who cut each and when, the note, and what can be done
//! with it — read it, compare it with the next one or with now, take it out in Word.

use crate::components::version_approvals::VersionApprovals;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::session::use_agreement;
use leptos::prelude::*;
use leptos_router::components::A;
use samrad_domain::{Change, Version};

#[component]
pub fn VersionList() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    // Kept in a stored value so the row builder stays `Copy` inside the list's closures.
    let agreement = StoredValue::new(use_agreement());
    let versions = Memo::new(move |_| {
        live.read([Change::Versions], |a| {
            let mut all = a.versions();
            all.reverse();
            all
        })
    });
    // Each chapter's approval, read with the outline; a version shows those standing at its cut.
    let approvals = Memo::new(move |_| {
        live.read([Change::Outline], |a| {
            a.outline()
                .into_iter()
                .map(|c| (c.number.clone(), a.chapter_approval(&c.id)))
                .collect::<Vec<_>>()
        })
    });
    let name_of = move |id: &str| {
        live.read([Change::Participants], |a| {
            a.participant(id)
                .map(|p| format!("{}, {}", p.name, p.organisation))
        })
        .unwrap_or_else(|| id.to_string())
    };
    let row = move |(v, next): (Version, Option<Version>)| {
        let by = name_of(&v.by);
        let read = agreement.with_value(|a| a.page(&format!("versions/{}", v.id)));
        let compare = format!(
            "{}?from={}&to={}",
            agreement.with_value(|a| a.page("compare")),
            v.id,
            next.as_ref().map_or("now", |n| n.id.as_str())
        );
        let next_name = next.map(|n| n.name);
        let compare_label = move || match &next_name {
            Some(n) => locale.get().text("versions.compare_with", &[("name", n)]),
            None => locale.get().text("versions.compare_now", &[]),
        };
        let docx = format!(
            "/api/agreements/{}/versions/{}/docx",
            agreement.with_value(|a| a.id.clone()),
            v.id
        );
        let lang = move || locale.get().code();
        let when = v.created_ms;
        view! {
            <li class="version-item">
                <h3 class="version-name">{v.name.clone()}</h3>
                <p class="version-meta">
                    {move || locale.get().text("versions.cut_by", &[("name", &by)])}
                    " · "
                    <time datetime=format::iso(when)>{move || format::date_time(when, locale.get())}</time>
                </p>
                {v.note.clone().map(|n| view! { <p class="version-note">{n}</p> })}
                <VersionApprovals chapters=approvals cut_ms=when />
                <p class="version-actions ui">
                    <A href=read>{t("versions.read")}</A>
                    <A href=compare>{compare_label}</A>
                    <a href=move || format!("{docx}?lang={}", lang()) download rel="external">
                        {t("versions.docx")}
                    </a>
                </p>
            </li>
        }
    };
    view! {
        <section class="version-list" aria-labelledby="version-list-title">
            <h2 id="version-list-title">{t("versions.list_title")}</h2>
            <Show
                when=move || versions.with(|v| !v.is_empty())
                fallback=|| view! { <p class="empty">{t("versions.none")}</p> }
            >
                <ol class="versions">
                    {move || {
                        let all = versions.get();
                        // Newest first: each version compares with the one after it, the
                        // newest with the text as it reads now.
                        let pairs: Vec<_> = all
                            .iter()
                            .enumerate()
                            .map(|(i, v)| (v.clone(), i.checked_sub(1).map(|j| all[j].clone())))
                            .collect();
                        pairs.into_iter().map(row).collect_view()
                    }}
                </ol>
            </Show>
        </section>
    }
}
