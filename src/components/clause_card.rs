//! One clause: its wording with highlighted ranges, the toolbar for a selection, the
//! organisations' stances, the remarks on it (as filtered) and the composer for a new one.
//!
//! The heading and the wording are always in the page; the stances, competing proposals,
//! remarks and the composer are built once the clause comes near the screen (see near.rs).
//! Everything here follows this clause's keys only.

use crate::components::clause_text::{ClauseText, TextSelection};
use crate::components::competing_proposals::CompetingProposals;
use crate::components::composer::ComposerSeed;
use crate::components::remark_list::RemarkList;
use crate::components::stance_panel::StancePanel;
use crate::filters::{use_filters, Filters};
use crate::i18n::use_i18n;
use crate::live::use_live;
use crate::near::{use_near, EAGER_THREADS};
use leptos::prelude::*;
use samrad_domain::{Action, Change, RemarkKind, Target};

/// Height kept for a clause's remarks before they are built, per thread shown, so the page
/// does not jump much as clauses come near.
const THREAD_HEIGHT_PX: usize = 110;

#[component]
pub fn ClauseCard(id: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let filters = use_filters();
    let me = live.me();
    let heading = {
        let id = id.clone();
        Memo::new(move |_| live.read([Change::Outline], |a| a.heading(&id)))
    };
    let remark_ids = {
        let id = id.clone();
        let me_id = me.id.clone();
        Memo::new(move |_| {
            let f: Filters = filters.get();
            let mut filter = f.remark_filter(&me_id);
            filter.clause = Some(id.clone());
            live.read([Change::Remarks(id.clone())], |a| {
                a.find_remark_ids(&filter)
            })
        })
    };
    let visible = {
        let id = id.clone();
        move || {
            let f = filters.get();
            if !f.active() {
                return true;
            }
            let only_text = Filters {
                text: String::new(),
                ..f.clone()
            } == Filters::default();
            !remark_ids.with(Vec::is_empty)
                || (only_text
                    && live.read([Change::Text(id.clone()), Change::Outline], |a| {
                        a.search_clauses(&f.text).contains(&id)
                    }))
        }
    };
    let article_id = format!("clause-{id}");
    let node = NodeRef::<leptos::html::Article>::new();
    let eager = live.untracked(|a| a.thread_count()) <= EAGER_THREADS;
    let near = use_near(article_id.clone(), node, eager);
    crate::reading::follow_reading(node);
    let selection = RwSignal::new(None::<TextSelection>);
    let seed = RwSignal::new(None::<ComposerSeed>);
    // A remark typed here and not sent is kept on the device: the composer opens with it.
    let draft_key = StoredValue::new(crate::live::ComposerDraft::key(&id));
    let draft_waiting =
        move || seed.with(Option::is_none) && draft_key.with_value(|k| live.has_draft(k));
    let may_remark = move || live.may(Action::Remark);
    let may_propose = move || live.may(Action::Propose);
    let choose = Callback::new(move |kind: RemarkKind| {
        if let Some(s) = selection.get_untracked() {
            seed.set(Some(ComposerSeed {
                kind,
                target: Target::Range {
                    start: s.start,
                    end: s.end,
                },
                quote: s.quote,
            }));
            selection.set(None);
        }
    });
    let on_clause = {
        let id = id.clone();
        Callback::new(move |()| {
            let quote = live.untracked(|a| a.clause(&id).map(|c| c.text).unwrap_or_default());
            seed.set(Some(ComposerSeed {
                kind: RemarkKind::Comment,
                target: Target::Clause,
                quote,
            }));
        })
    };
    let typing = {
        let id = id.clone();
        let me_name = me.name.clone();
        move || {
            let names: Vec<String> = live
                .presence
                .get()
                .into_iter()
                .filter(|p| p.typing.as_deref() == Some(id.as_str()) && p.name != me_name)
                .map(|p| p.name)
                .collect();
            (!names.is_empty()).then(|| {
                locale
                    .get()
                    .text("presence.typing", &[("names", &names.join(", "))])
            })
        }
    };
    let number = move || heading.with(|h| h.as_ref().map(|h| h.number.clone()).unwrap_or_default());
    // Room for the threads to come (as many as a collapsed list shows), untracked: an estimate.
    // Set through the element's style object: the CSP (`style-src 'self'`) refuses a `style`
    // attribute, and each refusal costs a violation report.
    let waiting_height = {
        let threads = live.untracked(|a| a.counts_of(&id).remarks);
        120 + threads.min(crate::components::remark_list::SHOWN) * THREAD_HEIGHT_PX
    };
    let heading_id = format!("clause-heading-{id}");
    let labelled_by = heading_id.clone();
    let here = id.clone();
    let text_id = id.clone();
    let composer_clause = id.clone();
    let near_clause = StoredValue::new(id.clone());
    view! {
        <article
            class="clause"
            id=article_id
            node_ref=node
            data-clause=number
            aria-labelledby=labelled_by
            class:hidden=move || !visible()
            on:focusin=move |_| live.announce(Some(&here), false)
        >
            <h3 id=heading_id>
                <span class="clause-number">{number}</span>
                " "
                {move || heading.with(|h| h.as_ref().map(|h| h.heading.clone()).unwrap_or_default())}
            </h3>
            {move || {
                selection
                    .get()
                    .filter(|_| may_remark())
                    .map(|s| {
                        let may_propose = may_propose();
                        crate::later::part(move || crate::later::selection_toolbar(s.clone(), may_propose, choose))
                    })
            }}
            <ClauseText
                clause=text_id
                near=near
                on_select=Callback::new(move |s: Option<TextSelection>| selection.set(s))
            />
            <Show
                when=move || near.get()
                fallback=move || {
                    view! { <div class="clause-later" style:min-height=format!("{waiting_height}px")></div> }
                }
            >
                {crate::later::quiet_part(move || crate::later::clause_history(near_clause.get_value()))}
                <StancePanel clause=near_clause.get_value() />
                <CompetingProposals clause=near_clause.get_value() />
            </Show>
            <Show when=move || near.get()>
                <section class="remarks" aria-label=move || locale.get().text("clause.remarks", &[])>
                    <p class="typing" aria-live="polite">{typing.clone()}</p>
                    <RemarkList clause=near_clause.get_value() ids=remark_ids />
                    {
                        let composer_clause = composer_clause.clone();
                        move || match seed.get() {
                            Some(s) => {
                                let clause = composer_clause.clone();
                                let on_done = Callback::new(move |_| seed.set(None));
                                crate::later::part(move || crate::later::composer(clause.clone(), s.clone(), on_done))
                                    .into_any()
                            }
                            None => view! {
                                <Show when=may_remark>
                                    <button type="button" class="remark-on-clause" on:click=move |_| on_clause.run(())>
                                        {move || locale.get().text("clause.remark_on", &[("number", &number())])}
                                    </button>
                                    {
                                        let waiting = draft_waiting;
                                        move || waiting().then(|| view! {
                                            <span class="draft-waiting" data-testid="draft-waiting">{crate::i18n::t("device.draft_restored")}</span>
                                        })
                                    }
                                </Show>
                            }
                            .into_any(),
                        }
                    }
                </section>
            </Show>
        </article>
    }
}
