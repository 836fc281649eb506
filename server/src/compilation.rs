//! The compilation of a consultation round as documents to download, rendered from the
//! domain's `Compilation` struct in the reader's language: a spreadsheet ([`csv`]).

pub(crate) mod csv;
mod words;

use crate::http::lang::Lang;
use samrad_domain::compilation::{OutcomeKind, Position};
use samrad_domain::Compilation;
pub(crate) use words::{words, Words};

impl Words {
    /// A position as the compilation names it: the stance's word, or "not answered".
    pub fn position(self, position: Position) -> String {
        match position {
            Position::NotAnswered => self.text("compilation.not_answered", &[]),
            _ => self.text(&format!("stance.{}", position.key()), &[]),
        }
    }

    /// What became of a clause, in one or two words.
    pub fn outcome(self, outcome: OutcomeKind) -> String {
        self.text(&format!("compilation.outcome.{}", outcome.key()), &[])
    }
}

/// A download's file name: the document's kind and the remiss version's name, in plain ASCII
/// so every browser and mail program keeps it ("remissammanstallning-remissversion-1-februari.csv").
pub(crate) fn file_name(compilation: &Compilation, lang: Lang, extension: &str) -> String {
    let kind = words(lang).text("compilation.csv.file", &[]);
    let version = &compilation.introduction.remiss_version.name;
    let mut name = String::new();
    for c in format!("{kind} {version}").to_lowercase().chars() {
        let plain = match c {
            'å' | 'ä' | 'á' | 'à' => "a",
            'ö' | 'ø' | 'ó' | 'ò' => "o",
            'æ' => "ae",
            'é' | 'è' => "e",
            'ü' => "u",
            c if c.is_ascii_alphanumeric() => {
                name.push(c);
                continue;
            }
            _ => "-",
        };
        if !(plain == "-" && (name.is_empty() || name.ends_with('-'))) {
            name.push_str(plain);
        }
    }
    format!("{}.{extension}", name.trim_end_matches('-'))
}
