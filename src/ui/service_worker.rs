//! The service worker: registered over http(s) so the app works offline; a newer version is
//! offered, never forced.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;

/// Over http(s) only (never from file://): registers the service worker that keeps the app's own
/// files for offline use, and calls `on_update` when a newer version has been installed while
/// this page is open.
pub fn register(on_update: impl Fn() + 'static) {
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
        // A version already waiting (installed after an earlier visit) takes over at once: this
        // page came from the network (the worker asks it first), so it is already that version
        // or newer, or it is the offline copy and the next visit gets the new one. Only a version
        // found while this page is open is offered, with a reload.
        if let Some(waiting) = registration.waiting() {
            let _ = waiting.post_message(&"skip-waiting".into());
        }
        let reg = registration.clone();
        EventListener::new(&registration, "updatefound", move |_| {
            let Some(worker) = reg.installing() else {
                return;
            };
            let (worker2, on_update, container) =
                (worker.clone(), on_update.clone(), container.clone());
            EventListener::new(&worker, "statechange", move |_| {
                if worker2.state() == web_sys::ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    on_update();
                }
            })
            .forget(); // lives as long as the worker it watches
        })
        .forget(); // lives as long as the page
    });
}

/// Lets the waiting version take over, then reloads into it.
pub fn activate_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    EventListener::new(&container, "controllerchange", |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    })
    .forget(); // until the new version takes over
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(reg) = wasm_bindgen_futures::JsFuture::from(container.get_registration()).await {
            let reg: web_sys::ServiceWorkerRegistration = reg.unchecked_into();
            if let Some(waiting) = reg.waiting() {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
        }
    });
}
