//! The server-side check of updates (`Guard`): each test makes a change on a participant's own
//! replica — often one that lies about who it is — or writes the update's blocks by hand, ships
//! it to a server replica as that participant, and checks the verdict. Every refusal also checks
//! that the server's document is exactly as it was: nothing is integrated before it is judged.
#![allow(clippy::unwrap_used)]

use samrad_domain::wire::{
    encode_update, Block, Content, Id, Item, Parent, ParsedUpdate, TypeKind, Value,
};
use samrad_domain::yrs::{
    Any, Assoc, In, IndexedSequence, Map, MapPrelim, MapRef, Out, ReadTxn, TextPrelim, Transact,
};
use samrad_domain::{
    demo, Agreement, Applied, Guard, Participant, Phase, Refusal, RemarkDraft, RemarkKind, Role,
    StanceValue, Target, Writer,
};

const NOW: f64 = 1_800_000_000_000.0;
const DAY: f64 = 86_400_000.0;
/// When the agreement was created.
const SINCE: f64 = NOW - 30.0 * DAY;
const ERIK_CLIENT: u64 = 200;
const SARA_CLIENT: u64 = 300;
const KARIN_CLIENT: u64 = 100;
const LARS_CLIENT: u64 = 400;

fn people() -> (Participant, Participant, Participant) {
    let p = demo::participants();
    (p[0].clone(), p[1].clone(), p[2].clone())
}

fn lars() -> Participant {
    demo::participants()[3].clone()
}

/// The server's replica of the demo (written by the server's own client 1) in `phase`.
fn server(phase: Phase) -> Guard {
    let a = demo::agreement(1, NOW).unwrap();
    let (karin, _, _) = people();
    a.set_phase(&karin, phase, Some(NOW + 10.0 * DAY)).unwrap();
    Guard::new(a)
}

fn replica(server: &Guard, client: u64) -> Agreement {
    Agreement::load(client, &server.agreement().encode_state()).unwrap()
}

fn clause(a: &Agreement, number: &str) -> String {
    a.clauses()
        .into_iter()
        .find(|c| c.number == number)
        .unwrap()
        .id
}

/// What `client` has that `server` lacks.
fn update(server: &Guard, client: &Agreement) -> Vec<u8> {
    client
        .encode_diff(&server.agreement().state_vector())
        .unwrap()
}

fn owns(ids: &'static [u64]) -> impl Fn(u64) -> bool {
    move |c| ids.contains(&c)
}

/// Judges and integrates `update` from `who` at the server's `NOW`.
fn apply(
    server: &mut Guard,
    who: &Participant,
    update: &[u8],
    owns: impl Fn(u64) -> bool,
) -> Result<Applied, Refusal> {
    apply_at(server, who, NOW, update, owns)
}

fn apply_at(
    server: &mut Guard,
    who: &Participant,
    now_ms: f64,
    update: &[u8],
    owns: impl Fn(u64) -> bool,
) -> Result<Applied, Refusal> {
    let writer = Writer {
        participant: who,
        now_ms,
        since_ms: SINCE,
    };
    let before = server.agreement().encode_state();
    let result = server.apply_as(&writer, update, owns);
    match &result {
        Ok(integrated) => assert_eq!(
            integrated.update.is_some(),
            server.agreement().encode_state() != before
        ),
        Err(_) => assert_eq!(
            server.agreement().encode_state(),
            before,
            "a refused update changed the document"
        ),
    }
    result.map(|i| {
        if i.update.is_some() {
            Applied::Changed
        } else {
            Applied::Unchanged
        }
    })
}

fn forbidden(result: Result<Applied, Refusal>) -> String {
    match result {
        Err(Refusal::Forbidden { what, reason }) => format!("{what}: {reason}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn refusal(result: Result<Applied, Refusal>) -> Refusal {
    match result {
        Err(r) => {
            println!("refused: {r}");
            r
        }
        Ok(a) => panic!("expected a refusal, got {a:?}"),
    }
}

/// The id of the item that created a nested map.
fn type_id(map: &MapRef) -> Id {
    match map.as_ref().id() {
        samrad_domain::yrs::BranchID::Nested(id) => Id::new(id.client.get(), id.clock),
        samrad_domain::yrs::BranchID::Root(_) => panic!("a root"),
    }
}

fn submap(a: &Agreement, root: &str, key: &str) -> MapRef {
    // The root first: getting it takes the document's write lock.
    let root_map = a.doc().get_or_insert_map(root);
    let txn = a.doc().transact();
    match root_map.get(&txn, key) {
        Some(Out::YMap(m)) => m,
        other => panic!("{root}/{key} is {other:?}"),
    }
}

/// The id of the character at `offset` of a clause's text.
fn char_id(a: &Agreement, clause: &str, offset: u32) -> Id {
    let map = submap(a, "clauses", clause);
    let txn = a.doc().transact();
    let Some(Out::YText(text)) = map.get(&txn, "text") else {
        panic!("no text")
    };
    let index = text.sticky_index(&txn, offset, Assoc::After).unwrap();
    let id = index.id().unwrap();
    Id::new(id.client.get(), id.clock)
}

/// Writes an entry straight into a root map under a fresh key (as `ids::fresh` makes one), as a
/// client that skips the domain's checks would. Returns the key.
fn raw_entry(a: &Agreement, root: &str, prefix: char, fields: Vec<(&'static str, In)>) -> String {
    let map = a.doc().get_or_insert_map(root);
    let mut txn = a.doc().transact_mut();
    let client = a.doc().client_id();
    let key = format!(
        "{prefix}{:x}-{}",
        client.get(),
        txn.state_vector().get(&client)
    );
    let prelim: MapPrelim = fields.into_iter().collect();
    map.insert(&mut txn, key.as_str(), prelim);
    key
}

/// The fields of an honest remark by `who` on `clause`, to alter one at a time.
fn remark_fields(who: &Participant, clause: &str) -> Vec<(&'static str, In)> {
    vec![
        ("clause", In::from(clause)),
        ("author", In::from(who.id.as_str())),
        ("author_name", In::from(who.name.as_str())),
        ("organisation", In::from(who.organisation.as_str())),
        ("role", In::from(who.role.key())),
        ("kind", In::from("comment")),
        ("body", In::from("Ett påpekande.")),
        ("created_ms", In::from(NOW)),
        ("phase", In::from("drafting")),
    ]
}

/// `fields` with `key` set to `value`.
fn with(
    mut fields: Vec<(&'static str, In)>,
    key: &'static str,
    value: In,
) -> Vec<(&'static str, In)> {
    fields.retain(|(k, _)| *k != key);
    fields.push((key, value));
    fields
}

/// A hand-made update of `blocks` from `client`, numbered from clock 0.
fn crafted(blocks: Vec<Block>) -> Vec<u8> {
    encode_update(&ParsedUpdate {
        blocks,
        deleted: vec![],
    })
}

fn at(client: u64, clock: u32) -> Id {
    Id::new(client, clock)
}

#[test]
fn an_honest_remark_reply_and_withdrawal_are_accepted() {
    let mut s = server(Phase::Drafting);
    let (_, erik, sara) = people();
    let e = replica(&s, ERIK_CLIENT);
    let id = e
        .add_remark(&clause(&e, "1.1"), &erik, "Vilka kommuner?", NOW)
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    assert_eq!(s.agreement().remark(&id).unwrap().author, erik.id);
    // Sending the same update again changes nothing.
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Unchanged)
    );

    let sr = replica(&s, SARA_CLIENT);
    sr.reply(&id, &sara, "Alla tolv.", NOW).unwrap();
    let u = update(&s, &sr);
    assert_eq!(
        apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])),
        Ok(Applied::Changed)
    );

    let e = replica(&s, ERIK_CLIENT + 1);
    e.withdraw_remark(&erik, &id).unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT + 1])),
        Ok(Applied::Changed)
    );
    assert!(s.agreement().remark(&id).unwrap().withdrawn);
}

#[test]
fn a_forged_author_is_refused() {
    let mut s = server(Phase::Drafting);
    let (_, erik, sara) = people();
    let e = replica(&s, ERIK_CLIENT);
    // Erik's client writes a remark claiming to be Sara.
    e.add_remark(&clause(&e, "1.1"), &sara, "Juristerna avstyrker.", NOW)
        .unwrap();
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("author"), "{why}");
}

#[test]
fn a_forged_organisation_role_or_name_is_refused() {
    let (_, erik, _) = people();
    for (what, forged) in [
        (
            "organisation",
            Participant {
                organisation: "Region Norrvik".into(),
                ..erik.clone()
            },
        ),
        (
            "role",
            Participant {
                role: Role::Coordinator,
                ..erik.clone()
            },
        ),
        (
            "author name",
            Participant {
                name: "Regionstyrelsens ordförande".into(),
                ..erik.clone()
            },
        ),
    ] {
        let mut s = server(Phase::Drafting);
        let e = replica(&s, ERIK_CLIENT);
        e.add_remark(&clause(&e, "1.1"), &forged, "x", NOW).unwrap();
        let u = update(&s, &e);
        let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
        println!("forged {what}: {why}");
        assert!(why.contains(what.split(' ').next_back().unwrap()), "{why}");
    }
}

