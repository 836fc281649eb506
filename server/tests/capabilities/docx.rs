//! Word in and out, as pure functions: a version exported to DOCX reads back — with docx-rs's
//! own reader and with Samråd's import — clause by clause; a Word draft shaped like a
//! reference group's reads as the expected chapters and clauses; every kind of bad file is
//! refused with its reason.
//!
//! Set `SAMRAD_DOCX_OUT=dir` to keep the exported documents there for a look.

use crate::drafts::{
    chapter, large_agreement, lie_about_sizes, word_draft, word_draft_expected, zip_of, NOW,
};
use crate::support::keep;
use docx_rs::{DocumentChild, ParagraphChild};
use samrad_domain::blocks::{self, BlockKind, RunStyle};
use samrad_domain::{demo, Agreement, Draft, VersionText};
use samrad_server::docx::{self, DocxError, ExportOptions, ImportNote, Lang, MAX_DOCX_BYTES};

fn options(lang: Lang, remarks: bool) -> ExportOptions {
    ExportOptions {
        lang,
        remarks,
        now_ms: NOW,
    }
}

/// What a reader sees of clause text: each paragraph's kind, words and their emphasis.
fn seen(markdown: &str) -> Vec<(String, Vec<(char, RunStyle)>)> {
    blocks::parse(markdown)
        .into_iter()
        .map(|b| {
            let kind = match b.kind {
                BlockKind::Item { depth, number } => format!("item {depth} {number:?}"),
                other => format!("{other:?}"),
            };
            let chars = b
                .runs
                .iter()
                .flat_map(|r| r.text.chars().map(move |c| (c, r.style)))
                .collect();
            (kind, chars)
        })
        .collect()
}

/// Every chapter and clause of `text` matches the draft read back: numbers, titles, text.
fn assert_same(text: &VersionText, draft: &Draft) {
    assert_eq!(draft.title, text.title);
    assert_eq!(draft.chapters.len(), text.chapters.len());
    for (ours, theirs) in text.chapters.iter().zip(&draft.chapters) {
        assert_eq!((&theirs.number, &theirs.title), (&ours.number, &ours.title));
        assert_eq!(
            theirs.clauses.len(),
            ours.clauses.len(),
            "chapter {}",
            ours.number
        );
        for (a, b) in ours.clauses.iter().zip(&theirs.clauses) {
            assert_eq!((&b.number, &b.heading), (&a.number, &a.heading));
            assert_eq!(
                seen(&b.text),
                seen(&a.text),
                "clause {}:\n{}\n---\n{}",
                a.number,
                a.text,
                b.text
            );
        }
    }
}

/// Headings as docx-rs reads them: (style, text) in document order.
fn headings(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let doc = docx_rs::read_docx(bytes).expect("docx-rs reads the export");
    let mut out = Vec::new();
    for child in &doc.document.children {
        if let DocumentChild::Paragraph(p) = child {
            let style = p
                .property
                .style
                .as_ref()
                .map(|s| s.val.clone())
                .unwrap_or_default();
            if style.starts_with("Heading") {
                let text: String = p
                    .children
                    .iter()
                    .filter_map(|c| match c {
                        ParagraphChild::Run(r) => Some(
                            r.children
                                .iter()
                                .filter_map(|rc| match rc {
                                    docx_rs::RunChild::Text(t) => Some(t.text.clone()),
                                    docx_rs::RunChild::Tab(_) => Some("\t".to_string()),
                                    _ => None,
                                })
                                .collect::<String>(),
                        ),
                        _ => None,
                    })
                    .collect();
                out.push((style, text));
            }
        }
    }
    (out, doc.comments.inner().len())
}

