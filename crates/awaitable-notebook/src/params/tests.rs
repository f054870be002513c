//! Query-string options: every option, hostile values falling back to the
//! defaults, and links that read back as they were written.

use std::num::NonZeroU32;

use crate::course::{course, to_notebook, Lang, EXERCISE_CELL_ID};
use crate::params::{
    is_allowed_endpoint, is_valid_cell_id, parse_query, to_query, CellTarget, ClockChoice,
    PageOptions, Theme,
};
use crate::test_rng::Rng;

fn number(n: u32) -> Option<CellTarget> {
    NonZeroU32::new(n).map(CellTarget::Number)
}

#[test]
fn no_query_gives_the_defaults() {
    let defaults = PageOptions {
        lang: Lang::Fr,
        cell: None,
        clock: ClockChoice::Real,
        theme: Theme::Auto,
        embed: false,
        wikipedia_endpoint: None,
    };
    assert_eq!(PageOptions::default(), defaults);
    for query in ["", "?", "?&&", "#lang=en", "?#cell=3"] {
        assert_eq!(parse_query(query), defaults, "{query:?}");
    }
}

#[test]
fn reads_every_option() {
    let options = parse_query(
        "?lang=en&cell=3&clock=fast&theme=dark&embed=1&wikipedia=https://example.org/w/api.php",
    );
    assert_eq!(
        options,
        PageOptions {
            lang: Lang::En,
            cell: number(3),
            clock: ClockChoice::Fast,
            theme: Theme::Dark,
            embed: true,
            wikipedia_endpoint: Some("https://example.org/w/api.php".to_owned()),
        }
    );
    assert_eq!(parse_query("lang=fr&theme=light").theme, Theme::Light);
    assert_eq!(parse_query("theme=auto").theme, Theme::Auto);
    assert_eq!(parse_query("clock=real").clock, ClockChoice::Real);
    assert!(!parse_query("embed=0").embed);
    assert!(parse_query("embed=true").embed);
}

#[test]
fn values_ignore_ascii_case_and_spaces() {
    let options = parse_query("lang=EN&clock=+Fast+&theme=%20DARK");
    assert_eq!(options.lang, Lang::En);
    assert_eq!(options.clock, ClockChoice::Fast);
    assert_eq!(options.theme, Theme::Dark);
}

#[test]
fn keys_and_values_are_percent_decoded() {
    let options =
        parse_query("%6Cang=%65n&cell=cell%2Df&wikipedia=https%3A%2F%2Fexample.org%2Fapi");
    assert_eq!(options.lang, Lang::En);
    assert_eq!(options.cell, Some(CellTarget::Id("cell-f".to_owned())));
    assert_eq!(
        options.wikipedia_endpoint.as_deref(),
        Some("https://example.org/api")
    );
}

#[test]
fn first_occurrence_of_a_key_wins() {
    assert_eq!(parse_query("lang=en&lang=fr").lang, Lang::En);
    assert_eq!(parse_query("cell=2&cell=5").cell, number(2));
    // Even when the first value is invalid: the link is ambiguous.
    assert_eq!(parse_query("theme=purple&theme=dark").theme, Theme::Auto);
}

#[test]
fn unknown_keys_are_ignored() {
    let options = parse_query("utm_source=x&LANG=en&lang=en&__proto__=1&=3&cell");
    assert_eq!(options.lang, Lang::En);
    assert_eq!(options.cell, None);
}

#[test]
fn hostile_values_fall_back_to_defaults() {
    let long = "a".repeat(10_000);
    let cases = [
        "lang=<script>alert(1)</script>".to_owned(),
        "lang=%3Cscript%3E".to_owned(),
        "lang=english".to_owned(),
        "lang=".to_owned(),
        "cell=-1".to_owned(),
        "cell=0".to_owned(),
        "cell=000".to_owned(),
        "cell=%2B1".to_owned(),
        "cell=1.5".to_owned(),
        "cell=99999999999999999999".to_owned(),
        "cell=4294967296".to_owned(),
        "cell=%3Cimg%20src%3Dx%3E".to_owned(),
        "cell=a%00b".to_owned(),
        format!("cell=x{long}"),
        "clock=warp".to_owned(),
        "theme=javascript:alert(1)".to_owned(),
        "theme=dark%00".to_owned(),
        "embed=2".to_owned(),
        "embed=yes please".to_owned(),
        "lang=%FF".to_owned(),
        "lang=%C3%28".to_owned(),
        "lang=%".to_owned(),
        "lang=%e".to_owned(),
        "lang=%zz".to_owned(),
        format!("lang={long}"),
        format!("theme={}", "%41".repeat(4000)),
        format!("wikipedia=https://{long}.org/"),
        "wikipedia=javascript:alert(1)".to_owned(),
    ];
    for query in &cases {
        assert_eq!(
            parse_query(query),
            PageOptions::default(),
            "{}",
            &query[..query.len().min(80)]
        );
    }
}