#[test]
fn a_remark_shows_the_registered_name_and_the_time_the_server_stored_it() {
    let mut s = server(Phase::Drafting);
    let (_, erik, _) = people();
    let e = replica(&s, ERIK_CLIENT);
    // Written offline an hour before it reaches the server.
    let written = NOW - 3_600_000.0;
    let id = e
        .add_remark(&clause(&e, "1.1"), &erik, "Skrivet på tåget.", written)
        .unwrap();
    let u = update(&s, &e);
    let stored = NOW + 5_000.0;
    assert_eq!(
        apply_at(&mut s, &erik, stored, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    let r = s.agreement().remark(&id).unwrap();
    assert_eq!(r.created_ms, stored, "shown: when the server stored it");
    assert_eq!(r.written_ms, written, "kept: when it was written");
    assert_eq!(r.author_name, "Erik Johansson");
    // A replica that receives the stored update reads the same.
    e.apply_update(&s.agreement().encode_state()).unwrap();
    assert_eq!(e.remark(&id).unwrap().created_ms, stored);
}

#[test]
fn a_claimed_time_in_the_future_or_before_the_agreement_is_refused() {
    let (_, erik, _) = people();
    for (what, claimed) in [
        ("in 2001", 978_307_200_000.0),
        ("before the agreement", SINCE - 1.0),
        ("a day ahead", NOW + DAY),
    ] {
        let mut s = server(Phase::Drafting);
        let e = replica(&s, ERIK_CLIENT);
        e.add_remark(&clause(&e, "1.1"), &erik, "När?", claimed)
            .unwrap();
        let u = update(&s, &e);
        let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
        println!("{what}: {why}");
        assert!(why.contains("time"), "{why}");
    }
    // A clock a few minutes ahead is tolerated.
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.add_remark(&clause(&e, "1.1"), &erik, "Nu.", NOW + 60_000.0)
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
}

#[test]
fn a_remark_written_offline_is_accepted_while_the_phase_allows_and_stamped_with_the_current_one() {
    let (karin, erik, _) = people();
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    let id = e
        .add_remark(&clause(&e, "1.2"), &erik, "Offline.", NOW - DAY)
        .unwrap();
    // Meanwhile the coordinator moves the agreement on to consultation, where members remark too.
    let k = replica(&s, KARIN_CLIENT);
    k.set_phase(&karin, Phase::Consultation, Some(NOW + 10.0 * DAY))
        .unwrap();
    let u = update(&s, &k);
    apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])).unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    assert_eq!(
        s.agreement().remark(&id).unwrap().phase,
        Phase::Consultation
    );
}

#[test]
fn writing_under_someone_elses_client_id_is_refused() {
    let mut s = server(Phase::Drafting);
    let (_, erik, sara) = people();
    let sr = replica(&s, SARA_CLIENT);
    sr.add_remark(&clause(&sr, "1.1"), &sara, "Från Sara", NOW)
        .unwrap();
    // Erik relays Sara's update as his own.
    let u = update(&s, &sr);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Err(Refusal::ForeignClient(SARA_CLIENT))
    );
}

#[test]
fn editing_or_withdrawing_someone_elses_remark_is_refused() {
    let (_, erik, sara) = people();
    let base = server(Phase::Drafting);
    let id = base
        .agreement()
        .remarks_of(&clause(base.agreement(), "2.1"))[0]
        .id
        .clone(); // Sara's
                  // Erik's client pretends to be Sara to get past its own domain checks.
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.edit_remark(&sara, &id, "Omskrivet av Erik", None, NOW)
        .unwrap();
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("only its author"), "{why}");

    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.withdraw_remark(&sara, &id).unwrap();
    let u = update(&s, &e);
    forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));

    // Deleting the entry outright with raw yrs.
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    let remarks = e.doc().get_or_insert_map("remarks");
    remarks.remove(&mut e.doc().transact_mut(), &id);
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("never removed"), "{why}");

    // Replacing it with a remark of his own under the same key.
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    let c = clause(&e, "2.1");
    let fields: MapPrelim = remark_fields(&erik, &c).into_iter().collect();
    remarks.insert(&mut e.doc().transact_mut(), id.as_str(), fields);
    let u = update(&s, &e);
    let r = refusal(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(
        r.to_string().contains("replaced") || r.to_string().contains("key"),
        "{r}"
    );
}

#[test]
fn changing_a_remarks_set_once_fields_is_refused_even_for_the_author() {
    let (_, erik, _) = people();
    let id = {
        let s = server(Phase::Drafting);
        s.agreement().remarks_of(&clause(s.agreement(), "2.5"))[0]
            .id
            .clone() // Erik's
    };
    for (field, value) in [
        ("author", In::from("p-karin-lindqvist")),
        ("created_ms", In::from(NOW)),
        ("author_name", In::from("Regionstyrelsens ordförande")),
        ("parent", In::from("")),
    ] {
        let mut s = server(Phase::Drafting);
        let e = replica(&s, ERIK_CLIENT);
        submap(&e, "remarks", &id).insert(&mut e.doc().transact_mut(), field, value);
        let u = update(&s, &e);
        let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
        println!("{field}: {why}");
        assert!(why.contains("set once"), "{why}");
    }
}

#[test]
fn editing_ones_own_remark_follows_the_domains_rules() {
    let (karin, erik, _) = people();
    let id = {
        let s = server(Phase::Drafting);
        s.agreement().remarks_of(&clause(s.agreement(), "2.5"))[0]
            .id
            .clone() // Erik's
    };
    let edit = |s: &mut Guard, field: &str, value: In| {
        let e = replica(s, ERIK_CLIENT);
        submap(&e, "remarks", &id).insert(&mut e.doc().transact_mut(), field, value);
        let u = update(s, &e);
        apply(s, &erik, &u, owns(&[ERIK_CLIENT]))
    };
    // Drafting: the body may change.
    let mut s = server(Phase::Drafting);
    assert_eq!(
        edit(&mut s, "body", In::from("Tydligare.")),
        Ok(Applied::Changed)
    );
    // Not to something else than a string, nor blank.
    let mut s = server(Phase::Drafting);
    let why = forbidden(edit(&mut s, "body", In::from(42.0)));
    assert!(why.contains("must be a string"), "{why}");
    let why = forbidden(edit(&mut s, "body", In::from("   ")));
    assert!(why.contains("empty"), "{why}");
    // A comment has no proposed wording.
    let why = forbidden(edit(&mut s, "proposed_text", In::from("Ny lydelse")));
    assert!(why.contains("proposal"), "{why}");
    // Un-withdrawing is not a thing.
    let why = forbidden(edit(&mut s, "withdrawn", In::from(false)));
    assert!(why.contains("withdrawn"), "{why}");
    // Merging: members only reply, so the member's remark is frozen.
    let mut s = server(Phase::Merging);
    let why = forbidden(edit(&mut s, "body", In::from("Sent ändrat.")));
    assert!(why.contains("Merging"), "{why}");
    // Withdrawn: frozen too.
    let mut s = server(Phase::Drafting);
    assert_eq!(
        edit(&mut s, "withdrawn", In::from(true)),
        Ok(Applied::Changed)
    );
    let why = forbidden(edit(&mut s, "body", In::from("Efteråt.")));
    assert!(why.contains("withdrawn"), "{why}");
    let _ = karin;
}

#[test]
fn only_a_coordinator_says_which_version_went_on_remiss() {
    let (karin, erik, _) = people();
    let write = |s: &mut Guard, who: &Participant, client: u64, value: Option<In>| {
        let r = replica(s, client);
        let meta = r.doc().get_or_insert_map("meta");
        let mut txn = r.doc().transact_mut();
        match value {
            Some(v) => {
                meta.insert(&mut txn, "remiss_version", v);
            }
            None => {
                meta.remove(&mut txn, "remiss_version");
            }
        }
        drop(txn);
        let u = update(s, &r);
        apply(s, who, &u, move |c| c == client)
    };
    let mut s = server(Phase::Drafting);
    // A member cannot name the version the answers are compiled against.
    let why = forbidden(write(
        &mut s,
        &erik,
        ERIK_CLIENT,
        Some(In::from("v-forged")),
    ));
    assert!(why.contains("meta/remiss_version"), "{why}");
    // It names a version by its id: a number, nothing or a kilobyte is no id.
    for bad in [In::from(7.0), In::from(""), In::from("v".repeat(1000))] {
        let why = forbidden(write(&mut s, &karin, KARIN_CLIENT, Some(bad)));
        assert!(why.contains("remiss_version"), "{why}");
    }
    assert_eq!(s.agreement().remiss_version(), None);
    // A coordinator's is accepted (one naming no version is read as none), and removed again.
    assert_eq!(
        write(&mut s, &karin, KARIN_CLIENT, Some(In::from("v-1"))),
        Ok(Applied::Changed)
    );
    assert_eq!(s.agreement().remiss_version().as_deref(), Some("v-1"));
    assert_eq!(s.agreement().presumed_remiss_version(), None);
    // Nor may a member remove it.
    let why = forbidden(write(&mut s, &erik, ERIK_CLIENT, None));
    assert!(why.contains("meta/remiss_version"), "{why}");
    assert_eq!(
        write(&mut s, &karin, KARIN_CLIENT, None),
        Ok(Applied::Changed)
    );
    assert_eq!(s.agreement().remiss_version(), None);
}

#[test]
fn only_a_coordinator_chooses_who_proposes_and_only_among_roles_that_write() {
    let (karin, erik, _) = people();
    let set = |s: &mut Guard, who: &Participant, client: u64, value: In| {
        let r = replica(s, client);
        r.doc()
            .get_or_insert_map("meta")
            .insert(&mut r.doc().transact_mut(), "proposers", value);
        let u = update(s, &r);
        apply(s, who, &u, move |c| c == client)
    };
    let keys = |k: &[&str]| In::Any(Any::Array(k.iter().map(|s| Any::from(*s)).collect()));
    let mut s = server(Phase::Drafting);
    // A member cannot give himself the right.
    let why = forbidden(set(&mut s, &erik, ERIK_CLIENT, keys(&["member"])));
    assert!(why.contains("meta/proposers"), "{why}");
    // Observers never write; a role is named once; the value is a list of roles.
    for bad in [
        keys(&["observer"]),
        keys(&["member", "member"]),
        keys(&["mayor"]),
        In::from("member"),
    ] {
        let why = forbidden(set(&mut s, &karin, KARIN_CLIENT, bad));
        assert!(why.contains("proposers"), "{why}");
    }
    assert_eq!(
        set(&mut s, &karin, KARIN_CLIENT, keys(&["jurist"])),
        Ok(Applied::Changed)
    );
    assert!(!s.agreement().proposers().contains(Role::Member));
}

