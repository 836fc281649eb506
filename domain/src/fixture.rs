//! Seeded words for realistic agreements: the benchmarks, the fixture tool and the tests that
//! need a full-size agreement write their clauses and remarks from here, so every run writes the
//! same text and a change to what realistic wording looks like is made once.

/// xorshift64* (Vigna, "An experimental exploration of Marsaglia's xorshift generators"):
/// the same sequence on every run, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    /// A generator from `seed` (0 would repeat 0 for ever, so it becomes 1).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number of the sequence.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 for an empty range).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// The words of a health-care agreement's clauses.
pub const WORDS: &[&str] = &[
    "parterna",
    "ska",
    "regionen",
    "kommunen",
    "ansvarar",
    "för",
    "hälso-",
    "och",
    "sjukvård",
    "insatser",
    "enligt",
    "avtalet",
    "samverkan",
    "uppföljning",
    "senast",
    "årligen",
    "läkare",
    "särskilda",
    "boenden",
    "hemsjukvård",
    "gemensamt",
    "överenskommelse",
    "tillgänglig",
    "patienten",
    "vårdplanering",
    "informationsöverföring",
    "dygnet",
    "runt",
    "delegering",
    "legitimerad",
    "personal",
    "invånarens",
    "behov",
    "utskrivning",
    "läkemedel",
];

/// One word of [`WORDS`].
pub fn word(rng: &mut Rng) -> &'static str {
    rng.pick(WORDS)
}

/// `n` words, the first capitalised.
pub fn words(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut out: Vec<String> = (0..n).map(|_| word(rng).to_string()).collect();
    if let Some(first) = out.first_mut() {
        *first = capitalised(first);
    }
    out
}

/// A sentence of `n` words and a closing "gäller.".
pub fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = words(rng, n);
    s.push("gäller.".into());
    s.join(" ")
}

/// A clause's wording of about `chars` characters.
pub fn paragraph(rng: &mut Rng, chars: usize) -> String {
    let mut out = String::new();
    while out.chars().count() < chars {
        if !out.is_empty() {
            out.push(' ');
        }
        let n = 8 + rng.below(8);
        out.push_str(&sentence(rng, n));
    }
    out
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_text() {
        let a = paragraph(&mut Rng::new(7), 300);
        assert_eq!(a, paragraph(&mut Rng::new(7), 300));
        assert_ne!(a, paragraph(&mut Rng::new(8), 300));
        assert!(a.chars().count() >= 300);
        assert!(a.starts_with(char::is_uppercase));
    }

    #[test]
    fn a_zero_seed_still_varies() {
        let mut rng = Rng(0);
        assert_ne!(rng.next(), rng.next());
    }
}
