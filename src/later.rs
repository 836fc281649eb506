//! The pages that an agreement's first screen does not show (versions, comparison, remiss,
//! print, stance matrix, compilation) and the panels that open on demand (inbox, participants). With the `split` feature — set by `index.html` for the
//! served build — each is a split point: its code, and whatever only it uses, goes into a wasm
//! file of its own (`scripts/wasm-split/`) that is fetched the first time a reader opens that
//! page, or earlier when the browser is idle (`preload`). The first screen then waits only for
//! its own code. Without the feature (component tests, `cargo check`) the pages are plain
//! functions and everything stays in one module.
//!
//! The agreement page's own interactive parts (the composer, the selection toolbar, the
//! coordinator's forms, the header's menus, …) share one more file, `soon` (see `parts`): the
//! first screen (heading, contents, clauses, remarks, presence, connection) is drawn without
//! them, and their file is fetched as soon as it is.

use crate::i18n::t;
use leptos::prelude::*;

/// A split-off file's code (a page, an interactive part, the refusal's hand-back) could not be
/// fetched: the network is gone and the service worker had not kept the file yet. Nothing else
/// is affected; a page tries again when opened again, a part after a moment, the hand-back on
/// the next frame or shortly.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the code could not be fetched")]
pub struct NotFetched;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotFetched {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotFetched
    }
}

/// Declares one loader per page: `name() -> AnyView` (awaited) and, with `split`, the
/// `preload_name()` that fetches the page's file without showing it. The first name is also
/// the name of the page's wasm file.
macro_rules! later_pages {
    ($($name:ident, $preload:ident => $module:ident::$page:ident($($prop:ident: $ty:ty),*);)*) => {
        $(
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, preload($preload), fallible)]
            pub fn $name($($prop: $ty),*) -> Result<AnyView, NotFetched> {
                use crate::components::$module::*;
                Ok(view! { <$page $($prop=$prop)* /> }.into_any())
            }

            #[cfg(not(feature = "split"))]
            pub async fn $name($($prop: $ty),*) -> Result<AnyView, NotFetched> {
                use crate::components::$module::*;
                Ok(view! { <$page $($prop=$prop)* /> }.into_any())
            }
        )*

        /// Fetches every page's file, one after another, each once the reader is still and the
        /// browser idle (`quiet`), when called once the first screen is up: moving to a page
        /// later then does not wait for the network. Offline, it stops at the first file it
        /// cannot get (a page opened later tries again).
        pub fn preload() {
            #[cfg(feature = "split")]
            leptos::task::spawn_local(async {
                let _ = async {
                    $( crate::quiet::reader_quiet().await; $preload().await?; )*
                    Ok::<(), leptos::wasm_split::SplitLoaderError>(())
                }
                .await;
            });
        }
    };
}

later_pages! {
    versions, preload_versions => versions_page::VersionsPage();
    version, preload_version => version_page::VersionPage();
    compare, preload_compare => compare_page::ComparePage();
    remiss, preload_remiss => remiss_page::RemissPage();
    print, preload_print => print_page::PrintPage();
    matrix, preload_matrix => matrix_page::MatrixPage();
    compilation, preload_compilation => compilation_page::CompilationPage();
    // Panels of the agreement's page that open on demand.
    inbox, preload_inbox => inbox_panel::InboxPanel(on_close: Callback<()>);
    participants, preload_participants => participants_panel::ParticipantsPanel(on_close: Callback<()>);
}

mod parts;
pub use parts::*;

/// A page or panel loaded by `load` (calling one of the loaders above), shown once its code
/// has arrived.
pub fn page<Fut>(load: impl FnOnce() -> Fut) -> impl IntoView
where
    Fut: std::future::Future<Output = Result<AnyView, NotFetched>> + 'static,
{
    // The loader's future is not `Send` (it waits on the browser); the app runs on one thread.
    let arriving = send_wrapper::SendWrapper::new(load());
    // A bare `Suspend`, not a `<Suspense>`: it shows nothing until the code is there, then
    // mounts the page in the same task that finished loading it (what a panel's focus relies
    // on), and at once when the code was fetched before.
    Suspend::new(async move {
        arriving.await.unwrap_or_else(|NotFetched| {
            view! { <p class="notice" role="alert">{t("later.not_fetched")}</p> }.into_any()
        })
    })
}

/// An interactive part the reader asked for (the composer, the selection's toolbar, a reply
/// or edit field) loaded by `load` (one of `parts`), asked for once the first screen is drawn
/// (`first_screen_drawn`) and shown as soon as its code is there. Offline, before the service
/// worker kept the file, it says so in its place and tries again with every other part waiting
/// for the file, on one timer (`parts::retry_later`); the parts that fail together are
/// announced once (`parts::announce_once`).
pub fn part<Fut>(load: impl Fn() -> Fut + Clone + 'static) -> impl IntoView
where
    Fut: std::future::Future<Output = Result<AnyView, NotFetched>> + 'static,
{
    loaded_part(load, false)
}

/// An interactive part the page offers on its own (the header's menus, the filters, a clause's
/// history, a proposal's support, the coordinator's forms): like `part`, but offline it leaves
/// its place empty — there are dozens on a page, a notice in each would bury the agreement —
/// and the page says once, at its top, that parts are missing (`parts::missing`).
pub fn quiet_part<Fut>(load: impl Fn() -> Fut + Clone + 'static) -> impl IntoView
where
    Fut: std::future::Future<Output = Result<AnyView, NotFetched>> + 'static,
{
    loaded_part(load, true)
}

fn loaded_part<Fut>(load: impl Fn() -> Fut + Clone + 'static, quiet: bool) -> impl IntoView
where
    Fut: std::future::Future<Output = Result<AnyView, NotFetched>> + 'static,
{
    // The app runs on one thread; the loaders wait on the browser and are not `Send`.
    let load = send_wrapper::SendWrapper::new(load);
    // Whether this part has said it is missing: its retries say so again, but do not announce.
    let said = StoredValue::new(false);
    let attempt = RwSignal::new(0_u32);
    move || {
        attempt.track();
        let load = (*load).clone();
        let arriving = send_wrapper::SendWrapper::new(async move {
            parts::drawn().await;
            load().await
        });
        Suspend::new(async move {
            match arriving.await {
                Ok(view) => {
                    // Whichever load first has the file (the preload, or a retry offline).
                    parts::keep_offline();
                    view
                }
                Err(NotFetched) => {
                    parts::retry_later(move || {
                        let _ = attempt.try_update(|a| *a += 1);
                    });
                    if quiet {
                        // Set once, not on each retry: the line under the header reads it.
                        let missing = parts::missing();
                        if !missing.get_untracked() {
                            missing.set(true);
                        }
                        return ().into_any();
                    }
                    // A part gone meanwhile (a closed composer) has nothing to say.
                    let announce = said.try_get_value() == Some(false) && parts::announce_once();
                    said.try_set_value(true);
                    let text = t("later.part_not_fetched");
                    if announce {
                        view! { <p class="notice part-notice" role="alert">{text}</p> }.into_any()
                    } else {
                        view! { <p class="notice part-notice">{text}</p> }.into_any()
                    }
                }
            }
        })
    }
}

/// Says, once at the top of the agreement's page, that parts it offers are missing while their
/// file cannot be fetched (see `quiet_part`); gone once the file is here.
#[component]
pub fn PartsMissing() -> impl IntoView {
    let missing = parts::missing();
    move || {
        missing
            .get()
            .then(|| view! { <p class="notice parts-missing" role="alert">{t("later.parts_missing")}</p> })
    }
}
