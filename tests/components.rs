//! Component tests in a real browser (headless Chromium via wasm-bindgen-test). Each mounts a
//! component over a real in-memory agreement and checks what a reader would see.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use leptos::prelude::*;
use samrad::components::clause_card::ClauseCard;
use samrad::components::connection_badge::ConnectionBadge;
use samrad::components::date_field::DateField;
use samrad::i18n::{provide_i18n_context, Locale};
use samrad::live::{provide_live_context, ConnectionState, Live};
use samrad_domain::demo;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// English messages, which the app fetches at run time (only Swedish is compiled in).
const ENGLISH: [&str; 2] = [
    include_str!("../locales/en/connection.ftl"),
    include_str!("../locales/en/errors.ftl"),
];

fn container() -> web_sys::HtmlElement {
    let document = document();
    let el = document
        .create_element("div")
        .expect("create div")
        .unchecked_into::<web_sys::HtmlElement>();
    document
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el
}

/// A clause's card for `live`'s reader, in Swedish, mounted for the rest of the test.
fn clause_card(live: Live, clause: &str) -> web_sys::HtmlElement {
    let el = container();
    let id = clause.to_string();
    leptos::mount::mount_to(el.clone(), move || {
        provide_i18n_context(Locale::Sv);
        provide_live_context(live);
        view! { <ClauseCard id=id.clone() /> }
    })
    .forget();
    el
}

/// Sets a field's value as typing would: the value, then an `input` event.
fn type_into(input: &web_sys::HtmlInputElement, value: &str) {
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

async fn tick() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn connection_badge_announces_state_changes_in_the_locale() {
    let el = container();
    let state = RwSignal::new(ConnectionState::Connecting);
    let pending = RwSignal::new(0usize);
    let locale = RwSignal::new(Locale::Sv);
    let refusal = RwSignal::new(None::<String>);
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(locale);
        view! { <ConnectionBadge state=state.into() pending=pending.into() refusal=refusal device_writing=false /> }
    });
    tick().await;
    let badge = el
        .query_selector("[data-testid=connection]")
        .unwrap()
        .unwrap();
    assert_eq!(badge.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(badge.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(badge.text_content().unwrap(), "Ansluter …");
    state.set(ConnectionState::Online);
    tick().await;
    assert_eq!(badge.text_content().unwrap(), "Sparat");
    assert_eq!(badge.get_attribute("data-state").as_deref(), Some("online"));
    pending.set(1);
    tick().await;
    assert_eq!(badge.text_content().unwrap(), "Sparar …");
    state.set(ConnectionState::Offline);
    pending.set(3);
    tick().await;
    assert_eq!(
        badge.text_content().unwrap(),
        "Frånkopplad – 3 ändringar väntar"
    );
    // Only Swedish is compiled in; the app fetches another language's file when it is picked.
    Locale::En.install(ENGLISH);
    locale.set(Locale::En);
    tick().await;
    assert_eq!(badge.text_content().unwrap(), "Offline – 3 changes waiting");
    // A refused change is said in the reader's language (the server's English reason is
    // shown with what is handed back), until the agreement has been loaded afresh.
    refusal.set(Some("outside the phase".into()));
    tick().await;
    assert_eq!(
        badge.text_content().unwrap(),
        "The server did not accept a change – loading the agreement again"
    );
    refusal.set(None);
    state.set(ConnectionState::SignedOut);
    tick().await;
    assert_eq!(
        badge.text_content().unwrap(),
        "Signed out – open your personal link again"
    );
    assert_eq!(
        badge.get_attribute("data-state").as_deref(),
        Some("signed-out")
    );
}

#[wasm_bindgen_test]
async fn a_date_field_says_its_day_in_the_apps_language_not_the_browsers() {
    let el = container();
    let locale = RwSignal::new(Locale::Sv);
    let value = RwSignal::new("2027-02-02".to_string());
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(locale);
        view! { <DateField id="test-date" value=value required=true /> }
    });
    tick().await;
    let input = el
        .query_selector("#test-date")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    let said = el.query_selector("#test-date-said").unwrap().unwrap();
    assert_eq!(input.type_(), "date");
    assert_eq!(input.value(), "2027-02-02");
    assert!(input.required());
    // The field is described by the day written out, which the label's name leaves out.
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("test-date-said")
    );
    assert_eq!(said.get_attribute("aria-hidden").as_deref(), Some("true"));
    let text = || said.text_content().unwrap();
    assert!(
        text().contains("tisdag") && text().contains("2 februari 2027"),
        "{}",
        text()
    );
    locale.set(Locale::Nb);
    tick().await;
    assert!(
        text().contains("tirsdag") && text().contains("2. februar 2027"),
        "{}",
        text()
    );
    locale.set(Locale::En);
    tick().await;
    assert!(
        text().contains("Tuesday") && text().contains("2 February 2027"),
        "{}",
        text()
    );
    // A day picked in the field is said at once; no day, nothing said.
    type_into(&input, "2027-03-01");
    tick().await;
    assert_eq!(value.get_untracked(), "2027-03-01");
    assert!(
        text().contains("Monday") && text().contains("1 March 2027"),
        "{}",
        text()
    );
    type_into(&input, "");
    tick().await;
    assert_eq!(text(), "");
}

