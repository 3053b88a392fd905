package web

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"factline/adapters/sqlite"
	"factline/bot"
	"factline/facts/factstest"
)

// feedback flushes what the bot counted, as serve does, and returns what the store holds of the
// feedback, as "myth helpful|unhelpful" -> count.
func (f *fixture) feedback(t testing.TB) map[string]int {
	t.Helper()
	if err := f.bot.Flush(context.Background()); err != nil {
		t.Fatalf("flush: %v", err)
	}
	tally, err := f.store.Tally(context.Background(), time.Time{})
	if err != nil {
		t.Fatalf("tally the store: %v", err)
	}
	out := map[string]int{}
	for _, c := range tally.Feedback {
		verdict := "unhelpful"
		if c.Helpful {
			verdict = "helpful"
		}
		out[c.MythID+" "+verdict] += c.Count
	}
	return out
}

// fixture is a Server over the real bot and the built-in fact base.
type fixture struct {
	srv     *Server
	bot     *bot.Bot
	metrics *Metrics
	// store is a real SQLite store in the test's folder, when fixtureOptions.store asks for one;
	// the bot keeps unanswered questions in it, as serve does by default.
	store *sqlite.Store
	// dbPath is the store's file.
	dbPath string
}

type fixtureOptions struct {
	limits  bot.Limits
	proxies []string
	store   bool
	// offers lets the bot keep questions for the choice that follows, as serve does.
	offers bool
	// links lists hoax links per myth id, added to the built-in base (which lists none).
	links map[string][]string
	// lookup is the bot's live fact-check lookup (Options.Lookup), none when nil.
	lookup bot.ReviewSearcher
	// pictures reads pictures (nil: pictures off); maxPicture is Options.MaxPicture.
	pictures   bot.PictureReader
	maxPicture int64
	// policy is the bot's answer policy; the zero value is the default.
	policy bot.Policy
}

func newFixture(t testing.TB, fo fixtureOptions) *fixture {
	t.Helper()
	ix := factstest.Index(t)
	if fo.links != nil {
		ix = factstest.IndexWithLinks(t, fo.links)
	}
	f := &fixture{metrics: NewMetrics()}
	opts := bot.Options{Matcher: ix, Policy: fo.policy, Limits: fo.limits, Observer: f.metrics, Lookup: fo.lookup, Pictures: fo.pictures}
	if fo.store {
		f.dbPath = filepath.Join(t.TempDir(), "factline.db")
		f.store = sqlite.New(sqlite.Options{Path: f.dbPath})
		if err := f.store.Open(context.Background()); err != nil {
			t.Fatalf("open the store: %v", err)
		}
		t.Cleanup(func() { f.store.Close() })
		opts.Store, opts.KeepUnanswered = f.store, true // as serve has them by default
		opts.Offers = fo.offers
	}
	f.bot = bot.New(opts)
	var err error
	f.srv, err = New(Options{Bot: f.bot, TrustedProxies: fo.proxies, RetryAfter: 6 * time.Second, Metrics: f.metrics, PublicURL: "https://facts.example.org", MaxPicture: fo.maxPicture})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return f
}

// do sends one request to the handler, from remote address peer, and returns the recorded response.
func (f *fixture) do(method, target, contentType, body, peer string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if peer != "" {
		r.RemoteAddr = peer
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	f.srv.Handler().ServeHTTP(w, r)
	return w
}

func TestNewRefusesBadOptions(t *testing.T) {
	ix := factstest.Index(t)
	b := bot.New(bot.Options{Matcher: ix})
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no bot", Options{}, "Bot is required"},
		{"bad proxy", Options{Bot: b, TrustedProxies: []string{"10.0.0.1", "not-an-ip"}}, `"not-an-ip"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New: err = %v, want one mentioning %s", err, tt.want)
			}
		})
	}
}

// TestServeFinishesRequestsInFlight starts a request, ends the context while its body is still
// being sent, and checks the request is answered in full before Serve returns.
func TestServeFinishesRequestsInFlight(t *testing.T) {
	f := newFixture(t, fixtureOptions{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- f.srv.Serve(ctx, ln) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	body := `{"text": "immigrants are the reason rent is so high"}`
	fmt.Fprintf(conn, "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])

	// The connection is active once the server has read the headers; wait until a second client sees
	// the server up, so the first request is surely being read, then stop it.
	waitHealthy(t, "http://"+ln.Addr().String())
	cancel()
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) with a request in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read the in-flight response: %v", err)
	}
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), `"id":"housing"`) {
		t.Fatalf("in-flight request: %s %s", resp.Status, data)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the last request finished")
	}
	if c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Fatal("the listener still accepts connections after shutdown")
	}
}

func TestRunReportsListenErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	f := newFixture(t, fixtureOptions{})
	f.srv.addr = ln.Addr().String() // taken: Run must say so rather than block
	if err := f.srv.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "listen") {
		t.Fatalf("Run on a taken address: %v", err)
	}
}

func waitHealthy(t *testing.T, base string) {
	t.Helper()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := client.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s did not become healthy", base)
}

func newRequest(method, target, body string) *http.Request {
	return httptest.NewRequest(method, target, strings.NewReader(body))
}

func serve(f *fixture, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.srv.Handler().ServeHTTP(w, r)
	return w
}

func TestServerErrorsLogNoAddress(t *testing.T) {
	var buf strings.Builder
	r := redactor{slog.New(slog.NewTextHandler(&buf, nil))}
	for _, msg := range []string{
		"http: panic serving 192.0.2.1:4321: boom\n",
		"http: TLS handshake error from [2001:db8::1]:4321: EOF\n",
		"http: superfluous response.WriteHeader call from 2001:db8::7 x\n",
	} {
		_, _ = r.Write([]byte(msg))
	}
	out := buf.String()
	for _, addr := range []string{"192.0.2.1", "2001:db8::1", "2001:db8::7", "4321"} {
		if strings.Contains(out, addr) {
			t.Errorf("logged %s: %s", addr, out)
		}
	}
	if !strings.Contains(out, "http: panic serving [client]: boom") {
		t.Errorf("the message itself was lost: %s", out)
	}
}
