package web

import (
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	tests := []struct {
		name    string
		proxies []string
		peer    string
		xff     []string
		want    string
	}{
		{"no proxy configured", nil, "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"untrusted peer's header ignored", []string{"10.0.0.0/8"}, "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"trusted proxy", []string{"10.0.0.0/8"}, "10.1.2.3:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"chain of trusted proxies", []string{"10.0.0.0/8", "192.0.2.7"}, "10.1.2.3:4000", []string{"198.51.100.1, 192.0.2.7"}, "198.51.100.1"},
		{"forged hop at the left ignored", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"1.2.3.4, 198.51.100.1"}, "198.51.100.1"},
		{"several header lines", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"1.2.3.4", "198.51.100.9"}, "198.51.100.9"},
		{"trusted proxy without header", []string{"10.0.0.1"}, "10.0.0.1:4000", nil, "10.0.0.1"},
		{"garbage hop stops the walk", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"198.51.100.1, junk"}, "10.0.0.1"},
		{"IPv6 peer keyed on its /64", nil, "[2001:db8:1:2:3:4:5:6]:4000", nil, "2001:db8:1:2::/64"},
		{"another address of the same /64", nil, "[2001:db8:1:2::ffff]:4000", nil, "2001:db8:1:2::/64"},
		{"IPv6 peer with a zone", nil, "[fe80::1%eth0]:4000", nil, "fe80::/64"},
		{"IPv4-mapped IPv6 proxy", []string{"10.0.0.1"}, "[::ffff:10.0.0.1]:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"forwarded IPv6 client keyed on its /64", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"2001:db8:a:b:c::9"}, "2001:db8:a:b::/64"},
		{"forwarded ip:port", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"198.51.100.1:51234"}, "198.51.100.1"},
		{"forwarded [v6]:port", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"[2001:db8:a:b::9]:51234"}, "2001:db8:a:b::/64"},
		{"forwarded [v6]", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"[2001:db8:a:b::9]"}, "2001:db8:a:b::/64"},
		{"trusted proxy with a port in a chain", []string{"10.0.0.0/8"}, "10.0.0.1:4000", []string{"198.51.100.1:1, 10.2.2.2:443"}, "198.51.100.1"},
		{"a port alone is garbage", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"198.51.100.1, :80"}, "10.0.0.1"},
		{"a bad port is garbage", []string{"10.0.0.1"}, "10.0.0.1:4000", []string{"198.51.100.1:http"}, "10.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := parseProxies(tt.proxies)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := ps.clientIP(r); got != tt.want {
				t.Errorf("clientIP = %s, want %s", got, tt.want)
			}
		})
	}
}
