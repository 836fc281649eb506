//! The message files checked as a set: every message in every language with the same
//! variables, plural messages with each category their language needs, every key the app uses
//! present, counts passed as numbers, and a missing key shown rather than blank.

use super::*;
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement, VariantKey};
use samrad_domain::{Action, ClauseChange, DispositionValue, Phase, RemarkKind, Role, StanceValue};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What a message asks of its caller.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    /// Every variable it refers to.
    variables: BTreeSet<String>,
    /// Variables it selects on, with the variant keys of each selection.
    selections: Vec<(String, BTreeSet<String>)>,
}

/// Message id → shape, for one language, refusing parse errors and ids defined twice.
fn shapes(code: &str) -> BTreeMap<String, Shape> {
    let mut all = BTreeMap::new();
    for (_, area, source) in SOURCES.iter().filter(|(c, ..)| *c == code) {
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, e)| panic!("locales/{code}/{area}.ftl: {e:?}"));
        for entry in resource.entries() {
            match entry {
                Entry::Message(m) => {
                    assert!(
                        m.attributes.is_empty(),
                        "{code}/{area}: {} has attributes",
                        m.id.name
                    );
                    let mut shape = Shape::default();
                    let value = m.value.as_ref();
                    let value = value.unwrap_or_else(|| panic!("{code}: {} is empty", m.id.name));
                    walk_pattern(value, &mut shape);
                    let previous = all.insert(m.id.name.to_string(), shape);
                    assert!(previous.is_none(), "{code}: {} defined twice", m.id.name);
                }
                Entry::Junk { content } => panic!("{code}/{area}: unparsed {content:?}"),
                _ => {}
            }
        }
    }
    all
}

fn walk_pattern(pattern: &ast::Pattern<&str>, shape: &mut Shape) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, shape);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, shape: &mut Shape) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, shape),
        Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            if let InlineExpression::VariableReference { id } = selector {
                let keys = variants.iter().map(|v| match &v.key {
                    VariantKey::Identifier { name } => name.to_string(),
                    VariantKey::NumberLiteral { value } => value.to_string(),
                });
                shape.selections.push((id.name.to_string(), keys.collect()));
            }
            for variant in variants {
                walk_pattern(&variant.value, shape);
            }
        }
    }
}

fn walk_inline(inline: &InlineExpression<&str>, shape: &mut Shape) {
    match inline {
        InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, shape);
            }
        }
        _ => {}
    }
}

/// The plural categories `locale` distinguishes among whole numbers and simple decimals, asked
/// of Fluent itself so that the test uses the very rules the app uses.
fn plural_categories(locale: Locale) -> BTreeSet<String> {
    let mut bundle: Bundle = FluentBundle::new(vec![locale.code().parse().expect("a tag")]);
    let probe = "c = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    let resource = FluentResource::try_new(probe.to_string()).expect("the probe parses");
    bundle.add_resource(resource).expect("one message");
    let pattern = bundle.get_message("c").and_then(|m| m.value()).expect("c");
    let samples = (0..=1000).map(f64::from).chain([0.5, 1.5, 2.5, 1e6]);
    samples
        .map(|n| {
            let mut args = FluentArgs::new();
            args.set("n", n);
            let mut errors = Vec::new();
            let category = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{locale:?}: {errors:?}");
            category.into_owned()
        })
        .collect()
}

#[test]
fn every_language_has_the_same_files() {
    let areas = |code: &str| -> BTreeSet<&str> {
        let files = SOURCES.iter().filter(|(c, ..)| *c == code);
        files.map(|(_, area, _)| *area).collect()
    };
    let codes: BTreeSet<_> = SOURCES.iter().map(|(c, ..)| *c).collect();
    let known: BTreeSet<_> = Locale::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(
        codes, known,
        "a directory under locales/ per language, no other"
    );
    assert!(areas("sv").len() >= 8, "{:?}", areas("sv"));
    for locale in Locale::ALL {
        assert_eq!(areas(locale.code()), areas("sv"), "{locale:?}");
    }
}

