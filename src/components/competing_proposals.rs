//! Competing proposals on the same wording, side by side: one column per proposal with its
//! word diff, its author and its support, so a reference group can compare them at a glance.

use crate::components::diff_view::DiffView;
use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{AnchorState, RemarkKind};

/// A proposal in a comparison: (remark id, "author (organisation)", proposed wording).
type Entry = (String, String, String);

#[component]
pub fn CompetingProposals(clause: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let groups = Memo::new(move |_| {
        live.read(|a| {
            let mut groups: Vec<(String, Vec<Entry>)> = Vec::new();
            for r in a.remarks_of(&clause) {
                if r.kind != RemarkKind::Proposal || r.withdrawn {
                    continue;
                }
                // Proposals compete when they replace the same wording as it reads now.
                let target = match &r.anchor {
                    None => a.clause(&clause).map(|c| c.text).unwrap_or_default(),
                    Some(anchor) => match &anchor.state {
                        AnchorState::Attached { text, .. } => text.clone(),
                        AnchorState::Orphaned => continue,
                    },
                };
                let who = format!("{} ({})", r.author_name, r.organisation);
                match groups.iter_mut().find(|(t, _)| *t == target) {
                    Some((_, list)) => {
                        list.push((r.id.clone(), who, r.proposed_text.unwrap_or_default()))
                    }
                    None => groups.push((
                        target,
                        vec![(r.id.clone(), who, r.proposed_text.unwrap_or_default())],
                    )),
                }
            }
            groups.retain(|(_, list)| list.len() > 1);
            groups
        })
    });
    move || {
        groups
            .get()
            .into_iter()
            .map(|(target, list)| {
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
                            {list
                                .into_iter()
                                .map(|(id, who, wording)| {
                                    let count = live.read(|a| a.support_count(&id));
                                    let support = locale.get().format(
                                        "proposal.support_summary",
                                        &[("for", count.for_.into()), ("against", count.against.into())],
                                    );
                                    view! {
                                        <div class="column">
                                            <p class="who">{who}</p>
                                            <DiffView parts=samrad_domain::word_diff(&target, &wording) />
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