#[test]
fn a_version_in_word_reads_back_clause_by_clause() {
    let (agreement, version) = large_agreement(600);
    let text = agreement
        .version_text(Some(&version), true)
        .expect("version");
    let started = std::time::Instant::now();
    let bytes = docx::export(&text, &options(Lang::Sv, true)).expect("export");
    println!(
        "120 clauses, {} remark threads: exported in {:?}, {} bytes",
        text.remarks.values().map(Vec::len).sum::<usize>(),
        started.elapsed(),
        bytes.len()
    );
    keep("large-med-synpunkter.docx", &bytes);

    // docx-rs's reader: every heading, in order, with Word's own numbering (no number text).
    let (found, comments) = headings(&bytes);
    let mut expected = Vec::new();
    for chapter in &text.chapters {
        expected.push(("Heading1".to_string(), chapter.title.clone()));
        for clause in &chapter.clauses {
            expected.push(("Heading2".to_string(), clause.heading.clone()));
        }
    }
    assert_eq!(found, expected);
    let remarks: usize = text
        .remarks
        .values()
        .flatten()
        .map(|r| 1 + r.replies.len())
        .sum();
    assert_eq!(comments, remarks, "every remark and reply is a comment");

    // Samråd's import: numbers (computed from Word's numbering), headings and text.
    let imported = docx::import(&bytes).expect("import");
    assert_same(&text, &imported.draft);
    assert!(imported
        .notes
        .iter()
        .any(|n| matches!(n, ImportNote::Preamble(_))));
}

#[test]
fn irregular_numbers_are_written_as_text_and_read_back() {
    let a = demo::agreement(1, NOW).expect("demo");
    let karin = &demo::participants()[0];
    let second = a.clauses()[1].id.clone();
    a.remove_clause(karin, &second).expect("remove 1.2");
    let first = a.clauses()[0].id.clone();
    a.set_clause_heading(karin, &first, "1.1a", "Parter")
        .expect("renumber");
    for lang in [Lang::Sv, Lang::Nb, Lang::Nn, Lang::En] {
        let text = a.version_text(None, true).expect("now");
        let bytes = docx::export(&text, &options(lang, true)).expect("export");
        keep(&format!("demo-{lang:?}.docx"), &bytes);
        let (found, comments) = headings(&bytes);
        assert_eq!(
            found[1],
            ("Heading2".to_string(), "1.1a\tParter".to_string())
        );
        let remarks: usize = text
            .remarks
            .values()
            .flatten()
            .map(|r| 1 + r.replies.len())
            .sum();
        assert_eq!((comments, remarks), (4, 4), "three remarks and a reply");
        assert_same(&text, &docx::import(&bytes).expect("import").draft);
    }
}

#[test]
fn a_reference_groups_word_draft_reads_as_chapters_and_clauses() {
    let imported = docx::import(&word_draft()).expect("import");
    let draft = &imported.draft;
    assert_eq!(draft, &word_draft_expected());
    assert_eq!(
        imported.notes,
        vec![
            ImportNote::TrackedChanges {
                insertions: 1,
                deletions: 1
            },
            ImportNote::Tables(1),
            ImportNote::DeeperHeadings(1),
            ImportNote::Preamble(1),
            ImportNote::ChapterText(1),
        ]
    );
    for note in &imported.notes {
        for lang in [Lang::Sv, Lang::Nb, Lang::Nn, Lang::En] {
            let message = note.message(lang);
            assert!(
                !message.starts_with("docx.") && !message.contains('{'),
                "{message}"
            );
        }
    }
    // And it becomes an agreement.
    let agreement = Agreement::from_draft(5, draft).expect("agreement");
    assert_eq!(agreement.clauses().len(), 5);
}

