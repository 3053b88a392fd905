// Package discordtest is a fake Discord for tests: the REST API over httptest, a websocket
// gateway, and a CDN serving the attachments of messages, speaking the wire format discordgo speaks to discord.com. It records every request and
// gateway handshake so tests can assert on the JSON Discord would receive.
package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opResume         = 6
	opReconnect      = 7
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// GatewayMethod is the Method of the Requests that record gateway handshakes; their Path is
// "IDENTIFY" or "RESUME" and their Body the payload's "d".
const GatewayMethod = "GATEWAY"

// Request is one request the fake received.
type Request struct {
	// Method is the HTTP method, or GatewayMethod for a gateway handshake.
	Method string
	Path   string
	// Query is the raw query string, without "?".
	Query  string
	Header http.Header
	Body   []byte
	// Status is the status the fake answered with.
	Status int
}

// Decode unmarshals the request's JSON body into v, failing the test if it cannot.
func (r Request) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v\n%s", r.Method, r.Path, err, r.Body)
	}
}

// Server is a fake Discord. Its URL is the base to give the adapter as DISCORD_API_BASE.
type Server struct {
	// URL is the REST base (DISCORD_API_BASE); the gateway URL it hands out is on the same host.
	URL string
	// Token is the bot token the fake accepts, without "Bot ".
	Token string
	// AppID is the application id, given by GET /applications/@me and in READY.
	AppID string
	// BotID is the bot user's id, given by GET /users/@me and in READY; mention it to be answered.
	BotID string
	// HeartbeatInterval is sent in HELLO; short, so heartbeats happen during tests.
	HeartbeatInterval time.Duration

	hs *httptest.Server

	mu        sync.Mutex
	log       []Request
	changed   chan struct{} // closed and replaced whenever log or the connection changes
	failures  []failure
	conn      *gwConn // the identified or resumed connection dispatches go to
	conns     []*gwConn
	sessionID string
	sessions  int
	seq       int64
	nextID    int64
	files     map[string][]byte // attachments by path
}

// failure is a planned error answer: a 429 asking to retry after a delay, or another status.
type failure struct {
	method, path string
	status       int
	after        time.Duration
}

// gwConn is one gateway websocket; its writes are serialized, as gorilla/websocket requires.
type gwConn struct {
	mu sync.Mutex
	ws *websocket.Conn
}

func (c *gwConn) send(op int, t string, seq int64, d any) error {
	msg := map[string]any{"op": op, "d": d}
	if op == opDispatch {
		msg["t"], msg["s"] = t, seq
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(msg)
}

// New starts a fake Discord that stops when the test ends.
func New(t testing.TB) *Server {
	s := &Server{Token: "test-token", AppID: "100000000000000001", BotID: "100000000000000002",
		HeartbeatInterval: 200 * time.Millisecond, changed: make(chan struct{}), nextID: 900000000000000000, files: map[string][]byte{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", s.gateway)
	mux.HandleFunc("GET /api/v9/gateway/bot", s.gatewayBot)
	mux.HandleFunc("GET /api/v9/users/@me", s.bot(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"id": s.BotID, "username": "factline", "discriminator": "0", "bot": true})
	}))
	app := s.bot(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"id": s.AppID, "name": "factline", "bot_public": true})
	})
	mux.HandleFunc("GET /api/v9/applications/@me", app)
	mux.HandleFunc("GET /api/v9/oauth2/applications/@me", app)
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", s.bot(s.commands))
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", s.bot(s.commands))
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /api/v9/webhooks/{app}/{token}", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("wait") != "true" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		s.message(w, r, "")
	})
	mux.HandleFunc("PATCH /api/v9/webhooks/{app}/{token}/messages/{message}", func(w http.ResponseWriter, r *http.Request) { s.message(w, r, "") })
	mux.HandleFunc("DELETE /api/v9/webhooks/{app}/{token}/messages/{message}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /api/v9/channels/{channel}/messages", s.bot(func(w http.ResponseWriter, r *http.Request) {
		s.message(w, r, r.PathValue("channel"))
	}))
	mux.HandleFunc("POST /api/v9/channels/{channel}/typing", s.bot(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	mux.HandleFunc("GET /attachments/{channel}/{id}/{name}", s.attachment)
	mux.HandleFunc("GET /gateway/", s.websocket)
	s.hs = httptest.NewServer(s.record(mux))
	s.URL = s.hs.URL
	t.Cleanup(s.Close)
	return s
}

// AttachmentChannel is the channel id in the URLs of the attachments AddAttachment makes.
const AttachmentChannel = "800000000000000001"

// AddAttachment stores data as a file someone attached to a message and returns the attachment
// object a message carries (id, filename, size, url, proxy_url, content_type). Its URL is on
// the fake's host, signed like Discord's (ex, is, hm): the fake serves it only with that exact
// query, and without the bot token, as Discord's CDN does. A test may change the returned
// object (its declared size or type) to stand for what Discord would declare.
func (s *Server) AddAttachment(filename, contentType string, data []byte) map[string]any {
	id := s.id()
	path := "/attachments/" + AttachmentChannel + "/" + id + "/" + filename
	s.mu.Lock()
	s.files[path] = data
	s.mu.Unlock()
	u := s.URL + path + "?" + attachmentQuery(id)
	return map[string]any{"id": id, "filename": filename, "size": len(data), "url": u, "proxy_url": u, "content_type": contentType}
}

// attachmentQuery is the signature of an attachment's URL.
func attachmentQuery(id string) string { return "ex=68a1b2c3&is=68a0612c3&hm=" + id + "f00d&" }

// attachment serves a file of AddAttachment at its signed URL.
func (s *Server) attachment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	data, ok := s.files[r.URL.Path]
	s.mu.Unlock()
	switch {
	case !ok:
		http.Error(w, "Not Found", http.StatusNotFound)
	case r.URL.RawQuery != attachmentQuery(r.PathValue("id")):
		http.Error(w, "This content is no longer available.", http.StatusNotFound)
	case r.Header.Get("Authorization") != "":
		// Discord's CDN needs no token; a client that sends one leaks it to a host that needs none.
		http.Error(w, "Bad Request", http.StatusBadRequest)
	default:
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		_, _ = w.Write(data)
	}
}