#[test]
fn a_remarks_earlier_wording_is_kept_and_a_response_freezes_it() {
    let (karin, erik, _) = people();
    let mut s = server(Phase::Drafting);
    let c = clause(s.agreement(), "1.3");
    let e = replica(&s, ERIK_CLIENT);
    let id = e.add_remark(&c, &erik, "Första lydelsen.", NOW).unwrap();
    let u = update(&s, &e);
    apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])).unwrap();
    let e = replica(&s, ERIK_CLIENT);
    e.edit_remark(&erik, &id, "Andra lydelsen.", None, NOW + 1.0)
        .unwrap();
    let u = update(&s, &e);
    apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])).unwrap();
    // The server kept the first wording; every replica reads it.
    let kept = s.agreement().revisions_of(&id);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].body, "Första lydelsen.");
    assert_eq!(kept[0].replaced_ms, NOW);
    let e = replica(&s, ERIK_CLIENT);
    assert_eq!(e.remark(&id).unwrap().revisions, 1);
    // Nobody else writes the history: a forged earlier wording is refused.
    let forged = raw_entry(
        &e,
        "revisions",
        'x',
        vec![
            ("remark", In::from(id.as_str())),
            ("body", In::from("Något jag aldrig skrev.")),
            ("written_ms", In::from(NOW)),
            ("replaced_ms", In::from(NOW)),
        ],
    );
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains(&format!("revisions/{forged}")), "{why}");
    // Once the coordinator has responded, the wording she responded to stays.
    let k = replica(&s, KARIN_CLIENT);
    k.set_disposition(
        &karin,
        &id,
        samrad_domain::DispositionValue::Noted,
        "Noterat.",
        NOW,
    )
    .unwrap();
    let u = update(&s, &k);
    apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])).unwrap();
    let e = replica(&s, ERIK_CLIENT);
    assert_eq!(
        e.edit_remark(&erik, &id, "Tredje.", None, NOW),
        Err(samrad_domain::DomainError::Disposed(id.clone()))
    );
    submap(&e, "remarks", &id).insert(&mut e.doc().transact_mut(), "body", "Tredje.");
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("has a response"), "{why}");
    // Withdrawing stays possible: it keeps the wording and says so.
    let e = replica(&s, ERIK_CLIENT);
    e.withdraw_remark(&erik, &id).unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
}

#[test]
fn a_new_remark_must_be_true() {
    let (_, erik, sara) = people();
    let base = server(Phase::Drafting);
    let c1 = clause(base.agreement(), "1.1");
    let c2 = clause(base.agreement(), "1.2");
    let on_21 = base
        .agreement()
        .remarks_of(&clause(base.agreement(), "2.1"))[0]
        .clone();
    // The agreement with a reply of Sara's in it.
    let (state, reply) = {
        let mut s = server(Phase::Drafting);
        let r = replica(&s, SARA_CLIENT);
        let id = r.reply(&on_21.id, &sara, "Svar.", NOW).unwrap();
        let u = update(&s, &r);
        apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])).unwrap();
        (s.agreement().encode_state(), id)
    };
    type Case = (&'static str, Vec<(&'static str, In)>, &'static str);
    let honest = || remark_fields(&erik, &c1);
    let cases: Vec<Case> = vec![
        (
            "a clause that does not exist",
            with(honest(), "clause", In::from("c-finns-inte")),
            "no clause",
        ),
        (
            "a body that is a nested text",
            with(honest(), "body", In::Text(TextPrelim::new("dold").into())),
            "must be a string",
        ),
        (
            "a top-level remark passed off as a reply with parent \"\"",
            with(honest(), "parent", In::from("")),
            "no remark",
        ),
        (
            "a reply to a reply",
            with(honest(), "parent", In::from(reply.as_str())),
            "top-level",
        ),
        (
            "a reply on another clause than its parent",
            with(honest(), "parent", In::from(on_21.id.as_str())),
            "same clause",
        ),
        (
            "a proposal without proposed wording",
            with(honest(), "kind", In::from("proposal")),
            "proposes wording",
        ),
        (
            "an unknown kind",
            with(honest(), "kind", In::from("decree")),
            "must be a known key",
        ),
        (
            "a reply that is a question",
            with(
                with(honest(), "parent", In::from(on_21.id.as_str())),
                "kind",
                In::from("question"),
            ),
            "a reply is a comment",
        ),
        (
            "a mention of nobody",
            with(
                honest(),
                "mentions",
                In::Any(Any::Array(vec![Any::from("p-nobody")].into())),
            ),
            "names no participant",
        ),
        (
            "a version that does not exist",
            with(honest(), "version", In::from("v-nope")),
            "version",
        ),
        (
            "a field the schema does not have",
            with(honest(), "priority", In::from("high")),
            "no field",
        ),
        (
            "a missing field",
            honest()
                .into_iter()
                .filter(|(k, _)| *k != "created_ms")
                .collect(),
            "needs its created_ms",
        ),
        (
            "a phase that is no phase",
            with(honest(), "phase", In::from("anarchy")),
            "known key",
        ),
        (
            "a body of half a megabyte",
            with(honest(), "body", In::from("x".repeat(512 * 1024))),
            "must be a string",
        ),
    ];
    let _ = c2;
    for (what, fields, expected) in cases {
        let mut s = Guard::new(Agreement::load(1, &state).unwrap());
        let e = replica(&s, ERIK_CLIENT);
        raw_entry(&e, "remarks", 'r', fields);
        let u = update(&s, &e);
        let r = refusal(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
        println!("{what}: {r}");
        assert!(r.to_string().contains(expected), "{what}: {r}");
    }
}

#[test]
fn a_remarks_key_names_where_it_was_written() {
    let (_, erik, _) = people();
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    let c = clause(&e, "1.1");
    let fields: MapPrelim = remark_fields(&erik, &c).into_iter().collect();
    // Claims to have been written by another replica at another clock.
    e.doc()
        .get_or_insert_map("remarks")
        .insert(&mut e.doc().transact_mut(), "r64-0", fields);
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("where the entry was written"), "{why}");
}

#[test]
fn an_anchor_points_into_its_own_clause() {
    let (_, _, sara) = people();
    let mut s = server(Phase::Drafting);
    let c11 = clause(s.agreement(), "1.1");
    let c12 = clause(s.agreement(), "1.2");
    // An honest anchor on 1.1, moved onto 1.2's remark.
    let scratch = replica(&s, SARA_CLIENT + 50);
    let draft = RemarkDraft {
        target: Target::Range { start: 0, end: 5 },
        ..RemarkDraft::comment(&c11, "Här")
    };
    let id = scratch.write_remark(&sara, draft, NOW).unwrap();
    let m = submap(&scratch, "remarks", &id);
    let txn = scratch.doc().transact();
    let anchor = |k: &str| match m.get(&txn, k) {
        Some(Out::Any(a)) => In::Any(a),
        other => panic!("{other:?}"),
    };
    let mut fields = remark_fields(&sara, &c12);
    for k in ["anchor_start", "anchor_end", "quote", "prefix", "suffix"] {
        fields.push((k, anchor(k)));
    }
    drop(txn);
    let r = replica(&s, SARA_CLIENT);
    raw_entry(&r, "remarks", 'r', fields);
    let u = update(&s, &r);
    let why = forbidden(apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])));
    assert!(why.contains("anchor"), "{why}");

    // Bytes that are no position at all.
    let mut s = server(Phase::Drafting);
    let mut fields = remark_fields(&sara, &c11);
    for k in ["anchor_start", "anchor_end"] {
        fields.push((k, In::Any(Any::Buffer(vec![9, 9, 9].into()))));
    }
    fields.push(("quote", In::from("Detta")));
    let r = replica(&s, SARA_CLIENT);
    raw_entry(&r, "remarks", 'r', fields);
    let u = update(&s, &r);
    let why = forbidden(apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])));
    assert!(why.contains("anchor"), "{why}");

    // The honest one is accepted where it belongs.
    let mut s = server(Phase::Drafting);
    let r = replica(&s, SARA_CLIENT);
    let draft = RemarkDraft {
        target: Target::Range { start: 6, end: 11 },
        ..RemarkDraft::comment(&c11, "Här")
    };
    r.write_remark(&sara, draft, NOW).unwrap();
    let u = update(&s, &r);
    assert_eq!(
        apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])),
        Ok(Applied::Changed)
    );
}

#[test]
fn clause_text_is_only_for_coordinators() {
    let (karin, _, sara) = people();
    let mut s = server(Phase::Drafting);
    let fake = Participant {
        role: Role::Coordinator,
        ..sara.clone()
    };
    let c = replica(&s, SARA_CLIENT);
    c.edit_clause_text(&fake, &clause(&c, "1.2"), 0, 0, "Inte: ")
        .unwrap();
    let u = update(&s, &c);
    let why = forbidden(apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])));
    assert!(why.contains("EditText"), "{why}");

    let mut s = server(Phase::Drafting);
    let k = replica(&s, KARIN_CLIENT);
    k.edit_clause_text(&karin, &clause(&k, "1.2"), 0, 0, "Övergripande: ")
        .unwrap();
    let u = update(&s, &k);
    assert_eq!(
        apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
}

