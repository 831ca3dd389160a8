//! The production server behind `yaohao-portal serve`: one OS thread per core, each running its
//! own single-threaded tokio runtime and accepting on its own listening socket bound to the same
//! address with `SO_REUSEPORT`. The kernel spreads new connections over the threads and every
//! connection is served start to end by one thread, in arrival order, with no work stealing: at
//! 1024 connections on two cores the p99 falls by a third against a multi-threaded runtime (see
//! `docs/portal.md`, "Serving"). Blocking work (SQLite, hashing) still goes to each runtime's
//! blocking pool.
//!
//! Linux only balances connections over such a group, so elsewhere the portal serves from one
//! thread.
//!
//! Every thread (and the in-process portal) accepts with [`accept`], which bounds what one client
//! can hold: a header-read timeout, a connection cap (see `docs/portal.md`, "Limits").

use std::future::Future;
use std::net::{SocketAddr, TcpListener};
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use socket2::{Domain, Protocol, Socket, Type};
use tokio::runtime::{Builder, Runtime};
use tokio::sync::{Semaphore, watch};

use crate::config::{Limits, PortalConfig};
use crate::portal::{StartError, build_state, tick_every_minute};
use crate::state::AppState;

/// Pending connections the kernel queues per listening socket.
const BACKLOG: i32 = 4096;

/// How long a stopping server waits for open connections (event streams never finish alone).
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `stop` completes, then stops accepting and lets open
/// connections finish (for at most [`DRAIN`]).
///
/// Every connection has `limits.header_read_timeout` to send a request's headers, counted from
/// its start or from the previous response, so a slowloris client and an idle keep-alive
/// connection are both closed by it; at most `limits.max_connections` are open at once (the
/// others wait in the kernel's backlog). Handlers see the peer as `ConnectInfo<SocketAddr>`.
pub async fn accept(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
    stop: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            () = &mut stop => break,
            accepted = async {
                let permit = open.clone().acquire_owned().await;
                (permit, listener.accept().await)
            } => accepted,
        };
        let (permit, (stream, peer)) = match accepted {
            (Ok(permit), Ok(connection)) => (permit, connection),
            (_, Err(e)) => {
                // Out of descriptors or a connection reset before it was accepted: keep serving.
                tracing::warn!(error = %e, "accepting a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            (Err(_), _) => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<_>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            tower_service::Service::call(&mut app.clone(), request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => {}
    }
    Ok(())
}

/// A portal bound to its address, ready to serve from its threads.
pub struct Server {
    addr: SocketAddr,
    listeners: Vec<TcpListener>,
    state: AppState,
    /// The calling thread's runtime: the stop future and the scheduler.
    main: Runtime,
}

/// Opens the portal's database and binds `config.addr` once per serving thread.
///
/// More than one thread needs Linux (elsewhere the error says to use one). An address another
/// process is listening on is refused, even one that also allows port sharing.
pub fn bind(config: PortalConfig, threads: NonZeroUsize) -> Result<Server, StartError> {
    if threads.get() > 1 && !cfg!(target_os = "linux") {
        return Err(StartError::Config(
            "serving from several threads needs Linux (SO_REUSEPORT balancing); use --threads 1"
                .into(),
        ));
    }
    let listening = |source| StartError::Io {
        what: format!("listening on {}", config.addr),
        source,
    };
    // A plain bind first: it fails if anything listens there, and resolves names and port 0.
    let addr = TcpListener::bind(&config.addr)
        .and_then(|probe| probe.local_addr())
        .map_err(listening)?;
    let listeners = (0..threads.get())
        .map(|_| listener(addr, threads.get() > 1))
        .collect::<Result<Vec<_>, _>>()
        .map_err(listening)?;
    let main = runtime().map_err(|source| StartError::Io {
        what: "starting the main runtime".into(),
        source,
    })?;
    let state = build_state(config)?;
    Ok(Server {
        addr,
        listeners,
        state,
        main,
    })
}

/// A non-blocking listening socket on `addr`, shared with the other threads' when `shared`.
fn listener(addr: SocketAddr, shared: bool) -> std::io::Result<TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    #[cfg(target_os = "linux")]
    socket.set_reuse_port(shared)?;
    #[cfg(not(target_os = "linux"))]
    let _ = shared;
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
}

fn runtime() -> std::io::Result<Runtime> {
    Builder::new_current_thread().enable_all().build()
}

impl Server {
    /// The bound address (the actual port when `:0` was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Runs `f` inside the main runtime, which will run the stop future: to set up what needs a
    /// runtime (signal handlers) before the server is announced.
    pub fn enter<R>(&self, f: impl FnOnce() -> R) -> R {
        let _runtime = self.main.enter();
        f()
    }

    /// Serves until `stop` completes (or a serving thread fails), then stops accepting, finishes
    /// in-flight requests on every thread and returns. `stop` runs on the calling thread, with
    /// the once-a-minute scheduler of a system clock.
    pub fn run_until(self, stop: impl Future<Output = ()>) -> Result<(), StartError> {
        let io = |what: &str| {
            let what = what.to_owned();
            move |source| StartError::Io { what, source }
        };
        let (stopping, mut stopped) = watch::channel(false);
        let threads = self
            .listeners
            .into_iter()
            .enumerate()
            .map(|(index, listener)| {
                let app = crate::routes::router(self.state.clone());
                let limits = self.state.config.limits.clone();
                let mut stopped = stopped.clone();
                let stopping = stopping.clone();
                std::thread::Builder::new()
                    .name(format!("yaohao-http-{index}"))
                    .spawn(move || {
                        let served = runtime()?.block_on(async move {
                            let listener = tokio::net::TcpListener::from_std(listener)?;
                            accept(listener, app, &limits, async move {
                                let _ = stopped.wait_for(|stop| *stop).await;
                            })
                            .await
                        });
                        // However it ended, the others stop too.
                        let _ = stopping.send(true);
                        served
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(io("starting the serving threads"))?;
        self.main.block_on(async {
            let ticker = (!self.state.clock.is_simulated())
                .then(|| tokio::spawn(tick_every_minute(self.state.clone())));
            tokio::select! {
                () = stop => {}
                _ = stopped.wait_for(|stop| *stop) => {}
            }
            if let Some(ticker) = ticker {
                ticker.abort();
            }
        });
        let _ = stopping.send(true);
        for thread in threads {
            thread
                .join()
                .map_err(|_| StartError::Config("a serving thread panicked".into()))?
                .map_err(io("serving"))?;
        }
        Ok(())
    }
}
