//! Names in alphabetical order as Swedes and Norwegians file them. Both alphabets put their own
//! letters after z, in different orders: Swedish å ä ö (æ read as ä, ø as ö), Norwegian æ ø å
//! (ä read as æ, ö as ø). Byte order would put Ä before Å, and Å before Ø, which neither reader
//! expects. Case and accents on other letters (é, ü) do not change the order.

use std::cmp::Ordering;

/// Whose alphabet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// … x y z å ä ö
    Swedish,
    /// … x y z æ ø å
    Norwegian,
}

impl Alphabet {
    /// A letter's place: the letters a–z as themselves, the alphabet's own three after z.
    fn rank(self, c: char) -> char {
        let after_z = |n: u32| char::from_u32('z' as u32 + n).unwrap_or(c);
        let lower = c.to_lowercase().next().unwrap_or(c);
        match (self, lower) {
            (_, 'á' | 'à' | 'â') => 'a',
            (_, 'é' | 'è' | 'ê' | 'ë') => 'e',
            (_, 'í' | 'ì' | 'ï') => 'i',
            (_, 'ó' | 'ò' | 'ô') => 'o',
            (_, 'ú' | 'ù' | 'ü') => 'y',
            (Alphabet::Swedish, 'å') => after_z(1),
            (Alphabet::Swedish, 'ä' | 'æ') => after_z(2),
            (Alphabet::Swedish, 'ö' | 'ø') => after_z(3),
            (Alphabet::Norwegian, 'æ' | 'ä') => after_z(1),
            (Alphabet::Norwegian, 'ø' | 'ö') => after_z(2),
            (Alphabet::Norwegian, 'å') => after_z(3),
            (_, other) => other,
        }
    }

    /// Orders two names; names equal by letter fall back to their exact characters, so the
    /// order is total and the same on every replica.
    pub fn compare(self, a: &str, b: &str) -> Ordering {
        let letters = |s: &str| s.chars().map(|c| self.rank(c)).collect::<Vec<_>>();
        letters(a).cmp(&letters(b)).then_with(|| a.cmp(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_alphabet_files_its_own_letters_after_z() {
        let mut names = vec![
            "Östra Höglands kommun",
            "Åsele kommun",
            "Älvsby kommun",
            "Zinkgruvan",
            "Ærø",
            "Røyrvik kommune",
            "åmål",
            "Ørland kommune",
            "Eda kommun",
            "Élan",
        ];
        names.sort_by(|a, b| Alphabet::Swedish.compare(a, b));
        assert_eq!(
            names,
            [
                "Eda kommun",
                "Élan",
                "Røyrvik kommune",
                "Zinkgruvan",
                "åmål",
                "Åsele kommun",
                "Älvsby kommun",
                "Ærø",
                "Ørland kommune",
                "Östra Höglands kommun",
            ]
        );
        names.sort_by(|a, b| Alphabet::Norwegian.compare(a, b));
        assert_eq!(
            names,
            [
                "Eda kommun",
                "Élan",
                "Røyrvik kommune",
                "Zinkgruvan",
                "Älvsby kommun",
                "Ærø",
                "Ørland kommune",
                "Östra Höglands kommun",
                "åmål",
                "Åsele kommun",
            ]
        );
    }
}