#[wasm_bindgen_test]
async fn clause_card_shows_remarks_and_adds_a_new_one_live() {
    let agreement = demo::agreement(7, 1_800_000_000_000.0).expect("demo");
    let clause = agreement.chapters()[2].clauses[1].clone();
    assert_eq!(clause.number, "3.2");
    let me = demo::participants()[1].clone();
    let live = Live::new(agreement.clone(), me);
    let el = clause_card(live, &clause.id);
    tick().await;
    let text = el.text_content().unwrap();
    assert!(text.contains("3.2"), "{text}");
    assert!(text.contains("Avvikelser"), "{text}");
    assert!(text.contains("sanktioner mot brott mot avtal"), "{text}");
    assert!(text.contains("Bra förslag"), "reply shown: {text}");
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 1);

    // A remark arriving from elsewhere (written straight into the replica) appears.
    let other = demo::participants()[2].clone();
    agreement
        .add_remark(
            &clause.id,
            &other,
            "Ny formulering behövs.",
            1_800_000_100_000.0,
        )
        .expect("remark");
    tick().await;
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 2);
    assert!(el
        .text_content()
        .unwrap()
        .contains("Ny formulering behövs."));

    // The "remark on this clause" button opens the composer; posting writes through the domain.
    let button = el
        .query_selector(".remark-on-clause")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    button.click();
    tick().await;
    let textarea = el
        .query_selector(&format!("#composer-{}", clause.id))
        .unwrap()
        .expect("the composer's text field")
        .unchecked_into::<web_sys::HtmlTextAreaElement>();
    textarea.set_value("Skriv ut vem som beslutar.");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    textarea
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    let form = el
        .query_selector("form.composer")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlFormElement>();
    form.request_submit().unwrap();
    tick().await;
    let mine: Vec<_> = agreement
        .remarks_of(&clause.id)
        .into_iter()
        .filter(|r| r.body == "Skriv ut vem som beslutar.")
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].author_name, "Erik Johansson");
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 3);
    assert!(
        el.query_selector("form.composer").unwrap().is_none(),
        "the composer closes after sending"
    );

    // A remark on a range highlights that range in the clause text.
    let text = agreement.clause(&clause.id).unwrap().text;
    let start = text.find("gemensamma").unwrap();
    let draft = samrad_domain::RemarkDraft {
        target: samrad_domain::Target::Range {
            start: text[..start].encode_utf16().count() as u32,
            end: (text[..start].encode_utf16().count() + "gemensamma".len()) as u32,
        },
        ..samrad_domain::RemarkDraft::comment(&clause.id, "Vilket system?")
    };
    agreement
        .write_remark(&other, draft, 1_800_000_200_000.0)
        .expect("range remark");
    tick().await;
    let mark = el
        .query_selector("mark.hl-comment")
        .unwrap()
        .expect("a highlighted range");
    assert_eq!(mark.text_content().unwrap(), "gemensamma");
}

