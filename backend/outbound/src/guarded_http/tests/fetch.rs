//! The fetch against loopback servers.

use super::*;

#[tokio::test]
async fn fetch_then_not_modified_on_conditional_request() {
    let server = Server::start(|req| {
        if req.header("if-none-match") == Some("\"v1\"") {
            respond("304 Not Modified", &[("ETag", "\"v1\"")], b"")
        } else {
            respond(
                "200 OK",
                &[("ETag", "\"v1\""), ("Last-Modified", LAST_MODIFIED_VALUE)],
                b"<feed/>",
            )
        }
    })
    .await;
    let fetcher = fetcher(FetchPolicy::default());

    let first = fetcher
        .fetch_with(&server.url("/feed"), TESTING, &NONE)
        .await
        .unwrap();
    assert_eq!(
        first,
        FetchOutcome::Fetched {
            body: b"<feed/>".to_vec(),
            etag: Some("\"v1\"".to_owned()),
            last_modified: Some(LAST_MODIFIED_VALUE.to_owned()),
        }
    );

    let conditional = Conditional {
        etag: Some("\"v1\"".to_owned()),
        last_modified: Some(LAST_MODIFIED_VALUE.to_owned()),
    };
    let second = fetcher
        .fetch_with(&server.url("/feed"), TESTING, &conditional)
        .await
        .unwrap();
    assert_eq!(second, FetchOutcome::NotModified);

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let first_head = requests[0].to_ascii_lowercase();
    assert!(!first_head.contains("if-none-match"));
    assert!(!first_head.contains("if-modified-since"));
    let second_head = requests[1].to_ascii_lowercase();
    assert!(second_head.contains("if-none-match: \"v1\""));
    assert!(second_head.contains(&format!(
        "if-modified-since: {}",
        LAST_MODIFIED_VALUE.to_ascii_lowercase()
    )));
}

#[tokio::test]
async fn http_refused_without_testing_mark() {
    let server = Server::start(|_| respond("200 OK", &[], b"feed")).await;
    let fetcher = fetcher(loopback_allowed());

    let err = fetcher
        .fetch_with(&server.url("/"), HTTPS_ONLY, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::HttpsRequired), "{err:?}");
    assert_eq!(err.to_string(), "L'adresse doit être en https.");
    // Refused before any resolution or connection.
    let err = fetcher
        .fetch_with("http://example.invalid/feed", HTTPS_ONLY, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::HttpsRequired), "{err:?}");
    assert_eq!(server.connections(), 0);

    // The testing mark lets it through.
    let ok = fetcher
        .fetch_with(&server.url("/"), TESTING, &NONE)
        .await
        .unwrap();
    assert!(matches!(ok, FetchOutcome::Fetched { .. }));
}

#[tokio::test]
async fn pinned_clients_check_addresses_like_fetches() {
    let server = Server::start(|_| respond("200 OK", &[], b"page")).await;
    let url = Url::parse(&server.url("/cas/login")).unwrap();

    let strict = fetcher(FetchPolicy::default());
    let err = strict.pinned_client(&url, true).await.unwrap_err();
    assert!(matches!(err, FetchError::RefusedAddress(_)), "{err:?}");
    let err = strict.pinned_client(&url, false).await.unwrap_err();
    assert!(matches!(err, FetchError::HttpsRequired), "{err:?}");
    assert_eq!(server.connections(), 0);

    let allowed = fetcher(loopback_allowed());
    let client = allowed.pinned_client(&url, true).await.unwrap();
    let response = client.get(url.clone()).send().await.unwrap();
    assert_eq!(allowed.read_limited(response).await.unwrap(), b"page");
    let metadata = Url::parse("http://169.254.169.254/latest/").unwrap();
    let err = allowed.pinned_client(&metadata, true).await.unwrap_err();
    assert!(matches!(err, FetchError::RefusedAddress(_)), "{err:?}");
}

#[tokio::test]
async fn other_schemes_credentials_and_garbage_refused() {
    let fetcher = fetcher(FetchPolicy::default());
    for (url, testing) in [
        ("ftp://example.org/feed.xml", true),
        ("file:///etc/passwd", true),
        ("gopher://example.org/", false),
    ] {
        let err = fetcher
            .fetch_with(url, if testing { TESTING } else { HTTPS_ONLY }, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::UnsupportedScheme(_)),
            "{url}: {err:?}"
        );
    }
    for url in [
        "https://user:secret@example.invalid/feed",
        "https://user@example.invalid/feed",
    ] {
        let err = fetcher
            .fetch_with(url, HTTPS_ONLY, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::CredentialsInUrl),
            "{url}: {err:?}"
        );
    }
    for url in ["not a url", "", "https://"] {
        let err = fetcher
            .fetch_with(url, HTTPS_ONLY, &NONE)
            .await
            .unwrap_err();
        assert!(matches!(err, FetchError::InvalidUrl(_)), "{url}: {err:?}");
    }
}