#[test]
fn observers_write_nothing() {
    let mut s = server(Phase::Drafting);
    let lars = lars();
    // With his own, true identity: only the observer rule can refuse it.
    let o = replica(&s, LARS_CLIENT);
    raw_entry(&o, "remarks", 'r', remark_fields(&lars, &clause(&o, "1.1")));
    let u = update(&s, &o);
    let why = forbidden(apply(&mut s, &lars, &u, owns(&[LARS_CLIENT])));
    assert!(why.contains("Observer"), "{why}");
}

#[test]
fn nothing_is_written_outside_its_phase() {
    let (_, erik, _) = people();
    let mut s = server(Phase::Merging);
    // The member's replica is told the phase is still drafting.
    let drafting = server(Phase::Drafting);
    let e2 = replica(&drafting, ERIK_CLIENT);
    e2.add_remark(&clause(&e2, "1.1"), &erik, "Sent", NOW)
        .unwrap();
    let u = e2
        .encode_diff(&drafting.agreement().state_vector())
        .unwrap();
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("Merging"), "{why}");
}

#[test]
fn stances_only_for_ones_own_organisation_and_answers_only_by_the_respondent() {
    let (_, erik, _) = people();
    let mut s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    let pretend = Participant {
        organisation: "Region Norrvik".into(),
        ..erik.clone()
    };
    e.set_stance(
        &pretend,
        &clause(&e, "1.1"),
        StanceValue::Opposes,
        "Nej",
        NOW,
    )
    .unwrap();
    let u = update(&s, &e);
    forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));

    let mut s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    e.set_stance(&erik, &clause(&e, "1.1"), StanceValue::Supports, "", NOW)
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    e.send_answer(&erik, NOW).unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    let sent = s.agreement().answers_of(&erik.organisation);
    assert_eq!(sent.len(), 1);

    // A colleague who is not the respondent cannot send.
    let anna = Participant {
        id: "p-anna".into(),
        name: "Anna".into(),
        ..erik.clone()
    };
    s.write_as_server(|a, txn| a.register_participant_in(txn, &anna));
    let a = replica(&s, 800);
    a.set_stance(&anna, &clause(&a, "1.2"), StanceValue::NoRemarks, "", NOW)
        .unwrap();
    let u = update(&s, &a);
    assert_eq!(apply(&mut s, &anna, &u, owns(&[800])), Ok(Applied::Changed));
    let respondent = Participant {
        id: erik.id.clone(),
        ..anna.clone()
    };
    a.send_answer(&respondent, NOW).unwrap_or_else(|_| panic!());
    let u = update(&s, &a);
    let why = forbidden(apply(&mut s, &anna, &u, owns(&[800])));
    assert!(
        why.contains("sent_by") || why.contains("respondent"),
        "{why}"
    );
}

#[test]
fn no_remarks_on_the_remaining_clauses_passes_only_for_ones_own_organisation() {
    let (_, erik, _) = people();
    // Honest: one change drafting "no remarks" on every clause of Erik's organisation.
    let mut s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    let n = e
        .draft_remaining(&erik, StanceValue::NoRemarks, &[], NOW)
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    assert_eq!(s.agreement().unsent_count(&erik.organisation), n);
    // Forged: the same change written in the coordinators' organisation's name, by Erik's
    // client. Nothing of it is kept.
    let mut s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    let pretend = Participant {
        organisation: "Region Norrvik".into(),
        ..erik.clone()
    };
    e.draft_remaining(&pretend, StanceValue::NoRemarks, &[], NOW)
        .unwrap();
    let u = update(&s, &e);
    forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert_eq!(
        s.agreement().clauses_without_stance("Region Norrvik").len(),
        s.agreement().clause_ids().len()
    );
}

#[test]
fn who_proposes_is_the_agreements_choice_and_supports_are_ones_own() {
    let (karin, erik, sara) = people();
    let c = clause(server(Phase::Drafting).agreement(), "1.3");
    let draft = RemarkDraft {
        kind: RemarkKind::Proposal,
        target: Target::Range { start: 0, end: 6 },
        proposed_text: Some("Detta".into()),
        ..RemarkDraft::comment(&c, "Kortare")
    };
    // By default a member (a politician) proposes wording.
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.write_remark(&erik, draft.clone(), NOW).unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    // Once the coordinator leaves members out, his replica refuses and so does the server,
    // even when the replica claims he is a jurist.
    let mut s = server(Phase::Drafting);
    let only_jurists = samrad_domain::Proposers::from_keys(["jurist", "coordinator"]).unwrap();
    s.agreement().set_proposers(&karin, only_jurists).unwrap();
    let e = replica(&s, ERIK_CLIENT);
    assert_eq!(
        e.write_remark(&erik, draft.clone(), NOW),
        Err(samrad_domain::DomainError::NotAProposer(Role::Member))
    );
    let as_jurist = Participant {
        role: Role::Jurist,
        ..erik.clone()
    };
    e.write_remark(&as_jurist, draft.clone(), NOW).unwrap();
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("propose wording"), "{why}");

    let mut s = server(Phase::Drafting);
    let sr = replica(&s, SARA_CLIENT);
    let p = sr.write_remark(&sara, draft, NOW).unwrap();
    let u = update(&s, &sr);
    assert_eq!(
        apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])),
        Ok(Applied::Changed)
    );
    let e = replica(&s, ERIK_CLIENT);
    // Erik sets a support in Sara's name.
    e.set_support(&sara, &p, Some(samrad_domain::Support::Against))
        .unwrap();
    let u = update(&s, &e);
    forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    // His own is fine, and so is clearing it.
    let e = replica(&s, ERIK_CLIENT);
    e.set_support(&erik, &p, Some(samrad_domain::Support::For))
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    e.set_support(&erik, &p, None).unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
}

#[test]
fn unknown_parts_garbage_and_gaps_are_refused() {
    let (_, erik, _) = people();
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.doc()
        .get_or_insert_map("evil")
        .insert(&mut e.doc().transact_mut(), "x", "y");
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Err(Refusal::UnknownPart("evil".into()))
    );

    let mut s = server(Phase::Drafting);
    assert!(matches!(
        apply(&mut s, &erik, &[1, 2, 3, 4, 5], owns(&[ERIK_CLIENT])),
        Err(Refusal::Malformed(_))
    ));

    // The second of two updates, without the first: it depends on what the server lacks.
    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    e.add_remark(&clause(&e, "1.1"), &erik, "Ett", NOW).unwrap();
    let after_first = e.state_vector();
    e.add_remark(&clause(&e, "1.1"), &erik, "Två", NOW).unwrap();
    let second = e.encode_diff(&after_first).unwrap();
    assert_eq!(
        apply(&mut s, &erik, &second, owns(&[ERIK_CLIENT])),
        Err(Refusal::MissingDependencies)
    );
}

/// Changes no reader would see: yrs integrates them without any observer noticing, so a guard
/// that judged what it observed let them through and relayed them to everybody.
#[test]
fn changes_no_reader_would_see_are_refused() {
    let lars = lars();
    let s = server(Phase::Drafting);
    let c = clause(s.agreement(), "1.1");
    let text = submap(s.agreement(), "clauses", &c);
    let text_id = {
        let txn = s.agreement().doc().transact();
        match text.get(&txn, "text") {
            Some(Out::YText(t)) => {
                match AsRef::<samrad_domain::yrs::branch::Branch>::as_ref(&t).id() {
                    samrad_domain::yrs::BranchID::Nested(id) => Id::new(id.client.get(), id.clock),
                    _ => panic!(),
                }
            }
            _ => panic!(),
        }
    };
    let remark = s.agreement().remarks_of(&clause(s.agreement(), "2.1"))[0]
        .id
        .clone();
    let remark_map = type_id(&submap(s.agreement(), "remarks", &remark));
    let big = "x".repeat(200 * 1024);
    let me = |clock| at(LARS_CLIENT, clock);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "only a garbage-collected run",
            crafted(vec![Block::Gc { id: me(0), len: 5 }]),
        ),
        (
            "a 200 KB string in the unnamed part of a root map",
            crafted(vec![Block::Item(Item::under(
                me(0),
                Parent::Root("remarks"),
                None,
                Content::String(&big),
            ))]),
        ),
        (
            "a formatting mark as a remark's field",
            crafted(vec![Block::Item(Item::under(
                me(0),
                Parent::Type(remark_map),
                Some("body"),
                Content::Format("bold", "true"),
            ))]),
        ),
        (
            "deleted content under a key",
            crafted(vec![Block::Item(Item::under(
                me(0),
                Parent::Root("meta"),
                Some("title"),
                Content::Deleted(3),
            ))]),
        ),
        (
            "an XML element as an entry",
            crafted(vec![Block::Item(Item::under(
                me(0),
                Parent::Root("remarks"),
                Some("r190-0"),
                Content::Type(TypeKind::XmlElement),
            ))]),
        ),
        (
            "an embed in a clause's text",
            crafted(vec![Block::Item(Item::under(
                me(0),
                Parent::Type(text_id),
                None,
                Content::Embed("{}"),
            ))]),
        ),
        (
            "a string inside a remark's map that is not a type",
            crafted(vec![Block::Item(Item::under(
                me(0),
                Parent::Type(char_id(s.agreement(), &c, 0)),
                Some("x"),
                Content::Any(vec![Value::Null]),
            ))]),
        ),
        (
            "a subdocument",
            crafted(vec![Block::Item(Item::under(
                me(0),
                Parent::Root("meta"),
                Some("title"),
                Content::Doc("guid"),
            ))]),
        ),
        (
            "origins in two different places",
            crafted(vec![Block::Item(Item {
                right_origin: Some(char_id(s.agreement(), &c, 3)),
                ..Item::after(me(0), at(1, 0), Content::Any(vec![Value::Null]))
            })]),
        ),
    ];
    for (what, update) in cases {
        let mut s = server(Phase::Drafting);
        let r = refusal(apply(&mut s, &lars, &update, owns(&[LARS_CLIENT])));
        println!("{what}: {r}");
        assert!(
            !matches!(r, Refusal::ForeignClient(_) | Refusal::Internal(_)),
            "{what}: {r}"
        );
    }
}

