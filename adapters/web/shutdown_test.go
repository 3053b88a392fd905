package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"
)

// TestServeCutsOffAfterShutdownGrace: a request still in flight when Options.ShutdownGrace has
// passed after the context ended is cut off, and Serve returns then with the deadline as its
// error, rather than waiting for the request's own time limit (10 s to read it).
func TestServeCutsOffAfterShutdownGrace(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	const grace = 200 * time.Millisecond
	srv, err := New(Options{Bot: f.bot, ShutdownGrace: grace})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Headers and a part of the body: the request stays in flight until its body arrives.
	fmt.Fprintf(conn, "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\"")
	waitHealthy(t, "http://"+ln.Addr().String())
	stopped := time.Now()
	cancel()
	select {
	case err := <-served:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Serve returned %v, want the shutdown deadline", err)
		}
		if took := time.Since(stopped); took < grace {
			t.Errorf("Serve returned %v after the stop, before the grace period of %v", took, grace)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Serve still waits for the request 3 s after the stop, past its grace period")
	}
	_ = conn.SetReadDeadline(time.Now().Add(time.Second))
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Error("the request in flight was not cut off")
	}
}
