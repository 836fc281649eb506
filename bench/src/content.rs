//! The words of the fixture: clause texts, remarks, organisation and people's names, all from
//! one seeded generator so every run writes the same agreement.

pub use samrad_domain::fixture::{paragraph, sentence, Rng};

const HEADINGS: &[&str] = &[
    "Parter",
    "Syfte",
    "Ansvar",
    "Uppföljning",
    "Avvikelser",
    "Samverkansformer",
    "Läkarmedverkan",
    "Hjälpmedel",
    "Informationsöverföring",
    "Ekonomi",
];

const CHAPTERS: &[&str] = &[
    "Inledning",
    "Gemensamma åtaganden",
    "Hälso- och sjukvård i hemmet",
    "Särskilda boenden",
    "Läkarmedverkan",
    "Rehabilitering och hjälpmedel",
    "Psykiatri och beroende",
    "Barn och unga",
    "Vårdplanering",
    "Informationsöverföring",
    "Uppföljning och avvikelser",
    "Avtalets giltighet",
];

/// The agreement as the server's `admin create` reads it: `# title`, `## chapter`,
/// `### clause`, each clause about `clause_chars` characters.
pub fn agreement_markdown(
    rng: &mut Rng,
    chapters: usize,
    clauses: usize,
    clause_chars: usize,
) -> String {
    let mut md = String::from("# Hälso- och sjukvårdsavtal i Norrviks län 2027–2030\n\n");
    for ch in 0..chapters {
        let title = CHAPTERS[ch % CHAPTERS.len()];
        md.push_str(&format!("## {} {title}\n\n", ch + 1));
        for cl in 0..clauses {
            let heading = HEADINGS[(ch + cl) % HEADINGS.len()];
            md.push_str(&format!("### {}.{} {heading}\n\n", ch + 1, cl + 1));
            md.push_str(&paragraph(rng, clause_chars));
            md.push_str("\n\n");
        }
    }
    md
}

const PLACES: &[&str] = &[
    "Ås", "Berg", "Dal", "Ek", "Fors", "Hed", "Lund", "Mal", "Nor", "Sjö", "Strand", "Vall",
    "Öster", "Väster", "Sol", "Björk", "Gran", "Lill", "Stor", "Ådal",
];
const ENDINGS: &[&str] = &["by", "vik", "holm", "sund", "torp", "berga", "ås", "hamn"];
const FIRST: &[&str] = &[
    "Anna", "Erik", "Sara", "Lars", "Karin", "Johan", "Maria", "Per", "Eva", "Nils", "Ingrid",
    "Olof", "Lena", "Mats", "Sofia", "Gustav",
];
const LAST: &[&str] = &[
    "Lindqvist",
    "Johansson",
    "Nyström",
    "Berg",
    "Holm",
    "Sandberg",
    "Ek",
    "Dahl",
    "Falk",
    "Lund",
    "Ström",
    "Wikström",
];

/// The `i`th organisation: the region first, then municipalities.
pub fn organisation(i: usize) -> String {
    if i == 0 {
        return "Region Norrvik".into();
    }
    let place = PLACES[i % PLACES.len()];
    let ending = ENDINGS[(i / PLACES.len() + i) % ENDINGS.len()];
    format!("{place}{ending} kommun")
}

/// A person's name, unique by `i`.
pub fn person(i: usize) -> String {
    format!(
        "{} {} {}",
        FIRST[i % FIRST.len()],
        LAST[(i / FIRST.len()) % LAST.len()],
        i
    )
}

const OPENINGS: &[&str] = &[
    "Vi föreslår att",
    "Det bör förtydligas att",
    "Hur ska det tolkas att",
    "Kommunen anser att",
    "Vem ansvarar för att",
    "Formuleringen om",
];

/// A remark's text, sometimes with Markdown.
pub fn remark(rng: &mut Rng) -> String {
    let opening = OPENINGS[rng.below(OPENINGS.len())];
    let words = 6 + rng.below(14);
    let rest = sentence(rng, words).to_lowercase();
    match rng.below(6) {
        0 => format!("{opening} **{rest}**"),
        1 => format!(
            "{opening} {rest}\n\n- {}\n- {}",
            sentence(rng, 4),
            sentence(rng, 5)
        ),
        _ => format!("{opening} {rest}"),
    }
}