#[wasm_bindgen_test]
async fn a_long_thread_list_shows_the_latest_until_the_reader_asks_for_all() {
    let agreement = demo::agreement(8, 1_800_000_000_000.0).expect("demo");
    let clause = agreement.chapters()[0].clauses[0].clone();
    let people = demo::participants();
    for i in 0..9 {
        agreement
            .add_remark(
                &clause.id,
                &people[1 + i % 2],
                &format!("Synpunkt nummer {i}"),
                1_800_000_000_000.0 + f64::from(i as u32),
            )
            .expect("remark");
    }
    let live = Live::new(agreement.clone(), people[1].clone());
    let el = clause_card(live, &clause.id);
    tick().await;
    // Nine threads: the latest five show, and a button offers all nine.
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 5);
    let text = el.text_content().unwrap();
    assert!(
        text.contains("Synpunkt nummer 8"),
        "the latest shows: {text}"
    );
    assert!(
        !text.contains("Synpunkt nummer 0"),
        "the oldest waits: {text}"
    );
    let show_all = el
        .query_selector("button.show-all")
        .unwrap()
        .expect("a button to show all")
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(show_all.text_content().unwrap(), "9 synpunkter – visa alla");
    // One more arrives: it is added below, and the five shown stay.
    agreement
        .add_remark(
            &clause.id,
            &people[1],
            "Synpunkt nummer 9",
            1_800_000_000_009.0,
        )
        .expect("remark");
    tick().await;
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 6);
    assert!(el.text_content().unwrap().contains("Synpunkt nummer 4"));
    let show_all = el
        .query_selector("button.show-all")
        .unwrap()
        .expect("still a button to show all")
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(
        show_all.text_content().unwrap(),
        "10 synpunkter – visa alla"
    );
    show_all.click();
    tick().await;
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 10);
    assert!(el.query_selector("button.show-all").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn threads_arriving_do_not_fold_away_the_ones_on_screen() {
    let agreement = demo::agreement(8, 1_800_000_000_000.0).expect("demo");
    let clause = agreement.chapters()[0].clauses[0].clone();
    let people = demo::participants();
    let add = |i: u32| {
        agreement
            .add_remark(
                &clause.id,
                &people[1 + i as usize % 2],
                &format!("Tråd nummer {i}"),
                1_800_000_000_000.0 + f64::from(i),
            )
            .expect("remark");
    };
    (0..4).for_each(add);
    let live = Live::new(agreement.clone(), people[1].clone());
    let el = clause_card(live, &clause.id);
    tick().await;
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 4);
    // Others write while the reader answers the first thread: past the folding length, the
    // list still shows every thread it showed, the new ones below.
    (4..9).for_each(add);
    tick().await;
    assert_eq!(el.query_selector_all("li.remark").unwrap().length(), 9);
    let text = el.text_content().unwrap();
    assert!(
        text.contains("Tråd nummer 0"),
        "the first thread stays: {text}"
    );
    assert!(el.query_selector("button.show-all").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn proposals_on_overlapping_wording_stand_side_by_side() {
    use samrad_domain::{RemarkDraft, RemarkKind, Target};
    let agreement = demo::agreement(9, 1_800_000_000_000.0).expect("demo");
    let clause = agreement
        .clauses()
        .into_iter()
        .find(|c| c.number == "3.2")
        .expect("clause 3.2");
    let people = demo::participants();
    let propose = |who: usize, quote: &str, wording: &str| {
        let at = clause.text.find(quote).expect("quote in the clause");
        let start = clause.text[..at].encode_utf16().count() as u32;
        let end = start + quote.encode_utf16().count() as u32;
        let draft = RemarkDraft {
            kind: RemarkKind::Proposal,
            target: Target::Range { start, end },
            proposed_text: Some(wording.into()),
            ..RemarkDraft::comment(&clause.id, "Tydligare.")
        };
        agreement
            .write_remark(&people[who], draft, 1_800_000_000_000.0)
            .expect("proposal");
    };
    // A whole sentence rewritten, and half of it: different quotes, the same contested words.
    propose(
        1,
        "Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.",
        "Vid upprepade avvikelser beslutar gruppen.",
    );
    propose(
        2,
        "den politiska samrådsgruppen besluta",
        "styrgruppen besluta",
    );
    let el = clause_card(Live::new(agreement.clone(), people[0].clone()), &clause.id);
    tick().await;
    let columns = el.query_selector_all(".competing .column").unwrap();
    assert_eq!(columns.length(), 2);
    // The half-sentence proposal reads as the whole sentence with its words in place.
    let second = columns
        .item(1)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    let added = second
        .query_selector("ins")
        .unwrap()
        .unwrap()
        .text_content();
    let removed = second
        .query_selector("del")
        .unwrap()
        .unwrap()
        .text_content();
    assert!(added.unwrap_or_default().contains("styrgruppen"));
    assert!(removed.unwrap_or_default().contains("politiska"));
    assert!(second.text_content().unwrap().contains("Vid sanktioner"));
}

#[wasm_bindgen_test]
async fn a_remark_is_built_as_nodes_and_markup_in_it_stays_text() {
    let agreement = demo::agreement(9, 1_800_000_000_000.0).expect("demo");
    let clause = agreement.chapters()[0].clauses[1].clone();
    let erik = demo::participants()[1].clone();
    agreement
        .add_remark(
            &clause.id,
            &erik,
            "**Viktigt:** <img src=x onerror=\"window.__pwned=1\"> [läs](https://example.se) [klick](&#106;avascript:alert(1))",
            1_800_000_000_000.0,
        )
        .expect("remark");
    let live = Live::new(agreement.clone(), erik);
    let el = clause_card(live, &clause.id);
    tick().await;
    let body = el
        .query_selector(".remark-body")
        .unwrap()
        .expect("the remark's body");
    assert_eq!(
        body.query_selector("strong")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Viktigt:"
    );
    assert!(
        body.query_selector("img").unwrap().is_none(),
        "no image element"
    );
    assert!(
        body.text_content().unwrap().contains("<img src=x"),
        "shown as typed"
    );
    let links = body.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1, "only the https link");
    let link = links.get(0).unwrap().unchecked_into::<web_sys::Element>();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://example.se")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer nofollow")
    );
    assert!(body.text_content().unwrap().contains("klick"));
    let pwned = js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
}

