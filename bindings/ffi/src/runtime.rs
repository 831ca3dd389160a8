//! The core's own runtime. Every async export runs its work here — network on the worker threads,
//! SQLite, file and image work on the blocking pool — and the caller's thread (Android's main
//! thread, a Swift actor) only awaits the task's handle. A panic in a task comes back as an error
//! value, never as a crash across the FFI.

use std::any::Any;
use std::future::Future;
use std::sync::OnceLock;
use tokio::runtime::{Builder, Runtime};
use tokio::task::{JoinError, JoinHandle};

/// Name of the runtime's threads (worker and blocking pool), as a debugger or a test sees it.
pub(crate) const THREAD_NAME: &str = "yaohao-core";
/// Worker threads: the work is I/O-bound, a phone needs no more.
const WORKERS: usize = 2;
/// Blocking-pool threads at most (SQLite has one writer; photos and result files are few).
const BLOCKING: usize = 8;

static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();

/// Why a task gave no answer: the runtime could not start, the task panicked or was aborted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TaskFailure {
    /// The runtime's threads could not be started.
    NoRuntime(String),
    /// The task panicked, with the panic's message.
    Panicked(String),
    /// The task was aborted (the runtime shut down).
    Aborted,
}

impl std::fmt::Display for TaskFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TaskFailure::NoRuntime(why) => write!(f, "the core's runtime could not start: {why}"),
            TaskFailure::Panicked(why) => write!(f, "internal error in the core: {why}"),
            TaskFailure::Aborted => f.write_str("the call was stopped"),
        }
    }
}

/// The runtime, built on first use.
fn runtime() -> Result<&'static Runtime, TaskFailure> {
    RUNTIME
        .get_or_init(|| {
            Builder::new_multi_thread()
                .worker_threads(WORKERS)
                .max_blocking_threads(BLOCKING)
                .thread_name(THREAD_NAME)
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|why| TaskFailure::NoRuntime(why.clone()))
}

/// Runs `work` on the core's runtime; the returned future only awaits its handle. Dropping that
/// future (a cancelled coroutine or Swift task) aborts the work at its next await.
pub(crate) async fn run<T, E, F>(work: F) -> Result<T, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: From<TaskFailure> + Send + 'static,
{
    let handle = runtime()?.spawn(work);
    joined(AbortOnDrop(handle)).await
}

/// Runs blocking `work` (SQLite, files, images, platform callbacks) on the runtime's blocking
/// pool; the returned future only awaits its handle.
pub(crate) async fn run_blocking<T, E, F>(work: F) -> Result<T, E>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<TaskFailure> + Send + 'static,
{
    let handle = runtime()?.spawn_blocking(work);
    joined(AbortOnDrop(handle)).await
}

/// Awaits a task and turns a panic or an abort into an error value.
async fn joined<T, E: From<TaskFailure>>(mut handle: AbortOnDrop<Result<T, E>>) -> Result<T, E> {
    match (&mut handle.0).await {
        Ok(answer) => answer,
        Err(e) => Err(failure(e).into()),
    }
}

fn failure(e: JoinError) -> TaskFailure {
    if e.is_panic() {
        TaskFailure::Panicked(panic_message(e.into_panic()))
    } else {
        TaskFailure::Aborted
    }
}

/// The text of a panic payload (`panic!` with a literal or a formatted message).
fn panic_message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or_else(|| "panic".to_owned(), |text| (*text).to_owned()),
    }
}

/// A task handle that aborts the task when the awaiting side gives up.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl From<TaskFailure> for crate::YaohaoError {
    fn from(failure: TaskFailure) -> Self {
        match failure {
            TaskFailure::Aborted => crate::YaohaoError::Cancelled,
            other => crate::YaohaoError::Other {
                message_zh: match &other {
                    TaskFailure::NoRuntime(_) => {
                        "应用内部无法启动后台任务，请重启应用。".to_owned()
                    }
                    _ => "应用内部出错，请重试；如仍失败请重启应用。".to_owned(),
                },
                message_en: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::YaohaoError;
    use std::time::Duration;

    /// A minimal executor with no tokio context at all, like a Kotlin or Swift thread: polls on
    /// this thread and parks between wake-ups.
    pub(crate) fn block_on<F: Future>(f: F) -> F::Output {
        use std::sync::Arc;
        use std::task::{Context, Poll, Wake};
        struct Unpark(std::thread::Thread);
        impl Wake for Unpark {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Arc::new(Unpark(std::thread::current())).into();
        let mut cx = Context::from_waker(&waker);
        let mut f = std::pin::pin!(f);
        loop {
            if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
                return out;
            }
            std::thread::park();
        }
    }

    #[test]
    fn work_runs_on_the_cores_threads_not_the_callers() {
        let caller = std::thread::current().id();
        let (worker, blocking) = block_on(async {
            let worker = run(async {
                tokio::time::sleep(Duration::from_millis(10)).await;
                Ok::<_, YaohaoError>(std::thread::current())
            })
            .await?;
            let blocking = run_blocking(|| Ok::<_, YaohaoError>(std::thread::current())).await?;
            Ok::<_, YaohaoError>((worker, blocking))
        })
        .unwrap();
        for thread in [worker, blocking] {
            assert_ne!(thread.id(), caller);
            assert_eq!(thread.name(), Some(THREAD_NAME));
        }
    }

    #[test]
    fn a_panic_is_an_error_value() {
        let panicked = block_on(run::<(), YaohaoError, _>(async { panic!("boom {}", 1) }));
        let Err(YaohaoError::Other { message_en, .. }) = panicked else {
            panic!("expected Other, got {panicked:?}");
        };
        assert_eq!(message_en, "internal error in the core: boom 1");
        let panicked = block_on(run_blocking(|| -> Result<(), YaohaoError> {
            panic!("static text")
        }));
        assert!(
            matches!(&panicked, Err(YaohaoError::Other { message_en, .. }) if message_en.ends_with("static text")),
            "{panicked:?}"
        );
    }

    #[test]
    fn dropping_the_awaiting_future_aborts_the_work() {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let pending = run(async move {
            let _still_running = tx;
            std::future::pending::<Result<(), YaohaoError>>().await
        });
        // Poll once so that the task is spawned, then give up on it.
        let mut pending = Box::pin(pending);
        let waker = std::task::Waker::noop();
        assert!(
            pending
                .as_mut()
                .poll(&mut std::task::Context::from_waker(waker))
                .is_pending()
        );
        drop(pending);
        // The task is dropped, and with it the sender.
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(5)),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected)
        );
    }
}
