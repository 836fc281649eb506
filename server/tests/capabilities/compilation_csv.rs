//! The compilation as a spreadsheet, read back with the csv crate as Excel would read it: one
//! row per consulted organisation and clause sent on remiss, å ä ö æ ø intact, each language's
//! words and separator, and a field that would run as a formula shown instead.

use crate::support::{consultation_round, csv_rows};
use samrad_domain::{Agreement, Participant, Phase, Role, StanceValue};
use samrad_server::compilation::csv;
use samrad_server::docx::Lang;
use std::collections::BTreeSet;

/// The fields every row has.
const COLUMNS: usize = 18;

#[test]
fn every_organisation_and_clause_is_a_row_with_its_letters_intact() {
    let compilation = consultation_round();
    let rows = csv_rows(&csv::write(&compilation, Lang::Sv).expect("written"), b';');
    assert_eq!(
        rows[0][..6],
        [
            "Kapitel",
            "Punkt",
            "Rubrik",
            "Organisation",
            "Ställningstagande",
            "Motivering"
        ]
    );
    // Four clauses were sent (2.3 came after), six organisations were asked.
    assert_eq!(rows.len(), 1 + 4 * 6);
    assert!(rows.iter().all(|r| r.len() == COLUMNS));
    let pairs: BTreeSet<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[1].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(pairs.len(), 24);
    let find = |clause: &str, org: &str| {
        rows.iter()
            .find(|r| r[1] == clause && r[3] == org)
            .unwrap_or_else(|| panic!("no row for {org} on {clause}"))
    };
    let royrvik = find("1.1", "Røyrvik kommune");
    assert_eq!(royrvik[4], "Tillstyrker med ändring");
    assert_eq!(royrvik[5], "Samarbeidet over grensen bør nevnes i avtalen.");
    assert_eq!(
        royrvik[15],
        "Ingrid Bjørnstad: Røyrvik kommune ønsker at samarbeidet over riksgrensen om ambulanse og legevakt nevnes særskilt.",
        "its remark on 1.1, with who wrote it"
    );
    assert_eq!(royrvik[16], "", "no response on 1.1");
    assert_eq!(royrvik[17], "Oförändrad");
    // Strandvik's second answer counts; sent at 15:00 Swedish time.
    let strandvik = find("2.1", "Strandviks kommun");
    assert_eq!(
        strandvik[..9],
        [
            "2",
            "2.1",
            "Läkarinsatser",
            "Strandviks kommun",
            "Avstyrker",
            "Utan läkare dygnet runt kan kommunen inte ta över ansvaret.",
            "2",
            "2027-03-12 15:00",
            "Erik Johansson"
        ]
    );
    // The coordinators' response on 2.1 stands on every organisation's row of the clause.
    assert_eq!(
        strandvik[16],
        samrad_domain::demo::consultation::RESPONSE_21
    );
    assert_eq!(strandvik[17], "Ändrad");
    let silent = find("2.2", "Östra Höglands kommun");
    assert_eq!(silent[4..9], ["Ej svarat", "", "", "", ""]);
    // Åsele answered by e-mail; the coordinator recorded it with its board's decision.
    let asele = find("2.2", "Åsele kommun");
    assert_eq!(asele[4], "Tillstyrker");
    assert_eq!(
        asele[8..13],
        [
            "Karin Lindqvist",
            "Karin Lindqvist 2027-03-19 11:00",
            "Kommunstyrelsens arbetsutskott",
            "2027-03-16",
            "§ 31"
        ]
    );
    // Strandvik's board, with a reservation and a special statement on lines of their own.
    assert_eq!(strandvik[10..13], ["Kommunstyrelsen", "2027-03-11", "§ 45"]);
    assert_eq!(
        strandvik[13],
        "Reservation (Vänsterpartiet): Vi yrkar att avtalet avstyrks i sin helhet.\nSärskilt yttrande (Centerpartiet): Avståndet till jourläkare på landsbygden måste beaktas."
    );
    // Sjöbygden's proposal on 2.1: its words, then the wording it put forward, labelled.
    assert_eq!(
        find("2.1", "Kommunalförbundet Sjöbygden")[15],
        "Sara Nyström: Kommunerna behöver läkarstöd även kvällar och helger.\nFöreslagen lydelse: planerade och akuta insatser dygnet runt"
    );
    // Sjöbygden's board set a condition on 2.1, and on 2.1 only.
    let condition = "Tillstyrks under förutsättning att läkarstöd dygnet runt skrivs in.";
    assert_eq!(find("2.1", "Kommunalförbundet Sjöbygden")[14], condition);
    assert_eq!(find("2.2", "Kommunalförbundet Sjöbygden")[14], "");
    assert_eq!(find("2.2", "Älvsby kommun")[7], "2027-03-30 18:00");
}

