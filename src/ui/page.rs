//! The document around the app: its title, its language, and the height an embedding page is
//! told.

/// Sets the page title, without bidi controls: it holds names from the data, and a title can
/// neither isolate them nor show them.
pub fn set_title(title: &str) {
    let title = crate::core::present::outside::stripped(title);
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if doc.title() != title {
            doc.set_title(&title);
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
