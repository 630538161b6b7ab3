//! Every connection to PostgreSQL sends its messages at once (`TCP_NODELAY`,
//! docs/decisions.md « Issue 20 — TCP_NODELAY »). sqlx 0.9.0 stopped setting
//! it: a statement whose messages spanned several writes then waited for the
//! server's delayed acknowledgement, about 40 ms (`startMatching` took 56 ms
//! instead of 15). This pins it whatever the driver's next version does.

use std::net::SocketAddr;
use std::os::fd::{AsRawFd, OwnedFd};

use relais_tests::services::postgres::{TestDatabase, skipped};
use rustix::net::{getpeername, sockopt};
use rustix::process::{PidfdFlags, PidfdGetfdFlags, getpid, pidfd_getfd, pidfd_open};

/// This process's TCP sockets whose peer listens on `port`: duplicated
/// through a pidfd of the process itself (no unsafe code), so that each can
/// be asked its options. A descriptor closed meanwhile by another test is
/// passed over.
fn sockets_to(port: u16) -> Vec<OwnedFd> {
    let me = pidfd_open(getpid(), PidfdFlags::empty()).expect("pidfd_open");
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc/self/fd").expect("/proc/self/fd") {
        let Some(fd) = entry
            .ok()
            .and_then(|e| e.file_name().to_str()?.parse::<i32>().ok())
        else {
            continue;
        };
        if fd == me.as_raw_fd() {
            continue;
        }
        let Ok(socket) = pidfd_getfd(&me, fd, PidfdGetfdFlags::empty()) else {
            continue;
        };
        let peer = getpeername(&socket)
            .ok()
            .flatten()
            .and_then(|addr| SocketAddr::try_from(addr).ok());
        if peer.is_some_and(|peer| peer.port() == port) {
            found.push(socket);
        }
    }
    found
}

#[tokio::test]
async fn every_connection_to_postgresql_sends_without_delay() {
    if skipped() {
        relais_tests::services::skip("PostgreSQL absent");
        return;
    }
    let database = TestDatabase::create().await.expect("test database");
    let address = database
        .url
        .rsplit_once('@')
        .and_then(|(_, host)| host.split(['/', '?']).next())
        .unwrap_or("127.0.0.1:5432")
        .to_owned();
    let port = address
        .rsplit_once(':')
        .and_then(|(_, port)| port.parse::<u16>().ok())
        .unwrap_or(5432);

    // The probe sees a connection that does buffer (the control).
    let control = std::net::TcpStream::connect(&address).expect("PostgreSQL's port answers");
    let buffering = sockets_to(port)
        .iter()
        .filter(|socket| !sockopt::tcp_nodelay(socket).expect("getsockopt TCP_NODELAY"))
        .count();
    assert!(buffering >= 1, "the probe must see the control connection");
    drop(control);

    let store = relais_store::Store::connect(&database.url, 3)
        .await
        .expect("the store connects");
    // Three statements at once hold three connections of the pool.
    let (a, b, c) = tokio::join!(store.ping(), store.ping(), store.ping());
    a.and(b).and(c).expect("the database answers");

    let sockets = sockets_to(port);
    assert!(
        !sockets.is_empty(),
        "no TCP connection to PostgreSQL's port {port} found in this process"
    );
    for socket in &sockets {
        assert!(
            sockopt::tcp_nodelay(socket).expect("getsockopt TCP_NODELAY"),
            "a connection to PostgreSQL buffers small messages (TCP_NODELAY off): {} of them",
            sockets.len()
        );
    }
}
