//! `cargo xtask serve`: a tiny static file server for the built page.
//!
//! Trunk's own server would also watch and rebuild, but it injects a reload
//! script and serves under its own rules; this one serves `dist/` exactly as a
//! static host would, on loopback only, with the standard library alone.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

/// The address `cargo xtask serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8080;

/// Serves `root` on 127.0.0.1:`port` until the process is stopped.
pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
    println!(
        "\nxtask serve: serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        root.display()
    );
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            // A client that hangs up early is its own business.
            let _ = answer(stream, &root);
        });
    }
    Ok(())
}

fn answer(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Skip the headers: nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let (status, content_type, body) = if method != "GET" && method != "HEAD" {
        (
            "405 Method Not Allowed",
            "text/plain",
            b"only GET\n".to_vec(),
        )
    } else {
        match file_for(root, target).and_then(|path| Some((std::fs::read(&path).ok()?, path))) {
            Some((bytes, path)) => ("200 OK", content_type(&path), bytes),
            None => ("404 Not Found", "text/plain", b"not found\n".to_vec()),
        }
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// The file under `root` that a request target names, or `None` if it would
/// leave `root` or does not exist. Folders serve their `index.html`.
pub fn file_for(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(&decoded).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::RootDir | Component::CurDir => {}
            Component::ParentDir | Component::Prefix(_) => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The `Content-Type` of a file, by extension. WebAssembly must be
/// `application/wasm` for streaming compilation.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "ipynb") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::serve::{content_type, file_for};
    use crate::workspace_root;

    #[test]
    fn targets_map_to_files_inside_the_root_only() {
        let root = workspace_root().join("xtask");
        assert_eq!(
            file_for(&root, "/Cargo.toml?x=1"),
            Some(root.join("Cargo.toml"))
        );
        assert_eq!(
            file_for(&root, "/src/%6Dain.rs"),
            Some(root.join("src/main.rs"))
        );
        assert_eq!(file_for(&root, "/../Cargo.toml"), None);
        assert_eq!(file_for(&root, "/src/%2E%2E/%2E%2E/Cargo.toml"), None);
        assert_eq!(file_for(&root, "/missing.html"), None);
        assert_eq!(file_for(&root, "/%zz"), None);
    }

    #[test]
    fn wasm_is_served_as_wasm() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }
}