// Close ends every gateway connection and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	conns := s.conns
	s.conns, s.conn = nil, nil
	s.mu.Unlock()
	for _, c := range conns {
		c.mu.Lock()
		_ = c.ws.Close()
		c.mu.Unlock()
	}
	s.hs.Close()
}

// RateLimitNext makes the next request with this method and path answer 429 Too Many Requests,
// with the body and headers discordgo reads, asking to retry after the given time.
func (s *Server) RateLimitNext(method, path string, after time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method, path, http.StatusTooManyRequests, after})
}

// FailNext makes the next request with this method and path answer with status and a JSON error.
func (s *Server) FailNext(method, path string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: method, path: path, status: status})
}

// record logs every REST request (with the status answered) and applies the planned failures.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/gateway/") {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		f, failed := s.takeFailure(r.Method, r.URL.Path)
		switch {
		case failed && f.status != http.StatusTooManyRequests:
			writeJSON(rw, f.status, map[string]any{"message": http.StatusText(f.status), "code": 0})
		case failed:
			secs := f.after.Seconds()
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
			w.Header().Set("X-RateLimit-Limit", "5")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
			w.Header().Set("X-RateLimit-Bucket", "fake-bucket")
			w.Header().Set("X-RateLimit-Scope", "user")
			writeJSON(rw, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": secs, "global": false})
		default:
			next.ServeHTTP(rw, r)
		}
		s.append(Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, Status: rw.status})
	})
}

func (s *Server) takeFailure(method, path string) (failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.failures {
		if f.method == method && f.path == path {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			return f, true
		}
	}
	return failure{}, false
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Server) append(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, r)
	s.notify()
}

// notify wakes waiters; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Requests returns what the fake has received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Wait returns the first request that matches, waiting up to 20 seconds for it: long enough
// for a picture read by the real OCR under the race detector on a busy machine, and only a
// failing test ever waits that long.
func (s *Server) Wait(t testing.TB, what string, match func(Request) bool) Request {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s.mu.Lock()
		for _, r := range s.log {
			if match(r) {
				s.mu.Unlock()
				return r
			}
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("discordtest: no %s within 5s; received:\n%s", what, s.summary())
			return Request{}
		}
	}
}

// WaitPath waits for a successful request with this method and path.
func (s *Server) WaitPath(t testing.TB, method, path string) Request {
	t.Helper()
	return s.Wait(t, method+" "+path, func(r Request) bool { return r.Method == method && r.Path == path && r.Status < 300 })
}

func (s *Server) summary() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		fmt.Fprintf(&b, "  %s %s -> %d\n", r.Method, r.Path, r.Status)
	}
	return b.String()
}

// bot requires the bot token, as Discord does on the endpoints that are not interaction webhooks.
func (s *Server) bot(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bot "+s.Token {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
			return
		}
		h(w, r)
	}
}

func (s *Server) wsURL() string { return "ws" + strings.TrimPrefix(s.URL, "http") + "/gateway/" }

func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"url": s.wsURL()})
}

func (s *Server) gatewayBot(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"url": s.wsURL(), "shards": 1,
		"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})
}

