//! How a position reads in the matrix and the compilation: a symbol, a word and a colour
//! class together, so no position is told by colour alone.

use crate::i18n::Locale;
use samrad_domain::{Position, StanceCounts};

/// The symbol shown in a cell.
pub fn symbol(position: Position) -> &'static str {
    match position {
        Position::Supports => "✓",
        Position::SupportsWithChanges => "±",
        Position::Opposes => "✗",
        Position::NoRemarks => "○",
        Position::NotAnswered => "·",
    }
}

/// The position in words, as the stance panel names stances.
pub fn position_word(position: Position, locale: Locale) -> String {
    match position.stance() {
        Some(stance) => locale.text(&format!("stance.{}", stance.key()), &[]),
        None => locale.text("compilation.not_answered", &[]),
    }
}

/// Counts as "✓ 3 ± 1 …" for the eye with the words for a screen reader (one line each).
pub fn counts_text(counts: &StanceCounts, locale: Locale) -> Vec<(Position, String, usize)> {
    Position::ALL
        .into_iter()
        .filter(|p| counts.get(*p) > 0)
        .map(|p| (p, position_word(p, locale), counts.get(p)))
        .collect()
}