#[test]
fn norwegian_and_english_readers_get_their_words_and_separators() {
    let compilation = consultation_round();
    let nb = csv_rows(&csv::write(&compilation, Lang::Nb).expect("written"), b';');
    assert_eq!(nb[0][3..6], ["Organisasjon", "Standpunkt", "Begrunnelse"]);
    assert_eq!(nb[0][13], "Dissenser og særmerknader");
    let sjobygden = nb
        .iter()
        .find(|r| r[1] == "2.2" && r[3] == "Kommunalförbundet Sjöbygden");
    assert_eq!(
        sjobygden.map(|r| r[4].as_str()),
        Some("Støtter med endring")
    );
    let nn = csv_rows(&csv::write(&compilation, Lang::Nn).expect("written"), b';');
    assert_eq!(nn[0][16], "Vurdering");
    assert_eq!(nn[1][17], "Uendra");
    let en = csv_rows(&csv::write(&compilation, Lang::En).expect("written"), b',');
    assert_eq!(en[0][..2], ["Chapter", "Clause"]);
    assert_eq!(en.len(), 25);
    assert!(en.iter().any(|r| r[4] == "Supports with changes"));
}

#[test]
fn a_field_that_would_be_a_formula_is_shown_not_run() {
    // A member's motivations, written to run in the coordinator's spreadsheet.
    let karin = Participant {
        id: "p-k".into(),
        name: "Karin".into(),
        organisation: "Region".into(),
        role: Role::Coordinator,
    };
    let erik = Participant {
        id: "p-e".into(),
        name: "@Erik".into(),
        organisation: "=Kommun".into(),
        role: Role::Member,
    };
    let a = Agreement::new(1);
    a.register_participant(&karin);
    a.register_participant(&erik);
    let chapter = a.add_chapter("1", "Inledning");
    let hostile = [
        "=HYPERLINK(\"http://example.com\";\"Klicka\")",
        "+46 70 123 45 67",
        "-1+1",
        "@SUM(A1:A9)",
    ];
    let mut clauses = Vec::new();
    for n in 0..hostile.len() {
        let id = a.add_clause(&chapter, &format!("1.{}", n + 1), "Rubrik", "Text.");
        clauses.push(id.expect("a clause"));
    }
    let remiss = a.cut_version(&karin, "Remiss", 1.0).expect("cut");
    a.set_phase(&karin, Phase::Consultation, None)
        .expect("remiss");
    a.set_respondent(&karin, &erik.organisation, &erik.id)
        .expect("respondent");
    for (clause, motivation) in clauses.iter().zip(hostile) {
        a.set_stance(&erik, clause, StanceValue::Opposes, motivation, 2.0)
            .expect("stance");
    }
    a.send_answer(&erik, 3.0).expect("answer");
    let compilation = a.compilation(&remiss).expect("compiles");
    let rows = csv_rows(&csv::write(&compilation, Lang::Sv).expect("written"), b';');
    assert_eq!(rows.len(), 1 + hostile.len());
    for (row, motivation) in rows[1..].iter().zip(hostile) {
        assert_eq!(row[3], "'=Kommun");
        assert_eq!(row[5], format!("'{motivation}"));
        assert_eq!(row[8], "'@Erik");
        assert_eq!(row[4], "Avstyrker");
    }
}
