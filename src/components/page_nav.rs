//! The agreement's pages, as links with their own addresses; the current one is marked
//! (`aria-current="page"`). Coordinators also see the pages only they work on.

use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use crate::session::use_agreement;
use leptos::prelude::*;
use leptos_router::components::A;
use samrad_domain::Role;

#[component]
pub fn PageNav() -> impl IntoView {
    let agreement = use_agreement();
    let locale = use_i18n();
    let coordinates = use_live().me().role == Role::Coordinator;
    let page = move |page: &str| agreement.page(page);
    view! {
        <nav class="page-nav" aria-label=move || locale.get().text("nav.label", &[])>
            <A href=page("") exact=true>{t("nav.agreement")}</A>
            <A href=page("versions")>{t("nav.versions")}</A>
            <A href=page("compare")>{t("nav.compare")}</A>
            <A href=page("remiss")>{t("nav.remiss")}</A>
            <A href=page("matrix")>{t("nav.matrix")}</A>
            {coordinates.then(|| view! { <A href=page("compilation")>{t("nav.compilation")}</A> })}
            <A href=page("print")>{t("nav.print")}</A>
        </nav>
    }
}
