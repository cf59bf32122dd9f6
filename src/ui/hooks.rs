//! Hooks that listen to the page for a component: each adds its listener when the component
//! mounts (or its target appears) and removes it when the component goes away.
//!
//! Each listener is added once and calls the handler of the latest render, so a handler made anew
//! on every render (`Callback::from`, `reform`) neither re-adds the listener nor acts on a stale
//! render's values.

use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget};
use yew::prelude::*;

/// Calls `on_event` with every `name` event on the window.
#[hook]
pub fn use_window_event(name: &'static str, on_event: Callback<Event>) {
    use_event(|| web_sys::window().map(Into::into), name, on_event);
}

/// Calls `on_event` with every `name` event on the document (wherever the focus is, including
/// nowhere).
#[hook]
pub fn use_document_event(name: &'static str, on_event: Callback<Event>) {
    use_event(
        || web_sys::window()?.document().map(Into::into),
        name,
        on_event,
    );
}

/// Window scroll and resize events, handled at most once per animation frame while `active`;
/// `on_frame` gets whether the window was resized since the last frame. Passive, as gloo's
/// listeners are: the scroll never waits for us.
#[hook]
pub fn use_scroll_and_resize_per_frame(active: bool, on_frame: Callback<bool>) {
    let latest = use_latest(on_frame);
    use_effect_with(active, move |&active| {
        let window = web_sys::window().filter(|_| active);
        let wired = window.map(|window| {
            // The frame asked for, if any (cancelled when the listeners go).
            let pending = Rc::new(Cell::new(None::<i32>));
            let resized = Rc::new(Cell::new(false));
            // One closure for every frame, wired by hand: gloo-render's AnimationFrame makes a
            // closure per frame, and costs the wasm more than this.
            let frame = {
                let (pending, resized) = (pending.clone(), resized.clone());
                Rc::new(Closure::<dyn Fn()>::new(move || {
                    pending.set(None);
                    emit_latest(&latest, resized.replace(false));
                }))
            };
            let listeners = ["scroll", "resize"].map(|name| {
                let (window, pending, resized, frame) = (
                    window.clone(),
                    pending.clone(),
                    resized.clone(),
                    frame.clone(),
                );
                EventListener::new(&window.clone(), name, move |_| {
                    if name == "resize" {
                        resized.set(true);
                    }
                    if pending.get().is_none() {
                        let id = window.request_animation_frame((*frame).as_ref().unchecked_ref());
                        pending.set(id.ok());
                    }
                })
            });
            (window, pending, listeners)
        });
        move || {
            if let Some((window, pending, listeners)) = wired {
                drop(listeners);
                if let Some(id) = pending.take() {
                    let _ = window.cancel_animation_frame(id);
                }
            }
        }
    });
}

/// What a resize observer watches.
#[derive(Clone, PartialEq)]
pub enum Observed {
    Nothing,
    Body,
    Node(NodeRef),
}

/// Calls `on_resize` with the observed element when observation starts and whenever its box
/// changes size. Wired by hand: gloo has no ResizeObserver.
#[hook]
pub fn use_resize_observer(observed: Observed, on_resize: Callback<Element>) {
    let latest = use_latest(on_resize);
    use_effect_with(observed, move |observed| {
        let element = match observed {
            Observed::Nothing => None,
            Observed::Body => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
                .map(Into::into),
            Observed::Node(node) => node.cast::<Element>(),
        };
        let observer = element.and_then(|el| {
            let el2 = el.clone();
            let callback = Closure::<dyn Fn()>::new(move || emit_latest(&latest, el2.clone()));
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
            observer.observe(&el);
            Some((observer, callback))
        });
        move || {
            if let Some((observer, _callback)) = observer {
                observer.disconnect();
            }
        }
    });
}

/// A listener for `name` on the target `target` finds once the component is mounted.
#[hook]
fn use_event(target: fn() -> Option<EventTarget>, name: &'static str, on_event: Callback<Event>) {
    let latest = use_latest(on_event);
    use_effect_with(name, move |&name| {
        let listener = target().map(|t| {
            EventListener::new(&t, name, move |e: &Event| emit_latest(&latest, e.clone()))
        });
        move || drop(listener)
    });
}

/// The handler of the latest render, for listeners that outlive renders.
#[hook]
fn use_latest<T: 'static>(handler: Callback<T>) -> Rc<RefCell<Callback<T>>> {
    let latest = use_mut_ref(|| handler.clone());
    *latest.borrow_mut() = handler;
    latest
}

/// Cloned out of the cell before it is called: the handler may render, which sets the cell.
fn emit_latest<T>(latest: &RefCell<Callback<T>>, value: T) {
    let handler = latest.borrow().clone();
    handler.emit(value);
}
