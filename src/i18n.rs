//! UI strings in [Fluent](https://projectfluent.org): plural-aware messages in
//! `locales/<language>/<area>.ftl`, one file per feature area and language, all of them listed
//! by `build.rs`. Components never hold text of their own.
//!
//! Only Swedish, the default, is compiled into the app. Each other language is one file served
//! beside it (`locale-<code>-<hash>.ftl`, named in `index.html` by the build), fetched when a
//! reader asks for that language ([`choose`]) and cached by the service worker with the rest of
//! the app, so a language once used — or any, once the worker is installed — works offline.
//!
//! Components name a string by its key, `area.name` (`toc.remarks`). Fluent ids cannot contain
//! dots, so the message id is the key with every dot replaced by a hyphen: `toc.remarks` is
//! `toc-remarks = …` in the files. A missing message shows its key, and a missing variable shows
//! `{$name}`, so either is noticed — never a blank.
//!
//! Counts go in as numbers ([`Locale::text_n`], [`Arg::Count`]) so that a message can choose
//! its words by the language's plural rules: `{ $count -> [one] … *[other] … }`.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use intl_memoizer::IntlLangMemoizer;
use leptos::prelude::*;
use samrad_domain::DomainError;
use std::cell::{Cell, OnceCell};

/// Every `(language code, area, FTL source)` under `locales/`, as listed by `build.rs`: the
/// tests check the files as a set.
#[cfg(test)]
static SOURCES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The default language's files, compiled in so that the first screen needs no request.
#[cfg(not(test))]
static SOURCES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/locales_embedded.rs"));

type Bundle = FluentBundle<FluentResource>;

thread_local! {
    /// Each language's messages, parsed on first use. The app is single-threaded; a bundle
    /// caches plural rules in a `RefCell`, so it is kept per thread rather than shared.
    static BUNDLES: [OnceCell<Bundle>; 4] = const { [const { OnceCell::new() }; 4] };
    /// The language the reader asked for last: a slow fetch of one they left meanwhile does
    /// not switch back to it when it arrives.
    static WANTED: Cell<Option<Locale>> = const { Cell::new(None) };
}

/// Why a language's messages could not be fetched; the page stays in the language it shows.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The page names no file for the language (an app not built by the project's build).
    #[error("the page names no messages file for {0}")]
    NotListed(&'static str),
    /// The request failed: offline before the service worker had cached the file.
    #[error("fetching {0}: {1}")]
    Fetch(String, String),
    /// The server answered with something other than the file (a status, or a page).
    #[error("{0} answered {1}")]
    NotTheFile(String, String),
}

/// A value for a message's variable: words, or a count that plural rules can select on.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text, shown as it is.
    Text(&'a str),
    /// A number of things; selects `[one]`/`[other]` and is written as the language writes numbers.
    Count(usize),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<usize> for Arg<'_> {
    fn from(count: usize) -> Self {
        Arg::Count(count)
    }
}

