//! `import wikipedia` against a local mock of the MediaWiki Action API (same
//! JSON shapes as Wikipedia's), through the real CLI and its HTTP client: the
//! package's algorithm, every fault, and the offline stand-ins. Never the real
//! Wikipedia.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A mock API server on loopback; returns its base URL.
fn start_mock() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("address").port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let counter = counter.clone();
            std::thread::spawn(move || serve(stream, &counter));
        }
    });
    (format!("http://127.0.0.1:{port}"), hits)
}

fn serve(mut stream: TcpStream, hits: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader
            .read_line(&mut header)
            .map(|n| n == 0)
            .unwrap_or(true)
            || header == "\r\n"
        {
            break;
        }
    }
    hits.fetch_add(1, Ordering::SeqCst);
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let params = query_params(target);
    let (status, body, extra) = respond(&params, hits.load(Ordering::SeqCst));
    if body == "SLOW" {
        std::thread::sleep(Duration::from_secs(3));
    }
    let reason = match status {
        200 => "OK",
        429 => "Too Many Requests",
        _ => "Error",
    };
    let content_type = if body.starts_with('<') {
        "text/html"
    } else {
        "application/json"
    };
    let head = format!("HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n", body.len());
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

fn query_params(target: &str) -> Vec<(String, String)> {
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .map(|(k, v)| (percent_decode(k), percent_decode(v)))
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// The mock's pages: title → (page id, summary). Special titles trigger faults.
fn page_id(title: &str) -> Option<u32> {
    match title {
        "Coroutine" => Some(101),
        "Threading" => Some(102),
        "Programmation concurrente" => Some(103),
        "Mercure" => Some(104),
        "Planète Mercure" => Some(105),
        _ if title.starts_with("Emoji")
            || title.starts_with("Long")
            || title.contains('#')
            || title.contains('|') =>
        {
            Some(106)
        }
        _ => None,
    }
}

fn respond(params: &[(String, String)], hit: usize) -> (u16, String, String) {
    let title = param(params, "titles")
        .or(param(params, "srsearch"))
        .unwrap_or("");
    match title {
        "Http500" | "Http503" | "Http400" | "Http404" => {
            let status = title[4..].parse().unwrap_or(500);
            return (
                status,
                "<html><body><h1>Oops</h1></body></html>".into(),
                String::new(),
            );
        }
        "Http429" if hit % 2 == 1 => return (429, "{}".into(), "Retry-After: 1\r\n".into()),
        "Truncated" => {
            return (
                200,
                r#"{"batchcomplete":"","query":{"search":[{"ns":0,"ti"#.into(),
                String::new(),
            )
        }
        "Huge" => return (200, "x".repeat(50 * 1024 * 1024), String::new()),
        "Slow" => return (200, "SLOW".into(), String::new()),
        _ => {}
    }
    if param(params, "list") == Some("search") {
        let results = match title {
            "Nowhere at all" | "" => Vec::new(),
            "Programmation_concurrente" => vec!["Programmation concurrente".to_string()],
            "Http429" => vec!["Coroutine".to_string()],
            other => vec![other.replace('_', " ")],
        };
        let list: Vec<String> = results
            .iter()
            .map(|t| format!(r#"{{"ns":0,"title":{}}}"#, json_string(t)))
            .collect();
        let info = if title == "Mercure" {
            r#""searchinfo":{"suggestion":"Mercure"},"#
        } else {
            ""
        };
        return (
            200,
            format!(
                r#"{{"batchcomplete":"","query":{{{info}"search":[{}]}}}}"#,
                list.join(",")
            ),
            String::new(),
        );
    }
    if param(params, "prop") == Some("info|pageprops") {
        if title == "Mercure (homonymie)" {
            return (200, r#"{"query":{"pages":{"201":{"pageid":201,"ns":0,"title":"Mercure (homonymie)","pageprops":{"disambiguation":""},"fullurl":"x"}}}}"#.into(), String::new());
        }
        if title == "Coroutines" {
            return (200, r#"{"query":{"redirects":[{"from":"Coroutines","to":"Coroutine"}],"pages":{"101":{"pageid":101,"ns":0,"title":"Coroutine","fullurl":"https://fr.wikipedia.org/wiki/Coroutine"}}}}"#.into(), String::new());
        }
        return match page_id(title) {
            Some(id) => (
                200,
                format!(
                    r#"{{"query":{{"pages":{{"{id}":{{"pageid":{id},"ns":0,"title":{},"fullurl":"https://fr.wikipedia.org/wiki/{id}"}}}}}}}}"#,
                    json_string(title)
                ),
                String::new(),
            ),
            None => (
                200,
                format!(
                    r#"{{"query":{{"pages":{{"-1":{{"ns":0,"title":{},"missing":""}}}}}}}}"#,
                    json_string(title)
                ),
                String::new(),
            ),
        };
    }
    if param(params, "prop") == Some("revisions") {
        let html = r##"<p>Mercure peut désigner :</p><ul><li class="toclevel-1 tocsection-1"><a href="#a">Sommaire</a></li><li><a href="/wiki/Mercure_(planète)">Mercure (planète)</a>, une planète</li><li><a href="/wiki/Mercure_(chimie)">Mercure <b>(chimie)</b></a></li></ul>"##;
        return (
            200,
            format!(
                r#"{{"query":{{"pages":{{"201":{{"revisions":[{{"*":{}}}]}}}}}}}}"#,
                json_string(html)
            ),
            String::new(),
        );
    }
    if param(params, "prop") == Some("extracts") {
        let id = page_id(title).unwrap_or(0);
        let text = format!("Résumé de {title} (<b>pas du HTML</b>).");
        return (
            200,
            format!(
                r#"{{"query":{{"pages":{{"{id}":{{"pageid":{id},"title":{},"extract":{}}}}}}}}}"#,
                json_string(title),
                json_string(&text)
            ),
            String::new(),
        );
    }
    (
        400,
        r#"{"error":{"code":"badparams","info":"Unrecognized parameters."}}"#.into(),
        String::new(),
    )
}

fn run(endpoint: &str, source: &str, name: &str) -> (String, String) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("wiki-{name}"));
    let _ = std::fs::create_dir_all(&dir);
    std::fs::write(dir.join("main.py"), source).expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_awaitable"))
        .current_dir(&dir)
        .args([
            "run",
            "main.py",
            "--clock",
            "virtual",
            "--wikipedia-endpoint",
            endpoint,
        ])
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// A script that prints `label: result` or `label: ExceptionName: message` per case.
fn cases(lines: &[(&str, &str)]) -> String {
    let mut source = String::from("import wikipedia\nwikipedia.set_lang('fr')\nwikipedia.TIMEOUT = 1.0\ndef case(label, f):\n    try:\n        print(label + ':', f())\n    except Exception as e:\n        print(label + ':', type(e).__name__ + ':', e)\n");
    for (label, expr) in lines {
        source.push_str(&format!("case({label:?}, lambda: {expr})\n"));
    }
    source
}

#[test]
fn the_package_algorithm_and_its_results() {
    let (endpoint, _) = start_mock();
    let source = cases(&[
        ("summary", "wikipedia.summary('Coroutine')"),
        (
            "underscore",
            "wikipedia.summary('Programmation_concurrente')",
        ),
        ("suggestion", "wikipedia.page('Mercure').title"),
        (
            "redirect",
            "wikipedia.page('Coroutines', auto_suggest=False).title",
        ),
        ("url", "wikipedia.page('Coroutine').url"),
        ("search", "wikipedia.search('Threading')"),
        ("html stays text", "'<b>' in wikipedia.summary('Threading')"),
        ("emoji", "wikipedia.summary('Emoji 🐍')"),
        ("hash", "wikipedia.page('C#').title"),
        ("pipe", "wikipedia.page('a|b').title"),
        ("long", "len(wikipedia.page('Long' + 'x' * 300).title)"),
    ]);
    let (stdout, stderr) = run(&endpoint, &source, "algorithm");
    let expected = "summary: Résumé de Coroutine (<b>pas du HTML</b>).\n\
underscore: Résumé de Programmation concurrente (<b>pas du HTML</b>).\n\
suggestion: Mercure\n\
redirect: Coroutine\n\
url: https://fr.wikipedia.org/wiki/101\n\
search: ['Threading']\n\
html stays text: True\n\
emoji: Résumé de Emoji 🐍 (<b>pas du HTML</b>).\n\
hash: C#\n\
pipe: a|b\n\
long: 304\n";
    assert_eq!(stdout, expected, "{stderr}");
}

#[test]
fn every_fault_ends_in_a_clear_python_exception() {
    let (endpoint, _) = start_mock();
    let source = cases(&[
        ("missing", "wikipedia.summary('Nowhere at all')"),
        (
            "missing page",
            "wikipedia.page('Nothing here', auto_suggest=False)",
        ),
        ("brackets", "wikipedia.page('[[x]]', auto_suggest=False)"),
        (
            "disambiguation",
            "wikipedia.page('Mercure (homonymie)', auto_suggest=False)",
        ),
        (
            "redirect refused",
            "wikipedia.page('Coroutines', auto_suggest=False, redirect=False)",
        ),
        ("empty", "wikipedia.summary('')"),
        ("bad lang", "wikipedia.set_lang('en.evil.com')"),
        ("dots", "wikipedia.set_lang('../')"),
        ("400", "wikipedia.summary('Http400')"),
        ("404", "wikipedia.summary('Http404')"),
        ("500", "wikipedia.summary('Http500')"),
        ("503", "wikipedia.summary('Http503')"),
        ("429 then ok", "wikipedia.summary('Http429')"),
        ("truncated", "wikipedia.summary('Truncated')"),
        ("huge", "wikipedia.summary('Huge')"),
        ("slow", "wikipedia.summary('Slow')"),
    ]);
    let (stdout, stderr) = run(&endpoint, &source, "faults");
    let lines: Vec<&str> = stdout.lines().collect();
    let expect = |label: &str, text: &str| {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{label}:")))
            .unwrap_or_else(|| panic!("no line for {label}: {stdout}\n{stderr}"));
        assert!(
            line.contains(text),
            "{label}: expected {text:?} in {line:?}"
        );
    };
    expect(
        "missing",
        "PageError: Page id \"Nowhere at all\" does not match any pages. Try another id!",
    );
    expect(
        "missing page",
        "PageError: Page id \"Nothing here\" does not match any pages",
    );
    expect(
        "brackets",
        "PageError: Page id \"[[x]]\" does not match any pages",
    );
    expect(
        "disambiguation",
        "DisambiguationError: \"Mercure (homonymie)\" may refer to: ",
    );
    expect(
        "redirect refused",
        "RedirectError: \"Coroutines\" resulted in a redirect",
    );
    expect(
        "empty",
        "ValueError: Either a title or a pageid must be specified",
    );
    expect(
        "bad lang",
        "ValueError: invalid Wikipedia language code: 'en.evil.com'",
    );
    expect("dots", "ValueError: invalid Wikipedia language code: '../'");
    expect(
        "400",
        "WikipediaException: An unknown error occured: \"HTTP 400 from the Wikipedia API\"",
    );
    expect("404", "HTTP 404 from the Wikipedia API");
    expect("500", "HTTP 500 from the Wikipedia API");
    expect("503", "HTTP 503 from the Wikipedia API");
    expect("429 then ok", "Résumé de Coroutine");
    expect("truncated", "unreadable reply");
    expect("huge", "larger than 5 MB");
    expect(
        "slow",
        "HTTPTimeoutError: Searching for \"Slow\" resulted in a timeout",
    );
}

#[test]
fn disambiguation_options_are_the_link_texts() {
    let (endpoint, _) = start_mock();
    let source = "import wikipedia\nwikipedia.set_lang('fr')\ntry:\n    wikipedia.page('Mercure (homonymie)', auto_suggest=False)\nexcept wikipedia.exceptions.DisambiguationError as e:\n    print(e.options)\n";
    let (stdout, stderr) = run(&endpoint, source, "options");
    assert_eq!(
        stdout, "['Mercure (planète)', 'Mercure (chimie)']\n",
        "{stderr}"
    );
}

#[test]
fn offline_the_course_pages_come_from_labelled_stand_ins() {
    // A port nothing listens on: connection refused, as when the network is down.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!(
        "http://127.0.0.1:{}",
        closed.local_addr().expect("addr").port()
    );
    drop(closed);
    let source = cases(&[
        ("coroutine", "wikipedia.summary('Coroutine')[:60]"),
        ("threading", "wikipedia.summary('Threading')[:60]"),
        (
            "concurrente",
            "wikipedia.summary('Programmation_concurrente')[:60]",
        ),
        ("other", "wikipedia.summary('Mercure')"),
    ]);
    let (stdout, stderr) = run(&endpoint, &source, "offline");
    let label = "[Awaitable offline stand-in, not Wikipedia's text]";
    for page in ["coroutine", "threading", "concurrente"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&format!("{page}: {label}"))),
            "{page}: {stdout}\n{stderr}"
        );
    }
    assert!(
        stdout.contains("other: OfflineError: offline: cannot reach the server"),
        "{stdout}\n{stderr}"
    );
}