#[test]
fn every_message_exists_in_every_language_with_the_same_variables() {
    let sv = shapes("sv");
    assert!(sv.len() > 150, "{} messages", sv.len());
    for locale in Locale::ALL {
        let other = shapes(locale.code());
        let missing: Vec<_> = sv.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !sv.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        assert!(extra.is_empty(), "{locale:?} has only there: {extra:?}");
        for (id, shape) in &other {
            let (ours, theirs) = (&shape.variables, &sv[id].variables);
            assert_eq!(
                ours, theirs,
                "{locale:?} {id}: variables differ from Swedish"
            );
        }
    }
}

#[test]
fn plural_messages_have_the_categories_each_language_needs() {
    let mut plural = 0;
    for locale in Locale::ALL {
        let needed = plural_categories(locale);
        assert!(
            needed.contains("one") && needed.contains("other"),
            "{locale:?}: {needed:?}"
        );
        for (id, shape) in shapes(locale.code()) {
            for (variable, keys) in &shape.selections {
                plural += 1;
                let lacking: Vec<_> = needed.difference(keys).collect();
                assert!(
                    lacking.is_empty(),
                    "{locale:?} {id}: ${variable} lacks {lacking:?}"
                );
            }
        }
    }
    assert!(plural >= 10, "only {plural} plural selections");
}

#[test]
fn counts_agree_in_number() {
    let cases = [
        (Locale::Sv, "toc.remarks", "1 synpunkt", "2 synpunkter"),
        (Locale::Nb, "toc.remarks", "1 merknad", "2 merknader"),
        (Locale::Nn, "toc.remarks", "1 merknad", "2 merknader"),
        (Locale::En, "toc.remarks", "1 remark", "2 remarks"),
        (
            Locale::Sv,
            "connection.offline_pending",
            "Frånkopplad – 1 ändring väntar",
            "Frånkopplad – 2 ändringar väntar",
        ),
        (
            Locale::Nb,
            "connection.offline_pending",
            "Frakoblet – 1 endring venter",
            "Frakoblet – 2 endringer venter",
        ),
        (
            Locale::Nn,
            "connection.offline_pending",
            "Fråkopla – 1 endring ventar",
            "Fråkopla – 2 endringar ventar",
        ),
        (
            Locale::En,
            "connection.offline_pending",
            "Offline – 1 change waiting",
            "Offline – 2 changes waiting",
        ),
        (
            Locale::Sv,
            "unsaved.count",
            "1 inte sparad",
            "2 inte sparade",
        ),
        (Locale::En, "unsaved.count", "1 not saved", "2 not saved"),
    ];
    for (locale, key, one, two) in cases {
        assert_eq!(locale.text_n(key, 1, &[]), one, "{locale:?} {key}");
        assert_eq!(locale.text_n(key, 2, &[]), two, "{locale:?} {key}");
    }
    let status = |locale: Locale, unsent: usize, sent: usize| {
        let args = [
            ("organisation", Arg::Text("Strandviks kommun")),
            ("unsent", unsent.into()),
            ("sent", sent.into()),
        ];
        locale.format("answer.status", &args)
    };
    assert_eq!(
        status(Locale::Sv, 1, 1),
        "Svar från Strandviks kommun: 1 punkt ändrad sedan senaste svaret, 1 svar skickat."
    );
    assert_eq!(
        status(Locale::En, 3, 0),
        "Answer from Strandviks kommun: 3 clauses changed since the last answer, 0 answers sent."
    );
    assert_eq!(
        Locale::Sv.text_n("toc.remarks", 12345, &[]),
        "12\u{a0}345 synpunkter"
    );
    assert_eq!(
        Locale::En.text_n("toc.remarks", 1234567, &[]),
        "1,234,567 remarks"
    );
    assert_eq!(Locale::Nb.text_n("toc.remarks", 999, &[]), "999 merknader");
}

/// Every message formats without a Fluent error in every language, for counts 0, 1, 2 and 21,
/// given the variables it names (numbers where it selects on them).
#[test]
fn every_message_formats_cleanly() {
    for locale in Locale::ALL {
        locale.with_bundle(|bundle| {
            for (id, shape) in shapes(locale.code()) {
                let selected: BTreeSet<_> =
                    shape.selections.iter().map(|(v, _)| v.clone()).collect();
                for n in [0, 1, 2, 21] {
                    let mut args = FluentArgs::new();
                    for v in &shape.variables {
                        match selected.contains(v) {
                            true => args.set(v.as_str(), n),
                            false => args.set(v.as_str(), "x"),
                        }
                    }
                    let pattern = bundle
                        .get_message(&id)
                        .and_then(|m| m.value())
                        .expect("a value");
                    let mut errors = Vec::new();
                    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{locale:?} {id}: {errors:?}");
                    assert!(
                        !text.trim().is_empty() && !text.contains('{'),
                        "{locale:?} {id}: {text}"
                    );
                }
            }
        });
    }
}

