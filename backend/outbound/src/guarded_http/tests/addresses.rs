//! The refused address ranges.

use super::*;

#[test]
fn refused_addresses() {
    let refused = [
        "127.0.0.1",
        "127.255.255.254",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.0.1",
        "100.64.0.1",
        "100.127.255.255",
        "0.0.0.0",
        "0.1.2.3",
        "255.255.255.255",
        "224.0.0.1",
        "239.255.255.250",
        "192.0.2.1",
        "198.51.100.7",
        "203.0.113.9",
        "198.18.0.1",
        "240.0.0.1",
        "::",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "fc00::1",
        "fd12:3456::1",
        "fd00:ec2::254",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "2001:db8::1",
        "3fff::1",
        "2001::1",
        "100::1",
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::1",
        "2002:c0a8:101::1",
    ];
    let accepted = [
        "193.51.24.1",
        "8.8.8.8",
        "172.32.0.1",
        "172.15.255.255",
        "100.128.0.1",
        "100.63.255.255",
        "169.253.1.1",
        "192.0.3.1",
        "198.20.0.1",
        "223.255.255.255",
        "2001:4860:4860::8888",
        "2a01:e0a::1",
        "::ffff:193.51.24.1",
        "64:ff9b::c133:1801",
        "2002:c133:1801::1",
    ];
    for ip in refused {
        assert!(
            is_refused_address(ip.parse().unwrap()),
            "{ip} should be refused"
        );
    }
    for ip in accepted {
        assert!(
            !is_refused_address(ip.parse().unwrap()),
            "{ip} should be accepted"
        );
    }
}

#[test]
fn allowance_covers_mapped_addresses() {
    let fetcher = fetcher(loopback_allowed());
    assert!(fetcher.is_allowed("127.0.0.1".parse().unwrap()));
    assert!(fetcher.is_allowed("::ffff:127.0.0.1".parse().unwrap()));
    assert!(!fetcher.is_allowed("::1".parse().unwrap()));
    assert!(!fetcher.is_allowed("10.0.0.1".parse().unwrap()));
}
