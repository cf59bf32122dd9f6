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
/// step, the current one replaced for a restored state (typing goes through
/// `replace_after_paint`). Does nothing when it already matches.
pub fn write(wanted: &str, step: Step) {
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
}

/// Typing: replaces the address once the frame showing the result has been painted.
/// `replaceState` costs milliseconds on a slow phone, which the result should not wait for; a
/// step (`write`) in the meantime supersedes it.
pub fn replace_after_paint(wanted: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let first = PENDING.with(|p| p.borrow_mut().replace(wanted).is_none());
    if !first {
        return; // already scheduled; it will write the latest
    }
    let flush = Closure::once_into_js(|| {
        if let Some(wanted) = PENDING.with(|p| p.borrow_mut().take()) {
            write(&wanted, Step::Replace);
        }
    });
    // A task queued from requestAnimationFrame runs after that frame is painted.
    let after_frame = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(flush.unchecked_ref());
        }
    });
    if window
        .request_animation_frame(after_frame.unchecked_ref())
        .is_err()
    {
        if let Some(wanted) = PENDING.with(|p| p.borrow_mut().take()) {
            write(&wanted, Step::Replace);
        }
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

/// Sets the page title.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if doc.title() != title {
            doc.set_title(title);
        }
    }
}

/// The browser's preferred language: Japanese for any `ja…`, English otherwise.
pub fn browser_lang() -> crate::core::view_state::Lang {
    use crate::core::view_state::Lang;
    let first = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    if first.to_ascii_lowercase().starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}

/// Marks the document's language (screen readers, fonts, translation offers).
pub fn set_lang(code: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Only on a change: touching the root's lang restyles the whole page.
        if root.get_attribute("lang").as_deref() != Some(code) {
            let _ = root.set_attribute("lang", code);
        }
    }
}

/// A link to this page with `fragment`, built from where we are (works from file:// too).
pub fn link_to(fragment: &str) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return format!("#{fragment}");
    };
    let href = location.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    if fragment.is_empty() {
        base.to_string()
    } else {
        format!("{base}#{fragment}")
    }
}

/// In an iframe, tells the host page how tall the app is, so that it can size the frame
/// (message `{ type: "kumamoto-budget:height", height }`).
pub fn post_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let height = window
        .document()
        .and_then(|d| d.document_element())
        .map_or(0, |e| e.scroll_height());
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"kumamoto-budget:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

/// Over http(s) only (never from file://): registers the service worker that keeps the app's own
/// files for offline use, and calls `on_update` when a newer version is waiting.
pub fn register_service_worker(on_update: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "https:" && protocol != "http:" {
        return;
    }
    // Only the released page has a worker beside it (it links the manifest); `trunk serve`
    // during development does not.
    let released = window
        .document()
        .and_then(|d| d.query_selector("link[rel=manifest]").ok().flatten())
        .is_some();
    let navigator = window.navigator();
    if !released || !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let on_update = std::rc::Rc::new(on_update);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) =
            wasm_bindgen_futures::JsFuture::from(container.register("./sw.js")).await
        else {
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        // A version already waiting (downloaded on an earlier visit), or one found now.
        if registration.waiting().is_some() && container.controller().is_some() {
            on_update();
        }
        let reg = registration.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = reg.installing() else {
                return;
            };
            let (worker2, on_update, container) =
                (worker.clone(), on_update.clone(), container.clone());
            let changed = Closure::<dyn Fn()>::new(move || {
                if worker2.state() == web_sys::ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    on_update();
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget(); // lives as long as the worker it watches
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget(); // lives as long as the page
    });
}

/// Lets the waiting version take over, then reloads into it.
pub fn activate_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    let reload = Closure::<dyn Fn()>::new(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(reg) = wasm_bindgen_futures::JsFuture::from(container.get_registration()).await {
            let reg: web_sys::ServiceWorkerRegistration = reg.unchecked_into();
            if let Some(waiting) = reg.waiting() {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
        }
    });
}
