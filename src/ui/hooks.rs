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

/// Opens every closed `<details data-print-open>` for paper (a table folded on screen prints
/// whole), and closes again after printing those it opened, leaving the ones a person opened.
#[hook]
pub fn use_details_open_for_print() {
    let opened_here = use_mut_ref(Vec::<web_sys::Element>::new);
    let before = {
        let opened_here = opened_here.clone();
        Callback::from(move |_: Event| {
            let Some(found) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                d.query_selector_all("details[data-print-open]:not([open])")
                    .ok()
            }) else {
                return;
            };
            let mut opened = opened_here.borrow_mut();
            for i in 0..found.length() {
                if let Some(el) = found
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.set_attribute("open", "");
                    opened.push(el);
                }
            }
        })
    };
    let after = Callback::from(move |_: Event| {
        for el in opened_here.borrow_mut().drain(..) {
            let _ = el.remove_attribute("open");
        }
    });
    use_window_event("beforeprint", before);
    use_window_event("afterprint", after);
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

/// Whether the media query `query` matches, updated when it starts or stops matching (the layout
/// decides between a sheet over the page and a panel beside the chart by the same widths as the
/// stylesheet).
#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let list = use_memo(query, |q| {
        web_sys::window().and_then(|w| w.match_media(q).ok().flatten())
    });
    let matches = use_state_eq(|| list.as_ref().as_ref().is_some_and(|l| l.matches()));
    {
        let matches = matches.setter();
        use_effect_with(list, move |list| {
            let listener = list.as_ref().as_ref().map(|l| {
                let l2 = l.clone();
                EventListener::new(l, "change", move |_| matches.set(l2.matches()))
            });
            move || drop(listener)
        });
    }
    *matches
}

/// Keeps Tab and Shift+Tab inside `container` (a sheet over the page, modal while open): from
/// its last control to its first and back. Returns whether it moved the focus.
pub fn trap_tab(container: &Element, e: &web_sys::KeyboardEvent) -> bool {
    if e.key() != "Tab" {
        return false;
    }
    let Ok(list) = container.query_selector_all(
        "button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], \
         summary, [tabindex]:not([tabindex='-1'])",
    ) else {
        return false;
    };
    let focusable: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        // Hidden controls (a closed part of the sheet) take no focus.
        .filter(|el| el.get_client_rects().length() > 0)
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return false;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref::<Element>());
    let inside = active.as_ref().is_some_and(|a| container.contains(Some(a)));
    // Inside but on no control (the heading focused when it opens): the browser's own order.
    let target = if e.shift_key() && (at(first) || !inside) {
        Some(last)
    } else if !e.shift_key() && (at(last) || !inside) {
        Some(first)
    } else {
        None
    };
    match target {
        Some(el) => {
            e.prevent_default();
            let _ = el.focus();
            true
        }
        None => false,
    }
}

/// Focuses `el` without scrolling the page: the view that was there stays where it was.
pub fn focus_in_place(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}
