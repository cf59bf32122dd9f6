//! Turns Trunk's release output into ONE self-contained `index.html`.
//!
//! Browsers refuse a module script or a `fetch` of a `.wasm` from `file://`, so a saved copy of the
//! site would not run. This step puts the stylesheet into a `<style>`, the wasm-bindgen glue into
//! the page's one module script, and the wasm into that script as base64, handed to the glue's init
//! function as bytes (so the glue never computes a URL from `import.meta.url` nor fetches one).
//! The inlined files are then deleted from `dist/`; any other file there is left alone.
//!
//! Anything that does not look like Trunk 0.21's output is an error naming what was found: a
//! changed loader or glue must fail the build, not ship a page that silently does not start.

use base64::{engine::general_purpose::STANDARD, Engine};
use std::fs;
use std::ops::Range;
use std::path::Path;

type Result<T = ()> = std::result::Result<T, String>;

/// Rewrites `dist/index.html` in place into a single self-contained file and deletes the
/// stylesheet, JS glue and wasm it inlined.
pub fn inline_site(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let read = |name: &str| {
        let path = dist.join(name);
        fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let inlined = inline_html(&html, read).map_err(|e| format!("{}: {e}", index.display()))?;
    // The page first, so a failure leaves the old page and every file it refers to in place.
    fs::write(&index, &inlined.html).map_err(|e| format!("{}: {e}", index.display()))?;
    for name in &inlined.files {
        let path = dist.join(name);
        fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The rewritten page and the names (relative to `dist/`) of the files now inside it.
#[derive(Debug)]
pub struct Inlined {
    pub html: String,
    pub files: Vec<String>,
}

/// The pure rewrite: `read` returns the bytes of a file of `dist/` given its name.
pub fn inline_html(html: &str, read: impl Fn(&str) -> Result<Vec<u8>>) -> Result<Inlined> {
    let elements = scan(html);

    // Trunk's loader names the glue and the wasm.
    let mut loaders = elements.iter().filter(|e| {
        e.name == "script"
            && e.attr("type") == Some("module")
            && e.content
                .as_ref()
                .is_some_and(|c| html[c.clone()].contains("import init, * as bindings from"))
    });
    let loader = loaders
        .next()
        .ok_or("no Trunk loader script (`import init, * as bindings from …`); already inlined?")?;
    if loaders.next().is_some() {
        return Err("more than one Trunk loader script".into());
    }
    let loader_text = &html[loader.content.clone().expect("a script has content")];
    let (js_name, wasm_name) = parse_loader(loader_text)?;

    let js = String::from_utf8(read(&js_name)?).map_err(|_| format!("{js_name} is not UTF-8"))?;
    let wasm = read(&wasm_name)?;
    let script = module_script(&js, &wasm).map_err(|e| format!("{js_name}: {e}"))?;

    // The script goes last in the body, not where Trunk's loader was in the head: a module script
    // runs only once the page is parsed wherever it is, but the parser reads its 470 KB of text
    // before anything after it, so in the head it held back the first paint of the static page
    // (measured: the static treemap on screen sooner at 4× CPU; README, session 6). Yew empties
    // the body when the app mounts, so the app moves the script into the head first (`ui::start`).
    let body_end = find_ci(html, "</body>").ok_or("no </body> in the page")?;
    if body_end < loader.whole.end {
        return Err("Trunk's loader script is not before </body>".into());
    }
    let mut edits: Vec<(Range<usize>, String)> = vec![
        (loader.whole.clone(), String::new()),
        (body_end..body_end, format!("{script}\n")),
    ];
    let mut files = vec![js_name.clone(), wasm_name.clone()];
    for e in elements.iter().filter(|e| e.name == "link") {
        let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
        let href = e.attr("href").unwrap_or("");
        match rel.as_str() {
            "modulepreload" if local_name(href).as_deref() == Some(&js_name) => {
                edits.push((e.whole.clone(), String::new()));
            }
            "preload" if local_name(href).as_deref() == Some(&wasm_name) => {
                edits.push((e.whole.clone(), String::new()));
            }
            "stylesheet" => {
                // Only our own files; a stylesheet on another host is not ours to inline.
                let Some(name) = local_name(href) else {
                    continue;
                };
                let css =
                    String::from_utf8(read(&name)?).map_err(|_| format!("{name} is not UTF-8"))?;
                if find_ci(&css, "</style").is_some() {
                    return Err(format!(
                        "{name} contains `</style`, which would end the element"
                    ));
                }
                let media = match e.attr("media") {
                    Some(m) => format!(" media=\"{}\"", m.replace('"', "&quot;")),
                    None => String::new(),
                };
                edits.push((
                    e.whole.clone(),
                    format!("<style{media}>\n{}\n</style>", css.trim_end()),
                ));
                files.push(name);
            }
            _ => {}
        }
    }

    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(html.len() + wasm.len() * 4 / 3 + js.len() + 1024);
    let mut untouched = String::new();
    let mut at = 0;
    for (range, text) in &edits {
        untouched.push_str(&html[at..range.start]);
        out.push_str(&html[at..range.start]);
        out.push_str(text);
        at = range.end;
    }
    untouched.push_str(&html[at..]);
    out.push_str(&html[at..]);

    // Nothing left in the page may point at a file about to be deleted.
    if let Some(name) = files.iter().find(|n| untouched.contains(n.as_str())) {
        return Err(format!("the page still refers to {name} after inlining"));
    }
    Ok(Inlined { html: out, files })
}

/// The glue and wasm file names from Trunk's loader, which must be exactly Trunk's default one
/// (no `data-initializer`, no extra code that the replacement would drop).
fn parse_loader(text: &str) -> Result<(String, String)> {
    let quoted_after = |marker: &str| -> Result<String> {
        let start = text
            .find(marker)
            .ok_or_else(|| format!("Trunk loader without `{marker}`"))?
            + marker.len();
        let rest = text[start..].trim_start();
        let quote = rest
            .chars()
            .next()
            .filter(|c| *c == '\'' || *c == '"')
            .ok_or_else(|| format!("Trunk loader: no quoted name after `{marker}`"))?;
        let end = rest[1..]
            .find(quote)
            .ok_or_else(|| format!("Trunk loader: unterminated name after `{marker}`"))?;
        Ok(rest[1..1 + end].to_string())
    };
    let js_href = quoted_after("import init, * as bindings from")?;
    let wasm_href = quoted_after("module_or_path:")?;
    let expected = format!(
        "import init, * as bindings from '{js_href}';\n\
         const wasm = await init({{ module_or_path: '{wasm_href}' }});\n\
         window.wasmBindings = bindings;\n\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{detail: {{wasm}}}}));"
    );
    let squeeze = |s: &str| s.split_whitespace().collect::<String>().replace('"', "'");
    if squeeze(text) != squeeze(&expected) {
        return Err(format!(
            "the Trunk loader script is not the one this step knows (data-initializer or a \
             newer Trunk?):\n{}",
            text.trim()
        ));
    }
    let js = local_name(&js_href).ok_or_else(|| format!("glue `{js_href}` is not in dist/"))?;
    let wasm =
        local_name(&wasm_href).ok_or_else(|| format!("wasm `{wasm_href}` is not in dist/"))?;
    Ok((js, wasm))
}

/// `./name` or `name` for a file directly in dist/; `None` for anything else.
pub(crate) fn local_name(href: &str) -> Option<String> {
    let name = href.strip_prefix("./").unwrap_or(href);
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '?', '#', '&']);
    plain.then(|| name.to_string())
}

/// Prefix of every name the loader declares; the glue must not use it.
const OURS: &str = "__inline_";

/// The one module script: the glue without its `export`s, then a loader that decodes the wasm
/// and starts it as Trunk's loader did.
fn module_script(glue: &str, wasm: &[u8]) -> Result<String> {
    let glue = Glue::parse(glue)?;
    if glue.body.contains(OURS) {
        return Err(format!("the glue already uses names starting with {OURS}"));
    }
    let bindings: Vec<String> = glue
        .exports
        .iter()
        .map(|(exported, local)| {
            if exported == local {
                local.clone()
            } else {
                format!("{exported}: {local}")
            }
        })
        .collect();
    // `</script` inside the glue (a string or comment) would end the element; `<\/` means the
    // same in JS strings, templates, regular expressions and comments.
    let body = replace_ci(&glue.body, "</script", "<\\/script");
    Ok(format!(
        "<script type=\"module\">\n\
         {body}\n\
         // Inlined by xtask: the wasm, gzip-compressed and base64-encoded, unpacked by the browser\n\
         // (DecompressionStream) and handed to the glue as bytes: nothing is fetched.\n\
         {{\n\
         const {OURS}base64 = \"{b64}\";\n\
         // A browser without what the app needs gets a message naming the versions that work\n\
         // (the page's static content stays), never a blank page.\n\
         const {OURS}unsupported = (why) => {{\n  \
           const note = document.createElement(\"p\");\n  \
           note.className = \"startup-error\";\n  \
           note.setAttribute(\"role\", \"alert\");\n  \
           note.textContent = {message};\n  \
           document.body.prepend(note);\n  \
           console.warn(\"app not started:\", why);\n\
         }};\n\
         if (typeof WebAssembly !== \"object\" || typeof DecompressionStream !== \"function\") {{\n  \
           {OURS}unsupported(\"WebAssembly or DecompressionStream missing\");\n\
         }} else {{\n  \
           try {{\n  \
           const {OURS}packed = typeof Uint8Array.fromBase64 === \"function\"\n    \
             ? Uint8Array.fromBase64({OURS}base64)\n    \
             : Uint8Array.from(atob({OURS}base64), (c) => c.charCodeAt(0));\n  \
           const {OURS}bytes = await new Response(\n    \
             new Blob([{OURS}packed]).stream().pipeThrough(new DecompressionStream(\"gzip\"))\n  \
           ).arrayBuffer();\n  \
           const {OURS}exports = await {init}({{ module_or_path: {OURS}bytes }});\n  \
           window.wasmBindings = Object.freeze({{ {bindings} }});\n  \
           dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{ detail: {{ wasm: {OURS}exports }} }}));\n  \
           }} catch (error) {{\n  \
             {OURS}unsupported(error);\n  \
           }}\n\
         }}\n\
         }}\n\
         </script>",
        // Standard base64 with padding: what `atob` and `Uint8Array.fromBase64` read.
        b64 = STANDARD.encode(gzip(wasm)),
        message = UNSUPPORTED_MESSAGE,
        init = glue.init,
        bindings = bindings.join(", "),
    ))
}

/// Shown (as text) when the browser lacks WebAssembly or DecompressionStream, or the app fails
/// to start: in both languages, with the versions known to work.
const UNSUPPORTED_MESSAGE: &str = "\"このブラウザではアプリを動かせません。Safari 16.4、Chrome 80、Edge 80、Firefox 113 以降でご覧ください。 / This browser cannot run the app: please use Safari 16.4, Chrome 80, Edge 80, Firefox 113 or later.\"";

/// gzip at the best level: base64 of compressed bytes is far smaller than of the raw wasm, and
/// stays smaller after the server's own compression.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// wasm-bindgen's `--target web` glue, with its exports taken out.
struct Glue {
    /// The glue's code with no `export` left.
    body: String,
    /// (exported name, local name), in the order found; what `import * as bindings` would hold.
    exports: Vec<(String, String)>,
    /// The local name of the default export, the async init function.
    init: String,
}

impl Glue {
    fn parse(js: &str) -> Result<Glue> {
        let mut body = String::with_capacity(js.len());
        let mut exports: Vec<(String, String)> = Vec::new();
        for line in js.split_inclusive('\n') {
            let code = line.trim_start();
            if let Some(rest) = code.strip_prefix("export") {
                if let Some(list) = rest.trim_start().strip_prefix('{') {
                    // `export { initSync, __wbg_init as default };`: the list goes, the line too.
                    let (list, tail) = list.split_once('}').ok_or_else(|| {
                        format!("an export list over several lines: {}", code.trim())
                    })?;
                    if !matches!(tail.trim(), "" | ";") {
                        return Err(format!(
                            "an export this step cannot inline: {}",
                            code.trim()
                        ));
                    }
                    for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                        let (local, exported) = match item.split_once(" as ") {
                            Some((l, e)) => (l.trim(), e.trim()),
                            None => (item, item),
                        };
                        exports.push((exported.to_string(), local.to_string()));
                    }
                    continue;
                }
                if rest.starts_with(char::is_whitespace) {
                    // `export function f`, `export class C`, `export const x`: keep the declaration.
                    let decl = rest.trim_start();
                    let name = declared_name(decl).ok_or_else(|| {
                        format!("an export this step cannot inline: {}", code.trim())
                    })?;
                    exports.push((name.clone(), name));
                    let indent = &line[..line.len() - code.len()];
                    body.push_str(indent);
                    body.push_str(decl);
                    continue;
                }
            }
            if let Some(rest) = code.strip_prefix("import") {
                if rest.starts_with([' ', '{', '*', '"', '\'']) {
                    return Err(format!(
                        "the glue imports another file (a snippet?): {}",
                        code.trim()
                    ));
                }
            }
            body.push_str(line);
        }
        let init = exports
            .iter()
            .find(|(exported, _)| exported == "default")
            .map(|(_, local)| local.clone())
            .ok_or("the glue has no default export (its init function)")?;
        Ok(Glue {
            body,
            exports,
            init,
        })
    }
}

