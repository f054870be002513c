//! The Markdown reader: structure, inline markup, link safety, hostile input.

use crate::markdown::{is_safe_href, parse, parse_inlines, Block, Inline, MAX_QUOTE_DEPTH};

fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

fn code(s: &str) -> Inline {
    Inline::Code(s.to_owned())
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph(inlines)
}

/// Every text in the tree, concatenated, to check that nothing was lost.
fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) | Inline::Code(t) => t.clone(),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => plain(c),
        })
        .collect()
}

/// How deep blockquotes nest in `blocks`.
fn quote_depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| match block {
            Block::Quote(inner) => 1 + quote_depth(inner),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// How deep inline nodes nest.
fn inline_depth(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => {
                1 + inline_depth(c)
            }
            Inline::Text(_) | Inline::Code(_) => 0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn headings_of_level_one_to_four() {
    let blocks = parse("# Un\n## Deux ##\n### Trois\n#### Quatre\n##### Cinq");
    assert_eq!(
        blocks,
        [
            Block::Heading(1, vec![text("Un")]),
            Block::Heading(2, vec![text("Deux")]),
            Block::Heading(3, vec![text("Trois")]),
            Block::Heading(4, vec![text("Quatre")]),
            para(vec![text("##### Cinq")]),
        ]
    );
}

#[test]
fn hash_without_space_is_text_and_closing_hashes_need_a_space() {
    assert_eq!(parse("#hashtag"), [para(vec![text("#hashtag")])]);
    assert_eq!(parse("## C#"), [Block::Heading(2, vec![text("C#")])]);
    assert_eq!(parse("#"), [Block::Heading(1, vec![])]);
}

#[test]
fn paragraphs_join_lines_and_split_on_blank_lines() {
    let blocks = parse("une ligne\n  et une autre\n\n\nsuite");
    assert_eq!(
        blocks,
        [
            para(vec![text("une ligne et une autre")]),
            para(vec![text("suite")]),
        ]
    );
}

#[test]
fn crlf_line_endings_are_lines() {
    assert_eq!(
        parse("a\r\n\r\nb"),
        [para(vec![text("a")]), para(vec![text("b")])]
    );
}

#[test]
fn bullet_and_numbered_lists() {
    let blocks = parse("- un\n- **deux**\n  suite\n\n1. premier\n2) second");
    assert_eq!(
        blocks,
        [
            Block::List {
                ordered: false,
                items: vec![
                    vec![text("un")],
                    vec![Inline::Strong(vec![text("deux")]), text(" suite")],
                ],
            },
            Block::List {
                ordered: true,
                items: vec![vec![text("premier")], vec![text("second")]],
            },
        ]
    );
}

#[test]
fn blank_lines_between_items_keep_one_list() {
    let blocks = parse("* a\n\n\n* b\n\nfin");
    assert_eq!(
        blocks,
        [
            Block::List {
                ordered: false,
                items: vec![vec![text("a")], vec![text("b")]],
            },
            para(vec![text("fin")]),
        ]
    );
}

#[test]
fn markers_need_a_space() {
    assert_eq!(parse("-x"), [para(vec![text("-x")])]);
    assert_eq!(parse("2.5 secondes"), [para(vec![text("2.5 secondes")])]);
    assert_eq!(
        parse("1234567890. trop"),
        [para(vec![text("1234567890. trop")])]
    );
}

#[test]
fn a_list_interrupts_a_paragraph() {
    let blocks = parse("Les awaitables :\n- coroutines\n- tâches");
    assert_eq!(blocks.len(), 2);
    assert!(matches!(&blocks[1], Block::List { items, .. } if items.len() == 2));
}

#[test]
fn fenced_code_keeps_its_text_verbatim() {
    let blocks =
        parse("avant\n```python\nasync def f():\n    await g()  # **pas gras**\n```\naprès");
    assert_eq!(
        blocks,
        [
            para(vec![text("avant")]),
            Block::Code {
                lang: "python".into(),
                text: "async def f():\n    await g()  # **pas gras**".into(),
            },
            para(vec![text("après")]),
        ]
    );
}

#[test]
fn fences_close_with_as_many_markers_and_remove_their_indent() {
    let blocks = parse("  ~~~~\n  a\n    b\n~~~\nc\n  ~~~~~");
    assert_eq!(
        blocks,
        [Block::Code {
            lang: String::new(),
            text: "a\n  b\n~~~\nc".into(),
        }]
    );
}

#[test]
fn an_unclosed_fence_runs_to_the_end() {
    let blocks = parse("```\nx = 1\n\n# pas un titre");
    assert_eq!(
        blocks,
        [Block::Code {
            lang: String::new(),
            text: "x = 1\n\n# pas un titre".into(),
        }]
    );
}

#[test]
fn blockquotes_hold_blocks() {
    let blocks = parse("> # Titre\n> texte\n>\n> - point\n\nhors");
    assert_eq!(
        blocks,
        [
            Block::Quote(vec![
                Block::Heading(1, vec![text("Titre")]),
                para(vec![text("texte")]),
                Block::List {
                    ordered: false,
                    items: vec![vec![text("point")]],
                },
            ]),
            para(vec![text("hors")]),
        ]
    );
}

#[test]
fn inline_strong_emphasis_and_code() {
    assert_eq!(
        parse_inlines("un **gras**, un *italique* et `time.sleep(10)`"),
        [
            text("un "),
            Inline::Strong(vec![text("gras")]),
            text(", un "),
            Inline::Emphasis(vec![text("italique")]),
            text(" et "),
            code("time.sleep(10)"),
        ]
    );
}

#[test]
fn nested_emphasis() {
    assert_eq!(
        parse_inlines("**gras *et italique* encore**"),
        [Inline::Strong(vec![
            text("gras "),
            Inline::Emphasis(vec![text("et italique")]),
            text(" encore"),
        ])]
    );
    assert_eq!(
        parse_inlines("*a **b** c*"),
        [Inline::Emphasis(vec![
            text("a "),
            Inline::Strong(vec![text("b")]),
            text(" c"),
        ])]
    );
}

#[test]
fn markers_stay_text_when_unclosed_or_spaced() {
    assert_eq!(parse_inlines("**pas fermé"), [text("**pas fermé")]);
    assert_eq!(parse_inlines("2 * 3 * 4"), [text("2 * 3 * 4")]);
    assert_eq!(parse_inlines("*a"), [text("*a")]);
    assert_eq!(parse_inlines("`pas fermé"), [text("`pas fermé")]);
    assert_eq!(parse_inlines("***trois***"), [text("***trois***")]);
}

#[test]
fn code_spans_bind_tighter_than_emphasis() {
    assert_eq!(
        parse_inlines("*voir `x**2` ici*"),
        [Inline::Emphasis(vec![
            text("voir "),
            code("x**2"),
            text(" ici")
        ])]
    );
    assert_eq!(parse_inlines("`` a`b ``"), [code("a`b")]);
    assert_eq!(parse_inlines("`  `"), [code("  ")]);
}

#[test]
fn backslash_escapes_punctuation_only() {
    assert_eq!(parse_inlines(r"\*pas italique\*"), [text("*pas italique*")]);
    assert_eq!(parse_inlines(r"C:\dossier"), [text(r"C:\dossier")]);
    assert_eq!(parse_inlines("fin\\"), [text("fin\\")]);
}

#[test]
fn links_with_safe_targets() {
    assert_eq!(
        parse_inlines("voir [la **doc**](https://docs.python.org/3/library/asyncio.html)."),
        [
            text("voir "),
            Inline::Link {
                href: "https://docs.python.org/3/library/asyncio.html".into(),
                children: vec![text("la "), Inline::Strong(vec![text("doc")])],
            },
            text("."),
        ]
    );
    assert_eq!(
        parse_inlines("[page](https://fr.wikipedia.org/wiki/Coroutine_(informatique))"),
        [Inline::Link {
            href: "https://fr.wikipedia.org/wiki/Coroutine_(informatique)".into(),
            children: vec![text("page")],
        }]
    );
    assert_eq!(
        parse_inlines("[ici](#exercice)"),
        [Inline::Link {
            href: "#exercice".into(),
            children: vec![text("ici")],
        }]
    );
}

#[test]
fn script_links_become_text() {
    for source in [
        "[clic](javascript:alert(1))",
        "[clic](JavaScript:alert(1))",
        "[clic](data:text/html,x)",
        "[clic](vbscript:x)",
    ] {
        assert_eq!(parse_inlines(source), [text(source)], "{source}");
    }
}

#[test]
fn href_safety_rules() {
    for safe in [
        "https://a.b/c",
        "HTTP://a",
        "page.html",
        "../x?y=1:2",
        "#a:b",
        "/x",
    ] {
        assert!(is_safe_href(safe), "{safe}");
    }
    for unsafe_href in [
        "javascript:x",
        " javascript:x",
        "java\tscript:x",
        "mailto:a@b",
        "",
        "x\u{0}",
    ] {
        assert!(!is_safe_href(unsafe_href), "{unsafe_href:?}");
    }
}

#[test]
fn broken_links_are_text() {
    assert_eq!(parse_inlines("[a](b c)"), [text("[a](b c)")]);
    assert_eq!(parse_inlines("[a] (b)"), [text("[a] (b)")]);
    assert_eq!(parse_inlines("a](b)"), [text("a](b)")]);
    assert_eq!(parse_inlines("[a](b"), [text("[a](b")]);
}

#[test]
fn links_do_not_nest() {
    let inlines = parse_inlines("[a [b](x) c](y)");
    assert_eq!(
        inlines,
        [Inline::Link {
            href: "y".into(),
            children: vec![text("a [b](x) c")],
        }]
    );
}

#[test]
fn html_is_text() {
    let blocks = parse("<script>alert('x')</script>\n\n<b>gras</b> & co");
    assert_eq!(
        blocks,
        [
            para(vec![text("<script>alert('x')</script>")]),
            para(vec![text("<b>gras</b> & co")]),
        ]
    );
}

#[test]
fn crossing_markers_lose_nothing() {
    let source = "*a [b* c](x) **d `e** f` [g](javascript:h) i";
    let inlines = parse_inlines(source);
    assert_eq!(
        plain(&inlines).replace(['*', '`'], ""),
        source.replace(['*', '`'], "")
    );
}

#[test]
fn ten_thousand_nested_quotes_are_bounded() {
    let source = format!("{} profond", ">".repeat(10_000));
    let blocks = parse(&source);
    assert_eq!(quote_depth(&blocks), MAX_QUOTE_DEPTH);
    let lines = vec![">"; 10_000].join("\n");
    assert_eq!(parse(&lines).len(), 1);
}

#[test]
fn deep_emphasis_is_bounded() {
    let source = format!("{}x{}", "*a **b ".repeat(5_000), " b** a*".repeat(5_000));
    let inlines = parse_inlines(&source);
    assert!(inline_depth(&inlines) <= crate::markdown::MAX_INLINE_DEPTH);
    let links = format!("{}x{}", "[".repeat(10_000), "](y)".repeat(10_000));
    assert!(inline_depth(&parse_inlines(&links)) <= 1);
}

#[test]
fn very_long_hostile_lines_finish() {
    let patterns = [
        "*a ", "** ", "`", "` ``", "[", "](", "](x", "\\", "*_`[]()", "> - # ",
    ];
    for pattern in patterns {
        let line = pattern.repeat(200_000 / pattern.len());
        let blocks = parse(&line);
        assert!(!blocks.is_empty(), "{pattern}");
    }
}

#[test]
fn many_blank_lines_in_a_list_finish() {
    let source = format!("- a{}x", "\n".repeat(200_000));
    assert_eq!(parse(&source).len(), 2);
}

#[test]
fn unicode_survives_every_marker() {
    let source = "*é*`ü`**ß**[ç](ö)\\é‽ — « durée »";
    let inlines = parse_inlines(source);
    assert_eq!(
        inlines,
        [
            Inline::Emphasis(vec![text("é")]),
            code("ü"),
            Inline::Strong(vec![text("ß")]),
            Inline::Link {
                href: "ö".into(),
                children: vec![text("ç")],
            },
            text("\\é‽ — « durée »"),
        ]
    );
}
