//! The compilation of a consultation round as documents to download, rendered from the
//! domain's `Compilation` struct in the reader's language: a spreadsheet ([`csv`]) and a Word
//! document (`docx::compilation`). Their words are the app's own (`locales/*/compilation.ftl`).

pub mod csv;

use crate::docx::{file_names, Lang, Words};
use samrad_domain::collation::Alphabet;
use samrad_domain::compilation::{OutcomeKind, Position};
use samrad_domain::Compilation;

/// The alphabet a reader of `lang` files names in (English readers of Swedish and Norwegian
/// names get the Swedish order, as in the region's own documents).
pub(crate) fn alphabet(lang: Lang) -> Alphabet {
    match lang {
        Lang::Nb | Lang::Nn => Alphabet::Norwegian,
        Lang::Sv | Lang::En => Alphabet::Swedish,
    }
}

/// A position as the compilation names it: the stance's word, or "not answered".
pub(crate) fn position(lang: Lang, position: Position) -> String {
    match position {
        Position::NotAnswered => lang.text("compilation.not_answered", &[]),
        _ => lang.text(&format!("stance.{}", position.key()), &[]),
    }
}

/// What became of a clause, in a word or two.
pub(crate) fn outcome(lang: Lang, outcome: OutcomeKind) -> String {
    lang.text(&format!("compilation.outcome.{}", outcome.key()), &[])
}

/// A download's names (and ASCII fallback): "Avtal – Remissammanställning – Remissversion 1
/// februari.csv".
pub(crate) fn file_name(
    compilation: &Compilation,
    lang: Lang,
    extension: &str,
) -> (String, String) {
    let parts = vec![
        compilation.title.clone(),
        lang.text("compilation.title", &[]),
        compilation.introduction.remiss_version.name.clone(),
    ];
    file_names(parts, extension)
}
