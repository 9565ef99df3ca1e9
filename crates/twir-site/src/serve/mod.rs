//! `twir serve`: build into a temporary folder, serve it on the loopback interface, rebuild
//! what changed when a source, the theme or the configuration is saved, and reload the open
//! pages.

pub mod http;
pub mod live;
pub mod overlay;
pub mod reload;
pub mod watch;

use crate::error::SiteError;
use crate::project::Options;
use http::Shared;
use live::{LiveSite, Rebuilt};
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where to listen.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind (loopback by default).
    pub bind: IpAddr,
    /// Port; 0 picks a free one (the address is printed).
    pub port: u16,
}

fn report(r: &Rebuilt, what: &str) {
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

/// Runs the development server until interrupted (Ctrl-C). Prints `Serving on http://ADDR/`
/// once it accepts connections.
pub fn serve(root: &Path, options: Options, serve: ServeOptions) -> Result<(), SiteError> {
    let tmp = tempfile::Builder::new()
        .prefix("twir-serve-")
        .tempdir()
        .map_err(|e| SiteError::io(std::env::temp_dir(), e))?;
    let out = tmp.path().to_path_buf();
    let search = options.search;
    let mut live = LiveSite::new(root, options, &out);
    let first = live.full_build();
    report(&first, "built");
    let session = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let (version, _) = tokio::sync::watch::channel(format!("{session}-0"));
    let shared = Arc::new(Shared {
        root: root.to_path_buf(),
        out: out.clone(),
        errors: RwLock::new(first.errors.clone()),
        version,
    });

    let indexer = search.then(|| search_worker(out.clone()));
    if let (Some(tx), Some(settings)) = (&indexer, live.render_settings()) {
        let _ = tx.send((live.model().clone(), settings));
    }

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| SiteError::io("tokio runtime", e))?;
    let addr = SocketAddr::new(serve.bind, serve.port);
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| SiteError::io(addr.to_string(), e))?;
    let local = listener
        .local_addr()
        .map_err(|e| SiteError::io(addr.to_string(), e))?;

    let root_owned = root.to_path_buf();
    let rebuild_shared = shared.clone();
    let mut current = targets(&live, root);
    let mut watcher =
        watch::Watch::start(&current).map_err(|e| SiteError::io(root, std::io::Error::other(e)))?;
    std::thread::spawn(move || {
        let mut n = 0u64;
        while let Some(batch) = watcher.next_batch() {
            let r = live.rebuild(&batch);
            if !r.changed {
                continue;
            }
            n += 1;
            report(&r, "rebuilt");
            rebuild_shared.publish(r.errors.clone(), format!("{session}-{n}"));
            if let (Some(tx), Some(settings)) = (&indexer, live.render_settings()) {
                let _ = tx.send((live.model().clone(), settings));
            }
            let now = targets(&live, &root_owned);
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
    rt.block_on(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
    .map_err(|e| SiteError::io(local.to_string(), e))?;
    drop(tmp);
    Ok(())
}

type SearchJob = (crate::model::SiteModel, crate::context::RenderSettings);

/// Rebuilds the search index in the background, always from the latest model, so that the
/// page rebuild itself stays fast.
fn search_worker(out: std::path::PathBuf) -> std::sync::mpsc::Sender<SearchJob> {
    let (tx, rx) = std::sync::mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            if let Err(e) = crate::search::write_index(&job.0, &job.1, &out) {
                eprintln!("warning: search index: {e}");
            }
        }
    });
    tx
}
