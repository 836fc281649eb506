//! The printable document itself: title page, contents and text, read once when opened (a
//! version does not change; the text as it reads now is printed as it stood then).

use crate::components::static_agreement::StaticAgreement;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn PrintDocument(
    /// A version id, or `now`.
    version: String,
    remarks: bool,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let id = (version != "now").then_some(version);
    let text = Memo::new(move |_| {
        live.read([Change::Versions, Change::Outline, Change::Meta], |a| {
            a.version_text(id.as_deref(), remarks)
        })
    });
    move || match text.get() {
        Err(e) => view! { <p class="error" role="alert">{locale.get().error(&e)}</p> }.into_any(),
        Ok(text) => {
            let version = text.version.clone();
            let when = version
                .as_ref()
                .map_or_else(js_sys::Date::now, |v| v.created_ms);
            let version_name = match &version {
                Some(v) => v.name.clone(),
                None => locale.get().text("print.current_text", &[]),
            };
            let contents: Vec<_> = text
                .chapters
                .iter()
                .map(|c| (c.id.clone(), format!("{} {}", c.number, c.title)))
                .collect();
            let remarks = text.remarks.clone();
            view! {
                <article class="print-document">
                    <header class="title-page">
                        <h2 class="print-title">{text.title.clone()}</h2>
                        <p class="print-version">{version_name}</p>
                        <p class="print-date">{format::date(when, locale.get())}</p>
                        {text.case_number.clone().map(|n| view! {
                            <p class="print-case">{t("print.case_number")}": "{n}</p>
                        })}
                    </header>
                    <nav class="print-contents" aria-labelledby="print-contents-title">
                        <h2 id="print-contents-title">{t("print.contents")}</h2>
                        <ol>
                            {contents.into_iter().map(|(id, name)| view! {
                                <li><a href=format!("#static-chapter-{id}")>{name}</a></li>
                            }).collect_view()}
                        </ol>
                    </nav>
                    <div class="static-text">
                        <StaticAgreement chapters=text.chapters.clone() remarks=remarks />
                    </div>
                </article>
            }
            .into_any()
        }
    }
}
