package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"factline/bot"
)

// serveWith serves f's server on a real connection (deadlines are the connection's: a
// ResponseRecorder has none) with its timeouts shortened to limits, until the test ends.
func serveWith(t *testing.T, f *fixture, limits timeouts) string {
	t.Helper()
	f.srv.limits = limits
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// slowPost sends a POST to addr with body written in chunks of size every pause, as a slow
// phone (or a slowloris client) would, and returns the response, or the error that ended the
// exchange, and when it ended after the headers were sent.
func slowPost(t *testing.T, addr, path, contentType string, body []byte, size int, pause time.Duration) (*http.Response, []byte, time.Duration, error) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: factline.test\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", path, contentType, len(body))
	start := time.Now()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for rest := body; len(rest) > 0; {
			n := min(size, len(rest))
			if _, err := conn.Write(rest[:n]); err != nil {
				return // the server gave up: the response says how
			}
			rest = rest[n:]
			select {
			case <-stop:
				return
			case <-time.After(pause):
			}
		}
	}()
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return nil, nil, time.Since(start), err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, time.Since(start), err
}

// TestSlowUploadIsAnswered: a picture uploaded over a slow connection, steadily, is answered
// although its body takes several times the server's read timeout, and the answer is written
// although the upload took longer than the write timeout too.
func TestSlowUploadIsAnswered(t *testing.T) {
	f := newFixture(t, fixtureOptions{pictures: fixedReader{text: pensionMeme}})
	addr := serveWith(t, f, timeouts{readHeader: time.Second, read: 500 * time.Millisecond, write: 800 * time.Millisecond,
		idle: time.Second, uploadIdle: 500 * time.Millisecond, uploadMax: 20 * time.Second})
	ct, body := multipartBody(t, "image", bytes.Repeat([]byte{7}, 12*uploadProgress), "lang", "en")
	resp, data, took, err := slowPost(t, addr, "/api/v1/check", ct, []byte(body), uploadProgress, 150*time.Millisecond)
	if err != nil {
		t.Fatalf("the upload was cut off after %v: %v", took, err)
	}
	var ans bot.Answer
	if resp.StatusCode != http.StatusOK || json.Unmarshal(data, &ans) != nil || ans.Match == nil || ans.Match.ID != "refugee-pension-hoax" {
		t.Fatalf("after %v: status %d, body %s; want the answer", took, resp.StatusCode, data)
	}
	if took < 1500*time.Millisecond {
		t.Errorf("the upload took %v: too fast to test the timeouts", took)
	}
}

// TestStalledBodiesAreCutOff: the longer time of uploads is no slowloris hole. A multipart body
// that trickles in is cut off once it falls behind (uploadIdle), one that keeps coming is cut
// off at uploadMax, and a body that is not an upload keeps the server's read timeout.
func TestStalledBodiesAreCutOff(t *testing.T) {
	limits := timeouts{readHeader: time.Second, read: 400 * time.Millisecond, write: 5 * time.Second,
		idle: time.Second, uploadIdle: 400 * time.Millisecond, uploadMax: 1500 * time.Millisecond}
	picture := bytes.Repeat([]byte{7}, 40*uploadProgress)
	tests := []struct {
		name        string
		path        string
		contentType string
		body        []byte
		size        int
		pause       time.Duration
		within      time.Duration // the server ends the exchange by then, with no answer
	}{
		{"an upload that trickles", "/api/v1/check", "", picture, 64, 50 * time.Millisecond, 1200 * time.Millisecond},
		{"an upload that takes too long", "/api/v1/check", "", picture, uploadProgress, 100 * time.Millisecond, 2500 * time.Millisecond},
		{"a JSON body that trickles", "/api/v1/check", "application/json", []byte(`{"text": "` + strings.Repeat("x", 8000) + `"}`), 64, 50 * time.Millisecond, 1200 * time.Millisecond},
		{"a form that trickles", "/", "application/x-www-form-urlencoded", []byte("text=" + strings.Repeat("x", 8000)), 64, 50 * time.Millisecond, 1200 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, fixtureOptions{pictures: fixedReader{text: pensionMeme}})
			addr := serveWith(t, f, limits)
			ct, body := tt.contentType, tt.body
			if ct == "" {
				var b string
				ct, b = multipartBody(t, "image", tt.body, "lang", "en")
				body = []byte(b)
			}
			resp, data, took, err := slowPost(t, addr, tt.path, ct, body, tt.size, tt.pause)
			if err == nil && resp.StatusCode == http.StatusOK {
				t.Fatalf("answered after %v: %s", took, data)
			}
			if took > tt.within {
				t.Errorf("the server waited %v for the body, want at most %v", took, tt.within)
			}
		})
	}
}
