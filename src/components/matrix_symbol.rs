//! How a position reads in the matrix and the compilation: a symbol, a word and a colour
//! class together, so no position is told by colour alone.

use crate::i18n::Locale;
use samrad_domain::{Position, StanceCounts};

/// The symbol of a position (the stylesheet draws the same in the matrix's cells).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The matrix's cells draw these symbols from the stylesheet (one node fewer per cell):
    /// each position's rule there must draw the symbol the legend and the counts show.
    #[test]
    fn the_stylesheet_draws_the_same_symbols() {
        let css = include_str!("../../style/pages.css");
        for position in Position::ALL {
            let rule = format!(
                ".matrix-cell.pos-{}::before {{ content: \"{}\" / \"\"; }}",
                position.key(),
                symbol(position)
            );
            assert!(css.contains(&rule), "style/pages.css lacks `{rule}`");
        }
    }
}
