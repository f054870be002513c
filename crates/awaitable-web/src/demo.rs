//! The demo notebook, until the course content comes from
//! `awaitable-notebook`.

/// Temporary: the three code cells the page shows for now: printing in a
/// loop, two coroutines gathered, and a blocking `time.sleep`. The course's
/// own cells replace them.
pub fn demo_cells() -> Vec<&'static str> {
    vec![
        "print(\"Hello from Python in your browser!\")\nfor i in range(1, 4):\n    print(i, \"squared is\", i * i)",
        "import asyncio\n\nasync def tick(name, delay):\n    for i in range(3):\n        await asyncio.sleep(delay)\n        print(name, \"tick\", i)\n\nawait asyncio.gather(tick(\"fast\", 0.2), tick(\"slow\", 0.5))",
        "import time\n\n# time.sleep blocks the event loop, not the page: try Stop.\nstart = time.monotonic()\ntime.sleep(1)\nprint(\"slept for\", int(time.monotonic() - start), \"second\")\n2 ** 100",
    ]
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use awaitable_notebook::kernel::{ExecutionState, Kernel};
    use awaitable_python::aio::Clock;
    use awaitable_python::runtime::Outcome;

    use crate::demo::demo_cells;
    use crate::outputs::OutputView;

    /// A clock that only moves when the test skips time.
    struct StoppedClock(Rc<Cell<f64>>);

    impl Clock for StoppedClock {
        fn monotonic(&self) -> f64 {
            self.0.get()
        }
        fn wall(&self) -> f64 {
            self.0.get()
        }
    }

    #[test]
    fn the_demo_cells_run_cleanly() {
        let now = Rc::new(Cell::new(0.0));
        let mut kernel = Kernel::new(Box::new(StoppedClock(now.clone())));
        let mut printed = Vec::new();
        for source in demo_cells() {
            let count = kernel.execute(source);
            while kernel.is_running() {
                match kernel.step(100_000) {
                    Outcome::Busy => {}
                    Outcome::Idle { wake_at: Some(at) } => now.set(now.get().max(at)),
                    Outcome::Idle { wake_at: None } => {
                        assert!(!kernel.is_running(), "cell {count} waits for nothing")
                    }
                }
            }
            let execution = kernel.execution(count).expect("the execution exists");
            let outputs: Vec<OutputView> = execution.outputs.iter().map(OutputView::of).collect();
            assert_eq!(execution.state, ExecutionState::Succeeded, "{outputs:?}");
            printed.push(outputs);
        }
        assert_eq!(
            printed[0],
            [OutputView::Stdout(
                "Hello from Python in your browser!\n1 squared is 1\n2 squared is 4\n3 squared is 9\n"
                    .to_owned()
            )]
        );
        assert_eq!(
            printed[1],
            [
                OutputView::Stdout(
                    "fast tick 0\nfast tick 1\nslow tick 0\nfast tick 2\nslow tick 1\nslow tick 2\n"
                        .to_owned()
                ),
                OutputView::Result("[None, None]".to_owned()),
            ]
        );
        assert_eq!(
            printed[2],
            [
                OutputView::Stdout("slept for 1 second\n".to_owned()),
                OutputView::Result("1267650600228229401496703205376".to_owned()),
            ]
        );
    }
}