#[test]
fn hostile_keys_are_ignored() {
    let long_key = "k".repeat(100_000);
    assert_eq!(parse_query(&format!("{long_key}=1&lang=en")).lang, Lang::En);
    assert_eq!(parse_query("%FF=1&lang%=en&lang=en").lang, Lang::En);
}

#[test]
fn cell_targets() {
    assert_eq!(CellTarget::from_param("1"), number(1));
    assert_eq!(CellTarget::from_param("007"), number(7));
    assert_eq!(CellTarget::from_param("4294967295"), number(u32::MAX));
    assert_eq!(
        CellTarget::from_param("exercise"),
        Some(CellTarget::Id("exercise".to_owned()))
    );
    assert_eq!(
        CellTarget::from_param("cell-f"),
        Some(CellTarget::Id("cell-f".to_owned()))
    );
    for bad in [
        "",
        "-",
        "-1",
        "--",
        "_1",
        "cell f",
        "cellé",
        "a/b",
        "a".repeat(65).as_str(),
    ] {
        assert_eq!(CellTarget::from_param(bad), None, "{bad:?}");
    }
    assert!(is_valid_cell_id(&"a".repeat(64)));
    assert!(!is_valid_cell_id(""));
}

#[test]
fn cell_targets_find_course_cells() {
    let cells = course();
    let index_of = |id: &str| cells.iter().position(|cell| cell.id == id);
    assert_eq!(
        number(1).unwrap().find_in_course(&cells),
        index_of("cell-a")
    );
    assert_eq!(
        number(6).unwrap().find_in_course(&cells),
        index_of("cell-f")
    );
    assert_eq!(
        number(7).unwrap().find_in_course(&cells),
        index_of(EXERCISE_CELL_ID)
    );
    assert_eq!(number(99).unwrap().find_in_course(&cells), None);
    assert_eq!(number(u32::MAX).unwrap().find_in_course(&cells), None);
    let id = |id: &str| CellTarget::Id(id.to_owned());
    assert_eq!(id("intro").find_in_course(&cells), Some(0));
    assert_eq!(id("cell-b").find_in_course(&cells), index_of("cell-b"));
    assert_eq!(id("nope").find_in_course(&cells), None);

    let notebook = to_notebook(Lang::En);
    for target in [
        number(1).unwrap(),
        number(7).unwrap(),
        id("intro"),
        id("cell-e"),
    ] {
        assert_eq!(
            target.find_in_notebook(&notebook.cells),
            target.find_in_course(&cells),
            "{target:?}"
        );
    }
}

#[test]
fn endpoints() {
    for good in [
        "https://fr.wikipedia.org/w/api.php",
        "HTTPS://Example.ORG",
        "https://example.org:8443/api?format=json&x=%2F",
        "https://[2001:db8::1]/api",
        "https://[2001:db8::1]:443",
        "https://10.0.0.1/",
        "http://127.0.0.1:8000/api",
        "http://localhost/",
        "http://LOCALHOST:1",
        "http://[::1]:65535/x",
        "http://[::1]",
    ] {
        assert!(is_allowed_endpoint(good), "{good}");
    }
    for bad in [
        "",
        "https://",
        "https:///path",
        "https:example.org",
        "//example.org",
        "ftp://example.org",
        "javascript:alert(1)",
        "data:text/html,<script>",
        "http://example.org/",
        "http://127.0.0.2/",
        "http://localhost.example.org/",
        "http://localhost./",
        "http://2130706433/",
        "http://0x7f.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "https://user@example.org/",
        "https://user:pass@example.org/",
        "http://evil.org@127.0.0.1/",
        "https://example.org:/",
        "https://example.org:0/",
        "https://example.org:65536/",
        "https://example.org:123456/",
        "https://example.org:80:80/",
        "https://example.org/#frag",
        "https://example.org/a b",
        "https://example.org/\t",
        "https://example.org/\n",
        "https://example.org/\0",
        "https://example.org/\u{7f}",
        "https://example.org/\u{85}",
        "https://exämple.org/",
        "https://example.org/é",
        "https://exa%6Dple.org/",
        "https://example.org/%",
        "https://example.org/%g0",
        "https://example.org\\@evil.org/",
        "https://example.org/<script>",
        "https://example..org/",
        "https://.example.org/",
        "https://example.org./",
        "https://ex_ample.org/",
        "https://[::1/",
        "https://[]/",
        "https://[::1]x/",
        "https://[zz::1]/",
        "https://example.org/[x]",
        " https://example.org/",
    ] {
        assert!(!is_allowed_endpoint(bad), "{bad:?}");
    }
    let long = format!("https://example.org/{}", "a".repeat(2100));
    assert!(!is_allowed_endpoint(&long));
    let just_fits = format!("https://example.org/{}", "a".repeat(2048 - 20));
    assert_eq!(just_fits.len(), 2048);
    assert!(is_allowed_endpoint(&just_fits));
}