#[tokio::test]
async fn loopback_refused_without_mark_or_allowance() {
    let server = Server::start(|_| respond("200 OK", &[], b"feed")).await;
    let fetcher = fetcher(FetchPolicy::default());
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);

    let https = format!("https://{}/feed", server.addr);
    let err = fetcher
        .fetch_with(&https, HTTPS_ONLY, &NONE)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::RefusedAddress(ip) if ip == loopback),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Adresse refusée : 127.0.0.1 est une adresse locale ou privée."
    );

    let err = fetcher
        .fetch_with(&server.url("/feed"), HTTP_CHECKED, &NONE)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::RefusedAddress(ip) if ip == loopback),
        "{err:?}"
    );

    // Through a name, and through other spellings of the address.
    let port = server.addr.port();
    for url in [
        format!("http://localhost:{port}/feed"),
        format!("http://[::ffff:127.0.0.1]:{port}/feed"),
        format!("http://2130706433:{port}/feed"),
        format!("http://0x7f.1:{port}/feed"),
    ] {
        let err = fetcher
            .fetch_with(&url, HTTP_CHECKED, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::RefusedAddress(ip) if ip.is_loopback() || ip.to_canonical().is_loopback()),
            "{url}: {err:?}"
        );
    }
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn loopback_accepted_with_allowed_networks() {
    let server = Server::start(|_| respond("200 OK", &[], b"feed")).await;
    let fetcher = fetcher(loopback_allowed());

    let outcome = fetcher
        .fetch_with(&server.url("/feed"), HTTP_CHECKED, &NONE)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        FetchOutcome::Fetched {
            body: b"feed".to_vec(),
            etag: None,
            last_modified: None,
        }
    );
    let mapped = format!("http://[::ffff:127.0.0.1]:{}/feed", server.addr.port());
    let outcome = fetcher.fetch_with(&mapped, HTTP_CHECKED, &NONE).await;
    assert!(
        matches!(outcome, Ok(FetchOutcome::Fetched { .. })),
        "{outcome:?}"
    );

    // Through the public API, https: the address passes and the
    // connection is made (the plain-text server then fails the TLS
    // handshake).
    let before = server.connections();
    let https = format!("https://{}/feed", server.addr);
    let err = fetcher
        .fetch_with(&https, HTTPS_ONLY, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Network { .. }), "{err:?}");
    assert_eq!(server.connections(), before + 1);
}

#[tokio::test]
async fn redirects_followed_and_rechecked() {
    let server = Server::start(|req| match req.path.as_str() {
        "/relative" => redirect("/feed"),
        "/metadata" => redirect("http://169.254.169.254/latest/meta-data/"),
        "/private" => redirect("http://10.20.30.40/feed"),
        "/ftp" => redirect("ftp://example.org/feed"),
        "/nowhere" => respond("302 Found", &[], b""),
        "/feed" => respond("200 OK", &[], b"feed"),
        _ => respond("404 Not Found", &[], b""),
    })
    .await;
    let fetcher = fetcher(loopback_allowed());

    let outcome = fetcher
        .fetch_with(&server.url("/relative"), HTTP_CHECKED, &NONE)
        .await;
    assert!(
        matches!(&outcome, Ok(FetchOutcome::Fetched { body, .. }) if body == b"feed"),
        "{outcome:?}"
    );

    let err = fetcher
        .fetch_with(&server.url("/metadata"), HTTP_CHECKED, &NONE)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::RefusedAddress(ip) if ip == IpAddr::V4(METADATA_V4)),
        "{err:?}"
    );
    let err = fetcher
        .fetch_with(&server.url("/private"), HTTP_CHECKED, &NONE)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::RefusedAddress(ip) if ip == IpAddr::V4(Ipv4Addr::new(10, 20, 30, 40))),
        "{err:?}"
    );
    let err = fetcher
        .fetch_with(&server.url("/ftp"), HTTP_CHECKED, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::UnsupportedScheme(_)), "{err:?}");
    let err = fetcher
        .fetch_with(&server.url("/nowhere"), HTTP_CHECKED, &NONE)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::BadRedirect { status: 302 }),
        "{err:?}"
    );

    // Even the testing mark does not reach the metadata address.
    let err = fetcher
        .fetch_with(&server.url("/metadata"), TESTING, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::RefusedAddress(_)), "{err:?}");
}

