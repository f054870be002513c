//! The runtime as a host drives it: slicing, blocking, interrupting, threads,
//! limits. These are the behaviours the browser relies on to stay responsive.

use std::cell::Cell;
use std::rc::Rc;

use awaitable_python::aio::Clock;
use awaitable_python::compiler::Mode;
use awaitable_python::events::EventKind;
use awaitable_python::runtime::{Outcome, Runtime};
use awaitable_python::script::run_script_virtual;

/// A clock the test moves by hand.
#[derive(Clone, Default)]
struct ManualClock(Rc<Cell<f64>>);

impl Clock for ManualClock {
    fn monotonic(&self) -> f64 {
        self.0.get()
    }

    fn wall(&self) -> f64 {
        1_700_000_000.0 + self.0.get()
    }
}

fn stdout_of(runtime: &mut Runtime) -> String {
    runtime
        .take_events()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::Output { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

fn script(source: &str) -> (Runtime, ManualClock) {
    let clock = ManualClock::default();
    let mut runtime = Runtime::new(Mode::Script, Box::new(clock.clone()));
    runtime.start_script(source, "main.py").expect("compiles");
    (runtime, clock)
}

#[test]
fn long_pure_python_work_is_sliced() {
    let (mut runtime, _) = script("i = 0\nwhile i < 100000:\n    i += 1\nprint(i)\n");
    let mut slices = 0;
    while runtime.step(10_000) == Outcome::Busy {
        slices += 1;
        assert!(slices < 1000, "the loop never finished");
    }
    assert!(
        slices > 10,
        "a 100k-iteration loop should need many 10k-instruction slices, took {slices}"
    );
    assert_eq!(stdout_of(&mut runtime), "100000\n");
}

#[test]
fn interrupt_raises_keyboard_interrupt_in_an_endless_loop() {
    let (mut runtime, _) = script(
        "try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print('stopped')\n",
    );
    assert_eq!(runtime.step(50_000), Outcome::Busy);
    runtime.interrupt();
    // One more slice is enough to deliver it.
    runtime.step(50_000);
    assert_eq!(stdout_of(&mut runtime), "stopped\n");
    assert!(matches!(runtime.script_result(), Some(Ok(()))));
}

#[test]
fn time_sleep_blocks_the_loop_and_the_host_stays_in_control() {
    let (mut runtime, clock) = script(
        "import asyncio, time\nasync def ticker():\n    for i in range(3):\n        print('tick', i)\n        await asyncio.sleep(0)\nasync def main():\n    t = asyncio.create_task(ticker())\n    await asyncio.sleep(0)\n    time.sleep(2)\n    print('slept')\n    await t\nasyncio.run(main())\n",
    );
    let outcome = runtime.step(1_000_000);
    assert_eq!(
        outcome,
        Outcome::Idle { wake_at: Some(2.0) },
        "the host is told when the blocking sleep ends"
    );
    assert!(runtime.loop_blocked());
    assert_eq!(
        stdout_of(&mut runtime),
        "tick 0\n",
        "no task runs while the loop is blocked"
    );
    clock.0.set(1.0);
    assert_eq!(
        runtime.step(1_000_000),
        Outcome::Idle { wake_at: Some(2.0) }
    );
    clock.0.set(2.0);
    while runtime.step(1_000_000) == Outcome::Busy {}
    assert!(!runtime.loop_blocked());
    assert_eq!(stdout_of(&mut runtime), "slept\ntick 1\ntick 2\n");
    let events = runtime.take_events();
    assert!(
        events.is_empty()
            || events
                .iter()
                .all(|e| !matches!(e.kind, EventKind::LoopBlocked { .. }))
    );
}

#[test]
fn interrupt_wakes_a_blocking_sleep() {
    let (mut runtime, _) = script(
        "import time\ntry:\n    time.sleep(100)\nexcept KeyboardInterrupt:\n    print('woken')\n",
    );
    assert!(matches!(
        runtime.step(1_000),
        Outcome::Idle { wake_at: Some(_) }
    ));
    runtime.interrupt();
    runtime.step(1_000);
    assert_eq!(stdout_of(&mut runtime), "woken\n");
}

#[test]
fn to_thread_lets_blocking_calls_overlap() {
    let run = run_script_virtual(
        "import asyncio, time\nasync def main():\n    start = time.time()\n    await asyncio.gather(*(asyncio.to_thread(time.sleep, 1) for _ in range(3)))\n    print(round(time.time() - start, 2))\nasyncio.run(main())\n",
        "main.py",
        10_000_000,
    );
    assert_eq!(
        run.stdout, "1.0\n",
        "three 1 s sleeps in threads take 1 s: {}",
        run.stderr
    );
}

#[test]
fn the_virtual_clock_prints_the_course_durations() {
    let run = run_script_virtual(
        "import asyncio, time\nasync def nom(p):\n    await asyncio.sleep(10)\nasync def main():\n    t = time.time()\n    await asyncio.gather(nom(1), nom(2), nom(3))\n    print('%.2f' % (time.time() - t))\nt = time.time()\ntime.sleep(10)\ntime.sleep(20)\nprint('%.2f' % (time.time() - t))\nasyncio.run(main())\n",
        "main.py",
        10_000_000,
    );
    assert_eq!(run.stdout, "30.00\n10.00\n", "{}", run.stderr);
}

#[test]
fn limits_raise_python_errors_instead_of_crashing() {
    let run = run_script_virtual(
        "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print('recursion', e)\ntry:\n    x = 10 ** (10 ** 10)\nexcept MemoryError:\n    print('memory')\ntry:\n    y = [0] * (10 ** 12)\nexcept MemoryError:\n    print('memory again')\n",
        "main.py",
        50_000_000,
    );
    assert_eq!(
        run.stdout, "recursion maximum recursion depth exceeded\nmemory\nmemory again\n",
        "{}",
        run.stderr
    );
}

#[test]
fn runaway_code_is_interrupted_by_the_instruction_limit() {
    let run = run_script_virtual("while True:\n    pass\n", "main.py", 1_000_000);
    assert_eq!(run.exit_code, 1);
    assert!(
        run.stderr.ends_with("KeyboardInterrupt\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_uncaught_exception_prints_a_cpython_traceback() {
    let run = run_script_virtual(
        "def f():\n    raise ValueError('bad value')\n\nf()\n",
        "main.py",
        1_000_000,
    );
    assert_eq!(run.exit_code, 1);
    assert_eq!(
        run.stderr,
        "Traceback (most recent call last):\n  File \"main.py\", line 4, in <module>\n    f()\n  File \"main.py\", line 2, in f\n    raise ValueError('bad value')\nValueError: bad value\n"
    );
}

#[test]
fn top_level_await_is_a_syntax_error_in_scripts() {
    let run = run_script_virtual(
        "import asyncio\nawait asyncio.sleep(1)\n",
        "main.py",
        1_000_000,
    );
    assert_eq!(run.exit_code, 1);
    assert!(
        run.stderr
            .ends_with("SyntaxError: 'await' outside function\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_endless_loop_inside_a_call_made_by_a_builtin_is_stopped() {
    // A class body runs inside a built-in (__build_class__), where the host cannot
    // slice it: the runtime's own allowance stops it instead of freezing the page.
    let run = run_script_virtual(
        "class A:\n    while True:\n        pass\n",
        "main.py",
        100_000,
    );
    assert_eq!(run.exit_code, 1);
    assert!(
        run.stderr
            .contains("RuntimeError: a call made by a built-in"),
        "{}",
        run.stderr
    );
}

/// Resident memory of this process, in bytes (Linux only).
#[cfg(target_os = "linux")]
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    statm
        .split_whitespace()
        .nth(1)
        .and_then(|pages| pages.parse::<usize>().ok())
        .unwrap_or(0)
        * 4096
}

#[cfg(target_os = "linux")]
#[test]
fn a_dropped_runtime_gives_its_namespace_back() {
    // Functions and the globals they close over form cycles; without the
    // runtime clearing them, each run below would leak its 80 MB list.
    let source = "x = [0] * 10_000_000\ndef f():\n    return x\nclass A:\n    def m(self):\n        return x\n";
    run_script_virtual(source, "main.py", 100_000_000);
    let after_one = resident_bytes();
    for _ in 0..10 {
        run_script_virtual(source, "main.py", 100_000_000);
    }
    let after_eleven = resident_bytes();
    assert!(
        after_eleven < after_one + 200_000_000,
        "memory grew from {after_one} to {after_eleven} bytes"
    );
}