#[test]
fn to_query_writes_only_what_differs_from_the_defaults() {
    assert_eq!(to_query(&PageOptions::default()), "");
    let options = PageOptions {
        lang: Lang::En,
        cell: Some(CellTarget::Id("cell-f".to_owned())),
        clock: ClockChoice::Fast,
        theme: Theme::Light,
        embed: true,
        wikipedia_endpoint: Some("http://127.0.0.1:8000/api?a=b&c=d".to_owned()),
    };
    let query = to_query(&options);
    assert_eq!(
        query,
        "lang=en&cell=cell-f&clock=fast&theme=light&embed=1\
         &wikipedia=http://127.0.0.1:8000/api%3Fa%3Db%26c%3Dd"
    );
    assert_eq!(parse_query(&query), options);
    assert_eq!(parse_query(&format!("?{query}")), options);
}

#[test]
fn to_query_leaves_out_values_parse_would_refuse() {
    let options = PageOptions {
        cell: Some(CellTarget::Id("<b>".to_owned())),
        wikipedia_endpoint: Some("javascript:alert(1)".to_owned()),
        ..PageOptions::default()
    };
    assert_eq!(to_query(&options), "");
    let digits = PageOptions {
        cell: Some(CellTarget::Id("12".to_owned())),
        ..PageOptions::default()
    };
    assert_eq!(to_query(&digits), "");
}

fn random_options(rng: &mut Rng) -> PageOptions {
    let cell = match rng.below(4) {
        0 => None,
        1 => number(rng.next_u64() as u32),
        2 => number(1 + rng.below(20) as u32),
        _ => {
            let id: String = (0..1 + rng.below(64))
                .map(|_| char::from(*rng.pick(b"abcXYZ019-_")))
                .collect();
            CellTarget::from_param(&id)
        }
    };
    let endpoint = match rng.below(3) {
        0 => None,
        1 => Some(format!(
            "http://{}:{}/mock/{}?q={}",
            rng.pick(&["127.0.0.1", "localhost", "[::1]"]),
            1 + rng.below(65535),
            rng.below(1000),
            rng.pick(&["a%20b", "x&y=z", "%C3%A9", "!$'()*+,;=:@"]),
        )),
        _ => Some(format!(
            "https://{}.example.org/w/api.php",
            rng.pick(&["fr", "en", "xn--bcher-kva"])
        )),
    };
    PageOptions {
        lang: *rng.pick(&Lang::ALL),
        cell,
        clock: *rng.pick(&ClockChoice::ALL),
        theme: *rng.pick(&Theme::ALL),
        embed: rng.below(2) == 0,
        wikipedia_endpoint: endpoint,
    }
}

#[test]
fn links_round_trip() {
    let mut rng = Rng::new(1);
    for _ in 0..2000 {
        let options = random_options(&mut rng);
        if let Some(endpoint) = &options.wikipedia_endpoint {
            assert!(is_allowed_endpoint(endpoint), "{endpoint}");
        }
        let query = to_query(&options);
        assert_eq!(parse_query(&query), options, "{query}");
    }
}

#[test]
fn random_queries_never_panic_and_normalise() {
    let mut rng = Rng::new(2);
    let keys = [
        "lang",
        "cell",
        "clock",
        "theme",
        "embed",
        "wikipedia",
        "x",
        "%6Cang",
    ];
    let values = [
        "en",
        "fr",
        "3",
        "-1",
        "fast",
        "dark",
        "1",
        "%",
        "%FF",
        "%C3%A9",
        "http://[::1]/",
        "https://a.org/",
    ];
    for _ in 0..3000 {
        let mut query = String::new();
        for _ in 0..rng.below(8) {
            match rng.below(3) {
                0 => query.push_str(&rng.string(12)),
                _ => {
                    query.push_str(keys[rng.below(keys.len())]);
                    query.push('=');
                    query.push_str(values[rng.below(values.len())]);
                }
            }
            query.push(*rng.pick(&['&', '&', '=', '#', '?']));
        }
        let options = parse_query(&query);
        // What was read writes back and reads again as the same options.
        assert_eq!(parse_query(&to_query(&options)), options, "{query:?}");
    }
}
