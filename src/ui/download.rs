//! Saving files from the page: the filtered view as CSV or JSON, the chart as PNG, and the page
//! itself for offline use. Everything is made in the browser; nothing is fetched.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `bytes` as a file named `name` (a temporary object URL clicked through a link).
pub fn save(bytes: &[u8], mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let clicked = click_link(&url, name);
    web_sys::Url::revoke_object_url(&url)?;
    clicked
}

/// Follows `href` as a download named `name`.
pub fn click_link(href: &str, name: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Today's date on this device as 2026-12-01, for "made on" notes.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}