#[test]
fn writing_into_a_replaced_entry_is_refused() {
    let (_, erik, _) = people();
    let mut s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    let c = clause(&e, "1.1");
    e.set_stance(&erik, &c, StanceValue::Supports, "Först", NOW)
        .unwrap();
    let u = update(&s, &e);
    apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])).unwrap();
    let first = type_id(&submap(
        s.agreement(),
        "stances",
        &format!("{c}@{}", erik.organisation),
    ));
    e.set_stance(&erik, &c, StanceValue::Opposes, "Sedan", NOW)
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    // The first stance's map is deleted; a motivation written into it would never be read.
    let next = s.agreement().doc().transact().state_vector();
    let clock = next.get(&samrad_domain::yrs::ClientID::new(ERIK_CLIENT));
    let u = crafted(vec![Block::Item(Item::under(
        at(ERIK_CLIENT, clock),
        Parent::Type(first),
        Some("motivation"),
        Content::Any(vec![Value::Str("dold")]),
    ))]);
    let r = refusal(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(matches!(r, Refusal::Unseen(_)), "{r}");
}

#[test]
fn a_block_overlapping_what_the_server_has_is_refused() {
    let (karin, _, _) = people();
    let mut s = server(Phase::Drafting);
    let k = replica(&s, KARIN_CLIENT);
    let c = clause(&k, "1.1");
    let start = k.state_vector();
    k.edit_clause_text(&karin, &c, 0, 0, "a").unwrap();
    let u = update(&s, &k);
    apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])).unwrap();
    k.edit_clause_text(&karin, &c, 1, 0, "b").unwrap();
    // "ab" is one block now, starting before what the server has of Karin.
    let overlapping = k.encode_diff(&start).unwrap();
    assert_eq!(
        apply(&mut s, &karin, &overlapping, owns(&[KARIN_CLIENT])),
        Err(Refusal::Overlap(KARIN_CLIENT))
    );
    // What the server lacks is accepted.
    let u = update(&s, &k);
    assert_eq!(
        apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
}

/// An observer's `Any` value nested a million levels deep overflowed the stack of the thread
/// decoding it, aborting the whole server.
#[test]
fn values_nested_past_the_limit_are_refused_before_yrs_reads_them() {
    let lars = lars();
    let mut s = server(Phase::Drafting);
    let depth = 1_000_000;
    // One section of client 400 at clock 0: an Any item under meta/title, arrays in arrays.
    let mut bytes = vec![1, 1];
    bytes.extend([0x90, 0x03, 0]); // client 400, clock 0
    bytes.extend([0x20 | 8, 1, 4]);
    bytes.extend(b"meta");
    bytes.extend([5]);
    bytes.extend(b"title");
    bytes.push(1);
    for _ in 0..depth {
        bytes.extend([117, 1]);
    }
    bytes.extend([126, 0]);
    let r = refusal(apply(&mut s, &lars, &bytes, owns(&[LARS_CLIENT])));
    assert!(matches!(r, Refusal::TooLarge(_)), "{r}");
    assert!(s.agreement().apply_update(&bytes).is_err());
}

#[test]
fn coordinators_manage_phase_and_dispositions() {
    let (karin, erik, _) = people();
    let mut s = server(Phase::Drafting);
    let k = replica(&s, KARIN_CLIENT);
    let id = k.remarks_of(&clause(&k, "2.5"))[0].id.clone();
    k.set_disposition(
        &karin,
        &id,
        samrad_domain::DispositionValue::Noted,
        "Noterat",
        NOW,
    )
    .unwrap();
    k.set_phase(&karin, Phase::Consultation, Some(NOW + 1e9))
        .unwrap();
    k.cut_version(&karin, "Remissversion", NOW).unwrap();
    let u = update(&s, &k);
    assert_eq!(
        apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
    assert_eq!(s.agreement().phase(), Phase::Consultation);

    let mut s = server(Phase::Drafting);
    let e = replica(&s, ERIK_CLIENT);
    let fake = Participant {
        role: Role::Coordinator,
        ..erik.clone()
    };
    e.set_phase(&fake, Phase::Closed, None).unwrap();
    let u = update(&s, &e);
    forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));

    // Nor may a coordinator register participants: the server alone names people.
    let mut s = server(Phase::Drafting);
    let k = replica(&s, KARIN_CLIENT);
    k.register_participant(&Participant {
        name: "Regionstyrelsens ordförande".into(),
        ..erik.clone()
    });
    let u = update(&s, &k);
    let why = forbidden(apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])));
    assert!(why.contains("only the server"), "{why}");
}

#[test]
fn acceptances_are_recorded_and_settled_by_coordinators_only() {
    let (karin, erik, sara) = people();
    let mut s = server(Phase::Drafting);
    let draft = RemarkDraft {
        clause: clause(s.agreement(), "1.1"),
        kind: RemarkKind::Proposal,
        target: Target::Range { start: 0, end: 11 },
        body: "Tydligare".into(),
        proposed_text: Some("Det nya avtalet".into()),
        mentions: vec![],
    };
    let sr = replica(&s, SARA_CLIENT);
    let proposal = sr.write_remark(&sara, draft, NOW).unwrap();
    let u = update(&s, &sr);
    apply(&mut s, &sara, &u, owns(&[SARA_CLIENT])).unwrap();
    let karins = owns(&[KARIN_CLIENT, KARIN_CLIENT + 1]);

    // Karin accepts on two devices at once: both acceptances pass, and so does settling them.
    let (k1, k2) = (replica(&s, KARIN_CLIENT), replica(&s, KARIN_CLIENT + 1));
    k1.accept_proposal(&karin, &proposal, "", NOW).unwrap();
    k2.accept_proposal(&karin, &proposal, "", NOW).unwrap();
    for k in [&k1, &k2] {
        let u = update(&s, k);
        assert_eq!(apply(&mut s, &karin, &u, &karins), Ok(Applied::Changed));
    }
    k1.apply_update(&s.agreement().encode_state()).unwrap();
    assert_eq!(k1.settle_acceptances(&karin), Ok(1));
    let u = update(&s, &k1);
    assert_eq!(apply(&mut s, &karin, &u, &karins), Ok(Applied::Changed));
    assert_eq!(s.agreement().settle_acceptances(&karin), Ok(0));
    let text = s
        .agreement()
        .clause(&clause(s.agreement(), "1.1"))
        .unwrap()
        .text;
    assert_eq!(text.matches("Det nya avtalet").count(), 1, "{text}");

    // A member may neither record an acceptance nor withdraw one.
    let settled = s.agreement().encode_state();
    let fresh = || Guard::new(Agreement::load(1, &settled).unwrap());
    let e = replica(&s, ERIK_CLIENT);
    let acceptances = e.doc().get_or_insert_map("acceptances");
    acceptances.insert(
        &mut e.doc().transact_mut(),
        format!("{proposal}@{ERIK_CLIENT}"),
        MapPrelim::from([("proposal", proposal.as_str())]),
    );
    let mut s = fresh();
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("EditText") || why.contains("needs"), "{why}");
    let e = replica(&s, ERIK_CLIENT);
    let key = format!("{proposal}@{KARIN_CLIENT}");
    assert!(e
        .doc()
        .get_or_insert_map("acceptances")
        .remove(&mut e.doc().transact_mut(), &key)
        .is_some());
    let mut s = fresh();
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("acceptances"), "{why}");

    // Nor does a coordinator change a recorded acceptance, or record one under another key.
    for (key, field, reason) in [
        (format!("{proposal}@{KARIN_CLIENT}"), "by", "set once"),
        (format!("r0-0@{KARIN_CLIENT}"), "proposal", "needs"),
    ] {
        let mut s = fresh();
        let k = replica(&s, KARIN_CLIENT);
        let stored = k.doc().get_or_insert_map("acceptances");
        let mut txn = k.doc().transact_mut();
        match stored.get(&txn, &key) {
            Some(Out::YMap(m)) => {
                m.insert(&mut txn, field, "p-annan");
            }
            _ => {
                stored.insert(
                    &mut txn,
                    key.as_str(),
                    MapPrelim::from([(field, proposal.as_str())]),
                );
            }
        }
        drop(txn);
        let u = update(&s, &k);
        let why = forbidden(apply(&mut s, &karin, &u, &karins));
        assert!(why.contains(reason), "{why}");
    }
}