/// A key pressed on `target`, as the browser would send it.
fn press(target: &web_sys::HtmlElement, key: &str) {
    let init = js_sys::Object::new();
    for (name, value) in [
        ("key", wasm_bindgen::JsValue::from(key)),
        ("bubbles", true.into()),
        ("cancelable", true.into()),
    ] {
        js_sys::Reflect::set(&init, &name.into(), &value).unwrap();
    }
    let class: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"KeyboardEvent".into())
        .unwrap()
        .unchecked_into();
    let args = js_sys::Array::of2(&"keydown".into(), &init);
    let event = js_sys::Reflect::construct(&class, &args).unwrap();
    target.dispatch_event(event.unchecked_ref()).unwrap();
}

/// The stance matrix builds the rows of the first screen at once and the rest after: every
/// row is counted for a screen reader from the start, every row is built in time, and moving
/// the grid's focus down past the last row built builds the next and moves into it.
#[wasm_bindgen_test]
async fn the_matrix_builds_rows_past_the_first_screen_and_the_keyboard_moves_into_them() {
    use samrad::components::matrix_grid::MatrixGrid;
    use samrad_domain::compilation::MatrixFilter;
    use samrad_domain::{Participant, Role};
    let agreement = demo::agreement(7, 1_800_000_000_000.0).expect("demo");
    let coordinator = demo::participants()[0].clone();
    for o in 0..40 {
        let member = Participant {
            id: format!("p-member-{o:02}"),
            name: format!("Ledamot {o:02}"),
            organisation: format!("Kommun {o:02}"),
            role: Role::Member,
        };
        agreement.register_participant(&member);
        agreement
            .set_respondent(&coordinator, &member.organisation, &member.id)
            .unwrap();
    }
    let overview = RwSignal::new(agreement.stance_overview());
    let rows = overview.with_untracked(|o| o.organisations.len());
    assert!(rows > 40, "{rows} organisations consulted");
    let el = container();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_i18n_context(Locale::Sv);
        view! {
            <MatrixGrid
                overview=overview.read_only()
                filter=RwSignal::new(MatrixFilter::default())
                collapsed=RwSignal::new(std::collections::HashSet::new())
                open=RwSignal::new(None)
            />
        }
    });
    let table = el.query_selector("table.matrix").unwrap().unwrap();
    let expected = (rows + 3).to_string();
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some(expected.as_str())
    );
    let built = || {
        el.query_selector_all("tbody tr[aria-rowindex]")
            .unwrap()
            .length() as usize
    };
    let first = built();
    assert!(
        first > 0 && first < rows,
        "{first} of {rows} rows built at once"
    );

    // The focus on the last row built moves down into a row not built yet.
    let cell = |r: usize| {
        el.query_selector(&format!("td[data-r=\"{r}\"][data-c=\"0\"]"))
            .unwrap()
            .map(|c| c.unchecked_into::<web_sys::HtmlElement>())
    };
    assert!(cell(first).is_none(), "row {first} is not built yet");
    // Down from the grid's one tab stop to the last row built, then one more.
    let focused = || {
        document()
            .active_element()
            .and_then(|a| a.get_attribute("data-r"))
    };
    let active =
        || -> web_sys::HtmlElement { document().active_element().unwrap().unchecked_into() };
    cell(0).unwrap().focus().unwrap();
    for _ in 1..first {
        press(&active(), "ArrowDown");
    }
    assert_eq!(
        focused(),
        Some((first - 1).to_string()),
        "down to the built edge"
    );
    press(&active(), "ArrowDown");
    tick().await;
    assert_eq!(
        focused(),
        Some(first.to_string()),
        "the focus moved into row {first}"
    );

    // The rest is built without the reader asking, and the held place is gone.
    for _ in 0..250 {
        if built() == rows {
            break;
        }
        tick().await;
    }
    assert_eq!(built(), rows, "every row is built");
    assert!(el.query_selector(".matrix-pending").unwrap().is_none());
    let last = el
        .query_selector("tbody tr[aria-rowindex]:last-of-type")
        .unwrap();
    assert!(last.is_some());
}