// commands answers a bulk overwrite with the commands as created.
func (s *Server) commands(w http.ResponseWriter, r *http.Request) {
	var cmds []map[string]any
	if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	for _, c := range cmds {
		c["id"] = s.id()
		c["application_id"] = r.PathValue("app")
		c["version"] = s.id()
		if g := r.PathValue("guild"); g != "" {
			c["guild_id"] = g
		}
	}
	writeJSON(w, http.StatusOK, cmds)
}

// message answers a message creation or edit with the message as Discord would store it.
func (s *Server) message(w http.ResponseWriter, r *http.Request, channel string) {
	var m map[string]any
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	out := map[string]any{"id": s.id(), "type": 0, "content": m["content"], "embeds": m["embeds"],
		"author": map[string]any{"id": s.BotID, "username": "factline", "bot": true}}
	if channel != "" {
		out["channel_id"] = channel
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) id() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

var upgrader = websocket.Upgrader{}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
}

// websocket runs one gateway connection: HELLO, then IDENTIFY (answered with READY) or RESUME
// (answered with RESUMED), then heartbeats acknowledged until the client goes.
func (s *Server) websocket(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
	defer s.drop(c)
	if c.send(opHello, "", 0, map[string]any{"heartbeat_interval": s.HeartbeatInterval.Milliseconds()}) != nil {
		return
	}
	for {
		var f frame
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		switch f.Op {
		case opHeartbeat:
			if c.send(opHeartbeatACK, "", 0, nil) != nil {
				return
			}
		case opIdentify:
			if !s.identify(c, f.D) {
				return
			}
		case opResume:
			if !s.resume(c, f.D) {
				return
			}
		}
	}
}

func (s *Server) identify(c *gwConn, d json.RawMessage) bool {
	var id struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(d, &id)
	s.append(Request{Method: GatewayMethod, Path: "IDENTIFY", Body: d})
	if id.Token != "Bot "+s.Token {
		c.mu.Lock()
		_ = c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		c.mu.Unlock()
		return false
	}
	s.mu.Lock()
	s.sessions++
	s.sessionID = fmt.Sprintf("session-%d", s.sessions)
	s.seq++
	seq, sid := s.seq, s.sessionID
	s.mu.Unlock()
	ready := map[string]any{"v": 9, "session_id": sid, "resume_gateway_url": s.wsURL(), "guilds": []any{},
		"user":        map[string]any{"id": s.BotID, "username": "factline", "discriminator": "0", "bot": true},
		"application": map[string]any{"id": s.AppID, "flags": 0}}
	if c.send(opDispatch, "READY", seq, ready) != nil {
		return false
	}
	s.setConn(c)
	return true
}

func (s *Server) resume(c *gwConn, d json.RawMessage) bool {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	_ = json.Unmarshal(d, &rs)
	s.append(Request{Method: GatewayMethod, Path: "RESUME", Body: d})
	s.mu.Lock()
	ok := rs.Token == "Bot "+s.Token && rs.SessionID == s.sessionID
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if !ok {
		return c.send(opInvalidSession, "", 0, false) == nil
	}
	if c.send(opDispatch, "RESUMED", seq, map[string]any{}) != nil {
		return false
	}
	s.setConn(c)
	return true
}

func (s *Server) setConn(c *gwConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn = c
	s.notify()
}

func (s *Server) drop(c *gwConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == c {
		s.conn = nil
	}
	_ = c.ws.Close()
}

// current waits up to 5 seconds for an identified (or resumed) connection.
func (s *Server) current(t testing.TB) *gwConn {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		s.mu.Lock()
		c, changed := s.conn, s.changed
		s.mu.Unlock()
		if c != nil {
			return c
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatal("discordtest: no gateway connection within 5s")
			return nil
		}
	}
}

// Dispatch sends an event (INTERACTION_CREATE, MESSAGE_CREATE...) with data d on the gateway,
// waiting for the client to be connected.
func (s *Server) Dispatch(t testing.TB, event string, d any) {
	t.Helper()
	c := s.current(t)
	s.mu.Lock()
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if err := c.send(opDispatch, event, seq, d); err != nil {
		t.Fatalf("discordtest: dispatch %s: %v", event, err)
	}
}

// Reconnect asks the client to reconnect (op 7), as Discord does before moving a session; the
// client is expected to come back with RESUME. Dispatches wait until it has.
func (s *Server) Reconnect(t testing.TB) {
	t.Helper()
	c := s.current(t)
	s.mu.Lock()
	if s.conn == c {
		s.conn = nil
	}
	s.mu.Unlock()
	if err := c.send(opReconnect, "", 0, nil); err != nil {
		t.Fatalf("discordtest: reconnect: %v", err)
	}
}
