//! One clause: its wording with highlighted ranges, the toolbar for a selection, the
//! organisations' stances, the remarks on it (as filtered) and the composer for a new one.

use crate::components::clause_text::{ClauseText, TextSelection};
use crate::components::competing_proposals::CompetingProposals;
use crate::components::composer::{Composer, ComposerSeed};
use crate::components::remark_thread::RemarkThread;
use crate::components::selection_toolbar::SelectionToolbar;
use crate::components::stance_panel::StancePanel;
use crate::filters::{use_filters, Filters};
use crate::i18n::{t, use_i18n};
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::{may, Action, RemarkKind, Target};

#[component]
pub fn ClauseCard(id: String) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let filters = use_filters();
    let me = live.me();
    let clause = {
        let id = id.clone();
        Memo::new(move |_| live.read(|a| a.clause(&id)))
    };
    let remark_ids = {
        let id = id.clone();
        let me_id = me.id.clone();
        Memo::new(move |_| {
            let f: Filters = filters.get();
            let mut filter = f.remark_filter(&me_id);
            filter.clause = Some(id.clone());
            live.read(|a| {
                a.find_remarks(&filter)
                    .into_iter()
                    .map(|r| r.id)
                    .collect::<Vec<_>>()
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
            !remark_ids.get().is_empty()
                || (only_text && live.read(|a| a.search_clauses(&f.text).contains(&id)))
        }
    };
    let selection = RwSignal::new(None::<TextSelection>);
    let seed = RwSignal::new(None::<ComposerSeed>);
    let may_remark = move || live.read(|a| may(me.role, a.phase(), Action::Remark));
    let may_propose = move || live.read(|a| may(me.role, a.phase(), Action::Propose));
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
    let on_clause = move |_| {
        seed.set(Some(ComposerSeed {
            kind: RemarkKind::Comment,
            target: Target::Clause,
            quote: clause.get_untracked().map(|c| c.text).unwrap_or_default(),
        }));
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
    let number = move || clause.get().map(|c| c.number).unwrap_or_default();
    let heading_id = format!("clause-heading-{id}");
    let labelled_by = heading_id.clone();
    let article_id = format!("clause-{id}");
    let here = id.clone();
    let text_id = id.clone();
    let composer_clause = id.clone();
    let stance_clause = id.clone();
    let competing_clause = id.clone();
    view! {
        <article
            class="clause"
            id=article_id
            data-clause=number
            aria-labelledby=labelled_by
            class:hidden=move || !visible()
            on:focusin=move |_| live.announce(Some(&here), false)
        >
            <h3 id=heading_id>
                <span class="clause-number">{number}</span>
                " "
                {move || clause.get().map(|c| c.heading).unwrap_or_default()}
            </h3>
            {move || {
                selection
                    .get()
                    .filter(|_| may_remark())
                    .map(|s| view! { <SelectionToolbar selection=s may_propose=may_propose() on_choose=choose /> })
            }}
            <ClauseText
                clause=text_id
                on_select=Callback::new(move |s: Option<TextSelection>| selection.set(s))
            />
            <StancePanel clause=stance_clause />
            <CompetingProposals clause=competing_clause />
            <section class="remarks" aria-label=move || locale.get().text("clause.remarks", &[])>
                <p class="typing" aria-live="polite">{typing}</p>
                <Show
                    when=move || !remark_ids.get().is_empty()
                    fallback=|| view! { <p class="empty">{t("clause.no_remarks")}</p> }
                >
                    <ol class="remark-list">
                        <For
                            each=move || remark_ids.get()
                            key=|id| id.clone()
                            children=|id| view! { <RemarkThread id=id /> }
                        />
                    </ol>
                </Show>
                {move || match seed.get() {
                    Some(s) => view! {
                        <Composer
                            clause=composer_clause.clone()
                            seed=s
                            on_done=Callback::new(move |_| seed.set(None))
                        />
                    }
                    .into_any(),
                    None => view! {
                        <Show when=may_remark>
                            <button type="button" class="remark-on-clause" on:click=on_clause>
                                {move || locale.get().text("clause.remark_on", &[("number", &number())])}
                            </button>
                        </Show>
                    }
                    .into_any(),
                }}
            </section>
        </article>
    }
}
