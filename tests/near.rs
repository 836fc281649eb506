//! The first screen of an agreement built piecemeal (near.rs), in a real browser (headless
//! Chromium via wasm-bindgen-test): whoever waits for it to be drawn (the interactive parts'
//! file) is told only once the remarks of the clauses near the screen are built.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use leptos::prelude::*;
use samrad::components::clause_card::ClauseCard;
use samrad::i18n::{provide_i18n_context, Locale};
use samrad::live::{provide_live_context, Live};
use samrad::near::{provide_near_context, when_near_built, EAGER_THREADS};
use samrad_domain::demo;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const T0: f64 = 1_800_000_000_000.0;

#[wasm_bindgen_test]
async fn the_first_screen_counts_as_built_once_the_near_clauses_remarks_are() {
    let agreement = demo::agreement(9, T0).expect("demo");
    let people = demo::participants();
    let clauses: Vec<String> = agreement
        .chapters()
        .into_iter()
        .flat_map(|c| c.clauses.into_iter().map(|c| c.id))
        .collect();
    for i in 0..=EAGER_THREADS {
        agreement
            .add_remark(
                &clauses[i % clauses.len()],
                &people[1 + i % 2],
                &format!("Synpunkt nummer {i}"),
                T0 + i as f64,
            )
            .expect("remark");
    }
    assert!(agreement.thread_count() > EAGER_THREADS, "built piecemeal");
    let live = Live::new(agreement, people[1].clone());
    let el = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&el).unwrap();
    let ids = clauses.clone();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_i18n_context(Locale::Sv);
        provide_live_context(live);
        provide_near_context();
        ids.iter()
            .map(|id| view! { <ClauseCard id=id.clone() /> })
            .collect_view()
    });
    // As the app asks (signed_in.rs): from the frame after the agreement is in the page.
    let seen = Rc::new(Cell::new(None::<(u32, u32)>));
    let told = seen.clone();
    let page = el.clone();
    request_animation_frame(move || {
        when_near_built(move || {
            let first = page.query_selector("article.clause").unwrap().unwrap();
            let first_remarks = first.query_selector_all("li.remark").unwrap().length();
            let built = page
                .query_selector_all("article.clause .remarks")
                .unwrap()
                .length();
            told.set(Some((first_remarks, built)));
        })
    });
    for _ in 0..150 {
        if seen.get().is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    let (first_remarks, built) = seen.get().expect("told within 3 s");
    assert!(
        first_remarks > 0,
        "the first clause's remarks are built when the first screen counts as built"
    );
    assert!(
        (built as usize) < clauses.len(),
        "only the clauses near the screen are built ({built} of {})",
        clauses.len()
    );
}