#[test]
fn the_exercise_solution_overlaps_requests_with_to_thread() {
    let (endpoint, hits) = start_mock();
    let source = "import asyncio, wikipedia, time\nwikipedia.set_lang('fr')\nasync def wiki_async(page):\n    await asyncio.sleep(6)\n    print(wikipedia.summary(page)[:20])\nasync def wiki_thread(page):\n    await asyncio.sleep(6)\n    return await asyncio.to_thread(wikipedia.summary, page)\nasync def main():\n    start = time.time()\n    await asyncio.gather(wiki_async('Coroutine'), wiki_async('Threading'), wiki_async('Programmation_concurrente'))\n    print('%.0f' % (time.time() - start))\n    results = await asyncio.gather(*(wiki_thread(p) for p in ['Coroutine', 'Threading', 'Programmation_concurrente']))\n    print(len(results))\nasyncio.run(main())\n";
    let (stdout, stderr) = run(&endpoint, source, "solution");
    assert_eq!(
        stdout, "Résumé de Coroutine \nRésumé de Threading \nRésumé de Programmat\n6\n3\n",
        "{stderr}"
    );
    // Three requests per summary the first time; the second round is served from the cache.
    assert_eq!(hits.load(Ordering::SeqCst), 9);
}

#[test]
fn endpoints_other_than_https_or_loopback_are_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_awaitable"))
        .args(["run", "x.py", "--wikipedia-endpoint", "http://example.org"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let mut stderr = String::new();
    let _ = out.stderr.as_slice().read_to_string(&mut stderr);
    assert!(stderr.contains("only https://"), "{stderr}");
}
