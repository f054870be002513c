//! Deterministic mutations of Python source: the input generator of the fuzzer.
//!
//! Each case starts from a valid seed program and applies a few edits chosen
//! to reach the parser's corners: byte flips, Python tokens inserted anywhere,
//! deleted ranges, truncations, splices of two programs, repeated chunks (deep
//! nesting, long lines) and lines moved to another indentation.

/// A small, fast, seedable generator (SplitMix64); the same seed gives the same
/// cases on every machine, so a run can be replayed from its seed.
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`; `bound` 0 gives 0 so callers need no special case.
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        (self.next_u64() % bound as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Fragments that are meaningful to a Python lexer or parser, so that
/// insertions make near-valid programs rather than only noise.
const TOKENS: &[&str] = &[
    "async ",
    "await ",
    "def ",
    "class ",
    "lambda ",
    "yield ",
    "return ",
    "if ",
    "elif ",
    "else",
    "while ",
    "for ",
    " in ",
    "try",
    "except ",
    "finally",
    "with ",
    "as ",
    "raise ",
    "import ",
    "from ",
    "not ",
    " and ",
    " or ",
    " is ",
    "None",
    "True",
    "False",
    "pass",
    "break",
    "continue",
    "del ",
    "global ",
    "nonlocal ",
    "assert ",
    "match ",
    "case ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    ";",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "=",
    "==",
    "!=",
    "<",
    ">",
    "<=",
    ">=",
    "+=",
    ":=",
    "->",
    "...",
    "~",
    "&",
    "|",
    "^",
    "<<",
    ">>",
    "0",
    "1_000",
    "0x1F",
    "0o17",
    "0b101",
    "1e10",
    "1.5",
    "2j",
    "10**1000",
    "\"s\"",
    "'x'",
    "\"\"\"doc\"\"\"",
    "f\"{x}\"",
    "f\"{x!r:>10}\"",
    "b\"b\"",
    "r\"\\d\"",
    "\\",
    "\n",
    "    ",
    "\t",
    "\\\n",
    "# c\n",
    "x",
    "_",
    "asyncio",
    "asyncio.gather(",
    "asyncio.create_task(",
    "asyncio.sleep(0)",
    "print(",
    "*args",
    "**kwargs",
    "é",
    "🐍",
    "\u{0}",
    "\r",
];

/// Bytes that change how the surrounding text lexes.
const INTERESTING_BYTES: &[u8] = b"\n\r\t \\\"'#()[]{}:,.=0\x00\x7f\xff";

/// Makes one fuzz case from the seeds: one to four edits of a random seed,
/// cut to `max_len` bytes. Invalid UTF-8 left by byte edits becomes U+FFFD.
pub fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], max_len: usize) -> String {
    let mut text = rng.pick(seeds).cloned().unwrap_or_default();
    for _ in 0..1 + rng.below(4) {
        apply_one(rng, seeds, &mut text);
    }
    text.truncate(max_len);
    String::from_utf8_lossy(&text).into_owned()
}

fn apply_one(rng: &mut Rng, seeds: &[Vec<u8>], text: &mut Vec<u8>) {
    match rng.below(8) {
        0 => flip_bit(rng, text),
        1 => replace_byte(rng, text),
        2 | 3 => insert_token(rng, text),
        4 => delete_range(rng, text),
        5 => splice(rng, seeds, text),
        6 => repeat_chunk(rng, text),
        _ => move_line(rng, seeds, text),
    }
}

fn flip_bit(rng: &mut Rng, text: &mut [u8]) {
    let index = rng.below(text.len());
    if let Some(byte) = text.get_mut(index) {
        *byte ^= 1 << rng.below(8);
    }
}

fn replace_byte(rng: &mut Rng, text: &mut [u8]) {
    let index = rng.below(text.len());
    let replacement = rng.pick(INTERESTING_BYTES).copied().unwrap_or(b' ');
    if let Some(byte) = text.get_mut(index) {
        *byte = replacement;
    }
}

fn insert_token(rng: &mut Rng, text: &mut Vec<u8>) {
    let at = rng.below(text.len() + 1);
    let token = rng.pick(TOKENS).copied().unwrap_or("");
    text.splice(at..at, token.bytes());
}

/// Deletes a short range, or truncates the text (a program cut mid-way).
fn delete_range(rng: &mut Rng, text: &mut Vec<u8>) {
    let start = rng.below(text.len() + 1);
    if rng.below(4) == 0 {
        text.truncate(start);
        return;
    }
    let end = (start + 1 + rng.below(16)).min(text.len());
    text.drain(start..end);
}

/// Joins the beginning of this program to the end of another.
fn splice(rng: &mut Rng, seeds: &[Vec<u8>], text: &mut Vec<u8>) {
    let Some(other) = rng.pick(seeds) else {
        return;
    };
    let cut = rng.below(text.len() + 1);
    let from = rng.below(other.len() + 1);
    text.truncate(cut);
    text.extend_from_slice(&other[from..]);
}

/// Repeats a chunk up to 200 times: deep nesting such as `((((` or `[[[[`,
/// long lines and long blocks, where recursion limits matter.
fn repeat_chunk(rng: &mut Rng, text: &mut Vec<u8>) {
    let start = rng.below(text.len());
    let end = (start + 1 + rng.below(8)).min(text.len());
    let chunk = text[start..end].to_vec();
    let copies = 1 + rng.below(200);
    let repeated = chunk.repeat(copies);
    text.splice(start..start, repeated);
}

/// Inserts a line of some seed at a line start, re-indented, which tests
/// the INDENT/DEDENT logic.
fn move_line(rng: &mut Rng, seeds: &[Vec<u8>], text: &mut Vec<u8>) {
    let Some(source) = rng.pick(seeds) else {
        return;
    };
    let lines: Vec<&[u8]> = source.split(|byte| *byte == b'\n').collect();
    let line = rng.pick(&lines).copied().unwrap_or(b"");
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            text.iter()
                .enumerate()
                .filter(|(_, byte)| **byte == b'\n')
                .map(|(index, _)| index + 1),
        )
        .collect();
    let at = rng.pick(&line_starts).copied().unwrap_or(0);
    let mut inserted = vec![b' '; 4 * rng.below(4)];
    inserted.extend(line.iter().skip_while(|byte| **byte == b' '));
    inserted.push(b'\n');
    text.splice(at..at, inserted);
}

#[test]
fn the_same_seed_gives_the_same_cases() {
    let seeds = vec![
        b"async def f():\n    await g()\n".to_vec(),
        b"x = [1, 2]\n".to_vec(),
    ];
    let cases = |seed| {
        let mut rng = Rng::new(seed);
        (0..100)
            .map(|_| mutate(&mut rng, &seeds, 4096))
            .collect::<Vec<_>>()
    };
    assert_eq!(cases(7), cases(7));
    assert_ne!(cases(7), cases(8));
}

#[test]
fn cases_respect_the_length_limit_and_survive_empty_seeds() {
    let seeds = vec![Vec::new(), b"(".to_vec()];
    let mut rng = Rng::new(1);
    for _ in 0..1000 {
        assert!(mutate(&mut rng, &seeds, 64).len() <= 64 * 3);
    }
    assert!(mutate(&mut rng, &[], 64).len() <= 64 * 3);
}