#[test]
fn bad_files_are_refused_with_their_reason() {
    let draft = word_draft();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let mut protected = ole.clone();
    protected.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let many: Vec<(String, Vec<u8>)> = (0..6000)
        .map(|i| (format!("word/x{i}.xml"), Vec::new()))
        .collect();
    let many: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let huge = vec![b' '; 40 * 1024 * 1024];
    let mut lying = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", &huge),
    ]);
    let declared_big = lying.clone();
    lie_about_sizes(&mut lying, 1000);
    let broken_xml = zip_of(&[
        ("word/document.xml", b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p></w:body>"),
    ]);
    let no_headings = zip_of(&[
        ("word/document.xml", b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Bara text.</w:t></w:r></w:p></w:body></w:document>"),
    ]);
    let mut truncated = draft.clone();
    truncated.truncate(draft.len() / 2);
    let mut oversized = draft.clone();
    oversized.resize(MAX_DOCX_BYTES + 1, 0);
    let cases: Vec<(&str, Vec<u8>, DocxError)> = vec![
        (
            "plain text",
            b"# Avtal\n\n## 1 Kapitel\n".to_vec(),
            DocxError::NotDocx,
        ),
        (
            "an OpenDocument file",
            zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]),
            DocxError::NotDocx,
        ),
        ("a Word 97-2003 .doc", ole, DocxError::OldWord),
        (
            "a password-protected DOCX",
            protected,
            DocxError::PasswordProtected,
        ),
        ("over 20 MB", oversized, DocxError::TooLarge),
        (
            "6,000 entries",
            zip_of(&many),
            DocxError::ZipBomb(String::new()),
        ),
        (
            "a part declaring 40 MB",
            declared_big,
            DocxError::ZipBomb(String::new()),
        ),
        (
            "a part lying about its size",
            lying,
            DocxError::ZipBomb(String::new()),
        ),
        (
            "a cut-off zip",
            truncated,
            DocxError::Damaged(String::new()),
        ),
        (
            "malformed XML",
            broken_xml,
            DocxError::Damaged(String::new()),
        ),
        ("no headings", no_headings, DocxError::NoHeadings),
    ];
    for (what, bytes, expected) in cases {
        let refused = docx::import(&bytes).expect_err(what);
        println!(
            "{what} ({} bytes) -> {refused:?}: {}",
            bytes.len(),
            refused.message(Lang::Sv)
        );
        assert_eq!(refused.key(), expected.key(), "{what}: {refused:?}");
        for lang in [Lang::Sv, Lang::Nb, Lang::Nn, Lang::En] {
            let message = refused.message(lang);
            assert!(
                !message.starts_with("docx.") && !message.contains('{'),
                "{message}"
            );
        }
    }
}

#[tokio::test]
async fn the_admin_command_creates_an_agreement_from_a_word_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("samrad.db");
    let draft = dir.path().join("Samarbeidsavtale 2027.docx");
    std::fs::write(&draft, word_draft()).expect("write draft");
    let run = |args: Vec<std::ffi::OsString>| {
        let db = db.clone();
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_samrad-server"))
                .arg("--db")
                .arg(&db)
                .arg("admin")
                .args(args)
                .output()
                .expect("run samrad-server admin")
        })
    };
    let create = |id: &str, file: &std::path::Path| vec!["create".into(), id.into(), file.into()];
    let loaded = |id: &str| {
        let store = samrad_server::store::Store::open(&db).expect("store");
        let agreement = Agreement::new(9);
        for update in store.load_updates(id).expect("stored") {
            agreement.apply_update(&update).expect("apply");
        }
        agreement
    };

    // Without a server: on the store directly.
    let created = run(create("sa-lillevik", &draft)).await.expect("ran");
    let out = String::from_utf8_lossy(&created.stdout);
    println!("{out}");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(out.starts_with("Created sa-lillevik: Samarbeidsavtale mellom Lillevik kommune og Helse Nord HF (5 clauses)"), "{out}");
    assert!(out.contains("note: Tracked changes were accepted"), "{out}");
    assert_eq!(loaded("sa-lillevik").clauses().len(), 5);

    let protected = dir.path().join("skyddad.docx");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&protected, ole).expect("write");
    let refused = run(create("sa-2", &protected)).await.expect("ran");
    let err = String::from_utf8_lossy(&refused.stderr);
    println!("{err}");
    assert_eq!(refused.status.code(), Some(2));
    assert!(err.contains("protected with a password"), "{err}");

    // Beside a running server: the draft travels to it, read, and the server stores it.
    let server = crate::support::start_in(dir.path()).await;
    let created = run(create("sa-3", &draft)).await.expect("ran");
    let out = String::from_utf8_lossy(&created.stdout);
    println!("{out}");
    assert!(out.starts_with("Created sa-3: "), "{out}");
    server.shutdown().await.expect("clean shutdown");
    assert_eq!(loaded("sa-3").clauses().len(), 5);
    let store = samrad_server::store::Store::open(&db).expect("store");
    assert!(
        store.agreement("sa-2").expect("query").is_none(),
        "nothing created"
    );
}

