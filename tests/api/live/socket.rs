//! A small WebSocket client speaking `graphql-transport-ws`, enough for the
//! tests: text frames, close frames, and the pongs the server's heartbeat
//! expects (a mock of nothing: it talks to the real server).

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Longest wait for one message before the test fails (a guard against a
/// hang, not a measure).
const PATIENCE: Duration = Duration::from_secs(30);

pub struct LiveSocket {
    stream: BufReader<TcpStream>,
}

/// What the server sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    Message(Value),
    Close(u16, String),
    Ended,
}

impl LiveSocket {
    /// Opens `/graphql/live` on `address` (`http://host:port`).
    pub async fn open(address: &str) -> Result<Self, String> {
        let host = address.trim_start_matches("http://");
        let stream = TcpStream::connect(host).await.map_err(|e| e.to_string())?;
        let mut stream = BufReader::new(stream);
        let request = format!(
            "GET /graphql/live HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
        );
        stream
            .get_mut()
            .write_all(request.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            let byte = stream.read_u8().await.map_err(|e| e.to_string())?;
            head.push(byte);
        }
        let head = String::from_utf8_lossy(&head).into_owned();
        if !head.starts_with("HTTP/1.1 101") {
            return Err(head);
        }
        Ok(Self { stream })
    }

    /// Opens the socket and sends `connection_init` with `token`.
    pub async fn signed_in(address: &str, token: &str) -> Self {
        let mut socket = Self::open(address).await.unwrap();
        socket
            .send(&json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } }))
            .await;
        match socket.receive().await {
            Received::Message(message) if message["type"] == "connection_ack" => socket,
            other => panic!("connection refused: {other:?}"),
        }
    }

    pub async fn send(&mut self, message: &Value) {
        self.write_frame(0x1, message.to_string().as_bytes()).await;
    }

    /// Starts subscription `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(&json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } }))
            .await;
    }

    /// The next message, close or end of stream; answers the server's
    /// pings on the way.
    pub async fn receive(&mut self) -> Received {
        tokio::time::timeout(PATIENCE, self.read_message())
            .await
            .unwrap_or_else(|_| panic!("nothing received in {PATIENCE:?}"))
    }

    /// The next `next` or `error` message of any subscription.
    pub async fn next_payload(&mut self) -> Value {
        loop {
            match self.receive().await {
                Received::Message(message)
                    if message["type"] == "next" || message["type"] == "error" =>
                {
                    return message;
                }
                Received::Message(_) => {}
                other => panic!("the socket closed: {other:?}"),
            }
        }
    }

    async fn read_message(&mut self) -> Received {
        loop {
            let Ok(first) = self.stream.read_u8().await else {
                return Received::Ended;
            };
            let Ok(second) = self.stream.read_u8().await else {
                return Received::Ended;
            };
            let opcode = first & 0x0f;
            let masked = second & 0x80 != 0;
            let length = match second & 0x7f {
                126 => u64::from(self.stream.read_u16().await.unwrap()),
                127 => self.stream.read_u64().await.unwrap(),
                short => u64::from(short),
            };
            let mut mask = [0u8; 4];
            if masked {
                self.stream.read_exact(&mut mask).await.unwrap();
            }
            let mut payload = vec![0u8; usize::try_from(length).unwrap()];
            self.stream.read_exact(&mut payload).await.unwrap();
            if masked {
                for (i, byte) in payload.iter_mut().enumerate() {
                    *byte ^= mask[i % 4];
                }
            }
            match opcode {
                0x1 => {
                    return Received::Message(serde_json::from_slice(&payload).unwrap());
                }
                0x8 => {
                    let code = payload
                        .get(..2)
                        .map(|b| u16::from_be_bytes([b[0], b[1]]))
                        .unwrap_or(1005);
                    let reason = String::from_utf8_lossy(payload.get(2..).unwrap_or_default());
                    return Received::Close(code, reason.into_owned());
                }
                0x9 => self.write_frame(0xA, &payload).await,
                _ => {}
            }
        }
    }

    async fn write_frame(&mut self, opcode: u8, payload: &[u8]) {
        let mut frame = vec![0x80 | opcode];
        let length = payload.len();
        if length < 126 {
            frame.push(0x80 | length as u8);
        } else if length < 65_536 {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(length as u16).to_be_bytes());
        } else {
            frame.push(0x80 | 127);
            frame.extend_from_slice(&(length as u64).to_be_bytes());
        }
        let mask = [0x1b, 0x2c, 0x3d, 0x4e];
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        // A write to a socket the server closed is seen by the next read.
        let _ = self.stream.get_mut().write_all(&frame).await;
    }
}
