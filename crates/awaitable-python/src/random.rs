//! The `random` module: CPython's Mersenne Twister (MT19937) and CPython 3.12's
//! algorithms on top of it (`random.py` and `_randommodule.c`), so a seeded
//! program draws the same numbers as under CPython.
//!
//! Differences from CPython: there is no `random.Random` class (only the
//! module-level functions, which share one generator), and an unseeded
//! generator seeds itself from the host's clocks on first use instead of from
//! OS entropy (the runtime is sans-IO; see [`Rng::new`]).

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

use crate::ast::BinOp;
use crate::builtins::{native, register_module};
use crate::interp::{Interp, Raise};
use crate::ops::{as_bigint, MAX_INT_BITS};
use crate::value::{Args, NativeFn, Value};

mod params;
mod sha512;

use params::bind;

const N: usize = 624;
const M: usize = 397;

/// The generator state: MT19937's 624 words and position, plus the spare
/// normal deviate of `gauss`.
pub struct Rng {
    mt: [u32; N],
    index: usize,
    gauss_next: Option<f64>,
    /// Seed from the host's clocks before the next draw (the program never seeded).
    clock_seed_pending: bool,
}

impl Rng {
    /// A generator seeded as `random.seed(seed)` would, which reseeds itself
    /// from the host's wall and monotonic clocks before its first draw unless
    /// the program seeds it first: CPython seeds from OS entropy at start-up,
    /// and the interpreter is created before the host's clock is installed.
    pub fn new(seed: u64) -> Rng {
        let mut rng = Rng {
            mt: [0; N],
            index: N,
            gauss_next: None,
            clock_seed_pending: true,
        };
        rng.seed_int(&BigInt::from(seed));
        rng.clock_seed_pending = true;
        rng
    }

