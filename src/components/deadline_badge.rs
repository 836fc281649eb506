//! The reader's own organisation's deadline: the agreement's, or the later one their
//! organisation was given, with the days left. Shown in the agreement's header; the remiss
//! page, whose status line already gives the agreement's deadline, shows it only when the
//! reader's organisation was given a later one.

use crate::format;
use crate::i18n::use_i18n;
use crate::live::use_live;
use leptos::prelude::*;
use samrad_domain::Change;

#[component]
pub fn DeadlineBadge(
    /// Show nothing unless the reader's organisation was given a later deadline.
    #[prop(optional)]
    only_extended: bool,
) -> impl IntoView {
    let live = use_live();
    let locale = use_i18n();
    let organisation = live.me().organisation;
    let deadline = Memo::new(move |_| {
        live.read([Change::Meta], |a| {
            let own = a.deadline_for(&organisation);
            let extended = own.is_some() && own != a.deadline();
            own.filter(|_| extended || !only_extended)
                .map(|d| (d, extended))
        })
    });
    let text = move || {
        deadline.get().map(|(d, extended)| {
            let locale = locale.get();
            let date = format::date(d, locale);
            let days = format::days_left(d, js_sys::Date::now());
            let left = if days < 0 {
                locale.text("deadline.passed", &[])
            } else {
                locale.text_n("deadline.days_left", days as usize, &[])
            };
            let key = if extended {
                "deadline.own_extended"
            } else {
                "deadline.own"
            };
            (locale.text(key, &[("date", &date)]), left, days < 0)
        })
    };
    move || {
        text().map(|(date, left, passed)| {
            view! {
                <p class="deadline-badge ui" class:passed=passed data-testid="own-deadline">
                    <span class="deadline-date">{date}</span>
                    " "
                    <span class="deadline-left">{left}</span>
                </p>
            }
        })
    }
}
