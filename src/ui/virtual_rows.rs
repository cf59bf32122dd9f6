//! A long table rendered a screen at a time: which rows (`core::virtual_rows`), from where its
//! body is on screen, measured after every render and on scroll and resize (at most once a
//! frame). The page itself scrolls (no scroll box inside it, which touch tablets handle badly);
//! the rows are one height, which is measured from the rendered ones. Used by the main table and
//! the comparison's.

use super::hooks::use_scroll_and_resize_per_frame;
use crate::core::virtual_rows::{Geometry, Span};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A row's height until one has been measured (CSS px; the stylesheets fix it in rem).
const FIRST_GUESS: f64 = 56.0;

/// The rendered rows of a long table and what they were computed for.
#[derive(Clone, Debug, PartialEq)]
struct Layout {
    count: usize,
    row_height: f64,
    span: Span,
}

/// What the window listeners read; they outlive renders, so the render keeps this up to date.
struct Live {
    on: bool,
    count: usize,
    layout: Layout,
    /// The screen and the body's place on it when last measured.
    offset: f64,
    viewport: f64,
    /// The row height needs measuring again (first render, resize, another language).
    measure: bool,
}

/// The rows to render now, and a way to measure again.
pub struct VirtualRows {
    pub span: Span,
    place: Rc<dyn Fn()>,
    live: Rc<RefCell<Live>>,
}

impl VirtualRows {
    /// Measures the body's place now and, if that calls for other rows, renders them (after a
    /// scroll the component made itself).
    pub fn place(&self) {
        (self.place)();
    }

    /// The row height and the screen's height last measured.
    pub fn row_height_and_viewport(&self) -> (f64, f64) {
        let l = self.live.borrow();
        (l.layout.row_height, l.viewport)
    }
}

/// Rows rendered beyond the screen each way: half a screen (at least four), so a fast flick
/// meets rendered rows and each re-render moves the span by several rows at once.
fn overscan(row_height: f64, viewport: f64) -> usize {
    ((viewport / row_height.max(1.0) / 2.0).ceil() as usize).max(4)
}

/// The span of `count` rows to render in `body` while `active` (when not, the span is still
/// computed but nothing is measured or listened to). `remeasure` changing (the language) means
/// a row may have another height.
#[hook]
pub fn use_virtual_rows<T: PartialEq + 'static>(
    count: usize,
    active: bool,
    body: NodeRef,
    remeasure: T,
) -> VirtualRows {
    let layout = use_state_eq(|| {
        let viewport = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        let geometry = Geometry {
            count,
            row_height: FIRST_GUESS,
            offset: 0.0,
            viewport,
        };
        Layout {
            count,
            row_height: FIRST_GUESS,
            span: geometry.span(overscan(FIRST_GUESS, viewport), None),
        }
    });
    let live = use_mut_ref(|| Live {
        on: false,
        count,
        layout: (*layout).clone(),
        offset: 0.0,
        viewport: 0.0,
        measure: true,
    });
    // The span to render now: the stored one, or, when the rows changed since, one for the new
    // count at the last known place (the effect below then measures and corrects it).
    let span = if layout.count == count {
        layout.span.clone()
    } else {
        let l = live.borrow();
        Geometry {
            count,
            row_height: layout.row_height,
            offset: l.offset,
            viewport: l.viewport,
        }
        .span(overscan(layout.row_height, l.viewport), None)
    };
    {
        let mut l = live.borrow_mut();
        if !l.on && active {
            l.measure = true;
        }
        l.on = active;
        l.count = count;
    }
    {
        let live = live.clone();
        use_effect_with(remeasure, move |_| live.borrow_mut().measure = true);
    }
    let place: Rc<dyn Fn()> = {
        let (body, live, layout) = (body.clone(), live.clone(), layout.setter());
        Rc::new(move || {
            if let Some(l) = locate(&body, &live) {
                layout.set(l);
            }
        })
    };
    // After every render, as the rows or their height may have changed (this converges: the
    // state changes only when the span does).
    {
        let place = place.clone();
        use_effect(move || place());
    }
    {
        let (place, live) = (place.clone(), live.clone());
        use_scroll_and_resize_per_frame(
            active,
            Callback::from(move |resized| {
                if resized {
                    live.borrow_mut().measure = true;
                }
                place();
            }),
        );
    }
    VirtualRows { span, place, live }
}

/// The body's place on screen now, and the rows that calls for, when that differs from what is
/// rendered (only while active).
fn locate(body: &NodeRef, live: &RefCell<Live>) -> Option<Layout> {
    let mut live = live.borrow_mut();
    if !live.on {
        return None;
    }
    let body = body.cast::<web_sys::Element>()?;
    let viewport = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let mut row_height = live.layout.row_height;
    if live.measure {
        if let Some(h) = row_pitch(&body) {
            row_height = h;
            live.measure = false;
        }
    }
    // The body's top is the first row's top (the spacer before the rows starts there).
    let offset = -body.get_bounding_client_rect().top();
    (live.offset, live.viewport) = (offset, viewport);
    let geometry = Geometry {
        count: live.count,
        row_height,
        offset,
        viewport,
    };
    let same = live.layout.count == live.count && live.layout.row_height == row_height;
    let current = same.then(|| live.layout.span.start..live.layout.span.end);
    let layout = Layout {
        count: live.count,
        row_height,
        span: geometry.span(overscan(row_height, viewport), current),
    };
    (layout != live.layout).then(|| {
        live.layout = layout.clone();
        layout
    })
}

/// The distance from one rendered row to the next (rows are one height in a long table), to
/// 1/100 px so that rounding noise does not count as a change.
fn row_pitch(body: &web_sys::Element) -> Option<f64> {
    let rows = body.query_selector_all(":scope > tr[data-id]").ok()?;
    let rect = |i: u32| {
        rows.get(i)
            .and_then(|r| r.dyn_into::<web_sys::Element>().ok())
            .map(|r| r.get_bounding_client_rect())
    };
    let n = rows.length();
    let h = match n {
        0 => return None,
        1 => rect(0)?.height(),
        _ => (rect(n - 1)?.top() - rect(0)?.top()) / f64::from(n - 1),
    };
    (h >= 1.0).then(|| (h * 100.0).round() / 100.0)
}