    /// MT19937's `init_genrand`.
    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Seeds from a key of 32-bit words (MT19937's `init_by_array`); an empty key acts as `[0]`.
    pub fn seed_words(&mut self, key: &[u32]) {
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        self.mt[0] = 0x8000_0000;
        self.index = N;
        self.gauss_next = None;
        self.clock_seed_pending = false;
    }

    /// `random.seed(n)` for an int: the absolute value's 32-bit words, least significant first.
    pub fn seed_int(&mut self, n: &BigInt) {
        self.seed_words(&n.magnitude().to_u32_digits());
    }

    /// The next 32-bit output (`genrand_uint32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn twist(&mut self) {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        for k in 0..N {
            let y = (self.mt[k] & UPPER) | (self.mt[(k + 1) % N] & LOWER);
            let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
            self.mt[k] = self.mt[(k + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// `random.random()`: 53 random bits from two outputs.
    pub fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`.
    pub fn bits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.next_u32() >> (32 - k)),
            _ => {
                let low = u64::from(self.next_u32());
                let high = u64::from(self.next_u32() >> (64 - k.min(64)));
                low | (high << 32)
            }
        }
    }

    /// `getrandbits(k)`: words filled least significant first, the last one
    /// keeping its most significant bits.
    pub fn getrandbits(&mut self, k: u64) -> BigInt {
        if k <= 64 {
            return BigInt::from(self.bits_u64(k as u32));
        }
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            let r = self.next_u32();
            words.push(if left < 32 { r >> (32 - left) } else { r });
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &words)
    }

    /// A uniform int in `[0, n)` by rejection sampling on `n.bit_length()` bits
    /// (`_randbelow_with_getrandbits`); 0 for `n == 0`.
    pub fn below_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// [`Rng::below_u64`] for any positive int.
    pub fn below(&mut self, n: &BigInt) -> BigInt {
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.below_u64(small));
        }
        let k = n.bits();
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }

    /// `gauss()`'s standard normal deviate (two per pair of draws; the second is kept).
    pub fn gauss_z(&mut self) -> f64 {
        if let Some(z) = self.gauss_next.take() {
            return z;
        }
        let x2pi = self.random() * std::f64::consts::TAU;
        let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
        self.gauss_next = Some(x2pi.sin() * g2rad);
        x2pi.cos() * g2rad
    }
}

/// Registers `random`.
pub fn install(interp: &mut Interp) {
    let functions: &[(&str, NativeFn)] = &[
        ("seed", r_seed),
        ("random", r_random),
        ("getrandbits", r_getrandbits),
        ("randbytes", r_randbytes),
        ("randrange", r_randrange),
        ("randint", r_randint),
        ("choice", r_choice),
        ("choices", r_choices),
        ("shuffle", r_shuffle),
        ("sample", r_sample),
        ("uniform", r_uniform),
        ("triangular", r_triangular),
        ("gauss", r_gauss),
        ("normalvariate", r_normalvariate),
        ("expovariate", r_expovariate),
        ("getstate", r_getstate),
        ("setstate", r_setstate),
    ];
    let entries = functions
        .iter()
        .map(|(name, f)| (*name, native(name, *f)))
        .collect();
    register_module(interp, "random", entries);
}

/// The interpreter's generator, seeded from the host's clocks if the program never seeded it.
fn rng(interp: &mut Interp) -> &mut Rng {
    if interp.rng.clock_seed_pending {
        let key = clock_key(interp);
        interp.rng.seed_words(&key);
    }
    &mut interp.rng
}

/// A seed key from the wall clock and the monotonic clock, in nanoseconds
/// (CPython's fallback when it has no OS entropy uses time and process id).
fn clock_key(interp: &Interp) -> Vec<u32> {
    let wall = (interp.aio.wall() * 1e9) as u64;
    let mono = (interp.aio.now() * 1e9) as u64;
    vec![
        wall as u32,
        (wall >> 32) as u32,
        mono as u32,
        (mono >> 32) as u32,
    ]
}

fn index_arg(interp: &mut Interp, v: &Value) -> Raise<BigInt> {
    crate::mathmod::to_bigint(interp, v)
}

fn arith(interp: &mut Interp, a: &Value, op: BinOp, b: &Value) -> Raise<Value> {
    interp.binary_op(a, op, b)
}

// ---- seeding and state ----

fn r_seed(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [a, version] = bind(interp, args, "seed", &["a", "version"], &[], 0)?;
    let a = a.unwrap_or(Value::None);
    let version = match version {
        Some(v) => index_arg(interp, &v).ok(),
        None => Some(BigInt::from(2)),
    };
    let version = version.and_then(|v| v.to_i64()).unwrap_or(0);
    let n = match (&a, version) {
        (Value::None, _) => {
            let key = clock_key(interp);
            interp.rng.seed_words(&key);
            return Ok(Value::None);
        }
        (Value::Str(_) | Value::Bytes(_), 1) => BigInt::from(seed_v1(&a)),
        (Value::Str(s), 2) => seed_v2(s.as_bytes()),
        (Value::Bytes(b), 2) => seed_v2(b),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), _) => as_bigint(&a).unwrap_or_default(),
        // Other seeds go through their hash, taken as an unsigned C `size_t`.
        (Value::Float(x), _) => BigInt::from(float_hash(*x) as u64),
        (Value::Str(_) | Value::Bytes(_), _) => BigInt::from(interp.hash(&a)? as u64),
        _ => {
            return Err(interp.type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ))
        }
    };
    interp.rng.seed_int(&n);
    Ok(Value::None)
}

/// Version 1 string seeding: a 64-bit hash of the characters (Latin-1 bytes for bytes).
fn seed_v1(a: &Value) -> i128 {
    let codes: Vec<u32> = match a {
        Value::Str(s) => s.chars().map(u32::from).collect(),
        Value::Bytes(b) => b.iter().map(|&c| u32::from(c)).collect(),
        _ => Vec::new(),
    };
    let mut x: u64 = codes.first().map_or(0, |&c| u64::from(c) << 7);
    for &c in &codes {
        x = 1_000_003u64.wrapping_mul(x) ^ u64::from(c);
    }
    x ^= codes.len() as u64;
    i128::from(x)
}

/// Version 2 string seeding: the bytes followed by their SHA-512, as one big-endian int.
fn seed_v2(bytes: &[u8]) -> BigInt {
    let mut all = bytes.to_vec();
    all.extend_from_slice(&sha512::digest(bytes));
    BigInt::from_bytes_be(Sign::Plus, &all)
}

/// CPython's hash of a float (`_Py_HashDouble`), which seeding with a float uses.
pub fn float_hash(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = crate::mathmod::frexp(v);
    let sign: i64 = if m < 0.0 { -1 } else { 1 };
    m = m.abs();
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e as u32 % BITS
    } else {
        BITS - 1 - ((-1 - e) as u32 % BITS)
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

fn r_getstate(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [] = bind(interp, args, "getstate", &[], &[], 0)?;
    let rng = &interp.rng;
    let mut words: Vec<Value> = rng.mt.iter().map(|&w| Value::Int(i64::from(w))).collect();
    words.push(Value::Int(rng.index as i64));
    let gauss = rng.gauss_next.map_or(Value::None, Value::Float);
    Ok(Value::tuple(vec![
        Value::Int(3),
        Value::tuple(words),
        gauss,
    ]))
}

fn r_setstate(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [state] = bind(interp, args, "setstate", &["state"], &[], 1)?;
    let state = state.unwrap_or(Value::None);
    let version = interp.getitem(&state, &Value::Int(0))?;
    let version_number = as_bigint(&version).and_then(|v| v.to_i64());
    if !matches!(version_number, Some(2 | 3)) {
        let shown = interp.to_str(&version)?;
        return Err(interp.value_error(format!(
            "state with version {shown} passed to Random.setstate() of version 3"
        )));
    }
    let parts = interp.iterate(&state)?;
    let [_, internal, gauss] = parts.as_slice() else {
        let message = if parts.len() > 3 {
            "too many values to unpack (expected 3)".to_string()
        } else {
            format!(
                "not enough values to unpack (expected 3, got {})",
                parts.len()
            )
        };
        return Err(interp.value_error(message));
    };
    let gauss_next = match gauss {
        Value::None => None,
        other => Some(crate::mathmod::to_f64(interp, other)?),
    };
    let (mt, index) = state_words(interp, internal, version_number == Some(2))?;
    let rng = rng(interp);
    rng.mt = mt;
    rng.index = index;
    rng.gauss_next = gauss_next;
    Ok(Value::None)
}

/// The 624 words and the position of a state tuple, checked as `_random` does.
fn state_words(interp: &mut Interp, internal: &Value, version2: bool) -> Raise<([u32; N], usize)> {
    let Value::Tuple(items) = internal else {
        return Err(interp.type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(interp.value_error("state vector is the wrong size"));
    }
    let mut mt = [0u32; N];
    for (slot, item) in mt.iter_mut().zip(items.iter()) {
        let mut n = index_arg(interp, item)?;
        if version2 {
            n = num_integer::Integer::mod_floor(&n, &BigInt::from(1u64 << 32));
        }
        if n.is_negative() {
            return Err(interp.err(
                "OverflowError",
                "can't convert negative value to unsigned int",
            ));
        }
        let word = n.to_u64().ok_or_else(|| {
            interp.err(
                "OverflowError",
                "Python int too large to convert to C unsigned long",
            )
        })?;
        *slot = word as u32;
    }
    let index = as_bigint(&items[N])
        .and_then(|i| i.to_usize())
        .filter(|&i| i <= N);
    let index = index.ok_or_else(|| interp.value_error("invalid state"))?;
    Ok((mt, index))
}

// ---- integers ----

fn r_random(interp: &mut Interp, args: Args) -> Raise<Value> {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        return Err(interp.type_error(format!(
            "Random.random() takes no arguments ({} given)",
            args.pos.len() + args.kw.len()
        )));
    }
    Ok(Value::Float(rng(interp).random()))
}

/// A bit count, checked non-negative and small enough to build.
fn bit_count(interp: &mut Interp, v: &Value) -> Raise<u64> {
    let k = index_arg(interp, v)?;
    if k.is_negative() {
        return Err(interp.value_error("number of bits must be non-negative"));
    }
    match k.to_u64() {
        Some(k) if k <= MAX_INT_BITS => Ok(k),
        _ => Err(interp.err("MemoryError", "")),
    }
}

fn r_getrandbits(interp: &mut Interp, args: Args) -> Raise<Value> {
    if !args.kw.is_empty() || args.pos.len() != 1 {
        return Err(interp.type_error(format!(
            "Random.getrandbits() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let k = bit_count(interp, &args.pos[0])?;
    Ok(Value::from_bigint(rng(interp).getrandbits(k)))
}

fn r_randbytes(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [n] = bind(interp, args, "randbytes", &["n"], &[], 1)?;
    let n = index_arg(interp, &n.unwrap_or(Value::None))?;
    let bits = bit_count(interp, &Value::from_bigint(n * 8))?;
    let value = rng(interp).getrandbits(bits);
    let mut bytes = value.to_bytes_le().1;
    bytes.resize((bits / 8) as usize, 0);
    Ok(Value::Bytes(bytes.into()))
}

fn r_randrange(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [start, stop, step] = bind(
        interp,
        args,
        "randrange",
        &["start", "stop", "step"],
        &[],
        1,
    )?;
    randrange(
        interp,
        &start.unwrap_or(Value::None),
        stop.filter(|v| !matches!(v, Value::None)),
        step,
    )
}

/// `randrange(start, stop=None, step=1)`, with CPython 3.12's checks and messages.
fn randrange(
    interp: &mut Interp,
    start: &Value,
    stop: Option<Value>,
    step: Option<Value>,
) -> Raise<Value> {
    let istart = index_arg(interp, start)?;
    let Some(stop) = stop else {
        if step.is_some() {
            return Err(interp.type_error("Missing a non-None stop argument"));
        }
        if istart.is_positive() {
            return Ok(Value::from_bigint(rng(interp).below(&istart)));
        }
        return Err(interp.value_error("empty range for randrange()"));
    };
    let istop = index_arg(interp, &stop)?;
    let width = &istop - &istart;
    let istep = match &step {
        Some(s) => index_arg(interp, s)?,
        None => BigInt::from(1),
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(Value::from_bigint(istart + rng(interp).below(&width)));
        }
        let (a, b) = (interp.to_str(start)?, interp.to_str(&stop)?);
        return Err(interp.value_error(format!("empty range in randrange({a}, {b})")));
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(&width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(&width + &istep + 1), &istep)
    } else {
        return Err(interp.value_error("zero step for randrange()"));
    };
    if !n.is_positive() {
        let (a, b) = (interp.to_str(start)?, interp.to_str(&stop)?);
        let c = interp.to_str(&step.unwrap_or(Value::None))?;
        return Err(interp.value_error(format!("empty range in randrange({a}, {b}, {c})")));
    }
    Ok(Value::from_bigint(istart + istep * rng(interp).below(&n)))
}

fn r_randint(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [a, b] = bind(interp, args, "randint", &["a", "b"], &[], 2)?;
    let (a, b) = (a.unwrap_or(Value::None), b.unwrap_or(Value::None));
    let stop = arith(interp, &b, BinOp::Add, &Value::Int(1))?;
    randrange(interp, &a, Some(stop), None)
}

// ---- sequences ----

fn r_choice(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [seq] = bind(interp, args, "choice", &["seq"], &[], 1)?;
    let seq = seq.unwrap_or(Value::None);
    let n = interp.len(&seq)?;
    if n == 0 {
        return Err(interp.err("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = rng(interp).below_u64(n as u64);
    interp.getitem(&seq, &Value::Int(i as i64))
}

fn r_shuffle(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [x] = bind(interp, args, "shuffle", &["x"], &[], 1)?;
    let x = x.unwrap_or(Value::None);
    let n = interp.len(&x)?;
    for i in (1..n).rev() {
        let j = rng(interp).below_u64(i as u64 + 1);
        let (i, j) = (Value::Int(i as i64), Value::Int(j as i64));
        let a = interp.getitem(&x, &j)?;
        let b = interp.getitem(&x, &i)?;
        interp.setitem(&x, i, a)?;
        interp.setitem(&x, j, b)?;
    }
    Ok(Value::None)
}

/// `bisect.bisect_right(a, x, 0, hi)` with Python comparisons.
fn bisect_right(interp: &mut Interp, a: &[Value], x: &Value, hi: usize) -> Raise<usize> {
    let (mut lo, mut hi) = (0, hi.min(a.len()));
    while lo < hi {
        let mid = (lo + hi) / 2;
        if interp.less_than(x, &a[mid])? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// Running totals of `values` with Python's `+` (`itertools.accumulate`).
fn accumulate(interp: &mut Interp, values: &Value) -> Raise<Vec<Value>> {
    let items = interp.iterate(values)?;
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        let next = match out.last() {
            Some(total) => arith(interp, &total.clone(), BinOp::Add, &item)?,
            None => item,
        };
        out.push(next);
    }
    Ok(out)
}

fn r_choices(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [population, weights, cum_weights, k] = bind(
        interp,
        args,
        "choices",
        &["population", "weights"],
        &["cum_weights", "k"],
        1,
    )?;
    let population = population.unwrap_or(Value::None);
    let weights = weights.filter(|v| !matches!(v, Value::None));
    let cum_weights = cum_weights.filter(|v| !matches!(v, Value::None));
    let k = match k {
        Some(k) => crate::builtins::int_arg(interp, &k)?.max(0) as usize,
        None => 1,
    };
    interp.check_len(k)?;
    let n = interp.len(&population)?;
    let cum_weights = match (weights, cum_weights) {
        (None, None) => return choices_unweighted(interp, &population, n, k),
        (Some(w), None) => accumulate(interp, &w).map_err(|e| match &w {
            Value::Int(count) if interp.exc_is(&e, "TypeError") => interp.type_error(format!(
                "The number of choices must be a keyword argument: k={count}"
            )),
            _ => e,
        })?,
        (None, Some(c)) => interp.iterate(&c)?,
        (Some(_), Some(_)) => {
            return Err(interp.type_error("Cannot specify both weights and cumulative weights"))
        }
    };
    if cum_weights.len() != n {
        return Err(interp.value_error("The number of weights does not match the population"));
    }
    let last = cum_weights
        .last()
        .cloned()
        .ok_or_else(|| interp.err("IndexError", "list index out of range"))?;
    let total = arith(interp, &last, BinOp::Add, &Value::Float(0.0))?;
    let total_f = crate::mathmod::to_f64(interp, &total)?;
    if total_f <= 0.0 {
        return Err(interp.value_error("Total of weights must be greater than zero"));
    }
    if !total_f.is_finite() {
        return Err(interp.value_error("Total of weights must be finite"));
    }
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = Value::Float(rng(interp).random() * total_f);
        let i = bisect_right(interp, &cum_weights, &x, n - 1)?;
        out.push(interp.getitem(&population, &Value::Int(i as i64))?);
    }
    Ok(Value::list(out))
}

fn choices_unweighted(interp: &mut Interp, population: &Value, n: usize, k: usize) -> Raise<Value> {
    let n = n as f64;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let i = (rng(interp).random() * n).floor() as i64;
        out.push(interp.getitem(population, &Value::Int(i))?);
    }
    Ok(Value::list(out))
}

fn r_sample(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [population, k, counts] =
        bind(interp, args, "sample", &["population", "k"], &["counts"], 2)?;
    let (population, k) = (population.unwrap_or(Value::None), k.unwrap_or(Value::None));
    if !matches!(
        population,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_)
    ) {
        return Err(
            interp.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).")
        );
    }
    let n = interp.len(&population)?;
    match counts.filter(|v| !matches!(v, Value::None)) {
        Some(counts) => sample_counts(interp, &population, n, &k, &counts),
        None => {
            let k = sample_size(interp, &k, n)?;
            sample(interp, &population, n, k)
        }
    }
}

/// `k` of `sample`, checked `0 <= k <= n` and an int, in CPython's order.
fn sample_size(interp: &mut Interp, k: &Value, n: usize) -> Raise<usize> {
    let in_range = match (as_bigint(k), k) {
        (Some(i), _) => !i.is_negative() && i <= BigInt::from(n),
        (None, Value::Float(x)) => (0.0..=n as f64).contains(x),
        (None, other) => {
            return Err(interp.type_error(format!(
                "'<=' not supported between instances of 'int' and '{}'",
                interp.type_name(other)
            )))
        }
    };
    if !in_range {
        return Err(interp.value_error("Sample larger than population or is negative"));
    }
    match as_bigint(k).and_then(|i| i.to_usize()) {
        Some(k) => Ok(k),
        None => Err(interp.type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            interp.type_name(k)
        ))),
    }
}

/// CPython's `sample`: a shrinking pool when a list of `n` is smaller than a
/// set of `k` indices would be, else rejection of already-selected indices.
fn sample(interp: &mut Interp, population: &Value, n: usize, k: usize) -> Raise<Value> {
    // CPython builds `[None] * k` first: a huge k is a MemoryError, not an abort.
    interp.check_len(k)?;
    let mut setsize: u64 = 21;
    if k > 5 {
        let exponent = ((k as f64 * 3.0).ln() / 4f64.ln()).ceil() as u32;
        setsize = setsize.saturating_add(4u64.saturating_pow(exponent));
    }
    let mut result = Vec::with_capacity(k);
    if n as u64 <= setsize {
        let mut pool = interp.iterate(population)?;
        for i in 0..k {
            let j = rng(interp).below_u64((n - i) as u64) as usize;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::with_capacity(k);
        for _ in 0..k {
            let mut j = rng(interp).below_u64(n as u64);
            while selected.contains(&j) {
                j = rng(interp).below_u64(n as u64);
            }
            selected.insert(j);
            result.push(interp.getitem(population, &Value::Int(j as i64))?);
        }
    }
    Ok(Value::list(result))
}

/// `sample(population, k, counts=...)`: a sample of `range(total)` mapped back through the running counts.
fn sample_counts(
    interp: &mut Interp,
    population: &Value,
    n: usize,
    k: &Value,
    counts: &Value,
) -> Raise<Value> {
    let mut cum_counts = accumulate(interp, counts)?;
    if cum_counts.len() != n {
        return Err(interp.value_error("The number of counts does not match the population"));
    }
    let total = cum_counts.pop().unwrap_or(Value::None);
    let Some(total) = as_bigint(&total).filter(|_| !matches!(total, Value::Bool(_))) else {
        return Err(interp.type_error("Counts must be integers"));
    };
    if !total.is_positive() {
        return Err(interp.value_error("Total of counts must be greater than zero"));
    }
    let total = total
        .to_usize()
        .filter(|&t| t <= i64::MAX as usize)
        .ok_or_else(|| {
            interp.err(
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )
        })?;
    let k = sample_size(interp, k, total)?;
    let range = Value::Range(std::rc::Rc::new(crate::value::RangeObj {
        start: 0,
        stop: total as i128,
        step: 1,
    }));
    let selections = sample(interp, &range, total, k)?;
    let mut out = Vec::with_capacity(k);
    for s in interp.iterate(&selections)? {
        let i = bisect_right(interp, &cum_counts, &s, cum_counts.len())?;
        out.push(interp.getitem(population, &Value::Int(i as i64))?);
    }
    Ok(Value::list(out))
}

// ---- real-valued distributions ----

fn r_uniform(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [a, b] = bind(interp, args, "uniform", &["a", "b"], &[], 2)?;
    let (a, b) = (a.unwrap_or(Value::None), b.unwrap_or(Value::None));
    let width = arith(interp, &b, BinOp::Sub, &a)?;
    let u = Value::Float(rng(interp).random());
    let offset = arith(interp, &width, BinOp::Mul, &u)?;
    arith(interp, &a, BinOp::Add, &offset)
}

fn r_triangular(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [low, high, mode] = bind(interp, args, "triangular", &["low", "high", "mode"], &[], 0)?;
    let mut low = low.unwrap_or(Value::Float(0.0));
    let mut high = high.unwrap_or(Value::Float(1.0));
    let mut u = rng(interp).random();
    let mut c = match mode.filter(|v| !matches!(v, Value::None)) {
        None => 0.5,
        Some(mode) => {
            let above = arith(interp, &mode, BinOp::Sub, &low)?;
            let width = arith(interp, &high, BinOp::Sub, &low)?;
            match arith(interp, &above, BinOp::Div, &width) {
                Ok(c) => crate::mathmod::to_f64(interp, &c)?,
                Err(e) if interp.exc_is(&e, "ZeroDivisionError") => return Ok(low),
                Err(e) => return Err(e),
            }
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    let width = arith(interp, &high, BinOp::Sub, &low)?;
    let offset = arith(interp, &width, BinOp::Mul, &Value::Float((u * c).sqrt()))?;
    arith(interp, &low, BinOp::Add, &offset)
}

/// `mu + z * sigma` with Python arithmetic.
fn scale(interp: &mut Interp, z: f64, mu: Option<Value>, sigma: Option<Value>) -> Raise<Value> {
    let mu = mu.unwrap_or(Value::Float(0.0));
    let sigma = sigma.unwrap_or(Value::Float(1.0));
    let spread = arith(interp, &Value::Float(z), BinOp::Mul, &sigma)?;
    arith(interp, &mu, BinOp::Add, &spread)
}

fn r_gauss(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [mu, sigma] = bind(interp, args, "gauss", &["mu", "sigma"], &[], 0)?;
    let z = rng(interp).gauss_z();
    scale(interp, z, mu, sigma)
}

fn r_normalvariate(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [mu, sigma] = bind(interp, args, "normalvariate", &["mu", "sigma"], &[], 0)?;
    // Kinderman and Monahan's ratio of uniforms, as CPython.
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    let rng = rng(interp);
    let z = loop {
        let u1 = rng.random();
        let u2 = 1.0 - rng.random();
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            break z;
        }
    };
    scale(interp, z, mu, sigma)
}

fn r_expovariate(interp: &mut Interp, args: Args) -> Raise<Value> {
    let [lambd] = bind(interp, args, "expovariate", &["lambd"], &[], 0)?;
    let lambd = lambd.unwrap_or(Value::Float(1.0));
    let x = -(1.0 - rng(interp).random()).ln();
    arith(interp, &Value::Float(x), BinOp::Div, &lambd)
}

#[cfg(test)]
mod tests;