#[tokio::test]
async fn too_many_redirects() {
    // `/chain/N` redirects N more times before answering.
    let server = Server::start(|req| {
        let left: usize = req.path.trim_start_matches("/chain/").parse().unwrap_or(0);
        if left == 0 {
            respond("200 OK", &[], b"end")
        } else {
            redirect(&format!("/chain/{}", left - 1))
        }
    })
    .await;
    let fetcher = fetcher(FetchPolicy::default());

    let outcome = fetcher
        .fetch_with(&server.url("/chain/3"), TESTING, &NONE)
        .await;
    assert!(
        matches!(outcome, Ok(FetchOutcome::Fetched { .. })),
        "{outcome:?}"
    );
    assert_eq!(server.requests().len(), 4);

    let err = fetcher
        .fetch_with(&server.url("/chain/4"), TESTING, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects(3)), "{err:?}");
    assert_eq!(server.requests().len(), 8);

    let strict = GuardedHttpClient::new(FetchPolicy {
        max_redirects: 0,
        ..FetchPolicy::default()
    });
    let err = strict
        .fetch_with(&server.url("/chain/1"), TESTING, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects(0)), "{err:?}");
}

#[tokio::test]
async fn body_too_large() {
    let server = Server::start(|req| match req.path.as_str() {
        "/announced" => respond("200 OK", &[], &[b'x'; 2048]),
        "/unannounced" => respond_until_close(&[b'x'; 2048]),
        "/endless" => Reply::Endless("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_owned()),
        "/exact" => respond_until_close(&[b'x'; 1024]),
        _ => respond("404 Not Found", &[], b""),
    })
    .await;
    let fetcher = fetcher(FetchPolicy {
        max_bytes: 1024,
        ..FetchPolicy::default()
    });

    for path in ["/announced", "/unannounced", "/endless"] {
        let err = fetcher
            .fetch_with(&server.url(path), TESTING, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::TooLarge { max_bytes: 1024 }),
            "{path}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            "Le flux dépasse la taille maximale de 1 Ko."
        );
    }
    let outcome = fetcher
        .fetch_with(&server.url("/exact"), TESTING, &NONE)
        .await;
    assert!(
        matches!(&outcome, Ok(FetchOutcome::Fetched { body, .. }) if body.len() == 1024),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn timeout_when_server_never_answers() {
    let server = Server::start(|_| Reply::Hang).await;
    let fetcher = fetcher(FetchPolicy {
        timeout: Duration::from_millis(300),
        ..FetchPolicy::default()
    });

    let started = Instant::now();
    let err = fetcher
        .fetch_with(&server.url("/feed"), TESTING, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        err.to_string(),
        "Le serveur n'a pas répondu dans les 300 ms."
    );
}

#[tokio::test]
async fn error_status_named() {
    let server = Server::start(|req| match req.path.as_str() {
        "/gone" => respond("404 Not Found", &[], b"no"),
        _ => respond("503 Service Unavailable", &[], b""),
    })
    .await;
    let fetcher = fetcher(FetchPolicy::default());

    let err = fetcher
        .fetch_with(&server.url("/gone"), TESTING, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::HttpStatus(404)), "{err:?}");
    assert_eq!(err.to_string(), "Réponse HTTP 404 du serveur.");
    let err = fetcher
        .fetch_with(&server.url("/busy"), TESTING, &NONE)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::HttpStatus(503)), "{err:?}");
}

#[tokio::test]
async fn metadata_refused_even_when_allowed() {
    let fetcher = fetcher(FetchPolicy {
        allowed_networks: vec!["0.0.0.0/0".parse().unwrap(), "::/0".parse().unwrap()],
        ..FetchPolicy::default()
    });
    for (url, testing) in [
        ("http://169.254.169.254/latest/meta-data/", true),
        ("https://169.254.169.254/latest/meta-data/", false),
        ("http://[fd00:ec2::254]/latest/meta-data/", true),
        ("http://[::ffff:169.254.169.254]/", true),
    ] {
        let err = fetcher
            .fetch_with(url, if testing { TESTING } else { HTTPS_ONLY }, &NONE)
            .await
            .unwrap_err();
        assert!(
            matches!(err, FetchError::RefusedAddress(_)),
            "{url}: {err:?}"
        );
    }
    // The allowance covers the other private addresses.
    assert!(
        fetcher
            .check_address("10.0.0.1".parse().unwrap(), HTTP_CHECKED)
            .is_ok()
    );
}

#[tokio::test]
async fn the_user_agent_sent_is_ascii() {
    let server = Server::start(|_| respond("200 OK", &[], b"<feed/>")).await;
    fetcher(FetchPolicy::default())
        .fetch_with(&server.url("/feed"), TESTING, &NONE)
        .await
        .unwrap();
    let requests = server.requests();
    let head = &requests[0];
    let agent = head
        .lines()
        .find_map(|line| line.strip_prefix("user-agent: "))
        .unwrap_or_else(|| panic!("no user agent in {head}"));
    assert!(agent.starts_with("Relais/"), "{agent}");
    assert!(agent.is_ascii(), "{agent:?}");
}