/// Every operation of the domain, made by the participant allowed to make it, is accepted: the
/// app's writers and the guard share one schema.
#[test]
fn every_honest_operation_is_accepted() {
    let (karin, erik, sara) = people();
    let mut s = server(Phase::Drafting);
    let send = |s: &mut Guard, who: &Participant, r: &Agreement, client: u64, what: &str| {
        let u = update(s, r);
        let owned = move |c: u64| c == client;
        let verdict = apply(s, who, &u, owned);
        assert_eq!(verdict, Ok(Applied::Changed), "{what}");
        r.apply_update(&s.agreement().encode_state()).unwrap();
    };
    let k = replica(&s, KARIN_CLIENT);
    let e = replica(&s, ERIK_CLIENT);
    let j = replica(&s, SARA_CLIENT);
    let chapter = k.chapters()[0].id.clone();
    let c11 = clause(&k, "1.1");

    let new = k
        .insert_clause(&karin, &chapter, Some(&c11), "1.1a", "Ny", "Helt ny text.")
        .unwrap();
    send(&mut s, &karin, &k, KARIN_CLIENT, "insert a clause");
    k.set_clause_heading(&karin, &new, "1.1b", "Nyare").unwrap();
    k.edit_clause_text(&karin, &new, 0, 5, "Alldeles").unwrap();
    k.set_clause_text(&karin, &c11, "Detta avtal gäller alla parter.")
        .unwrap();
    send(&mut s, &karin, &k, KARIN_CLIENT, "edit clause and text");
    let last = k.chapters()[2].id.clone();
    k.move_clause(&karin, &new, &last, None).unwrap();
    send(&mut s, &karin, &k, KARIN_CLIENT, "move a clause");
    k.remove_clause(&karin, &new).unwrap();
    send(&mut s, &karin, &k, KARIN_CLIENT, "remove a clause");
    k.set_respondent(&karin, &erik.organisation, &erik.id)
        .unwrap();
    k.cut_version(&karin, "Utkast 15 januari", NOW).unwrap();
    send(&mut s, &karin, &k, KARIN_CLIENT, "respondent and version");

    e.apply_update(&s.agreement().encode_state()).unwrap();
    j.apply_update(&s.agreement().encode_state()).unwrap();
    let draft = RemarkDraft {
        clause: c11.clone(),
        kind: RemarkKind::Proposal,
        target: Target::Range { start: 0, end: 5 },
        body: "Kortare".into(),
        proposed_text: Some("Avtalet".into()),
        mentions: vec![erik.id.clone()],
    };
    let proposal = j.write_remark(&sara, draft, NOW).unwrap();
    send(
        &mut s,
        &sara,
        &j,
        SARA_CLIENT,
        "a proposal with an anchor and a mention",
    );
    e.apply_update(&s.agreement().encode_state()).unwrap();
    let question = RemarkDraft {
        kind: RemarkKind::Question,
        ..RemarkDraft::comment(&c11, "Vilka parter?")
    };
    let q = e.write_remark(&erik, question, NOW).unwrap();
    let reply = e
        .reply_mentioning(
            &proposal,
            &erik,
            "Bra, @Sara",
            std::slice::from_ref(&sara.id),
            NOW,
        )
        .unwrap();
    e.edit_remark(&erik, &q, "Vilka parter avses?", None, NOW)
        .unwrap();
    e.set_support(&erik, &proposal, Some(samrad_domain::Support::For))
        .unwrap();
    send(
        &mut s,
        &erik,
        &e,
        ERIK_CLIENT,
        "question, reply, edit, support",
    );
    e.withdraw_remark(&erik, &reply).unwrap();
    send(&mut s, &erik, &e, ERIK_CLIENT, "withdraw");
    j.apply_update(&s.agreement().encode_state()).unwrap();
    j.edit_remark(
        &sara,
        &proposal,
        "Kortare och tydligare",
        Some("Avtalet"),
        NOW,
    )
    .unwrap();
    send(&mut s, &sara, &j, SARA_CLIENT, "edit a proposal");

    k.apply_update(&s.agreement().encode_state()).unwrap();
    k.set_disposition(
        &karin,
        &q,
        samrad_domain::DispositionValue::Answered,
        "Alla tolv.",
        NOW,
    )
    .unwrap();
    k.accept_proposal(&karin, &proposal, "Bättre.", NOW)
        .unwrap();
    k.set_phase(&karin, Phase::Consultation, Some(NOW + 10.0 * DAY))
        .unwrap();
    k.extend_deadline(&karin, &erik.organisation, NOW + 20.0 * DAY)
        .unwrap();
    send(
        &mut s,
        &karin,
        &k,
        KARIN_CLIENT,
        "dispose, accept, phase, extension",
    );

    e.apply_update(&s.agreement().encode_state()).unwrap();
    e.set_stance(
        &erik,
        &c11,
        StanceValue::SupportsWithChanges,
        "Med ändring",
        NOW,
    )
    .unwrap();
    e.set_stance(&erik, &c11, StanceValue::Supports, "Tillstyrks", NOW)
        .unwrap();
    send(&mut s, &erik, &e, ERIK_CLIENT, "a stance drafted twice");
    e.send_answer(&erik, NOW).unwrap();
    send(&mut s, &erik, &e, ERIK_CLIENT, "an answer");
    let answer = &s.agreement().answers_of(&erik.organisation)[0];
    assert_eq!(answer.sent_ms, NOW);
}

/// Hostile encodings that yrs 0.28.1 would decode on trust (found by fuzzing the server):
/// each is refused as malformed, by the guard and by `apply_update`, and the document is left
/// as it was.
#[test]
fn updates_yrs_would_take_on_trust_are_refused_before_yrs_reads_them() {
    let mut server = server(Phase::Drafting);
    let (_, erik, _) = people();
    let varint = |mut n: u64| {
        let mut out = Vec::new();
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return out;
            }
            out.push(byte | 0x80);
        }
    };
    // One section, one block, from a client id wider than 53 bits.
    let mut wide_client = vec![1, 1];
    wide_client.extend(varint(1 << 60));
    wide_client.extend([0, 0]);
    // A section whose first clock is next to 2^32, with a skip block that runs past it.
    let mut clock_overflow = vec![1, 1];
    clock_overflow.extend(varint(ERIK_CLIENT));
    clock_overflow.extend(varint(u64::from(u32::MAX) - 1));
    // A skip block of 1,000 clocks, then an empty delete set.
    clock_overflow.push(10);
    clock_overflow.extend(varint(1000));
    clock_overflow.push(0);
    // A count of client sections no update of four bytes can hold.
    let huge_count = varint(u64::from(u32::MAX));
    // No blocks; one deleted range of length 0 at Erik's clock 0, which yrs keeps as a pending
    // deletion for good (found by fuzzing the guard).
    let mut empty_range = vec![0, 1];
    empty_range.extend(varint(ERIK_CLIENT));
    empty_range.extend([1, 0, 0]);
    for (what, bytes) in [
        ("a client id wider than 53 bits", wide_client),
        ("clocks past 2^32", clock_overflow),
        ("a count larger than the bytes", huge_count),
        ("an empty deleted range", empty_range),
    ] {
        let judged = apply(&mut server, &erik, &bytes, owns(&[ERIK_CLIENT]));
        assert!(
            matches!(judged, Err(Refusal::Malformed(_))),
            "{what}: {judged:?}"
        );
        // (The store's own log is read as written; only a peer's update is held to this.)
        if what != "an empty deleted range" {
            assert!(
                server.agreement().apply_update(&bytes).is_err(),
                "{what} applied"
            );
        }
    }
}

/// The fields of an honest answer of `who`'s organisation with one stance on `clause`, to alter
/// one at a time.
fn answer_fields(who: &Participant, clause: &str) -> Vec<(&'static str, In)> {
    let row = Any::Array(vec![Any::from(clause), Any::from("supports"), Any::from("Bra.")].into());
    vec![
        ("organisation", In::from(who.organisation.as_str())),
        ("sent_by", In::from(who.id.as_str())),
        ("sent_ms", In::from(NOW)),
        ("stances", In::Any(Any::Array(vec![row].into()))),
    ]
}

/// Decision notes as stored: rows of `[kind, party or clause, text]`.
fn notes(rows: &[[&str; 3]]) -> In {
    let rows: Vec<Any> = rows
        .iter()
        .map(|r| Any::Array(r.iter().map(|s| Any::from(*s)).collect::<Vec<_>>().into()))
        .collect();
    In::Any(Any::Array(rows.into()))
}

fn decision(clause: &str) -> samrad_domain::Decision {
    samrad_domain::Decision {
        body: "Kommunstyrelsen".into(),
        // NOW is 15 January 2027.
        date: "2027-01-12".into(),
        item: "§ 4".into(),
        reservations: vec![samrad_domain::Reservation {
            party: "Vänsterpartiet".into(),
            kind: samrad_domain::ReservationKind::Reservation,
            text: "Vi yrkar avslag.".into(),
        }],
        conditions: vec![samrad_domain::Condition {
            clause: clause.into(),
            text: "men med den endring at siste kulepunkt fell bort".into(),
        }],
    }
}

