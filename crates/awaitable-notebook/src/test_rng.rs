//! A small deterministic generator for the property tests (no dependency):
//! the same seed gives the same cases on every machine.

/// xorshift64* random numbers.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A character from a mix chosen to break things: ASCII (NUL, controls,
    /// URL syntax), accented letters, CJK, emoji and other astral characters.
    pub(crate) fn char(&mut self) -> char {
        const SPECIAL: &[char] = &[
            '\0',
            '\n',
            '\r',
            '\t',
            '\u{7f}',
            '%',
            '&',
            '=',
            '+',
            '#',
            '?',
            '/',
            '\\',
            '"',
            '<',
            '>',
            ' ',
            'é',
            'ß',
            '€',
            '中',
            '\u{feff}',
            '\u{200d}',
            '\u{fffd}',
            '🎉',
            '👩',
            '𝔘',
            '\u{10ffff}',
        ];
        match self.below(4) {
            0 | 1 => char::from(b' ' + self.below(95) as u8),
            2 => *self.pick(SPECIAL),
            _ => loop {
                if let Some(c) = char::from_u32(self.below(0x11_0000) as u32) {
                    break c;
                }
            },
        }
    }

    /// A string of up to `max_chars` characters from [`Rng::char`], sometimes
    /// repetitive (so that compressors find matches).
    pub(crate) fn string(&mut self, max_chars: usize) -> String {
        let len = self.below(max_chars + 1);
        let mut text = String::new();
        while text.chars().count() < len {
            if self.below(4) == 0 && !text.is_empty() {
                let chars: Vec<char> = text.chars().collect();
                let start = self.below(chars.len());
                let run = self.below(chars.len() - start) + 1;
                text.extend(&chars[start..start + run]);
            } else {
                text.push(self.char());
            }
        }
        text
    }
}
