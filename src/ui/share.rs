//! The share button and its panel.

use super::{qr_svg, url};
use crate::core::present::strings::Strings;
use crate::core::view_state::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub strings: &'static Strings,
    /// The language shown: a shared link carries it, so a colleague sees the same.
    pub lang: Lang,
    /// Showing a file the user opened: the link says that it refers to it.
    pub loaded: bool,
    /// A word on what the link leaves out (a comparison's corrections beyond what it carries).
    #[prop_or_default]
    pub note: Option<String>,
    /// Before each id: a second share button (in the details' sheet on a phone) has its own.
    #[prop_or_default]
    pub prefix: &'static str,
}

/// Copies the current link and shows it with a QR code (a tablet passes its view to a colleague's
/// phone); where the clipboard is not available, the link is there to copy by hand.
#[function_component]
pub fn Share(props: &ShareProps) -> Html {
    let s = props.strings;
    let lang = props.lang;
    let outcome = use_state(|| None::<bool>);
    let link = use_state(String::new);
    let onclick = {
        let (outcome, link) = (outcome.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            // The address as the view is now (typing may still be waiting to reach it).
            url::flush_typed();
            let (mut shared, _) = url::fragment().parse();
            shared.lang = Some(lang);
            let href = url::shared_link(&shared.format());
            link.set(href.clone());
            let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
            let outcome = outcome.clone();
            match clipboard {
                Some(c) if is_defined(&c) => {
                    let promise = c.write_text(&href);
                    wasm_bindgen_futures::spawn_local(async move {
                        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                        outcome.set(Some(ok));
                    });
                }
                _ => outcome.set(Some(false)),
            }
        })
    };
    let close = {
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| outcome.set(None))
    };
    let id = |name: &str| format!("{}{name}", props.prefix);
    let qr = qr_svg(&link, s.qr_label, &id("share-qr"));
    html! {
        <div class="share">
            <button type="button" id={id("share")} aria-expanded={outcome.is_some().to_string()} {onclick}>{ s.copy_link }</button>
            if let Some(copied) = *outcome {
                <div class="share-panel" role="dialog" aria-label={s.share}>
                    <p class="share-status" role="status">{ if copied { s.copied } else { s.copy_fallback } }</p>
                    if url::is_saved_copy() {
                        <p class="share-warning" id="share-saved-copy">
                            { if url::hosted_base().is_some() { s.share_hosted } else { s.share_on_this_device } }
                        </p>
                    }
                    if props.loaded {
                        <p class="share-warning">{ s.link_refers_to_file }</p>
                    }
                    if let Some(note) = &props.note {
                        <p class="share-warning" id={id("share-corrections")}>{ note.clone() }</p>
                    }
                    <input id={id("share-link")} type="text" readonly=true value={(*link).clone()} aria-label={s.share}
                           onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select())}/>
                    { qr }
                    <button type="button" class="close-share" onclick={close}>{ s.close }</button>
                </div>
            }
        </div>
    }
}

/// `navigator.clipboard` is undefined on insecure origins (plain http, some file:// pages).
pub(super) fn is_defined(value: &impl AsRef<wasm_bindgen::JsValue>) -> bool {
    !value.as_ref().is_undefined() && !value.as_ref().is_null()
}
