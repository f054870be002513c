// A mock of the MediaWiki Action API on loopback, answering as Wikipedia
// does (the same JSON shapes as the Rust mock of
// crates/awaitable-cli/tests/wikipedia.rs), with the CORS headers Wikipedia
// sends for `origin=*` requests, so that the page's `fetch` can read it from
// another origin. Special titles trigger faults: Http400/404/500/503, Http429
// (every other request, with Retry-After: 1), Truncated JSON, Huge (6 MiB,
// with a Content-Length), HugeChunked (6 MiB, no Content-Length) and Slow
// (answers after 3 s).

import http from "node:http";

const PAGES = new Map([
  ["Coroutine", 101],
  ["Threading", 102],
  ["Programmation concurrente", 103],
  ["Mercure", 104],
]);

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Api-User-Agent",
  "Access-Control-Expose-Headers": "Retry-After",
};

/** The reply to a query: [status, body, extra headers]. */
function respond(params, hit) {
  const title = params.get("titles") ?? params.get("srsearch") ?? "";
  if (/^Http(400|404|500|503)$/.test(title)) {
    return [Number(title.slice(4)), "<html><body><h1>Oops</h1></body></html>", {}];
  }
  if (title === "Http429" && hit % 2 === 1) return [429, "{}", { "Retry-After": "1" }];
  if (title === "Truncated") return [200, '{"batchcomplete":"","query":{"search":[{"ns":0,"ti', {}];
  if (title === "Huge") return [200, "x".repeat(6 * 1024 * 1024), {}];
  if (params.get("list") === "search") {
    const results =
      title === "" || title === "Nowhere at all"
        ? []
        : title === "Http429"
          ? ["Coroutine"]
          : [title.replaceAll("_", " ")];
    const search = results.map((t) => ({ ns: 0, title: t }));
    return [200, JSON.stringify({ batchcomplete: "", query: { search } }), {}];
  }
  if (params.get("prop") === "info|pageprops") {
    const id = PAGES.get(title);
    const pages =
      id === undefined
        ? { "-1": { ns: 0, title, missing: "" } }
        : { [id]: { pageid: id, ns: 0, title, fullurl: `https://fr.wikipedia.org/wiki/${id}` } };
    return [200, JSON.stringify({ query: { pages } }), {}];
  }
  if (params.get("prop") === "extracts") {
    const id = PAGES.get(title) ?? 0;
    const extract = `Résumé de ${title} (<b>pas du HTML</b>).`;
    return [200, JSON.stringify({ query: { pages: { [id]: { pageid: id, title, extract } } } }), {}];
  }
  return [400, JSON.stringify({ error: { code: "badparams", info: "Unrecognized parameters." } }), {}];
}

/**
 * Starts the mock on a free loopback port. Resolves to its base URL (the
 * page's `?wikipedia=` value), the requests it saw, and `close()`, which
 * also drops open connections so that the port refuses from then on.
 */
export async function startWikipediaMock() {
  const seen = [];
  let hits = 0;
  const server = http.createServer((request, response) => {
    if (request.method === "OPTIONS") {
      response.writeHead(204, { ...CORS, "Access-Control-Max-Age": "600" }).end();
      return;
    }
    const url = new URL(request.url, "http://127.0.0.1");
    seen.push({ path: url.pathname, params: url.searchParams, agent: request.headers["api-user-agent"] });
    hits += 1;
    const title = url.searchParams.get("titles") ?? url.searchParams.get("srsearch");
    if (title === "Slow") {
      setTimeout(() => response.writeHead(200, CORS).end("{}"), 3_000).unref();
      return;
    }
    if (title === "HugeChunked") {
      // No Content-Length: the page must stop reading by itself.
      response.writeHead(200, { ...CORS, "Content-Type": "text/plain" });
      // The page hangs up after 5 MiB.
      response.on("error", () => {});
      const chunk = "y".repeat(1024 * 1024);
      let sent = 0;
      const more = () => {
        while (sent < 6) {
          sent += 1;
          if (!response.write(chunk)) {
            response.once("drain", more);
            return;
          }
        }
        response.end();
      };
      more();
      return;
    }
    const [status, body, extra] = respond(url.searchParams, hits);
    const type = body.startsWith("<") ? "text/html" : "application/json";
    response.writeHead(status, {
      ...CORS,
      ...extra,
      "Content-Type": `${type}; charset=utf-8`,
      "Content-Length": Buffer.byteLength(body),
    });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
