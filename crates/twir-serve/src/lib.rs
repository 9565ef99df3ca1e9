//! `twir serve`: build into a temporary folder, serve it on the loopback interface, rebuild
//! what changed when a source, the theme or the configuration is saved, and reload the open
//! pages. The server expects hostile clients: see [`http`] and [`conn`] for its limits.

pub mod conn;
pub mod http;
pub mod live;
pub mod overlay;
pub mod path;
pub mod scratch;
pub mod watch;

use http::Shared;
use live::{LiveSite, Rebuilt};
use scratch::SiteDir;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use twir_site::{Options, SiteError};

/// Where to listen.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind (loopback by default).
    pub bind: IpAddr,
    /// Port; 0 picks a free one (the address is printed).
    pub port: u16,
    /// Connection limits and time-outs.
    pub limits: conn::Limits,
}

fn report(r: &Rebuilt, what: &str) {
    for w in twir_content::safe_fs::take_skipped() {
        eprintln!("warning: {w}");
    }
    if r.errors.is_empty() {
        println!(
            "{what} in {} ms ({} files written)",
            r.elapsed.as_millis(),
            r.written
        );
    } else {
        eprintln!("{what} with errors in {} ms:", r.elapsed.as_millis());
        for e in &r.errors {
            eprintln!("  error: {e}");
        }
    }
}

fn targets(site: &LiveSite, root: &Path) -> watch::Targets {
    let mut t = watch::Targets {
        shallow: vec![root.to_path_buf()],
        ..Default::default()
    };
    if let Some(s) = site.site() {
        t.recursive.push(s.content_dir());
        t.shallow.push(s.draft_dir());
    }
    if let Some(d) = site.theme_dir() {
        t.recursive.push(d);
    }
    t
}

/// Runs the development server until interrupted (Ctrl-C, SIGTERM, SIGHUP). Prints
/// `Serving on http://ADDR/` once it accepts connections.
///
/// The root (and theme folder) are made absolute first, so that the watcher's paths, the
/// loader's and the build's are one form. The port is bound before anything is built (a port
/// in use leaves nothing behind), and the temporary site folder is removed on every way out:
/// return, error, panic or signal; folders left by servers that were killed are removed by
/// the next one.
pub fn serve(root: &Path, mut options: Options, serve: ServeOptions) -> Result<(), SiteError> {
    let root = root.canonicalize().map_err(|e| SiteError::io(root, e))?;
    if let Some(theme) = options.theme_dir.take() {
        options.theme_dir = Some(theme.canonicalize().unwrap_or(theme));
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Every blocking job (file reads, email previews) shares these few threads.
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .map_err(|e| SiteError::io("tokio runtime", e))?;
    let addr = SocketAddr::new(serve.bind, serve.port);
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| SiteError::Output {
            path: addr.to_string().into(),
            reason: match e.kind() {
                std::io::ErrorKind::AddrInUse => format!(
                    "cannot listen: port {} is in use (another `twir serve`?); choose another with --port, or --port 0 for any free one",
                    addr.port()
                ),
                _ => format!("cannot listen: {e}"),
            },
        })?;
    let local = listener
        .local_addr()
        .map_err(|e| SiteError::io(addr.to_string(), e))?;
    // From here on a signal is noted instead of killing the process, so the folder created
    // next is always removed.
    let stop = {
        let _guard = rt.enter();
        stop_signal().map_err(|e| SiteError::io("signal handlers", e))?
    };
    let out = Arc::new(
        SiteDir::create(&std::env::temp_dir())
            .map_err(|e| SiteError::io(std::env::temp_dir(), e))?,
    );
    let search = options.search;
    let mut live = LiveSite::new(&root, options, out.path());
    let first = live.full_build();
    report(&first, "built");
    let session = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let (version, _) = tokio::sync::watch::channel(format!("{session}-0"));
    let shared = Arc::new(Shared {
        root: root.clone(),
        out: out.clone(),
        errors: RwLock::new(first.errors.clone()),
        version,
        hosts: http::Hosts::new(serve.bind, local.port()),
        expensive: http::Expensive::new(2, 16),
        heartbeat: (serve.limits.idle_timeout / 4).max(Duration::from_millis(100)),
    });

    let indexer = search.then(|| search_worker(out.clone()));
    if let (Some(tx), Some(settings)) = (&indexer, live.render_settings()) {
        let _ = tx.send((live.model().clone(), settings));
    }

    let rebuild_shared = shared.clone();
    let rebuild_out = out.clone();
    let mut current = targets(&live, &root);
    let mut watcher = watch::Watch::start(&current)
        .map_err(|e| SiteError::io(&root, std::io::Error::other(e)))?;
    std::thread::spawn(move || {
        let mut n = 0u64;
        while let Some(batch) = watcher.next_batch() {
            let Some(r) = rebuild_out.with(|_| live.rebuild(&batch)) else {
                break;
            };
            if !r.changed {
                continue;
            }
            n += 1;
            report(&r, "rebuilt");
            rebuild_shared.publish(r.errors.clone(), format!("{session}-{n}"));
            if let (Some(tx), Some(settings)) = (&indexer, live.render_settings()) {
                let _ = tx.send((live.model().clone(), settings));
            }
            let now = targets(&live, &root);
            if now.recursive != current.recursive || now.shallow != current.shallow {
                match watch::Watch::start(&now) {
                    Ok(w) => {
                        watcher = w;
                        current = now;
                    }
                    Err(e) => eprintln!("warning: cannot watch the new folders: {e}"),
                }
            }
        }
    });

    if !serve.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} is reachable from other machines",
            serve.bind
        );
    }
    println!("Serving on http://{local}/ (Ctrl-C to stop)");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let app = http::router(shared);
    let stopped = rt.block_on(async move {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let signal = async move {
            let name = stop.await;
            let _ = tx.send(name);
        };
        conn::run(listener, app, serve.limits, signal).await;
        rx.await.unwrap_or("shutdown")
    });
    eprintln!("stopping ({stopped}): removing {}", out.path().display());
    out.close();
    // Blocking jobs still running (an email preview) end with the process.
    rt.shutdown_background();
    Ok(())
}

/// Resolves on the first of SIGINT, SIGTERM and SIGHUP, with its name. The handlers are
/// installed at once (inside a runtime), so that a signal arriving during the first build is
/// not lost and does not kill the process.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = &'static str>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    Ok(async move {
        tokio::select! {
            _ = int.recv() => "SIGINT",
            _ = term.recv() => "SIGTERM",
            _ = hup.recv() => "SIGHUP",
        }
    })
}

#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = &'static str>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    })
}

type SearchJob = (
    twir_site::model::SiteModel,
    twir_site::context::RenderSettings,
);

/// Rebuilds the search index in the background, always from the latest model, so that the
/// page rebuild itself stays fast.
fn search_worker(out: Arc<SiteDir>) -> std::sync::mpsc::Sender<SearchJob> {
    let (tx, rx) = std::sync::mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            match out.with(|dir| twir_site::search::write_index(&job.0, &job.1, dir)) {
                None => break,
                Some(Err(e)) => eprintln!("warning: search index: {e}"),
                Some(Ok(_)) => {}
            }
        }
    });
    tx
}
