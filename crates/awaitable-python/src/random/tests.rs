//! Unit tests of the generator itself and of seeding; the module's functions
//! are checked against CPython in `tests/stdlib_conformance.rs`.

use super::*;
use crate::compiler::Mode;

fn call(interp: &mut Interp, name: &str, args: Vec<Value>) -> Raise<Value> {
    let Some(Value::Module(m)) = interp.modules.get("random") else {
        panic!("no random module")
    };
    let f = m.dict.borrow().get_str(name).expect("a random function");
    interp.call(&f, Args::new(args))
}

fn float(v: Raise<Value>) -> f64 {
    match v {
        Ok(Value::Float(x)) => x,
        _ => panic!("a float"),
    }
}

#[test]
fn mt19937_reference_outputs() {
    // The reference values of Matsumoto and Nishimura's mt19937ar.c.
    let mut rng = Rng::new(0);
    rng.init_genrand(5489);
    assert_eq!(rng.next_u32(), 3_499_211_612);
    rng.seed_words(&[0x123, 0x234, 0x345, 0x456]);
    let first: Vec<u32> = (0..5).map(|_| rng.next_u32()).collect();
    assert_eq!(
        first,
        [
            1_067_595_299,
            955_945_823,
            477_289_528,
            4_107_218_783,
            4_228_976_476
        ]
    );
}

#[test]
fn seeding_with_an_int_matches_cpython() {
    let mut rng = Rng::new(42);
    assert_eq!(rng.random(), 0.6394267984578837);
    // The sign is dropped and zero is the key [0].
    rng.seed_int(&BigInt::from(-42));
    assert_eq!(rng.random(), 0.6394267984578837);
    rng.seed_words(&[]);
    let empty = rng.random();
    rng.seed_int(&BigInt::from(0));
    assert_eq!(rng.random(), empty);
}

#[test]
fn small_getrandbits_agree_with_the_word_algorithm() {
    for k in 1..=64u32 {
        let mut fast = Rng::new(7);
        let mut words = Rng::new(7);
        let got = fast.bits_u64(k);
        // CPython's loop: 32-bit words, least significant first, the last one truncated.
        let mut expected: u64 = 0;
        let mut left = k;
        let mut shift = 0;
        while left > 0 {
            let r = words.next_u32();
            let r = if left < 32 { r >> (32 - left) } else { r };
            expected |= u64::from(r) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        assert_eq!(got, expected, "k = {k}");
        assert_eq!(BigInt::from(got), Rng::new(7).getrandbits(u64::from(k)));
    }
}

#[test]
fn below_handles_the_edges() {
    let mut rng = Rng::new(1);
    assert!((0..100).all(|_| rng.below_u64(1) == 0));
    assert_eq!(rng.below_u64(0), 0);
    assert!((0..1000).all(|_| rng.below_u64(u64::MAX) < u64::MAX));
    let n = BigInt::from(u64::MAX) * 3u32;
    assert!((0..100).all(|_| rng.below(&n) < n));
}

#[test]
fn float_hash_is_cpythons() {
    // From python3: hash(x).
    let cases = [
        (1.5, 1_152_921_504_606_846_977),
        (-2.75, -1_729_382_256_910_270_466),
        (1e300, 1_224_995_262_755_759_164),
        (0.1, 230_584_300_921_369_408),
        (-0.0, 0),
        (5e-324, 16_777_216),
        (1e-300, 482_449_582_752_280_463),
        (f64::INFINITY, 314_159),
        (123456.789, 1_819_310_134_279_660_096),
        (-1.0, -2),
        (2f64.powi(61) - 1.0, 1),
    ];
    for (x, h) in cases {
        assert_eq!(float_hash(x), h, "hash({x})");
    }
}

#[test]
fn an_unseeded_generator_seeds_from_the_host_clocks() {
    let mut a = Interp::new(Mode::Script);
    let mut b = Interp::new(Mode::Script);
    b.aio.skipped = 1.25;
    let (x, y) = (
        float(call(&mut a, "random", vec![])),
        float(call(&mut b, "random", vec![])),
    );
    assert_ne!(x, y, "different clocks, different streams");
    // An explicit seed wins over the clock, whenever it comes.
    let mut c = Interp::new(Mode::Script);
    c.aio.skipped = 99.0;
    call(&mut c, "seed", vec![Value::Int(42)]).expect("seeded");
    assert_eq!(float(call(&mut c, "random", vec![])), 0.6394267984578837);
    // seed(None) reseeds from the clocks again.
    call(&mut c, "seed", vec![Value::None]).expect("seeded");
    c.aio.skipped = 0.0;
    let z = float(call(&mut c, "random", vec![]));
    assert!((0.0..1.0).contains(&z));
}

#[test]
fn huge_requests_fail_cleanly() {
    let mut interp = Interp::new(Mode::Script);
    let is = |interp: &Interp, r: Raise<Value>, name: &str| {
        r.err().is_some_and(|e| interp.exc_is(&e, name))
    };
    let r = call(&mut interp, "getrandbits", vec![Value::Int(1 << 40)]);
    assert!(is(&interp, r, "MemoryError"));
    let range = interp.builtins.borrow().get_str("range").expect("range");
    let population = interp
        .call(&range, Args::new(vec![Value::Int(i64::MAX)]))
        .expect("a range");
    let r = call(&mut interp, "sample", vec![population, Value::Int(1 << 40)]);
    assert!(is(&interp, r, "MemoryError"));
    let mut args = Args::new(vec![Value::str("ab")]);
    args.kw.push((std::rc::Rc::from("k"), Value::Int(1 << 40)));
    let choices = {
        let Some(Value::Module(m)) = interp.modules.get("random") else {
            panic!()
        };
        m.dict.borrow().get_str("choices").expect("choices")
    };
    let r = interp.call(&choices, args);
    assert!(is(&interp, r, "MemoryError"));
}

#[test]
fn bind_reports_bad_calls_like_cpython() {
    let interp = Interp::new(Mode::Script);
    let message = |args: Args| -> String {
        let r: Raise<[Option<Value>; 3]> = bind(
            &interp,
            args,
            "randrange",
            &["start", "stop", "step"],
            &[],
            1,
        );
        let e = r.expect_err("an error");
        match e.args().first() {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        }
    };
    assert_eq!(
        message(Args::new(vec![Value::Int(1); 4])),
        "Random.randrange() takes from 2 to 4 positional arguments but 5 were given"
    );
    assert_eq!(
        message(Args::default()),
        "Random.randrange() missing 1 required positional argument: 'start'"
    );
    let mut dup = Args::new(vec![Value::Int(1)]);
    dup.kw.push((std::rc::Rc::from("start"), Value::Int(2)));
    assert_eq!(
        message(dup),
        "Random.randrange() got multiple values for argument 'start'"
    );
}
