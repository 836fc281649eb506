//! The remiss: the phase, the deadline everyone answers by and the days left, the version the
//! answers are compiled against, the later deadlines single organisations were given (and
//! why), and the reader's own when it is one of them. Coordinators send the draft on remiss
//! and grant extensions here.

use crate::components::approvals_section::ApprovalsSection;
use crate::components::deadline_badge::DeadlineBadge;
use crate::components::extension_form::ExtensionForm;
use crate::components::extension_list::ExtensionList;
use crate::components::page_header::PageHeader;
use crate::components::remiss_form::RemissForm;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Change, Phase, Role};

#[component]
pub fn RemissPage() -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let manages = live.me().role == Role::Coordinator;
    let state = Memo::new(move |_| {
        live.read([Change::Meta], |a| {
            (a.phase(), a.deadline(), a.last_consultation())
        })
    });
    // Which version the answers are compiled against, once the text has gone out. Said as
    // that, not as "the text went out as": sent unversioned after a change, the text is not
    // the version's (the confirmation said so).
    let compared = Memo::new(move |_| {
        live.read([Change::Meta, Change::Versions], |a| {
            if a.phase() == Phase::Drafting {
                return None;
            }
            let id = a.presumed_remiss_version()?;
            a.versions()
                .into_iter()
                .find(|v| v.id == id)
                .map(|v| v.name)
        })
    });
    let compared = move || {
        compared.get().map(|name| {
            let said = locale.get().text("remiss.version_compared", &[("name", &name)]);
            view! { <p class="remiss-version-compared" data-testid="remiss-version-compared">{said}</p> }
        })
    };
    let status = move || {
        let (phase, deadline, last) = state.get();
        let locale = locale.get();
        let name = locale.text(&format!("phase.{}", phase.key()), &[]);
        let mut words = locale.text("remiss.phase_now", &[("phase", &name)]);
        // Once a round has ended its deadline is gone: say when it ran instead.
        if let Some((began, Some(ended))) = last.filter(|_| phase != Phase::Consultation) {
            let (began, ended) = (format::date(began, locale), format::date(ended, locale));
            let round = locale.text("remiss.last_round", &[("began", &began), ("ended", &ended)]);
            words = format!("{words} {round}");
        }
        if let Some(d) = deadline {
            let date = format::date(d, locale);
            let days = format::days_left(d, js_sys::Date::now());
            let when = if days < 0 {
                locale.text("remiss.deadline_all_passed", &[("date", &date)])
            } else {
                let left = locale.text_n("deadline.days_left", days as usize, &[]);
                let closes = locale.text("remiss.deadline_all", &[("date", &date)]);
                format!("{closes} {left}")
            };
            words = format!("{words} {when}");
        }
        words
    };
    view! {
        <PageHeader heading="remiss.title" />
        <main id="main" class="page remiss-page">
            <section aria-labelledby="remiss-status-title">
                <h2 id="remiss-status-title">{t("remiss.status_title")}</h2>
                <p class="remiss-status">{status}</p>
                {compared}
                <DeadlineBadge only_extended=true />
            </section>
            {manages.then(|| view! { <RemissForm /> })}
            <section aria-labelledby="extensions-title">
                <h2 id="extensions-title">{t("remiss.extensions_title")}</h2>
                <ExtensionList />
                {manages.then(|| view! { <ExtensionForm /> })}
            </section>
            <ApprovalsSection />
        </main>
    }
}
