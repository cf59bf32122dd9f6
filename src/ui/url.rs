//! The one place that syncs the app state with the URL fragment (reading it, writing it, links
//! to a view).

use super::hooks::use_window_event;
use crate::core::action::Step;
use crate::core::view_state::{published_link, Notices, ViewState, MAX_FRAGMENT_BYTES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The fragment as read: its start without '#' (all of it unless it is longer than the app
/// reads) and its whole length in bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fragment {
    pub start: String,
    pub length: usize,
    /// What this history entry keeps beside its address: a comparison's corrections beyond what
    /// the link carries (`ViewState::corrections_beyond_link`), so that Back, Forward and a
    /// reload in this tab keep them all.
    pub beyond: String,
}

impl Fragment {
    /// The view state and notices it stands for (`ViewState::parse` of all of it, with the
    /// corrections this entry kept beyond the link).
    pub fn parse(&self) -> (ViewState, Notices) {
        let (mut view, notices) = ViewState::parse_start(&self.start, self.length);
        view.restore_corrections_beyond_link(&self.beyond);
        (view, notices)
    }
}

/// The current history entry's own text (`history.state`, a string only this page writes).
fn entry_text() -> String {
    let state = web_sys::window().and_then(|w| w.history().ok()?.state().ok());
    state
        .and_then(|v| v.as_string())
        .filter(|t| t.len() <= crate::core::corrections_file::MAX_FILE_BYTES)
        .unwrap_or_default()
}

/// A string property of `location` (`hash`, `href`), left in JavaScript.
fn location_text(name: &str) -> Option<js_sys::JsString> {
    let location = web_sys::window()?.location();
    js_sys::Reflect::get(&location, &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// The current fragment. Only its start crosses into the wasm: a 1 MB link (issue 16) is never
/// copied whole, read only as far as `ViewState::parse` reads it.
pub fn fragment() -> Fragment {
    let Some(hash) = location_text("hash") else {
        return Fragment::default();
    };
    // '#' and a byte beyond what is read, so the cut falls where it would in the whole.
    let read = (MAX_FRAGMENT_BYTES + 2) as u32;
    // A URL's fragment is ASCII (browsers percent-encode the rest), so its length in UTF-16
    // units, which JavaScript gives without a copy, is its length in bytes.
    if hash.length() <= read {
        let whole = String::from(hash);
        let start = whole.trim_start_matches('#').to_string();
        return Fragment {
            length: start.len(),
            start,
            beyond: entry_text(),
        };
    }
    let head = String::from(hash.slice(0, read));
    let start = head.trim_start_matches('#');
    Fragment {
        length: hash.length() as usize - (head.len() - start.len()),
        start: start.to_string(),
        beyond: entry_text(),
    }
}

/// Brings the URL in line with `view`, the history entry keeping its corrections beyond the link.
pub fn write_view(view: &ViewState, step: Step) {
    write_with(&view.format(), Some(&view.corrections_beyond_link()), step);
}

/// Brings the URL in line with `wanted` (a formatted view state): a new history entry for a
/// step, the current one replaced for a restored state (typing goes through
/// `replace_when_typing_pauses`). Does nothing when it already matches.
pub fn write(wanted: &str, step: Step) {
    write_with(wanted, None, step);
}

/// `write`, with the entry's own text (`beyond`; `None` keeps the current entry's).
fn write_with(wanted: &str, beyond: Option<&str>, step: Step) {
    // Typing still waiting for the paint belongs to the entry a step leaves behind (so that Back
    // returns to it); a restored state supersedes it.
    if let Some(typed) = PENDING.with(|p| p.borrow_mut().take()) {
        if step == Step::Push {
            write(&typed, Step::Replace);
        }
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let now = fragment();
    let beyond = beyond.map_or(now.beyond.clone(), str::to_string);
    if now.length == wanted.len() && now.start == wanted && now.beyond == beyond {
        return;
    }
    let entry = if beyond.is_empty() {
        JsValue::NULL
    } else {
        JsValue::from_str(&beyond)
    };
    let location = window.location();
    // The address without the fragment, built from where we are (works on file:// and any host).
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if wanted.is_empty() {
        base
    } else {
        format!("#{wanted}")
    };
    let Ok(history) = window.history() else {
        return;
    };
    let done = match step {
        Step::Push => history.push_state_with_url(&entry, "", Some(&url)),
        Step::Replace | Step::None => history.replace_state_with_url(&entry, "", Some(&url)),
    };
    if done.is_err() && step == Step::Push {
        // Some browsers refuse history URLs on file://; assigning the hash still records the
        // step. A refused replace (Safari rate-limits them while typing) is left alone: the
        // next change brings the address up to date, and no stray history entry is added.
        let _ = location.set_hash(wanted);
    }
}

thread_local! {
    /// The address a typed change waits to write (the latest wins).
    static PENDING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The timer that writes it (restarted by each keystroke).
    static TIMER: std::cell::Cell<Option<i32>> = const { std::cell::Cell::new(None) };
    /// Whether leaving the page writes what is still waiting (installed once).
    static ON_LEAVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How long typing must pause before the address follows it (ms).
const TYPING_PAUSE_MS: i32 = 300;

/// Typing: replaces the address once typing pauses, never per keystroke. Each `replaceState`
/// is a same-document navigation, which costs milliseconds on a slow phone (Chromium also
/// decodes the page's SVG icon again for each): run after every keystroke's frame, it delayed
/// the next keystroke. A step (`write`) or a new fragment in the meantime supersedes it, and
/// leaving the page writes it. (A long link's cut address goes the same way, after its view.)
pub fn replace_when_typing_pauses(wanted: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    PENDING.with(|p| *p.borrow_mut() = Some(wanted));
    if let Some(id) = TIMER.take() {
        window.clear_timeout_with_handle(id);
    }
    let flush = Closure::once_into_js(|| {
        TIMER.set(None);
        flush_typed();
    });
    match window.set_timeout_with_callback_and_timeout_and_arguments_0(
        flush.unchecked_ref(),
        TYPING_PAUSE_MS,
    ) {
        Ok(id) => TIMER.set(Some(id)),
        Err(_) => flush_typed(),
    }
    if !ON_LEAVE.replace(true) {
        // For the page's life: one listener, so a reload right after typing keeps the query.
        let leave = Closure::<dyn Fn()>::new(flush_typed);
        let _ = window.add_event_listener_with_callback("pagehide", leave.as_ref().unchecked_ref());
        leave.forget();
    }
}

/// Writes the typed address still waiting, if any (before reading the address for the view).
pub fn flush_typed() {
    if let Some(wanted) = PENDING.with(|p| p.borrow_mut().take()) {
        write(&wanted, Step::Replace);
    }
}

/// Drops the typed address still waiting: the fragment changed under the app (a link, Back),
/// which the state now follows instead.
fn drop_typed() {
    PENDING.with(|p| p.borrow_mut().take());
    if let (Some(id), Some(w)) = (TIMER.take(), web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
}

/// Calls `on_change` with the fragment whenever it changes under the app (back, forward, edited
/// URL).
#[hook]
pub fn use_fragment_change(on_change: Callback<Fragment>) {
    let changed = on_change.reform(|_: web_sys::Event| {
        drop_typed();
        fragment()
    });
    use_window_event("hashchange", changed.clone());
    use_window_event("popstate", changed);
}

/// A link to this page with `fragment`, built from where we are (works from file:// too).
pub fn link_to(fragment: &str) -> String {
    let (Some(href), Some(hash)) = (location_text("href"), location_text("hash")) else {
        return format!("#{fragment}");
    };
    // The address without its fragment, cut in JavaScript (a 1 MB link stays there).
    let base = String::from(href.slice(0, href.length().saturating_sub(hash.length())));
    let base = base.split('#').next().unwrap_or_default();
    if fragment.is_empty() {
        base.to_string()
    } else {
        format!("{base}#{fragment}")
    }
}

/// Whether this page was opened from a file on the device (a saved copy), where a link to it
/// means nothing to anyone else.
pub fn is_saved_copy() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// Where the page is published, when the build was told (`BUDGET_HOSTED_URL`, empty by default).
pub fn hosted_base() -> Option<&'static str> {
    option_env!("BUDGET_HOSTED_URL").filter(|b| published_link(b, "").is_some())
}

/// The link to share for `fragment`: this page's, or on a saved copy the published page's when
/// the build knows it (anyone can open that one).
pub fn shared_link(fragment: &str) -> String {
    match hosted_base() {
        Some(base) if is_saved_copy() => published_link(base, fragment).unwrap_or_default(),
        _ => link_to(fragment),
    }
}
