//! The one place that syncs the app state with the URL fragment.

use crate::core::action::Step;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The current fragment, without '#'.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Brings the URL in line with `wanted` (a formatted view state): a new history entry for a
/// step, a replaced one for typing or a restored state. Does nothing when it already matches.
pub fn write(wanted: &str, step: Step) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if fragment() == wanted {
        return;
    }
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
        Step::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        Step::Replace | Step::None => {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        }
    };
    if done.is_err() {
        // Some browsers refuse history URLs on file://; assigning the hash still records it.
        let _ = location.set_hash(wanted);
    }
}

/// Calls `on_change` whenever the fragment changes under the app (back, forward, edited URL).
/// Returns a guard that removes the listeners when dropped.
pub fn listen(on_change: impl Fn(String) + 'static) -> impl FnOnce() {
    let window = web_sys::window();
    let closure = Closure::<dyn Fn()>::new(move || on_change(fragment()));
    if let Some(w) = &window {
        for event in ["hashchange", "popstate"] {
            let _ = w.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
    }
    move || {
        if let Some(w) = &window {
            for event in ["hashchange", "popstate"] {
                let _ =
                    w.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        }
        drop(closure);
    }
}

/// The full address of the current view, for sharing.
pub fn current_link() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Sets the page title.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}
