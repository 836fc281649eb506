//! The demo agreement the server seeds on first start: a draft hälso- och sjukvårdsavtal
//! between a region and the municipalities in its county, written for Samråd. The people and
//! organisations are invented.

pub mod consultation;

use crate::{Agreement, DomainError, Participant, Role};

/// The demo's id in URLs and in the store.
pub const AGREEMENT_ID: &str = "hsa-norrvik-2027";

/// The demo participants: a coordinator, a politician and a lawyer from three organisations,
/// and an observer (a civil servant who follows the work but writes nothing).
pub fn participants() -> Vec<Participant> {
    vec![
        Participant {
            id: "p-karin-lindqvist".into(),
            name: "Karin Lindqvist".into(),
            organisation: "Region Norrvik".into(),
            role: Role::Coordinator,
        },
        Participant {
            id: "p-erik-johansson".into(),
            name: "Erik Johansson".into(),
            organisation: "Strandviks kommun".into(),
            role: Role::Member,
        },
        Participant {
            id: "p-sara-nystrom".into(),
            name: "Sara Nyström".into(),
            organisation: "Kommunalförbundet Sjöbygden".into(),
            role: Role::Jurist,
        },
        Participant {
            id: "p-lars-berg".into(),
            name: "Lars Berg".into(),
            organisation: "Region Norrvik".into(),
            role: Role::Observer,
        },
    ]
}

const TITLE: &str =
    "Hälso- och sjukvårdsavtal mellan Region Norrvik och kommunerna i Norrviks län 2027–2030";

