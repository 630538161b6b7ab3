//! The addresses a feed may never be fetched from: loopback, private,
//! link-local, shared, documentation and multicast ranges, and the cloud
//! metadata addresses (refused even when the configuration allows the rest).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub(super) const METADATA_V4: Ipv4Addr = Ipv4Addr::new(169, 254, 169, 254);
const METADATA_V6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254);

/// The cloud metadata addresses, also when embedded in IPv6.
pub(super) fn is_cloud_metadata(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4 == METADATA_V4,
        IpAddr::V6(v6) => v6 == METADATA_V6 || embedded_v4(v6) == Some(METADATA_V4),
    }
}

/// IPv4 networks refused unless allowed.
const REFUSED_V4: &[(Ipv4Addr, u32)] = &[
    (Ipv4Addr::new(0, 0, 0, 0), 8),  // « this network », 0.0.0.0 included
    (Ipv4Addr::new(10, 0, 0, 0), 8), // private (RFC 1918)
    (Ipv4Addr::new(100, 64, 0, 0), 10), // CGNAT (RFC 6598)
    (Ipv4Addr::new(127, 0, 0, 0), 8), // loopback
    (Ipv4Addr::new(169, 254, 0, 0), 16), // link-local, cloud metadata
    (Ipv4Addr::new(172, 16, 0, 0), 12), // private (RFC 1918)
    (Ipv4Addr::new(192, 0, 0, 0), 24), // IETF protocol assignments
    (Ipv4Addr::new(192, 0, 2, 0), 24), // documentation (TEST-NET-1)
    (Ipv4Addr::new(192, 168, 0, 0), 16), // private (RFC 1918)
    (Ipv4Addr::new(198, 18, 0, 0), 15), // benchmarking
    (Ipv4Addr::new(198, 51, 100, 0), 24), // documentation (TEST-NET-2)
    (Ipv4Addr::new(203, 0, 113, 0), 24), // documentation (TEST-NET-3)
    (Ipv4Addr::new(224, 0, 0, 0), 4), // multicast
    (Ipv4Addr::new(240, 0, 0, 0), 4), // reserved, broadcast included
];

/// Whether an address is refused unless allowed: loopback, private
/// (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10), unspecified,
/// broadcast, CGNAT 100.64/10, documentation and benchmarking ranges,
/// multicast, reserved ranges, and IPv6 outside global unicast (2000::/3).
/// IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96,
/// 6to4 2002::/16) are judged by that address. The cloud metadata addresses
/// (169.254.169.254, fd00:ec2::254) fall in these ranges.
pub fn is_refused_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_refused_v4(v4),
        IpAddr::V6(v6) => is_refused_v6(v6),
    }
}

fn is_refused_v4(ip: Ipv4Addr) -> bool {
    let ip = u32::from(ip);
    REFUSED_V4.iter().any(|&(net, prefix)| {
        let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
        ip & mask == u32::from(net) & mask
    })
}

fn is_refused_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return is_refused_v4(v4);
    }
    let s = ip.segments();
    // Only global unicast can be a feed server: this refuses ::, ::1, the
    // IPv4-compatible ::/96, 100::/64 discard, fc00::/7 unique local,
    // fe80::/10 link-local, fec0::/10 site-local and ff00::/8 multicast.
    if s[0] & 0xe000 != 0x2000 {
        return true;
    }
    match s[0] {
        // 2001::/23 IETF protocol assignments (Teredo included), 2001:db8::/32 documentation
        0x2001 => s[1] < 0x0200 || s[1] == 0x0db8,
        // 3fff::/20 documentation (RFC 9637)
        0x3fff => s[1] < 0x1000,
        _ => false,
    }
}

/// The IPv4 address carried by an IPv4-mapped (::ffff:0:0/96), NAT64
/// (64:ff9b::/96) or 6to4 (2002::/16) address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let from = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(from(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return Some(from(s[1], s[2]));
    }
    None
}