/// The name declared by `function f(`, `async function f(`, `class C`, `const x =`, `let`, `var`.
fn declared_name(decl: &str) -> Option<String> {
    let mut words = decl.split_whitespace();
    let mut word = words.next()?;
    if word == "async" {
        word = words.next()?;
    }
    let rest = match word {
        "function" | "function*" | "class" | "const" | "let" | "var" => words.next()?,
        _ => return None,
    };
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// An element as far as this step cares: its name, attributes, where it is, and for raw-text
/// elements (`script`, `style`) where its content is.
#[derive(Debug)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    /// The whole element, from `<` to the end of the end tag (or of the start tag).
    pub(crate) whole: Range<usize>,
    pub(crate) content: Option<Range<usize>>,
}

impl Element {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of `html`, skipping comments, end tags, the doctype and the text of scripts and
/// styles. Enough for Trunk's output, not a general HTML parser.
pub(crate) fn scan(html: &str) -> Vec<Element> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            at = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |end| start + 4 + end + 3);
            continue;
        }
        let name_len = html[start + 1..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 || !bytes[start + 1].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let name = html[start + 1..start + 1 + name_len].to_ascii_lowercase();
        let (attrs, open_end) = parse_attrs(html, start + 1 + name_len);
        let (whole_end, content) = if name == "script" || name == "style" {
            let close = find_ci(&html[open_end..], &format!("</{name}"))
                .map_or(html.len(), |i| open_end + i);
            let end = html[close..]
                .find('>')
                .map_or(html.len(), |i| close + i + 1);
            (end, Some(open_end..close))
        } else {
            (open_end, None)
        };
        found.push(Element {
            name,
            attrs,
            whole: start..whole_end,
            content,
        });
        at = whole_end;
    }
    found
}

