//! `cargo xtask dist`: turns trunk's `dist/` into what ships.
//!
//! Trunk writes `dist/index.html` with an inline module that starts the app,
//! and `www/index.html` has an inline error handler. This step, run after
//! every release build (`dist`, `serve` and `test` alike):
//!
//! - moves every inline script of `index.html` to a file named by its content
//!   hash, and replaces trunk's bootstrap with `boot-HASH.js`, which explains a
//!   failed start (`start.js`) and registers the service worker. With no
//!   inline script left, the hosted page runs under
//!   `script-src 'self' 'wasm-unsafe-eval'`, a policy that is the same for
//!   every build. Hashes of inline scripts would work too, but would change
//!   with every edit of the page, and every course site embedding it would
//!   have to update its policy;
//! - writes `sw.js`, whose precache list is this build's files and whose
//!   cache name is a hash of their names and contents;
//! - writes `awaitable.html`, the whole page in one file (CSS, glue, wasm in
//!   base64) for `file://` and downloads; it has inline scripts, so it does
//!   not register a service worker and is not meant to be served under a
//!   strict policy.
//!
//! The transformations are pure functions over strings and bytes, tested
//! below; [`finish`] only reads and writes the files.

use std::fmt::Write as _;
use std::path::Path;

/// The single self-contained file, written beside `index.html`.
pub const SINGLE_FILE: &str = "awaitable.html";

/// The service worker, at the root of `dist/` so that its scope is the page's
/// folder.
pub const SERVICE_WORKER: &str = "sw.js";

/// The content-security policy the hosted page runs under: the README gives it
/// to instructors and tests/e2e/ship.spec.mjs serves `dist/` with it (a test
/// below keeps the three equal).
#[cfg(test)]
const STRICT_CSP: &str = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";

const START_JS: &str = include_str!("dist/start.js");