/// The parts of a package, in order.
pub(crate) fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).expect("part");
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut data).expect("read");
            (part.name().to_string(), data)
        })
        .filter(|(name, _)| !name.ends_with('/'))
        .collect()
}

#[test]
fn mangled_word_parts_are_refused_or_read_never_panic() {
    // Seeded: `SAMRAD_DOCX_SEED` overrides, `SAMRAD_DOCX_CASES` sets how many.
    let seed = std::env::var("SAMRAD_DOCX_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0xd0c5_0000_0000_0007_u64);
    let cases: usize = std::env::var("SAMRAD_DOCX_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    println!("mangled parts: seed {seed}, {cases} cases");
    let mut rng = samrad_domain::fixture::Rng(seed);
    let original = parts(&word_draft());
    let targets = ["word/document.xml", "word/styles.xml", "word/numbering.xml"];
    let (mut read, mut refused) = (0, 0);
    for case in 0..cases {
        let target = targets[rng.below(targets.len())];
        let mut package = original.clone();
        let Some((_, data)) = package.iter_mut().find(|(n, _)| n == target) else {
            panic!("{target} missing")
        };
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(data.len());
            match rng.below(4) {
                0 => data[at] = b"<>/=\"&;wp:x 0"[rng.below(13)],
                1 => {
                    data.remove(at);
                }
                2 => {
                    let len = rng.below(64).min(data.len() - at);
                    let copy = data[at..at + len].to_vec();
                    let to = rng.below(data.len());
                    data.splice(to..to, copy);
                }
                _ => data.truncate(at.max(1)),
            }
        }
        let entries: Vec<(&str, &[u8])> = package
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        let bytes = zip_of(&entries);
        let outcome = std::panic::catch_unwind(|| docx::import(&bytes));
        match outcome {
            Ok(Ok(_)) => read += 1,
            Ok(Err(_)) => refused += 1,
            Err(_) => panic!("case {case} (seed {seed}) panicked on a mangled {target}"),
        }
    }
    println!("read {read}, refused {refused}");
    assert!(refused > 0 && read + refused == cases);
}

/// A draft saved by LibreOffice (`tests/fixtures/samarbeidsavtale.docx`, made with
/// `soffice --headless --convert-to docx samarbeidsavtale.fodt` from the flat document beside
/// it): heading numbering bound to the styles, emphasis, a bulleted list, a table and tracked
/// changes, as another word processor writes them.
#[test]
fn a_draft_saved_by_libreoffice_reads_as_chapters_and_clauses() {
    let imported =
        docx::import(include_bytes!("../fixtures/samarbeidsavtale.docx")).expect("import");
    let expected = Draft {
        title: "Samarbeidsavtale om utskrivningsklare pasienter".into(),
        chapters: vec![
            chapter(
                "1",
                "Formål",
                &[
                    ("1.1", "Virkeområde", "Avtalen gjelder **alle** pasienter som skrives ut fra *Helse Nord HF*."),
                    (
                        "1.2",
                        "Varsling",
                        "Helseforetaket varsler kommunen tre dager før utskrivning og ved endringer.\n\n- Varselet sendes elektronisk.\n- Kommunen bekrefter mottak.",
                    ),
                ],
            ),
            chapter(
                "2",
                "Samhandling",
                &[(
                    "2.1",
                    "Kontaktpunkter",
                    "Kommune | Tildelingskontoret\n\nHelseforetak | Koordinerende enhet",
                )],
            ),
        ],
    };
    assert_eq!(imported.draft, expected);
    assert_eq!(
        imported.notes,
        vec![
            ImportNote::TrackedChanges {
                insertions: 1,
                deletions: 1
            },
            ImportNote::Tables(1),
            ImportNote::Preamble(1),
        ]
    );
}
