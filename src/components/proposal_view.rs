//! A proposal's wording on its card, as it stands against the text: decided ("brought into the
//! text on <date>", with the wording it brought in), written on earlier wording (its diff
//! against the wording its author saw, and for its author a way to write it again on the
//! current text), or open (its diff against the wording now).

use crate::components::diff_view::DiffView;
use crate::format;
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{Action, Change, ProposalStanding, Remark};

#[component]
pub fn ProposalView(remark: Remark) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let id = remark.id.clone();
    let keys = {
        let (clause, id) = (remark.clause.clone(), remark.id.clone());
        move || [Change::Text(clause.clone()), Change::Remark(id.clone())]
    };
    let standing = Memo::new(move |_| live.read(keys(), |a| a.proposal_standing(&id).ok()));
    let mine = remark.author == live.me().id && !remark.withdrawn;
    let error = RwSignal::new(None::<String>);
    let rebase = {
        let id = remark.id.clone();
        move |_| {
            let now = js_sys::Date::now();
            // The write's code is in the interactive parts' file (writes.rs).
            let rebase =
                crate::writes::rebase_proposal(live, locale.get_untracked(), id.clone(), now);
            leptos::task::spawn_local(async move {
                if let Err(e) = rebase.await {
                    error.set(Some(e));
                }
            });
        }
    };
    let wording = remark.proposed_text.clone().unwrap_or_default();
    view! {
        <div class="proposal">
            {move || match standing.get() {
                Some(ProposalStanding::Accepted { at_ms, wording }) => {
                    let l = locale.get();
                    let when = l.text("meeting.proposal.accepted", &[("date", &format::date_time(at_ms, l))]);
                    view! {
                        <div class="proposal-decided" data-standing="accepted">
                            <span class="proposal-label">{when}</span>
                            <p class="diff">{wording}</p>
                        </div>
                    }
                    .into_any()
                }
                Some(ProposalStanding::Outdated { diff, .. }) => {
                    let rebase = rebase.clone();
                    view! {
                        <div class="proposal-outdated" data-standing="outdated">
                            <span class="proposal-label">{t("meeting.proposal.outdated")}</span>
                            <DiffView parts=diff />
                            {(mine && live.may(Action::Propose)).then(|| view! {
                                <button type="button" class="link-button" data-action="rebase" on:click=rebase>
                                    {t("meeting.proposal.rebase")}
                                </button>
                            })}
                        </div>
                    }
                    .into_any()
                }
                Some(ProposalStanding::Open(parts)) => view! {
                    <span class="proposal-label">{t("proposal.label")}</span>
                    <DiffView parts=parts />
                }
                .into_any(),
                None => view! {
                    <span class="proposal-label">{t("proposal.label")}</span>
                    <p class="diff">{wording.clone()}</p>
                }
                .into_any(),
            }}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
