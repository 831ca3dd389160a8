//! A loopback TCP proxy that injects one fault per connection from a queue: delays, 503s, dropped
//! connections, truncated bodies, and answers lost after the portal acted. Bounded: it accepts at
//! most `MAX_CONNECTIONS` connections and stops by itself after `LIFETIME`.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const MAX_CONNECTIONS: usize = 500;
const LIFETIME: Duration = Duration::from_secs(120);
const IDLE: Duration = Duration::from_millis(300);

/// What happens to one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Wait, then pass through.
    Delay(Duration),
    /// Answer `503` without contacting the portal.
    Unavailable,
    /// Read the request and close without answering (the portal never sees it).
    Drop,
    /// Forward, then send only part of the answer and close.
    Truncate,
    /// Forward, let the portal act, then close without answering.
    LoseAnswer,
}

pub struct FaultProxy {
    pub url: String,
    faults: Arc<Mutex<VecDeque<Fault>>>,
    /// Connections accepted.
    pub connections: Arc<AtomicUsize>,
    /// Connections that got a fault.
    pub injected: Arc<AtomicUsize>,
}

impl FaultProxy {
    pub async fn start(upstream: SocketAddr) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let faults = Arc::new(Mutex::new(VecDeque::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let injected = Arc::new(AtomicUsize::new(0));
        let (f, c, i) = (faults.clone(), connections.clone(), injected.clone());
        tokio::spawn(async move {
            let accept = async {
                for _ in 0..MAX_CONNECTIONS {
                    let Ok((socket, _)) = listener.accept().await else {
                        return;
                    };
                    c.fetch_add(1, Ordering::SeqCst);
                    let fault = f.lock().unwrap().pop_front();
                    if fault.is_some() {
                        i.fetch_add(1, Ordering::SeqCst);
                    }
                    tokio::spawn(serve(socket, upstream, fault));
                }
            };
            let _ = tokio::time::timeout(LIFETIME, accept).await;
        });
        FaultProxy {
            url,
            faults,
            connections,
            injected,
        }
    }

    /// Queues faults for the next connections.
    pub fn inject(&self, faults: impl IntoIterator<Item = Fault>) {
        self.faults.lock().unwrap().extend(faults);
    }

    /// Faults not used yet.
    pub fn pending(&self) -> usize {
        self.faults.lock().unwrap().len()
    }

    pub fn injected(&self) -> usize {
        self.injected.load(Ordering::SeqCst)
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Reads one HTTP message (headers and a `Content-Length` body); without a length, reads until
/// the peer is idle.
async fn read_message(stream: &mut TcpStream) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4);
        if let Some(end) = head_end {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if let Some(length) = length
                && buf.len() >= end + length
            {
                return buf;
            }
            if length.is_none() && head.starts_with("get ") {
                return buf;
            }
        }
        match tokio::time::timeout(IDLE, stream.read(&mut chunk)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return buf,
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

async fn forward(request: &[u8], upstream: SocketAddr) -> Vec<u8> {
    let mut up = TcpStream::connect(upstream).await.unwrap();
    up.write_all(request).await.unwrap();
    read_message(&mut up).await
}

async fn serve(mut client: TcpStream, upstream: SocketAddr, fault: Option<Fault>) {
    match fault {
        None => pass(client, upstream).await,
        Some(Fault::Delay(d)) => {
            tokio::time::sleep(d).await;
            pass(client, upstream).await;
        }
        Some(Fault::Unavailable) => {
            read_message(&mut client).await;
            let _ = client
                .write_all(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                .await;
        }
        Some(Fault::Drop) => {
            let mut some = [0u8; 64];
            let _ = client.read(&mut some).await;
        }
        Some(Fault::Truncate) => {
            let request = read_message(&mut client).await;
            let answer = forward(&request, upstream).await;
            let head_end = answer
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .map_or(answer.len(), |p| p + 4);
            let keep = head_end + (answer.len() - head_end) / 2;
            let _ = client.write_all(&answer[..keep]).await;
        }
        Some(Fault::LoseAnswer) => {
            let request = read_message(&mut client).await;
            forward(&request, upstream).await;
        }
    }
}

async fn pass(mut client: TcpStream, upstream: SocketAddr) {
    if let Ok(mut up) = TcpStream::connect(upstream).await {
        let _ = tokio::io::copy_bidirectional(&mut client, &mut up).await;
    }
}