/// (clause number, heading, text)
type ClauseSeed = (&'static str, &'static str, &'static str);

/// (chapter number, chapter title, clauses)
const CHAPTERS: &[(&str, &str, &[ClauseSeed])] = &[
    (
        "1",
        "Inledning",
        &[
            (
                "1.1",
                "Parter",
                "Detta avtal är träffat mellan Region Norrvik och länets tolv kommuner, nedan gemensamt kallade parterna.",
            ),
            (
                "1.2",
                "Syfte",
                "Avtalet ska skapa förutsättningar för en sammanhållen, trygg och säker vård för de invånare som behöver insatser från både region och kommun. Parterna ska utgå från invånarens behov och inte från organisatoriska gränser.",
            ),
            (
                "1.3",
                "Giltighetstid",
                "Avtalet gäller från den 1 januari 2027 till och med den 31 december 2030. Avtalet förlängs med två år i taget om ingen part säger upp det senast tolv månader före avtalstidens utgång.",
            ),
            (
                "1.4",
                "Lagstöd",
                "Avtalet grundar sig på 16 kap. 1 § hälso- och sjukvårdslagen (2017:30) och på lagen (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård.",
            ),
        ],
    ),
    (
        "2",
        "Ansvarsfördelning",
        &[
            (
                "2.1",
                "Regionens ansvar",
                "Regionen ansvarar för läkarinsatser i den kommunala hälso- och sjukvården, inklusive särskilda boenden, korttidsboenden och hemsjukvård. Läkare ska finnas tillgänglig för planerade och akuta insatser dygnet runt.",
            ),
            (
                "2.2",
                "Kommunernas ansvar",
                "Kommunerna ansvarar för hälso- och sjukvård upp till och med sjuksköterskenivå i särskilda boenden, i dagverksamhet och i ordinärt boende när insatserna är planerade och pågår över tid.",
            ),
            (
                "2.3",
                "Hemsjukvård",
                "Kommunen tar över ansvaret för hemsjukvård när en individuell bedömning visar att patienten har behov av insatser under en längre tid. Bedömningen görs gemensamt av regionens och kommunens personal.",
            ),
            (
                "2.4",
                "Hjälpmedel",
                "Huvudmannen som har ansvar för hälso- och sjukvården ansvarar också för de hjälpmedel som behövs. Parterna ska tillämpa gemensamma riktlinjer för förskrivning.",
            ),
            (
                "2.5",
                "Kompetens",
                "Parterna ska säkerställa att personalen har den kompetens som krävs för uppdraget. Kompetensutveckling planeras gemensamt där det gynnar båda parter.",
            ),
        ],
    ),
    (
        "3",
        "Samverkan och uppföljning",
        &[
            (
                "3.1",
                "Samverkansorganisation",
                "Samverkan sker i en politisk samrådsgrupp och i en tjänstepersonsgrupp på länsnivå, samt i lokala samverkansgrupper i varje kommun.",
            ),
            (
                "3.2",
                "Avvikelser",
                "Avvikelser i samverkan ska rapporteras i det gemensamma avvikelsesystemet och hanteras av den part som avvikelsen avser. Vid sanktioner mot brott mot avtal ska den politiska samrådsgruppen besluta.",
            ),
            (
                "3.3",
                "Uppföljning",
                "Avtalet följs upp årligen. Uppföljningen redovisas för den politiska samrådsgruppen senast den 31 mars året efter.",
            ),
            (
                "3.4",
                "Tvister",
                "Tvister om tolkning eller tillämpning av avtalet ska i första hand lösas i lokal samverkan. Om parterna inte enas lyfts frågan till den politiska samrådsgruppen.",
            ),
        ],
    ),
];

/// Builds the demo agreement on a fresh replica with `client_id`, including a few remarks.
pub fn agreement(client_id: u64, now_ms: f64) -> Result<Agreement, DomainError> {
    let agreement = Agreement::new(client_id);
    agreement.set_title(TITLE);
    let mut clause_ids = Vec::new();
    for (number, title, clauses) in CHAPTERS {
        let chapter = agreement.add_chapter(number, title);
        for (clause_number, heading, text) in clauses.iter() {
            let id = agreement.add_clause(&chapter, clause_number, heading, text)?;
            clause_ids.push((*clause_number, id));
        }
    }
    let clause = |n: &str| {
        clause_ids
            .iter()
            .find(|(number, _)| *number == n)
            .map(|(_, id)| id.clone())
            .ok_or_else(|| DomainError::UnknownClause(n.to_string()))
    };
    let people = participants();
    let (karin, erik, sara) = (&people[0], &people[1], &people[2]);
    for p in &people {
        agreement.register_participant(p);
    }
    for p in [karin, erik, sara] {
        agreement.set_respondent(karin, &p.organisation, &p.id)?;
    }
    let hour = 3_600_000.0;
    let r1 = agreement.add_remark(
        &clause("3.2")?,
        erik,
        "Ersätt formuleringen ”sanktioner mot brott mot avtal” med en mening om att upprepade allvarliga avvikelser eskaleras till den politiska samrådsgruppen.",
        now_ms - 50.0 * hour,
    )?;
    agreement.reply(
        &r1,
        karin,
        "Bra förslag. Vi tar med det i nästa utkast.",
        now_ms - 30.0 * hour,
    )?;
    agreement.add_remark(
        &clause("2.5")?,
        erik,
        "Var tydligare med vilka kompetensnivåer som avses, till exempel för delegering av insulin.",
        now_ms - 26.0 * hour,
    )?;
    agreement.add_remark(
        &clause("2.1")?,
        sara,
        "Kommunalförbundet återkommer efter samråd med våra jurister om ”dygnet runt” ska gälla även hembesök.",
        now_ms - 20.0 * hour,
    )?;
    Ok(agreement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_three_chapters_twelve_clauses_and_remarks() {
        let a = agreement(1, 1_800_000_000_000.0).expect("demo builds");
        let chapters = a.chapters();
        assert!(chapters.len() >= 3);
        let clauses: usize = chapters.iter().map(|c| c.clauses.len()).sum();
        assert!(clauses >= 12, "{clauses} clauses");
        let c32 = &chapters[2].clauses[1];
        assert_eq!(c32.number, "3.2");
        let remarks = a.remarks_of(&c32.id);
        assert_eq!(remarks.len(), 1);
        assert_eq!(remarks[0].replies.len(), 1);
        assert_eq!(remarks[0].replies[0].author_name, "Karin Lindqvist");
    }

    #[test]
    fn demo_participants_span_three_organisations_and_roles() {
        let people = participants();
        let orgs: std::collections::HashSet<_> = people.iter().map(|p| &p.organisation).collect();
        assert_eq!(orgs.len(), 3);
        assert!(people.iter().any(|p| p.role == Role::Coordinator));
        assert!(people.iter().any(|p| p.role == Role::Member));
        assert!(people.iter().any(|p| p.role == Role::Jurist));
    }
}