#[test]
fn a_missing_key_or_variable_shows_itself() {
    assert_eq!(Locale::En.text("no.such.key", &[]), "no.such.key");
    assert_eq!(Locale::Sv.text_n("no.such.count", 2, &[]), "no.such.count");
    assert_eq!(
        Locale::Sv.text("presence.on_clause", &[]),
        "vid punkt {$number}"
    );
    assert_eq!(
        Locale::Sv.text("presence.on_clause", &[("number", "4.2")]),
        "vid punkt 4.2"
    );
}

/// A key from source text, and the function it was passed to (`t`, `text`, `text_n`, …).
fn keys_in_source() -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("i18n/tests.rs")
            {
                let source = std::fs::read_to_string(&path).expect("UTF-8 source");
                found.extend(
                    string_keys(&source)
                        .map(|(key, function)| (path.display().to_string(), key, function)),
                );
            }
        }
    }
    found
}

/// String literals shaped like a key (`area.name`, lower case), each with the name of the call
/// it is the first argument of, if any.
fn string_keys(source: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let is_key = |s: &str| {
        s.contains('.')
            && s.split('.').all(|part| {
                !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
    };
    source.match_indices('"').filter_map(move |(start, _)| {
        let rest = &source[start + 1..];
        let literal = &rest[..rest.find('"')?];
        if !is_key(literal) || source[..start].ends_with('\\') {
            return None;
        }
        let before = source[..start].trim_end();
        let function = before.strip_suffix('(').map(|b| {
            let name: String = b
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            name.chars().rev().collect()
        });
        Some((literal.to_string(), function.unwrap_or_default()))
    })
}

/// Keys the app builds from a domain value rather than writing out.
fn keys_built_at_run_time() -> Vec<String> {
    let roles = [
        Role::Observer,
        Role::Member,
        Role::Jurist,
        Role::Coordinator,
    ];
    let mut keys: Vec<String> = roles.iter().map(|r| format!("role.{}", r.key())).collect();
    keys.extend(Phase::ALL.iter().map(|p| format!("phase.{}", p.key())));
    keys.extend(
        StanceValue::ALL
            .iter()
            .map(|s| format!("stance.{}", s.key())),
    );
    keys.extend(
        DispositionValue::ALL
            .iter()
            .map(|d| format!("disposition.{}", d.key())),
    );
    let kinds = [
        RemarkKind::Comment,
        RemarkKind::Question,
        RemarkKind::Proposal,
    ];
    keys.extend(kinds.iter().map(|k| format!("unsaved.kind.{}", k.key())));
    for kind in ["reply", "edit", "withdrawal", "stance", "wording"] {
        keys.push(format!("unsaved.kind.{kind}"));
    }
    // The e-mail choices in the inbox (inbox_mail.rs).
    keys.extend(
        crate::inbox::mail::MailMode::ALL
            .iter()
            .map(|m| format!("inbox.mail_{}", m.key())),
    );
    // A compared clause's label and the comparison's counts (compared_clause.rs,
    // compare_summary.rs); an unchanged clause is neither labelled nor counted.
    let changes = [
        ClauseChange::Changed,
        ClauseChange::Added,
        ClauseChange::Removed,
        ClauseChange::Moved,
    ];
    for change in changes {
        keys.push(format!("compare.is_{}", change.key()));
        keys.push(format!("compare.count_{}", change.key()));
    }
    keys
}

#[test]
fn every_key_the_app_uses_exists_and_counts_go_in_as_numbers() {
    let used = keys_in_source();
    assert!(used.len() > 100, "found only {} keys in src/", used.len());
    let sv = shapes("sv");
    let plural: BTreeSet<_> = Locale::ALL
        .iter()
        .flat_map(|l| shapes(l.code()))
        .filter(|(_, shape)| !shape.selections.is_empty())
        .map(|(id, _)| id)
        .collect();
    for (file, key, function) in &used {
        if key == "no.such.key" {
            continue;
        }
        let id = message_id(key);
        assert!(sv.contains_key(&id), "{file}: {key} is not in locales/");
        let text_only = matches!(function.as_str(), "t" | "text");
        assert!(
            !(text_only && plural.contains(&id)),
            "{file}: {key} selects on a count; call text_n or format"
        );
    }
    for key in keys_built_at_run_time() {
        for locale in Locale::ALL {
            assert_ne!(locale.text(&key, &[]), key, "{locale:?} lacks {key}");
        }
    }
}

#[test]
fn norwegian_uses_norwegian_stance_terms() {
    assert_eq!(Locale::Nb.text("stance.supports", &[]), "Støtter");
    assert_eq!(Locale::Nb.text("stance.opposes", &[]), "Støtter ikke");
    assert_eq!(Locale::Nn.text("stance.opposes", &[]), "Støttar ikkje");
    assert_eq!(Locale::Sv.text("stance.no_remarks", &[]), "Ingen erinran");
}

/// The coordinator's response to a remark is a bemötande / vurdering / response; an
/// organisation's view of a clause is its ställningstagande / standpunkt / stance. The two are
/// never called by the same word.
#[test]
fn a_response_is_not_a_stance() {
    let response = [
        (Locale::Sv, "Bemötande"),
        (Locale::Nb, "Vurdering"),
        (Locale::Nn, "Vurdering"),
        (Locale::En, "Response"),
    ];
    for (locale, word) in response {
        assert_eq!(locale.text("disposition.label", &[]), word, "{locale:?}");
        let ids = shapes(locale.code()).into_keys();
        for id in ids.filter(|id| id.starts_with("disposition-") || id == "status-disposed") {
            let text = locale.text(&id, &[]).to_lowercase();
            let stance = ["ställningstag", "standpunkt", "stance"]
                .iter()
                .any(|w| text.contains(w));
            assert!(!stance, "{locale:?} {id}: {text}");
        }
    }
    assert_eq!(
        Locale::Sv.text("stance.label", &[]),
        "Organisationernas ställningstaganden"
    );
}

#[test]
fn every_domain_refusal_is_worded_in_every_language() {
    let errors = [
        DomainError::Decode("x".into()),
        DomainError::Apply("x".into()),
        DomainError::MissingChanges,
        DomainError::Busy("x".into()),
        DomainError::UnknownChapter("x".into()),
        DomainError::UnknownClause("x".into()),
        DomainError::UnknownRemark("x".into()),
        DomainError::UnknownVersion("x".into()),
        DomainError::Empty,
        DomainError::NotAllowed {
            role: Role::Member,
            action: Action::Remark,
            phase: Phase::Merging,
        },
        DomainError::NotAuthor("x".into()),
        DomainError::NotOwnOrganisation {
            participant: "x".into(),
            organisation: "y".into(),
        },
        DomainError::NotRespondent("x".into()),
        DomainError::DeadlinePassed {
            organisation: "Strandviks kommun".into(),
            deadline_ms: 0.0,
        },
        DomainError::InvalidRange {
            start: 1,
            end: 0,
            len: 0,
        },
        DomainError::NotAProposal("x".into()),
        DomainError::AlreadyAccepted("x".into()),
        DomainError::Orphaned("x".into()),
        DomainError::QuoteGone("Ett ord".into()),
        DomainError::Withdrawn("x".into()),
        DomainError::NothingToSend("x".into()),
        DomainError::Markdown("x".into()),
    ];
    for locale in Locale::ALL {
        for e in &errors {
            let text = locale.error(e);
            assert!(!text.starts_with("error."), "{locale:?} lacks {}", e.key());
            assert!(!text.contains('{'), "{locale:?} {}: {text}", e.key());
        }
    }
    assert_eq!(
        Locale::Sv.error(&errors[9]),
        "Som ledamot kan du inte göra det under fasen Sammanställning."
    );
    assert_eq!(
        Locale::Nn.error(&errors[18]),
        "Teksten du markerte, finst ikkje lenger i punktet: «Ett ord»."
    );
}