/// How the hosted page starts: the glue and the wasm from their files.
const HOSTED_START: &str = r#"start(() => import("./__GLUE__"), async () => {
  const response = await fetch("./__WASM__");
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} (${response.url})`);
  return response;
}, true);"#;

/// How the single file starts: the glue is in the same module, the wasm in
/// the `awaitable-wasm` data block.
const SINGLE_START: &str = r#"start(async () => ({ default: __wbg_init }), async () => {
  const binary = atob(document.getElementById("awaitable-wasm").textContent);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}, false);"#;

/// `start.js` and its call, in a block of their own so that their names
/// never meet the glue's.
fn started(call: &str) -> String {
    format!("{{\n{START_JS}\n{call}\n}}\n")
}
const SW_JS: &str = include_str!("dist/sw.js");

/// The `xtask dist` step: post-processes trunk's output in `root/dist`.
pub fn finish(root: &Path) -> Result<(), String> {
    let dist = root.join("dist");
    let read_text = |name: &str| {
        std::fs::read_to_string(dist.join(name))
            .map_err(|error| format!("cannot read dist/{name}: {error}"))
    };
    let write = |name: &str, contents: &[u8]| {
        std::fs::write(dist.join(name), contents)
            .map_err(|error| format!("cannot write dist/{name}: {error}"))
    };
    let html = read_text("index.html")?;
    let page = TrunkPage::parse(&html)?;

    // The single file first: it is made from trunk's page, inline scripts and all.
    let wasm = std::fs::read(dist.join(&page.wasm))
        .map_err(|error| format!("cannot read dist/{}: {error}", page.wasm))?;
    let glue = read_text(&page.glue)?;
    let mut styles = Vec::new();
    for name in &page.stylesheets {
        styles.push((name.clone(), read_text(name)?));
    }
    let single = single_file(&html, &styles, &glue, &base64(&wasm))?;
    write(SINGLE_FILE, single.as_bytes())?;

    let (index, scripts) = hosted_page(&html, &page)?;
    for (name, contents) in &scripts {
        write(name, contents.as_bytes())?;
    }
    write("index.html", index.as_bytes())?;

    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dist).map_err(|error| format!("cannot list dist/: {error}"))? {
        let entry = entry.map_err(|error| format!("cannot list dist/: {error}"))?;
        if entry.path().is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let contents = std::fs::read(entry.path())
                .map_err(|error| format!("cannot read dist/{name}: {error}"))?;
            files.push((name, contents));
        }
    }
    let precached = precache(&files);
    write(SERVICE_WORKER, service_worker(&precached).as_bytes())?;

    println!(
        "dist/index.html: {} inline script(s) moved to files; dist/{SERVICE_WORKER}: {} files precached; dist/{SINGLE_FILE}: {} bytes",
        scripts.len(),
        precached.len(),
        single.len()
    );
    Ok(())
}

/// What trunk's `index.html` refers to, by file name (no `./`).
#[derive(Debug, PartialEq, Eq)]
pub struct TrunkPage {
    /// wasm-bindgen's JavaScript glue module.
    pub glue: String,
    /// The WebAssembly.
    pub wasm: String,
    /// The stylesheets, in order.
    pub stylesheets: Vec<String>,
}

/// A piece of HTML that the rewriting looks at.
#[derive(Debug, PartialEq, Eq)]
enum Element<'a> {
    /// A `<link ...>` tag.
    Link(&'a str),
    /// A `<script ...>` start tag and the script's text.
    Script { tag: &'a str, body: &'a str },
}

/// Calls `change` on every `<link>` tag and `<script>` element outside
/// comments, in order; where it returns `Some`, the element is replaced.
fn rewrite<'a>(
    html: &'a str,
    mut change: impl FnMut(&Element<'a>) -> Result<Option<String>, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["<!--", "<link", "<script"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min();
        let Some((at, open)) = next else {
            out.push_str(rest);
            return Ok(out);
        };
        out.push_str(&rest[..at]);
        let from = &rest[at..];
        let (element, length) = match open {
            "<!--" => {
                let end = from.find("-->").ok_or("an HTML comment is not closed")? + 3;
                out.push_str(&from[..end]);
                rest = &from[end..];
                continue;
            }
            "<link" => {
                let end = from.find('>').ok_or("a <link> tag is not closed")? + 1;
                (Element::Link(&from[..end]), end)
            }
            _ => {
                let tag_end = from.find('>').ok_or("a <script> tag is not closed")? + 1;
                let body_end = tag_end
                    + from[tag_end..]
                        .find("</script>")
                        .ok_or("a <script> element is not closed")?;
                let element = Element::Script {
                    tag: &from[..tag_end],
                    body: &from[tag_end..body_end],
                };
                (element, body_end + "</script>".len())
            }
        };
        match change(&element)? {
            Some(replacement) => out.push_str(&replacement),
            None => out.push_str(&from[..length]),
        }
        rest = &from[length..];
    }
}

/// The value of attribute `name` in a start tag, as trunk writes them
/// (`name="value"`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = tag[start..].find('"')?;
    Some(&tag[start..start + length])
}

/// A file name from a relative URL that trunk wrote (`./name`).
fn local_file(href: &str) -> Option<&str> {
    href.strip_prefix("./").filter(|name| !name.contains('/'))
}

/// Trunk's bootstrap: `<script type="module">` importing the glue.
fn is_bootstrap(tag: &str, body: &str) -> bool {
    attribute(tag, "type") == Some("module") && body.contains("import init, * as bindings from")
}

/// An inline classic script (no `src`, no `type`).
fn is_inline_classic(tag: &str) -> bool {
    attribute(tag, "src").is_none() && attribute(tag, "type").is_none()
}

/// The text between `before` and the next `after` in `text`.
fn between<'a>(text: &'a str, before: &str, after: &str) -> Option<&'a str> {
    let start = text.find(before)? + before.len();
    let length = text[start..].find(after)?;
    Some(&text[start..start + length])
}

impl TrunkPage {
    /// Reads the glue, the wasm and the stylesheets from trunk's page.
    pub fn parse(html: &str) -> Result<Self, String> {
        let mut bootstrap = None;
        let mut stylesheets = Vec::new();
        rewrite(html, |element| {
            match *element {
                Element::Link(tag) if attribute(tag, "rel") == Some("stylesheet") => {
                    let href = attribute(tag, "href").unwrap_or("");
                    let name = local_file(href)
                        .ok_or_else(|| format!("a stylesheet that is not a local file: {href}"))?;
                    stylesheets.push(name.to_owned());
                }
                Element::Script { tag, body } if is_bootstrap(tag, body) => {
                    let glue = between(body, "from './", "'");
                    let wasm = between(body, "module_or_path: './", "'");
                    bootstrap = glue.zip(wasm);
                }
                _ => {}
            }
            Ok(None)
        })?;
        let (glue, wasm) = bootstrap.ok_or(
            "dist/index.html has no trunk bootstrap (already post-processed? run trunk build first)",
        )?;
        Ok(Self {
            glue: glue.to_owned(),
            wasm: wasm.to_owned(),
            stylesheets,
        })
    }
}

/// The hosted `index.html` and the scripts it now loads (name, contents):
/// trunk's bootstrap becomes `boot-HASH.js` and every inline classic script
/// `script-HASH.js`, so that no inline script is left.
pub fn hosted_page(
    html: &str,
    page: &TrunkPage,
) -> Result<(String, Vec<(String, String)>), String> {
    let boot = format!(
        "// Generated by `cargo xtask dist` (xtask/src/dist.rs): starts the page.\n{}",
        started(
            &HOSTED_START
                .replace("__GLUE__", &page.glue)
                .replace("__WASM__", &page.wasm)
        )
    );
    let mut scripts = Vec::new();
    let index = rewrite(html, |element| {
        let (tag, body) = match *element {
            Element::Script { tag, body } => (tag, body),
            Element::Link(tag) => return Ok(cross_origin_stylesheet(tag)),
        };
        let (name, contents) = if is_bootstrap(tag, body) {
            (hashed_name("boot", &boot), boot.clone())
        } else if is_inline_classic(tag) {
            let contents = format!("{}\n", dedent(body).trim());
            (hashed_name("script", &contents), contents)
        } else if attribute(tag, "src").is_some() {
            return Ok(None);
        } else {
            return Err(format!(
                "an inline script that xtask cannot move to a file: {tag}"
            ));
        };
        let kind = if is_bootstrap(tag, body) {
            " type=\"module\""
        } else {
            ""
        };
        let replacement = format!("<script{kind} src=\"./{name}\"></script>");
        scripts.push((name, contents));
        Ok(Some(replacement))
    })?;
    Ok((index, scripts))
}

/// A stylesheet link with `integrity` and without `crossorigin`, fetched in
/// CORS mode instead: in a sandboxed iframe (an opaque origin) every file is
/// cross-origin, and a no-CORS stylesheet's integrity cannot be checked, so
/// the browser would refuse it. Same-origin pages are unaffected; the module
/// scripts are CORS requests already.
fn cross_origin_stylesheet(tag: &str) -> Option<String> {
    let checked = attribute(tag, "rel") == Some("stylesheet")
        && attribute(tag, "integrity").is_some()
        && attribute(tag, "crossorigin").is_none();
    checked.then(|| tag.replacen("<link ", "<link crossorigin=\"anonymous\" ", 1))
}

/// The whole page in one file: stylesheets (name, text) as `<style>`, the
/// glue and the start code in one inline module, the wasm as base64 in a data
/// block; no link to any file, and no service worker.
pub fn single_file(
    html: &str,
    styles: &[(String, String)],
    glue: &str,
    wasm_base64: &str,
) -> Result<String, String> {
    if !glue.contains("__wbg_init as default") {
        return Err("the wasm-bindgen glue no longer exports __wbg_init as default".to_owned());
    }
    let module = format!("{glue}\n{}", started(SINGLE_START));
    let module = inline_script(&module)?;
    let mut page = rewrite(html, |element| match *element {
        Element::Link(tag) => match attribute(tag, "rel") {
            Some("stylesheet") => {
                let href = attribute(tag, "href").unwrap_or("");
                let text = local_file(href)
                    .and_then(|name| styles.iter().find(|(style, _)| style == name))
                    .map(|(_, text)| text)
                    .ok_or_else(|| format!("no text for the stylesheet {href}"))?;
                if text.to_ascii_lowercase().contains("</style") {
                    return Err(format!("{href} contains </style"));
                }
                Ok(Some(format!("<style>\n{}</style>", text)))
            }
            Some("modulepreload" | "preload") => Ok(Some(String::new())),
            _ => Ok(None),
        },
        Element::Script { tag, body } if is_bootstrap(tag, body) => Ok(Some(String::new())),
        Element::Script { .. } => Ok(None),
    })?;
    let end = page.rfind("</body>").ok_or("index.html has no </body>")?;
    page.insert_str(
        end,
        &format!(
            "<script type=\"application/octet-stream\" id=\"awaitable-wasm\">{wasm_base64}</script>\n<script type=\"module\">\n{module}</script>\n"
        ),
    );
    Ok(page)
}

/// Script text made safe to put inside `<script>`: `</script` (in a string,
/// say) is written `<\/script`; `<!--` would change how HTML reads the rest
/// and is refused.
pub fn inline_script(js: &str) -> Result<String, String> {
    if js.contains("<!--") {
        return Err("a script to inline contains <!--".to_owned());
    }
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(at) = rest.to_ascii_lowercase().find("</script") {
        out.push_str(&rest[..at]);
        out.push_str("<\\/");
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Removes the indentation the lines have in common.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|line| line.get(indent..).unwrap_or(line.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The files the service worker caches, as `./name`, sorted: everything the
/// hosted page loads. Not the service worker itself, nor the single file
/// (the same page again, in another shape, for downloading).
pub fn precache(files: &[(String, Vec<u8>)]) -> Vec<(String, u64)> {
    let mut list: Vec<(String, u64)> = files
        .iter()
        .filter(|(name, _)| name != SERVICE_WORKER && name != SINGLE_FILE)
        .map(|(name, contents)| (format!("./{name}"), fnv1a(contents)))
        .collect();
    list.sort();
    list
}

/// `sw.js` for a precache list: its cache name is a hash of the files' names
/// and contents, so any change to the build gives a new cache.
pub fn service_worker(precached: &[(String, u64)]) -> String {
    let mut digest = String::new();
    let mut files = String::from("[\n");
    for (name, hash) in precached {
        let _ = writeln!(digest, "{name} {hash:016x}");
        let _ = writeln!(files, "  \"{name}\",");
    }
    files.push(']');
    let cache = format!("awaitable-{:016x}", fnv1a(digest.as_bytes()));
    SW_JS
        .replace("__CACHE__", &cache)
        .replace("__FILES__", &files)
}

/// `stem-HASH.js`, like trunk's names.
fn hashed_name(stem: &str, contents: &str) -> String {
    format!("{stem}-{:016x}.js", fnv1a(contents.as_bytes()))
}

/// FNV-1a, 64 bits: a file's version in a name, not a security measure.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Standard base64 (RFC 4648, with padding), as `atob` reads it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::dist::{
        base64, fnv1a, hosted_page, inline_script, precache, service_worker, single_file,
        TrunkPage, STRICT_CSP,
    };
    use crate::workspace_root;

    /// trunk 0.21's `index.html`, shortened.
    const TRUNK_HTML: &str = r#"<!doctype html>
<html lang="fr">
<head>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="./style-aa.css" integrity="sha384-x"/>
  <!-- a comment with <link rel="stylesheet" href="./no.css"> and <script> -->
  <link rel="stylesheet" href="./views-bb.css" integrity="sha384-y"/>
<script type="module">
import init, * as bindings from './app-cc.js';
const wasm = await init({ module_or_path: './app-cc_bg.wasm' });
window.wasmBindings = bindings;
</script>
<link rel="modulepreload" href="./app-cc.js" crossorigin="anonymous" integrity="sha384-z"><link rel="preload" href="./app-cc_bg.wasm" crossorigin="anonymous" integrity="sha384-w" as="fetch" type="application/wasm"></head>
<body>
  <div id="panic" hidden><pre id="panic-message"></pre></div>
  <script>
    (function () {
      window.addEventListener("error", function () {});
    })();
  </script>
</body>
</html>"#;

    const COMMENT: &str =
        "<!-- a comment with <link rel=\"stylesheet\" href=\"./no.css\"> and <script> -->";

    const GLUE: &str =
        "let wasm;\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };\n";

    fn page() -> TrunkPage {
        TrunkPage::parse(TRUNK_HTML).unwrap()
    }

    #[test]
    fn trunk_page_names_its_glue_wasm_and_stylesheets() {
        assert_eq!(
            page(),
            TrunkPage {
                glue: "app-cc.js".to_owned(),
                wasm: "app-cc_bg.wasm".to_owned(),
                stylesheets: vec!["style-aa.css".to_owned(), "views-bb.css".to_owned()],
            }
        );
        let (processed, _) = hosted_page(TRUNK_HTML, &page()).unwrap();
        let error = TrunkPage::parse(&processed).unwrap_err();
        assert!(error.contains("already post-processed"), "{error}");
    }

    #[test]
    fn the_hosted_page_has_no_inline_script_left() {
        let (html, scripts) = hosted_page(TRUNK_HTML, &page()).unwrap();
        assert_eq!(scripts.len(), 2);
        let (boot, boot_js) = &scripts[0];
        let (handler, handler_js) = &scripts[1];
        assert!(boot.starts_with("boot-") && boot.ends_with(".js") && boot.len() == 24);
        assert!(handler.starts_with("script-"));
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"./{boot}\"></script>"
        )));
        assert!(html.contains(&format!("<script src=\"./{handler}\"></script>")));
        // Every script now has a src; the rest of the page is untouched.
        assert!(html.contains(COMMENT));
        let outside_comment = html.replace(COMMENT, "");
        assert_eq!(
            outside_comment.matches("<script").count(),
            outside_comment.matches(" src=\"./").count()
        );
        assert!(html.contains("<link rel=\"preload\" href=\"./app-cc_bg.wasm\""));
        assert!(html.contains(
            "<link crossorigin=\"anonymous\" rel=\"stylesheet\" href=\"./style-aa.css\" integrity=\"sha384-x\"/>"
        ));
        assert!(html.contains("<link rel=\"icon\" href=\"data:,\">"));
        // The boot script loads the glue and the wasm, and registers the worker.
        assert!(boot_js.contains("import(\"./app-cc.js\")"));
        assert!(boot_js.contains("fetch(\"./app-cc_bg.wasm\")"));
        assert!(boot_js.contains("register(\"./sw.js\")"));
        assert!(boot_js.trim_end().ends_with("}, true);\n}"));
        // The handler, dedented, as it was.
        assert_eq!(
            handler_js,
            "(function () {\n  window.addEventListener(\"error\", function () {});\n})();\n"
        );
        // Same input, same names.
        assert_eq!(hosted_page(TRUNK_HTML, &page()).unwrap().1, scripts);
    }

    #[test]
    fn the_single_file_links_to_no_file() {
        let styles = [
            (
                "style-aa.css".to_owned(),
                "body { color: red; }\n".to_owned(),
            ),
            ("views-bb.css".to_owned(), ".v {}\n".to_owned()),
        ];
        let html = single_file(TRUNK_HTML, &styles, GLUE, "AGFzbQ==").unwrap();
        let outside_comment = html.replace(COMMENT, "");
        assert!(!outside_comment.contains("href=\"./"), "{html}");
        assert!(!outside_comment.contains("src=\"./"), "{html}");
        assert!(!html.contains("integrity"));
        assert!(!html.contains("preload"));
        assert!(html.contains("<style>\nbody { color: red; }\n</style>"));
        assert!(html.contains("<style>\n.v {}\n</style>"));
        assert!(html.contains(
            "<script type=\"application/octet-stream\" id=\"awaitable-wasm\">AGFzbQ==</script>"
        ));
        assert!(html.contains("start(async () => ({ default: __wbg_init }),"));
        assert!(html.contains("}, false);\n}\n</script>"));
        // The error handler stays inline, before the module.
        let handler = html.find("window.addEventListener(\"error\"").unwrap();
        assert!(handler < html.find("<script type=\"module\">").unwrap());
        assert!(html.trim_end().ends_with("</body>\n</html>"));
        // A missing stylesheet or an unknown glue is an error, not a broken file.
        assert!(single_file(TRUNK_HTML, &styles[..1], GLUE, "").is_err());
        assert!(single_file(TRUNK_HTML, &styles, "export default 1;", "").is_err());
    }

    #[test]
    fn inlined_scripts_cannot_close_their_element() {
        assert_eq!(
            inline_script("s = '</script>' + '</SCRIPT >';").unwrap(),
            "s = '<\\/script>' + '<\\/SCRIPT >';"
        );
        assert!(inline_script("x = '<!--';").is_err());
    }

    #[test]
    fn the_precache_list_is_the_build_without_the_worker_and_the_single_file() {
        let files = [
            ("index.html".to_owned(), b"<html>".to_vec()),
            ("sw.js".to_owned(), b"old".to_vec()),
            ("awaitable.html".to_owned(), b"all".to_vec()),
            ("app-cc_bg.wasm".to_owned(), b"\0asm".to_vec()),
            ("boot-1.js".to_owned(), b"start()".to_vec()),
        ];
        let list = precache(&files);
        let names: Vec<&str> = list.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["./app-cc_bg.wasm", "./boot-1.js", "./index.html"]);

        let worker = service_worker(&list);
        assert!(worker.contains(
            "const FILES = [\n  \"./app-cc_bg.wasm\",\n  \"./boot-1.js\",\n  \"./index.html\",\n];"
        ));
        let cache = |worker: &str| {
            let start = worker.find("const CACHE = \"").unwrap() + 15;
            worker[start..start + 26].to_owned()
        };
        assert!(cache(&worker).starts_with("awaitable-"));
        assert!(!worker.contains("__"));
        // Another page, another cache; the same build, the same worker.
        let mut changed = files.clone();
        changed[0].1 = b"<html lang=en>".to_vec();
        assert_ne!(cache(&service_worker(&precache(&changed))), cache(&worker));
        assert_eq!(service_worker(&precache(&files)), worker);
    }

    #[test]
    fn base64_is_rfc_4648() {
        for (bytes, encoded) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
            (b"\0asm\x01\0\0\0", "AGFzbQEAAAA="),
            (b"\xff\xfe\xfd", "//79"),
        ] {
            assert_eq!(base64(bytes), encoded);
        }
    }

    #[test]
    fn fnv1a_matches_its_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_readme_and_the_tests_give_the_same_policy() {
        for path in ["README.md", "tests/e2e/ship.spec.mjs"] {
            let text = std::fs::read_to_string(workspace_root().join(path)).unwrap();
            assert!(text.contains(STRICT_CSP), "{path} lacks {STRICT_CSP}");
        }
    }
}