/// The languages Samråd speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// Swedish, the default.
    Sv,
    /// Norwegian bokmål.
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Locale {
    /// Every language, in the order the picker lists them.
    pub const ALL: [Locale; 4] = [Locale::Sv, Locale::Nb, Locale::Nn, Locale::En];

    /// BCP 47 tag, used for `lang` and for formatting dates and numbers.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Sv => "sv-SE",
            Locale::Nb => "nb-NO",
            Locale::Nn => "nn-NO",
            Locale::En => "en-GB",
        }
    }

    /// The tags dates are written by, best first: Chromium has no nynorsk formats and would
    /// fall back to American English ("Dec 4, 2026, 2:19 PM"); bokmål's are the closest.
    pub fn date_tags(self) -> &'static [&'static str] {
        match self {
            Locale::Nn => &["nn-NO", "nb-NO"],
            Locale::Sv => &["sv-SE"],
            Locale::Nb => &["nb-NO"],
            Locale::En => &["en-GB"],
        }
    }

    /// Short code, as in `?lang=nb`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Sv => "sv",
            Locale::Nb => "nb",
            Locale::Nn => "nn",
            Locale::En => "en",
        }
    }

    /// Parses [`Locale::code`].
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Locale::Sv => "Svenska",
            Locale::Nb => "Norsk bokmål",
            Locale::Nn => "Norsk nynorsk",
            Locale::En => "English",
        }
    }

    /// The place in [`Locale::ALL`] (the declaration order).
    fn index(self) -> usize {
        self as usize
    }

    /// Runs `f` with this language's messages, building compiled-in ones on first use. A
    /// language not fetched yet speaks Swedish meanwhile: [`choose`] switches only once the
    /// messages are here, so this is only reached by a stray call.
    fn with_bundle<T>(self, f: impl FnOnce(&Bundle) -> T) -> T {
        BUNDLES.with(|bundles| {
            if let Some(bundle) = bundles[self.index()].get() {
                return f(bundle);
            }
            let locale = if self.is_compiled_in() {
                self
            } else {
                Locale::Sv
            };
            f(bundles[locale.index()].get_or_init(|| locale.compiled_in()))
        })
    }

    /// Whether this language's files are compiled into the app.
    fn is_compiled_in(self) -> bool {
        SOURCES.iter().any(|(code, ..)| *code == self.code())
    }

    /// Whether this language's messages are here (compiled in, or fetched).
    pub fn is_ready(self) -> bool {
        self.is_compiled_in() || BUNDLES.with(|bundles| bundles[self.index()].get().is_some())
    }

    fn compiled_in(self) -> Bundle {
        let sources = SOURCES.iter().filter(|(code, ..)| *code == self.code());
        self.bundle(sources.map(|(_, _, source)| *source))
    }

    /// Takes this language's messages from FTL `sources` (a fetched file, or a test's own),
    /// unless it has them already.
    pub fn install<'a>(self, sources: impl IntoIterator<Item = &'a str>) {
        let bundle = self.bundle(sources);
        BUNDLES.with(|bundles| {
            let _ = bundles[self.index()].set(bundle);
        });
    }

    /// Fetches this language's messages file, named by the page (`<meta
    /// name="samrad-locale-nb" content="/locale-nb-….ftl">`), unless they are here.
    pub async fn load(self) -> Result<(), LoadError> {
        if self.is_ready() {
            return Ok(());
        }
        let url = document()
            .query_selector(&format!("meta[name=samrad-locale-{}]", self.code()))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .ok_or(LoadError::NotListed(self.code()))?;
        let fetch_error = |e: gloo_net::Error| LoadError::Fetch(url.clone(), e.to_string());
        let response = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(fetch_error)?;
        // The server answers an unknown path with the app's page, status 200.
        let kind = response.headers().get("content-type").unwrap_or_default();
        if !response.ok() || kind.starts_with("text/html") {
            let answer = format!("{} {kind}", response.status());
            return Err(LoadError::NotTheFile(url, answer));
        }
        let source = response.text().await.map_err(fetch_error)?;
        self.install([source.as_str()]);
        Ok(())
    }

    fn bundle<'a>(self, sources: impl IntoIterator<Item = &'a str>) -> Bundle {
        let language = self.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![language]);
        // Every string is left-to-right; isolation marks around placeables would only end up
        // in copied text and in what tests and screen readers match on.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match self {
            Locale::En => group_with_commas,
            _ => group_with_spaces,
        }));
        for source in sources {
            // A broken file loses only its broken messages (which then show their keys);
            // the tests refuse parse errors and ids defined twice.
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
            let _ = bundle.add_resource(resource);
        }
        bundle
    }

    /// The message for `key` with `args` filled in; the key itself if there is none.
    pub fn format(self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let id = message_id(key);
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            match *value {
                Arg::Text(text) => fluent_args.set(*name, text),
                Arg::Count(count) => fluent_args.set(*name, count),
            }
        }
        self.with_bundle(|bundle| {
            let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                return key.to_string();
            };
            let mut errors = Vec::new();
            bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned()
        })
    }

    /// The string for `key`, with text variables (`{ $name }`) filled from `args`.
    pub fn text(self, key: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<_> = args.iter().map(|(n, v)| (*n, Arg::Text(v))).collect();
        self.format(key, &args)
    }

    /// The string for `key` about `count` things (`$count`, chosen by plural rules), with
    /// text variables from `args`.
    pub fn text_n(self, key: &str, count: usize, args: &[(&str, &str)]) -> String {
        let mut all = vec![("count", Arg::Count(count))];
        all.extend(args.iter().map(|(n, v)| (*n, Arg::Text(v))));
        self.format(key, &all)
    }

    /// A domain refusal in this language (`error.<key>`), with the role, phase or quote it
    /// names. The domain's own `Display` is English and meant for logs.
    pub fn error(self, error: &DomainError) -> String {
        let key = format!("error.{}", error.key());
        match error {
            DomainError::NotAllowed { role, phase, .. } => {
                let role = self.text(&format!("role.{}", role.key()), &[]);
                let phase = self.text(&format!("phase.{}", phase.key()), &[]);
                self.text(&key, &[("role", &role), ("phase", &phase)])
            }
            DomainError::NotAProposer(role) => {
                let role = self.text(&format!("role.{}", role.key()), &[]);
                self.text(&key, &[("role", &role)])
            }
            DomainError::DeadlinePassed { organisation, .. } => {
                self.text(&key, &[("organisation", organisation)])
            }
            DomainError::QuoteGone(quote) => self.text(&key, &[("quote", quote)]),
            DomainError::Markdown(detail) => self.text(&key, &[("detail", detail)]),
            DomainError::TooLong(max) => self.format(&key, &[("max", Arg::Count(*max))]),
            DomainError::ChapterApproved(chapter) => self.text(&key, &[("chapter", chapter)]),
            _ => self.text(&key, &[]),
        }
    }
}