#[test]
fn an_answer_carries_its_decision_and_a_malformed_decision_is_refused() {
    let (_, erik, _) = people();
    let mut s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    let c11 = clause(&e, "1.1");
    e.set_stance(&erik, &c11, StanceValue::Supports, "Bra.", NOW)
        .unwrap();
    e.send_answer_with(&erik, Some(&decision(&c11)), NOW)
        .unwrap();
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    let sent = s.agreement().answers_of(&erik.organisation);
    assert_eq!(sent[0].decision, Some(decision(&c11)));
    assert!(!sent[0].on_behalf);

    // Written by hand, past the domain's own check: each is refused, and says why.
    let honest = || {
        with(
            with(
                answer_fields(&erik, &c11),
                "decision_body",
                In::from("Kommunstyrelsen"),
            ),
            "decision_date",
            In::from("2027-01-12"),
        )
    };
    type Fields = Vec<(&'static str, In)>;
    let tries: Vec<(&str, &str, Fields)> = vec![
        (
            "no body",
            "deciding body is not named",
            with(honest(), "decision_body", In::from(" ")),
        ),
        (
            "a day that does not exist",
            "is not a date",
            with(honest(), "decision_date", In::from("2027-02-30")),
        ),
        (
            "a date in words",
            "is not a date",
            with(honest(), "decision_date", In::from("12 januari")),
        ),
        (
            "a date to come",
            "in the future",
            with(honest(), "decision_date", In::from("2027-06-01")),
        ),
        (
            "a date only",
            "deciding body is not named",
            with(
                answer_fields(&erik, &c11),
                "decision_date",
                In::from("2027-01-12"),
            ),
        ),
        (
            "a note of no known kind",
            "reservations, statements or conditions",
            with(honest(), "decision_notes", notes(&[["veto", "V", "Nej."]])),
        ),
        (
            "a reservation without its party",
            "names no party",
            with(
                honest(),
                "decision_notes",
                notes(&[["reservation", "", "Nej."]]),
            ),
        ),
        (
            "a reservation saying nothing",
            "says nothing",
            with(
                honest(),
                "decision_notes",
                notes(&[["special_statement", "C", " "]]),
            ),
        ),
        (
            "a condition on a clause not answered",
            "does not answer",
            with(
                honest(),
                "decision_notes",
                notes(&[["condition", &clause(&e, "1.2"), "Villkor."]]),
            ),
        ),
        (
            "a body's name of a page",
            "too long",
            with(
                honest(),
                "decision_body",
                In::from("K".repeat(121).as_str()),
            ),
        ),
        (
            "a body that is not text",
            "must be a string",
            with(honest(), "decision_body", In::from(7.0)),
        ),
    ];
    for (what, expected, fields) in tries {
        let mut s = server(Phase::Consultation);
        let e = replica(&s, ERIK_CLIENT);
        raw_entry(&e, "answers", 'a', fields);
        let u = update(&s, &e);
        let why = match refusal(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT]))) {
            Refusal::Forbidden { what, reason } => format!("{what}: {reason}"),
            other => other.to_string(),
        };
        println!("{what}: refused ({why})");
        assert!(why.contains(expected), "{what}: {why}");
    }
    // And the honest hand-written one is accepted.
    let mut s = server(Phase::Consultation);
    let e = replica(&s, ERIK_CLIENT);
    raw_entry(&e, "answers", 'a', honest());
    let u = update(&s, &e);
    assert_eq!(
        apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
}

#[test]
fn only_a_coordinator_records_an_answer_for_an_organisation_that_was_consulted() {
    let (karin, erik, sara) = people();
    let mut s = server(Phase::Consultation);
    let k = replica(&s, KARIN_CLIENT);
    let c11 = clause(&k, "1.1");
    let by_mail = [(
        c11.clone(),
        samrad_domain::Stance {
            value: StanceValue::Opposes,
            motivation: "Enligt e-post från kommunen.".into(),
        },
    )];
    k.record_answer(
        &karin,
        &erik.organisation,
        &by_mail,
        Some(&decision(&c11)),
        NOW,
    )
    .unwrap();
    let u = update(&s, &k);
    assert_eq!(
        apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
    let sent = s.agreement().answers_of(&erik.organisation);
    assert!(sent[0].on_behalf && sent[0].sent_by == karin.id);
    assert_eq!(sent[0].stances[&c11].value, StanceValue::Opposes);
    // While merging too: answers still arrive by e-mail.
    let mut s = server(Phase::Merging);
    let k = replica(&s, KARIN_CLIENT);
    k.record_answer(&karin, &sara.organisation, &by_mail, None, NOW)
        .unwrap();
    let u = update(&s, &k);
    assert_eq!(
        apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );

    let recorded = |who: &Participant, org: &str| {
        with(
            with(
                with(answer_fields(who, &c11), "organisation", In::from(org)),
                "on_behalf",
                In::from(true),
            ),
            "sent_by",
            In::from(who.id.as_str()),
        )
    };
    let tries = [
        (
            "a member's answer marked as recorded for his own organisation",
            "RecordAnswer",
            &erik,
            Phase::Consultation,
            recorded(&erik, &erik.organisation),
        ),
        (
            "a member's answer recorded for another organisation",
            "RecordAnswer",
            &erik,
            Phase::Consultation,
            recorded(&erik, &sara.organisation),
        ),
        (
            "a coordinator's answer for an organisation not consulted",
            "was not consulted",
            &karin,
            Phase::Consultation,
            recorded(&karin, "Okända kommunen"),
        ),
        (
            "a coordinator's answer recorded while drafting",
            "RecordAnswer while the agreement is in Drafting",
            &karin,
            Phase::Drafting,
            recorded(&karin, &erik.organisation),
        ),
        (
            "a coordinator's answer for someone else's organisation, not marked as recorded",
            "one's own organisation",
            &karin,
            Phase::Consultation,
            with(
                answer_fields(&karin, &c11),
                "organisation",
                In::from(erik.organisation.as_str()),
            ),
        ),
        (
            "a member's answer for someone else's organisation",
            "one's own organisation",
            &erik,
            Phase::Consultation,
            with(
                answer_fields(&erik, &c11),
                "organisation",
                In::from(sara.organisation.as_str()),
            ),
        ),
        (
            "a recorded answer naming another coordinator as its writer",
            "sent_by must be the writer",
            &karin,
            Phase::Consultation,
            with(
                recorded(&karin, &erik.organisation),
                "sent_by",
                In::from("p-someone-else"),
            ),
        ),
    ];
    for (what, expected, who, phase, fields) in tries {
        let mut s = server(phase);
        let client = if who.id == karin.id {
            KARIN_CLIENT
        } else {
            ERIK_CLIENT
        };
        let r = replica(&s, client);
        raw_entry(&r, "answers", 'a', fields);
        let u = update(&s, &r);
        let why = forbidden(apply(&mut s, who, &u, |c| c == client));
        println!("{what}: refused ({why})");
        assert!(why.contains(expected), "{what}: {why}");
    }
    // The domain refuses the same before writing anything.
    let k = replica(&server(Phase::Consultation), KARIN_CLIENT);
    assert_eq!(
        k.record_answer(&karin, "Okända kommunen", &by_mail, None, NOW),
        Err(samrad_domain::DomainError::NotConsulted(
            "Okända kommunen".into()
        ))
    );
    assert!(k
        .record_answer(&erik, &erik.organisation, &by_mail, None, NOW)
        .is_err());
}

#[test]
fn responses_are_written_by_coordinators_while_compiling() {
    let (karin, erik, _) = people();
    let mut s = server(Phase::Merging);
    let k = replica(&s, KARIN_CLIENT);
    let c32 = clause(&k, "3.2");
    k.set_response(&karin, &c32, "Skrivningen om sanktioner stryks.", NOW)
        .unwrap();
    let u = update(&s, &k);
    assert_eq!(
        apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
    // A keystroke into the same text a second on: who and when stay, typing adds only text.
    k.edit_response(&karin, &c32, (0, 0, "Bemötande: "), NOW + 1_000.0)
        .unwrap();
    let u = update(&s, &k);
    assert_eq!(
        apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
    let written = s.agreement().response(&c32).unwrap();
    assert_eq!(written.text, "Bemötande: Skrivningen om sanktioner stryks.");
    assert_eq!(
        (written.updated_by.as_str(), written.updated_ms),
        (karin.id.as_str(), NOW)
    );
    // Two minutes on, the next keystroke moves "last changed" on.
    let later = NOW + 120_000.0;
    k.edit_response(&karin, &c32, (0, 0, "→ "), later).unwrap();
    let u = update(&s, &k);
    assert_eq!(
        apply_at(&mut s, &karin, later, &u, owns(&[KARIN_CLIENT])),
        Ok(Applied::Changed)
    );
    assert_eq!(s.agreement().response(&c32).unwrap().updated_ms, later);

    // A member types into it, as a coordinator would.
    let e = replica(&s, ERIK_CLIENT);
    let fake = Participant {
        role: Role::Coordinator,
        ..erik.clone()
    };
    e.edit_response(&fake, &c32, (0, 0, "Nej. "), NOW).unwrap();
    let u = update(&s, &e);
    let why = forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    assert!(why.contains("responses/"), "{why}");
    // A member writes one on another clause.
    let e = replica(&s, ERIK_CLIENT);
    e.set_response(&fake, &clause(&e, "1.1"), "Vi svarar själva.", NOW)
        .unwrap();
    let u = update(&s, &e);
    forbidden(apply(&mut s, &erik, &u, owns(&[ERIK_CLIENT])));
    // A coordinator names someone else as its writer, or writes on no clause, or while drafting.
    let k = replica(&s, KARIN_CLIENT);
    let someone = Participant {
        id: "p-someone".into(),
        ..karin.clone()
    };
    k.set_response(&someone, &c32, "Ändrat.", NOW).unwrap();
    let u = update(&s, &k);
    forbidden(apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])));
    let k = replica(&s, KARIN_CLIENT);
    raw_entry(
        &k,
        "responses",
        'x',
        vec![
            ("text", In::Text(TextPrelim::new("Om inget.").into())),
            ("updated_by", In::from(karin.id.as_str())),
            ("updated_ms", In::from(NOW)),
        ],
    );
    let u = update(&s, &k);
    let why = forbidden(apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])));
    assert!(why.contains("no clause"), "{why}");
    let mut drafting = server(Phase::Drafting);
    let k = replica(&drafting, KARIN_CLIENT);
    let early = Agreement::load(KARIN_CLIENT, &k.encode_state()).unwrap();
    early.set_phase(&karin, Phase::Merging, None).unwrap();
    early
        .set_response(&karin, &c32, "För tidigt.", NOW)
        .unwrap();
    early.set_phase(&karin, Phase::Drafting, None).unwrap();
    let u = update(&drafting, &early);
    forbidden(apply(&mut drafting, &karin, &u, owns(&[KARIN_CLIENT])));
}