/// Attributes from `from` up to the end of the start tag; returns them (names lower-cased, values
/// as written) and the index just after the closing `>`.
fn parse_attrs(html: &str, from: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, html.len());
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let end = html[i + 1..]
                    .bytes()
                    .position(|b| b == quote)
                    .map_or(html.len(), |p| i + 1 + p);
                value = html[i + 1..end].to_string();
                i = (end + 1).min(html.len());
            } else {
                let start = i;
                while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = html[start..i].to_string();
            }
        }
        attrs.push((name, value));
    }
}

/// Byte offset of the first ASCII-case-insensitive match of `needle` (ASCII) in `haystack`.
pub(crate) fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Replaces every ASCII-case-insensitive match of `needle` (ASCII) with `with`.
pub(crate) fn replace_ci(haystack: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(i) = find_ci(rest, needle) {
        out.push_str(&rest[..i]);
        out.push_str(with);
        rest = &rest[i + needle.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::io::Read;

    /// A `read` over an in-memory `dist/`.
    fn reader<'a>(files: &'a HashMap<&str, Vec<u8>>) -> impl Fn(&str) -> Result<Vec<u8>> + 'a {
        move |name| {
            files
                .get(name)
                .cloned()
                .ok_or_else(|| format!("{name}: not found"))
        }
    }

    /// Shaped like Trunk 0.21.14's release output for this app.
    const HTML: &str = r#"<!doctype html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <title>予算</title>
  <!-- An inline icon; <link rel="stylesheet" href="./not-a-tag.css"> in a comment is no tag. -->
  <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E">
  <link rel="stylesheet" href="./style-abc.css" integrity="sha384-xyz"/>
  
<script type="module">
import init, * as bindings from './app-123.js';
const wasm = await init({ module_or_path: './app-123_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
<link rel="modulepreload" href="./app-123.js" crossorigin="anonymous" integrity="sha384-a"><link rel="preload" href="./app-123_bg.wasm" crossorigin="anonymous" integrity="sha384-b" as="fetch" type="application/wasm"></head>
<body>
  <noscript><p>JavaScript が必要です。</p></noscript>
</body>
</html>
"#;

    /// The shape of wasm-bindgen 0.2.130's `--target web` glue, cut down.
    const GLUE: &str = r#"let wasmModule, wasmInstance, wasm;
function __wbg_finalize_init(instance, module) {
    wasm = instance.exports;
    return wasm;
}
export function greet(name) {
    return "</script>" + name;
}
export class Point {
}
function initSync(module) {
    return __wbg_finalize_init(new WebAssembly.Instance(module, {}), module);
}
async function __wbg_init(module_or_path) {
    if (module_or_path === undefined) {
        module_or_path = new URL('app_bg.wasm', import.meta.url);
    }
    return module_or_path;
}

export { initSync, __wbg_init as default };
"#;

    const CSS: &str = "body { margin: 0; }\n";
    const WASM: &[u8] = b"\0asm\x01\0\0\0";

    fn dist() -> HashMap<&'static str, Vec<u8>> {
        HashMap::from([
            ("style-abc.css", CSS.as_bytes().to_vec()),
            ("app-123.js", GLUE.as_bytes().to_vec()),
            ("app-123_bg.wasm", WASM.to_vec()),
            ("other.txt", b"left alone".to_vec()),
        ])
    }

    fn inlined() -> Inlined {
        let files = dist();
        inline_html(HTML, reader(&files)).expect("inlines")
    }

    #[test]
    fn lists_exactly_the_inlined_files() {
        assert_eq!(
            inlined().files,
            ["app-123.js", "app-123_bg.wasm", "style-abc.css"]
        );
    }

    #[test]
    fn stylesheet_becomes_a_style_element() {
        let html = inlined().html;
        assert!(
            html.contains("<style>\nbody { margin: 0; }\n</style>"),
            "{html}"
        );
        assert!(!html.contains("style-abc.css"));
        // Only the one in the comment is left.
        assert_eq!(html.matches("rel=\"stylesheet\"").count(), 1);
        assert!(!html.contains("integrity"));
    }

    #[test]
    fn preloads_and_the_trunk_loader_are_gone() {
        let html = inlined().html;
        for gone in [
            "modulepreload",
            "rel=\"preload\"",
            "app-123",
            "import init",
            "* as bindings",
            "export ",
        ] {
            assert!(!html.contains(gone), "{gone:?} is still in\n{html}");
        }
        assert_eq!(html.matches("<script").count(), 1);
        assert_eq!(html.matches("</script>").count(), 1);
    }

    #[test]
    fn the_rest_of_the_page_is_kept_byte_for_byte() {
        let html = inlined().html;
        let head_end = html.find("</head>").expect("head");
        assert!(html[head_end..].starts_with("</head>\n<body>\n  <noscript>"));
        // The loader's place in the head is left empty; the module script closes the body.
        assert!(html[..head_end].ends_with("</style>\n  \n\n"), "{html}");
        assert!(html.contains("</noscript>\n<script type=\"module\">\n"));
        assert!(html.ends_with("</script>\n</body>\n</html>\n"));
        assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"));
        assert!(html.contains("href=\"./not-a-tag.css\"> in a comment is no tag. -->"));
        assert!(html.starts_with("<!doctype html>\n<html lang=\"ja\">\n<head>\n"));
    }

    #[test]
    fn the_script_holds_the_glue_then_the_loader() {
        let html = inlined().html;
        let start = html
            .find("<script type=\"module\">\n")
            .expect("module script");
        let script = &html[start..html.find("</script>").expect("end") + "</script>".len()];
        // The glue, its exported declarations kept as plain ones, its export list dropped.
        assert!(script.contains("let wasmModule, wasmInstance, wasm;\n"));
        assert!(script.contains("\nfunction greet(name) {\n"));
        assert!(script.contains("\nclass Point {\n"));
        assert!(script.contains("return \"<\\/script>\" + name;"));
        // The loader: gzip bytes from base64, unpacked, to the glue's default export, no second
        // `wasm`. The base64 decodes to the gzip of the input wasm.
        let b64 = script
            .split("const __inline_base64 = \"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("base64");
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(STANDARD.decode(b64).expect("base64").as_slice())
            .read_to_end(&mut unpacked)
            .expect("gzip");
        assert_eq!(unpacked, WASM);
        assert!(script.contains("atob(__inline_base64)"));
        assert!(script.contains("pipeThrough(new DecompressionStream(\"gzip\"))"));
        assert!(script.contains(
            "const __inline_exports = await __wbg_init({ module_or_path: __inline_bytes });"
        ));
        assert!(script.contains(
            "window.wasmBindings = Object.freeze({ greet, Point, initSync, default: __wbg_init });"
        ));
        assert!(script.contains(
            "dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", { detail: { wasm: __inline_exports } }));"
        ));
        // `wasm` is declared once, by the glue.
        for redeclared in ["const wasm", "let wasm ", "let wasm=", "var wasm"] {
            assert!(!script.contains(redeclared), "{redeclared:?}");
        }
        let glue_at = script.find("let wasmModule").expect("glue");
        let loader_at = script.find("__inline_base64").expect("loader");
        assert!(glue_at < loader_at);
    }

    #[test]
    fn media_of_a_stylesheet_is_kept() {
        let html = HTML.replace(
            "href=\"./style-abc.css\"",
            "href=\"./style-abc.css\" media=\"print\"",
        );
        let out = inline_html(&html, reader(&dist())).expect("inlines");
        assert!(out.html.contains("<style media=\"print\">\nbody"));
    }

    #[test]
    fn a_foreign_stylesheet_is_left_alone() {
        let html = HTML.replace("./style-abc.css", "https://example.org/a.css");
        let out = inline_html(&html, reader(&dist())).expect("inlines");
        assert!(out.html.contains("href=\"https://example.org/a.css\""));
        assert_eq!(out.files, ["app-123.js", "app-123_bg.wasm"]);
    }

    #[test]
    fn a_page_already_inlined_is_an_error() {
        let once = inlined().html;
        let err = inline_html(&once, reader(&dist())).expect_err("nothing to inline");
        assert!(err.contains("no Trunk loader script"), "{err}");
    }

    #[test]
    fn a_page_without_a_body_end_or_with_the_loader_after_it_is_an_error() {
        let no_end = HTML.replace("</body>", "");
        let err = inline_html(&no_end, reader(&dist())).expect_err("no </body>");
        assert!(err.contains("no </body>"), "{err}");
        // (A loader after the body's end would be moved backwards, before what follows it.)
        let start = HTML.find("<script type=\"module\">").expect("loader");
        let end = HTML.find("</script>").expect("loader end") + "</script>".len();
        let after = format!(
            "{}{}{}",
            &HTML[..start],
            &HTML[end..].replace("</body>", "</body>\n"),
            &HTML[start..end]
        );
        let err = inline_html(&after, reader(&dist())).expect_err("loader after </body>");
        assert!(err.contains("not before </body>"), "{err}");
    }

    #[test]
    fn an_unknown_loader_is_an_error() {
        let html = HTML.replace(
            "window.wasmBindings = bindings;",
            "window.wasmBindings = bindings; await initializer();",
        );
        let err = inline_html(&html, reader(&dist())).expect_err("unknown loader");
        assert!(err.contains("not the one this step knows"), "{err}");
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let mut files = dist();
        files.remove("app-123_bg.wasm");
        let err = inline_html(HTML, reader(&files)).expect_err("missing wasm");
        assert!(err.contains("app-123_bg.wasm: not found"), "{err}");
    }

    #[test]
    fn glue_that_imports_a_snippet_is_an_error() {
        let glue = format!("import {{ f }} from './snippets/x/inline0.js';\n{GLUE}");
        let mut files = dist();
        files.insert("app-123.js", glue.into_bytes());
        let err = inline_html(HTML, reader(&files)).expect_err("snippet");
        assert!(err.contains("imports another file"), "{err}");
    }

    #[test]
    fn glue_without_a_default_export_is_an_error() {
        let glue = GLUE.replace("__wbg_init as default", "__wbg_init");
        let mut files = dist();
        files.insert("app-123.js", glue.into_bytes());
        let err = inline_html(HTML, reader(&files)).expect_err("no init");
        assert!(err.contains("no default export"), "{err}");
    }

    #[test]
    fn css_that_would_close_the_style_element_is_an_error() {
        let mut files = dist();
        files.insert(
            "style-abc.css",
            b"a::after { content: '</style>'; }".to_vec(),
        );
        let err = inline_html(HTML, reader(&files)).expect_err("</style");
        assert!(err.contains("</style"), "{err}");
    }

    #[test]
    fn inline_site_rewrites_the_folder() {
        let dir = std::env::temp_dir().join(format!("xtask-inline-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        fs::write(dir.join("index.html"), HTML).expect("write");
        for (name, bytes) in dist() {
            fs::write(dir.join(name), bytes).expect("write");
        }
        inline_site(&dir).expect("inlines");
        let mut left: Vec<String> = fs::read_dir(&dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["index.html", "other.txt"]);
        let page = fs::read_to_string(dir.join("index.html")).expect("page");
        assert!(page.contains("__inline_base64"));
        // A second run finds nothing to do and says so, touching nothing.
        assert!(inline_site(&dir).is_err());
        assert_eq!(
            fs::read_to_string(dir.join("index.html")).expect("page"),
            page
        );
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
