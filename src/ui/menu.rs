//! The page's menu: a disclosure button and the rarely used actions behind it (another file,
//! downloads, language, print, share), so that on a phone the chart fits on the first screen.

use super::hooks::use_document_event;
use crate::core::present::strings::Strings;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MenuProps {
    pub strings: &'static Strings,
    pub children: Html,
}

/// The actions stay in the page while the menu is closed (hidden), so a file picked, a link being
/// copied or a download under way keep their elements. Esc closes it and gives the focus back to
/// its button; so does a click outside it.
#[function_component]
pub fn Menu(props: &MenuProps) -> Html {
    let s = props.strings;
    let open = use_state_eq(|| false);
    let button = use_node_ref();
    let container = use_node_ref();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                // Handled: the page's own Escape (one level up) leaves it alone.
                e.prevent_default();
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    {
        let (open, container) = (open.clone(), container.clone());
        use_document_event(
            "click",
            Callback::from(move |e: web_sys::Event| {
                let outside = match (
                    container.cast::<web_sys::Element>(),
                    e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
                ) {
                    (Some(c), Some(t)) => !c.contains(Some(&t)),
                    _ => false,
                };
                if outside && *open {
                    open.set(false);
                }
            }),
        );
    }
    // A file picked (to show, or to compare with): what it opens is what the person wants to see
    // next, and on a phone the open menu would cover it. The focus goes back to the menu's
    // button, as on Esc.
    let onchange = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |e: Event| {
            let closes = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.has_attribute("data-closes-menu"));
            if closes {
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    html! {
        <div class="menu" ref={container} {onkeydown} {onchange}>
            <button type="button" class="menu-button" id="menu-button" ref={button}
                    aria-expanded={open.to_string()} aria-controls="menu" aria-label={s.menu} title={s.menu}
                    onclick={toggle}>
                <span aria-hidden="true" class="menu-icon">{ "☰" }</span>
                <span aria-hidden="true" class="menu-text">{ s.menu }</span>
            </button>
            <div class="menu-panel" id="menu" role="group" aria-label={s.menu_title} hidden={!*open}>
                { props.children.clone() }
            </div>
        </div>
    }
}