/// The Fluent message id for a UI string key: dots become hyphens (`toc.remarks` →
/// `toc-remarks`), since Fluent ids are `[a-zA-Z][a-zA-Z0-9_-]*`.
fn message_id(key: &str) -> String {
    key.replace('.', "-")
}

/// Whole numbers from 1,000 up grouped in thousands, which Fluent's own formatting does not do:
/// "12 345" (with a no-break space) in Swedish and Norwegian.
fn group_with_spaces(value: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    group_thousands(value, '\u{a0}')
}

/// "12,345" in English.
fn group_with_commas(value: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    group_thousands(value, ',')
}

fn group_thousands(value: &FluentValue, separator: char) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() < 1000.0 || n.abs() > 1e15 {
        return None;
    }
    let digits = (n.abs() as u64).to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0.0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    Some(out)
}

/// The current locale, shared by every component.
pub type I18nCtx = RwSignal<Locale>;

/// Provides the locale context, Swedish by default.
pub fn provide_i18n_context(locale: Locale) -> I18nCtx {
    let ctx = RwSignal::new(locale);
    provide_context(ctx);
    ctx
}

/// The locale context; falls back to Swedish when none is provided (e.g. in a lone test).
pub fn use_i18n() -> I18nCtx {
    use_context::<I18nCtx>().unwrap_or_else(|| RwSignal::new(Locale::Sv))
}

/// Shows the app in `locale`: at once when its messages are here, else once they are fetched
/// (the page keeps its language meanwhile, and keeps it if the fetch fails).
pub fn choose(ctx: I18nCtx, locale: Locale) {
    WANTED.with(|wanted| wanted.set(Some(locale)));
    if locale.is_ready() {
        ctx.set(locale);
        return;
    }
    leptos::task::spawn_local(async move {
        match locale.load().await {
            Ok(()) if WANTED.with(Cell::get) == Some(locale) => ctx.set(locale),
            Ok(()) => {}
            Err(e) => leptos::logging::warn!("{e}"),
        }
    });
}

/// Shorthand: the string for `key` in the current locale, reactive.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let locale = use_i18n();
    move || locale.get().text(key, &[])
}

mod preferred;
#[cfg(test)]
mod tests;

pub use preferred::{preferred, remember};
