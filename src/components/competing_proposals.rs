//! Competing proposals — open proposals whose ranges overlap — side by side: one column per
//! proposal with the contested wording's word diff as the proposal would make it, its author
//! and its support, so a reference group can compare them at a glance.

use crate::components::diff_view::DiffView;
use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn CompetingProposals(clause: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let groups = Memo::new(move |_| {
        let keys = [
            Change::Text(clause.clone()),
            Change::Remarks(clause.clone()),
        ];
        live.read(keys, |a| a.competing_proposals(&clause))
    });
    move || {
        groups
            .get()
            .into_iter()
            .map(|group| {
                let target = group.wording;
                let short: String = if target.chars().count() > 80 {
                    format!("{} …", target.chars().take(80).collect::<String>())
                } else {
                    target.clone()
                };
                let heading = locale.get().text("proposal.competing", &[("quote", &short)]);
                view! {
                    <section class="competing" aria-label=heading.clone()>
                        <h4>{heading.clone()}</h4>
                        <div class="columns">
                            {group
                                .proposals
                                .into_iter()
                                .zip(group.readings)
                                .map(|(r, reading)| {
                                    let id = r.id.clone();
                                    let support = move || {
                                        let count = live.read([Change::Support(id.clone())], |a| a.support_count(&id));
                                        locale.get().format(
                                            "proposal.support_summary",
                                            &[("for", count.for_.into()), ("against", count.against.into())],
                                        )
                                    };
                                    let who = format!("{} ({})", r.author_name, r.organisation);
                                    view! {
                                        <div class="column">
                                            <p class="who">{who}</p>
                                            <DiffView parts=samrad_domain::word_diff(&target, &reading) />
                                            <p class="support-summary">{support}</p>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </section>
                }
            })
            .collect_view()
    }
}
