//! Saving files from the page: the filtered view as CSV or JSON, the chart as PNG, and the page
//! itself for offline use. Everything is made in the browser; nothing is fetched.

use crate::core::export::Download;
use crate::core::model::Budget;
use crate::core::wire;
use wasm_bindgen::{JsCast, JsValue};

/// Makes the `kind` file of `lines` of `budget` in the reader module's worker (which holds the
/// writers, so the app's module loads without them) and offers it; false when it could not.
pub async fn made_by_reader(
    kind: Download,
    budget: &Budget,
    lines: &[usize],
    notes: &[String],
    mime: &str,
    name: &str,
) -> bool {
    let Some(bytes) = ask_reader(kind, budget, lines, notes).await else {
        return false;
    };
    save(&bytes, mime, name).is_ok()
}

async fn ask_reader(
    kind: Download,
    budget: &Budget,
    lines: &[usize],
    notes: &[String],
) -> Option<Vec<u8>> {
    let window = web_sys::window()?;
    let reader: js_sys::Function = js_sys::Reflect::get(&window, &"__budgetReader".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let request = js_sys::Object::new();
    let lines: Vec<u32> = lines.iter().map(|&i| i as u32).collect();
    let notes: js_sys::Array = notes.iter().map(|n| JsValue::from_str(n)).collect();
    let fields: [(&str, JsValue); 4] = [
        ("download", kind.code().into()),
        (
            "wire",
            js_sys::Uint8Array::from(&wire::encode(budget)[..]).into(),
        ),
        ("lines", js_sys::Uint32Array::from(&lines[..]).into()),
        ("notes", notes.into()),
    ];
    for (key, value) in fields {
        js_sys::Reflect::set(&request, &key.into(), &value).ok()?;
    }
    let promise: js_sys::Promise = reader.call1(&window, &request).ok()?.dyn_into().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(answer.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec())
}

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
