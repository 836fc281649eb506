//! Markdown written from paragraphs and runs (as a Word import makes them) reads back as the
//! same paragraphs, list structure and words, whatever punctuation the words hold.
//!
//! The proptest RNG seed is fixed and printed (`BLOCKS_SEED` overrides it, `BLOCKS_CASES` the
//! number of cases); proptest prints the minimal failing input.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use samrad_domain::blocks::{self, Block, BlockKind, Run, RunStyle};

const DEFAULT_SEED: u64 = 0x0b10_c4d0_0000_0001;

const WORDS: &[&str] = &[
    "parterna",
    "ska",
    "*",
    "**",
    "_",
    "1.",
    "2)",
    "#",
    "> ",
    "- ",
    "+",
    "=",
    "<b>",
    "&amp;",
    "[x](y)",
    "]",
    "`",
    "~~",
    "\\",
    "å",
    "ö",
    "—",
    "«citat»",
    " ",
    "  ",
    "kommun*en",
    "a_b",
    "|",
    "!",
    "<",
    "&",
    "1",
    "*)",
    "(*",
];

fn run() -> impl Strategy<Value = Run> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..4),
        any::<(bool, bool, bool, bool)>(),
        any::<u8>(),
    )
        .prop_map(|(words, (strong, emphasis, strike, code), br)| {
            if br % 17 == 0 {
                return Run::new("\n", RunStyle::default());
            }
            let style = RunStyle {
                strong,
                emphasis,
                strike,
                code: code && strike, // rarer
            };
            Run::new(words.join(" "), style)
        })
}

fn block() -> impl Strategy<Value = (u8, Vec<Run>)> {
    (any::<u8>(), prop::collection::vec(run(), 0..5))
}

/// Blocks with a valid list structure: an item is at most one level deeper than the one before.
fn shape(raw: Vec<(u8, Vec<Run>)>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut depth: Option<usize> = None;
    for (kind, runs) in raw {
        let kind = match kind % 5 {
            0 | 1 => BlockKind::Paragraph,
            2 => BlockKind::Quote,
            _ => {
                let max = depth.map_or(0, |d| d + 1);
                let d = (kind as usize / 5) % (max + 1);
                BlockKind::Item {
                    depth: d,
                    number: (kind % 2 == 0).then_some(1 + u64::from(kind / 50)),
                }
            }
        };
        depth = match kind {
            BlockKind::Item { depth, .. } => Some(depth),
            _ => None,
        };
        out.push(Block { kind, runs });
    }
    out
}

/// What a reader sees of a block: bullet or number, depth, and the words with whitespace runs
/// collapsed (Markdown does not keep spacing).
fn seen(b: &Block) -> (String, String) {
    let kind = match b.kind {
        BlockKind::Item { depth, number } => {
            format!("item {depth} {}", if number.is_some() { "1." } else { "-" })
        }
        BlockKind::Quote => "quote".into(),
        _ => "paragraph".into(),
    };
    let text = b
        .plain()
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (kind, text.trim_matches('\n').to_string())
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.parse().ok()
}

#[test]
fn written_markdown_reads_back_the_same() {
    let seed = env("BLOCKS_SEED").unwrap_or(DEFAULT_SEED);
    let cases = env("BLOCKS_CASES").unwrap_or(400) as u32;
    println!("blocks round trip: seed {seed}, {cases} cases");
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(block(), 1..8), |raw| {
            let blocks = shape(raw);
            let markdown = blocks::write(&blocks);
            // Empty paragraphs are dropped; an item whose parent was dropped moves up a level.
            let mut kept: Vec<Block> = blocks
                .iter()
                .filter(|b| !seen(b).1.is_empty())
                .cloned()
                .collect();
            let mut previous: Option<usize> = None;
            for b in &mut kept {
                if let BlockKind::Item { depth, .. } = &mut b.kind {
                    *depth = (*depth).min(previous.map_or(0, |p| p + 1));
                    previous = Some(*depth);
                } else {
                    previous = None;
                }
            }
            let expected: Vec<(String, String)> = kept.iter().map(seen).collect();
            let read: Vec<(String, String)> = blocks::parse(&markdown).iter().map(seen).collect();
            prop_assert_eq!(&read, &expected, "markdown:\n{}", markdown);
            Ok(())
        })
        .expect("round trip");
}
