//! The browser APIs the shell needs outside storage: the URL fragment, the browser's language
//! preferences, the document's `lang` attribute, the scrolling, clicks and focus of the
//! portfolio table, and yielding the main thread between steps of long work. Components call
//! these, never `web_sys`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The current URL fragment, e.g. `#/portfolio`; empty when there is none.
pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Points the URL fragment at a view without adding a history entry when it is already there.
pub fn set_location_hash(hash: &str) {
    let location = window().location();
    if location.hash().unwrap_or_default() != hash {
        // A failure here only means the address bar lags behind; the view itself has changed.
        let _ = location.set_hash(hash);
    }
}

/// Calls `follow` with the new fragment whenever the user navigates (back, forward, typed URL).
pub fn on_hash_change(follow: impl Fn(String) + 'static) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| follow(location_hash()));
    // The shell lives as long as the page; the listener must too.
    std::mem::forget(handle);
}

/// The browser's language preferences, most preferred first (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    let navigator = window().navigator();
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Sets `<html lang>`, so screen readers and CJK font selection follow the interface language.
pub fn set_document_language(tag: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", tag);
    }
}

/// Removes the "loading" text that `index.html` shows until the app mounts.
pub fn remove_boot_message() {
    if let Some(message) = document().get_element_by_id("boot") {
        message.remove();
    }
}

/// Today's date on this computer's calendar, for dated features (red-list clock, RFM).
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// How far a scrolling box is scrolled down, in CSS pixels.
pub fn scroll_top(element: &web_sys::Element) -> usize {
    element.scroll_top().max(0) as usize
}

/// Scrolls a box to `top` CSS pixels from its start.
pub fn scroll_to(element: &web_sys::Element, top: usize) {
    element.set_scroll_top(top as i32);
}

/// The height of a box's visible content, in CSS pixels.
pub fn visible_height(element: &web_sys::Element) -> usize {
    element.client_height().max(0) as usize
}

/// The value of the attribute `name` (a `data-*` attribute) on the element an event happened
/// in or its nearest ancestor that has one: which row, heading or chip of the portfolio table
/// was clicked.
pub fn data_of(ev: &web_sys::Event, name: &str) -> Option<String> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target
        .closest(&format!("[{name}]"))
        .ok()??
        .get_attribute(name)
}

/// Focuses the element matching `selector` inside `container` once the updates already
/// scheduled have run (the rows a key brought into view are rendered by then), or the
/// container itself if none matches.
pub fn focus_soon(container: &web_sys::HtmlElement, selector: String) {
    let container = container.clone();
    leptos::task::spawn_local(async move {
        let found = container.query_selector(&selector).ok().flatten();
        let _ = match found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(element) => element.focus(),
            None => container.focus(),
        };
    });
}

/// An RFC 3339 time (a save's) on this computer's clock, as `2026-11-22 18:05`.
pub fn local_time(rfc3339: &str) -> String {
    let time = js_sys::Date::new(&rfc3339.into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        time.get_full_year(),
        time.get_month() + 1,
        time.get_date(),
        time.get_hours(),
        time.get_minutes()
    )
}

/// The `data-act` and `data-id` of the element with a `data-act` that a click landed on or
/// inside: one handler serves a whole list of buttons (Enter and Space click buttons too).
pub fn clicked(ev: &leptos::ev::MouseEvent) -> Option<(String, String)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let acting = target.closest("[data-act]").ok()??;
    let id = acting.get_attribute("data-id").unwrap_or_default();
    Some((acting.get_attribute("data-act")?, id))
}

/// Whether the focus moved from inside `container` to an element outside it (not merely to
/// nothing, as a click on a spot that takes no focus does in some browsers).
pub fn focus_left(ev: &leptos::ev::FocusEvent, container: &web_sys::Element) -> bool {
    ev.related_target()
        .and_then(|to| to.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|to| !container.contains(Some(&to)))
}

/// Opens the browser's print dialog (where "Save as PDF" is one of the printers).
pub fn print() {
    let _ = window().print();
}

/// Scrolls the element with this id into view: in-page links of a view, whose `#id` would
/// otherwise replace the route in the URL fragment.
pub fn scroll_into_view(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.scroll_into_view();
    }
}

/// Resolves in a task of its own: long work awaits it between steps, so the page paints and
/// answers input in between. `scheduler.yield()` where the browser has it (Chromium): a
/// chain of `setTimeout(0)` is held 4 ms a step after the fifth, which a 100k-account import
/// paid a dozen times; elsewhere `setTimeout(0)`.
pub async fn next_task() {
    let scheduled = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into())
        .ok()
        .and_then(|scheduler| {
            let yield_now = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?;
            let yield_now: &js_sys::Function = yield_now.dyn_ref()?;
            yield_now
                .call0(&scheduler)
                .ok()?
                .dyn_into::<js_sys::Promise>()
                .ok()
        });
    let wait = scheduled.unwrap_or_else(|| {
        js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback(&resolve);
        })
    });
    // Neither promise fails; there is nothing to report.
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}
