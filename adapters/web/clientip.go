package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// proxies is the set of reverse proxies whose X-Forwarded-For header is believed.
type proxies []netip.Prefix

// parseProxies reads IPs ("10.0.0.1") and CIDRs ("10.0.0.0/8") as configured in http.trusted_proxies.
func parseProxies(list []string) (proxies, error) {
	var ps proxies
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			ps = append(ps, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: not an IP address or CIDR", s)
		}
		a = a.Unmap()
		ps = append(ps, netip.PrefixFrom(a, a.BitLen()))
	}
	return ps, nil
}

func (ps proxies) trusts(a netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientIP returns what rate limits are keyed on: the peer's address, or, when the peer is a
// trusted proxy, the last address in X-Forwarded-For that is not itself a trusted proxy. Reading
// from the right matters: a client can write anything at the left of the header, but each trusted
// proxy appends the address it saw. An IPv6 client is known by its /64, the smallest block a home
// or a server is given: one host owns the whole of it, and could otherwise take a fresh limit
// with each of its addresses.
func (ps proxies) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	if len(ps) == 0 || !ps.trusts(peer) {
		return limitKey(peer)
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			break // a malformed hop: trust nothing to its left
		}
		if !ps.trusts(a) {
			return limitKey(a)
		}
		peer = a
	}
	return limitKey(peer)
}

// parseHop reads one X-Forwarded-For entry: an address, or an address with the port the proxy
// saw ("192.0.2.1:4321", "[2001:db8::1]:4321", "[2001:db8::1]"), as some proxies write it.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		switch {
		case perr == nil:
			a, err = ap.Addr(), nil
		case len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']':
			a, err = netip.ParseAddr(s[1 : len(s)-1])
		}
	}
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// limitKey is an IPv4 address as it is, an IPv6 address as its /64.
func limitKey(a netip.Addr) string {
	if !a.Is6() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64) // cannot fail: 64 bits of an IPv6 address without a zone
	return p.String()
}