/// A twin shares its guard's description of the document only over a replica holding the
/// same state, and then judges as the guard would: a remark is accepted and integrated into
/// the twin's replica alone, and a reply to it is placed by what the twin learnt.
#[test]
fn a_twin_guards_only_a_replica_of_the_same_state() {
    let (karin, erik, _) = people();
    let guard = server(Phase::Consultation);
    let moved_on = Agreement::load(1, &guard.agreement().encode_state()).unwrap();
    moved_on.set_case_number(&karin, Some("RS 1")).unwrap();
    assert!(guard.twin(moved_on).is_none());
    let copy = Agreement::load(1, &guard.agreement().encode_state()).unwrap();
    let mut twin = guard.twin(copy).expect("the same state");
    let c11 = clause(twin.agreement(), "1.1");
    let r = replica(&twin, ERIK_CLIENT);
    let id = r
        .write_remark(&erik, RemarkDraft::comment(&c11, "Här"), NOW)
        .unwrap();
    let u = update(&twin, &r);
    assert_eq!(
        apply(&mut twin, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
    assert!(guard.agreement().remark(&id).is_none());
    r.reply(&id, &erik, "Och här", NOW).unwrap();
    let u = update(&twin, &r);
    assert_eq!(
        apply(&mut twin, &erik, &u, owns(&[ERIK_CLIENT])),
        Ok(Applied::Changed)
    );
}

/// What the server says to a coordinator who writes a phase's stamp under `key` themselves
/// (claiming the merging began 20 days ago): the update must be refused.
fn forge_phase_stamp(s: &mut Guard, karin: &Participant, key: &str) -> String {
    let k = replica(s, KARIN_CLIENT);
    let forged = k.doc().get_or_insert_map("stamps");
    {
        let mut txn = k.doc().transact_mut();
        let fields: MapPrelim = vec![
            ("stored_ms", In::from(NOW - 20.0 * DAY)),
            ("phase", In::from("merging")),
        ]
        .into_iter()
        .collect();
        forged.insert(&mut txn, key, fields);
    }
    let u = update(s, &k);
    forbidden(apply(s, karin, &u, owns(&[KARIN_CLIENT])))
}

#[test]
fn a_change_of_phase_is_stamped_with_the_time_the_server_stored_it_and_a_forged_one_is_refused() {
    let (karin, _, _) = people();
    let mut s = server(Phase::Drafting);
    assert_eq!(s.agreement().phase_starts(), vec![]);
    let k = replica(&s, KARIN_CLIENT);
    k.set_phase(&karin, Phase::Consultation, Some(NOW + 10.0 * DAY))
        .unwrap();
    let u = update(&s, &k);
    let later = NOW + 3.0 * DAY;
    apply_at(&mut s, &karin, later, &u, owns(&[KARIN_CLIENT])).unwrap();
    let began = samrad_domain::PhaseStart {
        phase: Phase::Consultation,
        began_ms: later,
    };
    assert_eq!(s.agreement().phase_starts(), vec![began]);
    // An update that leaves the phase as it is stamps nothing new.
    let k = replica(&s, KARIN_CLIENT);
    k.set_title("Ny titel");
    let u = update(&s, &k);
    apply_at(&mut s, &karin, later + DAY, &u, owns(&[KARIN_CLIENT])).unwrap();
    assert_eq!(s.agreement().phase_starts(), vec![began]);
    // Even a coordinator may not write the stamp: only the server knows when it stored a change.
    let why = forge_phase_stamp(&mut s, &karin, "phase:merging");
    assert!(why.contains("stamps/phase:merging"), "{why}");
    assert_eq!(s.agreement().phase_starts(), vec![began]);
    // Nor the log of changes.
    let why = forge_phase_stamp(&mut s, &karin, "phase:1");
    assert!(why.contains("stamps/phase:1"), "{why}");
    assert_eq!(s.agreement().phase_history(), vec![began]);
}

/// Moves the server's agreement to `phase` at `at`, as the coordinator Karin: a remiss is sent
/// with a version cut for it.
fn change_phase(s: &mut Guard, phase: Phase, at: f64) {
    let (karin, _, _) = people();
    let k = replica(s, KARIN_CLIENT);
    if phase == Phase::Consultation {
        let cut = format!("Remiss {at}");
        k.send_on_remiss(&karin, at + 10.0 * DAY, Some(&cut), at)
            .unwrap();
    } else {
        k.set_phase(&karin, phase, None).unwrap();
    }
    let u = update(s, &k);
    apply_at(s, &karin, at, &u, owns(&[KARIN_CLIENT])).unwrap();
}

#[test]
fn a_closing_remiss_keeps_whom_it_went_to_and_a_forged_list_is_refused() {
    let (karin, erik, _) = people();
    let mut s = server(Phase::Drafting);
    let sent_to = s.agreement().consulted_organisations();
    assert_eq!(sent_to.len(), 2, "{sent_to:?}");
    change_phase(&mut s, Phase::Consultation, NOW + DAY);
    assert_eq!(s.agreement().last_remiss_recipients(), None);
    change_phase(&mut s, Phase::Merging, NOW + 12.0 * DAY);
    assert_eq!(
        s.agreement().last_remiss_recipients(),
        Some(sent_to.clone())
    );

    // An organisation invited once the remiss had closed did not get it: it is not counted as
    // consulted, in the compilation or anywhere, and no answer can be recorded for it.
    let late = Participant {
        id: "p-late".into(),
        name: "Lena Ek".into(),
        organisation: "Nya kommunen".into(),
        ..erik.clone()
    };
    s.write_as_server(|a, txn| a.register_participant_in(txn, &late));
    assert_eq!(s.agreement().consulted_organisations(), sent_to);
    let remiss = s.agreement().remiss_version().unwrap();
    let compiled = s.agreement().compilation(&remiss).unwrap();
    assert_eq!(compiled.summary.consulted, sent_to.len());
    let named: Vec<&str> = compiled
        .introduction
        .organisations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(named, sent_to);
    let k = replica(&s, KARIN_CLIENT);
    let c11 = clause(&k, "1.1");
    let by_mail = [(
        c11,
        samrad_domain::Stance {
            value: StanceValue::Supports,
            motivation: String::new(),
        },
    )];
    assert_eq!(
        k.record_answer(&karin, "Nya kommunen", &by_mail, None, NOW + 13.0 * DAY),
        Err(samrad_domain::DomainError::NotConsulted(
            "Nya kommunen".into()
        ))
    );

    // Tried: the coordinator writes the late organisation into the server's record of the
    // closed remiss — the log entry of the phase that closed it, which has a list, and the one
    // that opened it, which has none. Only the server writes stamps.
    for key in ["phase:1", "phase:0"] {
        let k = replica(&s, KARIN_CLIENT);
        let stamps = k.doc().get_or_insert_map("stamps");
        {
            let mut txn = k.doc().transact_mut();
            let Some(Out::YMap(entry)) = stamps.get(&txn, key) else {
                panic!("{key} is not in the log");
            };
            let forged: Vec<Any> = std::iter::once("Nya kommunen")
                .chain(sent_to.iter().map(String::as_str))
                .map(Any::from)
                .collect();
            entry.insert(&mut txn, "recipients", In::Any(Any::Array(forged.into())));
        }
        let u = update(&s, &k);
        let why = forbidden(apply(&mut s, &karin, &u, owns(&[KARIN_CLIENT])));
        println!("a forged list of recipients in {key}: refused ({why})");
        assert!(why.contains(&format!("stamps/{key}")), "{why}");
    }
    assert_eq!(
        s.agreement().last_remiss_recipients(),
        Some(sent_to.clone())
    );

    // A remiss sent again goes to whoever takes part then, the late organisation too; closing
    // it records that.
    change_phase(&mut s, Phase::Consultation, NOW + 20.0 * DAY);
    let now_consulted = s.agreement().consulted_organisations();
    assert!(now_consulted.iter().any(|o| o == "Nya kommunen"));
    change_phase(&mut s, Phase::Merging, NOW + 31.0 * DAY);
    assert_eq!(
        s.agreement().last_remiss_recipients(),
        Some(now_consulted.clone())
    );
    assert_eq!(s.agreement().consulted_organisations(), now_consulted);
}

#[test]
fn a_phase_entered_again_keeps_each_start_in_the_history_and_its_latest_in_the_starts() {
    let (karin, _, _) = people();
    let mut s = server(Phase::Drafting);
    let mut at = NOW;
    let mut history = Vec::new();
    assert_eq!(s.agreement().last_consultation(), None);
    for phase in [
        Phase::Consultation,
        Phase::Merging,
        Phase::Consultation,
        Phase::Merging,
    ] {
        at += DAY;
        let k = replica(&s, KARIN_CLIENT);
        let deadline = (phase == Phase::Consultation).then_some(at + 10.0 * DAY);
        k.set_phase(&karin, phase, deadline).unwrap();
        let u = update(&s, &k);
        apply_at(&mut s, &karin, at, &u, owns(&[KARIN_CLIENT])).unwrap();
        history.push(samrad_domain::PhaseStart {
            phase,
            began_ms: at,
        });
        // Open while it is the phase; ended by the phase after it.
        let last = s.agreement().last_consultation();
        match phase {
            Phase::Consultation => assert_eq!(last, Some((at, None))),
            _ => assert_eq!(last, Some((at - DAY, Some(at)))),
        }
    }
    assert_eq!(s.agreement().phase_history(), history);
    // When each phase last began: the second remiss and the second compilation.
    assert_eq!(s.agreement().phase_starts(), history[2..].to_vec());
    // A replica reads the same history from the server's stamps.
    let k = replica(&s, KARIN_CLIENT);
    assert_eq!(k.phase_history(), history);
}