/// The other pages' code is fetched only once the reader has been still (src/quiet.rs): a key
/// pressed while waiting starts the wait over, so the wait ends a quiet spell after the last
/// key, not while someone types.
#[wasm_bindgen_test]
async fn a_reader_typing_holds_back_what_waits_for_quiet() {
    use std::cell::Cell;
    use std::rc::Rc;
    let ended = Rc::new(Cell::new(None::<f64>));
    let noted = ended.clone();
    wasm_bindgen_futures::spawn_local(async move {
        samrad::quiet::reader_quiet().await;
        noted.set(Some(js_sys::Date::now()));
    });
    // Typing for 2.5 s, a key every 100 ms: longer than the quiet spell waited for.
    let window = web_sys::window().unwrap();
    for _ in 0..25 {
        gloo_timers::future::TimeoutFuture::new(100).await;
        let key = web_sys::KeyboardEvent::new("keydown").unwrap();
        window.dispatch_event(&key).unwrap();
    }
    assert_eq!(ended.get(), None, "the wait ended while the reader typed");
    let last_key = js_sys::Date::now();
    for _ in 0..60 {
        if ended.get().is_some() {
            break;
        }
        tick().await;
        gloo_timers::future::TimeoutFuture::new(80).await;
    }
    let ended = ended
        .get()
        .expect("the wait ended once the reader was still");
    assert!(
        ended - last_key >= 1_900.0,
        "ended {} ms after the last key",
        ended - last_key
    );
}
